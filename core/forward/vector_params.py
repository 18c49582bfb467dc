"""The vector RNN's settings and their check, without NumPy.

Split from core/forward/vector.py so that the app can build its first frame (which
shows these settings) before NumPy is imported; core.forward.vector re-exports both.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.checks import MAX_SEED, SettingError, choice, whole

ACTIVATION_NAMES = ("tanh", "relu", "identity")  # the keys of core.forward.vector.ACTIVATIONS, in order
HIDDEN_MAX = 1024  # the largest H (and O) the Forward tab and ``rnn-tui forward`` accept
MAX_PRINTED_STEPS = 10_000  # ``rnn-tui forward --mode vector`` prints at most this many steps (~10 MB of JSON)


class VectorParamsError(SettingError):
    """A bad vector RNN setting (``field``: the VectorParams field at fault)."""

    names = {"hidden": "hidden size", "output": "output size"}


@dataclass(frozen=True)
class VectorParams:
    """Sizes and seed of the vector RNN."""

    hidden: int = 8  # H: units in the hidden state s
    output: int = 2  # O: units in the output o
    activation: str = "tanh"  # f: tanh, relu or identity
    seed: int = 0  # weights are drawn from this seed, reproducibly


def validate(p: VectorParams) -> None:
    """Raise VectorParamsError with a one-line message for a bad parameter."""
    choice(VectorParamsError, "activation", p.activation, ACTIVATION_NAMES)
    whole(VectorParamsError, "hidden", p.hidden, 1, HIDDEN_MAX)
    whole(VectorParamsError, "output", p.output, 1, HIDDEN_MAX)
    whole(VectorParamsError, "seed", p.seed, 0, MAX_SEED)
