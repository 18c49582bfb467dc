"""The Train tab's settings form: the TrainConfig fields and the speed control.

The form parses nothing itself beyond turning text into numbers where it can;
every value goes into a TrainConfig and ``core.sincos.config.validate`` decides
(one place for the rules). The first bad field is marked and its message
shown; ``TrainForm.Edited`` tells the tab after every change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from core.sincos.config import CELLS, ENGINES, OPTIMIZERS, ConfigError, TrainConfig, validate
from tui.i18n import t
from tui.widgets.check import Check
from tui.widgets.select import SafeSelect

SPEEDS = (0, 1, 2, 5, 10, 20, 50, 100, 200)  # steps per second; 0 = flat out
DEFAULT_SPEED = 20  # 100 steps in about 5 s, like the tutorial's animation
CLIPS = ("off", "value", "norm")

# The widget (and its label) that shows each TrainConfig field; ConfigError.field picks one.
WIDGET_OF_FIELD = {
    "time_step": "time_step", "hidden_size": "hidden", "lr": "lr", "epochs": "epochs", "cell": "cell",
    "engine": "engine", "seed": "seed", "clip_value": "clip-c", "clip_norm": "clip-c", "carry_hidden": "carry",
    "optimizer": "optimizer",
}
CONFIG_FIELDS = ("time_step", "hidden", "lr", "epochs", "cell", "engine", "optimizer", "seed", "clip", "clip-c",
                 "carry")


def error_text(exc: ConfigError) -> str:
    """``exc`` in the form's words: the field's label, the rule's template in the app's language."""
    name = t(f"train.name.{exc.field}") if exc.field in ("clip_value", "clip_norm") else t(
        f"train.f.{WIDGET_OF_FIELD.get(exc.field, 'time_step')}")
    return t(f"train.err.{exc.rule}", name=name, **exc.values)


def _number(text: str, kind):
    """``text`` as ``kind`` (int or float) if it parses, else the stripped text (validate names it)."""
    text = text.strip()
    try:
        return kind(text)
    except ValueError:
        return text


class TrainForm(Vertical):
    """The training settings, with the tutorial's defaults."""

    DEFAULT_CSS = """
    TrainForm { height: auto; }
    TrainForm .row { height: 1; margin-bottom: 0; }
    TrainForm .row Label { width: 10; color: $text-muted; }
    TrainForm .row Input, TrainForm .row Select { width: 1fr; }
    TrainForm #clip { width: 1fr; }
    TrainForm #clip-c { width: 5; margin-left: 1; }
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

    def __init__(self, config: TrainConfig | None = None, **kwargs):
        super().__init__(**kwargs)
        self._initial = config or TrainConfig()

    def compose(self) -> ComposeResult:
        c = self._initial
        yield from self._row("time_step", Input(str(c.time_step), id="time_step", compact=True))
        yield from self._row("hidden", Input(str(c.hidden_size), id="hidden", compact=True))
        yield from self._row("lr", Input(str(c.lr), id="lr", compact=True))
        yield from self._row("epochs", Input(str(c.epochs), id="epochs", compact=True))
        yield from self._row("cell", SafeSelect([(x, x) for x in CELLS], value=c.cell, allow_blank=False,
                                            id="cell", compact=True))
        yield from self._row("engine", SafeSelect([(x, x) for x in ENGINES], value=c.engine, allow_blank=False,
                                              id="engine", compact=True))
        yield from self._row("optimizer", SafeSelect([(t(f"train.opt.{x}"), x) for x in OPTIMIZERS], value=c.optimizer,
                                                 allow_blank=False, id="optimizer", compact=True))
        yield from self._row("seed", Input("" if c.seed is None else str(c.seed), id="seed", compact=True,
                                           placeholder=t("train.seed_random")))
        clip, value = self._clip_of(c)
        with Horizontal(classes="row"):
            yield Label(t("train.f.clip"), id="label-clip")
            yield SafeSelect([(t(f"train.clip.{x}"), x) for x in CLIPS], value=clip, allow_blank=False,
                         id="clip", compact=True)
            yield Input(value, id="clip-c", compact=True, disabled=clip == "off")
        with Horizontal(classes="row"):
            yield Check(t("train.f.carry"), c.carry_hidden, id="carry", compact=True)
        yield from self._row("speed", SafeSelect([(self._speed_label(s), s) for s in SPEEDS], value=DEFAULT_SPEED,
                                             allow_blank=False, id="speed", compact=True))
        yield Static("", id="form-error")

    @staticmethod
    def _row(name: str, field) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(t(f"train.f.{name}"), id=f"label-{field.id}")
            yield field

    @staticmethod
    def _speed_label(speed: int) -> str:
        return t("train.speed_flat") if speed == 0 else t("train.speed_n", n=speed)

    @staticmethod
    def _clip_of(c: TrainConfig) -> tuple[str, str]:
        if c.clip_value is not None:
            return "value", str(c.clip_value)
        if c.clip_norm is not None:
            return "norm", str(c.clip_norm)
        return "off", "1.0"

    # -- reading -----------------------------------------------------------------

    def _text(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def _choice(self, field: str):
        return self.query_one(f"#{field}", Select).value

    def build(self) -> TrainConfig:
        """The config the fields describe; raises ConfigError for the first bad value."""
        seed_text = self._text("seed").strip()
        clip = self._choice("clip")
        c = _number(self._text("clip-c"), float)
        config = TrainConfig(
            time_step=_number(self._text("time_step"), int),
            hidden_size=_number(self._text("hidden"), int),
            lr=_number(self._text("lr"), float),
            epochs=_number(self._text("epochs"), int),
            cell=self._choice("cell"),
            engine=self._choice("engine"),
            optimizer=self._choice("optimizer"),
            seed=_number(seed_text, int) if seed_text else None,
            clip_value=c if clip == "value" else None,
            clip_norm=c if clip == "norm" else None,
            carry_hidden=self.query_one("#carry", Checkbox).value,
        )
        return validate(config)

    def check(self) -> tuple[TrainConfig | None, str | None]:
        """(config, None) if valid, else (None, message); marks the bad field."""
        for widget in self.query(".-bad"):
            widget.remove_class("-bad")
        try:
            config = self.build()
        except ConfigError as exc:
            field = WIDGET_OF_FIELD.get(exc.field, "time_step")
            self.query_one(f"#{field}").add_class("-bad")
            self.query_one(f"#label-{'clip' if field == 'clip-c' else field}").add_class("-bad")
            message = error_text(exc)
            error = self.query_one("#form-error", Static)
            error.update(t("train.invalid", error=message))
            error.add_class("-shown")
            return None, message
        error = self.query_one("#form-error", Static)
        error.update("")
        error.remove_class("-shown")
        return config, None

    @property
    def speed(self) -> int:
        """Steps per second (0: flat out)."""
        return int(self._choice("speed"))

    # -- writing -----------------------------------------------------------------

    def fill(self, config: TrainConfig) -> None:
        """Show ``config`` in the fields (e.g. after loading a model)."""
        self.query_one("#time_step", Input).value = str(config.time_step)
        self.query_one("#hidden", Input).value = str(config.hidden_size)
        self.query_one("#lr", Input).value = str(config.lr)
        self.query_one("#epochs", Input).value = str(config.epochs)
        self.query_one("#cell", Select).value = config.cell
        self.query_one("#engine", Select).value = config.engine
        self.query_one("#optimizer", Select).value = config.optimizer
        self.query_one("#seed", Input).value = "" if config.seed is None else str(config.seed)
        clip, value = self._clip_of(config)
        self.query_one("#clip", Select).value = clip
        self.query_one("#clip-c", Input).value = value
        self.query_one("#carry", Checkbox).value = config.carry_hidden

    def set_engine(self, engine: str) -> None:
        self.query_one("#engine", Select).value = engine

    def lock_fields(self, locked: bool) -> None:
        """Disable the config fields while a run is under way (speed stays editable)."""
        for field in CONFIG_FIELDS:
            widget = self.query_one(f"#{field}")
            widget.disabled = locked or (field == "clip-c" and self._choice("clip") == "off")

    # -- events ------------------------------------------------------------------

    def _edited(self) -> None:
        config, error = self.check()
        self.post_message(self.Edited(config, error))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._edited()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "clip":
            self.query_one("#clip-c", Input).disabled = event.value == "off"
        if event.select.id == "speed":
            self.post_message(self.SpeedChanged(int(event.value)))
        else:
            self._edited()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited()
