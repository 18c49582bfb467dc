"""LSTM and GRU, forward and backward through time, in NumPy (float64).

The equations and weight layout are torch's (``nn.LSTMCell``, ``nn.GRUCell``),
so torch's cells can load these weights (core.gradients.torch_ref, for the
tests, which check these gradients against torch autograd and against finite
differences). Hand-written backprop is about 3× faster than autograd on these
tiny tensors, which keeps a 100-step recompute in the Gradients tab fast.

Every function takes one sequence xs (T, D) or a batch (T, B, D); states are
then (H,) or (B, H). LSTM gates are stacked i, f, g, o; GRU gates r, z, n.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from core.gradients.init import GatedWeights, gated_weights, inputs
from core.gradients.result import Backprop, Gradients
from core.gradients.spec import GradientSpec

# record(t, d_ih, d_hh): ∂o_T w.r.t. step t's input-side and hidden-side gate sums (0-based t)
Record = Callable[[int, np.ndarray, np.ndarray], None]


class LstmStep(NamedTuple):
    """One LSTM step: gates, cell and hidden state before and after."""

    i: np.ndarray  # input gate
    f: np.ndarray  # forget gate
    g: np.ndarray  # candidate
    o: np.ndarray  # output gate
    c_prev: np.ndarray  # c_{t-1}
    c: np.ndarray  # c_t = f·c_{t-1} + i·g
    h_prev: np.ndarray  # h_{t-1}
    h: np.ndarray  # h_t = o·tanh(c_t)


class GruStep(NamedTuple):
    """One GRU step: gates and hidden state before and after."""

    r: np.ndarray  # reset gate
    z: np.ndarray  # update gate (1: keep the old state)
    n: np.ndarray  # candidate
    hn: np.ndarray  # W_hn·h_{t-1} + b_hn (the part the reset gate scales)
    h_prev: np.ndarray  # h_{t-1}
    h: np.ndarray  # h_t = (1 - z)·n + z·h_{t-1}


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # no overflow warnings for large |a|


def _zeros(xs: np.ndarray, w: GatedWeights) -> np.ndarray:
    return np.zeros(xs.shape[1:-1] + (w.weight_hh.shape[1],))


def _no_rescale(*arrays):
    return arrays


# --- LSTM ----------------------------------------------------------------------


def lstm_states(xs: np.ndarray, w: GatedWeights) -> list[LstmStep]:
    """One LstmStep per input, from h_0 = c_0 = 0."""
    h = c = _zeros(xs, w)
    H = h.shape[-1]
    out = []
    for x in xs:
        a = x @ w.weight_ih.T + w.bias_ih + h @ w.weight_hh.T + w.bias_hh
        i, f, o = sigmoid(a[..., :H]), sigmoid(a[..., H : 2 * H]), sigmoid(a[..., 3 * H :])
        g = np.tanh(a[..., 2 * H : 3 * H])
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        out.append(LstmStep(i, f, g, o, c, c_new, h, h_new))
        h, c = h_new, c_new
    return out


def lstm_backward(steps: list[LstmStep], w: GatedWeights, dh: np.ndarray, record: Record,
                  rescale=_no_rescale) -> None:
    """Backprop from ∂o_T/∂h_T = ``dh`` down to step 1, mirroring ``lstm_states``."""
    dc = np.zeros_like(dh)  # ∂o_T/∂c_T: o_T reads h only
    for t in range(len(steps) - 1, -1, -1):
        s = steps[t]
        tc = np.tanh(s.c)
        dc = dc + dh * s.o * (1.0 - tc**2)  # through h = o·tanh(c)
        da = np.concatenate([
            dc * s.g * s.i * (1.0 - s.i),  # input gate
            dc * s.c_prev * s.f * (1.0 - s.f),  # forget gate
            dc * s.i * (1.0 - s.g**2),  # candidate
            dh * tc * s.o * (1.0 - s.o),  # output gate
        ], axis=-1)
        record(t, da, da)
        dh, dc = rescale(da @ w.weight_hh, dc * s.f)  # ∂o_T/∂h_{t-1}, ∂o_T/∂c_{t-1}


# --- GRU -----------------------------------------------------------------------


def gru_states(xs: np.ndarray, w: GatedWeights) -> list[GruStep]:
    """One GruStep per input, from h_0 = 0."""
    h = _zeros(xs, w)
    H = h.shape[-1]
    out = []
    for x in xs:
        ai = x @ w.weight_ih.T + w.bias_ih
        ah = h @ w.weight_hh.T + w.bias_hh
        r = sigmoid(ai[..., :H] + ah[..., :H])
        z = sigmoid(ai[..., H : 2 * H] + ah[..., H : 2 * H])
        hn = ah[..., 2 * H :]
        n = np.tanh(ai[..., 2 * H :] + r * hn)
        h_new = (1.0 - z) * n + z * h
        out.append(GruStep(r, z, n, hn, h, h_new))
        h = h_new
    return out


def gru_backward(steps: list[GruStep], w: GatedWeights, dh: np.ndarray, record: Record,
                 rescale=_no_rescale) -> None:
    """Backprop from ∂o_T/∂h_T = ``dh`` down to step 1, mirroring ``gru_states``."""
    for t in range(len(steps) - 1, -1, -1):
        s = steps[t]
        dan = dh * (1.0 - s.z) * (1.0 - s.n**2)  # pre-activation of n
        dar = dan * s.hn * s.r * (1.0 - s.r)  # reset gate
        daz = dh * (s.h_prev - s.n) * s.z * (1.0 - s.z)  # update gate
        dai = np.concatenate([dar, daz, dan], axis=-1)  # grads of the input-side sums
        dah = np.concatenate([dar, daz, dan * s.r], axis=-1)  # grads of the hidden-side sums
        record(t, dai, dah)
        (dh,) = rescale(dh * s.z + dah @ w.weight_hh)  # ∂o_T/∂h_{t-1}


CELL = {"lstm": (lstm_states, lstm_backward), "gru": (gru_states, gru_backward)}


def gated_forward(kind: str, xs: np.ndarray, w: GatedWeights) -> np.ndarray:
    """o_T of the cell over xs (T, D) -> shape (1,), or a batch (T, B, D) -> (B, 1)."""
    states, _ = CELL[kind]
    return states(xs, w)[-1].h @ w.V.T + w.c


def input_gradients(kind: str, xs: np.ndarray, w: GatedWeights) -> Gradients:
    """‖∂o_T/∂x_t‖ for one sequence xs (T, D), by backprop through the cell."""
    states, backward = CELL[kind]
    bp = Backprop(len(xs), xs.shape[1])
    backward(states(xs, w), w, w.V[0].copy(), lambda t, d_ih, _: bp.record(t, d_ih @ w.weight_ih), bp.rescale)
    return bp.result(kind)


def gated_gradients(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ of an LSTM or GRU at its starting weights (core.gradients.init)."""
    w = gated_weights(spec.cell, spec.hidden, spec.seed, spec.gate_bias, spec.scale)
    return input_gradients(spec.cell, inputs(spec.length, spec.seed), w)
