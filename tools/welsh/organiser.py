"""Welsh first drafts for the organiser's chat answers (`admin …`, issue #21's "commands
as commands") and the Teams file retry button. Formal register ("chi"), as NHS Wales
writes to staff."""

CY: dict[str, str] = {
    "By profession: {professions}": "Yn ôl proffesiwn: {professions}",
    "I couldn't save the file there; type {command} or use the button to try again.":
        "Doeddwn i ddim yn gallu cadw'r ffeil yno; teipiwch {command} neu defnyddiwch y "
        "botwm i roi cynnig arall arni.",
    "Keep your own id ({user}) in the organisers, or nobody here could change these "
    "settings any more.":
        "Cadwch eich id eich hun ({user}) ymhlith y trefnwyr, neu ni fydd neb yma'n gallu "
        "newid y gosodiadau hyn mwyach.",
    "Met rate by theme: {themes}": "Cyfradd cyfarfod yn ôl thema: {themes}",
    "Met rate: {met}. Average learning about the other's role: {learning}.":
        "Cyfradd cyfarfod: {met}. Dysgu cyfartalog am rôl y llall: {learning}.",
    "Nothing new was sent. The next round is on {day}.":
        "Ni anfonwyd dim byd newydd. Mae'r rownd nesaf ar {day}.",
    "OK, no file was sent.": "Iawn, ni anfonwyd ffeil.",
    "Only organisers of {programme} can use {admin}: workspace admins and owners, and the "
    "people listed as its organisers (your id is {user}). Ask one of them if you need a "
    "change.":
        "Dim ond trefnwyr {programme} sy'n gallu defnyddio {admin}: gweinyddwyr a "
        "pherchnogion y gweithle, a'r bobl a restrir fel ei drefnwyr (eich id yw {user}). "
        "Gofynnwch i un ohonyn nhw os oes angen newid arnoch.",
    "Preview, nothing was sent.": "Rhagolwg, ni anfonwyd dim.",
    "Professions that met: {pairs}": "Proffesiynau a gyfarfu: {pairs}",
    "Round started: introductions are on their way.":
        "Mae'r rownd wedi dechrau: mae'r cyflwyniadau ar eu ffordd.",
    "That file is no longer available; type {command} or use the button to try again.":
        "Nid yw'r ffeil honno ar gael mwyach; teipiwch {command} neu defnyddiwch y botwm i "
        "roi cynnig arall arni.",
    "The organiser commands are {settings}, {preview}, {run_now} and {stats}, each "
    "optionally followed by a programme's name.":
        "Gorchmynion y trefnwyr yw {settings}, {preview}, {run_now} a {stats}, pob un gydag "
        "enw rhaglen ar ei ôl os mynnwch.",
    "The {round} round has already run.": "Mae rownd {round} eisoes wedi'i chynnal.",
    "There is no programme called '{name}' here; the programmes are: {known}.":
        "Does dim rhaglen o'r enw '{name}' yma; y rhaglenni yw: {known}.",
    "Try again": "Rhoi cynnig arall",
    "Group {number}: {members}": "Grŵp {number}: {members}",
    "What people learned (shared anonymously):":
        "Yr hyn a ddysgodd pobl (wedi'i rannu'n ddienw):",
    "Working on {command}; the result follows in a direct message.":
        "Wrthi'n gweithio ar {command}; daw'r canlyniad mewn neges uniongyrchol.",
    "Your file is offered again below.": "Cynigir eich ffeil eto isod.",
    "Your files are offered again below.": "Cynigir eich ffeiliau eto isod.",
    "no feedback yet": "dim adborth eto",
    "no groups yet": "dim grwpiau eto",
    "not shown for fewer than {n} people": "ni chaiff ei ddangos i lai na {n} o bobl",
    "{groups} groups, {people} people introduced, {left_out} left out.":
        "{groups} grŵp, {people} o bobl wedi'u cyflwyno, {left_out} wedi'u gadael allan.",
    "{met}% of {groups} groups introduced ({answered}% of groups answered the check-in)":
        "{met}% o'r {groups} grŵp a gyflwynwyd ({answered}% o'r grwpiau wedi ateb y "
        "gwiriad)",
    "{name} is left out: {reason}": "Mae {name} wedi'i adael allan: {reason}",
    "{programme}, round {round} ({when}): {eligible} taking part, {paused} paused or "
    "skipping.":
        "{programme}, rownd {round} ({when}): {eligible} yn cymryd rhan, {paused} wedi "
        "oedi neu'n hepgor.",
    "{programme}: {participants} participants ({active} active), {rounds} rounds, "
    "{matches} introductions.":
        "{programme}: {participants} o gyfranogwyr ({active} yn weithredol), {rounds} "
        "rownd, {matches} cyflwyniad.",
    "{theme} no figure (fewer than {n} people)": "{theme} dim ffigur (llai na {n} o bobl)",
    "{theme} {met}% of {groups} groups": "{theme} {met}% o {groups} grŵp",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
