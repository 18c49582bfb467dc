"""Small text helpers for the math on screen: subscripts and compact numbers."""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text

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
