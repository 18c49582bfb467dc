"""The vocabulary as a row of chips: 我→1  爱→2  中国→3 (only as many as fit)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tui.widgets.notation import drawable


class TokenChips(Widget):
    """Call ``show(vocab, current_id, label)``; ``vocab`` is ((token, id), ...) in id order.
    A ``message`` (e.g. "loading dictionary…") replaces the chips."""

    COMPONENT_CLASSES = {"chip", "chip--current", "chip--label", "chip--more"}
    DEFAULT_CSS = """
    TokenChips {
        height: 1;
        width: 1fr;
        & > .chip { background: $boost; color: $text; }
        & > .chip--current { background: $accent; color: auto 95%; text-style: bold; }  /* dark text on light accents */
        & > .chip--label { color: $text-muted; }
        & > .chip--more { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.vocab: tuple[tuple[str, int], ...] = ()
        self.current = 0
        self.label = ""
        self.message = ""
        self.status = ""
        self.more = "+{n}"

    def show(self, vocab, current: int, label: str, message: str = "", more: str = "+{n}", status: str = "") -> None:
        """Chips for ``vocab`` with id ``current`` lit (``message`` instead when set), and
        ``status`` at the right end. Only repaints: no layout pass, so a step stays cheap."""
        self.vocab, self.current, self.label, self.message, self.more = vocab, current, label, message, more
        self.status = status
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        status = Text(" " + self.status, style=self.get_component_rich_style("chip--label"))
        chips = self._chips(width - status.cell_len)
        gap = width - chips.cell_len - status.cell_len
        return chips + Text(" " * max(gap, 0)) + status if gap >= 0 else chips

    def _chips(self, width: int) -> Text:
        out = Text(self.label + " ", style=self.get_component_rich_style("chip--label"))
        if self.message:
            return out.append(self.message, style="italic")
        chip, lit = self.get_component_rich_style("chip"), self.get_component_rich_style("chip--current")
        for i, (token, tid) in enumerate(self.vocab):
            text = f" {drawable(token)}→{tid} "
            rest = len(self.vocab) - i
            more = self.more.format(n=rest)
            room = width - cell_len(out.plain) - (0 if rest == 1 else cell_len(more) + 1)
            if cell_len(text) + 1 > room:
                out.append(more, style=self.get_component_rich_style("chip--more"))
                break
            out.append(text, style=lit if tid == self.current else chip)
            out.append(" ")
        return out
