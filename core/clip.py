"""Gradient clipping, the cure for exploding gradients (the tutorial's section 5).

By value (the tutorial's rule): an element above c becomes c, below -c becomes -c.
By norm: if the whole gradient's 2-norm exceeds c, scale it down to norm c
(torch's clip_grad_norm_, including its 1e-6 guard).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def total_norm(grads: Sequence[np.ndarray]) -> float:
    """2-norm of all gradients taken together."""
    return float(np.sqrt(sum(float(np.sum(np.square(g, dtype=np.float64))) for g in grads)))


def clip_by_value(grads: Sequence[np.ndarray], c: float) -> list[np.ndarray]:
    """Each element clamped to [-c, c] (new arrays)."""
    return [np.clip(g, -c, c) for g in grads]


def clip_by_norm(grads: Sequence[np.ndarray], c: float) -> list[np.ndarray]:
    """All gradients scaled by min(1, c / (norm + 1e-6)), as torch.nn.utils.clip_grad_norm_ does."""
    coef = min(1.0, c / (total_norm(grads) + 1e-6))
    return [g * np.asarray(coef, dtype=g.dtype) for g in grads]
