"""Welsh drafts for the wording organisers edit and the console's own words (issue #24).
Formal register ("chi"), as NHS Wales writes to staff; for review by a Welsh speaker."""

CY: dict[str, str] = {
    # The editable texts and their page (bot/core/editable.py, bot/web/console/wording.py).
    "A brace does not close: write a placeholder as {example}, and a brace itself as {{ or }}.":
        "Nid yw cromfach yn cau: ysgrifennwch ddalfan fel {example}, a chromfach ei hun fel "
        "{{ neu }}.",
    "Alex Morgan": "Alex Morgan",
    "As Slack shows it": "Fel y mae Slack yn ei ddangos",
    "As Teams shows it": "Fel y mae Teams yn ei ddangos",
    "Asked after the meeting, above the buttons to answer it (a reminder starts with "
    "\u201cReminder:\u201d).":
        "Gofynnir ar ôl y cyfarfod, uwchben y botymau i'w ateb (mae nodyn atgoffa yn dechrau "
        "gyda \u201cNodyn atgoffa:\u201d).",
    "Keep it to {limit} characters; this is {count}.":
        "Cadwch at {limit} nod; mae hwn yn {count}.",
    "Keep {missing} in the text: people need it to know what the message is about.":
        "Cadwch {missing} yn y testun: mae ei angen ar bobl i wybod am beth mae'r neges.",
    "Language of the messages": "Iaith y negeseuon",
    "Nurse": "Nyrs",
    "Physiotherapist": "Ffisiotherapydd",
    "Placeholders you may use:": "Dalfannau y gallwch eu defnyddio:",
    "Preview": "Rhagolwg",
    "Preview of the text typed above; it is not saved yet.":
        "Rhagolwg o'r testun a deipiwyd uchod; nid yw wedi'i gadw eto.",
    "Preview of {text}": "Rhagolwg o {text}",
    "Reminder: {question}": "Nodyn atgoffa: {question}",
    "Required:": "Gofynnol:",
    "Reset to the default": "Ailosod i'r testun diofyn",
    "Reword four of the messages pairbot sends for this programme. People read them exactly "
    "as you type them: formatting marks and mentions are shown as typed, never acted on. Edits "
    "apply to the next messages sent.":
        "Newidiwch eiriad pedair o'r negeseuon y mae pairbot yn eu hanfon ar gyfer y rhaglen "
        "hon. Mae pobl yn eu darllen yn union fel rydych chi'n eu teipio: mae nodau fformatio "
        "a chyfeiriadau at bobl yn cael eu dangos fel y'u teipiwyd, heb weithredu arnynt. Mae "
        "newidiadau'n berthnasol i'r negeseuon nesaf a anfonir.",
    "Sam Rees": "Sam Rees",
    "Sent the day before a round, above the button to skip it.":
        "Anfonir y diwrnod cyn cylch, uwchben y botwm i'w hepgor.",
    "Sent to the people an organiser imports, above what the import said about them and the "
    "buttons to accept or decline.":
        "Anfonir at y bobl y mae trefnydd yn eu mewnforio, uwchben yr hyn a ddywedodd y "
        "mewnforio amdanynt a'r botymau i dderbyn neu wrthod.",
    "Text": "Testun",
    "The check-in question": "Cwestiwn y gwiriad",
    "The default text": "Y testun diofyn",
    "The first sentence of every introduction, above the people and their questions.":
        "Brawddeg gyntaf pob cyflwyniad, uwchben y bobl a'u cwestiynau.",
    "The heads-up": "Y rhybudd ymlaen llaw",
    "The introduction's opening": "Agoriad y cyflwyniad",
    "The invitation": "Y gwahoddiad",
    "The next {programme} round is on {round_date}: you'll be introduced to someone from "
    "another profession. Away or too busy? Skip just this round.":
        "Mae cylch nesaf {programme} ar {round_date}: byddwch yn cael eich cyflwyno i rywun o "
        "broffesiwn arall. I ffwrdd neu'n rhy brysur? Hepgorwch y cylch hwn yn unig.",
    "The wording was not saved": "Ni chadwyd y geiriad",
    "There is no such text to edit.": "Does dim testun o'r fath i'w olygu.",
    "What does a good day at work look like for you?":
        "Sut beth yw diwrnod da yn y gwaith i chi?",
    "Wording": "Geiriad",
    "Wording – {programme}": "Geiriad – {programme}",
    "Write the text, or reset it to the default.":
        "Ysgrifennwch y testun, neu ei ailosod i'r testun diofyn.",
    "edited": "wedi'i olygu",
    "the day of the check-in": "diwrnod y gwiriad",
    "the day of the round": "diwrnod y cylch",
    "the last day to accept (empty when the invitation does not lapse)":
        "y diwrnod olaf i dderbyn (yn wag pan nad yw'r gwahoddiad yn dod i ben)",
    "the names of the people introduced": "enwau'r bobl a gyflwynir",
    "the programme's name": "enw'r rhaglen",
    "this meeting's theme (empty when the programme has no themes)":
        "thema'r cyfarfod hwn (yn wag pan nad oes gan y rhaglen themâu)",
    "{placeholder} is not a placeholder of this text; it may use {allowed}.":
        "Nid yw {placeholder} yn ddalfan yn y testun hwn; gall ddefnyddio {allowed}.",
    "{text} is back to the default.": "Mae {text} yn ôl i'r testun diofyn.",
    "{text} is saved: the next messages use it.":
        "Mae {text} wedi'i gadw: mae'r negeseuon nesaf yn ei ddefnyddio.",
    "{text} was already the default.": "Roedd {text} eisoes yn destun diofyn.",
    # The console's frame, sign-in and error pages (bot/web/console/templates).
    "At a glance": "Cipolwg",
    "Audit log": "Log archwilio",
    "Back to sign in": "Yn ôl i fewngofnodi",
    "Back to the programmes": "Yn ôl i'r rhaglenni",
    "Invite people": "Gwahodd pobl",
    "Language": "Iaith",
    "Main": "Prif lywio",
    "Needs attention": "Angen sylw",
    "No sign-in is configured: the operator sets {token}, or {url} with the Slack or Teams app "
    "credentials.":
        "Nid oes modd mewngofnodi wedi'i ffurfweddu: mae'r gweithredwr yn gosod {token}, neu "
        "{url} gyda manylion ap Slack neu Teams.",
    "Not allowed": "Dim caniatâd",
    "Not found": "Heb ei ganfod",
    "Operator sign-in": "Mewngofnodi'r gweithredwr",
    "Operator token ({variable})": "Tocyn y gweithredwr ({variable})",
    "Organisers sign in with the account they use for the bot:":
        "Mae trefnwyr yn mewngofnodi gyda'r cyfrif y maen nhw'n ei ddefnyddio ar gyfer y bot:",
    "Overview": "Trosolwg",
    "Participants": "Cyfranogwyr",
    "Programmes": "Rhaglenni",
    "Rounds": "Cylchoedd",
    "Settings": "Gosodiadau",
    "Sign in": "Mewngofnodi",
    "Sign in to the organiser console": "Mewngofnodi i gonsol y trefnwyr",
    "Sign in with the token": "Mewngofnodi gyda'r tocyn",
    "Sign in with {provider}": "Mewngofnodi gyda {provider}",
    "Sign out": "Allgofnodi",
    "Sign out now": "Allgofnodi nawr",
    "Sign-in failed": "Methodd y mewngofnodi",
    "Signed in as {name}": "Wedi mewngofnodi fel {name}",
    "Skip to content": "Neidio i'r cynnwys",
    "Too many attempts": "Gormod o ymdrechion",
    "You are signed out.": "Rydych chi wedi allgofnodi.",
    "console": "consol",
    "pairbot console": "consol pairbot",
}

CY_PLURALS: dict[str, tuple[str, ...]] = {}
