"""The words of the generated corpus and ``label``, the one rule that decides every label.

    label(["这部", "电影", "不", "好看"])   # 0: 好看 is positive, one negator before it
    polarity("难吃")                        # -1

The word lists (``zh.py``, ``en.py``) are ours. ``label`` reads a sentence as clauses:
a clause ends at punctuation, and a contrast word (但是, but) or a concessive word (虽然,
although) starts a new one. A clause's answer is its first sentiment word, flipped once
per negator before it in the clause (不是不喜欢: two flips, positive; not bad: positive).
The deciding clause is the last one with a sentiment word that a concessive did not open;
degree words (很, 太, very) and everything else change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.context.lexicon import en, zh
from core.context.segment import CLAUSE_MARKS


def _words(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


EN_LIKE = {base for base in en.VERB_FORMS if base in ("like", "love", "enjoy", "recommend", "adore", "appreciate", "admire")}
_EN_VERBS = {form: (1 if base in EN_LIKE else -1) for base, forms in en.VERB_FORMS.items() for form in (base, *forms)}

SENTIMENT: dict[str, int] = {  # word -> +1 positive, -1 negative (Chinese and English share one table)
    **{w: 1 for w in _words(zh.POSITIVE, zh.LIKE, en.POSITIVE)},
    **{w: -1 for w in _words(zh.NEGATIVE, zh.DISLIKE, en.NEGATIVE)},
    **_EN_VERBS,
}
NEGATORS = _words(zh.NEGATORS, en.NEGATORS)  # each one flips the clause's answer
DEGREE = _words(zh.DEGREE, en.DEGREE)  # change nothing: 不太好 is still negated
CONTRAST = _words(zh.CONTRAST, en.CONTRAST)  # starts a clause that decides
CONCESSIVE = _words(zh.CONCESSIVE, en.CONCESSIVE)  # starts a clause that does not
BOUNDARY = CLAUSE_MARKS  # the punctuation the segmenter keeps ends a clause

ZH_TOPICS: dict[str, str] = zh.TOPICS  # noun -> its measure word
EN_TOPICS: tuple[str, ...] = tuple(en.TOPICS.split())


def polarity(word: str) -> int | None:
    """+1, -1, or None for a word that carries no sentiment."""
    return SENTIMENT.get(word)


def clauses(tokens: Iterable[str]) -> list[tuple[bool, list[str]]]:
    """The sentence cut into (opened by a concessive?, words) clauses."""
    out: list[tuple[bool, list[str]]] = [(False, [])]
    for tok in tokens:
        if tok in BOUNDARY:
            out.append((False, []))
        elif tok in CONTRAST or tok in CONCESSIVE:
            out.append((tok in CONCESSIVE, [tok]))
        else:
            out[-1][1].append(tok)
    return [c for c in out if c[1]]


def clause_answer(words: Sequence[str]) -> int | None:
    """1 / 0 from the clause's first sentiment word and the negators before it; None: no sentiment word."""
    negations = 0
    for tok in words:
        if tok in NEGATORS:
            negations += 1
        elif tok in SENTIMENT:
            return int((SENTIMENT[tok] > 0) != (negations % 2 == 1))
    return None


def label(tokens: Iterable[str]) -> int:
    """1 (positive) or 0 (negative) for a sentence's tokens (the module docstring has the rule).

    Raises:
        ValueError: no clause has a sentiment word.
    """
    tokens = list(tokens)
    answered = [(concessive, a) for concessive, words in clauses(tokens)
                if (a := clause_answer(words)) is not None]
    if not answered:
        raise ValueError("no sentiment word: " + " ".join(tokens))
    main = [a for concessive, a in answered if not concessive] or [a for _, a in answered]
    return main[-1]


def running_answers(tokens: Sequence[str]) -> list[float]:
    """``label``'s answer for the words so far, after each word: 0.5 until a clause has a sentiment word.

    ``running_answers(t)[-1] == label(t)`` whenever ``label(t)`` has an answer. The RNN is trained toward
    these after every word, so its P(positive) stays near 0.5 until a sentiment word decides something
    (after 我不 it cannot know yet whether 喜欢 or 讨厌 comes)."""
    out: list[float] = []
    main = fallback = None  # the latest answer of a clause no concessive opened / of any clause
    concessive, negations, answered = False, 0, False
    for tok in tokens:
        if tok in BOUNDARY or tok in CONTRAST or tok in CONCESSIVE:
            concessive, negations, answered = tok in CONCESSIVE, 0, False
        elif tok in NEGATORS and not answered:
            negations += 1
        elif tok in SENTIMENT and not answered:
            answered = True
            answer = int((SENTIMENT[tok] > 0) != (negations % 2 == 1))
            fallback = answer
            main = main if concessive else answer
        out.append(float(main if main is not None else fallback if fallback is not None else 0.5))
    return out


def generated_words() -> frozenset[str]:
    """Every word the generator can write (the back-off's vocabulary while the corpus is made)."""
    zh_words = _words(zh.POSITIVE, zh.NEGATIVE, zh.LIKE, zh.DISLIKE, zh.NEGATORS, zh.DEGREE, zh.CONTRAST,
                      zh.CONCESSIVE, zh.SUBJECTS, zh.FRAME, zh.OWNERS, " ".join(zh.TOPICS),
                      " ".join({f"这{m}" for m in zh.TOPICS.values() if m} | {f"那{m}" for m in zh.TOPICS.values() if m}))
    en_words = _words(en.POSITIVE, en.NEGATIVE, en.NEGATORS, en.DEGREE, en.CONTRAST, en.CONCESSIVE,
                      en.SUBJECTS.replace("_", " "), en.FRAME, en.TOPICS, " ".join(_EN_VERBS))
    return zh_words | en_words | BOUNDARY
