"""Command-line flags derived from a config's declared settings (core.checks.setting): one declaration,
so a new setting gets its flag, its help line, its parsing and its place in error messages at once."""

from __future__ import annotations

import argparse

from core.checks import Setting, SettingError, settings
from tui.cli.args import fail_setting, whole_number


def _plain_number(text: str) -> float:
    """Any number, inf and nan included: the config's check words what is wrong with it."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None


def _parser(s: Setting):
    """The argparse type of a setting: it only parses; ``core.checks.check`` judges the range."""
    parse = {"whole": whole_number, "number": _plain_number, "positive": _plain_number}.get(s.kind, str)
    if not s.none_word:
        return parse

    def parse_or_none(text: str):
        return None if text.strip().lower() == s.none_word else parse(text)

    parse_or_none.__name__ = parse.__name__
    return parse_or_none


def _metavar(s: Setting) -> str:
    if s.kind == "choice":
        return "{" + ",".join(s.choices) + "}"
    base = {"whole": "N", "number": "X", "positive": "C" if s.group else "X"}.get(s.kind, "VALUE")
    return f"{base}|{s.none_word}" if s.none_word else base


def flags(config_cls) -> dict[str, str]:
    """field -> its flag, for every setting that has one (what ``fail_setting`` names)."""
    return {name: s.flag for name, s in settings(config_cls).items() if s.flag}


def add_flags(parser, config_cls, skip: tuple[str, ...] = (), section: str | None = None) -> None:
    """One flag per declared setting of ``section`` with a flag (dest: the field's name), defaults from the
    class; ``parser`` may be an argument group."""
    default = config_cls()
    for name, s in settings(config_cls).items():
        if not s.flag or name in skip or s.section != section:
            continue
        if s.kind == "bool":
            parser.add_argument(s.flag, dest=name, action="store_false" if s.negated else "store_true",
                                default=getattr(default, name), help=s.help)
            continue
        value = getattr(default, name)
        shown = s.none_word if value is None and s.none_word else value
        tail = f" (default {shown})" if value is not None or s.none_word else ""
        parser.add_argument(s.flag, dest=name, type=_parser(s), default=value, metavar=_metavar(s), help=s.help + tail)


def config_from(args: argparse.Namespace, config_cls, validate, prog: str, **extra):
    """The validated config the flags describe, ``extra`` given by the caller (exit 2 with one line naming
    the flag if a value is bad)."""
    values = {name: getattr(args, name) for name in flags(config_cls) if hasattr(args, name)}
    try:
        return validate(config_cls(**{**values, **extra}))
    except SettingError as exc:
        fail_setting(exc, flags(config_cls), prog)
