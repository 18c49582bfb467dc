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


def _biggest(models: Models, reading: Reading, at: int, p: float, upto: int) -> tuple[int | None, float | None]:
    """The known word before ``upto`` whose absence (skipped) moves P after ``at`` furthest toward the other
    side; every such sentence is read in one batch (one row per word taken out)."""
    import numpy as np

    from core.context.nets import rnn_forward, sigmoid
    from core.context.threads import one_thread

    candidates = [k for k in range(upto) if not reading.unknown[k]]
    if not candidates:
        return None, None
    ids = np.tile(np.array(reading.ids[: at + 1], dtype=np.int64), (len(candidates), 1))
    ids[np.arange(len(candidates)), candidates] = 0  # row i: word candidates[i] skipped
    with one_thread():
        q = sigmoid(rnn_forward(models.rnn, ids)[1][:, at])
    best = int(np.argmax((q - p) * (1.0 if p < 0.5 else -1.0)))  # toward the other side
    return candidates[best], float(q[best])


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
