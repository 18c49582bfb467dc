"""Initial weights for the sin -> cos model, drawn with NumPy from the seed.

Both engines start from these arrays, so the same seed gives the same run in
torch and in NumPy. Names and shapes follow torch's state_dict of
``nn.RNN/LSTM/GRU(1, H, batch_first=True)`` (as ``rnn.*``) + ``nn.Linear(H, 1)``
(as ``out.*``); every value is uniform in ±1/sqrt(H), torch's default range.
"""

from __future__ import annotations

import numpy as np

from core.config import GATES, TrainConfig


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


def init_weights(config: TrainConfig, seed: int) -> dict[str, np.ndarray]:
    """Seeded initial weights in ``config.dtype``."""
    rng = np.random.default_rng(seed)
    bound = 1.0 / np.sqrt(config.hidden_size)
    return {
        name: rng.uniform(-bound, bound, size=shape).astype(config.dtype)
        for name, shape in shapes(config).items()
    }
