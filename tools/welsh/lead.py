"""Welsh drafts for messages the lead wrote while merging."""

CY = {
    "A sample hospital trust of 150 people in 12 professions, in three programmes "
    "(everyone across professions; junior doctors × managers, a term of three months with "
    "the same partners; a three-person night-shift pilot where someone is left out), "
    "through three monthly rounds and the first round of the next term, with the real "
    "services. It prints what each person reads, day by day (questionnaires, heads-ups, "
    "introductions, left-out notices, check-ins, reminders, the end-of-term questions), "
    "then the organisers' figures and the before-and-after evaluation.":
        "Ymddiriedolaeth ysbyty enghreifftiol o 150 o bobl mewn 12 proffesiwn, mewn tair "
        "rhaglen (pawb ar draws proffesiynau; meddygon iau × rheolwyr, tymor o dri mis gyda'r "
        "un partneriaid; cynllun peilot nos o dri pherson lle mae rhywun yn cael ei adael "
        "allan), drwy dri chylch misol a chylch cyntaf y tymor nesaf, gyda'r gwasanaethau go "
        "iawn. Mae'n argraffu'r hyn y mae pob person yn ei ddarllen, ddydd ar ôl dydd "
        "(holiaduron, rhybuddion ymlaen llaw, cyflwyniadau, hysbysiadau i'r rhai a adawyd "
        "allan, holiadau dilynol, nodiadau atgoffa, cwestiynau diwedd y tymor), yna ffigurau'r "
        "trefnwyr a'r gwerthusiad cyn ac ar ôl.",
    "It needs no credentials and no network, and uses a throw-away SQLite database, unless "
    "--keep writes it to a file (dated so that the term lies in the past) to open the "
    "organiser console on.":
        "Nid oes angen manylion mewngofnodi na rhwydwaith arno, ac mae'n defnyddio cronfa "
        "ddata SQLite dros dro, oni bai bod --keep yn ei hysgrifennu i ffeil (wedi'i dyddio "
        "fel bod y tymor yn y gorffennol) i agor consol y trefnydd arni.",
    "Your line manager": "Eich rheolwr llinell",
    "pairbot never puts you in a group with them, and nobody is told. Choose them once they "
    "have joined the programme.":
        "Nid yw pairbot byth yn eich rhoi mewn grŵp gyda nhw, ac nid oes neb yn cael gwybod. "
        "Dewiswch nhw unwaith y byddan nhw wedi ymuno â'r rhaglen.",

    # Needs attention (bot/services/console/needs_attention.py).
    "A check-in": "holiad dilynol",  # mid-sentence in Welsh: "Ni chafodd … ei chyflwyno"
    "A heads-up": "rhybudd ymlaen llaw",
    "A left-out notice": "hysbysiad i rywun a adawyd allan",
    "A notice": "hysbysiad",
    "A reminder": "nodyn atgoffa",
    "An introduction": "cyflwyniad",
    "A message": "neges",
    "Find them among the participants": "Dewch o hyd iddynt ymhlith y cyfranogwyr",
    "Group {number} of {round} ({members})": "Grŵp {number} o {round} ({members})",
    "Groups that said Not yet or Not happening":
        "Grwpiau a ddywedodd Ddim eto neu Ddim yn digwydd",
    "Resume them from the participants page": "Ailgychwynnwch nhw o dudalen y cyfranogwyr",
    "See the group and its members": "Gweld y grŵp a'i aelodau",
    "See who it was for": "Gweld ar gyfer pwy yr oedd",
    "Teams has not told the bot where to reach this organisation":
        "Nid yw Teams wedi dweud wrth y bot ble i gyrraedd y sefydliad hwn",
    "everyone it was for had left": "roedd pawb yr oedd ar eu cyfer wedi gadael",
    "the Teams conversation no longer exists": "nid yw'r sgwrs Teams yn bodoli mwyach",
    "the bot is not in that conversation": "nid yw'r bot yn y sgwrs honno",
    "the bot is not installed in the workspace": "nid yw'r bot wedi'i osod yn y gweithle",
    "the bot lacks a permission it needs; reinstall it":
        "nid oes gan y bot ganiatâd sydd ei angen arno; gosodwch ef eto",
    "the bot was removed from the workspace": "tynnwyd y bot o'r gweithle",
    "the bot's sign-in to the workspace has expired":
        "mae mewngofnodi'r bot i'r gweithle wedi dod i ben",
    "the bot's sign-in to the workspace is no longer valid":
        "nid yw mewngofnodi'r bot i'r gweithle yn ddilys mwyach",
    "the conversation has been archived": "mae'r sgwrs wedi'i harchifo",
    "the conversation no longer exists": "nid yw'r sgwrs yn bodoli mwyach",
    "the group is too large for one conversation": "mae'r grŵp yn rhy fawr i un sgwrs",
    "the message was too long": "roedd y neges yn rhy hir",
    "the person blocked or removed the bot in Teams":
        "mae'r person wedi rhwystro neu dynnu'r bot yn Teams",
    "the person cannot receive direct messages from the bot":
        "ni all y person gael negeseuon uniongyrchol gan y bot",
    "the person has not opened a chat with the bot in Teams yet":
        "nid yw'r person wedi agor sgwrs gyda'r bot yn Teams eto",
    "the person is no longer in the workspace": "nid yw'r person yn y gweithle mwyach",
    "the person's account has been deactivated": "mae cyfrif y person wedi'i ddadactifadu",
    "the person's account has been disabled": "mae cyfrif y person wedi'i analluogi",
    "the platform gave no reason": "ni roddodd y platfform reswm",
    "the platform refused it ({code})": "gwrthododd y platfform hi ({code})",
    "the workspace does not allow the bot to send this":
        "nid yw'r gweithle yn caniatáu i'r bot anfon hwn",
    "the workspace removed the bot's access": "tynnodd y gweithle fynediad y bot",
    "{group} has not met: they answered Not yet or Not happening.":
        "Nid yw {group} wedi cyfarfod: atebon nhw Ddim eto neu Ddim yn digwydd.",
    "{group}: no answer since the check-in on {day}.":
        "{group}: dim ateb ers yr holiad dilynol ar {day}.",
    "{message} on {day} was not delivered: {reason}.":
        "Ni chafodd {message} ar {day} ei chyflwyno: {reason}.",
    "{message} to {name} on {day} was not delivered: {reason}.":
        "Ni chafodd {message} i {name} ar {day} ei chyflwyno: {reason}.",
    "{name} was left out of the last two rounds.":
        "Cafodd {name} ei adael allan o'r ddau gylch diwethaf.",
    "{name} was paused automatically after messages to them failed or went unanswered.":
        "Cafodd {name} ei oedi'n awtomatig ar ôl i negeseuon ato fethu neu fynd heb eu hateb.",
    # The calendar file (bot/core/calendar.py).
    "Paired learning: {theme}": "Dysgu mewn parau: {theme}",
    "With {names}.": "Gyda {names}.",
    "Questions to start with:": "Cwestiynau i ddechrau:",
}
