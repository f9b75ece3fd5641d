"""Welsh first drafts for the learning record (issue 23): the agreement at the start,
instrument-neutral evaluation wording, and the CPD record's and certificate's words.
Formal register ("chi"), as NHS Wales writes to staff."""

from __future__ import annotations

CY: dict[str, str] = {
    # The agreement at the start.
    "Agree how we'll work": "Cytuno sut y byddwn yn gweithio",
    "Anything we agree to keep confidential (optional)":
        "Unrhyw beth rydym yn cytuno i'w gadw'n gyfrinachol (dewisol)",
    "Before you meet, agree how you'll work together: what each of you wants to learn and can "
    "offer, how often you'll meet, and what stays between you. Your answers are shared with "
    "your group only.":
        "Cyn i chi gwrdd, cytunwch sut y byddwch yn gweithio gyda'ch gilydd: beth mae pob un "
        "ohonoch am ei ddysgu ac yn gallu ei gynnig, pa mor aml y byddwch yn cwrdd, a beth sy'n "
        "aros rhyngoch chi. Caiff eich atebion eu rhannu â'ch grŵp yn unig.",
    "Choose how often you will meet.": "Dewiswch pa mor aml y byddwch yn cwrdd.",
    "Every month": "Bob mis",
    "Every two weeks": "Bob pythefnos",
    "Every week": "Bob wythnos",
    "Four short answers, shared with your group only. Organisers see just whether your group "
    "made an agreement, never what it says.":
        "Pedwar ateb byr, wedi'u rhannu â'ch grŵp yn unig. Dim ond a wnaeth eich grŵp gytundeb "
        "y mae'r trefnwyr yn ei weld, byth yr hyn y mae'n ei ddweud.",
    "How often we will meet": "Pa mor aml y byddwn yn cwrdd",
    "Keep each answer under {most} characters.": "Cadwch bob ateb o dan {most} nod.",
    "Not answered yet? Use the button on your introduction.":
        "Heb ateb eto? Defnyddiwch y botwm ar eich cyflwyniad.",
    "Once, then we'll see": "Unwaith, ac yna cawn weld",
    "Our agreement": "Ein cytundeb",
    "Say what you can offer about your own role.":
        "Dywedwch beth y gallwch ei gynnig am eich rôl eich hun.",
    "Say what you want to learn about the other person's role.":
        "Dywedwch beth rydych am ei ddysgu am rôl yr unigolyn arall.",
    "Share with my group": "Rhannu â'm grŵp",
    "Thank you: your answers are saved and shared with your group.":
        "Diolch: mae eich atebion wedi'u cadw a'u rhannu â'ch grŵp.",
    "Thank you: your answers are saved.": "Diolch: mae eich atebion wedi'u cadw.",
    "Thank you: your new answers are saved and shared with your group.":
        "Diolch: mae eich atebion newydd wedi'u cadw a'u rhannu â'ch grŵp.",
    "That group is not one of yours, so its agreement can't be saved.":
        "Nid yw'r grŵp hwnnw'n un o'ch grwpiau chi, felly ni ellir cadw ei gytundeb.",
    "That group is not one of yours.": "Nid yw'r grŵp hwnnw'n un o'ch grwpiau chi.",
    "The agreement form is below.": "Mae ffurflen y cytundeb isod.",
    "The form is empty: say what you want to learn, what you can offer and how often you will "
    "meet.":
        "Mae'r ffurflen yn wag: dywedwch beth rydych am ei ddysgu, beth y gallwch ei gynnig a "
        "pha mor aml y byddwch yn cwrdd.",
    "This form has expired; use the button on your introduction again.":
        "Mae'r ffurflen hon wedi dod i ben; defnyddiwch y botwm ar eich cyflwyniad eto.",
    "What I can offer about mine": "Beth y gallaf ei gynnig am fy rôl i",
    "What I want to learn about your role": "Beth rwyf am ei ddysgu am eich rôl chi",
    "What we keep confidential": "Yr hyn rydym yn ei gadw'n gyfrinachol",
    "{name} ({profession}) has answered the agreement for {programme}.":
        "Mae {name} ({profession}) wedi ateb y cytundeb ar gyfer {programme}.",
    "{name} updated their agreement": "Mae {name} wedi diweddaru'r cytundeb",
    "{name}'s agreement": "Cytundeb {name}",
    # The CPD record (PDF).
    "(met: {profession})": "(wedi cwrdd â: {profession})",
    "CPD log": "Cofnod DPP",
    "CPD record": "Cofnod DPP",
    "Continuing professional development record": "Cofnod datblygiad proffesiynol parhaus",
    "Hours": "Oriau",
    "Laid out under the prompts of the NMC's reflective accounts form; the first three answers "
    "come from the log, the last is for you to complete.":
        "Wedi'i osod o dan gwestiynau ffurflen cyfrifon myfyriol yr NMC; daw'r tri ateb "
        "cyntaf o'r cofnod, a chi sydd i gwblhau'r olaf.",
    "Made on:": "Gwnaed ar:",
    "Method": "Dull",
    "Name:": "Enw:",
    "No": "Nac ydy",
    "No activity logged yet.": "Dim gweithgaredd wedi'i gofnodi eto.",
    "No reflections written yet.": "Dim myfyrdodau wedi'u hysgrifennu eto.",
    "Page {page} of {pages}": "Tudalen {page} o {pages}",
    "Paired learning": "Dysgu mewn parau",
    "Paired learning across professions, recorded in pairbot. Hours are the time the person "
    "logged; meetings, shadowing, joint project and teaching sessions are participatory "
    "(learning with others). The people met are named only by their profession.":
        "Dysgu mewn parau ar draws proffesiynau, wedi'i gofnodi yn pairbot. Yr oriau yw'r amser "
        "a gofnododd yr unigolyn; mae cyfarfodydd, cysgodi, sesiynau prosiect ar y cyd a "
        "sesiynau addysgu yn gyfranogol (dysgu gydag eraill). Caiff y bobl y cyfarfuwyd â nhw "
        "eu henwi wrth eu proffesiwn yn unig.",
    "Participatory": "Cyfranogol",
    "Profession met": "Proffesiwn y cyfarfuwyd ag ef",
    "Profession:": "Proffesiwn:",
    "Programme:": "Rhaglen:",
    "Reflections": "Myfyrdodau",
    "Topic (theme)": "Pwnc (thema)",
    "Total": "Cyfanswm",
    "Yes": "Ydy",
    "{hours} participatory": "{hours} yn gyfranogol",
    "{kind}, {hours} hours, on {theme}.": "{kind}, {hours} awr, ar {theme}.",
    "{kind}, {hours} hours.": "{kind}, {hours} awr.",
    # The certificate of participation (PDF).
    "Dates": "Dyddiadau",
    "Issued on {day}": "Cyhoeddwyd ar {day}",
    "Meetings": "Cyfarfodydd",
    "This is to certify that": "Tystir drwy hyn fod",
    "Time logged": "Amser a gofnodwyd",
    "meeting colleagues from other professions to learn about their roles, values and "
    "challenges.":
        "gan gwrdd â chydweithwyr o broffesiynau eraill i ddysgu am eu rolau, eu gwerthoedd a'u "
        "heriau.",
    "took part in the paired-learning programme {programme} at {organisation},":
        "wedi cymryd rhan yn y rhaglen dysgu mewn parau {programme} yn {organisation},",
    "{first} to {last}": "{first} i {last}",
}

# Welsh counts take the singular noun ("9 cwestiwn"), so every form reads the same.
CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "Answer {count} question": ("Atebwch {count} cwestiwn",) * 6,
    "Before your first meeting: {count} quick question":
        ("Cyn eich cyfarfod cyntaf: {count} cwestiwn cyflym",) * 6,
    "End of term: {count} quick question": ("Diwedd y tymor: {count} cwestiwn cyflym",) * 6,
    "Thank you: your answer to {count} of {total} questions is stored as your end-of-term "
    "answer; answering again replaces it.": (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn wedi'u cadw fel eich atebion "
        "diwedd tymor; bydd ateb eto yn cymryd eu lle.",
        "Diolch: mae eich ateb i {count} o {total} cwestiwn wedi'i gadw fel eich ateb diwedd "
        "tymor; bydd ateb eto yn cymryd ei le.",
        *("Diolch: mae eich atebion i {count} o {total} cwestiwn wedi'u cadw fel eich atebion "
          "diwedd tymor; bydd ateb eto yn cymryd eu lle.",) * 4),
    "Thank you: your answer to {count} of {total} questions is stored as your starting point; "
    "answering again replaces it.": (
        "Diolch: mae eich atebion i {count} o {total} cwestiwn wedi'u cadw fel eich man "
        "cychwyn; bydd ateb eto yn cymryd eu lle.",
        "Diolch: mae eich ateb i {count} o {total} cwestiwn wedi'i gadw fel eich man cychwyn; "
        "bydd ateb eto yn cymryd ei le.",
        *("Diolch: mae eich atebion i {count} o {total} cwestiwn wedi'u cadw fel eich man "
          "cychwyn; bydd ateb eto yn cymryd eu lle.",) * 4),
    "That was the last meeting of this term in {programme}. Before the next one: {count} "
    "question from {instrument}, on a {low} to {high} scale, to compare with your answers when "
    "you joined. It is optional.": (
        "Dyna oedd cyfarfod olaf y tymor hwn yn {programme}. Cyn yr un nesaf: {count} cwestiwn "
        "o {instrument}, ar raddfa o {low} i {high}, i'w cymharu â'ch atebion pan ymunoch chi. "
        "Mae pob un yn ddewisol.",) * 6,
    "Welcome to {programme}! How well do you know the professions you are about to meet? "
    "{count} question from {instrument}, on a {low} to {high} scale, optional; after a few "
    "meetings you'll be asked again, to see what changed. Not now? Just skip it.": (
        "Croeso i {programme}! Pa mor dda ydych chi'n adnabod y proffesiynau y byddwch yn cwrdd "
        "â nhw? {count} cwestiwn o {instrument}, ar raddfa o {low} i {high}, pob un yn "
        "ddewisol; ar ôl ychydig o gyfarfodydd byddwch yn cael eich holi eto, i weld beth sydd "
        "wedi newid. Ddim nawr? Hepgorwch nhw.",) * 6,
    "{count} question": ("{count} cwestiwn",) * 6,
}
