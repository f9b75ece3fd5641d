"""When a person can meet: their availability windows and the dates they are away.

One parser for every surface: the profile (Slack modal, Teams card), the stored columns
(`participants.windows`, `participants.away`) and `pairbot match`'s CSV columns. Window
keys and hours are design.md's (*Meetings*); away dates are ranges
`YYYY-MM-DD..YYYY-MM-DD` or single dates, separated by `;`, both ends included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from bot.core.i18n import N_, _, format_day

# When people can usually meet (docs/development.md), in the programme's time zone. Kept
# here, not in bot.core.matching, so that the profile's parser does not import the
# matcher (scipy) into every command, --version included.
WINDOWS = (
    "weekday-morning",
    "weekday-afternoon",
    "weekday-evening",
    "weekday-night",
    "weekend-morning",
    "weekend-afternoon",
    "weekend-evening",
    "weekend-night",
)

AWAY_MAX = 1000  # characters, the column's size
AWAY_RANGES_MAX = 50
# Each window as a person reads it (its hours are design.md's).
WINDOW_LABELS: dict[str, str] = {
    "weekday-morning": N_("Weekday mornings (8am to 12pm)"),
    "weekday-afternoon": N_("Weekday afternoons (12pm to 5pm)"),
    "weekday-evening": N_("Weekday evenings (5pm to 9pm)"),
    "weekday-night": N_("Weekday nights (9pm to 8am)"),
    "weekend-morning": N_("Weekend mornings (8am to 12pm)"),
    "weekend-afternoon": N_("Weekend afternoons (12pm to 5pm)"),
    "weekend-evening": N_("Weekend evenings (5pm to 9pm)"),
    "weekend-night": N_("Weekend nights (9pm to 8am)"),
}
assert tuple(WINDOW_LABELS) == WINDOWS
# Each window inside a sentence ("You can both meet on weekday evenings.").
WINDOW_WORDS: dict[str, str] = {
    "weekday-morning": N_("weekday mornings"),
    "weekday-afternoon": N_("weekday afternoons"),
    "weekday-evening": N_("weekday evenings"),
    "weekday-night": N_("weekday nights"),
    "weekend-morning": N_("weekend mornings"),
    "weekend-afternoon": N_("weekend afternoons"),
    "weekend-evening": N_("weekend evenings"),
    "weekend-night": N_("weekend nights"),
}
assert tuple(WINDOW_WORDS) == WINDOWS

# The profile's fields, in the reader's language where they are used.
WINDOWS_LABEL = N_("When can you usually meet?")
WINDOWS_HINT = N_("Leave it empty if any time suits you.")
AWAY_LABEL = N_("Dates you're away")
AWAY_HINT = N_("Leave, a rotation gap: e.g. 2027-01-04..2027-01-15; 2027-02-01")
AVOID_LABEL = N_("People you'd rather not be paired with")
AVOID_HINT = N_("Only you see this list: pairbot never tells anyone.")
MANAGER_LABEL = N_("Your line manager")
MANAGER_HINT = N_("pairbot never puts you in a group with them, and nobody is told. "
                  "Choose them once they have joined the programme.")
SITE_LABEL = N_("Where you work (site)")
TEAM_LABEL = N_("Your team")


class AvailabilityError(ValueError):
    """Windows or away dates that cannot be read; the message is one sentence naming the
    profile's field. `kind` (`window`, `date`, `order`, `count`) and `value` let another
    surface (pairbot match's CSV columns) word it its own way."""

    def __init__(self, message: str, *, kind: str, value: str = "") -> None:
        super().__init__(message)
        self.kind, self.value = kind, value


def window_label(key: str) -> str:
    """A window in the reader's words."""
    return _(WINDOW_LABELS[key])


def parse_windows(keys: Iterable[str]) -> tuple[str, ...]:
    """Window keys, checked, de-duplicated and in the contract's order (none: any time)."""
    chosen = {k.strip().casefold() for k in keys if k and k.strip()}
    for key in sorted(chosen):
        if key not in WINDOWS:
            raise AvailabilityError(_(
                "When you can meet: '{key}' is not one of the times you can choose."
            ).format(key=key), kind="window", value=key)
    return tuple(w for w in WINDOWS if w in chosen)


def stored_windows(text: str | None) -> tuple[str, ...]:
    """The windows kept in a participant's `windows` column (unknown keys dropped)."""
    return tuple(w for w in WINDOWS if w in {k.strip() for k in (text or "").split(";")})


def parse_away(text: str) -> tuple[tuple[dt.date, dt.date], ...]:
    """`2027-01-04..2027-01-15; 2027-02-01` as inclusive date ranges, in the order typed."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for item in (part.strip() for part in (text or "").replace("\n", ";").split(";")):
        if not item:
            continue
        ends = [e.strip() for e in item.split("..")]
        try:
            if len(ends) > 2:
                raise ValueError(item)
            days = [dt.date.fromisoformat(e) for e in ends]
        except ValueError:
            raise AvailabilityError(_(
                "Dates you're away: '{item}' is not a date; write YYYY-MM-DD, or "
                "YYYY-MM-DD..YYYY-MM-DD for a range."
            ).format(item=item[:40]), kind="date", value=item) from None
        if days[-1] < days[0]:
            raise AvailabilityError(_(
                "Dates you're away: '{item}' ends before it starts."
            ).format(item=item[:40]), kind="order", value=item)
        ranges.append((days[0], days[-1]))
    if len(ranges) > AWAY_RANGES_MAX:
        raise AvailabilityError(_(
            "Dates you're away: give at most {count} dates or ranges."
        ).format(count=AWAY_RANGES_MAX), kind="count", value=str(AWAY_RANGES_MAX))
    return tuple(ranges)


def away_text(ranges: Sequence[tuple[dt.date, dt.date]]) -> str:
    """Ranges as they are stored and typed: `2027-01-04..2027-01-15;2027-02-01`."""
    return ";".join(a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
                    for a, b in ranges)


def stored_away(text: str | None) -> tuple[tuple[dt.date, dt.date], ...]:
    """The ranges kept in a participant's `away` column (it was checked when saved)."""
    try:
        return parse_away(text or "")
    except AvailabilityError:
        return ()


def away_words(ranges: Sequence[tuple[dt.date, dt.date]], today: dt.date | None = None
               ) -> str:
    """Ranges in the reader's words, past ones left out when `today` is given."""
    shown = [(a, b) for a, b in ranges if today is None or b >= today]
    return "; ".join(format_day(a) if a == b else f"{format_day(a)} – {format_day(b)}"
                     for a, b in shown)


def windows_words(windows: Sequence[str]) -> str:
    """Windows in the reader's words; none given reads as any time."""
    if not windows:
        return _("any time")
    return "; ".join(window_label(w) for w in windows)
