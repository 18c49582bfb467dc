"""The help screen: every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import relabel_bindings, t
from tui.widgets.prose import ProseText

GLOBAL_KEYS = [
    ("1 2 3 4 5", "help.k.tabs"),
    ("space", "help.k.space"),
    ("?", "help.k.help"),
    ("ctrl+s", "help.k.screenshot"),
    ("ctrl+t", "help.k.theme"),
    ("ctrl+p", "help.k.palette"),
    ("escape", "help.k.escape"),
    ("l L pgdn pgup", "help.k.lesson"),
    ("q", "help.k.quit"),
]


def key_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold $accent", show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, text_key in rows:
        table.add_row(keys, ProseText(t(text_key)))  # Chinese lines broken by its rules
    return table


class HelpScreen(ModalScreen):
    """Lists the global keys and each tab's keys. Escape or ? closes it."""

    BINDINGS = [("escape", "dismiss", "Close"), ("question_mark", "dismiss", "Close"), ("q", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen .help-close { color: $text-muted; margin-top: 1; }
    HelpScreen .help-note { color: $text-muted; padding-left: 2; }
    """

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]], list[str]]]):
        super().__init__()
        self.sections = sections

    def on_mount(self) -> None:
        relabel_bindings(self)
        self.query_one(VerticalScroll).focus()  # ↓, PgDn, Home and End scroll at once (no Tab needed first)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(t("help.title"), style="bold"))
            yield Static(key_table(t("help.global"), GLOBAL_KEYS))
            for title, rows, notes in self.sections:
                if rows:
                    yield Static(key_table(title, rows))
                for note in notes:  # a glossary line, not a key
                    yield Static(ProseText(t(note)), classes="help-note")
            yield Static(t("help.close"), classes="help-close")
