"""Small text helpers for the math on screen: subscripts and compact numbers."""

from __future__ import annotations

import math
import re

from rich.cells import cell_len
from rich.text import Text

# The tutorial's names: lower case for the scalar walk-through's numbers, capitals for the
# vector RNN's matrices. (input→hidden, hidden→hidden = the memory, hidden→output)
WEIGHTS = {"scalar": ("u", "w", "v"), "vector": ("U", "W", "V")}

_SUB = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")


def sub(n: int | str) -> str:
    """``12`` -> ``₁₂`` (for s₁₂, x₁₂ ...)."""
    return str(n).translate(_SUB)


def num(value: float) -> str:
    """A number as short as it can honestly be: 4, -2.5, 0.1235, 1.23e+07, inf."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.4g}"


def signed(value: float) -> str:
    """A value of a vector: always 2 decimals with its sign, e.g. +0.12, -0.40."""
    return f"{float(value):+.2f}"


_MODIFIERS = {**{c: None for c in range(0x1F3FB, 0x1F400)}, 0xFE0E: None, 0xFE0F: None}  # skin tones, VS15/VS16
ZWJ = "\u200d"  # joins the next emoji onto the one before


def drawable(token: str) -> str:
    """``token`` as every terminal draws it the same width: 👍🏽 -> 👍, 👨‍👩‍👧 -> 👨, ❤️ -> ❤.

    Terminals disagree on emoji sequences (tmux, xterm and Alacritty draw 👍🏽 in
    4 cells, kitty and WezTerm in 2), so a table measured with one width has its
    borders pushed out on the others. Skin-tone modifiers and variation
    selectors are dropped and a zero-width-joiner sequence keeps its first
    emoji; what is left has one width everywhere. For labels only: the model
    still reads the token as typed.
    """
    if token.isascii():
        return token
    out = token.translate(_MODIFIERS)
    return re.sub(ZWJ + ".", "", out) or "?"


def fit(text: str | Text, width: int) -> Text:
    """``text`` cut to at most ``width`` cells (CJK and emoji count 2), with … when cut."""
    out = text.copy() if isinstance(text, Text) else Text(text)
    if cell_len(out.plain) > width:
        out.truncate(max(width, 1), overflow="ellipsis")
    return out


def center(text: Text, width: int) -> Text:
    """``text`` padded with spaces on both sides to exactly ``width`` cells."""
    out = fit(text, width)
    gap = width - cell_len(out.plain)
    left = gap // 2
    return Text(" " * left) + out + Text(" " * (gap - left))


def grid(rows: list[tuple], right: set[int], width: int, styles: list | None = None, gap: int = 1,
         shrink: int = 1) -> Text:
    """A plain table as Text: columns as wide as their widest cell (in cells).

    Much cheaper than a rich Table for a redraw on every step.

    Args:
        rows: tuples of str or Text (the first row is usually the header).
        right: indexes of right-aligned columns.
        width: the room; column ``shrink`` is cut (with …) when the rows are wider.
        styles: one rich style (or None) per row.
        gap: spaces between columns.
    """
    ncols = max((len(r) for r in rows), default=0)
    widths = [max((_len(r[i]) for r in rows if i < len(r)), default=0) for i in range(ncols)]
    over = sum(widths) + gap * (ncols - 1) - width
    if over > 0 and ncols > shrink:
        widths[shrink] = max(widths[shrink] - over, 1)
    spacer = " " * gap
    lines = []
    for r, row in enumerate(rows):
        parts: list = []
        for i, cell in enumerate(row):
            if _len(cell) > widths[i]:
                cell = fit(cell, widths[i])
            pad = " " * (widths[i] - _len(cell))
            parts += [pad, cell] if i in right else [cell, pad]
            if i < ncols - 1:
                parts.append(spacer)
        style = styles[r] if styles else None
        if all(isinstance(p, str) for p in parts):
            lines.append(Text("".join(parts), style=style or ""))
        else:
            lines.append(Text.assemble(*parts, style=style or ""))
    return Text("\n").join(lines)


def _len(cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


def radio(first: str, second: str, first_on: bool) -> str:
    """'◉ words ○ chars' as Button markup: the active choice marked like a radio button (the
    marks, not only the style, must change: a Button only repaints when the text differs)."""
    from rich.markup import escape

    first, second = escape(first), escape(second)
    if first_on:
        return f"[b]◉ {first}[/] [dim]○ {second}[/]"
    return f"[dim]○ {first}[/] [b]◉ {second}[/]"
