"""The Train tab's right-hand column: progress, loss, window, hidden state, gradient, fit chart.

It draws what the tab hands it and computes nothing (the tab owns the run;
core computes every number).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from core.sincos.config import TrainConfig
from core.sincos.train import Evaluation, judge
from tui.i18n import t
from tui.widgets.train.chart import FitChart, legend
from tui.widgets.train.error_strip import ErrorStrip
from tui.widgets.train.grad import StepGradients
from tui.widgets.train.hidden import HiddenPanel
from tui.widgets.train.loss import LossPanel, fmt_loss
from tui.widgets.train.progress import TrainProgress, format_seconds
from tui.widgets.train.window import WindowPanel


class TrainView(Vertical):
    """Everything that shows the run."""

    DEFAULT_CSS = """
    TrainView { width: 1fr; height: 1fr; padding: 0 1; }
    TrainView #chart-box { height: 1fr; min-height: 6; border: round $primary 40%;
        border-title-color: $text; border-subtitle-color: $text-muted; }
    TrainView FitChart { height: 1fr; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rate: float | None = None
        self.updates = 0  # batches drawn (UI updates), for the bench
        self._unseen_mse: float | None = None

    def compose(self) -> ComposeResult:
        yield TrainProgress()
        yield LossPanel()
        yield WindowPanel()
        yield HiddenPanel()
        yield StepGradients()
        # The chart goes last: the screen repaints the bounding box of what changed,
        # so with every per-step widget above it, the chart repaints only when it changed.
        with Vertical(id="chart-box"):
            yield FitChart()
            yield ErrorStrip()

    def on_mount(self) -> None:
        self._chart = self.query_one(FitChart)
        self._caption()

    @property
    def busy(self) -> bool:
        return self.query_one(FitChart).busy

    @busy.setter
    def busy(self, value: bool) -> None:
        """Flat out, the chart redraws rarely: its renders would slow the engine (they share the GIL)."""
        self.query_one(FitChart).busy = value

    def show_config(self, config: TrainConfig | None, resume=None) -> None:
        """The shapes, the step count and the clip rule of the run the form describes; ``resume`` (a loaded
        run's core.sincos.resume.Resume): the step it goes on from, and the h it carries in (if any)."""
        if config is None:
            return
        self.query_one(HiddenPanel).show_config(config)
        self.query_one(TrainProgress).show(0, config.epochs)
        mode = "value" if config.clip_value is not None else "norm" if config.clip_norm is not None else "off"
        self.query_one(StepGradients).configure(mode, config.clip_value or config.clip_norm)
        if resume is not None:
            self.loaded(resume.steps, resume.h is not None and config.carry_hidden)

    def clear(self, config: TrainConfig | None, keep_reference: bool = False) -> None:
        self.rate, self._unseen_mse = None, None
        self.query_one(LossPanel).clear()
        self.query_one(WindowPanel).clear()
        self.query_one(FitChart).clear()
        self.query_one(HiddenPanel).clear()
        self.query_one(StepGradients).clear(keep_reference)
        self.query_one(ErrorStrip).clear()
        self.show_config(config)
        self._caption()

    def show_records(self, records, rate: float | None, carry_on: bool) -> None:
        """A batch of steps: histories get all of them, the window views the last one."""
        if not records:
            return
        last = records[-1]
        self.rate = rate
        self.query_one(TrainProgress).show(last.step, last.epochs, rate)
        self.query_one(LossPanel).add((r.step, r.loss) for r in records)
        self.query_one(WindowPanel).show(last.step, last.target, last.prediction, last.input)
        self.query_one(FitChart).add([(r.t, r.target, r.prediction) for r in records])
        self.query_one(HiddenPanel).show(last.step, last.hidden, last.carried, carry_on)
        self.query_one(StepGradients).add((r.grad_norm, r.grad_max) for r in records)
        self.query_one(ErrorStrip).add(r.loss for r in records)
        self.updates += 1

    def paused(self, done: int) -> None:
        """Paused: the step count stays, the rate and ETA go (they would go stale)."""
        progress = self.query_one(TrainProgress)
        progress.show(done, progress.total)
        self.flush()

    def loaded(self, done: int, carried: bool) -> None:
        """A loaded run that goes on: its step count, and the h it carries in (if any)."""
        self.paused(done)
        self.query_one(HiddenPanel).loaded(done if carried else None)

    def finished(self, unseen: Evaluation, losses, seconds: float | None, epochs: int | None, start: int = 0) -> str:
        """Show the unseen stretch; return the summary for the status line (``start``: steps done before
        ``losses``, by a loaded run this one continued)."""
        self.query_one(FitChart).set_unseen(unseen.t, unseen.target, unseen.prediction)
        self._unseen_mse = unseen.mse
        self._caption()
        verdict = judge(losses)
        text = t("train.summary", final=fmt_loss(losses[-1]), best=fmt_loss(verdict.best), step=start + verdict.best_step,
                 mse=fmt_loss(unseen.mse))
        if verdict.collapsed:
            text += "\n" + t("train.collapsed", final=f"{verdict.final:.3g}", best=f"{verdict.best:.3g}",
                             step=start + verdict.best_step)
        elif verdict.unlearned:
            text += "\n" + t("train.unlearned", final=f"{verdict.final:.3g}")
        if seconds is not None and seconds > 0:
            text += "\n" + t("train.summary_time", time=format_seconds(seconds), rate=f"{len(losses) / seconds:.1f}")
            self.query_one(TrainProgress).show(start + len(losses), epochs or start + len(losses), self.rate, seconds)
        return text

    def flush(self) -> None:
        self.query_one(FitChart).flush()

    def pin_reference(self, label: str) -> None:
        self.query_one(StepGradients).pin(label)

    def toggle_log(self) -> None:
        self.query_one(LossPanel).toggle_log()

    def toggle_recent(self) -> None:
        self.query_one(FitChart).toggle_recent()
        self._caption()

    def _caption(self) -> None:
        """The chart's legend (title) and subtitle: the unseen stretch's error and the zoom key."""
        box = self.query_one("#chart-box")
        box.border_title = legend(self.app, unseen=self._unseen_mse is not None)
        zoom = t("train.zoom_all" if self.query_one(FitChart).recent else "train.zoom_recent")
        parts = [t("train.unseen_mse", mse=fmt_loss(self._unseen_mse))] if self._unseen_mse is not None else []
        box.border_subtitle = " · ".join(parts + [zoom])
