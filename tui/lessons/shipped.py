"""The lesson that ships with rnn-tui (tui/lessons/tutorial.toml), read from the installed package."""

from __future__ import annotations

from importlib.resources import files

from tui.lessons.model import Lesson

NAME = "tutorial"  # what its progress is kept under


def shipped_text() -> str:
    return files("tui.lessons").joinpath("tutorial.toml").read_text(encoding="utf-8")


def shipped() -> Lesson:
    from tui.lessons.parse import parse

    return parse(shipped_text(), NAME)
