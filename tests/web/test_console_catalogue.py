"""Every console page under the pseudo-locale: any visible word that did not pass through
the catalogue is a failure (tests/core/test_i18n.py's approach, applied to the console
through the app, as the operator). And every page in Welsh: no English message of the
catalogue left."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from bot.core import i18n
from bot.core.i18n import resources
from bot.core.profile import ProfileInput
from bot.services import participants, rounds
from bot.store.models import Participant, Programme
from bot.web.console import web
from tests.web.console_support import TOKEN, make_client, make_services

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PEOPLE = [(f"U{n}", f"Person {n}", "Nurse" if n % 2 else "Manager") for n in range(6)]
# Data, not words: what the programme and its people are called.
DATA = ["pairbot", "Paired learning", "Slack: T1", "Nurse", "Manager", "T1 (slack)", "T1",
        "operator (token)",
        *(name for _, name, _ in PEOPLE)]
PATHS = ["/admin", "/admin/programmes", "/admin/programmes/new", "/admin/programmes/{pid}",
         "/admin/programmes/{pid}/attention", "/admin/programmes/{pid}/participants",
         "/admin/programmes/{pid}/rounds", "/admin/programmes/{pid}/rounds?preview=1",
         "/admin/programmes/{pid}/outcomes", "/admin/programmes/{pid}/access",
         "/admin/programmes/{pid}/settings",
         "/admin/programmes/{pid}/wording", "/admin/programmes/{pid}/people/import",
         "/admin/programmes/{pid}/audit", "/admin/programmes/{pid}/report",
         "/admin/programmes/{pid}/participants/{person}/manager?q=Person",
         "/admin/login", "/admin/logout"]


class _Visible(HTMLParser):
    """The text a reader sees in the console's own language, a block at a time (inline
    markup such as <strong> or <code> does not split a sentence): scripts, styles, code,
    form boxes and anything marked with another `lang` (a message's preview, the language
    links) are left out."""

    SKIPPED = frozenset({"script", "style", "code", "textarea", "title", "svg"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"})
    INLINE = frozenset({"strong", "em", "b", "i", "code", "span", "small", "abbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.texts: list[str] = []
        self.buffer: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.texts.append(text)
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.INLINE:
            self._flush()
        if tag in self.VOID:
            return
        hidden = (tag in self.SKIPPED or (tag != "html" and any(k == "lang" for k, _ in attrs))
                  or (self.stack and self.stack[-1]))
        self.stack.append(bool(hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.INLINE:
            self._flush()
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _visible(page: str) -> list[str]:
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return parser.texts


# The innermost translated span (a translated sentence may hold translated words).
_MARKED = re.compile(re.escape(i18n.PSEUDO_OPEN) + f"[^{i18n.PSEUDO_OPEN}{i18n.PSEUDO_CLOSE}]*"
                     + re.escape(i18n.PSEUDO_CLOSE))
SIGNED_OUT = ("/admin/login", "/admin/logout")


def _unmarked(text: str) -> str:
    """What is left of a text once translated spans, data and figures are taken out."""
    left, before = text, ""
    while left != before:
        before, left = left, _MARKED.sub(" ", left)
    for value in sorted(DATA, key=len, reverse=True):
        left = left.replace(value, " ")
    return left if re.search(r"[^\W\d_]", left) else ""


@pytest.fixture
def console(engine):
    services = make_services(engine)
    for user, name, profession in PEOPLE:
        participants.save_profile(services, "slack", "T1", user, name, None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        person = session.scalars(select(Participant.id).order_by(Participant.id)).first()
        # Someone with a line manager, so that the manager's page shows every part.
        session.get_one(Participant, person).manager_id = person + 1
    rounds.run_round(services, pid)
    return make_client(engine, services), pid, person


@pytest.mark.parametrize("path", PATHS)
def test_every_visible_word_passed_through_the_catalogue(console, monkeypatch, path):
    client, pid, person = console
    monkeypatch.setattr(web, "console_locale", lambda request: i18n.PSEUDO_LOCALE)
    page = client.get(path.format(pid=pid, person=person),
                      headers={} if path in SIGNED_OUT else AUTH)
    assert page.status_code == 200
    left = [text for text in _visible(page.text) if _unmarked(text)]
    assert left == []


def _english_messages() -> list[str]:
    with (resources.files("bot") / "locale" / "messages.pot").open("rb") as f:
        ids = [m.id for m in read_po(f) if isinstance(m.id, str) and m.id]
    with i18n.using("cy"):
        # Only whole sentences or labels that Welsh words differently (not names, figures).
        return [m for m in ids if "{" not in m and i18n._(m) != m and len(m) > 2]


@pytest.mark.parametrize("path", PATHS)
def test_in_welsh_no_english_message_of_the_catalogue_is_left(console, path):
    client, pid, person = console
    client.cookies.set(web.LANGUAGE_COOKIE, "cy")
    page = client.get(path.format(pid=pid, person=person),
                      headers={} if path in SIGNED_OUT else AUTH)
    assert page.status_code == 200 and '<html lang="cy">' in page.text
    shown = set(_visible(page.text))
    english = [m for m in _english_messages() if m in shown and m not in DATA]
    assert english == []
    # And no word of it is left unmarked in the pseudo-locale (the test above) either.
    assert html.unescape(page.text).count("⟦") == 0


def test_the_round_preview_says_why_each_group_would_meet_in_welsh(console):
    client, pid, _person = console
    client.cookies.set(web.LANGUAGE_COOKIE, "cy")
    page = html.unescape(client.get(f"/admin/programmes/{pid}/rounds?preview=1",
                                    headers=AUTH).text)
    why = set(re.findall(r"<td>((?:Nurse|Manager) [^<]*)</td>", page))
    assert why and why <= {"Nurse yn cwrdd â Manager", "Manager yn cwrdd â Nurse"}


def test_the_rounds_api_says_why_each_group_met_in_the_console_s_language(console):
    client, pid, _person = console

    def why() -> set[str]:
        [shown] = client.get(f"/admin/api/programmes/{pid}/rounds", headers=AUTH).json()
        return {reason for group in shown["groups"] for reason in group["reasons"]}

    english = why()
    assert english and english <= {"Nurse meets Manager", "Manager meets Nurse"}
    client.cookies.set(web.LANGUAGE_COOKIE, "cy")
    welsh = why()
    assert welsh and welsh <= {"Nurse yn cwrdd â Manager", "Manager yn cwrdd â Nurse"}


BAD_SETTINGS = {"group_size": "9", "cadence": "whenever", "timezone": "Mars/Olympus",
                "checkin_after": "lots"}


def _errors(page: str) -> list[str]:
    """The error sentences beside the settings form's fields, as a reader sees them."""
    return [html.unescape(" ".join(m.split()))
            for m in re.findall(r'<p class="error" id="f-[a-z_]+-error">(.*?)</p>', page, re.S)]


def test_a_settings_form_with_errors_marks_every_error(console, monkeypatch):
    client, pid, _person = console
    monkeypatch.setattr(web, "console_locale", lambda request: i18n.PSEUDO_LOCALE)
    page = client.post(f"/admin/programmes/{pid}/settings", data=BAD_SETTINGS, headers=AUTH)
    assert page.status_code == 400
    errors = _errors(page.text)
    assert len(errors) == len(BAD_SETTINGS)
    assert [e for e in errors if _unmarked(e)] == []
    assert "⟦Group size is 2, 3 or 4.⟧" in errors
    left = [text for text in _visible(page.text) if _unmarked(text)]
    assert left == []


def test_a_settings_form_with_errors_in_welsh_says_them_in_welsh(console):
    client, pid, _person = console
    client.cookies.set(web.LANGUAGE_COOKIE, "cy")
    page = client.post(f"/admin/programmes/{pid}/settings", data=BAD_SETTINGS, headers=AUTH)
    assert page.status_code == 400
    errors = _errors(page.text)
    assert "Maint y grŵp yw 2, 3 neu 4." in errors
    assert "Nid yw 'Mars/Olympus' yn gylchfa amser; defnyddiwch e.e. Europe/London." in errors
    english = [m for m in _english_messages() if m in set(_visible(page.text))]
    assert english == []
    assert not any(e.startswith(("Group size", "Enter a whole", "'whenever' is not"))
                   for e in errors)


def _flash(page: str) -> str:
    found = re.search(r'<div class="flash [a-z]+" role="status">(.*?)</div>', page, re.S)
    assert found, "the page shows no flash message"
    return html.unescape(found.group(1))


def test_the_sentence_after_a_console_form_is_marked(console, monkeypatch):
    client, pid, _person = console
    monkeypatch.setattr(web, "console_locale", lambda request: i18n.PSEUDO_LOCALE)
    done = client.post(f"/admin/programmes/{pid}/pause", headers=AUTH, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"], headers=AUTH)
    assert _flash(page.text) == ("⟦Paired learning is paused: no round will run until you "
                                 "resume it.⟧")
    done = client.post(f"/admin/programmes/{pid}/resume", headers=AUTH, follow_redirects=False)
    flashed = _flash(client.get(done.headers["location"], headers=AUTH).text)
    assert flashed.startswith("⟦Paired learning is running again; next round on ⟦")
    assert _unmarked(flashed) == ""


def test_the_audit_log_words_its_entries_in_the_console_language(console, monkeypatch):
    client, pid, _person = console
    client.post(f"/admin/programmes/{pid}/pause", headers=AUTH)
    client.post(f"/admin/programmes/{pid}/resume", headers=AUTH)
    client.cookies.set(web.LANGUAGE_COOKIE, "cy")
    shown = _visible(client.get(f"/admin/programmes/{pid}/audit", headers=AUTH).text)
    assert {"Oedi'r rhaglen", "Ailddechrau'r rhaglen", "Y gweithredwr (tocyn)"} <= set(shown)
    monkeypatch.setattr(web, "console_locale", lambda request: i18n.PSEUDO_LOCALE)
    page = client.get(f"/admin/programmes/{pid}/audit", headers=AUTH)
    assert "⟦Paused the programme⟧" in _visible(page.text)
    assert [text for text in _visible(page.text) if _unmarked(text)] == []
