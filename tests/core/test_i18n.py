"""Every word a person reads passes through the catalogues: rendered under the
pseudo-locale, no text is left unmarked but the data people gave (names, professions,
their own words); plurals choose; dates follow the reader's locale; the catalogue
template holds every marked string of the code."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.core import i18n, journey, text, wording
from bot.core.evaluation import Stage
from bot.core.icebreakers import load_bank
from bot.core.intents import (
    AutoPaused,
    CheckIn,
    EvaluationRequest,
    FeedbackRequest,
    HeadsUp,
    Intro,
    Invitation,
    Person,
    Unpaired,
    Welcome,
)

REPO = Path(__file__).resolve().parents[2]
# What people and organisers typed: never translated, and stripped before the check.
DATA = ("Ann Smith", "Bo Chen", "Cy Jones", "Nurse", "Manager", "Pharmacist", "Ward 7",
        "Night pilot", "I run the night shift.", "What surprised you?", "Roles", "roles-guide",
        "Nurse meets Manager", "Nobody is on side B this round.",
        "pairbot")  # the product's name, not a word to translate
ANN = Person("U1", "Ann Smith", "Nurse", "I run the night shift.")
BO = Person("U2", "Bo Chen", "Manager")
CY = Person("U3", "Cy Jones", "Pharmacist")
DAY = i18n.format_day  # formatted under the locale in force, like the services do

INTENTS = [
    lambda: Intro(7, "Night pilot", (ANN, BO, CY), ("Nurse meets Manager",),
                  ("What surprised you?",), DAY(dt.date(2026, 12, 21)), theme="Roles",
                  theme_guide="roles-guide"),
    lambda: Intro(7, "Night pilot", (ANN, BO), (), (), DAY(dt.date(2026, 12, 21)),
                  meet_within_days=10),
    lambda: CheckIn(7, "Night pilot", (ANN, BO), {"U1": "met"}),
    lambda: CheckIn(7, "Night pilot", (ANN, BO), {}, reminder=True),
    lambda: Unpaired(1, "Night pilot", "Nobody is on side B this round.",
                     DAY(dt.date(2027, 1, 4))),
    lambda: Unpaired(1, "Night pilot", "Nobody is on side B this round.", None),
    lambda: Unpaired("Night pilot", "", DAY(dt.date(2027, 1, 4)),
                     left_out_key="outnumbered", left_out_values=(
                         ("same", 3), ("profession", "Nurse"), ("others", 1))),
    lambda: Unpaired("Night pilot", "", None, left_out_key="met_everyone",
                     left_out_values=(("recency", 6),)),
    lambda: HeadsUp(1, "Night pilot", DAY(dt.date(2027, 1, 4)), "2027-01"),
    lambda: FeedbackRequest(7, "Night pilot", (BO,), theme="Roles"),
    lambda: Welcome("Night pilot", DAY(dt.date(2027, 1, 4))),
    lambda: AutoPaused("Night pilot", 3),
    lambda: AutoPaused("Night pilot", 1),
    lambda: EvaluationRequest(1, "Night pilot", Stage.BASELINE),
    lambda: EvaluationRequest(1, "Night pilot", Stage.FOLLOW_UP, term=1),
    lambda: Invitation(3, "Night pilot", (("profession", "Nurse"),),
                       DAY(dt.date(2027, 1, 4))),
    lambda: Invitation(3, "Night pilot", (), "", reminder=True),
]


def _all_text(document: text.Document) -> list[str]:
    """Every string of a document a person reads: title, summary, blocks, buttons."""
    out = [document.title, document.summary]

    def inline(parts: tuple[text.Inline, ...]) -> str:
        return text.plain(parts, lambda ref: "", lambda answer: "")

    for block in document.blocks:
        if isinstance(block, text.Paragraph):
            out.append(inline(block.parts))
        elif isinstance(block, text.Items):
            out += [block.title, *(inline(i.parts) for i in block.items)]
        elif isinstance(block, text.Heading):
            out.append(block.text)
        elif isinstance(block, text.Facts):
            out += [f.value for f in block.facts]  # titles are people's names
        elif isinstance(block, text.Choices):
            out += [c.label for c in block.choices]
        elif isinstance(block, text.Member):
            continue  # a person's own profile: data
    return out


def _unmarked(strings: list[str]) -> list[str]:
    left = []
    for s in strings:
        while re.search(r"⟦[^⟦⟧]*⟧", s):  # marks nest: a marked list inside a sentence
            s = re.sub(r"⟦[^⟦⟧]*⟧", " ", s)
        for datum in sorted(DATA, key=len, reverse=True):
            s = s.replace(datum, " ")
        s = re.sub(r"[\W\d_]+", " ", s).strip()
        if s:
            left.append(s)
    return left


@pytest.mark.parametrize("make", INTENTS, ids=lambda m: type(m()).__name__)
def test_every_intent_passes_through_the_catalogue(make):
    with i18n.using(i18n.PSEUDO_LOCALE):
        intent = make()
        for viewer in (None, "U1"):
            document = wording.document(intent, viewer)
            assert _unmarked(_all_text(document)) == []


def test_conversations_and_form_labels_pass_through_the_catalogue():
    with i18n.using(i18n.PSEUDO_LOCALE):
        strings = [*_all_text(wording.help_document()), *_all_text(wording.hello_document()),
                   *_all_text(wording.leave_document()), wording.recorded("met"),
                   wording.evaluation_recorded(Stage.BASELINE, ["roles"]),
                   wording.SAVE, wording.PROFILE_TITLE, wording.STAY_TEXT,
                   *(label for _, label in wording.SCORE_CHOICES),
                   *(label for _, label in wording.PAUSE_CHOICES),
                   wording.LANGUAGE_LABEL, wording.LANGUAGE_HINT,
                   *(label for _, label in wording.LANGUAGE_CHOICES)]
        hint = text.plain(wording.profile_saved_hint(), lambda ref: "", lambda a: "")
        assert _unmarked([*strings, hint]) == []


def test_the_reader_s_locale_is_used_and_restored(monkeypatch):
    monkeypatch.setattr(i18n, "available", lambda: frozenset({"en", "cy"}))
    assert i18n.current() == "en_GB"
    with i18n.using(i18n.PSEUDO_LOCALE):
        assert wording.SAVE == "⟦Save⟧"
    assert wording.SAVE == "Save"
    with i18n.using("cy-GB") as chosen:
        assert chosen == "cy"
        assert i18n.format_day(dt.date(2026, 12, 7)) == "Dydd Llun 7 Rhagfyr"
    assert i18n.format_day(dt.date(2026, 12, 7)) == "Monday 7 December"
    assert i18n.normalise("en-US") == "en_GB"
    assert i18n.normalise("xx-not-a-locale") == "en_GB"


def test_a_locale_found_when_needed_is_looked_up_once_or_never(monkeypatch):
    monkeypatch.setattr(i18n, "available", lambda: frozenset({"en", "cy"}))
    asked: list[str] = []

    def find() -> str:
        asked.append("cy")
        return "cy"

    with i18n.using_when_needed(find):
        assert i18n.pending() and asked == []
        assert i18n.format_day(dt.date(2026, 12, 7)) == "Dydd Llun 7 Rhagfyr"
        assert i18n.current() == "cy" and asked == ["cy"] and not i18n.pending()
    assert i18n.current() == "en_GB" and not i18n.pending()
    # Chosen first (as `status` does from the rows it read): never looked up.
    with i18n.using_when_needed(find):
        i18n.choose("en")
        assert wording.SAVE == "Save"
        with i18n.using("cy"):  # a block in another language inside it
            assert i18n.current() == "cy"
        assert i18n.current() == "en_GB"
    assert asked == ["cy"]


def test_plurals_choose_the_form():
    assert wording.within(1) == "a day"
    assert wording.within(5) == "5 days"
    assert wording.within(14) == "two weeks"
    one = text.plain(wording.auto_paused(AutoPaused("P", 1)).blocks[0].parts)
    three = text.plain(wording.auto_paused(AutoPaused("P", 3)).blocks[0].parts)
    assert "your last introduction," in one
    assert "your last 3 introductions," in three


def test_lists_use_the_language_s_joiner():
    assert text.names(["Ann", "Bo", "Cy"]) == "Ann, Bo and Cy"
    with i18n.using("cy"):
        assert text.names(["Ann", "Bo"]) == "Ann a Bo"
        assert text.names(["Bo", "Cy", "Ann"]) == "Bo, Cy ac Ann"


def test_the_catalogue_template_holds_every_marked_string():
    """`./dev catalogues` was run after the last change to marked strings."""
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2"),
                  ("**/data/icebreakers.yaml", "bot.core.icebreakers:extract_messages")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = {msg[2] if isinstance(msg[2], str) else msg[2][0]
             for msg in extract_from_dir(str(REPO / "bot"), method_map, options,
                                         keywords={"_": None, "gettext": None, "N_": None,
                                                   "ngettext": (1, 2), "pgettext": ((1, "c"), 2)})}
    with (REPO / "bot" / "locale" / "messages.pot").open("rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert sorted(found - template) == [], "run ./dev catalogues"
    assert sorted(template - found) == [], "run ./dev catalogues"


def _welsh() -> list:
    with (REPO / "bot" / "locale" / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return [m for m in read_po(f, locale="cy") if m.id]


def test_the_welsh_catalogue_translates_every_message_and_keeps_its_placeholders():
    """A message without a Welsh version would reach a Welsh reader in English."""
    with (REPO / "bot" / "locale" / "messages.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    welsh = {m.id: m for m in _welsh()}
    assert sorted(map(str, template - set(welsh))) == [], "run ./dev catalogues, then translate"
    placeholder = re.compile(r"\{[a-z_]+\}")
    for msgid, message in welsh.items():
        if message.fuzzy:
            raise AssertionError(f"fuzzy (needs review): {msgid!r}")
        if isinstance(msgid, tuple):
            forms = message.string
            assert len(forms) == 6 and all(forms), msgid
            wanted = set(placeholder.findall(msgid[1]))
            for form in forms:
                # A plural form may spell its number out ("deuddydd") and drop {n}.
                assert set(placeholder.findall(form)) <= wanted, (msgid, form)
        else:
            assert message.string, msgid
            assert set(placeholder.findall(message.string)) == set(placeholder.findall(msgid)), (
                msgid, message.string)


@pytest.mark.parametrize("make", INTENTS, ids=lambda m: type(m()).__name__)
def test_every_intent_in_welsh_has_no_english_sentence_left(make):
    """Checked against the catalogue: no English message text appears in the Welsh render."""
    english = sorted({m.id if isinstance(m.id, str) else m.id[1] for m in _welsh()},
                     key=len, reverse=True)
    fragments = [piece.strip() for msgid in english
                 for piece in re.split(r"\{[a-z_]+\}", msgid) if len(piece.strip()) > 12]
    with i18n.using("cy"):
        intent = make()
        for viewer in (None, "U1"):
            rendered = " ".join(_all_text(wording.document(intent, viewer)))
            for datum in DATA:
                rendered = rendered.replace(datum, " ")
            left = [f for f in fragments if f in rendered]
            assert left == [], left


# The question bank and the journey's themes ----------------------------------------------

BANK = load_bank()
ITEMS = (*BANK.questions, *BANK.scenarios)
THEME_TEXTS = [text for theme in journey.DEFAULT_THEMES
               for text in (theme.title, theme.purpose, theme.guide)]


def _bank_intros() -> list[Intro]:
    """Intros that ask every question of the bank, three at a time (the first of each aimed
    at one member), under each default theme in turn."""
    themes = journey.DEFAULT_THEMES
    return [Intro(7, "Night pilot", (ANN, BO), (), tuple(q.text for q in ITEMS[i:i + 3]),
                  "Dydd Llun 21 Rhagfyr", theme=themes[n % len(themes)].title,
                  theme_guide=themes[n % len(themes)].guide, aimed=(("Ann Smith",),))
            for n, i in enumerate(range(0, len(ITEMS), 3))]


def test_every_question_and_theme_has_a_welsh_version_in_the_catalogue():
    """A question without a Welsh version would reach a Welsh reader in English."""
    welsh = {m.id: m.string for m in _welsh()}
    assert [q.id for q in ITEMS if not welsh.get(q.text)] == []
    assert [t for t in THEME_TEXTS if not welsh.get(t)] == []
    with i18n.using("cy"):
        assert [q.id for q in ITEMS if wording.bank_text(q.text) == q.text] == []
        assert [t for t in THEME_TEXTS if wording.bank_text(t) == t] == []


def test_a_welsh_reader_never_gets_an_english_question():
    """Every question, in Welsh intros: no English text of the catalogue is left."""
    english = sorted({m.id for m in _welsh() if isinstance(m.id, str)}, key=len, reverse=True)
    fragments = [piece.strip() for msgid in english
                 for piece in re.split(r"\{[a-z_]+\}", msgid) if len(piece.strip()) > 12]
    with i18n.using("cy"):
        for intro in _bank_intros():
            rendered = " ".join(_all_text(wording.document(intro, None)))
            assert "I Ann Smith: " in rendered  # the aimed question, worded in Welsh
            for datum in DATA:
                rendered = rendered.replace(datum, " ")
            assert [f for f in fragments if f in rendered] == [], intro.icebreakers


def test_a_bilingual_intro_asks_each_question_in_both_languages():
    [intro, *_] = _bank_intros()
    with i18n.using(i18n.BILINGUAL):
        rendered = " ".join(_all_text(wording.document(intro, None)))
    with i18n.using("cy"):
        welsh = wording.questions(intro)
    assert all(q in rendered for q in welsh)
    assert all(q in rendered for q in intro.icebreakers[1:])  # the English half, as written
    assert rendered.index(welsh[1]) < rendered.index(intro.icebreakers[1])


def test_the_question_bank_and_themes_pass_through_the_catalogue():
    with i18n.using(i18n.PSEUDO_LOCALE):
        for intro in _bank_intros():
            assert _unmarked(_all_text(wording.document(intro, None))) == [], intro.icebreakers
            assert _unmarked(_all_text(wording.document(intro, "U1"))) == []


# Each person's language --------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "code"), [
    ("cy-GB", "cy"), ("cy", "cy"), ("CY_gb", "cy"), ("en-US", "en"), ("en-GB", "en"),
    ("fr-FR", None), ("", None), (None, None), ("not a locale", None)])
def test_a_platform_s_locale_becomes_a_language_pairbot_writes_in(locale, code):
    assert i18n.language_code(locale) == code


@pytest.mark.parametrize(("chosen", "platform", "programme", "reads"), [
    ("cy", "en", "en", "cy"),        # their choice first
    ("en", "cy", "cy", "en"),
    (None, "cy", "en", "cy"),        # a Welsh platform, without choosing
    (None, "en", "cy", "cy"),        # English is every account's default: the programme's
    (None, None, "cy+en", "cy+en"),
    (None, None, None, "en"),
    ("xx", None, "cy", "cy"),        # nothing pairbot offers: as if not chosen
])
def test_one_reader_s_language(chosen, platform, programme, reads):
    assert i18n.reader_language(chosen, platform, programme) == reads


@pytest.mark.parametrize(("members", "programme", "reads"), [
    (["cy", "cy"], "en", "cy"),       # they share Welsh
    (["en", "en"], "en", "en"),
    (["cy", "en"], "en", "cy+en"),    # they differ: Welsh first, then English
    (["cy", "cy+en"], "cy", "cy+en"),
    (["en", "en"], "cy+en", "cy+en"), # a bilingual programme writes bilingually
    ([], "cy", "cy"),
])
def test_a_group_conversation_s_language(members, programme, reads):
    assert i18n.group_language(members, programme) == reads
