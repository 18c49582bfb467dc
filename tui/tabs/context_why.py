"""The Context tab's plain sentences about a reading: why it turns, how much of it the model knows.
The numbers come from core.context.why (a counterfactual run); only the wording lives here."""

from __future__ import annotations

from core.io.visible import visible
from tui.i18n import t


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
