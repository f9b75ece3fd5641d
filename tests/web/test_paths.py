"""The platforms' endpoint paths are written once, in bot/web/paths.py: a second copy of
one in code (not in a docstring) is where a renamed path would be missed."""

from __future__ import annotations

import ast
from pathlib import Path

import bot
from bot.web import paths

PATHS = (paths.SLACK_EVENTS, paths.SLACK_INSTALL, paths.SLACK_OAUTH_REDIRECT,
         paths.TEAMS_MESSAGES)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_each_endpoint_path_is_written_once():
    root = Path(bot.__file__).parent
    copies = []
    for source in sorted(root.rglob("*.py")):
        if source == Path(paths.__file__):
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and any(path in node.value for path in PATHS)):
                copies.append(f"{source.relative_to(root.parent)}:{node.lineno}")
    assert copies == []
