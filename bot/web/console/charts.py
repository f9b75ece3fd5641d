"""Charts drawn on the server as SVG, each labelled for screen readers; the page shows
the same figures in a table beside the chart."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from bot.core import i18n

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 44, 40, 16
# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by the legend
# and the table too, never by colour alone.
COLOURS = ("#1b6e3a", "#0b5cad", "#b3261e", "#5f6368")


@dataclass(frozen=True)
class Series:
    """One stacked part of each bar."""

    label: str
    values: Sequence[float]


def bar_chart(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series], *,
              maximum: float | None = None, unit: str = "") -> Markup:
    """A (stacked) bar chart with axes, a legend, and a title and description for AT."""
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    tick_step, intervals = _ticks(maximum if maximum is not None else max([*totals, 1.0]))
    top = tick_step * intervals
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_w / max(len(labels), 1)
    bar_w = min(48.0, step * 0.6)
    parts = [f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 24}" '
             f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{escape(_describe(labels, series, unit))}</desc>']
    if not labels:
        parts.append(f'<text x="{LEFT + plot_w / 2}" y="{TOP + plot_h / 2}" '
                     f'text-anchor="middle" class="tick">{escape(i18n._("No data yet"))}</text>')
    for tick in range(intervals + 1):
        value = tick_step * tick
        y = TOP + plot_h - plot_h * tick / intervals
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" '
                     'class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
                     f'{_fmt(value)}</text>')
    for i, label in enumerate(labels):
        x = LEFT + step * i + (step - bar_w) / 2
        base: float = TOP + plot_h
        for k, s in enumerate(series):
            value = s.values[i]
            if value <= 0:
                continue
            h = plot_h * value / top
            base -= h
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[k % len(COLOURS)]}">'
                         f'<title>{escape(label)}: {escape(s.label)} {_fmt(value)}{unit}'
                         '</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 16}" '
                     f'text-anchor="middle" class="tick">{escape(label)}</text>')
    if len(series) > 1:
        x = LEFT
        for k, s in enumerate(series):
            parts.append(f'<rect x="{x}" y="{HEIGHT + 6}" width="12" height="12" '
                         f'fill="{COLOURS[k % len(COLOURS)]}"/>')
            parts.append(f'<text x="{x + 16}" y="{HEIGHT + 16}" class="tick">'
                         f'{escape(s.label)}</text>')
            x += 24 + 8 * len(s.label)
    parts.append("</svg>")
    return Markup("".join(parts))


def _ticks(value: float) -> tuple[float, int]:
    """A round step (1, 2 or 5 times a power of ten, at least 1) and how many reach `value`."""
    rough = max(value / 5, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return float(step), max(1, math.ceil(value / step - 1e-9))


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _describe(labels: Sequence[str], series: Sequence[Series], unit: str) -> str:
    if not labels:
        return i18n._("No data yet.")
    return "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {_fmt(s.values[i])}{unit}" for s in series)
        for i, label in enumerate(labels))
