"""Welsh first drafts for the enrolment work (issue #26's remaining points): the refusal of
an invitation button that was not the presser's, and the matcher's reasons for leaving
someone out. Formal register ("chi"), as NHS Wales writes to staff. Welsh counts take
the singular noun ("14 diwrnod"), so most plural forms read alike."""

CY: dict[str, str] = {
    "This invitation was sent to someone else, so nothing was changed.":
        "Anfonwyd y gwahoddiad hwn at rywun arall, felly ni newidiwyd dim.",
    "Nobody else is available this round, so there was nobody to meet.":
        "Nid oes neb arall ar gael yn y cylch hwn, felly nid oedd neb i chi gwrdd â nhw.",
    "Nobody is on side {other} this round, so there was nobody to meet.":
        "Nid oes neb ar ochr {other} yn y cylch hwn, felly nid oedd neb i chi gwrdd â nhw.",
    "Everyone else available is also a {profession}, so there was nobody from another "
    "profession to meet.":
        "Mae pawb arall sydd ar gael hefyd yn {profession}, felly nid oedd neb o broffesiwn "
        "arall i chi gwrdd â nhw.",
    "Everyone from another profession you could meet was already in a group that could not "
    "take one more.":
        "Roedd pawb o broffesiwn arall y gallech gwrdd â nhw eisoes mewn grŵp na allai "
        "gymryd un person arall.",
    "Everyone on side {other} you could meet was already in a group that had no room left.":
        "Roedd pawb ar ochr {other} y gallech gwrdd â nhw eisoes mewn grŵp heb le ar ôl.",
    "There were {same} people on side B and only {others} on side A, so not everyone on "
    "side B could get a partner.":
        "Roedd {same} o bobl ar ochr B a dim ond {others} ar ochr A, felly nid oedd modd i "
        "bawb ar ochr B gael partner.",
    "There were {same} people whose profession is {profession} and only {others} from other "
    "professions, so everyone from another profession already had a partner.":
        "Roedd {same} o bobl â'r proffesiwn {profession} a dim ond {others} o broffesiynau "
        "eraill, felly roedd gan bawb o broffesiwn arall bartner eisoes.",
}


def _six(one: str, other: str) -> tuple[str, str, str, str, str, str]:
    """Welsh's six forms (zero, one, two, few, many, other): the singular for one."""
    return (other, one, other, other, other, other)


CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "You are away for the day after this round, so you were not matched.": _six(
        "Rydych i ffwrdd am y diwrnod ar ôl y cylch hwn, felly ni chawsoch eich paru.",
        "Rydych i ffwrdd am bob un o'r {days} diwrnod ar ôl y cylch hwn, felly ni chawsoch "
        "eich paru."),
    "You have met everyone available on side {other} within the last round.": _six(
        "Rydych wedi cwrdd â phawb sydd ar gael ar ochr {other} yn ystod y cylch diwethaf.",
        "Rydych wedi cwrdd â phawb sydd ar gael ar ochr {other} yn ystod y {recency} cylch "
        "diwethaf."),
    "There were {same} people on side A and only {others} on side B with {capacity} place "
    "each, so every place was taken.": _six(
        "Roedd {same} o bobl ar ochr A a dim ond {others} ar ochr B gydag {capacity} lle yr "
        "un, felly roedd pob lle wedi'i gymryd.",
        "Roedd {same} o bobl ar ochr A a dim ond {others} ar ochr B gyda {capacity} lle yr "
        "un, felly roedd pob lle wedi'i gymryd."),
    "You have met everyone available from other professions within the last round.": _six(
        "Rydych wedi cwrdd â phawb sydd ar gael o broffesiynau eraill yn ystod y cylch "
        "diwethaf.",
        "Rydych wedi cwrdd â phawb sydd ar gael o broffesiynau eraill yn ystod y {recency} "
        "cylch diwethaf."),
}
