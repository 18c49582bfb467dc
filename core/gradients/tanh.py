"""The tanh RNN, s_t = tanh(U·x_t + W·s_{t-1} + b), o_T = V·s_T + c, and its backprop.

The forward pass is core.forward.vector's recurrence (the Forward tab's), in float64
with real-valued inputs x_t instead of one-hot token ids.
"""

from __future__ import annotations

import numpy as np

from core.forward.vector import Weights, recur
from core.gradients.init import inputs, rnn_weights
from core.gradients.result import Backprop, Gradients
from core.gradients.spec import GradientSpec


def rnn_states(xs: np.ndarray, wt: Weights) -> np.ndarray:
    """(T, H) hidden states s_1..s_T from s_0 = 0, for inputs xs (T, D)."""
    _, s = recur(xs @ wt.U.T + wt.b, wt.W)
    return s


def rnn_forward(xs: np.ndarray, wt: Weights) -> float:
    """o_T of the tanh RNN over xs (T, D)."""
    return float((wt.V @ rnn_states(xs, wt)[-1] + wt.c)[0])


def input_gradients(xs: np.ndarray, wt: Weights) -> Gradients:
    """‖∂o_T/∂x_t‖ for one sequence xs (T, D): backprop mirroring ``rnn_states`` step for step."""
    S = rnn_states(xs, wt)
    bp = Backprop(len(xs), xs.shape[1])
    g = wt.V[0].copy()  # ∂o_T/∂s_T, (H,)
    for t in range(len(xs) - 1, -1, -1):
        ga = g * (1.0 - S[t] ** 2)  # ∂o_T/∂a_t through tanh
        bp.record(t, wt.U.T @ ga)  # ∂o_T/∂x_t
        (g,) = bp.rescale(wt.W.T @ ga)  # ∂o_T/∂s_{t-1}
    return bp.result("rnn")


def rnn_gradients(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ of the tanh RNN at its starting weights (core.gradients.init)."""
    return input_gradients(inputs(spec.length, spec.seed), rnn_weights(spec.hidden, spec.scale, spec.seed))
