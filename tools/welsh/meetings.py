"""Welsh first drafts for the meetings work (issue #21): suggested times, calendar links,
availability windows. Formal register, as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "Add to calendar": "Ychwanegu at y calendr",
    "Agree a time here in the chat: a short call at the edge of a shift works too.":
        "Cytunwch ar amser yma yn y sgwrs: mae galwad fer ar ddechrau neu ddiwedd shifft "
        "yn iawn hefyd.",
    "Theme: {theme}. Questions to start with: {questions}":
        "Thema: {theme}. Cwestiynau i ddechrau: {questions}",
    "Times you could all meet": "Amseroedd y gallech i gyd gwrdd",
    "You don't share a usual time to meet": "Nid oes gennych amser arferol i gwrdd yn gyffredin",
    "weekday afternoons": "prynhawniau yn ystod yr wythnos",
    "weekday evenings": "nosweithiau yn ystod yr wythnos",
    "weekday mornings": "boreau yn ystod yr wythnos",
    "weekday nights": "nosau yn ystod yr wythnos",
    "weekend afternoons": "prynhawniau ar y penwythnos",
    "weekend evenings": "nosweithiau ar y penwythnos",
    "weekend mornings": "boreau ar y penwythnos",
    "weekend nights": "nosau ar y penwythnos",
    "{day}, {start} to {end}": "{day}, {start} i {end}",
    "{name}: {windows}": "{name}: {windows}",
    # Not yet, and why.
    "Not yet": "Ddim eto",
    "My rota": "Fy rota",
    "Leave or sickness": "Gwyliau neu salwch",
    "No reply from my partner": "Dim ateb gan fy mhartner",
    "Something else": "Rhywbeth arall",
    "Why not yet?": "Pam ddim eto?",
    "Why not?": "Pam ddim?",
    "What got in the way of meeting for {programme}?":
        "Beth sydd wedi eich rhwystro rhag cwrdd ar gyfer {programme}?",
    "What stopped the meeting for {programme}?":
        "Beth a rwystrodd y cyfarfod ar gyfer {programme}?",
    "Only the organisers' totals use this; your partner does not see it.":
        "Dim ond cyfansymiau'r trefnwyr sy'n defnyddio hyn; nid yw eich partner yn ei weld.",
    "Thank you, noted.": "Diolch, wedi'i nodi.",
    "Thank you, noted. Times you could suggest to your group: {times}.":
        "Diolch, wedi'i nodi. Amseroedd y gallech eu hawgrymu i'ch grŵp: {times}.",
    "Answer Not yet or Not going to happen on the check-in first, then say why.":
        "Atebwch Ddim eto neu Ddim am ddigwydd ar y neges wirio yn gyntaf, yna dywedwch pam.",
    "Or react to this message: {met} met, {scheduled} arranged, {not_yet} not yet, "
    "{not_happening} not going to happen. Each person answers for themselves; the last "
    "answer counts.":
        "Neu ymatebwch i'r neges hon: {met} wedi cwrdd, {scheduled} wedi trefnu, {not_yet} "
        "ddim eto, {not_happening} ddim am ddigwydd. Mae pob person yn ateb drosto'i hun; yr "
        "ateb olaf sy'n cyfrif.",
    # We've arranged it: when?
    "When are you meeting?": "Pryd ydych chi'n cwrdd?",
    "Great! When are you meeting? I'll remind you that morning and check in the day after.":
        "Gwych! Pryd ydych chi'n cwrdd? Byddaf yn eich atgoffa'r bore hwnnw ac yn holi'r "
        "diwrnod wedyn.",
    "You're meeting on {when}. Moved? Choose the new time; or cancel it.":
        "Rydych chi'n cwrdd ar {when}. Wedi newid? Dewiswch yr amser newydd; neu canslwch "
        "ef.",
    "Another time? Pick the day and time below.":
        "Amser arall? Dewiswch y diwrnod a'r amser isod.",
    "Cancel the meeting": "Canslo'r cyfarfod",
    "Cancelled: no reminder will be sent. Choose a new time whenever you have one.":
        "Wedi'i ganslo: ni fydd nodyn atgoffa'n cael ei anfon. Dewiswch amser newydd pan "
        "fydd gennych un.",
    "Choose a day and a time from now on, within the next 60 days.":
        "Dewiswch ddiwrnod ac amser o hyn ymlaen, o fewn y 60 diwrnod nesaf.",
    "Day": "Diwrnod",
    "Time": "Amser",
    "Save this time": "Cadw'r amser hwn",
    "Noted: you're meeting on {when}. I'll remind everyone that morning and check in the "
    "day after.":
        "Wedi'i nodi: rydych chi'n cwrdd ar {when}. Byddaf yn atgoffa pawb y bore hwnnw ac "
        "yn holi'r diwrnod wedyn.",
    "Reminder: you're meeting {people} today at {time}. Enjoy it!":
        "Nodyn atgoffa: rydych chi'n cwrdd â {people} heddiw am {time}. Mwynhewch!",
    "{day} at {time}": "{day} am {time}",
    # No reply from my partner: the rescue.
    "Sorry they didn't reply. pairbot has found you someone else who is free this round: "
    "look out for the new introduction.":
        "Mae'n ddrwg gennym na chawsoch ateb. Mae pairbot wedi dod o hyd i rywun arall sy'n "
        "rhydd y cylch hwn: cadwch lygad am y cyflwyniad newydd.",
    "Sorry they didn't reply. Nobody else is free this round, so you'll get priority in "
    "the next one.":
        "Mae'n ddrwg gennym na chawsoch ateb. Nid oes neb arall yn rhydd y cylch hwn, felly "
        "cewch flaenoriaeth yn y cylch nesaf.",
    "Thank you, noted. You've already had a new partner this round; your organiser can "
    "see the groups that need help.":
        "Diolch, wedi'i nodi. Rydych chi eisoes wedi cael partner newydd y cylch hwn; gall "
        "eich trefnydd weld y grwpiau sydd angen help.",
    "Take part again": "Cymryd rhan eto",
    "We've arranged it": "Rydym wedi'i drefnu",
}
CY_PLURALS: dict[str, tuple[str, ...]] = {}
