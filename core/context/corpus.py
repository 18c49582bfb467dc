"""The generated corpus: a small language of reviews, in Chinese and English, labelled by one rule.

Sentences are built from clauses (``core.context.grammar``: a sentiment word, its degree
words and negators, a topic) as single clauses, coordinated predicates (又脏又吵, clean and
quiet) and contrasts (虽然…但是, but, although). Each sentence is joined into text and cut
again by the app's own segmenter and back-off (``core.context.segment``), so the model
trains on exactly the tokens it will read in the tab; then ``core.context.lexicon.label``
labels it.

Contrast sentences come in pairs with the same words and opposite labels (A but B / B but A):
an order-blind model must give both the same answer, so it is at 50% on them by construction.

The held-out split keeps whole (sentiment word, modifier pattern) combinations out of
training (不太 + 好吃 may be held out while 不太 + 好看 and 好吃 alone are trained): a test
sentence is one with any held-out combination, and a pair stays together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.checks import choice
from core.context.config import LANGS, ContextConfigError
from core.context.grammar import En, Zh
from core.context.lexicon import CONCESSIVE, CONTRAST, NEGATORS, SENTIMENT, generated_words, label
from core.context.segment import back_off, segment

KINDS = ("plain", "negation", "double", "coordinated", "contrast")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence."""

    tokens: tuple[str, ...]  # the words, as the segmenter gives them
    label: int  # 1 positive, 0 negative
    lang: str  # zh or en
    kind: str  # one of KINDS
    pair: int | None = None  # contrast pairs: the pair's number (both members share it); else None


@dataclass(frozen=True)
class Corpus:
    """Training and held-out sentences."""

    train: tuple[Example, ...]
    test: tuple[Example, ...]  # sentences with a (sentiment word, modifier) combination training never has
    same_words: tuple[tuple[Example, Example], ...]  # contrast pairs in ``test``: same words, opposite labels


PRESETS = (  # the sentences the Context tab cycles through: the tutorial's, then a pair the order-blind model must get wrong
    "我不喜欢美女",
    "这家餐厅虽然很贵，但是很好吃",
    "这家餐厅虽然很好吃，但是很贵",
    "这部电影不好看",
    "我不太喜欢这家餐厅",
    "我不是不喜欢美女",
    "The food was great but the service was slow",
    "The service was slow but the food was great",
    "this is not good",
    "not bad at all",
    "虽然我喜欢猫但是我不喜欢狗",
    "I don't like cats",
)
COMPARE_PRESETS = (  # sentence pairs for the compare view
    ("这家餐厅虽然很贵，但是很好吃", "这家餐厅虽然很好吃，但是很贵"),
    ("我喜欢美女", "我不喜欢美女"),
    ("The food was great but the service was slow", "The service was slow but the food was great"),
    ("I like cats", "I don't like cats"),
)

SINGLES = 7500  # single-clause and coordinated sentences drawn per language
PAIRS = 1250  # contrast pairs drawn per language (two sentences each)
COORDINATED = 0.1  # share of the singles that coordinate two predicates
HELD_OUT = 0.15  # share of (sentiment word, modifier pattern) combinations kept for the test split


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return generated_words()


def tokens_of(pieces, lang: str) -> tuple[str, ...]:
    """Written pieces -> the tokens the app reads (joined as the language writes, segmented, backed off)."""
    return tuple(back_off(segment(("" if lang == "zh" else " ").join(pieces)), _known()))


def kind_of(tokens) -> str:
    if any(t in CONTRAST or t in CONCESSIVE for t in tokens):
        return "contrast"
    negations = sum(t in NEGATORS for t in tokens)
    return ("plain", "negation")[negations] if negations < 2 else "double"


class _Draw:
    """One language's sentences with its own random stream."""

    def __init__(self, lang: str, rng: np.random.Generator):
        self.rng = rng
        self.grammar = (Zh if lang == "zh" else En)(rng, SENTIMENT)
        self.lang = lang
        self.held: dict[tuple[str, str], bool] = {}

    def is_held(self, *clauses) -> bool:
        return any(self.held.setdefault((c.word, c.pattern), bool(self.rng.random() < HELD_OUT)) for c in clauses)

    def example(self, pieces, kind: str | None = None, pair: int | None = None) -> Example | None:
        tokens = tokens_of(pieces, self.lang)
        try:
            y = label(tokens)
        except ValueError:  # the segmenter cut a sentiment word apart: not a sentence of this language
            return None
        return Example(tokens, y, self.lang, kind or kind_of(tokens), pair)

    def single(self) -> tuple[Example | None, bool]:
        g = self.grammar
        if self.rng.random() < COORDINATED:
            return self.example(g.coordinated(), "coordinated"), self.rng.random() < HELD_OUT
        c = g.clause()
        return self.example(c.pieces), self.is_held(c)

    def answer(self, clause) -> int | None:
        try:
            return label(tokens_of(clause.pieces, self.lang))
        except ValueError:
            return None

    def pair(self, number: int) -> tuple[tuple[Example, Example] | None, bool]:
        g = self.grammar
        a, b = g.clause(), g.clause()
        if self.answer(a) == self.answer(b):  # same answers: no pair (checked on each clause first: cheaper)
            return None, False
        form = int(self.rng.integers(6))
        one = self.example(g.contrast(a.pieces, b.pieces, form), "contrast", number)
        two = self.example(g.contrast(b.pieces, a.pieces, form), "contrast", number)
        if one is None or two is None or one.label == two.label or sorted(one.tokens) != sorted(two.tokens):
            return None, False
        return (one, two), self.is_held(a, b)


def _draw(lang: str, rng: np.random.Generator, first_pair: int):
    """One language's (train, test, same_words)."""
    d = _Draw(lang, rng)
    train, test, pairs = [], [], []
    seen: set[tuple[str, ...]] = set()
    while len(seen) < SINGLES:
        ex, held = d.single()
        if ex is None or ex.tokens in seen:
            continue
        seen.add(ex.tokens)
        (test if held else train).append(ex)
    n = 0
    while n < PAIRS:
        members, held = d.pair(first_pair + n)
        if members is None or members[0].tokens in seen or members[1].tokens in seen:
            continue
        seen.update(m.tokens for m in members)
        (test if held else train).extend(members)
        if held:
            pairs.append(members)
        n += 1
    return train, test, pairs


@lru_cache(maxsize=4)
def make_corpus(lang: str = "both", seed: int = 0) -> Corpus:
    """The generated corpus: ``lang`` zh, en or both; the same seed gives the same corpus (cached).

    The training split is shuffled; the test split keeps generation order.
    """
    choice(ContextConfigError, "lang", lang, LANGS)
    rng = np.random.default_rng(seed)
    train, test, pairs = [], [], []
    for i, one in enumerate(("zh", "en") if lang == "both" else (lang,)):
        tr, te, pa = _draw(one, rng, i * PAIRS)
        train += tr
        test += te
        pairs += pa
    order = rng.permutation(len(train))
    return Corpus(tuple(train[i] for i in order), tuple(test), tuple(pairs))
