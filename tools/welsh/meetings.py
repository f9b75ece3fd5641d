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
}
CY_PLURALS: dict[str, tuple[str, ...]] = {}
