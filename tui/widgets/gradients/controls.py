"""The Gradients tab's form: cell, length, scale or w, hidden size, seed, gate bias, clip c.

Its rows come from GradientSpec's declared settings (core.checks.setting: those with a label) and
the clip threshold c; the form only turns text into numbers where it can, and core decides
(``core.gradients.validate`` and ``validate_clip``: the ranges live there alone). A good form posts
``GradControls.Changed`` with a GradientSpec and the threshold; a bad field is marked and
``GradControls.Invalid`` carries a one-line message in the app's language.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from core.checks import Setting, parsed, settings
from core.gradients import CLIP_DEFAULT, GradientError, GradientSpec, validate, validate_clip
from tui.i18n import setting_error, t
from tui.widgets.field import Field
from tui.widgets.select import SafeSelect

CLIP = "clip"  # the threshold c: not part of the spec, checked by core.gradients.validate_clip
FIELDS = {name: s for name, s in settings(GradientSpec).items() if s.label}  # the spec's settings the form shows
DEFAULT = GradientSpec()
UNUSED = {  # fields a cell ignores (dimmed), by the short id of their row
    "scalar": {"hidden", "seed", "gate"},
    "rnn": {"gate"},
    "lstm": set(),
    "gru": set(),
}


def short(s: Setting) -> str:
    """The id of a setting's row without the tab's prefix: grad-length -> length."""
    return s.widget.removeprefix("grad-")


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
        for name, s in FIELDS.items():
            with Horizontal(id=f"grad-row-{short(s)}"):
                yield Label(t(s.label))
                value = getattr(DEFAULT, name)
                if s.kind == "choice":
                    options = [(t(f"{s.options}.{c}"), c) for c in s.choices]
                    yield SafeSelect(options, value=value, allow_blank=False, compact=True, id=s.widget)
                else:
                    placeholder = t(f"{s.label}.none") if s.none_word else ""
                    yield Field(f"{value:g}" if isinstance(value, float) else str(value), placeholder=placeholder,
                                compact=True, id=s.widget, select_on_focus=False)
        with Horizontal(id=f"grad-row-{CLIP}"):
            yield Label(t("gradients.clip"))
            yield Field(f"{CLIP_DEFAULT:g}", compact=True, id=f"grad-{CLIP}", select_on_focus=False)

    def on_mount(self) -> None:
        self._show_cell_fields(self.cell)

    @property
    def cell(self) -> str:
        return str(self.query_one("#grad-cell", Select).value)

    def _show_cell_fields(self, cell: str) -> None:
        self.query_one("#grad-row-scale").display = cell != "scalar"
        self.query_one("#grad-row-w").display = cell == "scalar"
        for s in FIELDS.values():
            self.query_one(f"#grad-row-{short(s)}").set_class(short(s) in UNUSED[cell], "-unused")

    def _value(self, s: Setting):
        if s.kind == "choice":
            return self.query_one(f"#{s.widget}", Select).value
        text = self.query_one(f"#{s.widget}", Input).value
        if s.optional and not text.strip():
            return None
        return parsed(text, int if s.kind == "whole" else float)

    def read(self) -> tuple[GradientSpec, float]:
        """The form's spec and clip threshold. Raises ValueError(one-line message), marking the bad field."""
        for field in self.query(".-invalid"):
            field.remove_class("-invalid")
        spec = GradientSpec(**{name: self._value(s) for name, s in FIELDS.items()})
        clip = parsed(self.query_one(f"#grad-{CLIP}", Input).value, float)
        try:
            validate(spec)
            validate_clip(clip)
        except GradientError as exc:
            s = FIELDS.get(exc.field)
            self.query_one(f"#{s.widget if s else 'grad-' + CLIP}").add_class("-invalid")
            raise ValueError(setting_error(exc, t(s.label if s else "gradients.clip"), "gradients")) from None
        return spec, clip

    def submit(self) -> None:
        """Post Changed or Invalid for the form as it is now."""
        try:
            spec, clip = self.read()
        except ValueError as exc:
            self.post_message(self.Invalid(str(exc)))
        else:
            self.post_message(self.Changed(spec, clip))

    def put(self, values: dict) -> None:
        """Put ``values`` (GradientSpec field -> value) in the form, as if typed (a lesson sets them)."""
        for name, value in values.items():
            s = FIELDS[name]
            if s.kind == "choice":
                self.query_one(f"#{s.widget}", Select).value = value
            else:
                self.query_one(f"#{s.widget}", Input).value = f"{value:g}" if isinstance(value, float) else str(value)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_cell_fields(self.cell)
        self.submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.submit()
