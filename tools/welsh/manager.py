"""Welsh first drafts for an organiser setting a person's line manager in the console, and a
re-import changing the line managers of people who have joined (issue #26). Formal register
("chi"), as NHS Wales writes to staff; "eu" for a person of unknown gender, as the catalogue
already does ("gyda'u rheolwr llinell"). Welsh counts take the singular noun, so the plural
forms read alike but for one."""

CY: dict[str, str] = {
    "That person is not in this programme any more.":
        "Nid yw'r person hwnnw yn y rhaglen hon mwyach.",
    "{name} cannot be their own line manager; choose someone else. Nothing was changed.":
        "Rhaid i reolwr llinell {name} fod yn rhywun arall; dewiswch berson arall. Ni "
        "newidiwyd dim.",
    "That manager is not in this programme any more; search again. Nothing was changed.":
        "Nid yw'r rheolwr hwnnw yn y rhaglen hon mwyach; chwiliwch eto. Ni newidiwyd dim.",
    "{manager} is already {name}'s line manager.":
        "{manager} yw rheolwr llinell {name} eisoes.",
    "No line manager was set for {name}; nothing was changed.":
        "Nid oedd rheolwr llinell wedi'i osod ar gyfer {name}; ni newidiwyd dim.",
    "{name} has no line manager now.":
        "Nid oes gan {name} reolwr llinell bellach.",
    "{manager} is now {name}'s line manager: the next rounds will not put them in the same "
    "group.":
        "{manager} yw rheolwr llinell {name} bellach: ni fydd y cylchoedd nesaf yn eu rhoi yn "
        "yr un grŵp.",
    "Line manager of {name} – {programme}": "Rheolwr llinell {name} – {programme}",
    "Choose a person from the search results; nothing was changed.":
        "Dewiswch berson o ganlyniadau'r chwilio; ni newidiwyd dim.",
    "Line manager of {name}": "Rheolwr llinell {name}",
    "pairbot never puts someone in a group with their line manager. {name} can also set it in "
    "their profile; a staff list import that names a manager replaces it.":
        "Nid yw pairbot byth yn rhoi rhywun mewn grŵp gyda'u rheolwr llinell. Gall {name} ei "
        "osod yn eu proffil hefyd; mae mewnforio rhestr staff sy'n enwi rheolwr yn cymryd ei "
        "le.",
    "The line manager was not changed": "Ni newidiwyd y rheolwr llinell",
    "Now": "Ar hyn o bryd",
    "{manager} ({profession}) is {name}'s line manager.":
        "{manager} ({profession}) yw rheolwr llinell {name}.",
    "Clear the line manager": "Clirio'r rheolwr llinell",
    "No line manager is set for {name}.":
        "Nid oes rheolwr llinell wedi'i osod ar gyfer {name}.",
    "Choose a line manager": "Dewis rheolwr llinell",
    "Find a line manager": "Dod o hyd i reolwr llinell",
    "Search this programme's people by name": "Chwilio am bobl y rhaglen hon yn ôl enw",
    "Search": "Chwilio",
    "Who is {name}'s line manager?": "Pwy yw rheolwr llinell {name}?",
    "The first {shown} of {count} people whose name has “{search}”: type more of the name to "
    "find someone else.":
        "Y {shown} cyntaf o {count} o bobl y mae “{search}” yn eu henw: teipiwch fwy o'r enw i "
        "ddod o hyd i rywun arall.",
    "Save the line manager": "Cadw'r rheolwr llinell",
    "Nobody else in this programme has a name with “{search}”.":
        "Nid oes gan neb arall yn y rhaglen hon enw sy'n cynnwys “{search}”.",
    "Back to the participants": "Yn ôl i'r cyfranogwyr",
    "Line manager": "Rheolwr llinell",
    "Change": "Newid",
    "Set": "Gosod",
    "Set the line manager of {name}": "Gosod rheolwr llinell {name}",
    "Change the line manager of {name}": "Newid rheolwr llinell {name}",
    "Nobody in this programme is known as '{reference}': give the e-mail address their "
    "import used, or their chat user id.":
        "Nid oes neb yn y rhaglen hon o'r enw '{reference}': rhowch y cyfeiriad e-bost a "
        "ddefnyddiwyd yn eu mewnforio, neu eu id defnyddiwr sgwrsio.",
    "manager: whose line manager to set": "manager: rheolwr llinell pwy i'w osod",
    "manager: their line manager, someone of the same programme":
        "manager: eu rheolwr llinell, rhywun o'r un rhaglen",
    "manager: clear their line manager instead": "manager: clirio eu rheolwr llinell yn lle",
    "people manager: give --person, their e-mail address or chat user id":
        "people manager: rhowch --person, eu cyfeiriad e-bost neu eu id defnyddiwr sgwrsio",
    "people manager: give --manager EMAIL_OR_ID or --clear, one of them":
        "people manager: rhowch --manager EMAIL_OR_ID neu --clear, un ohonynt",
    # `pairbot people --help`: the description gains its `manager` sentence.
    "import FILE.csv: invite everyone in the file to the programme. Columns (header names in "
    "any case): email (required), name, profession, staff_group and job_role (ESR's 'Staff "
    "Group' and 'Job Role' as written), site, team, manager_email. Staff groups and job roles "
    "become professions through the programme's profession_map. With --dry-run, print what "
    "would happen and change nothing. Any problem in the file refuses the whole import. Exit 0 "
    "done, 1 refused (problems found, nothing imported), 2 bad input. status: each import's "
    "invited, accepted, declined, no answer and not reachable people (with the reason and a "
    "join link to send them). manager: set or clear one person's line manager (--person and "
    "--manager: the e-mail address their import used, or their chat user id); pairbot never "
    "groups them.":
        "import FILE.csv: gwahodd pawb yn y ffeil i'r rhaglen. Colofnau (enwau pennawd mewn "
        "unrhyw achos): email (gofynnol), name, profession, staff_group a job_role ('Staff "
        "Group' a 'Job Role' ESR fel y'u hysgrifennwyd), site, team, manager_email. Daw "
        "grwpiau staff a rolau swydd yn broffesiynau drwy profession_map y rhaglen. Gyda "
        "--dry-run, argraffu'r hyn a fyddai'n digwydd heb newid dim. Mae unrhyw broblem yn y "
        "ffeil yn gwrthod y mewnforio cyfan. Allanfa 0 wedi'i wneud, 1 wedi'i wrthod "
        "(problemau wedi'u canfod, dim wedi'i fewnforio), 2 mewnbwn gwael. status: pobl pob "
        "mewnforio sydd wedi'u gwahodd, wedi derbyn, wedi gwrthod, heb ateb a heb fodd eu "
        "cyrraedd (gyda'r rheswm a dolen ymuno i'w hanfon atynt). manager: gosod neu glirio "
        "rheolwr llinell un person (--person a --manager: y cyfeiriad e-bost a ddefnyddiwyd yn "
        "eu mewnforio, neu eu id defnyddiwr sgwrsio); nid yw pairbot byth yn eu grwpio.",
}


def _six(one: str, other: str) -> tuple[str, str, str, str, str, str]:
    """Welsh's six forms (zero, one, two, few, many, other): the singular for one."""
    return (other, one, other, other, other, other)


CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "{count} person's line manager will change: the file is the record of line management "
    "(an empty manager cell leaves what the person set).": _six(
        "Bydd rheolwr llinell {count} person yn newid: y ffeil yw'r cofnod o reoli llinell "
        "(mae cell rheolwr wag yn gadael yr hyn a osododd y person).",
        "Bydd rheolwyr llinell {count} o bobl yn newid: y ffeil yw'r cofnod o reoli llinell "
        "(mae cell rheolwr wag yn gadael yr hyn a osododd y person)."),
    "{count} person's line manager changed.": _six(
        "Newidiwyd rheolwr llinell {count} person.",
        "Newidiwyd rheolwyr llinell {count} o bobl."),
}
