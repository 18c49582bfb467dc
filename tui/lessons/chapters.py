"""The chapter list (L): each chapter with a mark when done; enter opens it, escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.i18n import language, t
from tui.lessons.model import Lesson
from tui.lessons.view import words


class ChapterList(ModalScreen[int | None]):
    DEFAULT_CSS = """
    ChapterList { align: center middle; }
    ChapterList > Vertical { width: 60; max-width: 90%; height: auto; max-height: 90%;
        border: heavy $warning; background: $surface; padding: 0 1; }
    ChapterList Static { height: auto; margin-bottom: 1; }
    ChapterList OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [("escape", "dismiss_none", "Close")]

    def __init__(self, lesson: Lesson, done: set[int], current: int):
        super().__init__()
        self.lesson, self.done, self.current = lesson, done, current

    def compose(self) -> ComposeResult:
        lang = language()
        rows = [f"{'✓' if i in self.done else ' '} {i + 1}. {words(c.title, lang)}"
                for i, c in enumerate(self.lesson.chapters)]
        with Vertical():
            yield Static(f"{words(self.lesson.title, lang)}\n{t('lesson.chapters')}")
            yield OptionList(*rows)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
