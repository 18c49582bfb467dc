"""Everything random in core.gradients, drawn from the seed with NumPy in one place:
the input sequence and every cell's starting weights.

torch's default init for nn.RNN / nn.LSTMCell / nn.GRUCell and nn.Linear(H, 1)
draws every parameter uniformly from ±1/√H; these draws use the same
distribution (not torch's random stream), so no cell needs torch.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from core.gradients.spec import INPUT_SIZE
from core.vector import Weights

GATES = {"lstm": 4, "gru": 3}  # stacked gate blocks: LSTM i, f, g, o; GRU r, z, n


class GatedWeights(NamedTuple):
    """An LSTM or GRU cell and its read-out o_T = V·h_T + c, in torch's layout (float64)."""

    weight_ih: np.ndarray  # (G·H, D) input -> gates, G = 4 (LSTM) or 3 (GRU)
    weight_hh: np.ndarray  # (G·H, H) hidden -> gates: the recurrent weights
    bias_ih: np.ndarray  # (G·H,)
    bias_hh: np.ndarray  # (G·H,)
    V: np.ndarray  # (1, H) hidden -> output
    c: np.ndarray  # (1,) output bias


def inputs(length: int, seed: int, size: int = INPUT_SIZE) -> np.ndarray:
    """(T, D) the seeded random input sequence x_1..x_T (standard normal)."""
    return np.random.default_rng([seed, 7]).standard_normal((length, size))


def orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    """A random (n, n) orthogonal matrix (QR of a Gaussian, signs fixed so it is uniform)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def _uniform(rng: np.random.Generator, hidden: int, shape) -> np.ndarray:
    bound = 1.0 / math.sqrt(hidden)  # torch's default range
    return rng.uniform(-bound, bound, shape)


def rnn_weights(hidden: int, scale: float, seed: int, size: int = INPUT_SIZE) -> Weights:
    """The tanh RNN, float64: torch's default ranges (±1/√H) except W = scale × orthogonal."""
    rng = np.random.default_rng([seed, 1])
    U = _uniform(rng, hidden, (hidden, size))
    W = scale * orthogonal(hidden, rng)
    b = _uniform(rng, hidden, hidden)
    V = _uniform(rng, hidden, (1, hidden))
    c = _uniform(rng, hidden, 1)
    return Weights(U, W, b, V, c)


def gated_weights(kind: str, hidden: int, seed: int, forget_bias: float | None = None,
                  size: int = INPUT_SIZE) -> GatedWeights:
    """An LSTM or GRU cell at torch's default init (every parameter uniform in ±1/√H).

    Args:
        forget_bias: LSTM only: the forget gate's bias (bias_ih's second quarter;
            bias_hh's is set to 0). None keeps the default draw.
    """
    rng = np.random.default_rng([seed, 2 if kind == "lstm" else 3])
    G = GATES[kind] * hidden
    w = GatedWeights(
        weight_ih=_uniform(rng, hidden, (G, size)),
        weight_hh=_uniform(rng, hidden, (G, hidden)),
        bias_ih=_uniform(rng, hidden, G),
        bias_hh=_uniform(rng, hidden, G),
        V=_uniform(rng, hidden, (1, hidden)),
        c=_uniform(rng, hidden, 1),
    )
    if kind == "lstm" and forget_bias is not None:
        w.bias_ih[hidden : 2 * hidden] = forget_bias  # gates are ordered i, f, g, o
        w.bias_hh[hidden : 2 * hidden] = 0.0
    return w
