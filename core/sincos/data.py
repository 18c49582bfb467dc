"""The sin -> cos data of the tutorial's section 4.

Window k covers [kπ, (k+1)π) with ``time_step`` points (endpoint excluded), in
float32 by default. The input is sin, the target cos, each shaped
(batch=1, time_step, input=1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Window:
    """One training window."""

    t: np.ndarray  # (time_step,) the x axis: points in [kπ, (k+1)π)
    x: np.ndarray  # (1, time_step, 1) input: sin(t)
    y: np.ndarray  # (1, time_step, 1) target: cos(t)


def window(k: int, time_step: int = 10, dtype: str = "float32") -> Window:
    """The k-th window (k counts from 0)."""
    t = np.linspace(k * np.pi, (k + 1) * np.pi, time_step, endpoint=False, dtype=np.dtype(dtype))
    x = np.sin(t)[np.newaxis, :, np.newaxis]
    y = np.cos(t)[np.newaxis, :, np.newaxis]
    return Window(t, x, y)
