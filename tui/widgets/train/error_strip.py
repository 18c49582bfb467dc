"""Each window's error over the whole run, on a fixed scale: a failed run reads red at a glance.

One row under the fit chart. A cell is a stretch of windows; its height and its
colour come from log10 of their mean loss on a scale that never changes
(GOOD -> lowest, green; BAD -> full, red), unlike an auto-scaled sparkline, so a
run stuck at the do-nothing loss (0.5) looks different from one at 0.001.
"""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.i18n import t
from tui.train.history import HISTORY_CAP, Decimated
from tui.widgets.train.window import TARGET_RGB, UNSEEN_RGB

GOOD, BAD = 1e-4, 1.0  # the fixed scale: at or below GOOD is green, at or above BAD is red
BARS = "▁▂▃▄▅▆▇█"


def error_cells(losses: list[float], width: int) -> list[tuple[str, float]]:
    """(glyph, badness 0..1) per cell: the mean loss of the windows under it on the fixed log scale."""
    n = len(losses)
    if not n or width <= 0:
        return []
    cells = []
    cols = min(width, n)
    for col in range(cols):
        chunk = losses[col * n // cols: (col + 1) * n // cols]
        mean = sum(chunk) / len(chunk)
        bad = 1.0 if not math.isfinite(mean) else (math.log10(max(mean, 1e-30)) - math.log10(GOOD)) / (
            math.log10(BAD) - math.log10(GOOD))
        bad = min(1.0, max(0.0, bad))
        cells.append((BARS[round(bad * (len(BARS) - 1))], bad))
    return cells


class ErrorStrip(Widget):
    """The run's per-window error, one row, fixed scale."""

    DEFAULT_CSS = """
    ErrorStrip { height: 1; width: 1fr; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.history: Decimated[float] = Decimated(HISTORY_CAP)

    def add(self, losses) -> None:
        for loss in losses:
            self.history.append(loss)
        self.refresh()

    def clear(self) -> None:
        self.history.clear()
        self.refresh()

    def render(self) -> Text:
        label = t("train.error_strip")
        out = Text(label + " ", style="dim", no_wrap=True)
        for glyph, bad in error_cells(self.history.items, self.size.width - cell_len(label) - 1):  # CJK: 2 cells
            rgb = tuple(int(g + (r - g) * bad) for g, r in zip(UNSEEN_RGB, TARGET_RGB))  # green -> red
            out.append(glyph, Style(color=Color.from_rgb(*rgb)))
        return out
