"""Welsh first drafts for the enrolment work (issue #26's remaining points): the refusal of
an invitation button that was not the presser's, the matcher's reasons for leaving someone
out, `people status` and the import page's join links. Formal register ("chi"), as NHS
Wales writes to staff. Welsh counts take the singular noun ("14 diwrnod"), so most plural
forms read alike."""

CY: dict[str, str] = {
    "This invitation was sent to someone else, so nothing was changed.":
        "Anfonwyd y gwahoddiad hwn at rywun arall, felly ni newidiwyd dim.",
    "Nobody else is available this round, so there was nobody to meet.":
        "Nid oes neb arall ar gael yn y cylch hwn, felly nid oedd neb i chi gwrdd â nhw.",
    "Nobody is on {other} this round, so there was nobody to meet.":
        "Nid oes neb ar {other} yn y cylch hwn, felly nid oedd neb i chi gwrdd â nhw.",
    "Everyone else available is also a {profession}, so there was nobody from another "
    "profession to meet.":
        "Mae pawb arall sydd ar gael hefyd yn {profession}, felly nid oedd neb o broffesiwn "
        "arall i chi gwrdd â nhw.",
    "Everyone from another profession you could meet was already in a group that could not "
    "take one more.":
        "Roedd pawb o broffesiwn arall y gallech gwrdd â nhw eisoes mewn grŵp na allai "
        "gymryd un person arall.",
    "Everyone on {other} you could meet was already in a group that had no room left.":
        "Roedd pawb ar {other} y gallech gwrdd â nhw eisoes mewn grŵp heb le ar ôl.",
    "There were {same} people on {side_b} and only {others} on {side_a}, so not everyone on "
    "{side_b} could get a partner.":
        "Roedd {same} o bobl ar {side_b} a dim ond {others} ar {side_a}, felly nid oedd modd "
        "i bawb ar {side_b} gael partner.",
    "side A": "ochr A",
    "side B": "ochr B",
    "(send them the join link)": "(anfonwch y ddolen ymuno atynt)",
    "Join link to send them (it opens pairbot in their chat app):":
        "Dolen ymuno i'w hanfon atynt (mae'n agor pairbot yn eu hap sgwrsio):",
    "Not reachable:": "Dim modd eu cyrraedd:",
    "people import: give the staff list, FILE.csv":
        "people import: rhowch y rhestr staff, FILE.csv",
    "the staff list, CSV UTF-8 (import)": "y rhestr staff, CSV UTF-8 (import)",
    "{email}: {reason}": "{email}: {reason}",
    "{email}: {reason}; join link: {link}": "{email}: {reason}; dolen ymuno: {link}",
    "{programme}: import of {when} by {actor}: {invited} invited, {accepted} accepted, "
    "{declined} declined, {no_answer} no answer, {lapsed} lapsed, {unreachable} not reachable "
    "({sent} sent, {waiting} waiting).":
        "{programme}: mewnforio {when} gan {actor}: {invited} wedi'u gwahodd, {accepted} wedi "
        "derbyn, {declined} wedi gwrthod, {no_answer} heb ateb, {lapsed} wedi dod i ben, "
        "{unreachable} heb fodd eu cyrraedd ({sent} wedi'u hanfon, {waiting} yn aros).",
    "{programme}: no staff list has been imported yet.":
        "{programme}: does dim rhestr staff wedi'i mewnforio eto.",
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
    "You have met everyone available on {other} within the last round.": _six(
        "Rydych wedi cwrdd â phawb sydd ar gael ar {other} yn ystod y cylch diwethaf.",
        "Rydych wedi cwrdd â phawb sydd ar gael ar {other} yn ystod y {recency} cylch "
        "diwethaf."),
    "There were {same} people on {side_a} and only {others} on {side_b} with {capacity} "
    "place each, so every place was taken.": _six(
        "Roedd {same} o bobl ar {side_a} a dim ond {others} ar {side_b} gydag {capacity} lle "
        "yr un, felly roedd pob lle wedi'i gymryd.",
        "Roedd {same} o bobl ar {side_a} a dim ond {others} ar {side_b} gyda {capacity} lle "
        "yr un, felly roedd pob lle wedi'i gymryd."),
    "You have met everyone available from other professions within the last round.": _six(
        "Rydych wedi cwrdd â phawb sydd ar gael o broffesiynau eraill yn ystod y cylch "
        "diwethaf.",
        "Rydych wedi cwrdd â phawb sydd ar gael o broffesiynau eraill yn ystod y {recency} "
        "cylch diwethaf."),
}
