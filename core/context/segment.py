"""Text -> the words the Context models read, for Chinese, English and both mixed.

- Runs of Chinese characters go through the Forward tab's word segmenter
  (``core.tokens.split(run, "word")``), so both tabs cut 我不喜欢美女 alike.
- Everything else follows the English rule: a word is a run of letters or
  digits, lowercased, with apostrophes inside it kept (so "Don't" is the one
  word ``don't``, the negator; "do not" is ``do``, ``not``). A curly ’ counts as '.
- Punctuation (，。,.!?…), spaces and control characters separate words and are dropped; any other
  symbol (an emoji, ¥) is a word of its own, which the models will not know.
"""

from __future__ import annotations

import re
import unicodedata

from core import tokens as _tokens
from core.visible import UNSAFE

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_LETTER = rf"[^\W_{_CJK}]"  # a letter or digit outside the Chinese runs
_PIECES = re.compile(rf"([{_CJK}]+)|({_LETTER}+(?:'{_LETTER}+)*)|((?:[^\w\s]|_)+)")


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
        else:  # symbols: one word per visible character (an emoji sequence stays whole), punctuation dropped
            out.extend(ch for ch in _tokens.split_chars(other) if not unicodedata.category(ch[0]).startswith("P"))
    return out


def join(words) -> str:
    """Words back into a sentence to show: a space between two words unless both sides are Chinese
    (我 不 喜欢 -> 我不喜欢; i like cats -> i like cats; 我 love 猫 -> 我 love 猫)."""
    out = ""
    for word in words:
        if out and not (re.match(f"[{_CJK}]", word) and re.search(f"[{_CJK}]$", out)):
            out += " "
        out += word
    return out
