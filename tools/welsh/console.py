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
}
