"""No platform syntax outside the command grammar and the platform packages: services and
core name commands with CommandRef, and each platform renders them its own way."""

import re
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
ALLOWED = {BOT / "core" / "commands.py", BOT / "slack", BOT / "teams"}
SYNTAX = re.compile(r"/pair-me|pair[ -]me\b", re.IGNORECASE)


def _allowed(path: Path) -> bool:
    return any(path == allowed or allowed in path.parents for allowed in ALLOWED)


def test_no_platform_command_syntax_outside_the_grammar_and_the_platforms():
    found = [f"{path.relative_to(BOT.parent)}:{number}: {line.strip()}"
             for path in sorted(BOT.rglob("*.py")) if not _allowed(path)
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SYNTAX.search(line)]
    assert found == []


def test_the_check_itself_sees_platform_syntax():
    assert SYNTAX.search("type `/pair-me` (Slack) or `pair me` (Teams)")
    assert not SYNTAX.search("pairbot pairs people; compare metrics")
