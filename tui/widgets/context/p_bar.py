"""P(positive) as a horizontal bar with the 0.5 line marked, readable without colour.

    0.82 ██████████████▊   ┊        (┊ is 0.5: a bar past it says positive)
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

EIGHTHS = " ▏▎▍▌▋▊▉"
POSITIVE = Style(color="rgb(80,190,110)")  # green: the answer is positive (p >= 0.5)
NEGATIVE = Style(color="rgb(235,130,60)")  # orange: negative (not the heat strip's red/blue)
MIDLINE = "┊"


def p_style(p: float) -> Style:
    """Green at or above 0.5, orange below."""
    return POSITIVE if p >= 0.5 else NEGATIVE


def p_bar(p: float, width: int) -> Text:
    """``p`` in [0, 1] as a bar of ``width`` cells; the 0.5 column shows ┊ where the bar stops short.

    Returns:
        Text of exactly ``width`` cells.
    """
    p = 0.0 if p != p else min(1.0, max(0.0, float(p)))  # NaN -> 0
    eighths = round(p * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[part] if part else "")
    out = Text(bar, style=p_style(p))
    mid = width // 2
    if len(bar) <= mid:
        out.append(" " * (mid - len(bar)))
        out.append(MIDLINE, style="dim")
    rest = width - out.cell_len
    if rest > 0:
        out.append(" " * rest)
    return out
