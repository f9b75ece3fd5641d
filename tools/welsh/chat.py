"""Welsh drafts for the buttons beside typed commands, and commands shown as commands
(issue #21). Formal register ("chi"), as NHS Wales writes to staff; for review by a Welsh
speaker."""

from __future__ import annotations

CY: dict[str, str] = {
    # After saving the profile, above its Edit profile and Status buttons.
    "You can also type {status} or {pair_me} any time.":
        "Gallwch hefyd deipio {status} neu {pair_me} unrhyw bryd.",
    # Teams: the Status button's short answer; the status follows as a message.
    "Your status is below.": "Mae eich statws isod.",
    # App Home and `status`: the learning log's line when it is empty (the command is now
    # shown in each platform's own syntax).
    "Learning log: empty. Type {log} after a meeting to record it.":
        "Cofnod dysgu: gwag. Teipiwch {log} ar ôl cyfarfod i'w gofnodi.",
    # Commands a typing mistake names, now in each platform's own syntax (bot/core/commands.py).
    "Say how long to pause, e.g. {two_weeks} or {until}.":
        "Dywedwch am ba hyd i oedi, e.e. {two_weeks} neu {until}.",
    "Give one date after {pause_until}, like {example}.":
        "Rhowch un dyddiad ar ôl {pause_until}, fel {example}.",
    "A pause can last a year at most; use {leave} to stop for good.":
        "Gall oedi bara blwyddyn ar y mwyaf; defnyddiwch {leave} i roi'r gorau iddi'n llwyr.",
    "{command} takes nothing after it.": "Does dim i'w roi ar ôl {command}.",
}
