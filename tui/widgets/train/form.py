"""The Train tab's settings form, derived from TrainConfig's declared settings, and the speed control.

Every setting declared with a ``label`` (core.checks.setting) gets a row: a number field, a select
or a check box by its kind; settings of one ``group`` share a row (clip: off, by value or by norm,
and one number). The form parses nothing itself beyond turning text into numbers where it can;
``core.sincos.config.validate`` decides (one place for the rules). The first bad field is marked
and its message shown; ``TrainForm.Edited`` tells the tab after every change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from core.checks import Setting, SettingError, parsed, settings
from core.sincos.config import TrainConfig, validate
from tui.i18n import setting_error, t
from tui.widgets.check import Check
from tui.widgets.field import Field
from tui.widgets.select import SafeSelect

SPEEDS = (0, 1, 2, 5, 10, 20, 50, 100, 200)  # steps per second; 0 = flat out
DEFAULT_SPEED = 20  # 100 steps in about 5 s, like the tutorial's animation
OFF = "off"  # a group's choice when none of its settings is set


def form_settings(config_cls=TrainConfig) -> dict[str, Setting]:
    """The settings the form shows (those with a label), in field order."""
    return {name: s for name, s in settings(config_cls).items() if s.label}


def widget_id(name: str, s: Setting) -> str:
    """The id of the widget that shows setting ``name``."""
    return s.widget or name


def option(name: str, s: Setting) -> str:
    """A group member's choice in its group's select: clip_value -> value."""
    return name.removeprefix(f"{s.group}_")


def error_text(exc: SettingError, config_cls=TrainConfig) -> str:
    """``exc`` in the form's words: the setting's label, the rule's template in the app's language."""
    s = settings(config_cls).get(exc.field)
    name = t(s.label) if s and s.label else (exc.field or "config")
    return setting_error(exc, name, "train")


def _text_of(value) -> str:
    return "" if value is None else str(value)


class TrainForm(Vertical):
    """The training settings, with the tutorial's defaults."""

    DEFAULT_CSS = """
    TrainForm { height: auto; }
    TrainForm .row { height: 1; margin-bottom: 0; }
    TrainForm .row Label { width: 10; color: $text-muted; }
    TrainForm .row Input, TrainForm .row Select { width: 1fr; }
    TrainForm .row .-group { width: 1fr; }
    TrainForm .row .-group-value { width: 5; margin-left: 1; }
    TrainForm .row Label.-bad { color: $error; text-style: bold; }
    TrainForm Input.-bad { background-tint: $error 30%; }
    TrainForm Select.-bad SelectCurrent { background-tint: $error 30%; }
    TrainForm Checkbox { width: 1fr; }
    TrainForm #form-error { color: $error; height: auto; display: none; }
    TrainForm #form-error.-shown { display: block; }
    """

    class Edited(Message):
        """A field changed. ``config`` is None when a value is invalid; ``error`` says why."""

        def __init__(self, config: TrainConfig | None, error: str | None):
            super().__init__()
            self.config = config
            self.error = error

    class SpeedChanged(Message):
        """The speed changed: ``speed`` steps per second, 0 for flat out."""

        def __init__(self, speed: int):
            super().__init__()
            self.speed = speed

    def __init__(self, config=None, config_cls=TrainConfig, **kwargs):
        super().__init__(**kwargs)
        self.config_cls = config_cls
        self.fields = form_settings(config_cls)
        self._initial = config or config_cls()

    # -- rows --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        done: set[str] = set()
        for name, s in self.fields.items():
            if s.group in done:
                continue
            if s.group:
                done.add(s.group)
                yield self._group_row(s.group)
            else:
                yield self._row(name, s)
        yield self._labelled("speed", SafeSelect([(self._speed_label(x), x) for x in SPEEDS], value=DEFAULT_SPEED,
                                                 allow_blank=False, id="speed", compact=True))
        yield Static("", id="form-error")

    def _row(self, name: str, s: Setting) -> Horizontal:
        value, wid = getattr(self._initial, name), widget_id(name, s)
        if s.kind == "bool":
            return Horizontal(Check(t(s.label), value, id=wid, compact=True), classes="row")
        if s.kind == "choice":
            labels = [(t(f"{s.options}.{x}") if s.options else x, x) for x in s.choices]
            return self._labelled(wid, SafeSelect(labels, value=value, allow_blank=False, id=wid, compact=True), s.label)
        placeholder = t(f"{s.label}.none") if s.none_word else ""
        return self._labelled(wid, Field(_text_of(value), id=wid, compact=True, placeholder=placeholder), s.label)

    def _group_row(self, group: str) -> Horizontal:
        members = {n: s for n, s in self.fields.items() if s.group == group}
        chosen, value = self._group_of(self._initial, group)
        choices = [(t(f"train.{group}.{x}"), x) for x in (OFF, *(option(n, s) for n, s in members.items()))]
        wid = self._group_value(group)
        return Horizontal(Label(t(f"train.f.{group}"), id=f"label-{group}"),
                          SafeSelect(choices, value=chosen, allow_blank=False, id=group, compact=True, classes="-group"),
                          Field(value, id=wid, compact=True, disabled=chosen == OFF, classes="-group-value"),
                          classes="row")

    @staticmethod
    def _labelled(wid: str, field, label: str | None = None) -> Horizontal:
        return Horizontal(Label(t(label or f"train.f.{wid}"), id=f"label-{wid}"), field, classes="row")

    @staticmethod
    def _speed_label(speed: int) -> str:
        return t("train.speed_flat") if speed == 0 else t("train.speed_n", n=speed)

    def _group_value(self, group: str) -> str:
        """The id of the number field of ``group``."""
        return next(widget_id(n, s) for n, s in self.fields.items() if s.group == group)

    def _group_of(self, config, group: str) -> tuple[str, str]:
        """The group's choice and number in ``config`` (the first member set; OFF and 1.0 if none)."""
        for name, s in self.fields.items():
            if s.group == group and getattr(config, name) is not None:
                return option(name, s), str(getattr(config, name))
        return OFF, "1.0"

    # -- reading -----------------------------------------------------------------

    def _value(self, name: str, s: Setting):
        """The value the widget of setting ``name`` holds (text that is no number stays text)."""
        wid = widget_id(name, s)
        if s.group:
            chosen = self.query_one(f"#{s.group}", Select).value
            return parsed(self.query_one(f"#{wid}", Input).value, float) if chosen == option(name, s) else None
        if s.kind == "bool":
            return self.query_one(f"#{wid}", Checkbox).value
        if s.kind == "choice":
            return self.query_one(f"#{wid}", Select).value
        text = self.query_one(f"#{wid}", Input).value.strip()
        if not text and s.optional:
            return None
        return parsed(text, int if s.kind == "whole" else float)

    def build(self):
        """The config the fields describe; raises the config's SettingError for the first bad value."""
        values = {name: self._value(name, s) for name, s in self.fields.items()}
        return validate(self.config_cls(**values))

    def check(self):
        """(config, None) if valid, else (None, message); marks the bad field."""
        for widget in self.query(".-bad"):
            widget.remove_class("-bad")
        error = self.query_one("#form-error", Static)
        try:
            config = self.build()
        except SettingError as exc:
            self._mark(exc.field)
            message = error_text(exc, self.config_cls)
            error.update(t("train.invalid", error=message))
            error.add_class("-shown")
            return None, message
        error.update("")
        error.remove_class("-shown")
        return config, None

    def _mark(self, field: str | None) -> None:
        """Mark the widget of ``field`` and its row's label (a setting not in the form: the first row)."""
        name, s = (field, self.fields[field]) if field in self.fields else next(iter(self.fields.items()))
        wid = widget_id(name, s)
        self.query_one(f"#{wid}").add_class("-bad")
        for label in self.query(f"#label-{s.group or wid}"):
            label.add_class("-bad")

    @property
    def speed(self) -> int:
        """Steps per second (0: flat out)."""
        return int(self.query_one("#speed", Select).value)

    # -- writing -----------------------------------------------------------------

    def fill(self, config) -> None:
        """Show ``config`` in the fields (e.g. after loading a model)."""
        for name, s in self.fields.items():
            widget = self.query_one(f"#{widget_id(name, s)}")
            if s.group:
                chosen, value = self._group_of(config, s.group)
                self.query_one(f"#{s.group}", Select).value = chosen
                widget.value = value
            else:
                widget.value = getattr(config, name) if s.kind in ("bool", "choice") else _text_of(getattr(config, name))

    def set_engine(self, engine: str) -> None:
        self.query_one("#engine", Select).value = engine

    def lock_fields(self, locked: bool) -> None:
        """Disable the config fields while a run is under way (speed stays editable)."""
        for name, s in self.fields.items():
            self.query_one(f"#{widget_id(name, s)}").disabled = locked or (
                s.group is not None and self.query_one(f"#{s.group}", Select).value == OFF)
            if s.group:
                self.query_one(f"#{s.group}").disabled = locked

    # -- events ------------------------------------------------------------------

    def _edited(self) -> None:
        config, error = self.check()
        self.post_message(self.Edited(config, error))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._edited()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.has_class("-group"):
            self.query_one(f"#{self._group_value(event.select.id)}", Input).disabled = event.value == OFF
        if event.select.id == "speed":
            self.post_message(self.SpeedChanged(int(event.value)))
        else:
            self._edited()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited()
