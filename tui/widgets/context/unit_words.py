"""Words coloured by one hidden unit's value after each word (Karpathy's view), readable without colour.

Each word gets the unit's colour as its background (red above 0, blue below, as
the heat strip) and the heat strip's glyph after it: '▲' strongly positive, '▿' weakly
negative, '·' near 0. So 不 lighting up reads in 16 colours and in NO_COLOR too.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.widgets.heat_strip import glyph, heat_text


def colour(value: float):
    """The heat strip's colour for a value (grey at 0, red towards +1, blue towards -1)."""
    style = heat_text([value], 1).spans[0].style
    return style.color if isinstance(style, Style) else Style.parse(style).color


def unit_words(tokens, values, step: int | None = None, on=None) -> Text:
    """``tokens`` with the unit's ``values`` (one per word) as colour and glyph.

    Args:
        tokens: the words.
        values: the unit's value after each word, in [-1, 1].
        step: words after it (1-based count) are drawn dim, without a value (None: all).
        on: optional flags; a flagged word is also underlined (the words where a match is "on").
    """
    out = Text()
    for i, (word, v) in enumerate(zip(tokens, values)):
        if i:
            out.append(" ")
        if step is not None and i >= step:
            out.append(word, style="dim")
            continue
        hue = colour(float(v))
        out.append(word, style=Style(bgcolor=hue, color="black" if abs(float(v)) > 0.55 else None,
                                     underline=bool(on and on[i])))
        out.append(glyph(float(v)), style=Style(color=hue, bold=True))
    return out
