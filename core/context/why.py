"""Why the RNN's answer turns where it does: a counterfactual computed from the run.

    why = explain(models, reading)
    why.kind, why.at, why.cause, why.p, why.p_without, why.before

At the word where the answer last turned (``Reading.flip``), every earlier known word is
taken out in turn (skipped, as the models skip a word they do not know) and the sentence
is read again: the word whose absence moves P(positive) after the turning word furthest
back across 0.5 is the cause (我不喜欢美女: without 不, P after 喜欢 would be 0.99; with it,
0.08). When no earlier word does that, the turning word did it alone (P before -> after).
A sentence that never turns is explained by the word whose absence moves the final answer most.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.context.models import Models
    from core.context.read import Reading


@dataclass(frozen=True)
class Why:
    kind: str  # "memory": an earlier word (cause) turned the answer at ``at``; "alone": the word at ``at`` did;
    #            "steady": no turn, ``cause`` moved the final answer most; "nothing": no known word
    at: int | None  # 0-based word the explanation is about (the turn, or the last word)
    cause: int | None  # 0-based earlier word taken out in the counterfactual
    p: float | None  # P(positive) after word ``at``, as read
    p_without: float | None  # the same without word ``cause``
    before: float | None  # P(positive) just before word ``at`` ("alone")


def _without(models: Models, reading: Reading, k: int, at: int) -> float:
    """P(positive) after word ``at`` when word ``k`` is skipped."""
    from core.context.read import read_ids

    ids = list(reading.ids)
    ids[k] = 0
    return float(read_ids(models, reading.tokens, tuple(ids)).p_positive[at])


def _biggest(models: Models, reading: Reading, at: int, p: float, upto: int) -> tuple[int | None, float | None]:
    """The known word before ``upto`` whose absence moves P after ``at`` furthest toward the other side."""
    toward = 1.0 if p < 0.5 else -1.0  # the other side: up from a negative answer, down from a positive one
    best, best_p = None, None
    for k in range(upto):
        if reading.unknown[k]:
            continue
        q = _without(models, reading, k, at)
        if best_p is None or (q - p) * toward > (best_p - p) * toward:
            best, best_p = k, q
    return best, best_p


def explain(models: Models, reading: Reading) -> Why:
    if not reading.tokens or all(reading.unknown):
        return Why("nothing", None, None, reading.p_start, None, None)
    at = reading.flip
    if at is None:
        last = len(reading.tokens) - 1
        p = float(reading.p_positive[last])
        cause, q = _biggest(models, reading, last, p, upto=last + 1)
        return Why("steady", last, cause, p, q, None)
    p = float(reading.p_positive[at])
    cause, q = _biggest(models, reading, at, p, upto=at)
    before = float(reading.p_positive[at - 1]) if at else reading.p_start
    if cause is not None and (q >= 0.5) != (p >= 0.5):
        return Why("memory", at, cause, p, q, before)
    return Why("alone", at, None, p, None, before)
