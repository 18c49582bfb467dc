"""Sentence -> tokens -> ids, as in the tutorial: 我爱中国 -> 我=1, 爱=2, 中国=3.

Ids start at 1 and follow the order of first appearance; a repeated token keeps
its id. Word mode segments with rjieba (jieba's dictionary and algorithm, loaded
lazily in about 0.1 s); char mode gives one token per character (a base character with its combining marks, variation
selectors and zero-width joiners counts as one).
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

from core.io.visible import UNSAFE

MODES = ("word", "char")
DEFAULT_SENTENCE = "我爱中国"  # the tutorial's example: 我=1, 爱=2, 中国=3

_cut = None
_cut_lock = threading.Lock()


class SegmenterMissing(ValueError):
    """Word mode needs rjieba, and it is not installed."""


def _load_segmenter():
    """rjieba's cut (jieba-rs: jieba's dictionary and algorithm; imports with its
    dictionary in about 0.1 s, writes no cache file, logs nothing)."""
    global _cut
    with _cut_lock:
        if _cut is None:
            try:
                import rjieba
            except ImportError:
                raise SegmenterMissing("word mode needs rjieba (pip install rjieba); char mode works without it") from None
            _cut = rjieba.cut
    return _cut


def preload() -> None:
    """Start loading the segmenter in a thread (its dictionary takes about 0.1 s),
    so it overlaps with whatever the caller imports next; the first cut waits for it."""
    threading.Thread(target=_load_segmenter, daemon=True, name="rjieba-load").start()


def _joins_previous(ch: str) -> bool:
    """True for code points that belong to the character before them."""
    return (
        unicodedata.combining(ch) > 0
        or unicodedata.category(ch) in ("Mn", "Me")
        or ch in ("\u200d", "\ufe0e", "\ufe0f")
        or 0x1F3FB <= ord(ch) <= 0x1F3FF  # skin-tone modifiers
    )


def split_chars(text: str) -> list[str]:
    """One token per user-visible character; whitespace separates and is dropped."""
    out: list[str] = []
    glue = False  # the previous code point was a zero-width joiner
    for ch in text:
        if ch.isspace():
            glue = False
            continue
        if out and (glue or _joins_previous(ch)):
            out[-1] += ch
        else:
            out.append(ch)
        glue = ch == "\u200d"
    return out


def split_words(text: str) -> list[str]:
    """Words by jieba's algorithm; whitespace separates chunks; punctuation stays a token."""
    chunks = text.split()
    if not chunks:
        return []
    cut = _load_segmenter()
    words: list[str] = []
    for chunk in chunks:
        words.extend(_merge_letters([w for w in cut(chunk) if w.strip()]))
    # the segmenter splits combining marks off their base: glue them back.
    return _merge_marks(words)


def _is_letters(word: str) -> bool:
    """Letters or digits outside the wide (CJK) scripts, e.g. 'caf', 'é', 'Москва'."""
    return word.isalnum() and not any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in word)


def _merge_letters(words: list[str]) -> list[str]:
    """Glue back non-CJK letters the segmenter cut apart (it keeps only ASCII letters together: caf|é)."""
    out: list[str] = []
    for word in words:
        if out and _is_letters(out[-1]) and _is_letters(word):
            out[-1] += word
        else:
            out.append(word)
    return out


def _merge_marks(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and (out[-1].endswith("\u200d") or _joins_previous(word[0])):
            out[-1] += word
        else:
            out.append(word)
    return out


def split(text: str, mode: str = "word") -> list[str]:
    """Split ``text`` into tokens in ``mode`` ('word' or 'char')."""
    if mode not in MODES:
        raise ValueError(f"unknown token mode {mode!r}: use word or char")
    text = UNSAFE.sub(" ", text)  # control characters separate, never become tokens
    return split_words(text) if mode == "word" else split_chars(text)


class Vocab:
    """Token -> id, ids from 1 in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, token: str) -> int:
        """Id of ``token``, giving it the next id if it is new."""
        if token not in self.ids:
            self.ids[token] = len(self.ids) + 1
        return self.ids[token]


@dataclass(frozen=True)
class Tokenized:
    """A sentence split into tokens and numbered.

    Attributes:
        tokens: the tokens in order.
        ids: one id per token (1-based).
        vocab_size: how many distinct tokens the vocabulary holds.
    """

    tokens: tuple[str, ...]
    ids: tuple[int, ...]
    vocab_size: int


def tokenize(text: str, mode: str = "word", vocab: Vocab | None = None) -> Tokenized:
    """Split and number ``text``. Pass one ``vocab`` to number several sentences alike."""
    vocab = vocab if vocab is not None else Vocab()
    tokens = split(text, mode)
    ids = tuple(vocab.add(tok) for tok in tokens)
    return Tokenized(tuple(tokens), ids, len(vocab))
