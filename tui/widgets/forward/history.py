"""The steps computed so far, newest at the bottom: t, token, x, sₜ₋₁, sₜ, oₜ.

Only the rows that fit are built (the last ones up to the current step), so a
redraw costs the same for a 3-token and a 10,000-token sentence.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.widgets.heat_strip import heat_text
from tui.widgets.notation import drawable, grid, num, signed, sub


def scalar_row(run, t: int) -> tuple[str, ...]:
    r = run.steps[t - 1]
    return (str(t), drawable(r.token), num(r.x), num(r.prev_s), num(r.s), num(r.o))


def vector_row(run, t: int, unit: int | None = None) -> tuple:
    """(sₜ₋₁ is the row above's sₜ, so vector rows leave it out to keep the strips wide.)"""
    tr = run.trace
    strip = heat_text(tr.s[t - 1][:8], 1, mark=unit)
    if tr.s.shape[1] > 8:
        strip.append("…", style="dim")
    return (str(t), drawable(run.tk.tokens[t - 1]), f"e{sub(int(tr.ids[t - 1]))}", strip, signed(tr.o[t - 1][0]))


class HistoryTable(Widget):
    """Call ``show(run, step, headers, empty)``: rows 1..step of ``run`` (the tail that fits)."""

    COMPONENT_CLASSES = {"history--current", "history--header", "history--empty"}
    DEFAULT_CSS = """
    HistoryTable {
        border: round $primary 60%;
        border-title-color: $text-primary;
        padding: 0 1;
        & > .history--current { background: $accent 30%; text-style: bold; }
        & > .history--header { color: $text-primary; text-style: bold; }
        & > .history--empty { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.run, self.step, self.headers, self.empty = None, 0, (), ""
        self.unit: int | None = None

    def show(self, run, step: int, headers: tuple[str, ...], empty: str, unit: int | None = None) -> None:
        """``unit``: a unit of s to single out in every row (vector mode)."""
        self.run, self.step, self.headers, self.empty, self.unit = run, step, headers, empty, unit
        self.refresh()

    def render(self):
        if self.run is None or self.step == 0:
            return Text(self.empty, style=self.get_component_rich_style("history--empty"))
        count = max(self.content_size.height - 1, 1)
        first = max(1, self.step - count + 1)
        if self.run.kind == "scalar":
            body = [scalar_row(self.run, t) for t in range(first, self.step + 1)]
        else:
            body = [vector_row(self.run, t, self.unit) for t in range(first, self.step + 1)]
        rows = [self.headers] + body
        styles = [self.get_component_rich_style("history--header")] + [None] * (len(rows) - 1)
        styles[-1] = self.get_component_rich_style("history--current")
        right = {0, 2, 3, 4, 5} if self.run.kind == "scalar" else {0, 2, 4}
        width = self.content_size.width
        natural = _width(rows, 0)
        gap = max(1, min(4, (width - natural) // (len(rows[0]) - 1)))  # spread out when there is room
        return grid(rows, right, width, styles, gap=gap)


def _width(rows, gap: int) -> int:
    """The width of ``rows`` laid out with ``gap`` spaces between columns."""
    ncols = len(rows[0])
    return sum(max(Text(c).cell_len if isinstance(c, str) else c.cell_len for c in (r[i] for r in rows))
               for i in range(ncols)) + gap * (ncols - 1)
