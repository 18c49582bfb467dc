"""Numbers typed into the Forward tab's fields (no NumPy: used before the first frame)."""

from __future__ import annotations

import math


def parse_float(text: str) -> float | None:
    """A finite number from a field, or None."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_int(text: str, low: int, high: int) -> int | None:
    """An integer in [low, high] from a field, or None."""
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if low <= value <= high else None
