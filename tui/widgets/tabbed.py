"""The app's TabbedContent: only a tab key or a click on a label changes the tab on show."""

from __future__ import annotations

from textual.widgets import TabbedContent, TabPane


class AppTabs(TabbedContent):
    """Textual's TabbedContent shows the pane of any widget that gets the focus. With keys typed
    fast (4 then 1), the focus given to the Gradients tab as it is built is reported after the 1
    has shown Forward, and Gradients would take over again: here focus never switches panes."""

    def on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()  # TabbedContent's own handler would set ``active``
        event.stop()
