"""A value shown large, with a bar chart of the values so far underneath.

    ┌ prevS = s₃ ─┐
    │  ╺━┓        │     the current value in 3×3 digits (plain bold when too wide)
    │    ┃        │
    │    ╹        │
    │ ▂▄█         │     one bar per step so far, newest lit, last ``width`` steps
    └─────────────┘
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.renderables.digits import Digits
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"
MAX_BAR_ROWS = 8  # taller bars only shout louder


def bars(values: Sequence[float], width: int, height: int, style, last_style) -> Text:
    """Vertical bars of ``values`` (the last that fit) from a zero line.

    All values >= 0: bars rise from the bottom in eighths of a cell. With
    negative values (and at least 2 rows), one row is a zero line '─'; positive
    bars rise above it (eighths) and negative bars hang below it (half cells),
    so the sign reads without colour.

    Args:
        values: the series so far (only its tail of at most ``width`` items is read).
        width, height: the area in cells.
        style, last_style: rich styles of the bars and of the newest bar.

    Returns:
        ``height`` lines of Text.
    """
    if width <= 0 or height <= 0:
        return Text()
    tail = [float(v) for v in values[-width:]] if len(values) else []
    tail = [v if v == v and abs(v) != float("inf") else 0.0 for v in tail]
    n = len(tail)
    bar_w = max(1, min(2, width // max(n, 1) - 1)) if n else 1
    gap = 1 if bar_w > 1 else 0
    tail = tail[-max(1, width // (bar_w + gap)):] if n else []
    lo, hi = min(tail + [0.0]), max(tail + [0.0])
    axis = None
    if lo >= 0:
        cols = [_rising(v / (hi or 1.0) * height * 8, height) for v in tail]
    elif height < 2:
        cols = [_signed(v, lo, hi, height) for v in tail]
    else:
        above = round((height - 1) * hi / (hi - lo))  # rows for the positive bars; the rest hang below the axis
        axis = above
        cols = [_around_axis(v, lo, hi, above, height - 1 - above) for v in tail]
    lines = []
    for row in range(height):
        gap_s = ("─" if row == axis else " ") * gap
        cells = [col[row] * bar_w for col in cols]
        head = gap_s.join(cells[:-1]) + (gap_s if len(cells) > 1 else "")
        line = Text(head, style=style, end="")  # one span for the old bars, one for the newest
        line.append(cells[-1] if cells else "", last_style)
        lines.append(line)
    return Text("\n").join(lines)


def _rising(eighths: float, height: int) -> list[str]:
    """One bar's cells, top to bottom, ``eighths`` high from the bottom."""
    level = round(eighths)
    return [BLOCKS[max(0, min(8, level - (height - 1 - row) * 8))] for row in range(height)]


def _around_axis(v: float, lo: float, hi: float, above: int, below: int) -> list[str]:
    """One bar's cells, top to bottom: ``above`` rows, the zero line '─', ``below`` rows."""
    if v >= 0:
        up = _rising(v / hi * above * 8, above) if above and hi > 0 else [" "] * above
        return up + ["─"] + [" "] * below
    halves = round(v / lo * below * 2)
    down = ["█" if halves >= 2 * (r + 1) else "▀" if halves == 2 * r + 1 else " " for r in range(below)]
    return [" "] * above + ["─"] + down


def _signed(v: float, lo: float, hi: float, height: int) -> list[str]:
    """One bar's cells, top to bottom, from a zero line between ``lo`` < 0 and ``hi``."""
    halves = height * 2
    zero = round(hi / (hi - lo) * halves)  # half-rows above the zero line
    level = zero - round(v / (hi - lo) * halves)  # the value's half-row from the top
    top, bottom = sorted((level, zero))
    cells = []
    for row in range(height):
        upper, lower = 2 * row, 2 * row + 1  # the two half-rows of this cell
        on_upper, on_lower = top <= upper < bottom, top <= lower < bottom
        cells.append("█" if on_upper and on_lower else "▀" if on_upper else "▄" if on_lower else " ")
    return cells


class ValuePanel(Widget):
    """Call ``show(value_text, series, top=None, caption="")``: ``value_text`` large
    (or ``top`` instead: a function of the width returning (renderable, its lines)),
    a caption line, then bars of ``series``."""

    COMPONENT_CLASSES = {"value--big", "value--bar", "value--last", "value--caption"}
    DEFAULT_CSS = """
    ValuePanel {
        border: round $primary 60%;
        border-title-color: $text-primary;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        height: 1fr;
        & > .value--big { color: $text-accent; text-style: bold; }
        & > .value--bar { color: $primary; }
        & > .value--last { color: $accent; }
        & > .value--caption { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.value_text = ""
        self.series: Sequence[float] = ()
        self.top: RenderableType | None = None
        self.caption = ""

    def show(self, value_text: str, series: Sequence[float], top: RenderableType | None = None, caption: str = "") -> None:
        """Show ``value_text`` large (or ``top``), bars of ``series``, and a ``caption`` line."""
        self.value_text, self.series, self.top, self.caption = value_text, series, top, caption
        self.refresh()

    def render(self) -> RenderableType:
        width, height = self.content_size.width, self.content_size.height
        big_style = self.get_component_rich_style("value--big")
        parts: list[RenderableType] = []
        used = 0
        if self.top is not None:
            top, used = self.top(width)
            parts.append(top)
        elif not self.value_text:
            pass
        elif Digits.get_width(self.value_text) <= width and height >= 5:
            parts.append(Digits(self.value_text, big_style))
            used = 3
        else:
            parts.append(Text(self.value_text, style=big_style, no_wrap=True, overflow="ellipsis"))
            used = 1
        if self.caption and height - used >= 2:
            parts.append(Text(self.caption, style=self.get_component_rich_style("value--caption"), no_wrap=True, overflow="ellipsis"))
            used += 1
        room = height - used
        bar_h = min(room, MAX_BAR_ROWS)
        if bar_h > 0 and len(self.series):
            parts.append(bars(self.series, width, bar_h, self.get_component_rich_style("value--bar"),
                              self.get_component_rich_style("value--last")))
        return Group(*parts)
