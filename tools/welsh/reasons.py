"""Welsh first drafts for the `reasons` work (issues #24 and #20): why a group was matched,
as the intro and the console's round preview say it, in the third person and in the
reader's own words ("You want to learn about…"). Profession and site names are data and
stay as given. Formal register ("chi"), as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "{first} meets {second}": "{first} yn cwrdd â {second}",
    "{professions} meet": "{professions} yn cwrdd",
    "{0} wants to learn about {profession}": "Mae {0} am ddysgu am {profession}",
    "You want to learn about {profession}": "Rydych chi am ddysgu am {profession}",
    "{people} want to learn about {profession}": "Mae {people} am ddysgu am {profession}",
    "You and {0} want to learn about {profession}":
        "Rydych chi a {0} am ddysgu am {profession}",
    "You, {people} want to learn about {profession}":
        "Rydych chi, {people} am ddysgu am {profession}",
    "{0} was left out last round, so gets priority":
        "Roedd {0} heb grŵp yn y cylch diwethaf, felly mae'n cael blaenoriaeth",
    "You were left out last round, so get priority":
        "Roeddech chi heb grŵp yn y cylch diwethaf, felly rydych chi'n cael blaenoriaeth",
    "{0} and {1} met before, over {rounds} rounds ago":
        "Mae {0} a {1} wedi cwrdd o'r blaen, dros {rounds} cylch yn ôl",
    "You and {0} met before, over {rounds} rounds ago":
        "Rydych chi a {0} wedi cwrdd o'r blaen, dros {rounds} cylch yn ôl",
    "You can both meet on {windows}.": "Gallwch eich dau gwrdd ar {windows}.",
    "You can all meet on {windows}.": "Gallwch chi i gyd gwrdd ar {windows}.",
    "You both work at the {site} site.": "Mae'r ddau ohonoch yn gweithio ar safle {site}.",
    "You all work at the {site} site.": "Rydych chi i gyd yn gweithio ar safle {site}.",
    "{0} joined as another partner from {side}, as this group had room":
        "Ymunodd {0} fel partner arall o {side}, gan fod lle yn y grŵp hwn",
    "You joined as another partner from {side}, as this group had room":
        "Ymunoch chi fel partner arall o {side}, gan fod lle yn y grŵp hwn",
    "{0} joined as a third member so nobody is left out":
        "Ymunodd {0} fel trydydd aelod fel nad oes neb heb grŵp",
    "You joined as a third member so nobody is left out":
        "Ymunoch chi fel trydydd aelod fel nad oes neb heb grŵp",
    "{0} joined as a third member as this group had room":
        "Ymunodd {0} fel trydydd aelod gan fod lle yn y grŵp hwn",
    "You joined as a third member as this group had room":
        "Ymunoch chi fel trydydd aelod gan fod lle yn y grŵp hwn",
    "{0} joined as an extra member so nobody is left out":
        "Ymunodd {0} fel aelod ychwanegol fel nad oes neb heb grŵp",
    "You joined as an extra member so nobody is left out":
        "Ymunoch chi fel aelod ychwanegol fel nad oes neb heb grŵp",
    "{0} joined as an extra member as this group had room":
        "Ymunodd {0} fel aelod ychwanegol gan fod lle yn y grŵp hwn",
    "You joined as an extra member as this group had room":
        "Ymunoch chi fel aelod ychwanegol gan fod lle yn y grŵp hwn",
    "You meet again: the same group for the whole term":
        "Rydych chi'n cwrdd eto: yr un grŵp am y tymor cyfan",
    "{0} joins your group for the rest of the term":
        "Mae {0} yn ymuno â'ch grŵp am weddill y tymor",
    "You join this group for the rest of the term":
        "Rydych chi'n ymuno â'r grŵp hwn am weddill y tymor",
    "Meeting {meeting} of {total} of this term": "Cyfarfod {meeting} o {total} y tymor hwn",
    "Your partner has left the programme, so pairbot has found you a new partner for the "
    "rest of the term.":
        "Mae eich partner wedi gadael y rhaglen, felly mae pairbot wedi dod o hyd i bartner "
        "newydd i chi am weddill y tymor.",
}
