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
from textual.filter import LineFilter, Monochrome, NoColor

from core.io.visible import UNSAFE, pictured

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


class VisibleControls(LineFilter):
    """The screen's last line of defence: a control character that reached a widget's text (a pasted
    sentence, a file's contents) is drawn as a visible picture (␛) instead of being sent to the terminal,
    which would obey it (Textual's Input, for one, draws its value as it is)."""

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        if not any(UNSAFE.search(text) for text, _, control in segments if not control):
            return segments
        return [seg if seg.control or not UNSAFE.search(seg.text) else Segment(pictured(seg.text), seg.style)
                for seg in segments]


SAFE = VisibleControls()


class ColorModes:
    """App mixin: draw as a terminal with ``color_mode`` colours, through Textual's public
    ``App.get_line_filters`` hook (None: as the terminal and NO_COLOR say)."""

    color_mode: str | None = None
    _MODE_FILTERS = {"truecolor": (), "16": (SixteenColors(),), "none": (Monochrome(),)}

    def get_line_filters(self):
        filters = [*super().get_line_filters(), SAFE]
        if self.color_mode is None:
            return filters
        kept = [f for f in filters if not isinstance(f, (SixteenColors, Monochrome, NoColor))]
        return [*kept, *self._MODE_FILTERS[self.color_mode]]


def is_monochrome(app) -> bool:
    """True when the app draws without colour (NO_COLOR, or forced to 'none')."""
    return any(isinstance(f, (Monochrome, NoColor)) for f in app.get_line_filters())


def force_colors(app: ColorModes, mode: str) -> None:
    """Make ``app`` (a ColorModes app) draw as a terminal with ``mode`` colours ('truecolor', '16' or 'none')."""
    if mode not in MODES:
        raise ValueError(f"unknown colour mode {mode!r}: use {', '.join(MODES)}")
    if not isinstance(app, ColorModes):
        raise TypeError(f"{type(app).__name__} does not mix in ColorModes")
    app.color_mode = mode
