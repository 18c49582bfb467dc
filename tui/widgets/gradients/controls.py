"""The Gradients tab's form: cell, length, scale or w, hidden size, seed, gate bias, clip c.

Every edit is checked at once. A good form posts ``GradControls.Changed``
with a GradientSpec and the clipping threshold; a bad field is marked and
``GradControls.Invalid`` carries a one-line message.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from core.gradients import (
    CELLS,
    CLIP_DEFAULT,
    MAX_CLIP,
    MAX_GATE_BIAS,
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SCALE,
    MAX_SEED,
    MAX_WEIGHT,
    GradientSpec,
)
from tui.i18n import t
from tui.widgets.select import SafeSelect


@dataclass(frozen=True)
class Field:
    """One text field: its id, label key, default text and parser."""

    id: str
    label: str  # i18n key
    default: str
    parse: Callable[[str, str], float | int | None]  # (text, label) -> value, or raises ValueError(message)


def _int(low: int, high: int):
    def parse(text: str, name: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise ValueError(t("gradients.bad.int", name=name, low=low, high=high))
        return value

    return parse


def _float(low: float, high: float):
    def parse(text: str, name: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(t("gradients.bad.range", name=name, low=f"{low:g}", high=f"{high:g}"))
        return value

    return parse


def _positive(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_CLIP):
        raise ValueError(t("gradients.bad.positive", name=name))
    return value


def _gate(text: str, name: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and abs(value) <= MAX_GATE_BIAS):
        raise ValueError(t("gradients.bad.gate", name=name, high=f"{MAX_GATE_BIAS:g}"))
    return value


DEFAULT = GradientSpec()
FIELDS = (
    Field("length", "gradients.length", f"{DEFAULT.length}", _int(1, MAX_LENGTH)),
    Field("scale", "gradients.scale", f"{DEFAULT.scale:g}", _float(0, MAX_SCALE)),
    Field("w", "gradients.w", f"{DEFAULT.w:g}", _float(-MAX_WEIGHT, MAX_WEIGHT)),
    Field("hidden", "gradients.hidden", f"{DEFAULT.hidden}", _int(1, MAX_HIDDEN)),
    Field("seed", "gradients.seed", f"{DEFAULT.seed}", _int(0, MAX_SEED)),
    Field("gate", "gradients.gate", f"{DEFAULT.gate_bias:g}", _gate),
    Field("clip", "gradients.clip", f"{CLIP_DEFAULT:g}", _positive),
)
UNUSED = {  # fields a cell ignores (dimmed)
    "scalar": {"hidden", "seed", "gate"},
    "rnn": {"gate"},
    "lstm": set(),
    "gru": set(),
}


class GradControls(Vertical):
    """Labelled compact fields, one per row."""

    DEFAULT_CSS = """
    GradControls { width: 22; height: auto; padding: 0 1 0 0; }
    GradControls > Horizontal { height: 1; margin-bottom: 1; }
    GradControls Label { width: 9; color: $text-muted; }
    GradControls Input { width: 1fr; }
    GradControls Select { width: 1fr; }
    GradControls .-unused Label { color: $text-disabled; }
    GradControls Input.-invalid { color: $error; text-style: bold; }
    """

    class Changed(Message):
        """The form is valid: compute this."""

        def __init__(self, spec: GradientSpec, clip: float):
            super().__init__()
            self.spec = spec
            self.clip = clip

    class Invalid(Message):
        """A field is wrong; ``error`` says how, in one line."""

        def __init__(self, error: str):
            super().__init__()
            self.error = error

    def compose(self) -> ComposeResult:
        with Horizontal(id="grad-row-cell"):
            yield Label(t("gradients.cell"))
            options = [(t(f"gradients.cell.{c}"), c) for c in CELLS]
            yield SafeSelect(options, value="rnn", allow_blank=False, compact=True, id="grad-cell")
        for f in FIELDS:
            with Horizontal(id=f"grad-row-{f.id}"):
                yield Label(t(f.label))
                placeholder = t("gradients.gate_default") if f.id == "gate" else ""
                yield Input(f.default, placeholder=placeholder, compact=True, id=f"grad-{f.id}", select_on_focus=False)

    def on_mount(self) -> None:
        self._show_cell_fields("rnn")

    @property
    def cell(self) -> str:
        return str(self.query_one("#grad-cell", Select).value)

    def _show_cell_fields(self, cell: str) -> None:
        self.query_one("#grad-row-scale").display = cell != "scalar"
        self.query_one("#grad-row-w").display = cell == "scalar"
        for f in FIELDS:
            row = self.query_one(f"#grad-row-{f.id}")
            row.set_class(f.id in UNUSED[cell], "-unused")

    def read(self) -> tuple[GradientSpec, float]:
        """The form's spec and clip threshold. Raises ValueError(one-line message), marking bad fields."""
        values, errors = {}, []
        for f in FIELDS:
            field = self.query_one(f"#grad-{f.id}", Input)
            try:
                values[f.id] = f.parse(field.value, t(f.label))
                field.remove_class("-invalid")
            except ValueError as exc:
                field.add_class("-invalid")
                errors.append(str(exc))
        if errors:
            raise ValueError(errors[0])
        spec = GradientSpec(cell=self.cell, length=values["length"], scale=values["scale"], w=values["w"],
                            hidden=values["hidden"], seed=values["seed"], gate_bias=values["gate"])
        return spec, values["clip"]

    def submit(self) -> None:
        """Post Changed or Invalid for the form as it is now."""
        try:
            spec, clip = self.read()
        except ValueError as exc:
            self.post_message(self.Invalid(str(exc)))
        else:
            self.post_message(self.Changed(spec, clip))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_cell_fields(self.cell)
        self.submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.submit()
