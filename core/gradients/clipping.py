"""The clipping view: one exploding gradient before and after the two kinds of clipping (core.clip)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.checks import positive
from core.clip import clip_by_norm, clip_by_value, total_norm
from core.gradients.compute import compute
from core.gradients.result import Gradients
from core.gradients.spec import MAX_CLIP, GradientError, GradientSpec

CLIP_DEFAULT = 10.0  # the threshold c the tab starts with
# explodes: |2·(-1.5)^49| ≈ 8.5e8; w < 0 flips the sign every step, so clipping meets values above c and below -c
CLIP_PRESET = GradientSpec(cell="scalar", length=50, u=1.0, w=-1.5, v=2.0)


@dataclass(frozen=True, eq=False)
class ClipView:
    """One gradient before and after the two kinds of clipping."""

    c: float  # the threshold
    before: np.ndarray  # (T,) the gradient
    by_value: np.ndarray  # (T,) each element clamped to [-c, c]
    by_norm: np.ndarray  # (T,) the whole vector scaled down to norm c (if above)
    norm_before: float
    norm_by_value: float
    norm_by_norm: float


def validate_clip(c: float) -> None:
    positive(GradientError, "clip", c, MAX_CLIP)


def clip_view(grad: np.ndarray, c: float) -> ClipView:
    """``grad`` (any shape, flattened) clipped by value c and by norm c (core.clip).

    Raises:
        GradientError: c is not above 0, or the gradient is not finite.
    """
    validate_clip(c)
    g = np.asarray(grad, dtype=np.float64).reshape(-1)
    if not np.all(np.isfinite(g)):
        raise GradientError(None, "overflow")
    (by_value,) = clip_by_value([g], c)
    (by_norm,) = clip_by_norm([g], c)
    return ClipView(c, g, by_value, by_norm, total_norm([g]), total_norm([by_value]), total_norm([by_norm]))


def clip_preset(c: float) -> tuple[Gradients, ClipView]:
    """The exploding preset and its gradient clipped at c."""
    grads = compute(CLIP_PRESET)
    return grads, clip_view(grads.grads[:, 0], c)
