"""A titled log-scale bar chart: one line of text above a LogBars."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.widgets.gradients.bars import LogBars


class GradPanel(Vertical):
    """``title`` (a Static) over ``bars`` (a LogBars)."""

    DEFAULT_CSS = """
    GradPanel { height: 1fr; }
    GradPanel > .grad-panel--title { height: 1; text-wrap: nowrap; text-overflow: ellipsis; text-style: bold; }
    """

    def __init__(self, note: str = "", time_axis: bool = True, bars: type[LogBars] = LogBars, **kwargs):
        super().__init__(**kwargs)
        self.title = Static("", classes="grad-panel--title")
        self.bars = bars(note=note, time_axis=time_axis)

    def compose(self) -> ComposeResult:
        yield self.title
        yield self.bars

    def set_title(self, text: str | Text) -> None:
        self.title.update(text)
