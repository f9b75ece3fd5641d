"""The Welsh catalogue's first draft, kept as Python so it can be merged into the .po.

    .venv/bin/python tools/welsh_source.py   # writes bot/locale/cy/LC_MESSAGES/messages.po

It fills in only what the .po lacks (after `./dev catalogues` added new messages);
whatever the .po already says is kept, so translators edit the .po itself
(docs/languages.md). Register: the formal "chi", as NHS Wales writes to staff.
Plurals follow Welsh's six forms (zero, one, two, few, many, other).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "bot" / "locale"

CY: dict[str, str] = {
    "1 month": "1 mis",
    "1: nothing new": "1: dim byd newydd",
    "2 months": "2 fis",
    "2 weeks": "2 wythnos",
    "2: a little": "2: ychydig",
    "3 months": "3 mis",
    "3: some": "3: rhywfaint",
    "4: quite a lot": "4: cryn dipyn",
    "5: a great deal": "5: llawer iawn",
    "A new round on {day}": "Cylch newydd ar {day}",
    "A short intro for the people you meet": "Cyflwyniad byr i'r bobl y byddwch yn cwrdd â nhw",
    "Answer five questions": "Atebwch bum cwestiwn",
    "Before your first meeting: five quick questions":
        "Cyn eich cyfarfod cyntaf: pum cwestiwn cyflym",
    "Cancel": "Canslo",
    "Chat with them": "Sgwrsio â nhw",
    "Chat with {name}": "Sgwrsio â {name}",
    "Choose 1 to 5": "Dewiswch 1 i 5",
    "Choose how much you learned, from 1 to 5.":
        "Dewiswch faint a ddysgoch chi, o 1 i 5.",
    "Choose how much you learned.": "Dewiswch faint a ddysgoch chi.",
    "Choose one of this workspace's programmes.": "Dewiswch un o raglenni'r gweithle hwn.",
    "Choose up to ten": "Dewiswch hyd at ddeg",
    "Choose your profession": "Dewiswch eich proffesiwn",
    "Choose your profession.": "Dewiswch eich proffesiwn.",
    "Close": "Cau",
    "Did you manage to meet for {programme}?": "Oeddech chi'n gallu cwrdd ar gyfer {programme}?",
    "Each question is optional: leave any of them blank to skip it. Organisers only ever see "
    "totals of five or more people, never your answers.":
        "Mae pob cwestiwn yn ddewisol: gadewch unrhyw un yn wag i'w hepgor. Dim ond cyfansymiau "
        "o bump neu ragor o bobl y mae'r trefnwyr yn eu gweld, byth eich atebion chi.",
    "Edit profile": "Golygu'r proffil",
    "End of term: five quick questions": "Diwedd y tymor: pum cwestiwn cyflym",
    "Five quick questions": "Pum cwestiwn cyflym",
    "Glad you met {others}!": "Mae'n dda eich bod wedi cwrdd â {others}!",
    "Good: nothing has changed, you're still in.":
        "Da iawn: does dim wedi newid, rydych chi'n dal i gymryd rhan.",
    "Hello {names}!": "Helo {names}!",
    "Hello! I'm pairbot.": "Helo! pairbot ydw i.",
    "Hello! I'm pairbot. Each round I introduce you to someone from another profession, so "
    "that you can learn about each other's work. Fill in the form to join; type {help} to see "
    "everything I understand.":
        "Helo! pairbot ydw i. Ym mhob cylch rwy'n eich cyflwyno i rywun o broffesiwn arall, er "
        "mwyn i chi ddysgu am waith eich gilydd. Llenwch y ffurflen i ymuno; teipiwch {help} i "
        "weld popeth rwy'n ei ddeall.",
    "Here is everything pairbot stores about you. Accept the file to receive it.":
        "Dyma bopeth y mae pairbot yn ei gadw amdanoch chi. Derbyniwch y ffeil i'w chael.",
    "How much did you learn about the other person's role?":
        "Faint a ddysgoch chi am rôl y person arall?",
    "Join": "Ymuno",
    "Leave": "Gadael",
    "Leave and erase my data": "Gadael a dileu fy nata",
    "Leave it empty to meet anyone from another profession.":
        "Gadewch yn wag i gwrdd ag unrhyw un o broffesiwn arall.",
    "Leave pairbot and erase your profile, answers and feedback? This cannot be undone.":
        "Gadael pairbot a dileu eich proffil, eich atebion a'ch adborth? Does dim modd dadwneud "
        "hyn.",
    "Leave pairbot?": "Gadael pairbot?",
    "Meet {names}": "Dewch i adnabod {names}",
    "Met": "Wedi cwrdd",
    "Next round: {day}": "Y cylch nesaf: {day}",
    "No introduction for you in {programme} this round.":
        "Dim cyflwyniad i chi yn {programme} y cylch hwn.",
    "No introduction for you this round": "Dim cyflwyniad i chi y cylch hwn",
    "No introductions yet: your first comes with the next round.":
        "Dim cyflwyniadau eto: daw eich un cyntaf gyda'r cylch nesaf.",
    "Not going to happen": "Ddim am ddigwydd",
    "Nothing was stored: you skipped every question, which is fine.":
        "Ni chadwyd dim: fe wnaethoch hepgor pob cwestiwn, ac mae hynny'n iawn.",
    "OK, you'll skip this round and be back for the next one.":
        "Iawn, byddwch yn hepgor y cylch hwn ac yn ôl ar gyfer yr un nesaf.",
    "Only the people in this group can answer its check-in.":
        "Dim ond y bobl yn y grŵp hwn sy'n gallu ateb ei wiriad.",
    "Or react to this message: {met} met, {scheduled} scheduled, {not_happening} not going to "
    "happen. Each person answers for themselves; the last answer counts.":
        "Neu ymatebwch i'r neges hon: {met} wedi cwrdd, {scheduled} wedi trefnu, "
        "{not_happening} ddim am ddigwydd. Mae pob person yn ateb drosto'i hun; yr ateb olaf "
        "sy'n cyfrif.",
    "Organisers may share this anonymously": "Caiff y trefnwyr rannu hwn yn ddienw",
    "Organisers: {admin} (settings), {preview}, {run_now}, {stats}; add a programme's name "
    "when there are several, e.g. {example}.":
        "Trefnwyr: {admin} (gosodiadau), {preview}, {run_now}, {stats}; ychwanegwch enw'r "
        "rhaglen pan fo mwy nag un, e.e. {example}.",
    "Our paired-learning conversation. Icebreakers: {questions}":
        "Ein sgwrs dysgu mewn parau. Cwestiynau i ddechrau: {questions}",
    "Past introductions": "Cyflwyniadau blaenorol",
    "Pause for…": "Oedi am…",
    "Paused until {day}. You'll be included again after that; type {resume} to come back "
    "sooner.":
        "Wedi oedi tan {day}. Byddwch yn cael eich cynnwys eto ar ôl hynny; teipiwch {resume} i "
        "ddod yn ôl yn gynt.",
    "Please check the highlighted answers.": "Gwiriwch yr atebion sydd wedi'u hamlygu.",
    "Profession: {profession}": "Proffesiwn: {profession}",
    "Professions you'd like to learn about": "Proffesiynau yr hoffech ddysgu amdanyn nhw",
    "Programme": "Rhaglen",
    "Questions for this meeting": "Cwestiynau ar gyfer y cyfarfod hwn",
    "Reminder: did you manage to meet for {programme}?":
        "Nodyn atgoffa: oeddech chi'n gallu cwrdd ar gyfer {programme}?",
    "Resume": "Ailddechrau",
    "Save": "Cadw",
    "Schedule a meeting": "Trefnu cyfarfod",
    "Scheduled": "Wedi trefnu",
    "Search for them by name in Teams to start a chat.":
        "Chwiliwch amdanyn nhw wrth eu henw yn Teams i ddechrau sgwrs.",
    "Send": "Anfon",
    "Share what you learned": "Rhannwch yr hyn a ddysgoch chi",
    "Sharing": "Rhannu",
    "Skip": "Hepgor",
    "Skip this round": "Hepgor y cylch hwn",
    "Status:": "Statws:",
    "Stay": "Aros",
    "Thank you": "Diolch",
    "Thank you! Your feedback helps the organisers show what people learn.":
        "Diolch! Mae eich adborth yn helpu'r trefnwyr i ddangos beth mae pobl yn ei ddysgu.",
    "Thanks, recorded: {answer}.": "Diolch, wedi'i gofnodi: {answer}.",
    "That check-in is no longer open.": "Nid yw'r gwiriad hwnnw ar agor mwyach.",
    "That match is not one of yours, so its feedback can't be saved.":
        "Nid yw'r paru hwnnw'n un o'ch rhai chi, felly does dim modd cadw ei adborth.",
    "That was the last meeting of this term in {programme}. Before the next one: the same five "
    "questions as when you joined, to see what changed. They take a minute and every one is "
    "optional.":
        "Dyna gyfarfod olaf y tymor hwn yn {programme}. Cyn yr un nesaf: yr un pum cwestiwn ag "
        "y gwnaethoch eu hateb wrth ymuno, i weld beth sydd wedi newid. Maen nhw'n cymryd munud "
        "ac mae pob un yn ddewisol.",
    "The card has no programme.": "Does dim rhaglen ar y cerdyn.",
    "The feedback card has no match.": "Does dim paru ar y cerdyn adborth.",
    "The next {programme} round is on {day}: you'll be introduced to someone from another "
    "profession. Away or too busy? Skip just this round.":
        "Mae cylch nesaf {programme} ar {day}: byddwch yn cael eich cyflwyno i rywun o "
        "broffesiwn arall. I ffwrdd neu'n rhy brysur? Hepgorwch y cylch hwn yn unig.",
    "This meeting's theme was {theme}.": "Thema'r cyfarfod hwn oedd {theme}.",
    "This meeting's theme: {theme}": "Thema'r cyfarfod hwn: {theme}",
    "Three questions to start with": "Tri chwestiwn i ddechrau",
    "Try to meet within {within}: a coffee or a call is plenty. I'll check in here on {day}.":
        "Ceisiwch gwrdd o fewn {within}: mae paned neu alwad yn ddigon. Byddaf yn holi yma ar "
        "{day}.",
    "Two quick questions, under a minute.": "Dau gwestiwn cyflym, llai na munud.",
    "Type {status} any time, or {pair_me} to edit your profile.":
        "Teipiwch {status} unrhyw bryd, neu {pair_me} i olygu eich proffil.",
    "Unknown action '{verb}'.": "Gweithred anhysbys '{verb}'.",
    "Welcome back! You're in the next round on {day}.":
        "Croeso'n ôl! Rydych chi yn y cylch nesaf ar {day}.",
    "Welcome to {programme}! How well do you know the professions you are about to meet? Five "
    "questions on a 1 to 5 scale, each optional; after a few meetings you'll be asked again, "
    "to see what changed. Not now? Just skip it.":
        "Croeso i {programme}! Pa mor dda ydych chi'n adnabod y proffesiynau y byddwch yn cwrdd "
        "â nhw? Pum cwestiwn ar raddfa o 1 i 5, pob un yn ddewisol; ar ôl ychydig o gyfarfodydd "
        "byddwch yn cael eich holi eto, i weld beth sydd wedi newid. Ddim nawr? Hepgorwch nhw.",
    "Welcome! This channel belongs to {programme}: every round pairbot introduces you to "
    "someone from another profession, so you learn about each other's roles. Type {pair_me} to "
    "fill in a short profile and join; the next round is on {day}.":
        "Croeso! Mae'r sianel hon yn perthyn i {programme}: ym mhob cylch mae pairbot yn eich "
        "cyflwyno i rywun o broffesiwn arall, er mwyn i chi ddysgu am rolau eich gilydd. "
        "Teipiwch {pair_me} i lenwi proffil byr ac ymuno; mae'r cylch nesaf ar {day}.",
    "What did you learn about their role, values, challenges or barriers?":
        "Beth a ddysgoch chi am eu rôl, eu gwerthoedd, eu heriau neu eu rhwystrau?",
    "What did you learn?": "Beth a ddysgoch chi?",
    "What you do, and what you'd like to learn. At most {limit} characters.":
        "Beth rydych chi'n ei wneud, a beth yr hoffech ei ddysgu. Hyd at {limit} nod.",
    "Why you were matched": "Pam y cawsoch eich paru",
    "Would like to learn about: {learn}": "Hoffai ddysgu am: {learn}",
    "Write to me in our personal chat: that's where your profile and intros live.":
        "Ysgrifennwch ataf yn ein sgwrs bersonol: dyna lle mae eich proffil a'ch cyflwyniadau.",
    "You answered: {answer}. You can change it any time.":
        "Eich ateb: {answer}. Gallwch ei newid unrhyw bryd.",
    "You are a {profession}; you want to learn about anyone.":
        "Eich proffesiwn: {profession}; rydych chi am ddysgu am unrhyw un.",
    "You are a {profession}; you want to learn about {learn}.":
        "Eich proffesiwn: {profession}; rydych chi am ddysgu am {learn}.",
    "You are already taking part.": "Rydych chi eisoes yn cymryd rhan.",
    "You are not in any programme, so there is nothing to erase.":
        "Dydych chi ddim mewn unrhyw raglen, felly does dim i'w ddileu.",
    "You have left pairbot and your data is erased. You're welcome back any time with "
    "{pair_me}.":
        "Rydych chi wedi gadael pairbot ac mae eich data wedi'i ddileu. Mae croeso i chi ddod "
        "yn ôl unrhyw bryd gyda {pair_me}.",
    "You haven't joined yet: type {pair_me} to fill in your profile.":
        "Dydych chi ddim wedi ymuno eto: teipiwch {pair_me} i lenwi eich proffil.",
    "You haven't joined {programme} yet. Each round pairbot introduces you to someone from "
    "another profession, so you learn about each other's roles. The next round is on {day}.":
        "Dydych chi ddim wedi ymuno â {programme} eto. Ym mhob cylch mae pairbot yn eich "
        "cyflwyno i rywun o broffesiwn arall, er mwyn i chi ddysgu am rolau eich gilydd. Mae'r "
        "cylch nesaf ar {day}.",
    "You'll get priority in the next round on {day}.":
        "Cewch flaenoriaeth yn y cylch nesaf ar {day}.",
    "You'll get priority in the next round.": "Cewch flaenoriaeth yn y cylch nesaf.",
    "You're all set": "Mae popeth yn barod",
    "You're in for {programme}. The next round is on {day}; you'll get an introduction then.":
        "Rydych chi wedi ymuno â {programme}. Mae'r cylch nesaf ar {day}; cewch gyflwyniad "
        "bryd hynny.",
    "Your profession": "Eich proffesiwn",
    "Your profile": "Eich proffil",
    "Your profile is updated for {programme}. The next round is on {day}; you'll get an "
    "introduction then.":
        "Mae eich proffil ar gyfer {programme} wedi'i ddiweddaru. Mae'r cylch nesaf ar {day}; "
        "cewch gyflwyniad bryd hynny.",
    "Your profile, check-in answers and feedback are erased. This cannot be undone.":
        "Mae eich proffil, eich atebion i'r gwiriadau a'ch adborth yn cael eu dileu. Does dim "
        "modd dadwneud hyn.",
    "a former participant ({profession})": "cyn-gyfranogwr ({profession})",
    "active. Next round on {day}.": "yn cymryd rhan. Y cylch nesaf ar {day}.",
    "anyone from another profession": "unrhyw un o broffesiwn arall",
    "check-in pending": "gwiriad i ddod",
    "get everything pairbot stores about you": "cael popeth y mae pairbot yn ei gadw amdanoch",
    "join, or edit your profile": "ymuno, neu olygu eich proffil",
    "leave and erase your data": "gadael a dileu eich data",
    "no answer": "dim ateb",
    "no answer yet": "dim ateb eto",
    "nobody": "neb",
    "not taking part (we could not reach you). Type {resume} to come back.":
        "ddim yn cymryd rhan (doedden ni ddim yn gallu eich cyrraedd). Teipiwch {resume} i ddod "
        "yn ôl.",
    "pairbot has introduced you for {programme} so you can learn about each other's roles.":
        "Mae pairbot wedi eich cyflwyno ar gyfer {programme} er mwyn i chi ddysgu am rolau eich "
        "gilydd.",
    "paused until {day}.": "wedi oedi tan {day}.",
    "paused. Type {resume} to take part again.":
        "wedi oedi. Teipiwch {resume} i gymryd rhan eto.",
    "take part again": "cymryd rhan eto",
    "this message": "y neges hon",
    "two weeks": "pythefnos",
    "your partner": "eich partner",
    "your profile, status and next round": "eich proffil, eich statws a'r cylch nesaf",
    "{day}: with {others} · {outcome}": "{day}: gyda {others} · {outcome}",
    "{name} ({profession})": "{name} ({profession})",
    "{pairbot} introduces you each round to someone from another profession.":
        "Mae {pairbot} yn eich cyflwyno ym mhob cylch i rywun o broffesiwn arall.",
    "{programme}: each round pairbot introduces you to someone from another profession, so "
    "that you learn about each other's roles, values and challenges.":
        "{programme}: ym mhob cylch mae pairbot yn eich cyflwyno i rywun o broffesiwn arall, er "
        "mwyn i chi ddysgu am rolau, gwerthoedd a heriau eich gilydd.",
    "{programme}: meet {names}. Three questions to start with inside.":
        "{programme}: dewch i adnabod {names}. Tri chwestiwn i ddechrau y tu mewn.",
    # Invitations from an import (bot/services/enrolment.py).
    "Accept": "Derbyn",
    "Accept by {day} to check your profile and take part. If you decline, or do not answer, "
    "what we were told about you is deleted.":
        "Derbyniwch erbyn {day} i wirio eich proffil a chymryd rhan. Os byddwch yn gwrthod, "
        "neu heb ateb, bydd yr hyn a ddywedwyd wrthym amdanoch yn cael ei ddileu.",
    "Accept to check your profile and take part. If you decline, or do not answer, what we "
    "were told about you is deleted.":
        "Derbyniwch i wirio eich proffil a chymryd rhan. Os byddwch yn gwrthod, neu heb ateb, "
        "bydd yr hyn a ddywedwyd wrthym amdanoch yn cael ei ddileu.",
    "Decline": "Gwrthod",
    "Profession": "Proffesiwn",
    "Reminder: you're invited to {programme}":
        "Nodyn atgoffa: rydych chi wedi cael gwahoddiad i {programme}",
    "Site": "Safle",
    "Team": "Tîm",
    "This invitation is no longer open.": "Nid yw'r gwahoddiad hwn ar agor mwyach.",
    "Welcome to {programme}! Check your profile; the next round is on {day}.":
        "Croeso i {programme}! Gwiriwch eich proffil; mae'r cylch nesaf ar {day}.",
    "What your organiser told us (you can correct it when you accept):":
        "Yr hyn a ddywedodd eich trefnydd wrthym (gallwch ei gywiro pan fyddwch yn derbyn):",
    "You're invited to {programme}": "Rydych chi wedi cael gwahoddiad i {programme}",
    "You've declined {programme}. What your organiser told us about you is deleted, and a new "
    "import will not invite you again.":
        "Rydych chi wedi gwrthod {programme}. Mae'r hyn a ddywedodd eich trefnydd wrthym "
        "amdanoch wedi'i ddileu, ac ni fydd mewnforio newydd yn eich gwahodd eto.",
    "Your organiser has invited you to {programme}: every round pairbot introduces you to "
    "someone from another profession, for a coffee or a call, so you learn about each other's "
    "roles.":
        "Mae eich trefnydd wedi eich gwahodd i {programme}: ym mhob cylch mae pairbot yn eich "
        "cyflwyno i rywun o broffesiwn arall, am baned neu alwad, er mwyn i chi ddysgu am rolau "
        "eich gilydd.",
    "{title}. Accept or decline inside.": "{title}. Derbyniwch neu gwrthodwch y tu mewn.",
    # The learning record (bot/core/learning.py, bot/services/learning_log.py).
    "1 hour": "1 awr",
    "{hours} hours": "{hours} awr",
    "Accept each file to receive it.": "Derbyniwch bob ffeil i'w chael.",
    "Certificate of participation": "Tystysgrif cyfranogiad",
    "Choose what you did: a conversation, shadowing, a project session, a teaching session or "
    "other.":
        "Dewiswch beth wnaethoch chi: sgwrs, cysgodi, sesiwn prosiect, sesiwn addysgu neu "
        "arall.",
    "Conversation": "Sgwrs",
    "Date": "Dyddiad",
    "Give the date as YYYY-MM-DD, for example {today}.":
        "Rhowch y dyddiad fel BBBB-MM-DD, er enghraifft {today}.",
    "Give the time spent in minutes, from 1 to {most}.":
        "Rhowch yr amser a dreuliwyd mewn munudau, o 1 i {most}.",
    "Here is your learning record as a PDF and a CSV, ready to attach to a CPD log or an "
    "appraisal portfolio.":
        "Dyma eich cofnod dysgu fel PDF a CSV, yn barod i'w atodi i gofnod DPP neu bortffolio "
        "arfarnu.",
    "How did you change or improve your practice as a result?":
        "Sut wnaethoch chi newid neu wella eich ymarfer o ganlyniad?",
    "How is this relevant to the Code? (Prioritise people, practise effectively, preserve "
    "safety, promote professionalism and trust.)":
        "Sut mae hyn yn berthnasol i'r Cod? (Rhoi blaenoriaeth i bobl, ymarfer yn effeithiol, "
        "diogelu diogelwch, hyrwyddo proffesiynoldeb ac ymddiriedaeth.)",
    "I couldn't save the file there; type `{command}` to try again.":
        "Doeddwn i ddim yn gallu cadw'r ffeil yno; teipiwch `{command}` i roi cynnig arall "
        "arni.",
    "I'm making your learning record; it follows in a direct message as a PDF and a CSV.":
        "Rwy'n paratoi eich cofnod dysgu; bydd yn dilyn mewn neges uniongyrchol fel PDF a CSV.",
    "Joint project session": "Sesiwn prosiect ar y cyd",
    "Keep each reflection under {most} characters.":
        "Cadwch bob myfyrdod o dan {most} nod.",
    "Learning log: empty. Type `log` after a meeting to record it.":
        "Cofnod dysgu: gwag. Teipiwch `log` ar ôl cyfarfod i'w gofnodi.",
    "Log an activity": "Cofnodi gweithgaredd",
    "Log it": "Ei gofnodi",
    "Log this meeting for your CPD record: it takes a minute.":
        "Cofnodwch y cyfarfod hwn ar gyfer eich cofnod DPP: mae'n cymryd munud.",
    "Logged": "Wedi'i gofnodi",
    "Logged: {kind} on {day}, {minutes} minutes. Your log now holds {hours}.":
        "Wedi'i gofnodi: {kind} ar {day}, {minutes} munud. Mae eich cofnod bellach yn dal "
        "{hours}.",
    "Minutes": "Munudau",
    "Other": "Arall",
    "Shadowing": "Cysgodi",
    "Teaching session": "Sesiwn addysgu",
    "That file is no longer available; type `cpd` to try again.":
        "Nid yw'r ffeil honno ar gael mwyach; teipiwch `cpd` i roi cynnig arall arni.",
    "The certificate comes after {needed} meetings; you have {met} so far.":
        "Daw'r dystysgrif ar ôl {needed} cyfarfod; mae gennych {met} hyd yma.",
    "The certificate comes once you have answered the follow-up questions at the end of the "
    "term.":
        "Daw'r dystysgrif ar ôl i chi ateb y cwestiynau dilynol ar ddiwedd y tymor.",
    "The date is in the future; log an activity once it has happened.":
        "Mae'r dyddiad yn y dyfodol; cofnodwch weithgaredd ar ôl iddo ddigwydd.",
    "The organisers of {programme}": "Trefnwyr {programme}",
    "What I learned (optional)": "Yr hyn a ddysgais (dewisol)",
    "What I will do differently (optional)": "Yr hyn y byddaf yn ei wneud yn wahanol (dewisol)",
    "What did you do?": "Beth wnaethoch chi?",
    "What did you learn from it?": "Beth a ddysgoch chi ohono?",
    "What was the nature of the CPD activity or practice-related feedback or event?":
        "Beth oedd natur y gweithgaredd DPP neu'r adborth neu'r digwyddiad yn ymwneud ag "
        "ymarfer?",
    "You haven't joined a programme yet, so there is no log to add to.":
        "Dydych chi ddim wedi ymuno â rhaglen eto, felly does dim cofnod i ychwanegu ato.",
    "You haven't joined a programme yet, so there is no record to send.":
        "Dydych chi ddim wedi ymuno â rhaglen eto, felly does dim cofnod i'w anfon.",
    "Your CPD record (CSV)": "Eich cofnod DPP (CSV)",
    "Your CPD record (PDF)": "Eich cofnod DPP (PDF)",
    "Your certificate of participation.": "Eich tystysgrif cyfranogiad.",
    "Your learning record as a CSV spreadsheet.": "Eich cofnod dysgu fel taenlen CSV.",
    "Your learning record as a PDF (CPD log, appraisal).":
        "Eich cofnod dysgu fel PDF (cofnod DPP, arfarniad).",
    "log a meeting, shadowing or other activity":
        "cofnodi cyfarfod, cysgodi neu weithgaredd arall",
    "your learning record as a PDF and CSV (CPD, appraisal)":
        "eich cofnod dysgu fel PDF a CSV (DPP, arfarniad)",
    # The command grammar's errors (bot/core/commands.py); commands stay as typed.
    "Say how long to pause, e.g. `pause 2w` or `pause until 2027-01-31`.":
        "Dywedwch am ba hyd i oedi, e.e. `pause 2w` neu `pause until 2027-01-31`.",
    "Give one date after `pause until`, like `pause until 2027-01-31`.":
        "Rhowch un dyddiad ar ôl `pause until`, fel `pause until 2027-01-31`.",
    "`{text}` is not a date; write it as YYYY-MM-DD, like 2027-01-31.":
        "Nid yw `{text}` yn ddyddiad; ysgrifennwch ef fel BBBB-MM-DD, fel 2027-01-31.",
    "{date} is not in the future.": "Nid yw {date} yn y dyfodol.",
    "`{text}` is not a pause length; use e.g. `2w`, `1m` or `10d`.":
        "Nid yw `{text}` yn hyd oedi; defnyddiwch e.e. `2w`, `1m` neu `10d`.",
    "A pause must be at least one day long.": "Rhaid i oedi bara o leiaf un diwrnod.",
    "A pause can last a year at most; use `leave` to stop for good.":
        "Gall oedi bara blwyddyn ar y mwyaf; defnyddiwch `leave` i roi'r gorau iddi'n llwyr.",
    "`{command}` takes nothing after it.": "Does dim i'w roi ar ôl `{command}`.",
    "I don't know the command `{text}`.": "Dydw i ddim yn adnabod y gorchymyn `{text}`.",
    "{two_weeks}, {a_month} or {until}: skip rounds for a while":
        "{two_weeks}, {a_month} neu {until}: hepgor cylchoedd am gyfnod",
}

# Plurals: Welsh forms zero, one, two, few (3), many (6), other.
CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "Keep it to {limit} character.": (
        "Cadwch at {limit} nod.", "Cadwch at {limit} nod.", "Cadwch at {limit} nod.",
        "Cadwch at {limit} nod.", "Cadwch at {limit} nod.", "Cadwch at {limit} nod."),
    "Learning log: {count} activity, {hours} ({participatory} participatory).": (
        "Cofnod dysgu: {count} gweithgaredd, {hours} ({participatory} yn gyfranogol).",) * 6,
    "a day": ("{n} diwrnod", "diwrnod", "deuddydd", "{n} diwrnod", "{n} diwrnod",
              "{n} diwrnod"),
    "Thank you: your answer to {count} of {total} questions ({labels}) is stored as your "
    "end-of-term answer; answering again replaces it.": (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn ({labels}) wedi'u cadw fel "
        "eich atebion diwedd tymor; bydd ateb eto yn cymryd eu lle.",) * 1 + (
        "Diolch: mae eich ateb i {count} o {total} cwestiwn ({labels}) wedi'i gadw fel eich "
        "ateb diwedd tymor; bydd ateb eto yn cymryd ei le.",) + (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn ({labels}) wedi'u cadw fel "
        "eich atebion diwedd tymor; bydd ateb eto yn cymryd eu lle.",) * 4,
    "Thank you: your answer to {count} of {total} questions ({labels}) is stored as your "
    "starting point; answering again replaces it.": (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn ({labels}) wedi'u cadw fel "
        "eich man cychwyn; bydd ateb eto yn cymryd eu lle.",) + (
        "Diolch: mae eich ateb i {count} o {total} cwestiwn ({labels}) wedi'i gadw fel eich "
        "man cychwyn; bydd ateb eto yn cymryd ei le.",) + (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn ({labels}) wedi'u cadw fel "
        "eich man cychwyn; bydd ateb eto yn cymryd eu lle.",) * 4,
    "We haven't heard from you about your last introduction, so we've paused you in "
    "{programme}. Type {resume} to take part again.": (
        "Dydyn ni ddim wedi clywed gennych am eich {count} cyflwyniad diwethaf, felly rydyn ni "
        "wedi eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto.",
        "Dydyn ni ddim wedi clywed gennych am eich cyflwyniad diwethaf, felly rydyn ni wedi "
        "eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto.",
        "Dydyn ni ddim wedi clywed gennych am eich dau gyflwyniad diwethaf, felly rydyn ni "
        "wedi eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto.",
        "Dydyn ni ddim wedi clywed gennych am eich tri chyflwyniad diwethaf, felly rydyn ni "
        "wedi eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto.",
        "Dydyn ni ddim wedi clywed gennych am eich {count} cyflwyniad diwethaf, felly rydyn ni "
        "wedi eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto.",
        "Dydyn ni ddim wedi clywed gennych am eich {count} cyflwyniad diwethaf, felly rydyn ni "
        "wedi eich oedi yn {programme}. Teipiwch {resume} i gymryd rhan eto."),
}


def _more() -> None:
    """Each piece of work keeps its new Welsh in tools/welsh/NAME.py (CY and CY_PLURALS
    dicts), so that parallel branches never edit the same lines; they are merged here."""
    import importlib.util

    for path in sorted((ROOT / "tools" / "welsh").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"welsh_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        CY.update(getattr(module, "CY", {}))
        CY_PLURALS.update(getattr(module, "CY_PLURALS", {}))


def main() -> int:
    _more()
    with (LOCALE / "messages.pot").open("rb") as f:
        template = read_po(f)
    target = LOCALE / "cy" / "LC_MESSAGES" / "messages.po"
    existing: dict[object, object] = {}
    if target.exists():
        with target.open("rb") as f:
            existing = {m.id: m.string for m in read_po(f, locale="cy") if m.id}
    # A fixed creation date: the file changes only when its messages do.
    catalog = Catalog(locale="cy", project="pairbot", language_team="Cymraeg <cy@li.org>",
                      fuzzy=False, creation_date=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    missing = []
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        # What the .po already says wins: a reviewer's correction is never overwritten.
        kept = existing.get(message.id)
        if isinstance(message.id, tuple):
            string: object = (kept if kept and all(kept) else None) or CY_PLURALS.get(key)
        else:
            string = kept or CY.get(key)
        if not string:
            missing.append(key)
            string = ("",) * 6 if isinstance(message.id, tuple) else ""
        catalog.add(message.id, string, flags=message.flags)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as f:
        write_po(f, catalog, omit_header=False, no_location=True, sort_output=True, width=100)
    for key in missing:
        print(f"missing: {key}", file=sys.stderr)
    print(f"wrote {target}: {len(catalog)} messages, {len(missing)} without a translation")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
