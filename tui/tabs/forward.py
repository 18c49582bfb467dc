"""The Forward tab (placeholder until its issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.i18n import t
from tui.tabs.base import Tab


class ForwardTab(Tab):
    def __init__(self, sentence: str = "我爱中国", tokens: str = "word", mode: str = "scalar"):
        super().__init__()
        self.options = (sentence, tokens, mode)

    def compose(self) -> ComposeResult:
        yield Static(t("forward.placeholder"))
