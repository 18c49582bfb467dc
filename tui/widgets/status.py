"""The message area of the Train and Context tabs: wrapped text that repaints without a layout pass.

It fills the space it is given (``height: 1fr``), so a longer message never
asks the screen for a new layout; kinds (info, ok, warning, error) colour it.
Chinese text breaks by the line-breaking rules of tui.cjk_wrap (no line starts with
a closing mark such as ，or ）), like the Concepts tab and help.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from core.io.visible import visible
from tui.cjk_wrap import has_cjk, wrap

KINDS = ("info", "ok", "warning", "error")


class Say(Message):
    """A part of a tab asks for a message on the tab's status line (the tab's ``on_say`` shows it)."""

    def __init__(self, text: str, kind: str = "info") -> None:
        super().__init__()
        self.text, self.kind = text, kind


class StatusText(Widget):
    """Messages for the user; ``say(text, kind)``."""

    DEFAULT_CSS = """
    StatusText { height: 1fr; min-height: 2; color: $text-muted; }
    StatusText.-ok { color: $success; }
    StatusText.-warning { color: $warning; }
    StatusText.-error { color: $error; }
    """

    def __init__(self, text: str = "", **kwargs):
        super().__init__(**kwargs)
        self._text = text
        self.kind = "info"

    @property
    def text(self) -> str:
        return self._text

    def say(self, text: str, kind: str = "info") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self._text, self.kind = visible(text, keep="\n"), kind  # a message may quote a file: shown, not obeyed
        for k in KINDS[1:]:
            self.set_class(k == kind, f"-{k}")
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        if width > 0 and has_cjk(self._text):
            return Text("\n".join(wrap(self._text, width)))
        return Text(self._text)
