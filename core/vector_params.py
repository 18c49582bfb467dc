"""The vector RNN's settings and their check, without NumPy.

Split from core/vector.py so that the app can build its first frame (which
shows these settings) before NumPy is imported; core.vector re-exports both.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTIVATION_NAMES = ("tanh", "relu", "identity")  # the keys of core.vector.ACTIVATIONS, in order
HIDDEN_MAX = 1024  # the largest H (and O) the Forward tab and ``rnn-tui forward`` accept
SEED_MAX = 2**32 - 1  # NumPy's seed range
MAX_PRINTED_STEPS = 10_000  # ``rnn-tui forward --mode vector`` prints at most this many steps (~10 MB of JSON)


@dataclass(frozen=True)
class VectorParams:
    """Sizes and seed of the vector RNN."""

    hidden: int = 8  # H: units in the hidden state s
    output: int = 2  # O: units in the output o
    activation: str = "tanh"  # f: tanh, relu or identity
    seed: int = 0  # weights are drawn from this seed, reproducibly


def validate(p: VectorParams) -> None:
    """Raise ValueError with a one-line message for a bad parameter."""
    if p.activation not in ACTIVATION_NAMES:
        raise ValueError(f"unknown activation {p.activation!r}: use tanh, relu or identity")
    if not 1 <= p.hidden <= HIDDEN_MAX:
        raise ValueError(f"hidden size must be between 1 and {HIDDEN_MAX}, got {p.hidden}")
    if not 1 <= p.output <= HIDDEN_MAX:
        raise ValueError(f"output size must be between 1 and {HIDDEN_MAX}, got {p.output}")
    if not 0 <= p.seed <= SEED_MAX:
        raise ValueError(f"seed must be between 0 and {SEED_MAX}, got {p.seed}")
