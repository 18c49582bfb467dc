"""P(positive) after each word as columns across the sentence, the 0.5 line dashed:
the flip at 不 is a cliff you see at a glance.

     1 ┤ ██
       │ ██
    .5 ┼ ██ ┄┄┄┄┄┄┄┄┄┄┄┄┄┄
       │ ██  ▁▁   ▁▁   ▁▁
     0 │ ██  ██   ██   ██
       └ 我  不   喜欢 美女
             ▲ flip
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.i18n import t
from tui.widgets.context.p_bar import p_style

LEVELS = " ▁▂▃▄▅▆▇█"
AXIS = 5  # columns of the axis and its labels


def column_width(tokens) -> int:
    """One width for every word's column (the longest word, 3 to 8 cells, plus a gap)."""
    return min(max([3, *(cell_len(w) for w in tokens)]), 8) + 1


def chart_width(reading) -> int:
    return AXIS + len(reading.tokens) * column_width(reading.tokens)


def chart_lines(reading, step: int, rows: int) -> list[Text]:
    """``rows`` (odd, >= 3) plot lines, the word line and the flip mark.

    Args:
        reading: core's Reading (``p_positive``, ``tokens``, ``flip``).
        step: words read so far (later columns stay empty).
        rows: plot height; the middle row holds 0.5.
    """
    cw = column_width(reading.tokens)
    bar = max(cw - 2, 1)
    middle = rows // 2
    lines = []
    for r in range(rows):  # r = 0 is the top row, covering P in [low, low + 1/rows)
        low = (rows - 1 - r) / rows
        label = {0: "1", middle: ".5", rows - 1: "0"}.get(r, "")
        line = Text(f"{label:>{AXIS - 2}} " + ("┼" if r == middle else "│"), style="dim")
        for i, p in enumerate(reading.p_positive):
            glyph = " "
            if i < step:
                glyph = LEVELS[round(min(max((float(p) - low) * rows, 0.0), 1.0) * 8)]
            empty = "┄" if r == middle else " "
            line.append(empty, style="dim")
            if glyph == " ":
                line.append(empty * bar, style="dim")
            else:
                line.append(glyph * bar, style=p_style(float(p)))
            line.append(empty * (cw - bar - 1), style="dim")
        lines.append(line)
    words = Text(" " * (AXIS - 1) + "└", style="dim")
    for i, w in enumerate(reading.tokens):
        cell = Text(" " + (w if cell_len(w) <= cw - 1 else w[: max(cw - 2, 1)] + "…"))
        cell.append(" " * max(cw - cell.cell_len, 0))
        cell.stylize("dim" if i >= step else "bold")
        words.append_text(cell)
    lines.append(words)
    flip = reading.flip
    if flip is not None and flip < step:
        from tui.widgets.context.why import direction

        turn = direction(float(reading.p_positive[flip]))
        lines.append(Text(" " * (AXIS + flip * cw + 1) + "▲ " + t("context.flip_word", direction=turn), style="bold"))
    return lines
