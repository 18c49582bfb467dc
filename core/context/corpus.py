"""A generated sentiment corpus where word order decides the label (Chinese and English).

Every sentence is built from clauses ``subject + modifiers + verb + object``
(我 不 喜欢 美女 / i don't like cats) and labelled by ``label``, one small
function. Contrast sentences join two clauses with 但是 / but (虽然 optional in
Chinese), and come in pairs with the same multiset of words and opposite
labels: an order-blind model must give both members the same answer, so it is
at 50% on them by construction.

The held-out test split uses (subject, modifiers, object) combinations the
training split never contains: a sentence is a test sentence if any of its
clauses uses a held-out combination (a contrast pair is judged on both members,
so the two stay together).

Tokens are generated directly (no segmenter runs here); the Chinese words are
chosen so that the Forward tab's segmenter cuts the joined text back into the
same tokens (tests/test_context_corpus.py checks every clause).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from core.checks import choice
from core.context.config import LANGS, ContextConfigError

KINDS = ("plain", "negation", "intensifier", "double", "contrast")

NEGATORS = frozenset({"不", "没有", "不是", "don't", "not", "never"})  # each one flips the answer
INTENSIFIERS = frozenset({"很", "真的", "非常", "really", "truly"})  # change nothing: a negation before them carries over
BUT = frozenset({"但是", "but"})  # only the clause after the last one counts
VERBS = {  # the sentiment words: +1 positive, -1 negative
    "喜欢": 1, "欣赏": 1, "喜爱": 1, "讨厌": -1, "厌恶": -1, "反感": -1,
    "like": 1, "love": 1, "enjoy": 1, "hate": -1, "dislike": -1, "loathe": -1,
}


def label(tokens) -> int:
    """1 (positive) or 0 (negative): the sentiment verb of the deciding clause,
    flipped once per negator before it.

    The deciding clause is everything after the last 但是/but (the whole
    sentence if there is none). 不是 不 is two negators (double negation: positive);
    intensifiers (很, 真的, really) are skipped, so 不是很喜欢 stays negated.

    Raises:
        ValueError: the deciding clause has no sentiment verb.
    """
    tokens = list(tokens)
    cut = max((i + 1 for i, tok in enumerate(tokens) if tok in BUT), default=0)
    negations = 0
    for tok in tokens[cut:]:
        if tok in NEGATORS:
            negations += 1
        elif tok in VERBS:
            return int((VERBS[tok] > 0) != (negations % 2 == 1))
    raise ValueError("no sentiment verb after the last 但是/but: " + " ".join(tokens))


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
    test: tuple[Example, ...]  # unseen subject/modifier/object combinations
    same_words: tuple[tuple[Example, Example], ...]  # contrast pairs in ``test``: same words, opposite labels


# -- the words -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    subjects: tuple[tuple[str, ...], ...]
    modifiers: tuple[tuple[str, ...], ...]  # () is a plain clause
    verbs: tuple[str, ...]
    objects: tuple[tuple[str, ...], ...]
    although: tuple[str, ...]  # opens a contrast sentence (optional)
    but: str


LEXICONS = {
    "zh": _Lexicon(
        subjects=(("我",), ("他",), ("她",), ("我们",), ("他们",), ("你",)),
        modifiers=((), ("不",), ("没有",), ("很",), ("真的",), ("非常",), ("不是", "很"), ("真的", "不"),
                   ("没有", "很"), ("真的", "很"), ("不是", "不"), ("没有", "不")),
        verbs=("喜欢", "欣赏", "喜爱", "讨厌", "厌恶", "反感"),
        objects=(("美女",), ("猫",), ("狗",), ("这部", "电影"), ("音乐",), ("咖啡",), ("足球",), ("老师",),
                 ("北京",), ("下雨",), ("数学",), ("冬天",), ("这个", "城市"), ("工作",)),
        although=("虽然",),
        but="但是",
    ),
    "en": _Lexicon(
        subjects=(("i",), ("we",), ("they",), ("you",)),
        modifiers=((), ("don't",), ("do", "not"), ("never",), ("really",), ("truly",), ("do",),
                   ("really", "don't"), ("don't", "really"), ("do", "not", "really"), ("never", "really")),
        verbs=("like", "love", "enjoy", "hate", "dislike", "loathe"),
        objects=(("cats",), ("dogs",), ("this", "film"), ("music",), ("coffee",), ("football",), ("my", "teacher"),
                 ("the", "city"), ("rain",), ("maths",), ("winter",), ("jazz",), ("the", "book"), ("work",)),
        although=(),
        but="but",
    ),
}

PRESETS = (  # the sentences the Context tab cycles through
    "我喜欢美女",
    "我不喜欢美女",
    "我不是不喜欢美女",
    "我真的不喜欢这部电影",
    "虽然我喜欢猫但是我不喜欢狗",
    "虽然我不喜欢猫但是我喜欢狗",
    "I like cats",
    "I don't like cats",
    "I do not really like this film",
    "I like cats but I don't like dogs",
)
COMPARE_PRESETS = (  # sentence pairs for the compare view
    ("我喜欢美女", "我不喜欢美女"),
    ("虽然我喜欢猫但是我不喜欢狗", "虽然我不喜欢猫但是我喜欢狗"),
    ("I like cats", "I don't like cats"),
    ("I like cats but I don't like dogs", "I don't like cats but I like dogs"),
)

SINGLES = 2000  # single-clause sentences drawn per language
PAIRS = 1000  # contrast pairs drawn per language (two sentences each)
HELD_OUT = 0.2  # share of (subject, modifiers, object) combinations kept for the test split
ALTHOUGH = 0.7  # Chinese contrast sentences opening with 虽然


def _kind(modifiers: tuple[str, ...]) -> str:
    negations = sum(tok in NEGATORS for tok in modifiers)
    if negations >= 2:
        return "double"
    if any(tok in INTENSIFIERS for tok in modifiers):
        return "intensifier"
    return "negation" if negations else "plain"


def _parity(modifiers: tuple[str, ...]) -> int:
    return sum(tok in NEGATORS for tok in modifiers) % 2


class _Builder:
    """Draws one language's sentences with its own random stream."""

    def __init__(self, lang: str, rng: np.random.Generator):
        self.lang, self.lex, self.rng = lang, LEXICONS[lang], rng
        combos = list(itertools.product(range(len(self.lex.subjects)), range(len(self.lex.modifiers)),
                                        range(len(self.lex.objects))))
        held = rng.permutation(len(combos))[: round(HELD_OUT * len(combos))]
        self.held_out = {combos[i] for i in held}

    def _pick(self, n: int) -> int:
        return int(self.rng.integers(n))

    def clause(self, modifiers: int | None = None):
        """(subject, modifiers, verb, object) indices; a random one unless ``modifiers`` is given."""
        lex = self.lex
        m = self._pick(len(lex.modifiers)) if modifiers is None else modifiers
        return (self._pick(len(lex.subjects)), m, self._pick(len(lex.verbs)), self._pick(len(lex.objects)))

    def words(self, c) -> tuple[str, ...]:
        s, m, v, o = c
        lex = self.lex
        return lex.subjects[s] + lex.modifiers[m] + (lex.verbs[v],) + lex.objects[o]

    def held(self, *clauses) -> bool:
        return any((s, m, o) in self.held_out for s, m, _, o in clauses)

    def join(self, first, second, although: bool) -> tuple[str, ...]:
        opener = self.lex.although if although else ()
        return opener + self.words(first) + (self.lex.but,) + self.words(second)

    def contrast_pair(self):
        """Two contrast sentences with the same words and opposite labels, and whether they are held out.

        Half the pairs move the modifiers from one clause to the other
        (虽然我喜欢猫但是我不喜欢狗 / 虽然我不喜欢猫但是我喜欢狗), half swap the clauses.
        """
        lex = self.lex
        while True:
            a, b = self.clause(), self.clause()
            if self.rng.random() < 0.5:  # move the modifiers
                if _parity(lex.modifiers[a[1]]) == _parity(lex.modifiers[b[1]]):
                    continue
                a2, b2 = (a[0], b[1], a[2], a[3]), (b[0], a[1], b[2], b[3])
                first, second = (a, b), (a2, b2)
            else:  # swap the clauses
                if label(self.words(a)) == label(self.words(b)):
                    continue
                first, second = (a, b), (b, a)
            although = bool(lex.although) and self.rng.random() < ALTHOUGH
            return (self.join(*first, although), self.join(*second, although)), self.held(a, b, *second)


def _draw(lang: str, rng: np.random.Generator, first_pair: int):
    """One language's (train, test, same_words)."""
    b = _Builder(lang, rng)
    train, test, pairs = [], [], []
    seen: set[tuple[str, ...]] = set()
    while len(seen) < SINGLES:
        c = b.clause()
        words = b.words(c)
        if words in seen:
            continue
        seen.add(words)
        ex = Example(words, label(words), lang, _kind(b.lex.modifiers[c[1]]))
        (test if b.held(c) else train).append(ex)
    n = 0
    while n < PAIRS:
        (one, two), held = b.contrast_pair()
        if one in seen or two in seen:
            continue
        seen.update((one, two))
        pair = first_pair + n
        members = (Example(one, label(one), lang, "contrast", pair), Example(two, label(two), lang, "contrast", pair))
        (test if held else train).extend(members)
        if held:
            pairs.append(members)
        n += 1
    return train, test, pairs


def make_corpus(lang: str = "both", seed: int = 0) -> Corpus:
    """The generated corpus: ``lang`` zh, en or both; the same seed gives the same corpus.

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
