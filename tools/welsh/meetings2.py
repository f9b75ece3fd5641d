"""Welsh first drafts for the rest of the meetings work (issue #21): the offer of a new
partner when nobody in a group has answered, the intro read on a phone, commands.
Formal register, as NHS Wales writes to staff."""

CY: dict[str, str] = {
    "Still waiting to meet?": "Yn dal i aros i gwrdd?",
    "Nobody in your {programme} group has said yet whether you've met. If your partner "
    "hasn't replied, pairbot can find you someone else who is free this round.":
        "Nid oes neb yn eich grŵp {programme} wedi dweud eto a ydych wedi cwrdd. Os nad yw "
        "eich partner wedi ateb, gall pairbot ddod o hyd i rywun arall sy'n rhydd y cylch "
        "hwn.",
    "Find me a new partner": "Dewch o hyd i bartner newydd i mi",
    # A tutorial group's intro: who the host and the guests of its questions are.
    "You are this group's host: the others are your guests, here to learn about your work.":
        "Chi yw gwesteiwr y grŵp hwn: y lleill yw eich gwesteion, yma i ddysgu am eich "
        "gwaith.",
    "{name} is this group's host: the others are the guests, here to learn about {name}'s "
    "work.":
        "{name} yw gwesteiwr y grŵp hwn: y lleill yw'r gwesteion, yma i ddysgu am waith "
        "{name}.",
    # "For you: …", a question aimed at the reader of an intro.
    "you": "chi",
    "Meeting after all? Answer the check-in in your group's chat instead.":
        "Yn cwrdd wedi'r cyfan? Atebwch y gwiriad yn sgwrs eich grŵp yn lle hynny.",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
