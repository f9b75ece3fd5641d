"""Render pairbot's intro and check-in as people see them, to PNG, for review.

    .venv/bin/python tools/render_cards.py [--out DIR] [--locale LOCALE]

Teams: the Adaptive Cards that bot/teams/cards.py builds, rendered by Microsoft's
own renderer (the `adaptivecards` npm package, installed from tools/package.json
into tools/node_modules on first use) at Teams' card widths, 540 px (desktop) and
320 px (phone), with a host config close to Teams' light theme.

Slack: the Block Kit that bot/slack/blocks.py builds, laid out by this script's
own approximation of Slack's narrow (phone) layout, 360 px. Slack publishes no
offline renderer, so this page is ours: it shows order, wrapping and length, not
Slack's exact type.

Headless Chromium from Debian (/usr/bin/chromium) takes the screenshots; nothing
is downloaded but the npm package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from bot.core import i18n, wording  # noqa: E402
from bot.core.intents import AutoPaused, CheckIn, Intro, Person, Welcome  # noqa: E402
from bot.core.replies import Say  # noqa: E402
from bot.core.text import CommandRef  # noqa: E402
from bot.slack import blocks as slack_blocks  # noqa: E402
from bot.teams import cards as teams_cards  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

AMARA = Person("U1", "Amara Okafor", "Ward sister",
               "I run a 28-bed acute medical ward.\nNights one week in four.")
DAVID = Person("U2", "David Hughes", "Finance manager",
               "I look after the medicine division's budgets.")
PRIYA = Person("U3", "Priya Shah", "Junior doctor (FY1/FY2)", "")
TOM = Person("U4", "Tom Evans", "Physiotherapist", "Respiratory physio, mostly on wards.")
CONTACTS = {p.user_id: f"{p.name.split()[0].lower()}@trust.nhs.uk"
            for p in (AMARA, DAVID, PRIYA, TOM)}


def samples() -> dict[str, Any]:
    """The messages to look at: a pair's intro, a group of four's intro, a check-in."""
    day = i18n.format_day(dt.date(2026, 12, 21))
    return {
        "intro-pair": Intro(
            1, "Ward and board", (AMARA, DAVID),
            ("Ward sister meets Finance manager",
             "Amara Okafor wants to learn about Finance manager"),
            ("What does a good week look like in your role?",
             "Which decision of yours does the other's profession feel most?",
             "What is one thing you wish the other profession knew about your work?"),
            day, theme="Roles", theme_guide="Start with what each of you does in a week.",
            times=tuple((f"2026-12-{d}T{h}:00:00+00:00", f"2026-12-{d}T{h}:30:00+00:00",
                         f"https://pairbot.example.nhs.uk/calendar/{'x' * 60}.ics")
                        for d, h in (("08", "10"), ("14", "14"), ("18", "10")))),
        "intro-four": Intro(
            2, "Ward and board", (AMARA, DAVID, PRIYA, TOM),
            # The matcher's reasons when three of them want to learn about Priya's work,
            # as Amara (the viewer, U1) reads them.
            ("Ward sister, Finance manager, Junior doctor (FY1/FY2) and Physiotherapist meet",
             "You, David Hughes and Tom Evans want to learn about Junior doctor (FY1/FY2)",
             "David Hughes wants to learn about Ward sister"),
            ("What does a good week look like in your role?",
             "Where do your roles meet, and where do they collide?",
             "What would you change first if you could?"),
            day, theme="Challenges"),
        "checkin": CheckIn(1, "Ward and board", (AMARA, DAVID), {"U1": "met"}),
        "welcome": Welcome("Ward and board", day),
        "paused": AutoPaused("Ward and board", 2),
    }


def replies() -> dict[str, tuple[str, Say]]:
    """Answers with buttons beside the commands they name, each with its card's title."""
    day = i18n.format_day(dt.date(2026, 12, 21))
    return {
        "profile-saved": (i18n._("You're all set"), Say(
            (wording.profile_saved("Ward and board", day, joined=True),
             *wording.profile_saved_hint()), actions=(wording.profile_choices(),))),
        "not-joined": ("", Say(wording.not_joined(), error=True,
                               actions=(wording.join_choices(),))),
        "status-paused": ("", Say(("Ward and board: ", *wording.status_paused(None), "\n",
                                   wording.profile_line("Ward sister", ["Finance manager"]),
                                   "\nLearning log: empty. Type ", CommandRef("log"),
                                   " after a meeting to record it."),
                                  actions=(wording.resume_choices(),))),
    }


def _teams_page(card: dict[str, Any], width: int) -> str:
    host = {
        "fontFamily": "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
        "fontTypes": {
            "default": {"fontFamily": "'Segoe UI', 'Helvetica Neue', Arial, sans-serif",
                        "fontSizes": {"small": 12, "default": 14, "medium": 14, "large": 18,
                                      "extraLarge": 24},
                        "fontWeights": {"lighter": 200, "default": 400, "bolder": 600}},
            "monospace": {"fontFamily": "Consolas, Menlo, 'Courier New', monospace",
                          "fontSizes": {"small": 12, "default": 14, "medium": 14, "large": 18,
                                        "extraLarge": 24},
                          "fontWeights": {"lighter": 200, "default": 400, "bolder": 600}}},
        "spacing": {"small": 4, "default": 8, "medium": 12, "large": 16, "extraLarge": 20,
                    "padding": 16},
        "actions": {"maxActions": 6, "actionsOrientation": "horizontal",
                    "actionAlignment": "stretch", "buttonSpacing": 8},
        "containerStyles": {"default": {"backgroundColor": "#FFFFFF",
                                        "foregroundColors": {"default": {"default": "#242424",
                                                                         "subtle": "#616161"},
                                                             "attention": {"default":
                                                                           "#C4314B"}}}},
    }
    return f"""<!doctype html><html><head><meta charset="utf-8">
<style>body{{margin:0;background:#f5f5f5;font-family:'Segoe UI',Arial,sans-serif}}
#card{{width:{width}px;margin:8px;background:#fff;border:1px solid #e0e0e0;border-radius:6px}}
.ac-pushButton{{border:1px solid #d1d1d1;background:#fff;border-radius:4px;padding:5px 8px;
font-size:14px;font-weight:600;color:#242424;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}}</style>
<script src="file://{ROOT}/node_modules/adaptivecards/dist/adaptivecards.min.js"></script>
</head><body><div id="card"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig({json.dumps(host)});
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {{
  result.outputHtml = text.replace(/&/g,'&amp;').replace(/</g,'&lt;')
    .replace(/\\*\\*(.+?)\\*\\*/g,'<b>$1</b>')
    .replace(/\\[([^\\]]+)\\]\\((https?:[^)]+)\\)/g,'<a href="$2">$1</a>')
    .replace(/\\n/g,'<br>');
  result.didProcess = true; }};
card.parse({json.dumps(card)});
document.getElementById('card').appendChild(card.render());
</script></body></html>"""


def _mrkdwn(text: str) -> str:
    text = html.escape(text)
    text = re.sub(r"\*(.+?)\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"<i>\1</i>", text)
    text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
    text = re.sub(r"&lt;(https?://[^|&]+)\|(.+?)&gt;", r'<a href="\1">\2</a>', text)
    text = re.sub(r"&lt;@(\w+)&gt;", r'<span class="mention">@\1</span>', text)
    emoji = {":white_check_mark:": "✅", ":calendar:": "📆", ":x:": "❌",
             ":spiral_calendar_pad:": "🗓️", ":hourglass_flowing_sand:": "⏳"}
    for code, char in emoji.items():
        text = text.replace(code, char)
    lines = [f'<span class="quote">{line[4:]}</span>' if line.startswith("&gt;") else line
             for line in text.split("\n")]
    return "<br>".join(lines)


def _slack_block(block: dict[str, Any]) -> str:
    kind = block["type"]
    if kind == "header":
        return f'<h1>{html.escape(block["text"]["text"])}</h1>'
    if kind == "section":
        out = _mrkdwn(block["text"]["text"]) if block.get("text") else ""
        fields = "".join(f"<div>{_mrkdwn(f['text'])}</div>" for f in block.get("fields", []))
        return f'<div class="section">{out}<div class="fields">{fields}</div></div>'
    if kind == "context":
        return '<div class="context">' + " ".join(
            _mrkdwn(e.get("text", "")) for e in block["elements"]) + "</div>"
    if kind == "actions":
        def label(e: dict[str, Any]) -> str:
            return html.escape(e.get("text", {}).get("text", "")
                               or e.get("placeholder", {}).get("text", ""))
        return '<div class="actions">' + "".join(
            f'<span class="button {e.get("style", "")}">{label(e)}</span>'
            for e in block["elements"]) + "</div>"
    if kind == "divider":
        return "<hr>"
    return f'<div class="section">[{html.escape(kind)}]</div>'


def _slack_page(message: dict[str, Any], width: int) -> str:
    body = "".join(_slack_block(b) for b in message["blocks"])
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;background:#fff;font:15px/1.45 -apple-system,'Segoe UI',Lato,Arial,sans-serif;
color:#1d1c1d}} #m{{width:{width}px;padding:8px 12px;box-sizing:border-box}}
.who{{font-weight:900}} h1{{font-size:17px;margin:6px 0}} .section{{margin:6px 0}}
.fields{{display:grid;grid-template-columns:1fr 1fr;gap:4px}}
.context{{color:#616061;font-size:12px;margin:6px 0}} hr{{border:0;border-top:1px solid #ddd}}
.actions{{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}}
.button{{border:1px solid #bbb;border-radius:4px;padding:4px 12px;font-weight:700;
font-size:13px}} .primary{{background:#007a5a;color:#fff;border-color:#007a5a}}
.danger{{color:#e01e5a}} code{{background:#f6f6f6;border:1px solid #ddd;padding:0 3px}}
.mention{{background:#e8f5fa;color:#1264a3}}
.quote{{border-left:4px solid #ddd;padding-left:8px;display:inline-block}}
</style></head><body><div id="m">
<div class="who">pairbot <span style="font-weight:400;color:#616061;font-size:12px">APP</span>
</div>{body}</div></body></html>"""


def _ensure_renderer() -> None:
    if not (ROOT / "node_modules" / "adaptivecards").is_dir():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=ROOT,
                       check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/pairbot-cards"))
    parser.add_argument("--locale", default=i18n.DEFAULT_LOCALE)
    args = parser.parse_args(argv)
    _ensure_renderer()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, str, int]] = []
    with i18n.using(args.locale):
        for name, intent in samples().items():
            viewer = "U1"
            card = teams_cards.render(intent, viewer, CONTACTS)
            for width in (540, 320):
                pages.append((f"teams-{name}-{width}", _teams_page(card, width), width))
            message = slack_blocks.build_message(intent)
            pages.append((f"slack-{name}-360", _slack_page(
                {"blocks": message.block_dicts()}, 360), 360))
        for name, (heading, reply) in replies().items():
            card = teams_cards.build_text_card(reply, heading)
            for width in (540, 320):
                pages.append((f"teams-{name}-{width}", _teams_page(card, width), width))
            pages.append((f"slack-{name}-360", _slack_page(
                {"blocks": slack_blocks.build_reply(reply).block_dicts()}, 360), 360))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--allow-file-access-from-files"])
        for name, page_html, width in pages:
            path = args.out / f"{name}.html"
            path.write_text(page_html)
            page = browser.new_page(viewport={"width": width + 16, "height": 400})
            page.goto(path.as_uri())
            page.wait_for_timeout(200)
            height = page.evaluate("document.body.scrollHeight")
            page.set_viewport_size({"width": width + 16, "height": height + 8})
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
            print(f"{args.out / name}.png  {width} px wide, {height} px tall")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
