"""Welsh drafts for the wording organisers edit and the console's own words (issue #24).
Formal register ("chi"), as NHS Wales writes to staff; for review by a Welsh speaker."""

CY: dict[str, str] = {
    # The editable texts and their page (bot/core/editable.py, bot/web/console/wording.py).
    "A brace does not close: write a placeholder as {example}, and a brace itself as {{ or }}.":
        "Nid yw cromfach yn cau: ysgrifennwch ddalfan fel {example}, a chromfach ei hun fel "
        "{{ neu }}.",
    "Alex Morgan": "Alex Morgan",
    "As Slack shows it": "Fel y mae Slack yn ei ddangos",
    "As Teams shows it": "Fel y mae Teams yn ei ddangos",
    "Asked after the meeting, above the buttons to answer it (a reminder starts with "
    "\u201cReminder:\u201d).":
        "Gofynnir ar ôl y cyfarfod, uwchben y botymau i'w ateb (mae nodyn atgoffa yn dechrau "
        "gyda \u201cNodyn atgoffa:\u201d).",
    "Keep it to {limit} characters; this is {count}.":
        "Cadwch at {limit} nod; mae hwn yn {count}.",
    "Keep {missing} in the text: people need it to know what the message is about.":
        "Cadwch {missing} yn y testun: mae ei angen ar bobl i wybod am beth mae'r neges.",
    "Language of the messages": "Iaith y negeseuon",
    "Nurse": "Nyrs",
    "Physiotherapist": "Ffisiotherapydd",
    "Placeholders you may use:": "Dalfannau y gallwch eu defnyddio:",
    "Preview": "Rhagolwg",
    "Preview of the text typed above; it is not saved yet.":
        "Rhagolwg o'r testun a deipiwyd uchod; nid yw wedi'i gadw eto.",
    "Preview of {text}": "Rhagolwg o {text}",
    "Reminder: {question}": "Nodyn atgoffa: {question}",
    "Required:": "Gofynnol:",
    "Reset to the default": "Ailosod i'r testun diofyn",
    "Reword four of the messages pairbot sends for this programme. People read them exactly "
    "as you type them: formatting marks and mentions are shown as typed, never acted on. Edits "
    "apply to the next messages sent.":
        "Newidiwch eiriad pedair o'r negeseuon y mae pairbot yn eu hanfon ar gyfer y rhaglen "
        "hon. Mae pobl yn eu darllen yn union fel rydych chi'n eu teipio: mae nodau fformatio "
        "a chyfeiriadau at bobl yn cael eu dangos fel y'u teipiwyd, heb weithredu arnynt. Mae "
        "newidiadau'n berthnasol i'r negeseuon nesaf a anfonir.",
    "Sam Rees": "Sam Rees",
    "Sent the day before a round, above the button to skip it.":
        "Anfonir y diwrnod cyn cylch, uwchben y botwm i'w hepgor.",
    "Sent to the people an organiser imports, above what the import said about them and the "
    "buttons to accept or decline.":
        "Anfonir at y bobl y mae trefnydd yn eu mewnforio, uwchben yr hyn a ddywedodd y "
        "mewnforio amdanynt a'r botymau i dderbyn neu wrthod.",
    "Text": "Testun",
    "The check-in question": "Cwestiwn y gwiriad",
    "The default text": "Y testun diofyn",
    "The first sentence of every introduction, above the people and their questions.":
        "Brawddeg gyntaf pob cyflwyniad, uwchben y bobl a'u cwestiynau.",
    "The heads-up": "Y rhybudd ymlaen llaw",
    "The introduction's opening": "Agoriad y cyflwyniad",
    "The invitation": "Y gwahoddiad",
    "The next {programme} round is on {round_date}: you'll be introduced to someone from "
    "another profession. Away or too busy? Skip just this round.":
        "Mae cylch nesaf {programme} ar {round_date}: byddwch yn cael eich cyflwyno i rywun o "
        "broffesiwn arall. I ffwrdd neu'n rhy brysur? Hepgorwch y cylch hwn yn unig.",
    "The wording was not saved": "Ni chadwyd y geiriad",
    "There is no such text to edit.": "Does dim testun o'r fath i'w olygu.",
    "What does a good day at work look like for you?":
        "Sut beth yw diwrnod da yn y gwaith i chi?",
    "Wording": "Geiriad",
    "Wording – {programme}": "Geiriad – {programme}",
    "Write the text, or reset it to the default.":
        "Ysgrifennwch y testun, neu ei ailosod i'r testun diofyn.",
    "edited": "wedi'i olygu",
    "the day of the check-in": "diwrnod y gwiriad",
    "the day of the round": "diwrnod y cylch",
    "the last day to accept (empty when the invitation does not lapse)":
        "y diwrnod olaf i dderbyn (yn wag pan nad yw'r gwahoddiad yn dod i ben)",
    "the names of the people introduced": "enwau'r bobl a gyflwynir",
    "the programme's name": "enw'r rhaglen",
    "this meeting's theme (empty when the programme has no themes)":
        "thema'r cyfarfod hwn (yn wag pan nad oes gan y rhaglen themâu)",
    "{placeholder} is not a placeholder of this text; it may use {allowed}.":
        "Nid yw {placeholder} yn ddalfan yn y testun hwn; gall ddefnyddio {allowed}.",
    "{text} is back to the default.": "Mae {text} yn ôl i'r testun diofyn.",
    "{text} is saved: the next messages use it.":
        "Mae {text} wedi'i gadw: mae'r negeseuon nesaf yn ei ddefnyddio.",
    "{text} was already the default.": "Roedd {text} eisoes yn destun diofyn.",
    # The console's frame, sign-in and error pages (bot/web/console/templates).
    "At a glance": "Cipolwg",
    "Audit log": "Log archwilio",
    "Back to sign in": "Yn ôl i fewngofnodi",
    "Back to the programmes": "Yn ôl i'r rhaglenni",
    "Invite people": "Gwahodd pobl",
    "Console language": "Iaith y consol",
    "Main": "Prif lywio",
    "Needs attention": "Angen sylw",
    "No sign-in is configured: the operator sets {token}, or {url} with the Slack or Teams app "
    "credentials.":
        "Nid oes modd mewngofnodi wedi'i ffurfweddu: mae'r gweithredwr yn gosod {token}, neu "
        "{url} gyda manylion ap Slack neu Teams.",
    "Not allowed": "Dim caniatâd",
    "Not found": "Heb ei ganfod",
    "Operator sign-in": "Mewngofnodi'r gweithredwr",
    "Operator token ({variable})": "Tocyn y gweithredwr ({variable})",
    "Organisers sign in with the account they use for the bot:":
        "Mae trefnwyr yn mewngofnodi gyda'r cyfrif y maen nhw'n ei ddefnyddio ar gyfer y bot:",
    "Overview": "Trosolwg",
    "Participants": "Cyfranogwyr",
    "Programmes": "Rhaglenni",
    "Rounds": "Cylchoedd",
    "Settings": "Gosodiadau",
    "Sign in": "Mewngofnodi",
    "Sign in to the organiser console": "Mewngofnodi i gonsol y trefnwyr",
    "Sign in with the token": "Mewngofnodi gyda'r tocyn",
    "Sign in with {provider}": "Mewngofnodi gyda {provider}",
    "Sign out": "Allgofnodi",
    "Sign out now": "Allgofnodi nawr",
    "Sign-in failed": "Methodd y mewngofnodi",
    "Signed in as {name}": "Wedi mewngofnodi fel {name}",
    "Skip to content": "Neidio i'r cynnwys",
    "Too many attempts": "Gormod o ymdrechion",
    "You are signed out.": "Rydych chi wedi allgofnodi.",
    "console": "consol",
    "pairbot console": "consol pairbot",
    # Programme settings (bot/core/settings.py): labels, help, sections and choices. Example
    # values (cadences, term dates, theme ids) stay in English: the parser reads them so.
    "0 to 5; 0: none.": "0 i 5; 0: dim.",
    "0 to 60.": "0 i 60.",
    "1 to 24.": "1 i 24.",
    "1 to 60.": "1 i 60.",
    "15 to 240.": "15 i 240.",
    "2 people": "2 berson",
    "3 people": "3 pherson",
    "4 people": "4 person",
    "An instrument id, e.g. pairbot-5.": "Dynodydd offeryn, e.e. pairbot-5.",
    "Anyone meets someone of another profession":
        "Mae unrhyw un yn cwrdd â rhywun o broffesiwn arall",
    "Ask each group to agree how they will work together":
        "Gofyn i bob grŵp gytuno sut y byddant yn gweithio gyda'i gilydd",
    "Ask people the evaluation questions": "Gofyn y cwestiynau gwerthuso i bobl",
    "Ask when people can meet, and group people who share a time":
        "Gofyn pryd y gall pobl gwrdd, a grwpio pobl sy'n rhannu amser",
    "Bank holidays to avoid when suggesting times":
        "Gwyliau banc i'w hosgoi wrth awgrymu amseroedd",
    "Besides workspace admins and owners.": "Yn ogystal â gweinyddwyr a pherchnogion y gweithle.",
    "Create the programme": "Creu'r rhaglen",
    "Dates when a new term starts": "Dyddiadau pan fydd tymor newydd yn dechrau",
    "Days from the introduction to the check-in": "Dyddiau o'r cyflwyniad i'r gwiriad",
    "Days people have to accept an invitation": "Dyddiau sydd gan bobl i dderbyn gwahoddiad",
    "England": "Lloegr",
    "English": "Saesneg",
    "Evaluation": "Gwerthuso",
    "Evaluation and certificates": "Gwerthuso a thystysgrifau",
    "Evaluation questionnaire": "Holiadur gwerthuso",
    "Exports": "Allforion",
    "For the term format, optional: e.g. first wednesday of august; first wednesday of "
    "december.":
        "Ar gyfer fformat y tymor, dewisol: e.e. first wednesday of august; first wednesday of "
        "december (yn Saesneg).",
    "For the term format; 1 to 24.": "Ar gyfer fformat y tymor; 1 i 24.",
    "How long a meeting lasts, in minutes": "Hyd cyfarfod, mewn munudau",
    "How many rounds before the same people can meet again":
        "Sawl cylch cyn y gall yr un bobl gwrdd eto",
    "How many side A people each side B person meets in a round":
        "Faint o bobl ochr A y mae pob person ochr B yn cwrdd â nhw mewn cylch",
    "How staff records become professions": "Sut mae cofnodion staff yn troi'n broffesiynau",
    "In words, e.g. monthly first monday 10:00, monthly day 15 09:30, fortnightly monday "
    "10:00, weekly wednesday 12:30.":
        "Mewn geiriau Saesneg, e.e. monthly first monday 10:00, monthly day 15 09:30, "
        "fortnightly monday 10:00, weekly wednesday 12:30.",
    "Joining": "Ymuno",
    "Keep apart people who were grouped before but never met":
        "Cadw ar wahân bobl a grwpiwyd o'r blaen ond na wnaethant gwrdd erioed",
    "Language of pairbot's messages": "Iaith negeseuon pairbot",
    "Learnings": "Pethau a ddysgwyd",
    "Matches": "Parau",
    "Meeting themes, in order": "Themâu'r cyfarfodydd, yn eu trefn",
    "Meetings": "Cyfarfodydd",
    "Meetings needed for a certificate": "Cyfarfodydd sydd eu hangen ar gyfer tystysgrif",
    "Name of side A": "Enw ochr A",
    "Name of side B": "Enw ochr B",
    "Never group people from the same team": "Peidio byth â grwpio pobl o'r un tîm",
    "New partners every round": "Partneriaid newydd bob cylch",
    "New programme": "Rhaglen newydd",
    "No": "Na",
    "None": "Dim",
    "Northern Ireland": "Gogledd Iwerddon",
    "Off": "I ffwrdd",
    "On": "Ymlaen",
    "One SOURCE=PROFESSION per line: an ESR staff group or job role, then a profession or "
    "side.":
        "Un FFYNHONNELL=PROFFESIWN i bob llinell: grŵp staff neu rôl swydd ESR, yna proffesiwn "
        "neu ochr.",
    "One per line, or separated by ;.": "Un i bob llinell, neu wedi'u gwahanu gan ;.",
    "Optional: a Slack channel whose new members are invited to take part.":
        "Dewisol: sianel Slack y gwahoddir ei haelodau newydd i gymryd rhan.",
    "Organisers": "Trefnwyr",
    "Organising": "Trefnu",
    "People in each group": "Pobl ym mhob grŵp",
    "People on side A meet people on side B": "Mae pobl ar ochr A yn cwrdd â phobl ar ochr B",
    "Prefer grouping people who work at the same site":
        "Ffafrio grwpio pobl sy'n gweithio ar yr un safle",
    "Professions on side A": "Proffesiynau ar ochr A",
    "Professions on side B": "Proffesiynau ar ochr B",
    "Professions taking part": "Proffesiynau sy'n cymryd rhan",
    "Programme channel": "Sianel y rhaglen",
    "Programme name": "Enw'r rhaglen",
    "Rounds in a term": "Cylchoedd mewn tymor",
    "Same partners all term, or new partners each round":
        "Yr un partneriaid drwy'r tymor, neu bartneriaid newydd bob cylch",
    "Save settings": "Cadw'r gosodiadau",
    "Scotland": "Yr Alban",
    "Suggested meeting times in an introduction": "Amseroedd cyfarfod a awgrymir mewn cyflwyniad",
    "Term programmes always ask.": "Mae rhaglenni tymor bob amser yn gofyn.",
    "Terms and meeting themes": "Tymhorau a themâu cyfarfodydd",
    "The programme": "Y rhaglen",
    "The same partners for a whole term": "Yr un partneriaid am dymor cyfan",
    "The settings were not saved": "Ni chadwyd y gosodiadau",
    "Time zone": "Cylchfa amser",
    "Two-sided programmes only. 1 to 8.": "Rhaglenni dwy ochr yn unig. 1 i 8.",
    "Two-sided programmes only. One per line, each from the professions above.":
        "Rhaglenni dwy ochr yn unig. Un i bob llinell, pob un o'r proffesiynau uchod.",
    "Two-sided programmes only. e.g. Junior doctors; empty: side A.":
        "Rhaglenni dwy ochr yn unig. e.e. Meddygon iau; yn wag: ochr A.",
    "Two-sided programmes only. e.g. Managers; empty: side B.":
        "Rhaglenni dwy ochr yn unig. e.e. Rheolwyr; yn wag: ochr B.",
    "Wales": "Cymru",
    "Welsh (Cymraeg)": "Cymraeg",
    "Welsh and English, Welsh first": "Cymraeg a Saesneg, Cymraeg yn gyntaf",
    "What participants see, e.g. Junior doctors × Managers.":
        "Yr hyn y mae cyfranogwyr yn ei weld, e.e. Meddygon iau × Rheolwyr.",
    "When rounds happen": "Pryd mae cylchoedd yn digwydd",
    "When they join and at the end of each term.": "Pan fyddant yn ymuno ac ar ddiwedd pob tymor.",
    "Who is grouped with whom": "Pwy sy'n cael eu grwpio gyda phwy",
    "Who meets whom": "Pwy sy'n cwrdd â phwy",
    "Workspace": "Gweithle",
    "Yes": "Ie",
    "e.g. Europe/London": "e.e. Europe/London",
    "e.g. roles; values; challenges. A theme can be renamed: values=What matters to us.":
        "e.e. roles; values; challenges. Gellir ailenwi thema: values=Beth sy'n bwysig i ni.",
    "yes: a group that never met counts as having met; no: they can be grouped again.":
        "Ie: mae grŵp na wnaeth gwrdd erioed yn cyfrif fel pe bai wedi cwrdd; Na: gellir eu "
        "grwpio eto.",
    "{export} (CSV)": "{export} (CSV)",
    # programmes.html
    "Actions": "Camau",
    "Archive": "Archifo",
    "Archived": "Wedi'i archifo",
    "Create a programme": "Creu rhaglen",
    "Create one to start.": "Crëwch un i ddechrau.",
    "Duplicate": "Dyblygu",
    "Mode": "Modd",
    "Next round": "Y cylch nesaf",
    "Pause": "Oedi",
    "Paused": "Wedi oedi",
    "Programmes you organise": "Rhaglenni rydych chi'n eu trefnu",
    "Running": "Ar waith",
    "Status": "Statws",
    "Yes, archive {programme}": "Ydw, archifo {programme}",
    "You do not organise any programme yet.": "Dydych chi ddim yn trefnu unrhyw raglen eto.",
    "{participants} ({active} active)": "{participants} ({active} yn weithredol)",
    "Cross-profession": "Traws-broffesiwn",
    "Two-sided": "Dwy ochr",
    # audit.html
    "Audit log of {programme}": "Log archwilio {programme}",
    "Audit log – {programme}": "Log archwilio – {programme}",
    "Details": "Manylion",
    "Nothing has been recorded yet.": "Does dim wedi'i gofnodi eto.",
    "What": "Beth",
    "When": "Pryd",
    "Who": "Pwy",
    "Who did what, from chat and from this console, newest first.":
        "Pwy wnaeth beth, o'r sgwrs ac o'r consol hwn, y mwyaf diweddar yn gyntaf.",
    # attention.html
    "Every group whose check-in is due has answered.":
        "Mae pob grŵp y mae ei wiriad yn ddyledus wedi ateb.",
    "Every message was delivered.": "Cafodd pob neges ei dosbarthu.",
    "Groups with no answer past their check-in": "Grwpiau heb ateb ar ôl eu gwiriad",
    "Messages that were not delivered": "Negeseuon na chawsant eu dosbarthu",
    "Needs attention – {programme}": "Angen sylw – {programme}",
    "No group has said its meeting is off.":
        "Does dim grŵp wedi dweud bod ei gyfarfod wedi'i ganslo.",
    "Nobody has been paused automatically.": "Does neb wedi cael ei oedi'n awtomatig.",
    "Nobody was left out of both of the last two rounds.":
        "Ni adawyd neb allan o'r ddau gylch diwethaf.",
    "Nothing needs you: every recent group has answered, nobody was left out twice, and "
    "every message was delivered.":
        "Does dim angen eich sylw: mae pob grŵp diweddar wedi ateb, ni adawyd neb allan "
        "ddwywaith, a chafodd pob neges ei dosbarthu.",
    "People left out two rounds running": "Pobl a adawyd allan ddau gylch yn olynol",
    "People paused automatically": "Pobl a oedwyd yn awtomatig",
    "The first {shown} of {count} are shown.": "Dangosir y {shown} cyntaf o {count}.",
    # participants.html
    "Act on their behalf": "Gweithredu ar eu rhan",
    "Active": "Gweithredol",
    "Any": "Unrhyw un",
    "Auto-paused (no answers)": "Wedi oedi'n awtomatig (dim atebion)",
    "Erase the data of {name}": "Dileu data {name}",
    "Export participants (CSV, pseudonymous)": "Allforio cyfranogwyr (CSV, ffugenwol)",
    "Filter": "Hidlo",
    "Filter participants": "Hidlo cyfranogwyr",
    "Joined": "Ymunodd",
    "Left out last round": "Wedi'i adael allan y cylch diwethaf",
    "Name": "Enw",
    "Next page": "Tudalen nesaf",
    "No participant matches.": "Does dim cyfranogwr yn cyfateb.",
    "Page {page} of {pages}": "Tudalen {page} o {pages}",
    "Pages of participants": "Tudalennau cyfranogwyr",
    "Participants of {programme}": "Cyfranogwyr {programme}",
    "Participants – {programme}": "Cyfranogwyr – {programme}",
    "Previous page": "Tudalen flaenorol",
    "Remove": "Tynnu",
    "Remove {name} and erase their data? This cannot be undone.":
        "Tynnu {name} a dileu eu data? Does dim modd dadwneud hyn.",
    "Search by name or profession": "Chwilio yn ôl enw neu broffesiwn",
    "Side": "Ochr",
    "{matching} of {total} participants match; page {page} of {pages} shows {shown}.":
        "Mae {matching} o {total} cyfranogwr yn cyfateb; mae tudalen {page} o {pages} yn "
        "dangos {shown}.",
    "{matching} of {total} participants shown.": "Dangosir {matching} o {total} cyfranogwr.",
    "{status} until {day}": "{status} tan {day}",
    # rounds.html
    "Answers": "Atebion",
    "Cancel round {round} (it has sent nothing)": "Canslo cylch {round} (nid yw wedi anfon dim)",
    "Group": "Grŵp",
    "Groups of round {round} and their answers": "Grwpiau cylch {round} a'u hatebion",
    "Left out": "Wedi'u gadael allan",
    "Members": "Aelodau",
    "Messages: none sent.": "Negeseuon: dim wedi'u hanfon.",
    "Messages: sent (the delivery details have been deleted under the retention policy).":
        "Negeseuon: wedi'u hanfon (mae manylion y dosbarthu wedi'u dileu o dan y polisi "
        "cadw).",
    "Messages: {sent} sent, {waiting} waiting, {failed} failed.":
        "Negeseuon: {sent} wedi'u hanfon, {waiting} yn aros, {failed} wedi methu.",
    "No round has run yet.": "Does dim cylch wedi rhedeg eto.",
    "Nobody could be grouped.": "Nid oedd modd grwpio neb.",
    "Outcome": "Canlyniad",
    "Preview of round {round} ({when}): nothing was sent":
        "Rhagolwg o gylch {round} ({when}): ni anfonwyd dim",
    "Preview the next round": "Rhagweld y cylch nesaf",
    "Round {round}": "Cylch {round}",
    "Rounds – {programme}": "Cylchoedd – {programme}",
    "Run round {round} now": "Rhedeg cylch {round} nawr",
    "Score": "Sgôr",
    "The {round} round has run. The next one is on {day}.":
        "Mae cylch {round} wedi rhedeg. Mae'r un nesaf ar {day}.",
    "Who would meet whom, and why": "Pwy fyddai'n cwrdd â phwy, a pham",
    "Why": "Pam",
    "Yes, cancel round {round}": "Ydw, canslo cylch {round}",
    "Yes, send the {round} introductions now": "Ydw, anfon cyflwyniadau {round} nawr",
    "{eligible} taking part, {away} paused or skipping; {groups} groups, {left} left out.":
        "{eligible} yn cymryd rhan, {away} wedi oedi neu'n hepgor; {groups} grŵp, {left} "
        "wedi'u gadael allan.",
    # people_import.html
    "Accepted": "Wedi derbyn",
    "By": "Gan",
    "Confirm and invite": "Cadarnhau a gwahodd",
    "Declined": "Wedi gwrthod",
    "E-mail": "E-bost",
    "Fix every row below in the spreadsheet (or the profession map), save it as CSV UTF-8 and "
    "upload it again.":
        "Cywirwch bob rhes isod yn y daenlen (neu'r map proffesiynau), cadwch hi fel CSV UTF-8 "
        "a'i llwytho i fyny eto.",
    "How staff groups and job roles become this programme's professions: "
    "SOURCE=PROFESSION pairs separated by ;. A job role wins over its staff group.":
        "Sut mae grwpiau staff a rolau swyddi yn troi'n broffesiynau'r rhaglen hon: parau "
        "FFYNHONNELL=PROFFESIWN wedi'u gwahanu gan ;. Mae rôl swydd yn drech na'i grŵp staff.",
    "Imported": "Mewnforiwyd",
    "Imports": "Mewnforion",
    "Invite people – {programme}": "Gwahodd pobl – {programme}",
    "Invited": "Wedi'u gwahodd",
    "Lapsed": "Wedi dod i ben",
    "Manager": "Rheolwr",
    "No answer": "Dim ateb",
    "No staff list has been imported yet.": "Does dim rhestr staff wedi'i mewnforio eto.",
    "Not invited again": "Heb eu gwahodd eto",
    "Not reachable": "Dim modd eu cyrraedd",
    "Not reachable (import of {when})": "Dim modd eu cyrraedd (mewnforio {when})",
    "Nothing was imported": "Ni fewnforiwyd dim",
    "People to invite": "Pobl i'w gwahodd",
    "People to invite (the first {shown} of {count})":
        "Pobl i'w gwahodd (y {shown} cyntaf o {count})",
    "Preview: {count} to invite": "Rhagolwg: {count} i'w gwahodd",
    "Profession map": "Map proffesiynau",
    "Row": "Rhes",
    "Row {row}": "Rhes {row}",
    "Sending": "Yn anfon",
    "Staff list (CSV)": "Rhestr staff (CSV)",
    "Upload a staff list": "Llwytho rhestr staff i fyny",
    "Upload a staff list (an ESR export or a spreadsheet saved as {format}): one row per "
    "person with their {email}, and optionally {name}, {profession} or ESR's {staff_group} and "
    "{job_role}, {site}, {team} and {manager}. You see a preview first; nothing is sent until "
    "you confirm. Each person gets an invitation and takes part only if they accept.":
        "Llwythwch restr staff i fyny (allforiad ESR neu daenlen wedi'i chadw fel {format}): "
        "un rhes i bob person gyda'u {email}, ac yn ddewisol {name}, {profession} neu "
        "{staff_group} a {job_role} ESR, {site}, {team} a {manager}. Fe welwch ragolwg yn "
        "gyntaf; ni anfonir dim nes i chi gadarnhau. Mae pob person yn cael gwahoddiad ac yn "
        "cymryd rhan dim ond os ydynt yn derbyn.",
    "Where each import's people are": "Ble mae pobl pob mewnforio",
    "{count} already invited or taking part (their details are updated)":
        "{count} eisoes wedi'u gwahodd neu'n cymryd rhan (mae eu manylion wedi'u diweddaru)",
    "{count} not invited again": "{count} heb eu gwahodd eto",
    "{count} rows read": "{count} rhes wedi'u darllen",
    "{sent} sent, {waiting} waiting": "{sent} wedi'u hanfon, {waiting} yn aros",
}

CY_PLURALS: dict[str, tuple[str, ...]] = {
    "Send {count} invitation from this file": (
        "Anfon {count} gwahoddiad o'r ffeil hon", "Anfon {count} gwahoddiad o'r ffeil hon",
        "Anfon {count} wahoddiad o'r ffeil hon", "Anfon {count} gwahoddiad o'r ffeil hon",
        "Anfon {count} gwahoddiad o'r ffeil hon", "Anfon {count} gwahoddiad o'r ffeil hon",
    ),
    "The file was refused: {count} problem; nothing was imported": (
        "Gwrthodwyd y ffeil: {count} problem; ni fewnforiwyd dim",
        "Gwrthodwyd y ffeil: {count} problem; ni fewnforiwyd dim",
        "Gwrthodwyd y ffeil: {count} broblem; ni fewnforiwyd dim",
        "Gwrthodwyd y ffeil: {count} problem; ni fewnforiwyd dim",
        "Gwrthodwyd y ffeil: {count} problem; ni fewnforiwyd dim",
        "Gwrthodwyd y ffeil: {count} problem; ni fewnforiwyd dim",
    ),
    "Show the {count} group of round {round}": (
        "Dangos y {count} grŵp yng nghylch {round}",
        "Dangos y {count} grŵp yng nghylch {round}",
        "Dangos y {count} grŵp yng nghylch {round}",
        "Dangos y {count} grŵp yng nghylch {round}",
        "Dangos y {count} grŵp yng nghylch {round}",
        "Dangos y {count} grŵp yng nghylch {round}",
    ),
    "Yes, cancel round {round} and remove its {count} group": (
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
        "Ydw, canslo cylch {round} a thynnu ei {count} grŵp",
    ),
    "{count} group.": (
        "{count} grŵp.", "{count} grŵp.", "{count} grŵp.", "{count} grŵp.", "{count} grŵp.",
        "{count} grŵp.",
    ),
    "{count} thing from the last two rounds needs you. Each links to where you can help.": (
        "Mae {count} o bethau o'r ddau gylch diwethaf angen eich sylw. Mae pob un yn cysylltu â "
        "lle gallwch helpu.",
        "Mae {count} peth o'r ddau gylch diwethaf angen eich sylw. Mae'n cysylltu â lle gallwch "
        "helpu.",
        "Mae {count} beth o'r ddau gylch diwethaf angen eich sylw. Mae pob un yn cysylltu â lle "
        "gallwch helpu.",
        "Mae {count} pheth o'r ddau gylch diwethaf angen eich sylw. Mae pob un yn cysylltu â "
        "lle gallwch helpu.",
        "Mae {count} peth o'r ddau gylch diwethaf angen eich sylw. Mae pob un yn cysylltu â lle "
        "gallwch helpu.",
        "Mae {count} o bethau o'r ddau gylch diwethaf angen eich sylw. Mae pob un yn cysylltu â "
        "lle gallwch helpu.",
    ),
}
