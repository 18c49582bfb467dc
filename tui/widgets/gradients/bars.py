"""A bar chart on a log scale: one bar per time step, values given as log10.

    bars = LogBars()
    bars.show(np.log10(norms), selected=29)          # its own axis range
    bars.show(log10_values, selected=0, span=(-9, 2))   # a shared range (small multiples)

Bars use eighth blocks, so each row holds 8 levels. When there are more steps
than columns, one column stands for several steps and shows their largest
value. Left/right selection is the owner's job; hovering or clicking a bar
posts ``LogBars.Selected`` with the step index (0-based).
"""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

EIGHTHS = " ▁▂▃▄▅▆▇█"


def power_of_ten(exp: int) -> str:
    """1e-9 for -9, 1 for 0: plain ASCII, so the axis lines up in every terminal and font."""
    return "1" if exp == 0 else f"1e{exp}"


def auto_span(*series: np.ndarray) -> tuple[int, int]:
    """Whole decades (lo, hi) that hold every finite value of the series, lo < hi."""
    finite = np.concatenate([np.asarray(s, dtype=float)[np.isfinite(s)] for s in series] or [np.zeros(0)])
    if finite.size == 0:
        return (0, 1)
    lo, hi = math.floor(finite.min()), math.ceil(finite.max())
    if lo == finite.min():  # keep the smallest bar visible
        lo -= 1
    return (lo, max(hi, lo + 1))


class Layout:
    """Where each step's bar sits: ``group`` steps per column, ``width`` columns per bar."""

    def __init__(self, steps: int, columns: int):
        columns = max(columns, 1)
        self.steps = steps
        self.group = max(1, math.ceil(steps / columns))  # steps per bar
        self.bars = math.ceil(steps / self.group)
        self.pitch = max(1, columns // max(self.bars, 1))  # columns per bar, gap included
        self.width = self.pitch - 1 if self.pitch >= 2 else 1  # drawn columns per bar

    def bar_of(self, step: int) -> int:
        return step // self.group

    def step_at(self, column: int) -> int | None:
        """The step under plot column ``column`` (first of its group), or None."""
        bar = column // self.pitch
        if column < 0 or bar >= self.bars:
            return None
        return min(bar * self.group, self.steps - 1)


class LogBars(Widget):
    """Vertical bars on a log10 axis with decade labels on the left."""

    COMPONENT_CLASSES = {"log-bars--bar", "log-bars--selected", "log-bars--axis", "log-bars--note"}
    DEFAULT_CSS = """
    LogBars { height: 1fr; min-height: 3; }
    LogBars > .log-bars--bar { color: $primary; }
    LogBars > .log-bars--selected { color: $warning; text-style: bold; }
    LogBars > .log-bars--axis { color: $text-muted; }
    LogBars > .log-bars--note { color: $text-muted; text-style: italic; }
    """

    class Selected(Message):
        """The mouse picked step ``index`` (0-based) on ``bars``."""

        def __init__(self, bars: "LogBars", index: int):
            super().__init__()
            self.bars = bars
            self.index = index

        @property
        def control(self) -> "LogBars":
            return self.bars

    def __init__(self, note: str = "", time_axis: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.time_axis = time_axis  # False: no step numbers under the bars (small multiples above another chart)
        self.values = np.zeros(0)  # log10 of each step's value (-inf: exactly 0)
        self.selected: int | None = None
        self.span: tuple[int, int] | None = None
        self.note = note  # shown instead of bars when there is nothing to plot
        self.peers: tuple[LogBars, ...] = ()  # charts compared with this one: all draw with the same number of rows
        self.axis: StepAxis | None = None  # the shared time axis drawn under a stack of these charts, if any

    def show(self, values: np.ndarray, selected: int | None = None, span: tuple[int, int] | None = None) -> None:
        """Plot ``values`` (log10 of each step's bar) with bar ``selected`` lit."""
        self.values = np.asarray(values, dtype=float)
        self.selected = selected
        self.span = span
        self.note = ""
        self.refresh()
        if self.axis is not None:
            self.axis.refresh()

    def on_resize(self) -> None:
        if self.axis is not None:
            self.axis.refresh()

    def show_note(self, note: str) -> None:
        """Replace the bars by a line of text, e.g. 'computing…'."""
        self.note = note
        self.refresh()

    # --- geometry ---------------------------------------------------------

    def _labels(self, lo: int, hi: int, rows: int) -> dict[int, str]:
        """Row (0 = top) -> decade label: the top and bottom decades, and round ones between if there is room."""
        decades = hi - lo

        def row_of(exp: int) -> int:
            return min(max(round((hi - exp) / decades * (rows - 1)), 0), rows - 1)

        out = {row_of(hi): power_of_ten(hi)}
        bottom = row_of(lo)
        if bottom > row_of(hi):
            out[bottom] = power_of_ten(lo)
        raw = decades / max(1, rows // 2)
        # round decades (multiples of ``every``), evenly: the smallest step at which no two of them share or touch
        # a row (rounding would otherwise drop one here and there, leaving an unlabelled gap such as 1e-6)
        for every in (n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, math.ceil(raw)) if n >= raw):
            rounds = [row_of(exp) for exp in range(hi - hi % every, lo, -every)]
            if all(b - a > 1 for a, b in zip(rounds, rounds[1:])):
                break
        for exp, row in zip(range(hi - hi % every, lo, -every), rounds):
            if all(abs(row - r) > 1 for r in out):  # not on or beside the top and bottom labels
                out[row] = power_of_ten(exp)
        return out

    def bar_rows(self) -> int:
        """Rows for the bars: this chart's height less its time axis, or the fewest of its peers' (compared
        charts share a scale, so they draw at one size; only the bottom one may carry the time axis)."""
        return max(1, min([self.size.height - self.time_axis]
                          + [p.size.height - p.time_axis for p in self.peers if p.size.height > 0]))

    def _geometry(self):
        lo, hi = self.span or auto_span(self.values)
        rows = self.bar_rows()
        labels = self._labels(lo, hi, rows)
        axis_w = max(len(s) for s in labels.values()) + 1
        layout = Layout(len(self.values), self.size.width - axis_w)
        return lo, hi, rows, labels, axis_w, layout

    def _bar_values(self, layout: Layout) -> list[float]:
        """Each bar's log10 value: the largest of its group of steps."""
        out = []
        for b in range(layout.bars):
            chunk = self.values[b * layout.group : (b + 1) * layout.group]
            out.append(float(np.max(chunk)) if chunk.size else -math.inf)
        return out

    # --- drawing ----------------------------------------------------------

    def render(self) -> Text:
        if self.note or self.values.size == 0:
            return Text(self.note, style=self.get_component_rich_style("log-bars--note"))
        lo, hi, rows, labels, axis_w, layout = self._geometry()
        bar_style = self.get_component_rich_style("log-bars--bar")
        sel_style = self.get_component_rich_style("log-bars--selected")
        axis_style = self.get_component_rich_style("log-bars--axis")
        heights = [self._eighths(v, lo, hi, rows) for v in self._bar_values(layout)]
        lit = layout.bar_of(self.selected) if self.selected is not None else -1
        # with its own time axis a chart sits on the bottom; in a stack (axis shared below) it hangs from its title
        pad = self.size.height - rows - 1 if self.time_axis else 0
        text = Text("\n" * max(0, pad), no_wrap=True, overflow="crop")
        for row in range(rows):
            label = labels.get(row, "")
            text.append(label.rjust(axis_w - 1) + ("┤" if label else "│"), axis_style)
            floor = (rows - 1 - row) * 8  # eighths below this row
            for b, h in enumerate(heights):
                cell = EIGHTHS[min(8, max(0, h - floor))]
                text.append(cell * layout.width, sel_style if b == lit else bar_style)
                if layout.pitch > layout.width:
                    text.append(" " * (layout.pitch - layout.width))
            if row < rows - 1 or self.time_axis:
                text.append("\n")
        if self.time_axis:
            text.append(self._time_axis(axis_w, layout), axis_style)
        return text

    @staticmethod
    def _eighths(value: float, lo: int, hi: int, rows: int) -> int:
        if not math.isfinite(value):
            return rows * 8 if value > 0 else 0
        frac = (value - lo) / (hi - lo)
        return int(round(min(1.0, max(0.0, frac)) * rows * 8))

    def _time_axis(self, axis_w: int, layout: Layout) -> str:
        """└ then step numbers under their bars: 1, a few round numbers, T."""
        width = max(0, self.size.width - axis_w)
        line = [" "] * width
        marks = [1, layout.steps, *self._round_steps(layout)]
        for step in marks:
            label = str(step)
            col = layout.bar_of(step - 1) * layout.pitch
            start = min(col, width - len(label))
            if start < 0 or any(c != " " for c in line[max(0, start - 1) : start + len(label) + 1]):
                continue
            line[start : start + len(label)] = label
        return " " * (axis_w - 1) + "└" + "".join(line)

    @staticmethod
    def _round_steps(layout: Layout) -> list[int]:
        span_cols = layout.bars * layout.pitch
        for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
            if step * layout.pitch / layout.group >= 8 or step >= layout.steps:
                return list(range(step, layout.steps, step)) if span_cols else []
        return []

    # --- mouse ------------------------------------------------------------

    def _step_under(self, x: int) -> int | None:
        if self.note or self.values.size == 0:
            return None
        _, _, _, _, axis_w, layout = self._geometry()
        return layout.step_at(x - axis_w)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._pick(event.x)

    def on_click(self, event: events.Click) -> None:
        self._pick(event.x)

    def _pick(self, x: int) -> None:
        step = self._step_under(x)
        if step is not None and step != self.selected:
            self.post_message(self.Selected(self, step))


class StepAxis(Widget):
    """The step numbers of ``bars`` on a line of their own, under a stack of compared charts (so each chart
    in the stack gets the same rows for its bars; a chart drawing its own axis would take one more)."""

    DEFAULT_CSS = "StepAxis { height: 1; color: $text-muted; }"

    def __init__(self, bars: LogBars, **kwargs):
        super().__init__(**kwargs)
        self.bars = bars
        bars.axis = self

    def render(self) -> Text:
        bars = self.bars
        if bars.note or bars.values.size == 0 or bars.size.width == 0:
            return Text("")
        _, _, _, _, axis_w, layout = bars._geometry()
        return Text(bars._time_axis(axis_w, layout), no_wrap=True, overflow="crop")
