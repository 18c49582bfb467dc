"""Markdown whose paragraphs wrap Chinese by its line-breaking rules (tui/cjk_wrap.py).

    yield ProseMarkdown(text)     # a drop-in for textual.widgets.Markdown
    table.add_row(keys, ProseText(t("help.k.quit")))   # a Rich renderable, e.g. in a table cell

A paragraph holding Chinese breaks its lines itself, at the width it is drawn
at: no line starts with ，。）” … or ends with （“ …, and an inline `formula`
stays on one line when it fits. Other paragraphs wrap as Textual wraps them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph  # Textual exports no public name for it (8.2)

from tui.cjk_wrap import break_offsets, has_cjk, wrap

MIN_WIDTH = 10  # cells a ProseText asks for at least (a table may squeeze it to this)


def wrap_content(content: Content, width: int) -> Content | None:
    """``content`` with a newline at each break the rules pick (None: no Chinese in it)."""
    plain = content.plain
    if width <= 0 or not has_cjk(plain):
        return None
    keep = [(s.start, s.end) for s in content.spans if "code_inline" in str(s.style)]
    cuts, start = [], 0
    for line in plain.split("\n"):
        inside = [(a - start, b - start) for a, b in keep if start <= a and b <= start + len(line)]
        cuts += [start + b for b in break_offsets(line, width, inside)] + [start + len(line) + 1]
        start += len(line) + 1
    pieces, last = [], 0
    for cut in cuts:
        pieces.append(content[last:min(cut, len(plain))].rstrip())
        last = cut
    return Content("\n").join(pieces)


class ProseParagraph(MarkdownParagraph):
    """A Markdown paragraph that breaks Chinese lines by the rules (at its drawn width)."""

    def render(self):
        wrapped = wrap_content(self._content, self.content_size.width)
        return super().render() if wrapped is None else wrapped

    def get_content_height(self, container, viewport, width: int) -> int:
        wrapped = wrap_content(self._content, width)
        if wrapped is None:
            return super().get_content_height(container, viewport, width)
        return wrapped.plain.count("\n") + 1


class ProseMarkdown(Markdown):
    """Markdown with ProseParagraph for its paragraphs (list items hold paragraphs too)."""

    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": ProseParagraph}


class ProseText:
    """Plain text as a Rich renderable that wraps Chinese by the rules (e.g. in a table cell)."""

    def __init__(self, text: str, style: str = ""):
        self.text, self.style = text, style

    def __rich_measure__(self, console, options) -> Measurement:
        full = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(MIN_WIDTH, full), full).clamp(max_width=options.max_width)

    def __rich_console__(self, console, options):
        if not has_cjk(self.text):
            yield Text(self.text, style=self.style)
            return
        yield Text("\n".join(wrap(self.text, options.max_width)), style=self.style)
