"""How strongly the last output reacts to each earlier input (the tutorial's section 5).

For a sequence x_1..x_T, ``norms[t-1] = ‖∂o_T/∂x_t‖`` for t = 1..T, computed by
backpropagation through time (real derivatives, never a closed formula):

    scalar  s_t = x_t·u + s_{t-1}·w,  o_t = s_t·v       (the tutorial's walk-through)
    rnn     s_t = tanh(U·x_t + W·s_{t-1} + b),  o_t = V·s_t + c,  W = scale × orthogonal
    lstm    torch.nn.LSTMCell + Linear(H, 1)  (weights: core.gradients_torch,
    gru     torch.nn.GRUCell + Linear(H, 1)    backprop: core.gradients_gated)

Backpropagation multiplies T factors, so a gradient can leave float64's range
(w = 10 over 10000 steps is 10^9999). The backward pass therefore keeps each
gradient as mantissa × 2^exponent, rescaling by exact powers of two; it returns
``log10_norms`` (always meaningful) next to ``norms`` (float64: inf where the
value is above 1.8e308, 0 where it is below 5e-324).

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

from core.clip import clip_by_norm, clip_by_value, total_norm

CELLS = ("scalar", "rnn", "lstm", "gru")
MAX_LENGTH = 10_000
MAX_HIDDEN = 512
MAX_SCALE = 100.0
MAX_SEED = 2**32 - 1
INPUT_SIZE = 1  # D: x_t is one number, like the tutorial's sin input
VANISHING = 1e-2  # ratio below this: vanishing
EXPLODING = 1e2  # ratio above this: exploding
LOG10_2 = math.log10(2.0)


class GradientError(ValueError):
    """A bad setting; the message is one line a user can act on."""


@dataclass(frozen=True)
class GradientSpec:
    """What to differentiate. Only the fields the cell uses matter."""

    cell: str = "rnn"  # scalar, rnn, lstm or gru
    length: int = 30  # T: time steps
    scale: float = 1.0  # rnn: spectral radius of W
    u: float = 1.0  # scalar: input weight (the tutorial's u)
    w: float = 1.0  # scalar: recurrent weight
    v: float = 2.0  # scalar: output weight
    hidden: int = 32  # H: hidden units of rnn/lstm/gru (the tutorial's 32)
    seed: int = 0  # weights and inputs are drawn from this seed
    forget_bias: float | None = None  # lstm: forget-gate bias; None keeps torch's init


def validate(spec: GradientSpec) -> None:
    """Raise GradientError with a one-line message for a bad setting."""
    if spec.cell not in CELLS:
        raise GradientError(f"unknown cell {spec.cell!r}: use scalar, rnn, lstm or gru")
    if not 1 <= spec.length <= MAX_LENGTH:
        raise GradientError(f"length must be between 1 and {MAX_LENGTH}, got {spec.length}")
    if not 1 <= spec.hidden <= MAX_HIDDEN:
        raise GradientError(f"hidden size must be between 1 and {MAX_HIDDEN}, got {spec.hidden}")
    if not 0 <= spec.seed <= MAX_SEED:
        raise GradientError(f"seed must be between 0 and {MAX_SEED}, got {spec.seed}")
    for name in ("scale", "u", "w", "v"):
        if not math.isfinite(getattr(spec, name)):
            raise GradientError(f"{name} must be a finite number, got {getattr(spec, name)}")
    if not 0 <= spec.scale <= MAX_SCALE:
        raise GradientError(f"scale must be between 0 and {MAX_SCALE:g}, got {spec.scale:g}")
    if abs(spec.w) > 1e6:
        raise GradientError(f"w must be between -1e6 and 1e6, got {spec.w:g}")
    for name in ("u", "v"):
        value = getattr(spec, name)
        if value == 0:
            raise GradientError(f"{name} = 0 cuts every input off from o_T (all gradients are 0): use another value")
        if abs(value) > 1e6:
            raise GradientError(f"{name} must be between -1e6 and 1e6, got {value:g}")
    fb = spec.forget_bias
    if fb is not None and not (math.isfinite(fb) and abs(fb) <= 100):
        raise GradientError(f"forget-gate bias must be between -100 and 100, got {fb}")


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


def inputs(length: int, seed: int, size: int = INPUT_SIZE) -> np.ndarray:
    """(T, D) the seeded random input sequence x_1..x_T (standard normal)."""
    return np.random.default_rng([seed, 7]).standard_normal((length, size))


# --- the scalar RNN ----------------------------------------------------------


def scalar_forward(xs: np.ndarray, u: float, w: float, v: float, s0: float = 0.0) -> float:
    """o_T of the tutorial's scalar RNN over xs (T,)."""
    s = s0
    for x in np.asarray(xs, dtype=np.float64).reshape(-1):
        s = x * u + s * w
    return s * v


def scalar_gradients(spec: GradientSpec) -> Gradients:
    """Backprop through s_t = x_t·u + s_{t-1}·w, o_T = s_T·v (the inputs do not matter: it is linear)."""
    T = spec.length
    bp = Backprop(T)
    g = np.array([spec.v])  # ∂o_T/∂s_T
    for t in range(T - 1, -1, -1):
        bp.record(t, g * spec.u)  # ∂o_T/∂x_t = ∂o_T/∂s_t · ∂s_t/∂x_t
        (g,) = bp.rescale(g * spec.w)  # ∂o_T/∂s_{t-1} = ∂o_T/∂s_t · w
    return bp.result("scalar")


# --- the tanh vector RNN -----------------------------------------------------


@dataclass(frozen=True, eq=False)
class RnnWeights:
    """The tanh RNN's shared parameters (float64)."""

    U: np.ndarray  # (H, D) input -> hidden
    W: np.ndarray  # (H, H) hidden -> hidden, scale × an orthogonal matrix
    b: np.ndarray  # (H,) hidden bias
    V: np.ndarray  # (1, H) hidden -> output
    c: np.ndarray  # (1,) output bias


def orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    """A random (n, n) orthogonal matrix (QR of a Gaussian, signs fixed so it is uniform)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def rnn_weights(hidden: int, scale: float, seed: int, size: int = INPUT_SIZE) -> RnnWeights:
    """Seeded weights: torch's default ranges (±1/√H) except W = scale × orthogonal."""
    rng = np.random.default_rng([seed, 1])
    bound = 1.0 / math.sqrt(hidden)
    U = rng.uniform(-bound, bound, (hidden, size))
    W = scale * orthogonal(hidden, rng)
    b = rng.uniform(-bound, bound, hidden)
    V = rng.uniform(-bound, bound, (1, hidden))
    c = rng.uniform(-bound, bound, 1)
    return RnnWeights(U, W, b, V, c)


def rnn_states(xs: np.ndarray, wt: RnnWeights) -> np.ndarray:
    """(T, H) hidden states s_1..s_T from s_0 = 0."""
    s = np.zeros(wt.W.shape[0])
    out = np.empty((len(xs), s.size))
    for t, x in enumerate(xs):
        s = np.tanh(wt.U @ x + wt.W @ s + wt.b)
        out[t] = s
    return out


def rnn_forward(xs: np.ndarray, wt: RnnWeights) -> float:
    """o_T of the tanh RNN over xs (T, D)."""
    return float((wt.V @ rnn_states(xs, wt)[-1] + wt.c)[0])


def rnn_gradients(spec: GradientSpec) -> Gradients:
    """Backprop through the tanh RNN, mirroring ``rnn_states`` step for step."""
    wt = rnn_weights(spec.hidden, spec.scale, spec.seed)
    xs = inputs(spec.length, spec.seed)
    S = rnn_states(xs, wt)
    bp = Backprop(spec.length)
    g = wt.V[0].copy()  # ∂o_T/∂s_T, (H,)
    for t in range(spec.length - 1, -1, -1):
        ga = g * (1.0 - S[t] ** 2)  # ∂o_T/∂a_t through tanh
        bp.record(t, wt.U.T @ ga)  # ∂o_T/∂x_t
        (g,) = bp.rescale(wt.W.T @ ga)  # ∂o_T/∂s_{t-1}
    return bp.result("rnn")


# --- entry points --------------------------------------------------------------


def compute(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ for the spec's cell. lstm/gru import torch (about 2 s the first time).

    Raises:
        GradientError: a bad setting.
    """
    validate(spec)
    if spec.cell == "scalar":
        return scalar_gradients(spec)
    if spec.cell == "rnn":
        return rnn_gradients(spec)
    from core.gradients_torch import gated_gradients  # lazy: torch costs ~2 s to import

    return gated_gradients(spec)


# --- clipping -----------------------------------------------------------------

CLIP_PRESET = GradientSpec(cell="scalar", length=50, u=1.0, w=1.5, v=2.0)  # explodes: 2·1.5^49 ≈ 8.5e8


@dataclass(frozen=True, eq=False)
class ClipView:
    """One gradient before and after the two kinds of clipping."""

    c: float  # the threshold
    before: np.ndarray  # (T,) the gradient
    by_value: np.ndarray  # (T,) each element clamped to [-c, c]
    by_norm: np.ndarray  # (T,) the whole vector scaled down to norm c (if above)
    norm_before: float
    norm_by_value: float
    norm_by_norm: float


def validate_clip(c: float) -> None:
    if not (math.isfinite(c) and 0 < c <= 1e300):
        raise GradientError(f"clipping threshold c must be a number above 0, got {c}")


def clip_view(grad: np.ndarray, c: float) -> ClipView:
    """``grad`` (any shape, flattened) clipped by value c and by norm c (core.clip).

    Raises:
        GradientError: c is not above 0, or the gradient is not finite.
    """
    validate_clip(c)
    g = np.asarray(grad, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(g)):
        raise GradientError("the gradient is beyond float64's range: clipping needs finite numbers (shorten the sequence)")
    (by_value,) = clip_by_value([g], c)
    (by_norm,) = clip_by_norm([g], c)
    return ClipView(c, g, by_value, by_norm, total_norm([g]), total_norm([by_value]), total_norm([by_norm]))


def clip_preset(c: float) -> tuple[Gradients, ClipView]:
    """The exploding preset (scalar RNN, w = 1.5, 50 steps) and its gradient clipped at c."""
    grads = compute(CLIP_PRESET)
    return grads, clip_view(grads.grads[:, 0], c)
