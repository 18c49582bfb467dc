"""What to differentiate (GradientSpec), its limits, and its check."""

from __future__ import annotations

from dataclasses import dataclass

from core.checks import MAX_SEED, RULES, SettingError, check, setting
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
    """What to differentiate, each setting declared once. Only the fields the cell uses matter."""

    cell: str = setting("rnn", kind="choice", choices=CELLS, flag="--cell", label="gradients.cell", widget="grad-cell",
                        options="gradients.cell", help="scalar (the tutorial's), rnn (tanh), lstm or gru")
    length: int = setting(30, low=1, high=MAX_LENGTH, flag="--length", label="gradients.length", widget="grad-length",
                          help="time steps T")
    scale: float = setting(1.0, kind="number", high=MAX_SCALE, flag="--scale", label="gradients.scale",
                           widget="grad-scale", help="rnn/lstm/gru: recurrent weights × scale (1: torch's init, ±1/√H)")
    u: float = setting(ScalarParams.u, kind="number", low=-MAX_WEIGHT, high=MAX_WEIGHT, flag="--u", section="scalar",
                       help="input weight (the tutorial's u)")
    w: float = setting(ScalarParams.w, kind="number", low=-MAX_WEIGHT, high=MAX_WEIGHT, flag="--w", section="scalar",
                       label="gradients.w", widget="grad-w", help="recurrent weight")
    v: float = setting(ScalarParams.v, kind="number", low=-MAX_WEIGHT, high=MAX_WEIGHT, flag="--v", section="scalar",
                       help="output weight")
    hidden: int = setting(32, low=1, high=MAX_HIDDEN, flag="--hidden", section="gated", label="gradients.hidden",
                          widget="grad-hidden", help="hidden units H of rnn/lstm/gru (the tutorial's 32)")
    seed: int = setting(0, high=MAX_SEED, flag="--seed", section="gated", label="gradients.seed", widget="grad-seed",
                        help="seed of the weights and inputs")
    # lstm forget gate f, gru update gate z: their bias (None: torch's plain draw)
    gate_bias: float | None = setting(GATE_BIAS, kind="number", low=-MAX_GATE_BIAS, high=MAX_GATE_BIAS, optional=True,
                                      none_word="none", flag="--forget-bias", section="gated", label="gradients.gate",
                                      widget="grad-gate",
                                      help="bias of the LSTM's forget gate and the GRU's update gate (none: torch's plain init)")


def validate(spec: GradientSpec) -> None:
    """Raise GradientError with a one-line message for a bad setting."""
    check(GradientError, spec)
    for name in ("u", "v"):
        if getattr(spec, name) == 0:
            raise GradientError(name, "cut_off")
