"""A one-line sparkline drawn on a scale the caller fixes.

Textual's Sparkline scales each line to its own min and max, so two of them
cannot be compared; this one takes the range, so the target and the
prediction can share one scale and be read one above the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"


def spark_text(values: Sequence[float], width: int, low: float, high: float) -> str:
    """``values`` stretched over ``width`` cells as bars, ``low`` -> ▁ and ``high`` -> █.

    Each cell shows the value whose index falls under it (nearest sample),
    so 10 points over 40 cells draw 4 cells each.
    """
    n = len(values)
    if n == 0 or width <= 0:
        return ""
    span = (high - low) or 1.0
    top = len(BARS) - 1
    cells = []
    for col in range(width):
        v = values[min(n - 1, col * n // width)]
        level = (v - low) / span
        level = 0.0 if level != level else min(1.0, max(0.0, level))  # NaN -> bottom
        cells.append(BARS[round(level * top)])
    return "".join(cells)


class ScaledSparkline(Widget):
    """One row of bars for ``data`` on the fixed range ``scale`` (low, high); colour from CSS."""

    DEFAULT_CSS = """
    ScaledSparkline { height: 1; width: 1fr; }
    """

    data: reactive[tuple[float, ...]] = reactive(tuple)
    scale: reactive[tuple[float, float]] = reactive((-1.0, 1.0))

    def render(self) -> Text:
        low, high = self.scale
        return Text(spark_text(self.data, self.size.width, low, high), no_wrap=True)
