"""Initial weights for the sin -> cos model: exactly what ``torch.manual_seed(seed)`` gives.

The tutorial's script (with its ``torch.manual_seed(1)`` line) builds
``nn.RNN(1, H, batch_first=True)`` and then ``nn.Linear(H, 1)``; their
constructors fill the weights from torch's global CPU generator. This module
redraws those same numbers in NumPy, so seed S means the tutorial's seed S in
both engines and building a model never imports torch (tests compare it with
torch bit for bit):

- torch's CPU generator is the standard 32-bit Mersenne Twister seeded with
  ``init_genrand(seed)``: NumPy's legacy ``RandomState(seed)`` is the same one.
- a float32 ``uniform_(a, b)`` takes one 32-bit draw per element, keeps its low
  24 bits as ``x = bits / 2**24`` and returns ``float32(x * (b - a) + a)`` (in double).
- ``nn.RNN/LSTM/GRU`` fill weight_ih, weight_hh, bias_ih, bias_hh, each from
  ``uniform(-1/sqrt(H), 1/sqrt(H))``; ``nn.Linear`` fills its weight by
  ``kaiming_uniform_(a=sqrt(5))`` (the same range, computed its way) and its bias
  from ``uniform(-1/sqrt(H), 1/sqrt(H))``.

Names and shapes follow torch's state_dict (``rnn.*`` for the cell, ``out.*`` for the Linear).
"""

from __future__ import annotations

import math

import numpy as np

from core.sincos.config import GATES, TrainConfig

_LOW_24_BITS = (1 << 24) - 1  # float32 has 24 significant bits


def shapes(config: TrainConfig) -> dict[str, tuple[int, ...]]:
    """The state_dict shapes of the model ``config`` describes."""
    H, G = config.hidden_size, GATES[config.cell]
    return {
        "rnn.weight_ih_l0": (G * H, config.input_size),  # U: input -> hidden
        "rnn.weight_hh_l0": (G * H, H),  # W: hidden -> hidden
        "rnn.bias_ih_l0": (G * H,),
        "rnn.bias_hh_l0": (G * H,),
        "out.weight": (1, H),  # V: hidden -> output
        "out.bias": (1,),
    }


def fresh_seed() -> int:
    """A random seed, for runs the user did not seed."""
    return int(np.random.SeedSequence().generate_state(1)[0])


def _uniform_float32(rng: np.random.RandomState, shape: tuple[int, ...], low: float, high: float) -> np.ndarray:
    """torch's CPU ``tensor.uniform_(low, high)`` on a float32 tensor, drawing from ``rng``."""
    raw = rng.randint(0, 2**32, size=int(np.prod(shape)), dtype=np.uint32)  # full range: one raw draw each
    x = (raw & _LOW_24_BITS).astype(np.float64) / (1 << 24)
    lo, hi = float(np.float32(low)), float(np.float32(high))  # torch casts the bounds to float32 first
    return (x * (hi - lo) + lo).astype(np.float32).reshape(shape)


def _kaiming_bound(fan_in: int, a: float = math.sqrt(5)) -> float:
    """``nn.init.kaiming_uniform_``'s bound, computed as torch computes it (leaky_relu gain)."""
    gain = math.sqrt(2.0 / (1 + a**2))
    return math.sqrt(3.0) * (gain / math.sqrt(fan_in))


def init_weights(config: TrainConfig, seed: int) -> dict[str, np.ndarray]:
    """The weights the tutorial's model gets after ``torch.manual_seed(seed)``, in ``config.dtype``."""
    rng = np.random.RandomState(seed)  # MT19937 seeded like torch's CPU generator
    stdv = 1.0 / math.sqrt(config.hidden_size)
    bounds = {"out.weight": _kaiming_bound(config.hidden_size)}  # every other tensor: ±stdv
    return {
        name: _uniform_float32(rng, shape, -bounds.get(name, stdv), bounds.get(name, stdv)).astype(config.dtype)
        for name, shape in shapes(config).items()  # torch's construction order
    }
