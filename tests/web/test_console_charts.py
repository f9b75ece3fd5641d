"""The overview's SVG charts: labelled for screen readers, round ticks, bars to scale."""

import re

from bot.web.console.charts import Series, bar_chart


def _ticks(svg: str) -> list[str]:
    return re.findall(r'text-anchor="end" class="tick">([^<]+)<', svg)


def test_a_stacked_chart_describes_every_bar_and_uses_round_ticks():
    svg = str(bar_chart("c", "Met per round", ["2026-11", "2026-12"],
                        [Series("Met", [1, 2]), Series("No answer", [1, 0])]))
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Met per round</title>' in svg
    assert "2026-11: Met 1, No answer 1; 2026-12: Met 2, No answer 0" in svg
    assert _ticks(svg) == ["0", "1", "2"]
    heights = [float(h) for h in re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" '
                                            r'height="([^"]+)" fill', svg)]
    assert heights[0] == heights[1] and abs(heights[2] - 2 * heights[0]) < 0.2


def test_ticks_are_round_numbers_and_an_empty_chart_says_so():
    assert _ticks(str(bar_chart("s", "Score", ["r1"], [Series("Score", [3.5])],
                                maximum=5))) == ["0", "1", "2", "3", "4", "5"]
    assert _ticks(str(bar_chart("p", "People", ["r1"], [Series("People", [6])]))) == [
        "0", "2", "4", "6"]
    assert _ticks(str(bar_chart("b", "Big", ["r1"], [Series("People", [130])]))) == [
        "0", "50", "100", "150"]
    assert "No data yet" in str(bar_chart("e", "Empty", [], [Series("People", [])]))
