"""Two sentences through the same vector RNN, step by step, with the distance
between their hidden states: where 不 enters, the states part ways.

 t  A      sₜ(A)      B      sₜ(B)      ‖sₜ(A) − sₜ(B)‖
 1  我     ▴▵△·▿▾△▵   我     ▴▵△·▿▾△▵   0.00
 2  喜欢   ...        不     ...        0.82 ██████
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from tui.widgets.heat_strip import heat_text, legend_text
from tui.widgets.notation import drawable, fit


def _dist_bar(d: float, top: float, width: int = 12) -> str:
    eighths = round(d / top * width * 8) if top > 0 else 0
    return "█" * (eighths // 8) + (" ▏▎▍▌▋▊▉"[eighths % 8] if eighths % 8 else "")


class CompareView(Widget):
    """Call ``show(run, step, labels)``; ``run`` is a CompareRun or None."""

    COMPONENT_CLASSES = {"compare--current", "compare--header", "compare--future", "compare--dist"}
    DEFAULT_CSS = """
    CompareView {
        border: round $accent 70%;
        border-title-color: $text-accent;
        padding: 0 1;
        height: 1fr;
        & > .compare--current { background: $accent 30%; text-style: bold; }
        & > .compare--header { color: $text-primary; text-style: bold; }
        & > .compare--future { color: $text-disabled; }
        & > .compare--dist { color: $text-warning; }
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.run, self.step, self.labels = None, 0, {}

    def show(self, run, step: int, labels: dict[str, str]) -> None:
        self.run, self.step, self.labels = run, step, labels
        self.refresh()

    def _row(self, t: int, top: float, cell: int) -> tuple:
        run = self.run
        cells: list = [str(t)]
        for side in (run.a, run.b):
            if t <= side.n:
                cells.append(fit(drawable(side.tk.tokens[t - 1]), 8))
                cells.append(heat_text(side.trace.s[t - 1][:16], cell) if t <= self.step else Text(""))
            else:
                cells += [Text(""), Text("")]
        if t <= len(run.dist) and t <= self.step:
            d = float(run.dist[t - 1])
            cells.append(Text(f"{d:.2f} ").append(_dist_bar(d, top), style=self.get_component_rich_style("compare--dist")))
        else:
            cells.append(Text(""))
        return tuple(cells)

    def render(self):
        run, L = self.run, self.labels
        if run is None or run.n == 0:
            return Text(L.get("empty", ""), style="italic")
        rows = max(self.content_size.height - 6, 1)
        units = min(run.a.trace.s.shape[1], 16)
        cell = 2 if self.content_size.width >= 2 * (2 * units + 10) + 30 else 1
        first = max(1, min(max(self.step, 1) - rows // 2, run.n - rows + 1))
        top = float(run.dist.max()) if len(run.dist) else 0.0
        table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, expand=True,
                      header_style=self.get_component_rich_style("compare--header"))
        table.add_column("t", justify="right", no_wrap=True)
        for head in (L["a"], L["s_a"], L["b"], L["s_b"]):
            table.add_column(head, no_wrap=True, overflow="ellipsis")
        table.add_column(L["dist"], no_wrap=True, ratio=1)
        lit, future = self.get_component_rich_style("compare--current"), self.get_component_rich_style("compare--future")
        for t in range(first, min(first + rows, run.n + 1)):
            style = lit if t == self.step else (future if t > self.step else None)
            table.add_row(*self._row(t, top, cell), style=style)
        summary = Text(L["final"].format(d=run.final_dist) if run.a.n and run.b.n else "", style="bold")
        legend = Text(L["legend"] + " ").append_text(legend_text())
        note = Text(L["note"], style="italic dim")
        return Group(table, Text(""), summary, legend, Text(""), note)
