"""Judging what a student typed against the answer the engine computed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from tui.lessons.model import Question
from tui.widgets.notation import num


@dataclass(frozen=True)
class Verdict:
    right: bool | None  # None: what was typed is not an answer at all (not a number, not a choice)
    given: str  # what was typed, as it will be shown


def parse_number(text: str) -> float | None:
    """4, -2.5, 1e-3, 1/2, 50% -> a finite float (None: not a number)."""
    text = text.strip().replace("−", "-").replace("，", ".").replace("。", ".")
    scale = 1.0
    if text.endswith(("%", "％")):
        text, scale = text[:-1], 0.01
    try:
        value = float(Fraction(text)) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return value * scale if math.isfinite(value) else None


def choice_of(question: Question, text: str, lang: str) -> str | None:
    """The id of the choice typed: its number (1-based), its id or its label (None: none of them)."""
    text = text.strip().lower()
    for number, choice in enumerate(question.choices, 1):
        if text in (str(number), choice.id.lower(), choice.label.get(lang, "").strip().lower()):
            return choice.id
    return None


def judge(question: Question, answer, text: str, lang: str) -> Verdict:
    """``text`` against ``answer`` (a float, or a choice id)."""
    given = text.strip()
    if question.choices:
        picked = choice_of(question, text, lang)
        return Verdict(None if picked is None else picked == answer, given)
    value = parse_number(text)
    if value is None:
        return Verdict(None, given)
    return Verdict(abs(value - answer) <= max(question.within, question.relative * abs(answer)), given)


def shown(question: Question, answer, lang: str) -> str:
    """The answer as the student reads it: a number, or the choice's label."""
    if question.choices:
        return next((c.label.get(lang, c.id) for c in question.choices if c.id == answer), str(answer))
    return num(answer)
