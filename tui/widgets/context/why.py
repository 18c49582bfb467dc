"""The Context tab's plain sentences about a reading: why it turns, how much of it the model knows.
The numbers come from core.context.why (a counterfactual run); only the wording lives here, with the
words a sentence is read as (segmented once per text, not again on every training batch)."""

from __future__ import annotations

from functools import lru_cache

from core.io.visible import visible
from tui.i18n import t

MAX_WORDS = 200  # words read from a sentence field (a huge paste reads its first 200)


@lru_cache(maxsize=64)
def words(text: str) -> tuple[str, ...]:
    """The words the models read of ``text`` (its first MAX_WORDS)."""
    from core.context.segment import segment

    return tuple(segment(text)[:MAX_WORDS])


def why_at(models, reading) -> tuple[int, str] | None:
    """(the word it is about, why the trained RNN turns there), computed by core.context.why; None for
    random weights (they explain nothing) and an empty sentence."""
    if not reading.tokens or not models.trained:
        return None
    from core.context.why import explain

    why = explain(models, reading)
    return (why.at if why.at is not None else len(reading.tokens) - 1), why_text(why, reading.tokens)


def direction(p: float) -> str:
    return t("context.to.positive" if p >= 0.5 else "context.to.negative")


def why_text(why, tokens) -> str:
    """One sentence for core.context.why.Why over ``tokens`` (the reading's words)."""
    word = lambda k: visible(tokens[k])  # noqa: E731 (a student's word: shown, never obeyed)
    num = lambda p: f"{p:.2f}"  # noqa: E731
    if why.kind == "nothing":
        return t("context.why.nothing", p=num(why.p if why.p is not None else 0.5))
    if why.kind == "memory":
        return t("context.why.memory", cause=word(why.cause), word=word(why.at), without=num(why.p_without), p=num(why.p))
    if why.kind == "alone":
        return t("context.why.alone", word=word(why.at), direction=direction(why.p), before=num(why.before), p=num(why.p))
    return t("context.why.steady", cause=word(why.cause), without=num(why.p_without), p=num(why.p))


def unknown_text(unknown) -> str | None:
    """"3 of 4 words unknown: this answer means little." when at least half the words are unknown, else None."""
    n, m = sum(unknown), len(unknown)
    return t("context.unknown_count", n=n, m=m) if m and 2 * n >= m else None
