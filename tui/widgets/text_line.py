"""One line of text that repaints without a layout pass (shared by every tab).

``Static.update`` asks for a layout refresh of the whole screen (tens of ms
with every tab mounted); at 30 updates a second that starves the UI. This
line repaints only, and asks for layout only when its width in cells changes
(it may be sized ``width: auto``).
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    """A single line of plain text (or a rich Text), cut at the widget's width."""

    DEFAULT_CSS = """
    TextLine { height: 1; width: 1fr; }
    """

    def __init__(self, text: str | Text = "", **kwargs):
        super().__init__(**kwargs)
        self._text = Text(text) if isinstance(text, str) else text

    @property
    def plain(self) -> str:
        return self._text.plain

    def update(self, text: str | Text) -> None:
        new = Text(text) if isinstance(text, str) else text
        if new == self._text:
            return
        resized = new.cell_len != self._text.cell_len
        self._text = new
        self.refresh(layout=resized and self.styles.width is not None and self.styles.width.is_auto)

    def get_content_width(self, container, viewport) -> int:
        return self._text.cell_len

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1

    def render(self) -> Text:
        text = self._text.copy()
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text
