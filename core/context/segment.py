"""Text -> the words the Context models read, for Chinese, English and both mixed.

- Runs of Chinese characters go through the Forward tab's word segmenter
  (``core.forward.tokens.split(run, "word")``), so both tabs cut 我不喜欢美女 alike.
- Everything else follows the English rule: a word is a run of letters or
  digits, lowercased, with apostrophes inside it kept (so "Don't" is the one
  word ``don't``, the negator; "do not" is ``do``, ``not``). A curly ’ counts as '.
- Clause punctuation is kept as a token, full-width or not (，-> ``,``; 。-> ``.``; ！ -> ``!``; also
  ? ; :): it ends a clause for the label rule and for the RNN. Other punctuation, spaces and control
  characters separate words and are dropped; any other symbol (an emoji, ¥) is a word of its own.

``back_off(words, known)`` then cuts Chinese words a model does not know into words it does
(rjieba keeps 不好看 and 很差 whole; a model that knows 不, 好看, 很, 差 reads 不 + 好看, 很 + 差).
"""

from __future__ import annotations

import re
import unicodedata

from core.forward import tokens as _tokens
from core.io.visible import UNSAFE

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_LETTER = rf"[^\W_{_CJK}]"  # a letter or digit outside the Chinese runs
_PIECES = re.compile(rf"([{_CJK}]+)|({_LETTER}+(?:'{_LETTER}+)*)|((?:[^\w\s]|_)+)")
_CLAUSE_MARKS = {"。": ".", "、": ","}  # NFKC already maps ，！？；： to , ! ? ; :
CLAUSE_MARKS = frozenset(",.!?;:")  # the punctuation kept as tokens
_CHINESE = re.compile(f"[{_CJK}]+")


def segment(text: str) -> list[str]:
    """The words of ``text`` (see the module docstring for the rule)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    text = UNSAFE.sub(" ", text)  # control characters separate words, as in Forward
    out: list[str] = []
    for chinese, word, other in _PIECES.findall(text):
        if chinese:
            out.extend(_tokens.split(chinese, "word"))
        elif word:
            out.append(word.lower())
        else:  # symbols: one word per visible character (an emoji sequence stays whole)
            for ch in _tokens.split_chars(other):
                ch = _CLAUSE_MARKS.get(ch, ch)
                if ch in CLAUSE_MARKS:
                    if not out or out[-1] not in CLAUSE_MARKS:  # "!!!" or "，。" is one clause end
                        out.append(ch)
                elif not unicodedata.category(ch[0]).startswith("P"):
                    out.append(ch)
    return out


def back_off(words, known) -> list[str]:
    """``words`` with every run of Chinese words outside ``known`` cut again into words inside it.

    A run of neighbouring unknown Chinese words is joined (rjieba may cut 不靠谱 as 不靠 + 谱) and cut
    into as few known words as possible; if known words do not cover the run, each of its words is tried
    alone, and a word they do not cover whole stays as rjieba cut it (不可思议 is not 不 + 可思议:
    a model must not read a negation into a word it does not know).
    English words are kept.
    """
    out: list[str] = []
    run: list[str] = []
    for word in [*words, None]:
        if word is not None and word not in known and _CHINESE.fullmatch(word):
            run.append(word)
            continue
        if run:
            out.extend(_cover("".join(run), known) or [p for word in run for p in _cover(word, known) or [word]])
            run = []
        if word is not None:
            out.append(word)
    return out


MAX_PIECE = 8  # the longest known word tried while covering


def _cover(text: str, known) -> list[str] | None:
    """``text`` cut into the fewest known words, or None if known words cannot cover it."""
    fewest: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(text)  # (pieces, start of the last piece)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - MAX_PIECE), end):
            if fewest[start] is not None and text[start:end] in known:
                if fewest[end] is None or fewest[start][0] + 1 < fewest[end][0]:
                    fewest[end] = (fewest[start][0] + 1, start)
    if fewest[-1] is None:
        return None
    pieces, end = [], len(text)
    while end:
        start = fewest[end][1]
        pieces.append(text[start:end])
        end = start
    return pieces[::-1]


def join(words) -> str:
    """Words back into a sentence to show: a space between two words unless both sides are Chinese
    (我 不 喜欢 -> 我不喜欢; i like cats -> i like cats; 我 love 猫 -> 我 love 猫); none before a clause mark
    (i like it , but -> i like it, but)."""
    out = ""
    for word in words:
        if out and word not in CLAUSE_MARKS and not (re.match(f"[{_CJK}]", word) and re.search(f"[{_CJK}]$|[,.!?;:]$", out)):
            out += " "
        out += word
    return out
