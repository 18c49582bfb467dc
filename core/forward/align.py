"""Two word sequences lined up on their shared words (difflib's longest matching blocks), so a comparison
puts 喜欢 beside 喜欢 and not beside 不: used by both tabs that compare two sentences."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher


def align(a: Sequence[str], b: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pairs of word indices (None: no partner), shared words on one row, in order."""
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, list(a), list(b), autojunk=False).get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
        elif op == "replace":
            left, right = list(range(i1, i2)), list(range(j1, j2))
            k = max(len(left), len(right))
            pairs.extend((left[m] if m < len(left) else None, right[m] if m < len(right) else None) for m in range(k))
        else:
            pairs.extend((i, None) for i in range(i1, i2))
            pairs.extend((None, j) for j in range(j1, j2))
    return pairs
