"""The tutorial's scalar RNN walk-through (its section 3).

    s_t = x_t·u + s_{t-1}·w      (hidden state; s_0 is the tutorial's prevS = 1)
    o_t = s_t·v                  (output)

No activation. x_t is the token id. Over 我爱中国 (ids 1, 2, 3) with
u=1, w=1, v=2, s_0=1 it gives s = 2, 4, 7 and o = 4, 8, 14.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ScalarParams:
    """The walk-through's four numbers, with the tutorial's values as defaults."""

    u: float = 1.0  # input -> hidden weight
    w: float = 1.0  # hidden -> hidden weight (the loop on s)
    v: float = 2.0  # hidden -> output weight
    s0: float = 1.0  # the hidden state before the first step (prevS)


@dataclass(frozen=True)
class ScalarStep:
    """One time step of the walk-through."""

    t: int  # 1-based time step
    token: str
    x: float  # the input: the token's id
    prev_s: float  # s_{t-1}
    s: float  # s_t = x·u + prev_s·w
    o: float  # o_t = s·v


def hidden(x: float, prev_s: float, p: ScalarParams) -> float:
    """s_t from the input and the previous state."""
    return x * p.u + prev_s * p.w


def output(s: float, p: ScalarParams) -> float:
    """o_t from the hidden state."""
    return s * p.v


def walk(tokens: Sequence[str], ids: Sequence[int], p: ScalarParams = ScalarParams()) -> Iterator[ScalarStep]:
    """Yield one ScalarStep per token, carrying s from step to step."""
    prev_s = float(p.s0)
    for t, (token, x) in enumerate(zip(tokens, ids), start=1):
        s = hidden(float(x), prev_s, p)
        yield ScalarStep(t, token, float(x), prev_s, s, output(s, p))
        prev_s = s
