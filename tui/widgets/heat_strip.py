"""A row of coloured cells, one per unit of a vector in [-1, 1] (e.g. a hidden state).

Each cell has a colour (blue below 0, red above 0, stronger the larger |v|) AND a
glyph that carries the sign and the size on its own, in a single column: up
triangles above 0, down triangles below ('▼▽▾▿·▵▴△▲' from -1 to +1), so the strip
reads the same on a monochrome projector (NO_COLOR). A legend line maps both to -1..1.

    strip = HeatStrip()
    strip.values = np.tanh(np.linspace(-2, 2, 32))   # or strip.update(values)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

POSITIVE = "·▵▴△▲"  # v in [0, .1), [.1, .3), [.3, .55), [.55, .8), [.8, 1]: up, growing
NEGATIVE = "·▿▾▽▼"  # the same sizes below 0: down
_EDGES = (0.1, 0.3, 0.55, 0.8)
_NEUTRAL = (110, 110, 110)
_POS = (235, 87, 87)  # red for +1
_NEG = (70, 140, 250)  # blue for -1


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], k: float) -> Color:
    return Color.from_rgb(*(round(x + (y - x) * k) for x, y in zip(a, b)))


def _clip(values) -> list[float]:
    """Values as plain floats in [-1, 1] (NaN -> 0), converted once with NumPy."""
    import numpy as np  # here, not at the top: the app's first frame does not wait for NumPy

    arr = np.asarray(values, dtype=np.float64).ravel()
    return np.clip(np.nan_to_num(arr), -1.0, 1.0).tolist()


@lru_cache(maxsize=None)
def _level(q: int) -> tuple[str, Style]:
    """Glyph and style of a value quantized to q/40 (81 levels from -1 to 1)."""
    v = q / 40
    glyph = (POSITIVE if v >= 0 else NEGATIVE)[sum(abs(v) >= e for e in _EDGES)]
    return glyph, Style(color=_mix(_NEUTRAL, _POS if v >= 0 else _NEG, abs(v)), bold=abs(v) >= 0.8)


def glyph(value: float) -> str:
    """The glyph of one cell: its sign (up or down) and size (by |value|)."""
    return _level(round(_clip([value])[0] * 40))[0]


def heat_text(values: Sequence[float], cell_width: int = 2, mark: int | None = None) -> Text:
    """The strip as rich Text: ``cell_width`` cells per value.

    Args:
        values: numbers, clipped to [-1, 1].
        cell_width: columns per value (1 for a mini strip inside a table).
        mark: the index of a value to single out (drawn reversed), e.g. a selected unit.

    Returns:
        Text of len(values) * cell_width cells.
    """
    out = Text()
    for i, v in enumerate(_clip(values)):
        g, style = _level(round(v * 40))
        out.append(g * cell_width, style + Style(reverse=True, underline=True) if i == mark else style)
    return out


def legend_text(compact: bool = False) -> Text:
    """The glyph and colour of each level from -1 to +1.

    Args:
        compact: one column per level (15 cells) instead of the full legend (27).
    """
    width = 1 if compact else 2
    out = Text("-1 ")
    for v in (-0.9, -0.65, -0.4, -0.2):
        out.append_text(heat_text([v], width))
    out.append_text(heat_text([0.0], 1))
    if not compact:
        out.append(" 0 ")
        out.append_text(heat_text([0.0], 1))
    for v in (0.2, 0.4, 0.65, 0.9):
        out.append_text(heat_text([v], width))
    out.append(" +1")
    return out


class HeatStrip(Widget):
    """A vector in [-1, 1] as one row of cells, with an optional legend line below.

    Set ``values`` (any 1-D array-like) or call ``update(values)``. Cells widen to
    fill the widget (1 to 4 columns each); more values than columns are cut with '…'.
    """

    DEFAULT_CSS = """
    HeatStrip { height: auto; width: 1fr; }
    """

    values: reactive[tuple[float, ...]] = reactive(tuple, layout=True)
    show_legend: reactive[bool] = reactive(True, layout=True)

    def __init__(self, values=(), *, show_legend: bool = True, name=None, id=None, classes=None):
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(HeatStrip.values, self.validate_values(values))
        self.show_legend = show_legend

    def validate_values(self, values) -> tuple[float, ...]:
        import numpy as np

        return tuple(float(v) for v in np.asarray(values, dtype=np.float64).ravel())

    def update(self, values) -> None:
        """Show ``values`` (1-D, in [-1, 1])."""
        self.values = values

    def get_content_height(self, container, viewport, width: int) -> int:
        return 2 if self.show_legend else 1

    def render(self) -> Text:
        values = self.values
        width = max(self.content_size.width, 1)
        if not values:
            strip = Text("·", style="dim")
        else:
            cell = max(1, min(4, width // len(values)))
            shown = values if cell * len(values) <= width else values[: max(width - 1, 0)]
            strip = heat_text(shown, cell)
            if len(shown) < len(values):
                strip.append("…", style="dim")
        if self.show_legend:
            legend = legend_text()
            strip.append("\n")
            strip.append_text(legend if legend.cell_len <= width else legend_text(compact=True))
        return strip
