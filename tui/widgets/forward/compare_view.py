"""Two sentences through the same vector RNN, row by row, their shared words side by side (as the
Context tab lines them up), with the distance between the hidden states after those words:

 #  A      s(A)       B      s(B)       ‖s(A) − s(B)‖
 1  我     ▴▵△·▿▾△▵   我     ▴▵△·▿▾△▵   0.00
 2                    不     ...        —
 3  喜欢   ...        喜欢   ...        0.82 ██████

A row where one sentence has no word has no distance. Through random weights the distance may
shrink again after the sentences meet: it shows that the input differs, not what 不 means.
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
        & > .compare--future { color: $text-muted; }  /* not yet stepped to; $text-disabled is unreadable on the light theme */
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
        """Row ``t`` (1-based): each sentence's word on it (if any) and the distance, once stepped to."""
        run = self.run
        cells: list = [str(t)]
        for side, k in zip((run.a, run.b), run.pairs[t - 1]):
            if k is not None:
                cells.append(fit(drawable(side.tk.tokens[k]), 8))
                cells.append(heat_text(side.trace.s[k][:16], cell) if t <= self.step else Text(""))
            else:
                cells += [Text(""), Text("")]
        d = float(run.dist[t - 1])
        if t > self.step:
            cells.append(Text(""))
        elif d != d:  # nan: one side has no word here
            cells.append(Text("—"))
        else:
            cells.append(Text(f"{d:.2f} ").append(_dist_bar(d, top), style=self.get_component_rich_style("compare--dist")))
        return tuple(cells)

    def render(self):
        run, L = self.run, self.labels
        if run is None or run.n == 0:
            return Text(L.get("empty", ""), style="italic")
        rows = max(self.content_size.height - 6, 1)
        units = min(run.a.trace.s.shape[1], 16)
        cell = 2 if self.content_size.width >= 2 * (2 * units + 10) + 30 else 1
        first = max(1, min(max(self.step, 1) - rows // 2, run.n - rows + 1))
        import numpy as np  # here, not at the top: the app's first frame does not wait for NumPy

        top = float(np.nanmax(run.dist)) if np.isfinite(run.dist).any() else 0.0
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
