"""The Context tab: a small RNN, trained here in seconds, reads a sentence word by word.

Its engine (core/context) is being written; until it lands this tab only holds its place
in the tab order (Forward 1 · Context 2 · Train 3 · Gradients 4 · Concepts 5).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.i18n import t
from tui.tabs.base import Tab


class ContextTab(Tab):
    """The Context tab (issue 10)."""

    DEFAULT_CSS = "ContextTab { padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield Static(t("context.pending"), id="ctx-status")
