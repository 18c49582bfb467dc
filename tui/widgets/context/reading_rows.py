"""One sentence as the trained (or random) RNN reads it: a row per word.

     t  word    hidden state s_t                 P(positive) after the word
     1  我      ▴▽▵·▲▵▴▿·△▴▵·▲▵▴                 0.62 ████████▌  ┊
     2  不      ▽△▵·▴▵▲··▾▵▵△▴▴                 0.04 ▍          ┊   ◀ turns negative
     3  喜欢    ...

Rows after the current step show the word only (not read yet). Shared by the
single view and the side-by-side comparison (tui/widgets/context/).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.i18n import t
from tui.widgets.context.p_bar import p_bar, p_style
from tui.widgets.heat_strip import heat_text
from tui.widgets.notation import fit

UNKNOWN = "?"  # after a word the model never saw in training


def flip_steps(reading) -> set[int]:
    """0-based indices of the words where the RNN's answer flips (core's ``Reading.flip``)."""
    flip = reading.flip
    if flip is None:
        return set()
    if isinstance(flip, int):
        return {flip}
    return {int(i) for i in flip}


def flip_mark(p: float) -> str:
    """"◀ turns negative" / "◀ turns positive": a turn is named by where it goes."""
    from tui.widgets.context.why import direction

    return t("context.flip_mark", direction=direction(p))


def unknown_flags(reading) -> list[bool]:
    """One flag per token: the model never saw this word (core's ``Reading.unknown``)."""
    return [bool(u) for u in reading.unknown]


@dataclass(frozen=True)
class Columns:
    """Cell widths of one reading's table."""

    t: int
    word: int
    strip: int  # 0: no strip (too narrow)
    cell: int  # columns per hidden unit
    bar: int
    flip: int

    @property
    def width(self) -> int:
        strip = self.strip + 1 if self.strip else 0
        return self.t + 1 + self.word + 2 + strip + 5 + self.bar + self.flip


def columns(reading, width: int, flip_width: int | None = None, strip: bool = True) -> Columns:
    """Fit the table into ``width`` cells: the bar and the flip mark first, then the strip."""
    n = len(reading.tokens)
    tw = len(str(max(n, 1)))
    word = min(max([4, *(cell_len(w) for w in reading.tokens)]), 10)
    flip = max(cell_len(flip_mark(q)) for q in (0.0, 1.0)) + 1 if flip_width is None else flip_width
    fixed = tw + 1 + word + 2 + 5 + flip
    rest = max(width - fixed, 6)
    bar = max(6, min(20, rest // 3 if strip else rest))
    units = reading.s.shape[1] if strip and reading.s.ndim == 2 else 0
    room = rest - bar - 1
    cell = 2 if units and units * 2 <= room else 1
    strip_w = min(units * cell, room) if units and room >= 8 else 0
    return Columns(tw, word, strip_w, cell, bar, flip)


def header(reading, cols: Columns) -> Text:
    """The column titles."""
    out = Text("t".rjust(cols.t) + " ")
    out.append_text(_pad(t("context.col.word"), cols.word + 2))
    if cols.strip:
        out.append_text(_pad(t("context.col.s", h=reading.s.shape[1]), cols.strip).append(" "))
    out.append_text(_pad(t("context.col.p"), 5 + cols.bar + cols.flip))
    return out


def row(reading, i: int, step: int, cols: Columns, flips: set[int], unknown: list[bool]) -> Text:
    """Word ``i`` (0-based); filled in once ``step`` (1-based, words read) has reached it."""
    word = reading.tokens[i]
    out = Text(str(i + 1).rjust(cols.t) + " ")
    cell = fit(word, cols.word)
    if unknown[i]:
        cell.append(UNKNOWN, style="bold")
    out.append_text(_pad(cell, cols.word + 2))
    if i >= step:
        out.stylize("dim")
        return out
    if cols.strip:
        units = cols.strip // cols.cell
        s = reading.s[i]
        strip = heat_text(s[:units], cols.cell)
        if units < len(s):
            strip = heat_text(s[: max(units - 1, 1)], cols.cell).append("…", style="dim")
        out.append_text(_pad(strip, cols.strip + 1))
    p = float(reading.p_positive[i])
    out.append(f"{p:.2f} ", style=p_style(p) + Style(bold=i in flips))
    out.append_text(p_bar(p, cols.bar))
    if i in flips:
        out.append(" " + flip_mark(float(reading.p_positive[i])), style="bold reverse")
    return out


def answer(p: float) -> str:
    """'positive' or 'negative' for a probability."""
    return t("context.positive") if p >= 0.5 else t("context.negative")


def _pad(text: str | Text, width: int) -> Text:
    out = text.copy() if isinstance(text, Text) else Text(text)
    if out.cell_len > width:
        out.truncate(width, overflow="ellipsis")
    out.append(" " * (width - out.cell_len))
    return out
