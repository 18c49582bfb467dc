"""The Train tab (placeholder until its issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.i18n import t
from tui.tabs.base import Tab


class TrainTab(Tab):
    def compose(self) -> ComposeResult:
        yield Static(t("train.placeholder"))
