"""Progress of a training run: ``step k/N``, steps per second and the ETA, then a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar

from tui.i18n import t
from tui.widgets.text_line import TextLine


def format_seconds(seconds: float) -> str:
    """1.5 s, 42 s, 3 min 05 s (in the interface's language: 1.5 秒)."""
    if seconds < 10:
        return t("time.s", s=f"{seconds:.1f}")
    if seconds < 60:
        return t("time.s", s=f"{seconds:.0f}")
    minutes, rest = divmod(int(round(seconds)), 60)
    return t("time.min_s", m=minutes, s=f"{rest:02d}")


def progress_text(done: int, total: int, rate: float | None, seconds: float | None = None) -> str:
    """'step 37/100  41 steps/s  ETA 1.5 s'; at the end 'step 100/100  20 steps/s  in 5.1 s'.

    No rate or ETA while unmeasured (``rate`` None), no time unless ``seconds`` is given.
    """
    text = t("train.step", k=done, n=total)
    if rate is not None and rate > 0:
        text += "  " + t("train.rate", rate=f"{rate:.0f}")
        if done < total:
            text += "  " + t("train.eta", eta=format_seconds((total - done) / rate))
    if seconds is not None:
        text += "  " + t("train.took", time=format_seconds(seconds))
    return text


class TrainProgress(Horizontal):
    """One line: the text, then a bar. Timing comes from the caller (no clock here).

    Both parts have fixed widths, so a new step repaints without a layout pass.
    """

    DEFAULT_CSS = """
    TrainProgress { height: 1; }
    TrainProgress #progress-text { width: 1fr; text-style: bold; }
    TrainProgress ProgressBar { width: 25%; }
    TrainProgress ProgressBar Bar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield TextLine(t("train.step", k=0, n="?"), id="progress-text")
        yield ProgressBar(total=100, show_eta=False, id="progress-bar")

    @property
    def total(self) -> int:
        """The run's step count shown."""
        return int(self.query_one(ProgressBar).total or 0)

    @property
    def text(self) -> str:
        return self.query_one("#progress-text", TextLine).plain

    def show(self, done: int, total: int, rate: float | None = None, seconds: float | None = None) -> None:
        """Show ``done`` of ``total`` steps; ``rate`` steps/s (None: not measured); ``seconds`` taken."""
        self.query_one("#progress-text", TextLine).update(progress_text(done, total, rate, seconds))
        bar = self.query_one(ProgressBar)
        if bar.total != total:
            bar.update(total=total)
        bar.update(progress=done)
