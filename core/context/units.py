"""The unit lens (issue 11): which hidden units of the Context RNN track what, and what clamping one does.

    ranking = rank_units(models, "negation")          # [UnitScore(unit, score, correlation)], best first
    before, after = clamp(models, tokens, unit=3, value=-0.8, start=1)   # two Readings
    found = matches(models, tokens, unit=3)           # corpus sentences where the unit moves alike

Features, one value per word of each held-out sentence (after reading that word),
decided by the same word lists as ``core.context.corpus.label``:

- ``negation``: 1 when an odd number of negators came so far in the current clause
  (不, 没有, 不是, not, don't, never; 不是 不 cancels), else 0; punctuation, 但是/but and
  虽然/although start a new clause.
- ``polarity``: the clause's answer so far (1 positive, 0 negative); words before the
  clause's first sentiment word have none and are left out.
- ``but_clause``: 1 from a contrast word (但是, 不过, but, yet, ...) on, else 0.
- ``position``: the word's 0-based index in the sentence.

A unit's score is the absolute Pearson correlation between its value s_j and the
feature over every word where the feature is defined (0: unrelated, 1: a copy up
to scale and sign); ``correlation`` keeps the sign.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.context.corpus import Example, make_corpus
from core.context.lexicon import BOUNDARY, CONCESSIVE, CONTRAST, NEGATORS, SENTIMENT
from core.context.models import Models
from core.context.nets import Clamp, rnn_forward
from core.context.read import Reading, read
from core.context.threads import one_thread
from core.context.train import encode

FEATURES = {
    "negation": "an odd number of negators so far in this clause",
    "polarity": "the label rule's answer for the words so far",
    "but_clause": "from 但是/but on",
    "position": "the word's index in the sentence",
}
ON_LEVEL = 0.5  # sign·s_j at or above this counts as "on" when matches highlight words
PATTERN_POINTS = 16  # matches compare unit patterns resampled to this many points


@dataclass(frozen=True)
class UnitScore:
    unit: int  # j: the index in s
    score: float  # |correlation| with the feature, 0..1
    correlation: float  # signed: negative means the unit goes down when the feature is on


def features(tokens: Sequence[str]) -> dict[str, list[float | None]]:
    """Every feature's value after each word (None where a feature is undefined)."""
    out: dict[str, list[float | None]] = {name: [] for name in FEATURES}
    negations, verb, in_but = 0, None, False
    for t, tok in enumerate(tokens):
        if tok in CONTRAST or tok in CONCESSIVE or tok in BOUNDARY:
            negations, verb, in_but = 0, None, in_but or tok in CONTRAST
        elif tok in NEGATORS:
            negations += 1
        elif tok in SENTIMENT and verb is None:
            verb = SENTIMENT[tok]
        polarity = None if verb is None else float((verb > 0) != (negations % 2 == 1))
        out["negation"].append(float(negations % 2))
        out["polarity"].append(polarity)
        out["but_clause"].append(float(in_but))
        out["position"].append(float(t))
    return out


LENS_SENTENCES = 1200  # held-out sentences the lens scores by default (a seeded sample: ranking stays well under a second)


def held_out(models: Models) -> tuple[Example, ...]:
    """The sentences the lens scores by default: a seeded sample of the generated corpus's test split for the
    models' language and seed."""
    test = make_corpus(models.config.lang, models.config.seed).test
    if len(test) <= LENS_SENTENCES:
        return test
    keep = np.sort(np.random.default_rng([models.config.seed, 5]).permutation(len(test))[:LENS_SENTENCES])
    return tuple(test[i] for i in keep)


def states(models: Models, examples: Sequence[Example]) -> list[np.ndarray]:
    """The RNN's hidden states (T, H) over each example."""
    data = encode(examples, models)
    with one_thread():
        s, _ = rnn_forward(models.rnn, data.ids)
    return [s[i, :n] for i, n in enumerate(data.lengths)]


def rank_units(models: Models, feature: str, examples: Sequence[Example] | None = None) -> list[UnitScore]:
    """Every hidden unit, best first, by how well it tracks ``feature`` over ``examples`` (default: held_out)."""
    if feature not in FEATURES:
        raise ValueError(f"unknown feature {feature!r}: use {', '.join(FEATURES)}")
    examples = held_out(models) if examples is None else examples
    return _rank(*_feature_rows(models, examples, feature))


def _rank(S: np.ndarray, f: np.ndarray) -> list[UnitScore]:
    """Units of S (N, H) ranked by |correlation| with f (N,); a constant unit or feature scores 0."""
    S = S - S.mean(axis=0)
    f = f - f.mean()
    denom = np.sqrt((S**2).sum(axis=0) * (f**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.where(denom > 1e-12, (S * f[:, None]).sum(axis=0) / denom, 0.0)
    order = sorted(range(S.shape[1]), key=lambda j: (-abs(corr[j]), j))
    return [UnitScore(j, float(abs(corr[j])), float(corr[j])) for j in order]


def clamp(models: Models, tokens: Sequence[str], unit: int, value: float, start: int = 0) -> tuple[Reading, Reading]:
    """(the sentence as read, the sentence re-run with unit ``unit`` held at ``value`` from 0-based word ``start`` on)."""
    if not 0 <= unit < models.hidden:
        raise ValueError(f"unit must be between 0 and {models.hidden - 1}, got {unit}")
    if not -1.0 <= value <= 1.0:
        raise ValueError(f"a tanh unit's value is between -1 and 1, got {value:g}")
    return read(models, tokens), read(models, tokens, Clamp(unit, float(value), start))


@dataclass(frozen=True, eq=False)
class Match:
    example: Example
    values: np.ndarray  # (T,) the unit's value after each word
    on: tuple[bool, ...]  # sign·value >= ON_LEVEL
    distance: float  # between the resampled patterns (0: the same shape)


def _pattern(values: np.ndarray) -> np.ndarray:
    if len(values) == 1:
        return np.full(PATTERN_POINTS, float(values[0]))
    return np.interp(np.linspace(0, 1, PATTERN_POINTS), np.linspace(0, 1, len(values)), values)


def matches(models: Models, tokens: Sequence[str], unit: int, examples: Sequence[Example] | None = None,
            count: int = 5, sign: int = 1, feature: str | None = None) -> list[Match]:
    """The ``count`` sentences of ``examples`` (default: held_out) whose pattern of unit ``unit``
    over their words is closest to this sentence's (both stretched to PATTERN_POINTS points).
    ``sign=-1`` highlights the words where the unit is strongly negative instead (for a unit
    whose correlation with the feature is negative). With a 0/1 ``feature`` (negation, but_clause) only
    sentences where it holds somewhere are candidates (a "but clause" match has a 但是 or a but), and a
    Chinese sentence is matched with Chinese ones, an English one with English ones."""
    tokens = tuple(tokens)
    if not tokens:
        return []
    mine = _pattern(read(models, tokens).s[:, unit])
    lang = "zh" if any(re.search(r"[\u4e00-\u9fff]", tok) for tok in tokens) else "en"
    pool = held_out(models) if examples is None else examples
    same_lang = [e for e in pool if e.lang == lang]  # a Chinese sentence is matched with Chinese ones
    examples = [e for e in (same_lang or pool) if e.tokens != tokens]
    if feature in ("negation", "but_clause"):
        examples = [e for e in examples if 1.0 in features(e.tokens)[feature]] or examples
    found = []
    for e, s in zip(examples, states(models, examples)):
        v = s[:, unit]
        found.append(Match(e, v, tuple(bool(sign * x >= ON_LEVEL) for x in v), float(np.linalg.norm(_pattern(v) - mine))))
    found.sort(key=lambda m: m.distance)
    return found[:count]


def _feature_rows(models: Models, examples: Sequence[Example], feature: str) -> tuple[np.ndarray, np.ndarray]:
    """(states (N, H), feature values (N,)) over every word where the feature is defined."""
    rows, values = [], []
    for e, s in zip(examples, states(models, examples)):
        for t, v in enumerate(features(e.tokens)[feature]):
            if v is not None:
                rows.append(s[t])
                values.append(v)
    return np.array(rows).reshape(-1, models.hidden), np.array(values)


def probe_accuracy(models: Models, feature: str, fit_on: Sequence[Example], test_on: Sequence[Example],
                   unit: int | None = None) -> float:
    """How well a 0/1 feature can be read off the hidden state: a least-squares line fitted on
    ``fit_on``'s words (all units, or one ``unit``), thresholded at 0.5, scored on ``test_on``'s words."""
    X, y = _feature_rows(models, fit_on, feature)
    Xt, yt = _feature_rows(models, test_on, feature)
    if unit is not None:
        X, Xt = X[:, [unit]], Xt[:, [unit]]
    ones = lambda A: np.hstack([A, np.ones((len(A), 1))])  # noqa: E731 (a bias column)
    coef, *_ = np.linalg.lstsq(ones(X), y, rcond=None)
    return float(np.mean((ones(Xt) @ coef >= 0.5) == (yt >= 0.5)))


@dataclass(frozen=True)
class NegationFigures:
    unit: int  # the best negation-scope unit
    score: float
    runner_up: float  # the second-best unit's score
    value: float  # its mean value where the negation feature is 0
    negated: int  # held-out sentences whose deciding clause is negated
    flipped: int  # of those, how many change answer with the unit clamped


def negation_figures(models: Models, examples: Sequence[Example] | None = None) -> NegationFigures:
    """Issue 11's figures: clamp the best negation unit, from the deciding clause's first negator on,
    to its mean no-negation value, in every negated held-out sentence; count the answers that flip."""
    examples = held_out(models) if examples is None else examples
    ranking = rank_units(models, "negation", examples)
    best = ranking[0].unit
    off = [s[t, best] for e, s in zip(examples, states(models, examples))
           for t, v in enumerate(features(e.tokens)["negation"]) if v == 0]
    value = float(np.mean(off))
    negated = flipped = 0
    for e in examples:
        f = features(e.tokens)["negation"]
        if not f[-1]:
            continue
        cut = max((i + 1 for i, tok in enumerate(e.tokens) if tok in CONTRAST), default=0)
        start = next(i for i in range(cut, len(e.tokens)) if e.tokens[i] in NEGATORS)
        before, after = clamp(models, e.tokens, best, value, start)
        negated += 1
        flipped += (before.p_final >= 0.5) != (after.p_final >= 0.5)
    return NegationFigures(best, ranking[0].score, ranking[1].score if len(ranking) > 1 else 0.0, value, negated, flipped)


__all__ = ["FEATURES", "Match", "NegationFigures", "UnitScore", "clamp", "features", "held_out", "matches",
           "negation_figures", "probe_accuracy", "rank_units", "states"]
