"""Show the app as a terminal with fewer colours would: 16 colours or none.

Textual draws in truecolor and lets the terminal's driver downgrade; these line
filters do the downgrade inside the app, so a screenshot (or a snapshot test)
shows what a Linux console (16 colours) or NO_COLOR=1 (monochrome) shows,
whatever the terminal running it.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.filter import LineFilter, Monochrome

MODES = ("truecolor", "16", "none")


@lru_cache(4096)
def _to_16(color: RichColor | None) -> RichColor | None:
    if color is None or color.is_default:
        return color
    standard = color.downgrade(ColorSystem.STANDARD)
    return RichColor.from_triplet(standard.get_truecolor(DEFAULT_TERMINAL_THEME))


@lru_cache(4096)
def _style_16(style: Style) -> Style:
    return style + Style.from_color(_to_16(style.color), _to_16(style.bgcolor))


class SixteenColors(LineFilter):
    """Map every colour to the nearest of the 16 standard terminal colours."""

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        return [Segment(text, None if style is None else _style_16(style), control)
                for text, style, control in segments]


def is_monochrome(app) -> bool:
    """True when the app draws without colour (NO_COLOR, or forced to 'none')."""
    return bool(getattr(app, "no_color", False)) or any(isinstance(f, Monochrome) for f in app._filters)


def force_colors(app, mode: str) -> None:
    """Make ``app`` draw as a terminal with ``mode`` colours ('truecolor', '16' or 'none')."""
    if mode not in MODES:
        raise ValueError(f"unknown colour mode {mode!r}: use {', '.join(MODES)}")
    app._filters[:] = [f for f in app._filters if not isinstance(f, (SixteenColors, Monochrome))]
    if mode == "16":
        app._filters.append(SixteenColors())
    elif mode == "none":
        app._filters.append(Monochrome())
