"""Welsh first drafts for the `rounds` work (issues #21 and #26): when people can meet,
the dates they are away, site, team, the private do-not-pair list, and the notices of
people who sit a round out. Formal register ("chi"), as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "(optional)": "(dewisol)",
    "Any time": "Unrhyw bryd",
    "Away: {dates}": "I ffwrdd: {dates}",
    "Dates you're away": "Dyddiadau y byddwch i ffwrdd",
    "Dates you're away: '{item}' ends before it starts.":
        "Dyddiadau y byddwch i ffwrdd: mae '{item}' yn gorffen cyn iddo ddechrau.",
    "Dates you're away: '{item}' is not a date; write YYYY-MM-DD, or "
    "YYYY-MM-DD..YYYY-MM-DD for a range.":
        "Dyddiadau y byddwch i ffwrdd: nid yw '{item}' yn ddyddiad; ysgrifennwch "
        "BBBB-MM-DD, neu BBBB-MM-DD..BBBB-MM-DD ar gyfer cyfnod.",
    "Dates you're away: give at most {count} dates or ranges.":
        "Dyddiadau y byddwch i ffwrdd: rhowch {count} dyddiad neu gyfnod ar y mwyaf.",
    "Dates you're away: keep it to {limit} characters.":
        "Dyddiadau y byddwch i ffwrdd: cadwch at {limit} nod.",
    "Leave it empty if any time suits you.": "Gadewch yn wag os yw unrhyw bryd yn gyfleus i chi.",
    "Leave, a rotation gap: e.g. 2027-01-04..2027-01-15; 2027-02-01":
        "Gwyliau, bwlch rhwng cylchdroadau: e.e. 2027-01-04..2027-01-15; 2027-02-01",
    "Only you see this list: pairbot never tells anyone.":
        "Chi yn unig sy'n gweld y rhestr hon: nid yw pairbot byth yn dweud wrth neb.",
    "People you'd rather not be paired with": "Pobl y byddai'n well gennych beidio â'ch paru â nhw",
    "People you'd rather not be paired with: choose at most {limit}.":
        "Pobl y byddai'n well gennych beidio â'ch paru â nhw: dewiswch {limit} ar y mwyaf.",
    "Site: {site}": "Safle: {site}",
    "Team: {team}": "Tîm: {team}",
    "We'll put you first in the next round, on {day}.":
        "Byddwn yn eich rhoi chi'n gyntaf yn y cylch nesaf, ar {day}.",
    "We'll put you first in the next round.": "Byddwn yn eich rhoi chi'n gyntaf yn y cylch nesaf.",
    "Weekday afternoons (12pm to 5pm)": "Prynhawniau yn ystod yr wythnos (12pm i 5pm)",
    "Weekday evenings (5pm to 9pm)": "Gyda'r nos yn ystod yr wythnos (5pm i 9pm)",
    "Weekday mornings (8am to 12pm)": "Boreau yn ystod yr wythnos (8am i 12pm)",
    "Weekday nights (9pm to 8am)": "Nosweithiau yn ystod yr wythnos (9pm i 8am)",
    "Weekend afternoons (12pm to 5pm)": "Prynhawniau ar y penwythnos (12pm i 5pm)",
    "Weekend evenings (5pm to 9pm)": "Gyda'r nos ar y penwythnos (5pm i 9pm)",
    "Weekend mornings (8am to 12pm)": "Boreau ar y penwythnos (8am i 12pm)",
    "Weekend nights (9pm to 8am)": "Nosweithiau ar y penwythnos (9pm i 8am)",
    "When can you usually meet?": "Pryd allwch chi gwrdd fel arfer?",
    "When you can meet: '{key}' is not one of the times you can choose.":
        "Pryd allwch chi gwrdd: nid yw '{key}' yn un o'r amseroedd y gallwch eu dewis.",
    "When you can meet: {windows}": "Pryd allwch chi gwrdd: {windows}",
    "Where you work (site)": "Ble rydych chi'n gweithio (safle)",
    "You'll be placed as soon as a group has room or someone new joins, and at the latest "
    "when the next term starts, in the round on {day}.":
        "Byddwch yn cael eich rhoi mewn grŵp cyn gynted ag y bydd lle mewn grŵp neu y bydd "
        "rhywun newydd yn ymuno, ac fan bellaf pan fydd y tymor nesaf yn dechrau, yn y cylch "
        "ar {day}.",
    "You're away for the whole fortnight after this round, so pairbot has not introduced "
    "you to anyone.":
        "Byddwch i ffwrdd am y pythefnos cyfan ar ôl y cylch hwn, felly nid yw pairbot wedi'ch "
        "cyflwyno i neb.",
    "Your team": "Eich tîm",
    "any time": "unrhyw bryd",
    "{field}: keep it to {limit} characters.": "{field}: cadwch at {limit} nod.",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {
    "You'd rather not be paired with {count} person (only you see this).": (
        "Byddai'n well gennych beidio â'ch paru â {count} person (chi yn unig sy'n gweld hyn).",
        "Byddai'n well gennych beidio â'ch paru â {count} person (chi yn unig sy'n gweld hyn).",
        "Byddai'n well gennych beidio â'ch paru â {count} berson (chi yn unig sy'n gweld hyn).",
        "Byddai'n well gennych beidio â'ch paru â {count} pherson (chi yn unig sy'n gweld hyn).",
        "Byddai'n well gennych beidio â'ch paru â {count} pherson (chi yn unig sy'n gweld hyn).",
        "Byddai'n well gennych beidio â'ch paru â {count} o bobl (chi yn unig sy'n gweld hyn)."),
    "{count} of the people you'd rather not be paired with has not joined {programme}, so "
    "they are not on your list yet: choose them again once they have joined.": (
        "Nid oes yr un o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno.",
        "Nid yw {count} o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno.",
        "Nid yw {count} o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno.",
        "Nid yw {count} o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno.",
        "Nid yw {count} o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno.",
        "Nid yw {count} o'r bobl y byddai'n well gennych beidio â'ch paru â nhw wedi ymuno â "
        "{programme}, felly nid ydynt ar eich rhestr eto: dewiswch nhw eto ar ôl iddynt ymuno."),
}
