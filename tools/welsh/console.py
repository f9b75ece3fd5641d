"""Welsh drafts for the console's round figures (issue #22)."""

CY: dict[str, str] = {
    "Arranged": "Wedi'i drefnu",
    "Check-in answers of round %(label)s, groups by their best answer":
        "Atebion gwirio cylch %(label)s, grwpiau yn ôl eu hateb gorau",
    "Median time from introduction to meeting: %(days)s days.":
        "Amser canolrifol o'r cyflwyniad i'r cyfarfod: %(days)s diwrnod.",
    "Median time from introduction to meeting: not shown for fewer than 5 groups that met.":
        "Amser canolrifol o'r cyflwyniad i'r cyfarfod: ni chaiff ei ddangos pan fo llai na 5 "
        "grŵp wedi cwrdd.",
    "Met": "Wedi cwrdd",
    "No answer": "Dim ateb",
    "Not happening": "Ddim yn digwydd",
    "Not yet": "Ddim eto",
    "Reasons given by fewer than 5 people are not shown.":
        "Ni ddangosir rhesymau a roddwyd gan lai na 5 o bobl.",
    "Reasons given:": "Y rhesymau a roddwyd:",
    "The first %(shown)s of %(count)s groups; the matches export lists every group.":
        "Y %(shown)s grŵp cyntaf o %(count)s; mae'r allforyn paru yn rhestru pob grŵp.",
    "Action": "Cam gweithredu",
    "Add": "Ychwanegu",
    "Add an organiser or a viewer": "Ychwanegu trefnydd neu wyliwr",
    "Choose a person": "Dewiswch berson",
    "Everyone the bot knows in this workspace already has a role.":
        "Mae gan bawb y mae'r bot yn eu hadnabod yn y gweithle hwn rôl eisoes.",
    "Name": "Enw",
    "Nobody yet: only the workspace's admins organise it.":
        "Neb eto: dim ond gweinyddwyr y gweithle sy'n ei drefnu.",
    "Organiser": "Trefnydd",
    "Organiser: runs the programme": "Trefnydd: yn rhedeg y rhaglen",
    "Organisers and viewers": "Trefnwyr a gwylwyr",
    "Organisers run the programme from this console and from chat. Viewers see the same "
    "pages and figures but cannot change anything. Admins of the workspace can always "
    "organise it.":
        "Mae trefnwyr yn rhedeg y rhaglen o'r consol hwn ac o'r sgwrs. Mae gwylwyr yn gweld "
        "yr un tudalennau a ffigurau ond ni allant newid dim. Gall gweinyddwyr y gweithle "
        "ei threfnu bob amser.",
    "People with a role on %(programme)s": "Pobl sydd â rôl ar %(programme)s",
    "Person (the people the bot knows in this workspace)":
        "Person (y bobl y mae'r bot yn eu hadnabod yn y gweithle hwn)",
    "Remove %(name)s's role": "Dileu rôl %(name)s",
    "Role": "Rôl",
    "Viewer": "Gwyliwr",
    "Viewer: figures only": "Gwyliwr: ffigurau yn unig",
    "Viewer: sees the figures, cannot change anything":
        "Gwyliwr: yn gweld y ffigurau, ni all newid dim",
    "You can see these settings but not change them: you are a viewer of this programme.":
        "Gallwch weld y gosodiadau hyn ond nid eu newid: rydych yn wyliwr y rhaglen hon.",
    "A coming round falls on a bank holiday in {nation}: {days}. Few people read messages "
    "that day; consider another day in the cadence.":
        "Mae cylch sydd i ddod yn disgyn ar ŵyl banc yn {nation}: {days}. Ychydig o bobl sy'n "
        "darllen negeseuon y diwrnod hwnnw; ystyriwch ddiwrnod arall yn yr amserlen.",
    "Re-match %(name)s": "Paru %(name)s eto",
    "Yes, find %(name)s someone new": "Ie, dewch o hyd i rywun newydd i %(name)s",
    "By profession": "Yn ôl proffesiwn",
    "By side": "Yn ôl ochr",
    "By term of the follow-up": "Yn ôl tymor yr ail holiadur",
    "Change per question: %(title)s": "Newid fesul cwestiwn: %(title)s",
    "Everyone": "Pawb",
    "Higher": "Uwch",
    "How people rated themselves after, against before, per question (per cent of people)":
        "Sut y gwnaeth pobl eu graddio eu hunain wedyn, o'i gymharu â chynt, fesul cwestiwn "
        "(canran o bobl)",
    "How people rated themselves at the end against the start, per question, among the "
    "people who answered both times. The change is the average after minus the average "
    "before; the spread says how many rated themselves lower, the same or higher. Every "
    "figure covers whole blocks of 5 people, nothing is shown for fewer than 5, and shares "
    "are rounded to the nearest 10%.":
        "Sut y gwnaeth pobl eu graddio eu hunain ar y diwedd o'i gymharu â'r dechrau, fesul "
        "cwestiwn, ymhlith y bobl a atebodd y ddwy waith. Y newid yw'r cyfartaledd wedyn "
        "llai'r cyfartaledd cynt; mae'r amrediad yn dangos faint a'u graddiodd eu hunain yn "
        "is, yr un fath neu'n uwch. Mae pob ffigur yn cwmpasu blociau cyfan o 5 o bobl, ni "
        "ddangosir dim ar gyfer llai na 5, a chaiff cyfrannau eu talgrynnu i'r 10% agosaf.",
    "Lower": "Is",
    "Outcomes": "Canlyniadau",
    "Question": "Cwestiwn",
    "Term {n}": "Tymor {n}",
    "The same": "Yr un fath",
    "The same figures are in the table below.": "Mae'r un ffigurau yn y tabl isod.",
    "fewer than 5 people": "llai na 5 o bobl",
    "lower %(lower)s%%, same %(same)s%%, higher %(higher)s%%":
        "is %(lower)s%%, yr un fath %(same)s%%, uwch %(higher)s%%",
    "Meeting {meeting} of term {term}": "Cyfarfod {meeting} o dymor {term}",
    "{head}: the term's groups were formed now. {certificate}":
        "{head}: ffurfiwyd grwpiau'r tymor nawr. {certificate}",
    "{head}: the term's {kept} groups meet again; nobody needed a new group.":
        "{head}: mae {kept} grŵp y tymor yn cwrdd eto; nid oedd angen grŵp newydd ar neb.",
    "{head}: {kept} groups continue from earlier in the term, {fresh} were formed anew. "
    "For those: {certificate}":
        "{head}: mae {kept} grŵp yn parhau o gynharach yn y tymor, ffurfiwyd {fresh} o'r "
        "newydd. Ar gyfer y rheini: {certificate}",
    "End the partnership early": "Dod â'r bartneriaeth i ben yn gynnar",
    "Yes, end group %(number)s's term partnership":
        "Ie, dewch â phartneriaeth tymor grŵp %(number)s i ben",
    "Add someone who joined late to a group with room":
        "Ychwanegu rhywun a ymunodd yn hwyr at grŵp sydd â lle",
    "Add to the group": "Ychwanegu at y grŵp",
    "Choose a group": "Dewiswch grŵp",
    "Group with room": "Grŵp sydd â lle",
    "Person (in no group of the latest round)": "Person (heb fod mewn grŵp yn y cylch diweddaraf)",
    "Yes, add them and introduce the group again": "Ie, ychwanegwch nhw a chyflwyno'r grŵp eto",
}
