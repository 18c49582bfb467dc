"""Shared pieces of the command line: a parser whose errors are one line, exit 2,
and argument types with clear messages."""

from __future__ import annotations

import argparse
import math
import re
import sys
from typing import NoReturn

from core import __version__
from core.checks import SettingError
from core.io.visible import visible

# argparse takes "-1e5" or "-inf" for an option ("expected one argument"); every
# word that starts like a number (-1e5, -.5, -inf, -nan) is a value here.
NEGATIVE_NUMBER = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports a bad argument in one line and exits 2."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE_NUMBER

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {visible(message)}\n")  # it may quote an argument


def fail(message: str, prog: str = "rnn-tui") -> NoReturn:
    """Print a one-line error to stderr and exit with code 2 (control characters in it shown, not obeyed)."""
    sys.stderr.write(f"{prog}: error: {visible(message)}\n")
    raise SystemExit(2)


def fail_setting(exc: SettingError, flags: dict[str, str], prog: str) -> NoReturn:
    """Exit 2 with ``exc``'s one line, after the flag of the setting at fault (``flags``: field -> flag)."""
    flag = flags.get(exc.field)
    fail(f"{flag}: {exc}" if flag else str(exc), prog)


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def whole_number(text: str) -> int:
    """Any whole number (the config's validate judges its range)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def finite_float(text: str) -> float:
    """Any finite number."""
    return _number(text)


def positive_float(text: str) -> float:
    """A finite number above 0."""
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
    return value


def int_in(low: int, high: int):
    """A whole number in [low, high]."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low} and {high}")
        return value

    parse.__name__ = "whole number"
    return parse


def add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"rnn-tui {__version__}")
