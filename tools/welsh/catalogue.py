"""Welsh drafts for the last console words through the catalogue (issues #20 and #24): the
glance, overview, rounds and report pages, flash messages, the audit log's words, the
settings' error sentences and the Slack settings modal. Formal register, as NHS Wales
writes to staff ("chi")."""

CY: dict[str, str] = {
    # The settings' error sentences (bot/core/settings.py, schedule, terms, journey).
    "'{day}' is not a day of the week.": "Nid yw '{day}' yn ddiwrnod o'r wythnos.",
    "'{item}' is not SOURCE=PROFESSION, e.g. 'Nursing and Midwifery Registered=Nurse'.":
        "Nid yw '{item}' ar ffurf FFYNHONNELL=PROFFESIWN, e.e. 'Nursing and Midwifery "
        "Registered=Nyrs'.",
    "'{key}' is not a setting; the settings are {keys}.":
        "Nid yw '{key}' yn osodiad; y gosodiadau yw {keys}.",
    "'{name}' is not a time zone; use e.g. Europe/London.":
        "Nid yw '{name}' yn gylchfa amser; defnyddiwch e.e. Europe/London.",
    "'{part}' is not a term start: write e.g. 'first wednesday of august', several separated "
    "by ';'.":
        "Nid yw '{part}' yn ddechrau tymor: ysgrifennwch e.e. 'first wednesday of august', "
        "a gwahanwch sawl un â ';'.",
    "'{profession}' cannot be on both sides.": "Ni all '{profession}' fod ar y ddwy ochr.",
    "'{profession}' is not in the list of professions.":
        "Nid yw '{profession}' yn y rhestr o broffesiynau.",
    "'{source}' is mapped twice; keep one line for it.":
        "Mae '{source}' wedi'i fapio ddwywaith; cadwch un llinell ar ei gyfer.",
    "'{text}' is not a cadence; write e.g. 'monthly first monday 10:00', 'monthly day 15 "
    "09:30', 'fortnightly monday 10:00' or 'weekly friday 12:00'.":
        "Nid yw '{text}' yn amlder; ysgrifennwch e.e. 'monthly first monday 10:00', 'monthly "
        "day 15 09:30', 'fortnightly monday 10:00' neu 'weekly friday 12:00'.",
    "'{text}' is not a whole number.": "Nid yw '{text}' yn rhif cyfan.",
    "'{text}' is not an instrument id: lowercase letters, digits, '-', '_' and '.', e.g. "
    "pairbot-5.":
        "Nid yw '{text}' yn ddynodydd offeryn: llythrennau bach, digidau, '-', '_' a '.', "
        "e.e. pairbot-5.",
    "'{week}' only goes with 'monthly'.": "Dim ond gyda 'monthly' y mae '{week}' yn mynd.",
    "A day of the month only goes with 'monthly'.":
        "Dim ond gyda 'monthly' y mae diwrnod o'r mis yn mynd.",
    "A journey can have at most {most} meetings, this one has {count}.":
        "Gall taith gael {most} cyfarfod ar y mwyaf; mae gan hon {count}.",
    "A journey must be text or a list of theme ids.":
        "Rhaid i daith fod yn destun neu'n rhestr o ddynodwyr themâu.",
    "A journey needs at least one theme.": "Mae angen o leiaf un thema ar daith.",
    "A programme can list at most {count} {items}.":
        "Gall rhaglen restru {count} {items} ar y mwyaf.",
    "A term is 1 to 24 rounds.": "Mae tymor yn 1 i 24 cylch.",
    "A two-sided programme needs professions on side A and B.":
        "Mae angen proffesiynau ar ochr A ac ochr B mewn rhaglen ddwyochrog.",
    "Another programme here is already called '{name}'.":
        "Mae rhaglen arall yma eisoes o'r enw '{name}'.",
    "Capacity is 1 to 8 side-A partners per side-B member.":
        "Mae'r capasiti yn 1 i 8 partner ochr A i bob aelod ochr B.",
    "Choose {choices} or {last}.": "Dewiswch {choices} neu {last}.",
    "Enter a whole number from {low} to {high}.": "Rhowch rif cyfan o {low} i {high}.",
    "Enter a whole number.": "Rhowch rif cyfan.",
    "Evaluation is either on or off.": "Mae'r gwerthuso naill ai ymlaen (on) neu i ffwrdd (off).",
    "Format is either rotating or term.":
        "Mae'r fformat naill ai'n cylchdroi (rotating) neu'n dymor (term).",
    "Give the programme a name of 1 to 100 characters.":
        "Rhowch enw o 1 i 100 nod i'r rhaglen.",
    "Group size is 2, 3 or 4.": "Maint y grŵp yw 2, 3 neu 4.",
    "Journey entry #{number} must be a theme id or a mapping with 'theme' and 'title'.":
        "Rhaid i gofnod #{number} y daith fod yn ddynodydd thema neu'n fapiad gyda 'theme' a "
        "'title'.",
    "Keep a side's name under 60 characters.": "Cadwch enw ochr o dan 60 nod.",
    "Keep each name under {count} characters.": "Cadwch bob enw o dan {count} nod.",
    "Keep each {item} under {count} characters.": "Cadwch bob {item} o dan {count} nod.",
    "Keep it under {count} characters.": "Cadwch ef o dan {count} nod.",
    "Keep the journey under 1000 characters; shorten the custom titles.":
        "Cadwch y daith o dan 1000 nod; byrhewch y teitlau eich hun.",
    "List at least {count} {items}.": "Rhestrwch o leiaf {count} {items}.",
    "List at most 300 characters of term starts (about ten dates).":
        "Rhestrwch 300 nod ar y mwyaf o ddechreuadau tymor (tua deg dyddiad).",
    "List at most {count} pairs.": "Rhestrwch {count} pâr ar y mwyaf.",
    "Mode is either cross or two-sided.":
        "Mae'r modd naill ai'n draws-broffesiwn (cross) neu'n ddwyochrog (two-sided).",
    "Recency is 0 to 60 rounds.": "Mae'r cyfnod cyn cwrdd eto yn 0 i 60 cylch.",
    "Say which week of the month, e.g. 'monthly first monday 10:00'.":
        "Dywedwch pa wythnos o'r mis, e.e. 'monthly first monday 10:00'.",
    "The check-in comes 1 to 60 days after the intro.":
        "Daw'r gwiriad 1 i 60 diwrnod ar ôl y cyflwyniad.",
    "The custom title for {theme} is empty.": "Mae'r teitl eich hun ar gyfer {theme} yn wag.",
    "The custom title for {theme} is longer than {most} characters.":
        "Mae'r teitl eich hun ar gyfer {theme} yn hwy na {most} nod.",
    "The custom title for {theme} must not contain ';'.":
        "Ni chaiff y teitl eich hun ar gyfer {theme} gynnwys ';'.",
    "The day of the month must be 1 to 28, so every month has it.":
        "Rhaid i'r diwrnod o'r mis fod rhwng 1 a 28, fel bod pob mis yn ei gynnwys.",
    "The journey has an empty entry; separate theme ids with a single ';'.":
        "Mae cofnod gwag yn y daith; gwahanwch ddynodwyr themâu ag un ';'.",
    "There is no evaluation instrument '{instrument}'; this deployment offers {offered}.":
        "Nid oes offeryn gwerthuso '{instrument}'; mae'r gosodiad hwn yn cynnig {offered}.",
    "This cannot be empty.": "Ni all hwn fod yn wag.",
    "Unknown theme {theme} in the journey; choose from {themes}.":
        "Thema anhysbys {theme} yn y daith; dewiswch o {themes}.",
    "{setting} is either {on} or {off}.": "Mae {setting} naill ai'n {on} neu'n {off}.",
    "{time} is not a time of day.": "Nid yw {time} yn amser o'r dydd.",
    "one": "un",
    "two": "dau",
    "three": "tri",
    "profession": "proffesiwn",
    "professions": "proffesiwn",
    # The Slack settings modal and the Teams card.
    "Programme settings": "Gosodiadau'r rhaglen",
    "Settings: {programme}": "Gosodiadau: {programme}",
    "Changes apply from the next round. Every change is written to the audit log.":
        "Mae newidiadau'n dod i rym o'r cylch nesaf. Caiff pob newid ei gofnodi yn y log "
        "archwilio.",
    # Flash messages and refusals.
    "A copy with the same settings and no participants is ready; check its name and "
    "settings.":
        "Mae copi gyda'r un gosodiadau a dim cyfranogwyr yn barod; gwiriwch ei enw a'i "
        "osodiadau.",
    "Round {round} ran with nobody to introduce ({eligible} taking part), so nothing will be "
    "sent; cancel it below to keep the period free.":
        "Rhedodd cylch {round} heb neb i'w gyflwyno ({eligible} yn cymryd rhan), felly ni "
        "chaiff dim ei anfon; canslwch ef isod i gadw'r cyfnod yn rhydd.",
    "Round {round} started: {groups} groups, {people} people introduced, {left} left out. "
    "Introductions are on their way.":
        "Mae cylch {round} wedi dechrau: {groups} grŵp, {people} o bobl wedi'u cyflwyno, "
        "{left} wedi'u gadael allan. Mae'r cyflwyniadau ar eu ffordd.",
    "Settings saved.": "Gosodiadau wedi'u cadw.",
    "Sign in to use the console.": "Mewngofnodwch i ddefnyddio'r consol.",
    "The start date is after the end date; choose a start on or before the end.":
        "Mae'r dyddiad dechrau ar ôl y dyddiad gorffen; dewiswch ddechrau ar y diwedd neu "
        "cyn hynny.",
    "The {round} round is cancelled; nothing was sent and the {round} round can run.":
        "Mae cylch {round} wedi'i ganslo; ni anfonwyd dim a gall cylch {round} redeg.",
    "There is no such page in the console; start from the programmes.":
        "Nid oes tudalen o'r fath yn y consol; dechreuwch o'r rhaglenni.",
    "This form was refused because it did not carry the console's security token; reload "
    "the page and try again.":
        "Gwrthodwyd y ffurflen hon am nad oedd ganddi docyn diogelwch y consol; ail-lwythwch "
        "y dudalen a rhowch gynnig arall arni.",
    "Your console session has ended (it expired, or you were signed out), so nothing was "
    "saved: sign in again and make the change again.":
        "Mae eich sesiwn ar y consol wedi dod i ben (daeth i ben, neu cawsoch eich allgofnodi), "
        "felly ni chadwyd dim: mewngofnodwch eto a gwnewch y newid eto.",
    "{invited} invited, {updated} updated, {skipped} not invited again. The invitations go "
    "out at the platform's pace.":
        "{invited} wedi'u gwahodd, {updated} wedi'u diweddaru, {skipped} heb eu gwahodd eto. "
        "Mae'r gwahoddiadau'n mynd allan ar gyflymder y platfform.",
    "{names}: their term partnership ends now. From the next round they meet new people.":
        "{names}: mae eu partneriaeth tymor yn dod i ben nawr. O'r cylch nesaf byddant yn "
        "cwrdd â phobl newydd.",
    "{name} can now see the figures of {programme}, without changing anything.":
        "Gall {name} weld ffigurau {programme} nawr, heb newid dim.",
    "{name} is in a new group of the {round} round; their introduction is on its way.":
        "Mae {name} mewn grŵp newydd yng nghylch {round}; mae eu cyflwyniad ar ei ffordd.",
    "{name} is paused until someone resumes them.":
        "Mae {name} wedi'i oedi nes bod rhywun yn ei ailddechrau.",
    "{name} is paused until {day}.": "Mae {name} wedi'i oedi tan {day}.",
    "{name} is removed from this programme and their data in it erased; past groups keep an "
    "anonymous place.":
        "Mae {name} wedi'i dynnu o'r rhaglen hon a'i ddata ynddi wedi'u dileu; mae grwpiau'r "
        "gorffennol yn cadw lle dienw.",
    "{name} joins the group of {names}; the group is introduced again.":
        "Mae {name} yn ymuno â grŵp {names}; caiff y grŵp ei gyflwyno eto.",
    "{name} no longer has a role on {programme}.":
        "Nid oes gan {name} rôl ar {programme} mwyach.",
    "{name} now organises {programme}.": "Mae {name} yn trefnu {programme} nawr.",
    "{name} takes part again from the next round.":
        "Mae {name} yn cymryd rhan eto o'r cylch nesaf.",
    "{programme} is already archived.": "Mae {programme} wedi'i archifo eisoes.",
    "{programme} is archived: its figures and reports stay, and no round will run.":
        "Mae {programme} wedi'i archifo: mae ei ffigurau a'i adroddiadau'n aros, ac ni fydd "
        "yr un cylch yn rhedeg.",
    "{programme} is created.": "Mae {programme} wedi'i chreu.",
    "{programme} is paused: no round will run until you resume it.":
        "Mae {programme} wedi'i oedi: ni fydd yr un cylch yn rhedeg nes i chi ei ailddechrau.",
    "{programme} is running again; next round on {day}.":
        "Mae {programme} yn rhedeg eto; y cylch nesaf ar {day}.",
    "Someone": "Rhywun",
    "The group": "Y grŵp",
    # The audit log's words.
    "Added a late joiner to a group": "Ychwanegu rhywun a ymunodd yn hwyr at grŵp",
    "An organiser ({user}, console)": "Trefnydd ({user}, consol)",
    "Archived the programme": "Archifo'r rhaglen",
    "Cancelled a round": "Canslo cylch",
    "Changed settings": "Newid gosodiadau",
    "Changed the wording": "Newid y geiriad",
    "Created the programme": "Creu'r rhaglen",
    "Duplicated the programme": "Dyblygu'r rhaglen",
    "Ended a term partnership early": "Dod â phartneriaeth tymor i ben yn gynnar",
    "Gave someone a role": "Rhoi rôl i rywun",
    "Looked at the figures": "Edrych ar y ffigurau",
    "Paused someone": "Oedi rhywun",
    "Paused the programme": "Oedi'r rhaglen",
    "Previewed a round": "Rhagweld cylch",
    "Ran a round": "Rhedeg cylch",
    "Re-matched someone": "Paru rhywun eto",
    "Removed someone": "Tynnu rhywun",
    "Reset the wording": "Ailosod y geiriad",
    "Resumed someone": "Ailddechrau rhywun",
    "Resumed the programme": "Ailddechrau'r rhaglen",
    "The command line": "Y llinell orchymyn",
    "The operator (token)": "Y gweithredwr (tocyn)",
    "Took someone's role away": "Tynnu rôl rhywun",
    "Set someone's line manager": "Gosod rheolwr llinell rhywun",
    "line manager": "rheolwr llinell",
    "no change": "dim newid",
    "none": "dim",
    "round {round}": "cylch {round}",
    "someone who has left": "rhywun sydd wedi gadael",
    "{action} ({count} times)": "{action} ({count} gwaith)",
    # When an audit entry was made: "30 November 2026, 18:00 GMT".
    "{day}, {time} {zone}": "{day}, {time} {zone}",
    "{name} (chat)": "{name} (sgwrs)",
    "{name} (console)": "{name} (consol)",
    # A round's words: its name, state, certificate and answers.
    "week {week} of {year}": "wythnos {week} o {year}",
    "{day} if run now; scheduled for {scheduled}":
        "{day} os caiff ei redeg nawr; wedi'i drefnu ar gyfer {scheduled}",
    "cancelled": "wedi'i ganslo",
    "introductions sent": "cyflwyniadau wedi'u hanfon",
    "nothing sent yet": "dim wedi'i anfon eto",
    "sending introductions": "yn anfon cyflwyniadau",
    "someone who left": "rhywun a adawodd",
    "met": "wedi cwrdd",
    "scheduled": "wedi'i drefnu",
    "not yet": "ddim eto",
    "not happening": "ddim yn digwydd",
    "Scheduled": "Wedi'i drefnu",
    "No group was introduced.": "Ni chyflwynwyd yr un grŵp.",
    "Met rate: check-ins not yet due.":
        "Cyfradd cwrdd: nid yw'r gwiriadau'n ddyledus eto.",
    "Met rate: not shown for fewer than {count} people.":
        "Cyfradd cwrdd: ni chaiff ei dangos i lai na {count} o bobl.",
    "Met rate: {rate}% ({met} of {groups} groups met); {answered}% of groups answered the "
    "check-in.":
        "Cyfradd cwrdd: {rate}% ({met} o {groups} grŵp wedi cwrdd); atebodd {answered}% o'r "
        "grwpiau'r gwiriad.",
    "Proven best: no other grouping that places as many people scores more than {score} "
    "points.":
        "Y gorau, wedi'i brofi: nid oes yr un grwpio arall sy'n lleoli cymaint o bobl yn sgorio "
        "mwy na {score} pwynt.",
    "Not proven best: {score} points, and no upper bound was worked out for this round.":
        "Heb ei brofi'n orau: {score} pwynt, ac ni chyfrifwyd terfyn uchaf ar gyfer y cylch "
        "hwn.",
    "Not proven best: {score} points, at most {gap} points ({share}%) below the best "
    "possible (upper bound {bound}).":
        "Heb ei brofi'n orau: {score} pwynt, {gap} pwynt ({share}%) ar y mwyaf islaw'r gorau "
        "posibl (terfyn uchaf {bound}).",
    "Every group of this term is full, and nobody else new this round could meet you.":
        "Mae pob grŵp y tymor hwn yn llawn, ac nid oedd neb arall newydd y cylch hwn yn gallu "
        "cwrdd â chi.",
    # The glance, the overview and the report.
    "(printable, or as a PDF)": "(i'w argraffu, neu fel PDF)",
    "({count} so far).": "({count} hyd yma).",
    ", about {people} people in {groups} groups": ", tua {people} o bobl mewn {groups} grŵp",
    "A pair counts when its group answered that they met ({count} in the period).":
        "Mae pâr yn cyfrif pan atebodd ei grŵp eu bod wedi cwrdd ({count} yn y cyfnod).",
    "All programmes": "Pob rhaglen",
    "All programmes at a glance": "Pob rhaglen ar yr olwg gyntaf",
    "Among the professions people joined with:": "Ymhlith y proffesiynau yr ymunodd pobl â nhw:",
    "Answered": "Wedi ateb",
    "Average answer to \"how much did you learn about their role\" (1 to 5)":
        "Ateb cyfartalog i \"faint ddysgoch chi am eu rôl\" (1 i 5)",
    "Average learning": "Dysgu cyfartalog",
    "Average learning (1 to 5)": "Dysgu cyfartalog (1 i 5)",
    "Average learning score per round (1 to 5)": "Sgôr dysgu cyfartalog fesul cylch (1 i 5)",
    "Back to {programme}": "Yn ôl i {programme}",
    "Barriers between us": "Rhwystrau rhyngom",
    "Before and after": "Cyn ac ar ôl",
    "Change": "Newid",
    "Change from joining to the latest follow-up": "Newid o ymuno i'r dilyniant diweddaraf",
    "Confidence working together": "Hyder wrth gydweithio",
    "Counted from check-in answers: a pair counts when its group answered":
        "Wedi'i gyfrif o atebion y gwiriad: mae pâr yn cyfrif pan atebodd ei grŵp",
    "Counted from introductions, whether or not they met ({count}).":
        "Wedi'i gyfrif o gyflwyniadau, p'un a wnaethant gwrdd ai peidio ({count}).",
    "Download as PDF": "Llwytho i lawr fel PDF",
    "Each group counts once, by its best answer: met, else scheduled, else not happening, "
    "else no answer. The share of groups that answered the check-in is shown separately. No "
    "rate is shown before a round's check-ins are due, nor for fewer than 5 people.":
        "Mae pob grŵp yn cyfrif unwaith, yn ôl ei ateb gorau: wedi cwrdd, fel arall wedi'i "
        "drefnu, fel arall ddim yn digwydd, fel arall dim ateb. Dangosir cyfran y grwpiau a "
        "atebodd y gwiriad ar wahân. Ni ddangosir cyfradd cyn i wiriadau cylch fod yn "
        "ddyledus, nac ar gyfer llai na 5 o bobl.",
    "Every pair of professions here has met at least once.":
        "Mae pob pâr o broffesiynau yma wedi cwrdd o leiaf unwaith.",
    "Export:": "Allforio:",
    "Fewer than 5 people": "Llai na 5 o bobl",
    "Fewer than 5 people answered before and after": "Atebodd llai na 5 o bobl cyn ac ar ôl",
    "From": "O",
    "Groups": "Grwpiau",
    "Groups answered": "Grwpiau a atebodd",
    "Groups introduced": "Grwpiau a gyflwynwyd",
    "Groups met": "Grwpiau a gyfarfu",
    "Groups per round by answer": "Grwpiau fesul cylch yn ôl ateb",
    "Groups per round by their check-in answer": "Grwpiau fesul cylch yn ôl ateb eu gwiriad",
    "Groups that met, by the theme of their meeting (met groups over groups introduced)":
        "Grwpiau a gyfarfu, yn ôl thema eu cyfarfod (grwpiau a gyfarfu dros y grwpiau a "
        "gyflwynwyd)",
    "Introductions": "Cyflwyniadau",
    "Latest follow-up": "Dilyniant diweddaraf",
    "Learning score": "Sgôr dysgu",
    "Learning score per round": "Sgôr dysgu fesul cylch",
    "Manage the programmes": "Rheoli'r rhaglenni",
    "Met rate": "Cyfradd cwrdd",
    "Met rate per round": "Cyfradd cwrdd fesul cylch",
    "Met rate per theme": "Cyfradd cwrdd fesul thema",
    "Met rate: the share of a round's groups introduced in which someone answered that they "
    "met.":
        "Cyfradd cwrdd: cyfran y grwpiau a gyflwynwyd mewn cylch lle atebodd rhywun eu bod "
        "wedi cwrdd.",
    "Next round:": "Y cylch nesaf:",
    "No data yet.": "Dim data eto.",
    "No rate is shown before a round's check-ins are due, nor for fewer than 5 people.":
        "Ni ddangosir cyfradd cyn i wiriadau cylch fod yn ddyledus, nac ar gyfer llai na 5 o "
        "bobl.",
    "No round has run yet: the chart appears after the first round.":
        "Nid oes yr un cylch wedi rhedeg eto: mae'r siart yn ymddangos ar ôl y cylch cyntaf.",
    "No round started in this period.": "Ni ddechreuodd yr un cylch yn y cyfnod hwn.",
    "No theme": "Dim thema",
    "Nobody has joined yet.": "Nid oes neb wedi ymuno eto.",
    "Not met yet: {pairs}.": "Heb gwrdd eto: {pairs}.",
    "Nothing to show: fewer than 5 people answered, or nobody chose to share.":
        "Dim i'w ddangos: atebodd llai na 5 o bobl, neu ni ddewisodd neb rannu.",
    "Participants over time": "Cyfranogwyr dros amser",
    "People": "Pobl",
    "People taking part": "Pobl sy'n cymryd rhan",
    "People taking part in each round, and now": "Pobl sy'n cymryd rhan ym mhob cylch, a nawr",
    "People taking part in each round, and participants now":
        "Pobl sy'n cymryd rhan ym mhob cylch, a'r cyfranogwyr nawr",
    "Professions introduced to each other (introductions, not meetings)":
        "Proffesiynau a gyflwynwyd i'w gilydd (cyflwyniadau, nid cyfarfodydd)",
    "Professions that actually met (from check-in answers)":
        "Proffesiynau a gyfarfu mewn gwirionedd (o atebion y gwiriad)",
    "Professions that have not met yet": "Proffesiynau sydd heb gwrdd eto",
    "Professions that met (from check-in answers)":
        "Proffesiynau a gyfarfu (o atebion y gwiriad)",
    "Programmes you organise, {start} to {end}": "Rhaglenni rydych yn eu trefnu, {start} i {end}",
    "Report for the board": "Adroddiad i'r bwrdd",
    "Report – {programme}": "Adroddiad – {programme}",
    "Round": "Cylch",
    "Rounds that started from {start} to {end}. People taking part: everyone in a group "
    "introduced then, each counted once. Met rate: the share of groups introduced in which "
    "someone answered that they met, among groups whose check-in is due (not shown for fewer "
    "than 5 people). Before and after: the average change in self-rated understanding (1 to "
    "5) from joining to the latest follow-up, over the questions at least 5 people answered "
    "both times.":
        "Cylchoedd a ddechreuodd o {start} i {end}. Pobl sy'n cymryd rhan: pawb mewn grŵp a "
        "gyflwynwyd bryd hynny, pob un wedi'i gyfrif unwaith. Cyfradd cwrdd: cyfran y grwpiau "
        "a gyflwynwyd lle atebodd rhywun eu bod wedi cwrdd, ymhlith y grwpiau y mae eu gwiriad "
        "yn ddyledus (ni chaiff ei dangos i lai na 5 o bobl). Cyn ac ar ôl: y newid cyfartalog "
        "yn y ddealltwriaeth a aseswyd gan bobl eu hunain (1 i 5) o ymuno i'r dilyniant "
        "diweddaraf, dros y cwestiynau yr atebodd o leiaf 5 o bobl y ddau dro.",
    "See the programmes": "Gweld y rhaglenni",
    "Self-rated understanding (1 to 5) when people joined and at the end of their latest "
    "term, for the people who answered both times. No figure is shown for fewer than 5 "
    "people, and nobody's own answers are shown.":
        "Dealltwriaeth a aseswyd gan bobl eu hunain (1 i 5) pan wnaethant ymuno ac ar ddiwedd "
        "eu tymor diweddaraf, ar gyfer y bobl a atebodd y ddau dro. Ni ddangosir ffigur ar "
        "gyfer llai na 5 o bobl, ac ni ddangosir atebion neb yn unigol.",
    "Self-rated understanding (1 to 5) when people joined and at their latest follow-up, for "
    "those who answered both times (the whole programme, not only this period). No figure "
    "for fewer than 5 people.":
        "Dealltwriaeth a aseswyd gan bobl eu hunain (1 i 5) pan wnaethant ymuno ac yn eu "
        "dilyniant diweddaraf, ar gyfer y rhai a atebodd y ddau dro (y rhaglen gyfan, nid y "
        "cyfnod hwn yn unig). Dim ffigur ar gyfer llai na 5 o bobl.",
    "Show": "Dangos",
    "Show this period": "Dangos y cyfnod hwn",
    "Their challenges": "Eu heriau",
    "Their role": "Eu rôl",
    "Their values": "Eu gwerthoedd",
    "Theme": "Thema",
    "To": "I",
    "What people learned (shared anonymously)": "Yr hyn a ddysgodd pobl (wedi'i rannu'n ddienw)",
    "When joining": "Wrth ymuno",
    "Which professions met": "Pa broffesiynau a gyfarfu",
    "Who met": "Pwy a gyfarfu",
    "check-ins not yet due": "gwiriadau heb fod yn ddyledus eto",
    "from {day}": "o {day}",
    "last round ({round}): check-ins not yet due":
        "y cylch diwethaf ({round}): gwiriadau heb fod yn ddyledus eto",
    "last round ({round}): met rate not shown for fewer than 5 people":
        "y cylch diwethaf ({round}): ni ddangosir y gyfradd cwrdd i lai na 5 o bobl",
    "met in the last round": "wedi cwrdd yn y cylch diwethaf",
    "no answers": "dim atebion",
    "not enough answers": "dim digon o atebion",
    "not shown for fewer than 5 people": "ni chaiff ei ddangos i lai na 5 o bobl",
    "now": "nawr",
    "of groups met in the last round ({round})":
        "o'r grwpiau wedi cwrdd yn y cylch diwethaf ({round})",
    "of {asked} groups made an agreement at the start":
        "o {asked} grŵp wedi gwneud cytundeb ar y dechrau",
    "participants ({active} active)": "cyfranogwr ({active} yn weithredol)",
    "participants now ({active} active)": "cyfranogwr nawr ({active} yn weithredol)",
    "since the programme began": "ers i'r rhaglen ddechrau",
    "up to {day}": "hyd at {day}",
    "{met} of {groups}": "{met} o {groups}",
    "{mode} programme · rounds {period} · made on {day}":
        "Rhaglen {mode} · cylchoedd {period} · wedi'i llunio ar {day}",
    "{programme}: report": "{programme}: adroddiad",
    "{start} to {end}": "{start} i {end}",
    # The console's refusals.
    "Choose a person and a group; nothing was changed.":
        "Dewiswch berson a grŵp; ni newidiwyd dim.",
    "Choose a person from the list; nothing was changed.":
        "Dewiswch berson o'r rhestr; ni newidiwyd dim.",
    "Give the pause's end as a date, e.g. 2027-01-31.":
        "Rhowch ddiwedd yr oedi fel dyddiad, e.e. 2027-01-31.",
    "Only the operator can sign everyone out of the console.":
        "Dim ond y gweithredwr all allgofnodi pawb o'r consol.",
    "That token is wrong: check PAIRBOT_ADMIN_TOKEN and try again.":
        "Mae'r tocyn hwnnw'n anghywir: gwiriwch PAIRBOT_ADMIN_TOKEN a rhowch gynnig arall "
        "arni.",
    "That token is wrong: check PAIRBOT_ADMIN_TOKEN.":
        "Mae'r tocyn hwnnw'n anghywir: gwiriwch PAIRBOT_ADMIN_TOKEN.",
    "The end date must be written YYYY-MM-DD, such as 2026-09-01.":
        "Rhaid ysgrifennu'r dyddiad gorffen fel BBBB-MM-DD, er enghraifft 2026-09-01.",
    "The start date must be written YYYY-MM-DD, such as 2026-09-01.":
        "Rhaid ysgrifennu'r dyddiad dechrau fel BBBB-MM-DD, er enghraifft 2026-09-01.",
    "There is no '{kind}' export; there are {kinds}.":
        "Nid oes allforyn '{kind}'; mae'r rhain ar gael: {kinds}.",
    "There is no such file.": "Nid oes ffeil o'r fath.",
    "Tick the box to confirm that the round should be cancelled; nothing was changed.":
        "Ticiwch y blwch i gadarnhau y dylid canslo'r cylch; ni newidiwyd dim.",
    "Tick the box to confirm that the round should run now; nothing was sent.":
        "Ticiwch y blwch i gadarnhau y dylai'r cylch redeg nawr; ni anfonwyd dim.",
    "Tick the box to confirm that this partnership should end early; nothing was changed.":
        "Ticiwch y blwch i gadarnhau y dylai'r bartneriaeth hon ddod i ben yn gynnar; ni "
        "newidiwyd dim.",
    "Tick the box to confirm that this person should be re-matched; nothing was changed.":
        "Ticiwch y blwch i gadarnhau y dylid paru'r person hwn eto; ni newidiwyd dim.",
    "Tick the box to confirm that this person should join the group; nothing was changed.":
        "Ticiwch y blwch i gadarnhau y dylai'r person hwn ymuno â'r grŵp; ni newidiwyd dim.",
    "Tick the box to confirm the archiving; nothing was changed.":
        "Ticiwch y blwch i gadarnhau'r archifo; ni newidiwyd dim.",
    "Tick the box to confirm the removal; nothing was changed.":
        "Ticiwch y blwch i gadarnhau'r tynnu; ni newidiwyd dim.",
    "Token sign-in is off: the operator has not set PAIRBOT_ADMIN_TOKEN.":
        "Mae mewngofnodi â thocyn wedi'i ddiffodd: nid yw'r gweithredwr wedi gosod "
        "PAIRBOT_ADMIN_TOKEN.",
    "'{action}' is not something the console can do to a participant.":
        "Nid yw '{action}' yn rhywbeth y gall y consol ei wneud i gyfranogwr.",
    "A programme needs an organiser: add another organiser before removing the last one; "
    "nothing was changed.":
        "Mae angen trefnydd ar raglen: ychwanegwch drefnydd arall cyn tynnu'r un olaf; ni "
        "newidiwyd dim.",
    "Choose whether they organise the programme or only see its figures; nothing was "
    "changed.":
        "Dewiswch a ydynt yn trefnu'r rhaglen neu'n gweld ei ffigurau yn unig; ni newidiwyd "
        "dim.",
    "Nobody free in the {round} round can meet {name} under the programme's rules; nothing "
    "was changed.":
        "Nid oes neb sy'n rhydd yng nghylch {round} yn gallu cwrdd â {name} o dan reolau'r "
        "rhaglen; ni newidiwyd dim.",
    "Only a group of the latest round can be re-matched, until the next round; the {round} "
    "round is over. Nothing was changed.":
        "Dim ond grŵp o'r cylch diweddaraf y gellir ei baru eto, tan y cylch nesaf; mae cylch "
        "{round} wedi dod i ben. Ni newidiwyd dim.",
    "Only a group of the latest round can take someone, until the next round; the {round} "
    "round is over. Nothing was changed.":
        "Dim ond grŵp o'r cylch diweddaraf all dderbyn rhywun, tan y cylch nesaf; mae cylch "
        "{round} wedi dod i ben. Ni newidiwyd dim.",
    "Only a group of the latest round of a term can be ended early; nothing was changed.":
        "Dim ond grŵp o gylch diweddaraf tymor y gellir dod ag ef i ben yn gynnar; ni "
        "newidiwyd dim.",
    "That group has no room; choose another. Nothing was changed.":
        "Nid oes lle yn y grŵp hwnnw; dewiswch un arall. Ni newidiwyd dim.",
    "That group is not in this programme.": "Nid yw'r grŵp hwnnw yn y rhaglen hon.",
    "That partnership has already been ended; nothing was changed.":
        "Mae'r bartneriaeth honno eisoes wedi dod i ben; ni newidiwyd dim.",
    "That person has no role on this programme any more; nothing was changed.":
        "Nid oes gan y person hwnnw rôl ar y rhaglen hon mwyach; ni newidiwyd dim.",
    "That person is not in this group any more.": "Nid yw'r person hwnnw yn y grŵp hwn mwyach.",
    "That person is not known in this programme's workspace; choose someone from the list.":
        "Nid yw'r person hwnnw'n hysbys yng ngweithle'r rhaglen hon; dewiswch rywun o'r "
        "rhestr.",
    "The programme's rules do not let {name} join that group (profession or side, a recent "
    "meeting, a line manager or a do-not-pair choice); nothing was changed.":
        "Nid yw rheolau'r rhaglen yn gadael i {name} ymuno â'r grŵp hwnnw (proffesiwn neu "
        "ochr, cyfarfod diweddar, rheolwr llinell neu ddewis i beidio â pharu); ni newidiwyd "
        "dim.",
    "The {round} round has already sent its messages, so it cannot be cancelled.":
        "Mae cylch {round} eisoes wedi anfon ei negeseuon, felly ni ellir ei ganslo.",
    "The {round} round has already sent {count} messages, so it cannot be cancelled.":
        "Mae cylch {round} eisoes wedi anfon {count} neges, felly ni ellir ei ganslo.",
    "There is no programme with that number.": "Nid oes rhaglen â'r rhif hwnnw.",
    "There is no round to cancel.": "Nid oes cylch i'w ganslo.",
    "You can see {programme}'s figures but not change anything: ask one of its organisers to "
    "make you an organiser; nothing was changed.":
        "Gallwch weld ffigurau {programme} ond nid newid dim: gofynnwch i un o'i threfnwyr "
        "eich gwneud yn drefnydd; ni newidiwyd dim.",
    "You cannot create a programme in that workspace.":
        "Ni allwch greu rhaglen yn y gweithle hwnnw.",
    "You do not organise {programme}: only its organisers, and admins of its workspace, can "
    "see it.":
        "Nid ydych yn trefnu {programme}: dim ond ei threfnwyr, a gweinyddwyr ei gweithle, "
        "all ei gweld.",
    "{name} cannot be resumed: the platform can no longer reach them. They take part again "
    "if they join again themselves; nothing was changed.":
        "Ni ellir ailddechrau {name}: ni all y platfform eu cyrraedd mwyach. Byddant yn "
        "cymryd rhan eto os byddant yn ymuno eto eu hunain; ni newidiwyd dim.",
    "{name} is already in a group of the {round} round; nothing was changed.":
        "Mae {name} eisoes mewn grŵp yng nghylch {round}; ni newidiwyd dim.",
    "{name} is already in a new group of this round; nothing was changed.":
        "Mae {name} eisoes mewn grŵp newydd yn y cylch hwn; ni newidiwyd dim.",
    "{name} is not taking part now (paused, or the platform cannot reach them); nothing was "
    "changed.":
        "Nid yw {name} yn cymryd rhan nawr (wedi oedi, neu ni all y platfform eu cyrraedd); "
        "ni newidiwyd dim.",
    "{name} is not taking part now; nothing was changed.":
        "Nid yw {name} yn cymryd rhan nawr; ni newidiwyd dim.",
    "{name}'s group is still going: re-match someone only when their partner left or never "
    "answered the check-in. Nothing was changed.":
        "Mae grŵp {name} yn dal i fynd: parwch rywun eto dim ond pan fydd eu partner wedi "
        "gadael neu heb ateb y gwiriad erioed. Ni newidiwyd dim.",
    "{programme} is archived; duplicate it to run it again.":
        "Mae {programme} wedi'i archifo; dyblygwch ef i'w redeg eto.",
    # Page titles.
    "Everyone is signed out": "Mae pawb wedi'u hallgofnodi",
    "Organisers and viewers – {programme}": "Trefnwyr a gwylwyr – {programme}",
    "Outcomes – {programme}": "Canlyniadau – {programme}",
    "Settings – {programme}": "Gosodiadau – {programme}",
    # File names keep their English names: the links download these files.
    "matches.csv": "matches.csv",
    "participants.csv": "participants.csv",
    "learnings.csv": "learnings.csv",
    "evaluation.csv": "evaluation.csv",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "Too many sign-in attempts from your address; wait {count} minute and try again.": (
        "Gormod o ymdrechion i fewngofnodi o'ch cyfeiriad; arhoswch {count} munud a rhowch "
        "gynnig arall arni.",) * 6,
    "{count} console session ended, yours included; everyone signs in again.": (
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto.",
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto.",
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto.",
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto.",
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto.",
        "Daeth {count} sesiwn ar y consol i ben, gan gynnwys eich un chi; mae pawb yn "
        "mewngofnodi eto."),
    "(over {count} question)": (
        "(dros {count} cwestiwn)", "(dros {count} cwestiwn)", "(dros {count} gwestiwn)",
        "(dros {count} cwestiwn)", "(dros {count} chwestiwn)", "(dros {count} cwestiwn)"),
    "group introduced": (
        "grŵp wedi'u cyflwyno", "grŵp wedi'i gyflwyno", "grŵp wedi'u cyflwyno",
        "grŵp wedi'u cyflwyno", "grŵp wedi'u cyflwyno", "grŵp wedi'u cyflwyno"),
    "round": ("cylch", "cylch", "gylch", "chylch", "chylch", "cylch"),
    "round in the period": (
        "cylch yn y cyfnod", "cylch yn y cyfnod", "gylch yn y cyfnod", "chylch yn y cyfnod",
        "chylch yn y cyfnod", "cylch yn y cyfnod"),
}
