"""The tutorial's scalar RNN, s_t = x_t·u + s_{t-1}·w, o_t = s_t·v, and its exact backprop."""

from __future__ import annotations

import numpy as np

from core.gradients.result import Backprop, Gradients
from core.gradients.spec import GradientSpec


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
