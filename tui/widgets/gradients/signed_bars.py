"""Signed bars on a log scale: positive values grow up from the middle, negative ones down.

    bars = SignedLogBars()
    bars.show(np.log10(np.abs(g)), signs=np.sign(g), span=(0, 9), mark=1.0)   # mark: log10(c)

The height of a bar is log10|g| between the span's decades (lo at the middle,
hi at the top or bottom edge); ``mark`` draws the clipping threshold as ``c``
above the middle and ``−c`` below it, with a dashed line through the empty
cells, so both halves of clip-by-value can be read off the chart.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text

from tui.widgets.gradients.bars import EIGHTHS, Layout, LogBars, auto_span, power_of_ten

UPPER = {0: " ", 1: "▔", 4: "▀", 8: "█"}  # downward bars: only these upper blocks exist in most fonts
DASH = "╌"


def _down(eighths: int) -> str:
    """The glyph for a downward bar covering ``eighths`` of a cell from its top."""
    return UPPER[max(k for k in UPPER if k <= max(0, min(8, eighths)))]


class SignedLogBars(LogBars):
    """LogBars with a sign per bar and an optional threshold mark (log10 of c)."""

    DEFAULT_CSS = "SignedLogBars { min-height: 5; }"  # two rows a sign, and the time axis

    def __init__(self, note: str = "", time_axis: bool = True, **kwargs):
        super().__init__(note=note, time_axis=time_axis, **kwargs)
        self.signs = np.zeros(0)
        self.mark: float | None = None

    def show(self, values: np.ndarray, selected: int | None = None, span: tuple[int, int] | None = None,
             signs: np.ndarray | None = None, mark: float | None = None) -> None:
        """Plot log10|g| (``values``) with their ``signs`` (+1/-1) and the threshold ``mark`` = log10(c)."""
        self.signs = np.ones(len(values)) if signs is None else np.asarray(signs, dtype=float)
        self.mark = mark
        super().show(values, selected=selected, span=span)

    def _half(self) -> int:
        rows = max(2, self.bar_rows())
        return rows // 2

    def _geometry(self):
        lo, hi = self.span or auto_span(self.values)
        half = self._half()
        labels = {0: power_of_ten(hi), 2 * half - 1: "−" + power_of_ten(hi)}
        if self.mark is not None:
            row = self._row_in_half(self._eighths(self.mark, lo, hi, half), half)
            labels[half - 1 - row] = "c"
            labels[half + row] = "−c"
        axis_w = max(len(s) for s in labels.values()) + 1
        layout = Layout(len(self.values), self.size.width - axis_w)
        return lo, hi, 2 * half, labels, axis_w, layout

    @staticmethod
    def _row_in_half(eighths: int, half: int) -> int:
        """Rows from the middle (0: the row next to it) where a bar of ``eighths`` ends."""
        return min(half - 1, max(0, (eighths - 1) // 8))

    def render(self) -> Text:
        if self.note or self.values.size == 0:
            return Text(self.note, style=self.get_component_rich_style("log-bars--note"))
        lo, hi, rows, labels, axis_w, layout = self._geometry()
        half = rows // 2
        styles = {k: self.get_component_rich_style(f"log-bars--{k}") for k in ("bar", "selected", "axis")}
        bars = self._signed_bars(layout, lo, hi, half)
        lit = layout.bar_of(self.selected) if self.selected is not None else -1
        mark_rows = {r for r, s in labels.items() if s in ("c", "−c")}
        pad = self.size.height - rows - (1 if self.time_axis else 0)  # bottom-aligned, like its peers
        text = Text("\n" * max(0, pad), no_wrap=True, overflow="crop")
        for row in range(rows):
            label = labels.get(row, "")
            text.append(label.rjust(axis_w - 1) + ("┤" if label else "│"), styles["axis"])
            fill = DASH if row in mark_rows else " "
            for b, (h, sign) in enumerate(bars):
                cell = self._cell(row, half, h, sign)
                if cell == " ":
                    text.append(fill * layout.pitch, styles["axis"])
                    continue
                text.append(cell * layout.width, styles["selected" if b == lit else "bar"])
                if layout.pitch > layout.width:
                    text.append(fill * (layout.pitch - layout.width), styles["axis"])
            text.append("\n")
        if self.time_axis:
            text.append(self._time_axis(axis_w, layout), styles["axis"])
        return text

    def _signed_bars(self, layout: Layout, lo: int, hi: int, half: int) -> list[tuple[int, float]]:
        """(eighths, sign) per bar: the step of largest magnitude in each group."""
        out = []
        for b in range(layout.bars):
            chunk = self.values[b * layout.group : (b + 1) * layout.group]
            if chunk.size == 0:
                out.append((0, 1.0))
                continue
            k = int(np.argmax(chunk))
            out.append((self._eighths(float(chunk[k]), lo, hi, half), self.signs[b * layout.group + k]))
        return out

    @staticmethod
    def _cell(row: int, half: int, eighths: int, sign: float) -> str:
        if sign >= 0 and row < half:
            return EIGHTHS[min(8, max(0, eighths - (half - 1 - row) * 8))]
        if sign < 0 and row >= half:
            return _down(eighths - (row - half) * 8)
        return " "
