"""Everything random in core.gradients, drawn from the seed with NumPy in one place:
the input sequence and every cell's starting weights.

One init for all three cells, so comparing them is fair: torch's default for
nn.RNN / nn.LSTMCell / nn.GRUCell and nn.Linear(H, 1), every parameter uniform
in ±1/√H (the same distribution, not torch's random stream: no cell needs
torch), with every recurrent matrix (W, or W_hh's gate blocks) × ``scale``.
The one difference is what makes a gated cell a memory: its keep-gate (the
LSTM's forget gate f, the GRU's update gate z) gets the bias ``gate_bias``, so
it starts mostly open; None keeps the plain draw.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from core.forward.vector import Weights
from core.gradients.spec import INPUT_SIZE

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


def _uniform(rng: np.random.Generator, hidden: int, shape) -> np.ndarray:
    bound = 1.0 / math.sqrt(hidden)  # torch's default range
    return rng.uniform(-bound, bound, shape)


def rnn_weights(hidden: int, scale: float, seed: int, size: int = INPUT_SIZE) -> Weights:
    """The tanh RNN, float64: torch's default range (±1/√H) everywhere, W × scale."""
    rng = np.random.default_rng([seed, 1])
    U = _uniform(rng, hidden, (hidden, size))
    W = scale * _uniform(rng, hidden, (hidden, hidden))
    b = _uniform(rng, hidden, hidden)
    V = _uniform(rng, hidden, (1, hidden))
    c = _uniform(rng, hidden, 1)
    return Weights(U, W, b, V, c)


def gated_weights(kind: str, hidden: int, seed: int, gate_bias: float | None = None, scale: float = 1.0,
                  size: int = INPUT_SIZE) -> GatedWeights:
    """An LSTM or GRU cell at torch's default init (every parameter uniform in ±1/√H), W_hh × scale.

    Args:
        gate_bias: the bias of the keep-gate, the LSTM's forget gate f or the GRU's
            update gate z (both the second block: bias_ih's, with bias_hh's set
            to 0). None keeps the plain draw.
    """
    rng = np.random.default_rng([seed, 2 if kind == "lstm" else 3])
    G = GATES[kind] * hidden
    w = GatedWeights(
        weight_ih=_uniform(rng, hidden, (G, size)),
        weight_hh=scale * _uniform(rng, hidden, (G, hidden)),
        bias_ih=_uniform(rng, hidden, G),
        bias_hh=_uniform(rng, hidden, G),
        V=_uniform(rng, hidden, (1, hidden)),
        c=_uniform(rng, hidden, 1),
    )
    if gate_bias is not None:
        w.bias_ih[hidden : 2 * hidden] = gate_bias  # LSTM gates i, f, g, o; GRU gates r, z, n
        w.bias_hh[hidden : 2 * hidden] = 0.0
    return w
