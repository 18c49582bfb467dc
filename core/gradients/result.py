"""What a gradient computation returns (Gradients), its verdict, and the backprop
accumulator that keeps numbers past float64's range.

Backpropagation multiplies T factors, so a gradient can leave float64's range
(w = 10 over 10000 steps is 10^9999). ``Backprop`` therefore keeps each
gradient as mantissa × 2^exponent, rescaling by exact powers of two; the result
carries ``log10_norms`` (always meaningful) next to ``norms`` (float64: inf
where the value is above 1.8e308, 0 where it is below 5e-324).

The verdict reads the trend over all steps, not two noisy bars: a least-squares
line through log10‖∂o_T/∂x_t‖ against t gives ``per_step``, the factor by which
the gradient changes for each step further back (×0.5: it halves per step).
Over the T-1 steps from step T back to step 1 the line changes by
per_step^(T-1):

    per_step^(T-1) < 1e-2       -> "vanishing"   (step 1 counts 100× less than step T, or worse)
    1e-2 .. 0.5                 -> "fading"      (it still gets through, but 2× to 100× weaker)
    0.5 .. 2                    -> "stable"      (within a factor of 2 of step T)
    2 .. 1e2                    -> "growing"
    per_step^(T-1) > 1e2        -> "exploding"   (step 1 counts 100× more)

A GRU that loses ×0.91 a step keeps 6% of the gradient over 30 steps: "fading", not "stable".

``ratio`` = norms[0] / norms[T-1] (the first bar over the last) is kept as a plain fact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.gradients.spec import INPUT_SIZE

VANISHING = 1e-2  # ratio below this: vanishing
FADING = 0.5  # below this (and above VANISHING): fading
GROWING = 2.0  # above this (and below EXPLODING): growing
EXPLODING = 1e2  # ratio above this: exploding
VERDICTS = ("vanishing", "fading", "stable", "growing", "exploding")
LOG10_2 = math.log10(2.0)


@dataclass(frozen=True, eq=False)
class Gradients:
    """‖∂o_T/∂x_t‖ for t = 1..T, and what it says about memory."""

    cell: str
    length: int  # T
    norms: np.ndarray  # (T,) float64; inf/0 where float64 overflows/underflows
    log10_norms: np.ndarray  # (T,) log10 of the norms, exact even past float64's range (-inf: exactly 0)
    grads: np.ndarray  # (T, D) the signed gradients ∂o_T/∂x_t (float64, may hold inf)
    log10_ratio: float  # log10(norms[0] / norms[T-1])
    ratio: float  # norms[0] / norms[T-1] (inf if above float64's range)
    log10_per_step: float  # the fitted change of log10‖g‖ per step back (nan: fewer than 2 nonzero norms)
    verdict: str  # one of VERDICTS, from the fitted trend

    @property
    def per_step(self) -> float:
        """The factor the gradient changes by per step further back (least-squares trend)."""
        return _pow10(self.log10_per_step)

    @property
    def overflow(self) -> int:
        """How many norms are beyond float64 (inf, or 0 though the true value is not)."""
        big = np.isinf(self.norms)
        tiny = (self.norms == 0) & np.isfinite(self.log10_norms)
        return int(np.count_nonzero(big | tiny))


def log10_per_step(log10_norms: np.ndarray) -> float:
    """Minus the slope of the least-squares line through (t, log10‖g_t‖): the change per step back.

    Steps whose gradient is exactly 0 (log10 = -inf) are left out; nan with fewer than two left.
    """
    y = np.asarray(log10_norms, dtype=np.float64)
    t = np.arange(y.size, dtype=np.float64)
    keep = np.isfinite(y)
    if np.count_nonzero(keep) < 2:
        return math.nan
    t, y = t[keep] - t[keep].mean(), y[keep] - y[keep].mean()
    return float(-(t @ y) / (t @ t))


def verdict_of(log10_change: float) -> str:
    """One of VERDICTS from the fitted log10 change from step T back to step 1 (the module says the bands)."""
    if math.isnan(log10_change):  # every gradient is exactly 0: nothing gets through
        return "vanishing"
    bands = ((VANISHING, "vanishing"), (FADING, "fading"), (GROWING, "stable"), (EXPLODING, "growing"))
    return next((name for limit, name in bands if log10_change < math.log10(limit)), "exploding")


def gradients_of(cell: str, log10: np.ndarray, norms: np.ndarray, grads: np.ndarray) -> Gradients:
    """Gradients from per-step log10 norms, norms and signed gradients (ratio, trend, verdict)."""
    with np.errstate(invalid="ignore"):
        lr = float(log10[0] - log10[-1])
    per = log10_per_step(log10)
    T = len(log10)
    change = 0.0 if T == 1 else per * (T - 1)
    return Gradients(cell, T, norms, log10, grads, lr, _pow10(lr), per, verdict_of(change))


class Backprop:
    """Collects ∂o_T/∂x_t from t = T down to 1, each as mantissa × 2^exponent.

    ``rescale`` divides the running gradients by an exact power of two when they
    drift far from 1, so T products never overflow or underflow float64.
    """

    def __init__(self, length: int, inputs: int = INPUT_SIZE):
        self.mantissa = np.zeros((length, inputs))  # (T, D) ∂o_T/∂x_t / 2^exponent
        self.exponent = np.zeros(length, dtype=np.int64)  # (T,)
        self.exp = 0  # current exponent of the running gradients

    def record(self, t: int, gx) -> None:
        """Store ∂o_T/∂x_t (0-based t) given as mantissa at the current exponent."""
        self.mantissa[t] = np.asarray(gx, dtype=np.float64).reshape(-1)
        self.exponent[t] = self.exp

    def rescale(self, *arrays):
        """The arrays divided by a common power of two if their largest entry is far from 1."""
        peak = max(float(np.max(np.abs(a))) for a in arrays)
        if peak == 0 or not math.isfinite(peak):
            return arrays
        k = math.frexp(peak)[1]
        if abs(k) < 64:
            return arrays
        self.exp += k
        return tuple(a * (2.0**-k) if abs(k) < 1000 else np.ldexp(a, -k) for a in arrays)

    def result(self, cell: str) -> Gradients:
        """The Gradients these recorded steps add up to."""
        m = np.linalg.norm(self.mantissa, axis=1)
        with np.errstate(divide="ignore"):
            log10 = np.log10(m) + self.exponent * LOG10_2
        norms = _ldexp(m, self.exponent)
        grads = _ldexp(self.mantissa, self.exponent[:, None])
        return gradients_of(cell, log10, norms, grads)


def _ldexp(m: np.ndarray, e: np.ndarray) -> np.ndarray:
    """m · 2^e in float64, inf/0 past its range (clipped exponents avoid int overflow)."""
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(m, np.clip(e, -1_000_000, 1_000_000).astype(np.int32))


def _pow10(x: float) -> float:
    if math.isnan(x):
        return math.nan
    if x > 308.3:
        return math.inf
    if x < -330:
        return 0.0
    return 10.0**x
