"""The Context tab's reading: one sentence word by word (ReadingView), or two side by side
(CompareReadings), read by the models on screen. It keeps the readings; the tab keeps the step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from tui.i18n import t
from tui.widgets.context.compare_view import CompareReadings
from tui.widgets.context.reading_view import ReadingView
from tui.widgets.context.why import why_at, words


class ContextReadings(Vertical):
    """``read`` the sentence(s) with some models, then ``show`` them at a step."""

    DEFAULT_CSS = "ContextReadings { height: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.models = None  # the models the readings are by (None: none yet)
        self.reading = self.reading_b = None  # core.context.read.Reading of each sentence
        self.why = None  # (word index, sentence): why the answer turns (core.context.why)
        self.compare = False
        self.steps = 0  # words to step through (aligned rows in compare mode)

    def compose(self) -> ComposeResult:
        yield ReadingView(id="ctx-reading")
        yield CompareReadings(id="ctx-compare-view")

    def read_one(self, text: str):
        """``text`` read by the current models."""
        from core.context.read import read

        return read(self.models, words(text))

    def read(self, models, a: str, b: str | None, explain: bool) -> int:
        """Read ``a`` (and ``b``: compare mode) with ``models``; ``explain``: say why the answer turns (not on
        every training batch). Returns the steps to walk through."""
        self.models, self.compare = models, b is not None
        self.reading = self.read_one(a)
        self.reading_b = self.read_one(b) if b is not None else None
        self.why = why_at(models, self.reading) if explain else None
        # words to step through (aligned rows in compare mode): counted once per reading, not on every step
        self.steps = CompareReadings.rows_for(self.reading, self.reading_b) if b is not None else len(self.reading.tokens)
        return self.steps

    def show(self, step: int, title: str, random: bool, ready: bool) -> None:
        """Draw at ``step`` under ``title`` (``random``: the weights are random; ``ready``: the corpus is built)."""
        view, compare = self.query_one(ReadingView), self.query_one(CompareReadings)
        empty = t("context.empty") if ready else t("context.loading")
        for widget in (view, compare):
            widget.border_title = title
            widget.set_class(random, "-random")
            widget.border_subtitle = t("context.step_hint", k=step, n=self.steps if ready else 0)
        if self.compare:
            compare.show(self.reading, self.reading_b, step, empty)
        else:
            view.show(self.reading, step, empty, self.why)
