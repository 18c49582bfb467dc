"""Where to break wrapped text so Chinese follows its line-breaking rules.

Textual and Rich break lines only at spaces and fold a run of Chinese (which
has none) at whatever character reaches the edge, so a line can start with ，
or end with （. ``break_offsets`` picks the breaks instead: between any two
Chinese characters or at a space, never inside a Latin word or a formula, never
before closing punctuation (，。、；：？！）」』” …) and never after opening
punctuation (（「『“ …): the character next to it moves with it.

    breaks = break_offsets(text, width)     # indexes where a new line starts
    lines = split_at(text, breaks)          # the lines, spaces at the breaks dropped
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

NO_LINE_START = "，。、；：？！）」』”’》】〉…·%,.;:?!)]}"  # closing punctuation: never first on a line
NO_LINE_END = "（「『“‘《【〈([{"  # opening punctuation: never last on a line


def _cells(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a wide (Chinese, full-width) character: the rules matter."""
    return any(_wide(ch) for ch in text)


def _units(text: str, keep: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, space_before) of the pieces a line may break between.

    A piece is one wide character or a run of non-space narrow ones; a ``keep``
    range (a formula) is one piece; closing punctuation joins the piece before
    it and opening punctuation the piece after it."""
    kept = {start: end for start, end in keep}
    pieces: list[list] = []  # [start, end, space_before]
    i, n, space = 0, len(text), False
    while i < n:
        ch = text[i]
        if ch == " ":
            space, i = True, i + 1
            continue
        if i in kept and kept[i] > i:
            end = kept[i]
        elif _wide(ch):
            end = i + 1
        else:
            end = i + 1
            while end < n and text[end] != " " and not _wide(text[end]) and end not in kept:
                end += 1
        glue = pieces and not space and (ch in NO_LINE_START or text[pieces[-1][1] - 1] in NO_LINE_END)
        if glue:
            pieces[-1][1] = end
        else:
            pieces.append([i, end, space])
        while end < n and _cells(text[end]) == 0:  # a combining mark stays on its character
            end += 1
            pieces[-1][1] = end
        space, i = False, end
    return [tuple(p) for p in pieces]


def break_offsets(text: str, width: int, keep: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The indexes of ``text`` (one line, no newlines) where wrapped lines start.

    Args:
        text: the paragraph's plain text.
        width: the room in terminal cells.
        keep: (start, end) ranges not to break inside when they fit on a line (formulas).
    """
    breaks: list[int] = []
    used = 0
    for start, end, space in _units(text, keep):
        piece = sum(_cells(ch) for ch in text[start:end])
        gap = 1 if space and used else 0
        if used and used + gap + piece > width:
            breaks.append(start)
            used, gap = 0, 0
        if piece > width:  # longer than a line: fold it by characters
            for k in range(start, end):
                c = _cells(text[k])
                if used + gap + c > width and used:
                    breaks.append(k)
                    used, gap = 0, 0
                used += gap + c
                gap = 0
            continue
        used += gap + piece
    return breaks


def split_at(text: str, breaks: Iterable[int]) -> list[str]:
    """``text`` cut at ``breaks``, without the spaces around each break."""
    out, last = [], 0
    for b in list(breaks) + [len(text)]:
        out.append(text[last:b].rstrip(" "))
        last = b
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, by the rules above (each paragraph on its own)."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines += split_at(para, break_offsets(para, max(width, 2)))
    return lines
