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
}
