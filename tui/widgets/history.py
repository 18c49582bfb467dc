"""The steps computed so far, newest at the bottom: t, token, x, sₜ₋₁, sₜ, oₜ.

Only the rows that fit are built (the last ones up to the current step), so a
redraw costs the same for a 3-token and a 10,000-token sentence.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from tui.widgets.heat_strip import heat_text
from tui.widgets.notation import fit, num, signed, sub


def scalar_row(run, t: int) -> tuple[str, ...]:
    r = run.steps[t - 1]
    return (str(t), r.token, num(r.x), num(r.prev_s), num(r.s), num(r.o))


def vector_row(run, t: int) -> tuple:
    """(sₜ₋₁ is the row above's sₜ, so vector rows leave it out to keep the strips wide.)"""
    tr = run.trace
    strip = heat_text(tr.s[t - 1][:8], 1)
    if tr.s.shape[1] > 8:
        strip.append("…", style="dim")
    return (str(t), run.tk.tokens[t - 1], f"e{sub(int(tr.ids[t - 1]))}", strip, signed(tr.o[t - 1][0]))


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

    def show(self, run, step: int, headers: tuple[str, ...], empty: str) -> None:
        self.run, self.step, self.headers, self.empty = run, step, headers, empty
        self.refresh()

    def render(self):
        if self.run is None or self.step == 0:
            return Text(self.empty, style=self.get_component_rich_style("history--empty"))
        rows = max(self.content_size.height - 1, 1)
        first = max(1, self.step - rows + 1)
        table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, expand=True,
                      header_style=self.get_component_rich_style("history--header"))
        for i, head in enumerate(self.headers):
            table.add_column(head, justify="left" if i in (1, 3) and self.run.kind != "scalar" or i == 1 else "right",
                             no_wrap=True, overflow="ellipsis", min_width=2 if i == 1 else None)
        make = scalar_row if self.run.kind == "scalar" else vector_row
        lit = self.get_component_rich_style("history--current")
        for t in range(first, self.step + 1):
            cells = make(self.run, t)
            cells = tuple(fit(c, 10) if isinstance(c, str) and i == 1 else c for i, c in enumerate(cells))
            table.add_row(*cells, style=lit if t == self.step else None)
        return table
