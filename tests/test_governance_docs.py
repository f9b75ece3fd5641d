"""The approval pack (docs/governance/) stays true: the permissions page lists exactly what
the Teams package asks for, with group chats on and off, and the Graph permissions the
code uses; every repository path the pack cites exists; the README links every page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.teams import graph
from bot.teams.package import DeveloperUrls, manifest_for

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "docs" / "governance"
PAGES = sorted(PACK.glob("*.md"))
CITING = [*PAGES, REPO / "SECURITY.md", REPO / "docs" / "terms.md"]
APP_ID = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
GROUP_CHATS_ONLY = "only with `PAIRBOT_TEAMS_GROUP_CHATS=true`"
# Parts of a manifest that would ask for more; the page says none is there.
NOT_ASKED = {"webApplicationInfo": "no `webApplicationInfo`",
             "authorization": "no `authorization` section",
             "staticTabs": "no tabs", "configurableTabs": "no tabs",
             "composeExtensions": "message extensions", "connectors": "connectors"}


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def _rows(section: str) -> list[list[str]]:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| `")]
    return rows


def _asked(manifest: dict) -> dict[str, str]:
    """Every scope, permission and capability property the manifest asks for, by kind."""
    asked: dict[str, str] = {}
    for bot in manifest.get("bots", []):
        asked.update({scope: "bot scope" for scope in bot.get("scopes", [])})
        if bot.get("supportsFiles"):
            asked["supportsFiles"] = "bot property"
        if bot.get("supportsCalling") or bot.get("supportsVideo"):
            asked["supportsCalling"] = "bot property"
    asked.update({p: "app permission" for p in manifest.get("permissions", [])})
    for rsc in manifest.get("authorization", {}).get("permissions", {}).get(
            "resourceSpecific", []):
        asked[rsc["name"]] = "RSC permission"
    return asked


def test_the_permissions_page_matches_the_manifest_with_and_without_group_chats():
    urls = DeveloperUrls.under("https://pairbot.trust.nhs.uk")
    off = manifest_for(APP_ID, urls, group_chats=False)
    on = manifest_for(APP_ID, urls, group_chats=True)
    expected = {name: (kind, "always" if name in _asked(off) else GROUP_CHATS_ONLY)
                for name, kind in _asked(on).items()}
    assert set(_asked(off)) <= set(_asked(on))
    assert expected["groupChat"] == ("bot scope", GROUP_CHATS_ONLY)

    text = (PACK / "permissions.md").read_text(encoding="utf-8")
    table = _section(text, "In the Teams app manifest")
    listed = {row[0].strip("`"): (row[1], row[2]) for row in _rows(table)}
    assert listed == expected
    for row in _rows(table):
        assert len(row) == 5 and all(row), f"every entry says why and what breaks: {row}"
    # What the page says is not asked for is not in either manifest.
    words = " ".join(table.split())
    for key, saying in NOT_ASKED.items():
        assert key not in off and key not in on, key
        assert saying in words, saying
    assert off["validDomains"] == on["validDomains"] == [] and "`validDomains` is empty" in words


def test_the_graph_permissions_listed_are_the_ones_the_code_uses():
    docstring = ast.get_docstring(ast.parse(Path(graph.__file__).read_text(encoding="utf-8")))
    used = set(re.findall(r"`([A-Z]\w+(?:\.\w+)+)`", docstring or ""))
    assert used == {"Chat.Create", "TeamsAppInstallation.ReadWriteSelfForChat.All"}
    text = (PACK / "permissions.md").read_text(encoding="utf-8")
    listed = {row[0].strip("`") for row in _rows(
        _section(text, "Optional Microsoft Graph permissions (group chats)"))}
    assert listed == used
    data_protection = (REPO / "docs" / "data-protection.md").read_text(encoding="utf-8")
    assert all(f"Microsoft Graph `{name}`" in data_protection for name in used)


PATH = re.compile(r"^(?:bot|tests|docs|bench|deploy|migrations|examples|\.ci)/[\w./-]*\w$")
TOP_FILES = {"Dockerfile", "README.md", "SECURITY.md", "pyproject.toml", "requirements.lock",
             "requirements-dev.lock", "alembic.ini", "dev"}


def _cited(page: Path) -> set[Path]:
    text = page.read_text(encoding="utf-8")
    paths = {REPO / code for code in re.findall(r"`([^`\s]+)`", text)
             if PATH.match(code) or code in TOP_FILES}
    for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text):
        if not re.match(r"^[a-z]+:", target) and not target.startswith("/"):
            paths.add((page.parent / target).resolve())
    return paths


@pytest.mark.parametrize("page", CITING, ids=lambda p: str(p.relative_to(REPO)))
def test_every_repository_path_the_pack_cites_exists(page):
    cited = _cited(page)
    missing = sorted(str(p.relative_to(REPO)) for p in cited if not p.exists())
    assert missing == []


def test_the_path_check_would_catch_a_missing_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("See `tests/no_such_test.py` and [x](missing.md).", encoding="utf-8")
    assert {p.name for p in _cited(page) if not p.exists()} == {"no_such_test.py",
                                                                "missing.md"}


def test_the_readme_links_every_page_of_the_pack():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for page in [*PAGES, REPO / "SECURITY.md", REPO / "docs" / "terms.md"]:
        assert f"]({page.relative_to(REPO)})" in readme, page.name
