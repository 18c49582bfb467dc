"""The dispatcher: a GradientSpec in, its cell's Gradients out (NumPy only, never torch)."""

from __future__ import annotations

from core.gradients.gated import gated_gradients
from core.gradients.result import Gradients
from core.gradients.scalar import scalar_gradients
from core.gradients.spec import GradientSpec, validate
from core.gradients.tanh import rnn_gradients

BY_CELL = {"scalar": scalar_gradients, "rnn": rnn_gradients, "lstm": gated_gradients, "gru": gated_gradients}


def compute(spec: GradientSpec) -> Gradients:
    """‖∂o_T/∂x_t‖ for t = 1..T, for the spec's cell.

    Raises:
        GradientError: a bad setting.
    """
    validate(spec)
    return BY_CELL[spec.cell](spec)
