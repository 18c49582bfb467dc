"""What one engine step returns (both engines: core.sincos.train_torch and core.sincos.train_numpy)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class EngineStep(NamedTuple):
    """One window's forward, backward and update."""

    loss: float  # MSE over the window, before the update
    prediction: np.ndarray  # (1, T, 1)
    h: np.ndarray  # hidden state after the window ((H,); LSTM: (2, H), h and c)
    grad_norm: float  # 2-norm of the whole gradient, before clipping
    grad_max: float  # largest |element| of the gradient, before clipping (what clip-by-value compares with c)
