"""The loss panel: current and best loss, and a sparkline of the whole history.

The history kept for the sparkline is decimated (at most HISTORY_CAP evenly
spaced values, see tui.train.history), so a long run neither grows memory nor
slows the redraw. A log scale shows the loss falling over orders of magnitude.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Sparkline

from tui.i18n import t
from tui.train.history import HISTORY_CAP, Decimated
from tui.widgets.check import Check
from tui.widgets.text_line import TextLine

LOG_FLOOR = 1e-12  # log10 of a zero loss would be -inf


def fmt_loss(loss: float) -> str:
    """A loss as shown everywhere in the tab (5 significant digits)."""
    return f"{loss:.5g}"


class LossPanel(Vertical):
    """Current loss, best loss, and the history as a sparkline (linear or log10)."""

    DEFAULT_CSS = """
    LossPanel { height: auto; }
    LossPanel > Horizontal { height: 1; }
    LossPanel #loss-text { width: 1fr; }
    LossPanel #loss-log { width: auto; }
    LossPanel Sparkline { height: 2; margin-bottom: 0; }
    LossPanel Sparkline > .sparkline--max-color { color: $error; }
    LossPanel Sparkline > .sparkline--min-color { color: $success; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.history: Decimated[float] = Decimated(HISTORY_CAP)
        self.current: float | None = None
        self.best: float | None = None
        self.best_step = 0

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield TextLine(t("train.loss_none"), id="loss-text")
            yield Check(t("train.log_scale"), True, id="loss-log", compact=True)
        yield Sparkline([], id="loss-spark")

    @property
    def log(self) -> bool:
        return self.query_one("#loss-log", Checkbox).value

    def toggle_log(self) -> None:
        box = self.query_one("#loss-log", Checkbox)
        box.value = not box.value

    def add(self, steps: Iterable[tuple[int, float]]) -> None:
        """Append (step, loss) pairs and redraw."""
        for step, loss in steps:
            self.history.append(loss)
            self.current = loss
            if self.best is None or loss < self.best:
                self.best, self.best_step = loss, step
        self._redraw()

    def clear(self) -> None:
        self.history.clear()
        self.current = self.best = None
        self.best_step = 0
        self._redraw()

    def _redraw(self) -> None:
        if self.current is None:
            text = t("train.loss_none")
        else:
            text = t("train.loss_text", loss=fmt_loss(self.current), best=fmt_loss(self.best), step=self.best_step)
        self.query_one("#loss-text", TextLine).update(text)
        values = self.history.items
        if self.log:
            values = [math.log10(max(v, LOG_FLOOR)) for v in values]
        self.query_one("#loss-spark", Sparkline).data = list(values)  # a NEW list: Sparkline compares by ==

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._redraw()
