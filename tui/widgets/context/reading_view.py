"""One sentence, word by word: hidden states, P(positive) after each word, the flip,
and both models' answers (see reading_rows for the table)."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.i18n import t
from tui.widgets.context.p_bar import MIDLINE, p_style
from tui.widgets.context.p_chart import chart_lines, chart_width
from tui.widgets.context.reading_rows import UNKNOWN, answer, columns, flip_steps, header, row, unknown_flags
from tui.widgets.context.why import unknown_text
from tui.widgets.heat_strip import legend_text

BOLD = Style(bold=True)
CHART_MIN_LINES = 7  # a blank line, the chart's title, 3 plot rows, the word line and the flip mark


def window(n: int, step: int, rows: int) -> range:
    """The rows to draw when ``n`` do not fit in ``rows``: keep the current step in view."""
    if n <= rows:
        return range(n)
    first = max(0, min(step - rows // 2, n - rows))
    return range(first, first + rows)


def answers(reading, step: int) -> list[Text]:
    """The RNN's answer after ``step`` words and the order-blind model's for the whole sentence."""
    n = len(reading.tokens)
    if step == 0:
        p = reading.p_start
        rnn = Text(t("context.rnn_start", p=f"{p:.2f}"))
    else:
        p = float(reading.p_positive[step - 1])
        key = "context.rnn_after_all" if step == n else "context.rnn_after"
        rnn = Text(t(key, k=step, n=n, word=reading.tokens[step - 1], p=f"{p:.2f}"))
    rnn.append(" → " + answer(p), style=p_style(p) + BOLD)
    if reading.bag_p is None:
        return [rnn]
    bag = Text(t("context.bag_answer", p=f"{reading.bag_p:.2f}"))
    bag.append(" → " + answer(reading.bag_p), style=p_style(reading.bag_p) + BOLD)
    return [rnn, bag]


def highlight(style: Style) -> Style:
    """Only the background (and bold) of a highlight, so the strip's and the bar's colours survive."""
    return Style(bgcolor=style.bgcolor, bold=True)


def legend() -> Text:
    out = Text(t("context.legend_s") + " ")
    out.append_text(legend_text(compact=True))
    out.append(f"   {MIDLINE} " + t("context.legend_mid"))
    return out


class ReadingView(Widget):
    """Call ``show(reading, step)``; ``reading`` is core's Reading (or None, with ``empty`` shown)."""

    COMPONENT_CLASSES = {"reading--current"}
    DEFAULT_CSS = """
    ReadingView {
        & > .reading--current { background: $accent 30%; text-style: bold; }
        height: 1fr; border: round $accent 60%; padding: 0 1;
        border-title-color: $text; border-subtitle-color: $text-muted;
    }
    ReadingView.-random { border: round $warning 70%; border-title-color: $text-warning; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.reading, self.step, self.empty, self.why = None, 0, "", None

    def show(self, reading, step: int, empty: str = "", why: tuple[int, str] | None = None) -> None:
        """``why``: (the 0-based word it is about, the sentence), shown once the student has read that word."""
        self.reading, self.step, self.empty, self.why = reading, step, empty, why
        self.refresh()

    def _tail(self, reading, step: int) -> list[Text]:
        """The lines under the table: both answers, the legend, what unknown words do, why it turns."""
        tail = [Text(""), *answers(reading, step), legend()]
        unknown = unknown_flags(reading)
        if any(unknown):
            tail.append(Text(f"{UNKNOWN} " + t("context.unknown_note"), style="italic"))
        if (little := unknown_text(unknown)) is not None:
            tail.append(Text(little, style="bold"))
        if self.why is not None and step > self.why[0]:
            tail.append(Text(self.why[1], style="bold"))
        return tail

    def render(self):
        reading, step = self.reading, self.step
        if reading is None or not reading.tokens:
            return Text(self.empty, style="italic")
        width, height = self.content_size
        cols = columns(reading, width)
        unknown = unknown_flags(reading)
        flips = flip_steps(reading)
        tail = self._tail(reading, step)
        tail_lines = sum(len(line.wrap(_console(), max(width, 1))) for line in tail)
        free = height - 1 - tail_lines  # below the header, above the tail
        # the chart keeps its place under a long sentence: the word rows scroll (the current one stays in view)
        marked = reading.flip is not None and reading.flip < step
        need = CHART_MIN_LINES - (0 if marked else 1)  # no turn yet: no mark line
        n = len(reading.tokens)
        fits = chart_width(reading) <= width
        titled = fits and free - need >= n  # every word row, and the chart with its title
        compact = fits and not titled and free - (need - 1) >= min(n, 2)  # no blank line above it: rows scroll
        chart = titled or compact
        lines: list[Text] = [header(reading, cols)]
        room = free - ((need if titled else need - 1) if chart else 0)
        for i in window(n, step - 1, max(room, 1)):
            line = row(reading, i, step, cols, flips, unknown)
            if i == step - 1:
                line.stylize(highlight(self.get_component_rich_style("reading--current")))
            lines.append(line)
        if chart:
            rows = min(9, free - (len(lines) - 1) - (need - 3) + (0 if titled else 1))
            rows -= 1 - rows % 2  # odd: the middle row holds 0.5
            if titled:
                lines.append(Text(""))
            lines.append(Text(t("context.chart_title"), style="bold"))
            lines.extend(chart_lines(reading, step, max(rows, 3)))
        lines.extend(tail)
        return Group(*lines)


_MEASURE = None  # one Console, made on first use, only to measure how the tail lines wrap


def _console():
    global _MEASURE
    if _MEASURE is None:
        from rich.console import Console

        _MEASURE = Console(width=200)
    return _MEASURE
