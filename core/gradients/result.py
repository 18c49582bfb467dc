"""What a gradient computation returns (Gradients), its verdict, and the backprop
accumulator that keeps numbers past float64's range.

Backpropagation multiplies T factors, so a gradient can leave float64's range
(w = 10 over 10000 steps is 10^9999). ``Backprop`` therefore keeps each
gradient as mantissa × 2^exponent, rescaling by exact powers of two; the result
carries ``log10_norms`` (always meaningful) next to ``norms`` (float64: inf
where the value is above 1.8e308, 0 where it is below 5e-324).

Verdict, from ratio = norms[0] / norms[T-1] (how the gradient from step 1
compares with the gradient from step T):

    ratio < 1e-2  -> "vanishing"   (step 1 counts 100× less than step T, or worse)
    ratio > 1e2   -> "exploding"   (step 1 counts 100× more)
    otherwise     -> "stable"
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.gradients.spec import INPUT_SIZE

VANISHING = 1e-2  # ratio below this: vanishing
EXPLODING = 1e2  # ratio above this: exploding
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
    verdict: str  # vanishing, stable or exploding

    @property
    def overflow(self) -> int:
        """How many norms are beyond float64 (inf, or 0 though the true value is not)."""
        big = np.isinf(self.norms)
        tiny = (self.norms == 0) & np.isfinite(self.log10_norms)
        return int(np.count_nonzero(big | tiny))


def verdict_of(log10_ratio: float) -> str:
    """'vanishing', 'stable' or 'exploding' from log10(norms[0] / norms[T-1])."""
    if math.isnan(log10_ratio):  # every gradient is exactly 0: nothing gets through
        return "vanishing"
    if log10_ratio < math.log10(VANISHING):
        return "vanishing"
    if log10_ratio > math.log10(EXPLODING):
        return "exploding"
    return "stable"


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
        with np.errstate(invalid="ignore"):
            lr = float(log10[0] - log10[-1])
        return Gradients(cell, len(m), norms, log10, grads, lr, _pow10(lr), verdict_of(lr))


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
