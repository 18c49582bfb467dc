"""What the Forward run is computed from, and the numbers typed into its fields (no NumPy: used before the
first frame)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from core.forward.scalar import ScalarParams
from core.forward.tokens import DEFAULT_SENTENCE
from core.forward.vector_params import VectorParams

COMPARE_DEFAULTS = ("我喜欢美女", "我不喜欢美女")


@dataclass(frozen=True)
class ForwardInput:
    """The Forward tab's settings: a change re-runs core (tui.tabs.forward watches it)."""

    sentence: str = DEFAULT_SENTENCE
    sentence_b: str = COMPARE_DEFAULTS[1]  # compare mode's second sentence
    tokens: str = "word"  # 'word' (segmented) or 'char'
    mode: str = "scalar"  # 'scalar' (the tutorial's walk-through) or 'vector'
    compare: bool = False  # two sentences side by side (vector weights)
    scalar: ScalarParams = field(default_factory=ScalarParams)
    vector: VectorParams = field(default_factory=VectorParams)

    @property
    def vector_shown(self) -> bool:
        return self.mode == "vector" or self.compare


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
