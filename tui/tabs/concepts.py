"""The Concepts tab: the tutorial's ideas in short bilingual Markdown, each
pointing to the tab that shows it live. The tab scrolls itself, so the arrow
keys work as soon as it is shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Markdown

from tui.i18n import t
from tui.i18n.concepts import SECTIONS
from tui.tabs.base import Tab


def concepts_markdown() -> str:
    """The whole text in the current language."""
    return "\n\n".join(t(f"concepts.{name}") for name in SECTIONS)


class ConceptsTab(Tab):
    """One scrollable Markdown document."""

    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    ConceptsTab { overflow-y: auto; padding: 0 1; }
    ConceptsTab Markdown { max-width: 110; margin: 0; padding: 0 1; }
    """

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        return [("↑ ↓ PgUp PgDn", "concepts.k.scroll"), ("home end", "concepts.k.ends")]

    def compose(self) -> ComposeResult:
        yield Markdown(concepts_markdown())
