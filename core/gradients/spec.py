"""What to differentiate (GradientSpec), its limits, and its check."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.scalar import ScalarParams

CELLS = ("scalar", "rnn", "lstm", "gru")
MAX_LENGTH = 10_000
MAX_HIDDEN = 512
MAX_SCALE = 100.0
MAX_SEED = 2**32 - 1
MAX_GATE_BIAS = 100.0
INPUT_SIZE = 1  # D: x_t is one number, like the tutorial's sin input
GATE_BIAS = 2.0  # memory gates start σ(2) ≈ 0.88 open: a gated cell keeps most of its state each step


class GradientError(ValueError):
    """A bad setting; the message is one line a user can act on."""


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
    if spec.cell not in CELLS:
        raise GradientError(f"unknown cell {spec.cell!r}: use scalar, rnn, lstm or gru")
    if not 1 <= spec.length <= MAX_LENGTH:
        raise GradientError(f"length must be between 1 and {MAX_LENGTH}, got {spec.length}")
    if not 1 <= spec.hidden <= MAX_HIDDEN:
        raise GradientError(f"hidden size must be between 1 and {MAX_HIDDEN}, got {spec.hidden}")
    if not 0 <= spec.seed <= MAX_SEED:
        raise GradientError(f"seed must be between 0 and {MAX_SEED}, got {spec.seed}")
    for name in ("scale", "u", "w", "v"):
        if not math.isfinite(getattr(spec, name)):
            raise GradientError(f"{name} must be a finite number, got {getattr(spec, name)}")
    if not 0 <= spec.scale <= MAX_SCALE:
        raise GradientError(f"scale must be between 0 and {MAX_SCALE:g}, got {spec.scale:g}")
    if abs(spec.w) > 1e6:
        raise GradientError(f"w must be between -1e6 and 1e6, got {spec.w:g}")
    for name in ("u", "v"):
        value = getattr(spec, name)
        if value == 0:
            raise GradientError(f"{name} = 0 cuts every input off from o_T (all gradients are 0): use another value")
        if abs(value) > 1e6:
            raise GradientError(f"{name} must be between -1e6 and 1e6, got {value:g}")
    gb = spec.gate_bias
    if gb is not None and not (math.isfinite(gb) and abs(gb) <= MAX_GATE_BIAS):
        raise GradientError(f"gate bias must be between -{MAX_GATE_BIAS:g} and {MAX_GATE_BIAS:g}, got {gb}")
