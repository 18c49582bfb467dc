"""The hidden state after the window, the tensor shapes, and whether h was carried."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Label

from core.sincos.config import TrainConfig
from tui.i18n import t
from tui.widgets.heat_strip import HeatStrip, heat_text
from tui.widgets.text_line import TextLine


class HiddenStrip(HeatStrip):
    """The shared HeatStrip, one row, repainted without a layout pass (it changes every step)."""

    DEFAULT_CSS = """
    HiddenStrip { height: 1; }
    """

    values: reactive[tuple[float, ...]] = reactive(tuple)

    def render(self) -> Text:
        """HeatStrip's cells, built from a cache of quantised cells (it redraws every step)."""
        values = self.values
        if not values:
            return Text("·", style="dim")
        width = max(self.content_size.width, 1)
        cell = max(1, min(4, width // len(values)))
        shown = values if cell * len(values) <= width else values[: max(width - 1, 0)]
        out = Text()
        for v in shown:
            out.append_text(_cell(round(float(np.nan_to_num(v)) * 100), cell))
        if len(shown) < len(values):
            out.append("…", style="dim")
        return out


@lru_cache(maxsize=2048)
def _cell(level: int, width: int) -> Text:
    """One cell of the strip for the value level/100 (HeatStrip's look)."""
    return heat_text([max(-100, min(100, level)) / 100], width)


def shapes_text(config: TrainConfig) -> str:
    """x (1, T, 1)  h (1, 1, H)  output (1, T, 1), from the config (LSTM: h and c)."""
    T, H = config.time_step, config.hidden_size
    h = f"h (1, 1, {H})" + (f"  c (1, 1, {H})" if config.cell == "lstm" else "")
    return f"x (1, {T}, 1)  {h}  output (1, {T}, 1)"


def carry_text(step: int, carried: bool, carry_on: bool) -> str:
    """What the window started from: the last window's h (detached), or zeros."""
    if carried:
        return t("train.carried", prev=step - 1)
    if carry_on:
        return t("train.first_zeros")
    return t("train.reset_zeros")


class HiddenPanel(Vertical):
    """h as a heat strip (one cell per unit), the shapes, and the carry status."""

    DEFAULT_CSS = """
    HiddenPanel { height: auto; }
    HiddenPanel > Horizontal { height: 1; }
    HiddenPanel Label { width: 12; color: $text-muted; }
    HiddenPanel #hidden-shapes { color: $text-muted; height: 1; }
    HiddenPanel #hidden-carry { height: 1; }
    HiddenPanel #hidden-carry.-carried { color: $success; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(t("train.hidden_label"))
            yield HiddenStrip(show_legend=False, id="hidden-strip")
        yield TextLine("", id="hidden-shapes")
        yield TextLine(t("train.carry_none"), id="hidden-carry")

    def show_config(self, config: TrainConfig) -> None:
        self.query_one("#hidden-shapes", TextLine).update(shapes_text(config))

    def show(self, step: int, hidden: np.ndarray, carried: bool, carry_on: bool) -> None:
        self.query_one(HiddenStrip).update(hidden)
        carry = self.query_one("#hidden-carry", TextLine)
        carry.update(carry_text(step, carried, carry_on))
        carry.set_class(carried, "-carried")

    def loaded(self, prev: int | None) -> None:
        """A loaded run goes on with the h it saved after window ``prev`` (None: it saved none, zeros)."""
        text = t("train.carry_loaded", prev=prev) if prev is not None else t("train.carry_none")
        self.query_one("#hidden-carry", TextLine).update(text)

    def clear(self) -> None:
        self.query_one(HiddenStrip).update(())
        carry = self.query_one("#hidden-carry", TextLine)
        carry.update(t("train.carry_none"))
        carry.remove_class("-carried")
