"""A card as a person reads it: its text, line by line, a command (a monospace TextRun)
marked with backticks, so a test can tell a command shown as one from a bare word."""

from __future__ import annotations

from typing import Any


def read(card: dict[str, Any]) -> str:
    """Every TextBlock's text and every RichTextBlock's runs, one element to a line."""
    lines: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("type") == "TextBlock":
                lines.append(str(node["text"]))
            elif node.get("type") == "RichTextBlock":
                lines.append("".join(_run(r) for r in node["inlines"]))
            else:
                for key in ("body", "items", "columns"):
                    walk(node.get(key))

    walk(card)
    return "\n".join(lines)


def _run(run: str | dict[str, Any]) -> str:
    if isinstance(run, str):
        return run
    text = str(run["text"])
    return f"`{text}`" if str(run.get("fontType", "")).lower() == "monospace" else text
