"""Two sentences read side by side by the same trained (or random) models.

Rows are aligned on the words both sentences share (difflib), so in
我喜欢美女 / 我不喜欢美女 the 不 gets a row of its own and 喜欢 meets 喜欢:

     A  我喜欢美女                       │  B  我不喜欢美女
     1 我     0.52 ████████   ┊          │  1 我     0.52 ████████   ┊
                                         │  2 不     0.04 ▍          ┊  ◀ flip
     2 喜欢   0.97 ███████████████▌      │  3 喜欢   0.03 ▎          ┊
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widget import Widget

from core.context.segment import join
from core.forward.align import align
from tui.i18n import t
from tui.widgets.context.p_bar import p_style
from tui.widgets.context.reading_rows import answer, columns, flip_steps, header, row, unknown_flags
from tui.widgets.context.reading_view import BOLD, highlight, legend, window

GAP = " │ "


def short_answer(name: str, reading, step: int) -> Text:
    """'A  RNN after 3 of 3 words: 0.99 positive · order-blind (whole sentence): 0.96 positive'."""
    p = reading.p_start if step == 0 else float(reading.p_positive[step - 1])
    out = Text(f"{name}  " + t("context.short_rnn", k=step, n=len(reading.tokens)) + f" {p:.2f} ")
    out.append(answer(p), style=p_style(p) + BOLD)
    if reading.bag_p is not None:
        out.append(" · " + t("context.short_bag") + f" {reading.bag_p:.2f} ")
        out.append(answer(reading.bag_p), style=p_style(reading.bag_p) + BOLD)
    return out


def _pad(text: Text, width: int) -> Text:
    out = text.copy()
    if out.cell_len > width:
        out.truncate(width, overflow="ellipsis")
    out.append(" " * (width - out.cell_len))
    return out


class CompareReadings(Widget):
    """Call ``show(a, b, step, texts)``: core Readings of sentences A and B; ``step``
    counts aligned rows read (``len(align(...))`` shows everything)."""

    COMPONENT_CLASSES = {"compare--current"}
    DEFAULT_CSS = """
    CompareReadings {
        height: 1fr; border: round $accent 60%; padding: 0 1; border-title-color: $text;
        & > .compare--current { background: $accent 30%; text-style: bold; }
    }
    CompareReadings.-random { border: round $warning 70%; border-title-color: $text-warning; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.a = self.b = None
        self.step = 0
        self.empty = ""

    def show(self, a, b, step: int, empty: str = "") -> None:
        self.a, self.b, self.step, self.empty = a, b, step, empty
        self.refresh()

    @staticmethod
    def rows_for(a, b) -> int:
        """Aligned rows of two readings (the step's upper bound)."""
        if a is None or b is None:
            return 0
        return len(align(a.tokens, b.tokens))

    def render(self):
        a, b = self.a, self.b
        if a is None or b is None or not a.tokens or not b.tokens:
            return Text(self.empty, style="italic")
        width, height = self.content_size
        half = max((width - len(GAP)) // 2, 20)
        strip = half >= 60
        cols = [columns(r, half, strip=strip) for r in (a, b)]
        pairs = align(a.tokens, b.tokens)
        step = min(self.step, len(pairs))
        read = [sum(1 for k in range(step) if pairs[k][side] is not None) for side in (0, 1)]
        lines = [self._pair(Text("A  " + join(a.tokens), style="bold"), Text("B  " + join(b.tokens), style="bold"), half),
                 self._pair(header(a, cols[0]), header(b, cols[1]), half)]
        lit = highlight(self.get_component_rich_style("compare--current"))
        footer = 4
        for k in window(len(pairs), step - 1, max(height - 2 - footer, 1)):
            cells = []
            for side, reading in enumerate((a, b)):
                i = pairs[k][side]
                cells.append(Text("") if i is None else row(reading, i, read[side], cols[side], flip_steps(reading),
                                                             unknown_flags(reading)))
            line = self._pair(*cells, half)
            if k == step - 1:
                line.stylize(lit)
            lines.append(line)
        lines.append(Text(""))
        for name, reading, k in (("A", a, read[0]), ("B", b, read[1])):
            lines.append(short_answer(name, reading, k))
        lines.append(legend())
        return Group(*lines)

    def _pair(self, left: Text, right: Text, half: int) -> Text:
        return _pad(left, half).append(GAP, style="dim").append_text(_pad(right, half))
