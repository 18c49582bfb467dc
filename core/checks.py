"""One style for every settings check: the error names the setting at fault and the rule it broke.

A setting is declared once, on its config dataclass: ``setting(default, kind=..., low=..., high=...,
help=..., flag=..., label=...)`` is a dataclass field whose metadata (a ``Setting``) is the one
place for its range, its help line, its command-line flag and its label in the app. ``check``
validates a config from those declarations; the command line (tui/cli/settings.py) and the Train
tab's form (tui/tabs/train/form.py) derive their flags, rows and error mapping from them.

Each settings module (core.sincos.config, core.gradients.spec, core.forward.vector_params,
core.context.config) has its own subclass of ``SettingError`` and runs the shared
checks below. A front end reads ``field`` to mark a form field or name a flag,
and ``rule`` with ``values`` to word the message in its own language
(tui/i18n/train.py has a template per rule of core.sincos.config).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields

from core.io.visible import visible

MAX_SEED = 2**32 - 1  # every seed: torch.manual_seed's range on the CPU generator and NumPy's (32 bits)

# The message of each shared rule, in core's words; ``name`` is the setting's name in messages.
RULES = {
    "whole": "{name} must be a whole number, got {value}",
    "range": "{name} must be between {low} and {high}, got {value}",
    "number": "{name} must be a number, got {value}",
    "finite": "{name} must be a finite number, got {value}",
    "positive": "{name} must be a finite number above 0, got {value}",
    "at_most": "{name} must be at most {high}, got {value}",
    "choice": "unknown {name} {value}: use {choices}",
    "unknown_keys": "unknown config key(s): {value}",
    "bool": "{name} must be true or false, got {value}",
    "path": "{name} must be a file path or None, got {value}",
}


class SettingError(ValueError):
    """A setting's value is unusable; ``str()`` is one line a user can act on.

    Attributes:
        field: the setting at fault (None: the settings as a whole).
        rule: the rule it broke (a key of ``rules``).
        values: the rule's placeholders (value, low, high, choices, ...), already formatted.
    """

    rules: dict[str, str] = RULES  # a subclass adds its own rules
    names: dict[str, str] = {}  # a field's name in messages, where it is not the field itself

    def __init__(self, field: str | None, rule: str, **values: str):
        # a value may come from a file or the command line: its control characters are shown, not obeyed
        self.field, self.rule, self.values = field, rule, {k: visible(str(v)) for k, v in values.items()}
        super().__init__(self.say(self.names.get(field, field or "config")))

    def say(self, name: str, templates: dict[str, str] | None = None) -> str:
        """The message with the setting called ``name`` (``templates``: the rules in another language)."""
        return (templates or self.rules)[self.rule].format(name=name, **self.values)


def bound(x: float) -> str:
    """A limit as people write it: 100, 0.5, 1e6 (not 1e+06)."""
    text = f"{x:g}"
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def whole(error: type[SettingError], field: str, value, low: int, high: int) -> None:
    """``value`` is an int (a bool is not) in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(field, "whole", value=repr(value))
    if not low <= value <= high:
        raise error(field, "range", low=str(low), high=str(high), value=str(value))


def _number(error: type[SettingError], field: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise error(field, "number", value=repr(value))


def number(error: type[SettingError], field: str, value, low: float, high: float) -> None:
    """``value`` is a finite number (a bool is not) in [low, high]."""
    _number(error, field, value)
    if not math.isfinite(value):
        raise error(field, "finite", value=str(value))
    if not low <= value <= high:
        raise error(field, "range", low=bound(low), high=bound(high), value=f"{value:g}")


def positive(error: type[SettingError], field: str, value, high: float | None = None) -> None:
    """``value`` is a finite number above 0 (a bool is not), and at most ``high`` if given."""
    _number(error, field, value)
    if not math.isfinite(value) or value <= 0:
        raise error(field, "positive", value=str(value))
    if high is not None and value > high:
        raise error(field, "at_most", high=bound(high), value=str(value))


def choice(error: type[SettingError], field: str, value, choices: Collection[str]) -> None:
    """``value`` is one of ``choices``."""
    if value not in choices:
        raise error(field, "choice", value=repr(value), choices=", ".join(choices))


def known_keys(error: type[SettingError], keys: Iterable[str], allowed: Iterable[str]) -> None:
    """Every key (of a settings dict read from a file) is one of ``allowed``."""
    unknown = sorted(set(keys) - set(allowed))
    if unknown:
        raise error(None, "unknown_keys", value=", ".join(unknown))


def parsed(text: str, kind: type):
    """A form field's ``text`` as ``kind`` (int or float) if it parses, else the stripped text, which the
    setting's check then names ("must be a whole number, got 'abc'")."""
    text = text.strip()
    try:
        return kind(text)
    except ValueError:
        return text


# -- one declaration per setting -----------------------------------------------------------

SETTING = "setting"  # the dataclass field metadata key


@dataclass(frozen=True)
class Setting:
    """What a config field is, declared once (see ``setting``)."""

    help: str  # one line for --help and the form (the default is added where it is shown)
    kind: str = "whole"  # whole [low, high] | number [low, high] | positive (0, high] | choice | bool | path
    low: float = 0
    high: float | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False  # None is allowed (a fresh seed; no clipping)
    none_word: str = ""  # on the command line, this word means None (seed: "random")
    flag: str | None = None  # its command-line flag; None: not a flag
    negated: bool = False  # a bool flag that sets False (--no-carry)
    label: str | None = None  # the i18n id of its name in the app (form row, messages); None: not in a form
    options: str | None = None  # choice: the i18n prefix of each choice's name in the app (None: the choice itself)
    widget: str | None = None  # the form widget's id, when it is not the field's name
    group: str | None = None  # settings that share one form row, at most one set (clip: value or norm)
    section: str | None = None  # its section of --help (None: the first)


def setting(default, **declared) -> object:
    """A dataclass field with its ``Setting``: ``hidden: int = setting(24, low=1, high=64, help=...)``."""
    return field(default=default, metadata={SETTING: Setting(**declared)})


def settings(cls) -> dict[str, Setting]:
    """The declared settings of a config class (or instance), in field order."""
    return {f.name: f.metadata[SETTING] for f in fields(cls) if SETTING in f.metadata}


def check(error: type[SettingError], config) -> None:
    """Every declared setting of ``config`` in its range (raises ``error`` naming the first bad one)."""
    for name, s in settings(config).items():
        value = getattr(config, name)
        if value is None and s.optional:
            continue
        if s.kind == "whole":
            whole(error, name, value, int(s.low), int(s.high))
        elif s.kind == "number":
            number(error, name, value, s.low, s.high)
        elif s.kind == "positive":
            positive(error, name, value, s.high)
        elif s.kind == "choice":
            choice(error, name, value, s.choices)
        elif s.kind == "bool" and not isinstance(value, bool):
            raise error(name, "bool", value=repr(value))
        elif s.kind == "path" and (not isinstance(value, str) or not value.strip()):
            raise error(name, "path", value=repr(value))
