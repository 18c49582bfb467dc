"""What to differentiate (GradientSpec), its limits, and its check."""

from __future__ import annotations

from dataclasses import dataclass

from core.checks import MAX_SEED, RULES, SettingError, choice, number, whole
from core.forward.scalar import ScalarParams

CELLS = ("scalar", "rnn", "lstm", "gru")
MAX_LENGTH = 10_000
MAX_HIDDEN = 512
MAX_SCALE = 100.0
MAX_GATE_BIAS = 100.0
MAX_WEIGHT = 1e6  # the scalar cell's |u|, |w|, |v|
MAX_CLIP = 1e300  # the clipping threshold c: above 0, at most this
INPUT_SIZE = 1  # D: x_t is one number, like the tutorial's sin input
GATE_BIAS = 2.0  # memory gates start σ(2) ≈ 0.88 open: a gated cell keeps most of its state each step


class GradientError(SettingError):
    """A bad setting (``field``: the GradientSpec field at fault, or "clip" for the threshold c)."""

    rules = {
        **RULES,
        "cut_off": "{name} = 0 cuts every input off from o_T (all gradients are 0): use another value",
        "overflow": "the gradient is beyond float64's range: clipping needs finite numbers (shorten the sequence)",
    }
    names = {"hidden": "hidden size", "gate_bias": "gate bias", "clip": "clipping threshold c"}


@dataclass(frozen=True)
class GradientSpec:
    """What to differentiate. Only the fields the cell uses matter."""

    cell: str = "rnn"  # scalar, rnn, lstm or gru
    length: int = 30  # T: time steps
    scale: float = 1.0  # rnn/lstm/gru: recurrent weights × scale (1: torch's default range ±1/√H)
    u: float = ScalarParams.u  # scalar: input weight (the tutorial's u)
    w: float = ScalarParams.w  # scalar: recurrent weight
    v: float = ScalarParams.v  # scalar: output weight
    hidden: int = 32  # H: hidden units of rnn/lstm/gru (the tutorial's 32)
    seed: int = 0  # weights and inputs are drawn from this seed
    gate_bias: float | None = GATE_BIAS  # lstm forget gate f, gru update gate z: their bias (None: torch's plain draw)


def validate(spec: GradientSpec) -> None:
    """Raise GradientError with a one-line message for a bad setting."""
    choice(GradientError, "cell", spec.cell, CELLS)
    whole(GradientError, "length", spec.length, 1, MAX_LENGTH)
    whole(GradientError, "hidden", spec.hidden, 1, MAX_HIDDEN)
    whole(GradientError, "seed", spec.seed, 0, MAX_SEED)
    number(GradientError, "scale", spec.scale, 0, MAX_SCALE)
    for name in ("u", "w", "v"):
        number(GradientError, name, getattr(spec, name), -MAX_WEIGHT, MAX_WEIGHT)
    for name in ("u", "v"):
        if getattr(spec, name) == 0:
            raise GradientError(name, "cut_off")
    if spec.gate_bias is not None:
        number(GradientError, "gate_bias", spec.gate_bias, -MAX_GATE_BIAS, MAX_GATE_BIAS)
