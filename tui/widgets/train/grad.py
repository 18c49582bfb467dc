"""The gradient per training step: a two-row sparkline on a log scale with the clip threshold c drawn across.

The bars show the quantity the clipping rule compares with c: the largest
|element| for clip by value (the tutorial's rule), the 2-norm of the whole
gradient for clip by norm or no clipping. Steps above c are drawn in the error
colour and cut through the dashed c line. ``pin`` keeps the current run as a
reference row (the clipping preset shows the unclipped run above the clipped one).
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from tui.i18n import t
from tui.train.history import HISTORY_CAP, Decimated
from tui.widgets.text_line import TextLine

BARS = " ▁▂▃▄▅▆▇█"  # fill 0..8 of one cell
FLOOR = 1e-12  # log10 of a zero gradient


def grad_rows(values: list[float], width: int, low: float, high: float, c: float | None,
              rows: int = 2) -> list[list[tuple[str, str]]]:
    """``rows`` rows (top first) of (glyph, kind) cells on a log scale from ``low`` to ``high``.

    Each column shows the largest value that falls under it. kind: bar, over (a
    value above c), line (the dashed c mark, where the bar stays below it) or blank.
    """
    if not values or width <= 0:
        return [[] for _ in range(rows)]
    span = max(math.log10(high) - math.log10(low), 1e-9)
    levels = 8 * rows

    def level(v: float) -> float:
        return min(float(levels), max(0.0, levels * (math.log10(max(v, FLOOR)) - math.log10(low)) / span))

    lc = level(c) if c is not None else None
    line_row = min(int(lc // 8), rows - 1) if lc is not None else -1
    out = [[] for _ in range(rows)]
    n = len(values)
    for col in range(width):
        first = col * n // width
        v = max(values[first: max(first + 1, (col + 1) * n // width)])
        lv = level(v)
        kind = "over" if c is not None and v > c else "bar"
        for row in range(rows):
            fill = int(round(min(8.0, max(0.0, lv - 8 * row))))
            cells = out[rows - 1 - row]
            if row == line_row and fill == 0:
                cells.append(("╌", "line"))
            else:
                cells.append((BARS[fill], kind if fill else "blank"))
    return out


class StepGradSpark(Widget):
    """Two rows of bars drawn from ``rows`` (see grad_rows); colours from CSS component classes."""

    COMPONENT_CLASSES = {"grad--bar", "grad--over", "grad--line"}
    DEFAULT_CSS = """
    StepGradSpark { height: 1; width: 1fr; }
    StepGradSpark > .grad--bar { color: $primary; }
    StepGradSpark > .grad--over { color: $error; }
    StepGradSpark > .grad--line { color: $warning; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.values: list[float] = []
        self.scale = (1e-3, 1.0)
        self.c: float | None = None

    def show(self, values: list[float], scale: tuple[float, float], c: float | None) -> None:
        self.values, self.scale, self.c = values, scale, c
        self.refresh()

    def render(self) -> Text:
        styles = {k: self.get_component_rich_style(f"grad--{k}") for k in ("bar", "over", "line")}
        out = Text(no_wrap=True)
        rows = grad_rows(self.values, self.size.width, *self.scale, self.c, rows=max(1, self.size.height))
        for i, row in enumerate(rows):
            if i:
                out.append("\n")
            for glyph, kind in row:
                out.append(glyph, styles.get(kind))
        return out


class StepGradients(Vertical):
    """The gradient of every step so far, against the clip threshold."""

    DEFAULT_CSS = """
    StepGradients { height: auto; }
    StepGradients #grad-text { color: $text-muted; }
    StepGradients #grad-ref-text { color: $text-muted; display: none; }
    StepGradients #grad-ref { display: none; }
    StepGradients.-pinned #grad-ref, StepGradients.-pinned #grad-ref-text { display: block; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.history: Decimated[tuple[float, float]] = Decimated(HISTORY_CAP)  # (norm, max) per step
        self.reference: list[tuple[float, float]] | None = None  # a pinned run
        self.reference_label = ""
        self.reference_steps = 0
        self.mode = "off"  # the clip mode: off, value or norm
        self.c: float | None = None
        self.clipped = 0  # steps whose gradient exceeded c

    def compose(self) -> ComposeResult:
        yield TextLine("", id="grad-ref-text")
        yield StepGradSpark(id="grad-ref")
        yield TextLine(t("train.grad_none"), id="grad-text")
        yield StepGradSpark(id="grad-spark")

    def configure(self, mode: str, c: float | None) -> None:
        """The clip rule of the run about to be shown (mode off: no c line)."""
        self.mode, self.c = mode, (c if mode != "off" else None)
        self._redraw()

    def add(self, pairs) -> None:
        """Append (grad_norm, grad_max) per step."""
        for norm, top in pairs:
            self.history.append((norm, top))
            if self.c is not None and self._of((norm, top)) > self.c:
                self.clipped += 1
        self._redraw()

    def pin(self, label: str) -> None:
        """Keep the current run as the reference row and start an empty one."""
        self.reference, self.reference_label = list(self.history.items), label
        self.reference_steps = self.history.count
        self.set_class(True, "-pinned")
        self.history.clear()
        self.clipped = 0
        self._redraw()

    def clear(self, keep_reference: bool = False) -> None:
        self.history.clear()
        self.clipped = 0
        if not keep_reference:
            self.reference = None
            self.set_class(False, "-pinned")
        self._redraw()

    def _of(self, pair: tuple[float, float]) -> float:
        return pair[1] if self.mode == "value" else pair[0]

    def _redraw(self) -> None:
        values = [self._of(p) for p in self.history.items]
        ref = [self._of(p) for p in self.reference] if self.reference else []
        finite = [v for v in values + ref + ([self.c] if self.c else []) if math.isfinite(v) and v > 0]
        scale = (min(finite) / 2, max(finite) * 2) if finite else (1e-3, 1.0)
        what = t("train.grad_max" if self.mode == "value" else "train.grad_norm")
        if values:
            text = t("train.grad_text", what=what, now=f"{values[-1]:.3g}", top=f"{max(values):.3g}")
            if self.c is not None:
                text += "  " + t("train.grad_clipped", c=f"{self.c:g}", k=self.clipped, n=self.history.count)
        else:
            text = t("train.grad_none")
        self.query_one("#grad-text", TextLine).update(text)
        self.query_one("#grad-spark", StepGradSpark).show(values, scale, self.c)
        if self.reference is not None:
            top = max(ref) if ref else float("nan")
            self.query_one("#grad-ref-text", TextLine).update(
                t("train.grad_ref", label=self.reference_label, what=what, top=f"{top:.3g}", n=self.reference_steps))
            self.query_one("#grad-ref", StepGradSpark).show(ref, scale, self.c)
