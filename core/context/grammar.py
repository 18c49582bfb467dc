"""Clauses of the generated corpus, in Chinese and English: a sentiment word, its modifiers, a topic.

A ``Clause`` is the text pieces of one clause plus what decided them (the sentiment word
and the modifier pattern: the held-out split keys on that pair). ``core.context.corpus``
joins clauses into sentences, runs them through the same segmenter the app uses and labels
them with ``core.context.lexicon.label``; nothing here decides a label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.context.lexicon import en, zh


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def modifier(rng: np.random.Generator, groups) -> str:
    """A modifier pattern: plain 45%, one negation 43%, a double negation 12%."""
    r = rng.random()
    group = groups[0] if r < 0.45 else groups[1] if r < 0.88 else groups[2]
    return group[int(rng.integers(len(group)))]


@dataclass(frozen=True)
class Clause:
    pieces: tuple[str, ...]  # words as written (the segmenter cuts the joined text again)
    word: str  # the sentiment word
    pattern: str  # the modifier pattern, e.g. "不太", "isn't very"
    polarity: int  # the sentiment word's own polarity, +1 / -1 (before negation)


# -- Chinese ----------------------------------------------------------------------------------

# modifier patterns: (plain or degree only, one negation, two negations that cancel)
ZH_ADJ_MODS = (("", "", "很", "太", "非常", "特别", "挺", "真的", "比较", "有点", "十分", "超", "还", "真"),
               ("不", "不", "不太", "并不", "一点也不", "一点都不", "不是很", "真的不", "很不", "太不", "不怎么", "也不",
                "不够", "并没有那么", "从来不", "没有很"),
               ("不是不", "并不是不", "不是不太"))
ZH_VERB_MODS = (("", "", "", "很", "非常", "特别", "真的", "挺", "超级", "还是", "也"),
                ("不", "不", "不太", "没有", "从不", "并不", "不会", "一点也不", "真的不", "不是很", "也不", "从来没有", "别"),
                ("不是不", "没有不", "不会不"))
ZH_ENDS = ("", "", "", "了", "啊", "的", "吧", "！", "。", "呀")
ZH_ATTITUDES = {"满意": 1, "放心": 1, "惊喜": 1, "感动": 1, "满足": 1, "失望": -1, "不满": -1, "生气": -1, "无语": -1, "遗憾": -1}
ZH_FRAMES = ("", "我觉得", "感觉", "说实话")


class Zh:
    lang = "zh"

    def __init__(self, rng: np.random.Generator, polar: dict[str, int]):
        self.rng = rng
        self.adjs = _split(zh.POSITIVE) + _split(zh.NEGATIVE)
        self.verbs = _split(zh.LIKE) + _split(zh.DISLIKE)
        self.polar = polar
        self.topics = tuple(zh.TOPICS)

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def topic(self, bare_ok: bool = True) -> tuple[str, ...]:
        noun = self.pick(self.topics)
        form = int(self.rng.integers(6 if bare_ok else 5))
        measure = zh.TOPICS[noun]
        if form == 0 and measure:
            return (self.pick(("这", "那")) + measure, noun)
        if form == 1:
            return (self.pick(_split(zh.OWNERS)), "的", noun)
        if form == 5:
            return ()
        return (noun,)

    def adjective(self, word: str | None = None, mod: str | None = None) -> Clause:
        word = word or self.pick(self.adjs)
        mod = modifier(self.rng, ZH_ADJ_MODS) if mod is None else mod
        copula = ("是",) if mod.startswith("不是") and self.rng.random() < 0.3 else ()
        pieces = self.topic() + copula + ((mod,) if mod else ()) + (word,) + (self.pick(ZH_ENDS),)
        return Clause(tuple(p for p in pieces if p), word, mod, self.polar[word])

    def verb(self, word: str | None = None, mod: str | None = None) -> Clause:
        word = word or self.pick(self.verbs)
        mod = modifier(self.rng, ZH_VERB_MODS) if mod is None else mod
        subject = () if mod == "别" else (self.pick(_split(zh.SUBJECTS)),)
        obj = self.topic() if self.rng.random() < 0.85 else ()
        pieces = subject + ((mod,) if mod else ()) + (word,) + obj + (self.pick(ZH_ENDS[:6]),)
        return Clause(tuple(p for p in pieces if p), word, mod, self.polar[word])

    def attitude(self) -> Clause:
        word = self.pick(tuple(ZH_ATTITUDES))
        mod = self.pick(("", "很", "非常", "有点", "不", "不太", "并不", "真的很", "特别"))
        pieces = (self.pick(_split(zh.SUBJECTS)), "对") + self.topic(bare_ok=False) + ((mod,) if mod else ()) + (word,)
        return Clause(pieces, word, mod, ZH_ATTITUDES[word])

    def clause(self) -> Clause:
        r = self.rng.random()
        body = self.adjective() if r < 0.6 else self.verb() if r < 0.9 else self.attitude()
        frame = self.pick(ZH_FRAMES) if self.rng.random() < 0.15 else ""
        return Clause(((frame,) if frame else ()) + body.pieces, body.word, body.pattern, body.polarity)

    def coordinated(self) -> tuple[str, ...]:
        """Two predicates of the same answer on one topic: 又脏又吵 / 很干净，也很安静."""
        sign = 1 if self.rng.random() < 0.5 else -1
        a, b = (self.pick([w for w in self.adjs if self.polar[w] == sign]) for _ in range(2))
        if self.rng.random() < 0.5:
            return self.topic(bare_ok=False) + ("又", a, "又", b)
        mod = self.pick(("很", "非常", "挺", "", "特别"))
        return self.topic(bare_ok=False) + tuple(p for p in (mod, a, "，", self.pick(("也", "而且", "还")), mod, b) if p)

    def contrast(self, first: tuple[str, ...], second: tuple[str, ...], form: int) -> tuple[str, ...]:
        """The two clauses joined so that the second decides (``form``: which connective, 0..5)."""
        if form == 0:
            return ("虽然",) + first + ("，", "但是") + second
        if form == 1:
            return ("虽然",) + first + ("但是",) + second
        return first + ("，", _split(zh.CONTRAST)[form - 2]) + second


# -- English ----------------------------------------------------------------------------------

EN_COPULAS = ("is", "is", "was", "was", "looks", "seems", "feels", "tastes", "sounds", "is", "was", "are", "were")
EN_ADJ_MODS = (("", "", "very", "really", "so", "quite", "too", "extremely", "pretty", "super", "a bit", "truly"),
               ("not", "not very", "not really", "not at all", "never", "hardly", "not so", "not too",
                "n't", "n't", "n't very", "n't really", "not that", "never really"),
               ("not bad", "not bad", "n't bad"))
EN_VERB_MODS = (("", "", "", "really", "truly", "absolutely", "do"),
                ("don't", "didn't", "do not", "did not", "never", "would not", "wouldn't", "won't", "can't",
                 "don't really", "didn't really", "will never", "do not really", "hardly"),
                ("don't dislike", "can't say i don't", "can't say i didn't"))  # double negation
EN_ENDS = ("", "", "", ".", "!", "!")
EN_OPENERS = ("", "i think", "honestly", "overall", "i found that")


class En:
    lang = "en"

    def __init__(self, rng: np.random.Generator, polar: dict[str, int]):
        self.rng = rng
        self.adjs = tuple(w for w in _split(en.POSITIVE) + _split(en.NEGATIVE)
                          if w not in en.VERB_FORMS and not any(w in forms for forms in en.VERB_FORMS.values()))
        self.polar = polar
        self.topics = _split(en.TOPICS)

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def topic(self) -> tuple[str, ...]:
        form = int(self.rng.integers(8))
        if form == 0:
            return (self.pick(("it", "this", "that")),)
        return (self.pick(("the", "the", "this", "that", "my", "our", "their")), self.pick(self.topics))

    def adjective(self, word: str | None = None, mod: str | None = None) -> Clause:
        word = word or self.pick(self.adjs)
        mod = modifier(self.rng, EN_ADJ_MODS) if mod is None else mod
        subject, copula = self.topic(), self.pick(EN_COPULAS)
        if mod.startswith("n't"):  # isn't / wasn't / doesn't look
            neg = {"is": "isn't", "was": "wasn't", "are": "aren't", "were": "weren't"}.get(copula)
            head = subject + ((neg,) if neg else ("doesn't", copula[:-1]))
            rest = mod[3:].split()
        elif mod == "not at all":
            head, rest = subject + (copula, "not"), []
        elif mod in ("not bad", "n't bad"):  # "not bad at all": a negated negative word
            word = self.pick([w for w in self.adjs if self.polar[w] < 0])
            neg = {"is": "isn't", "was": "wasn't", "are": "aren't", "were": "weren't"}.get(copula) if mod == "n't bad" else None
            head, rest = subject + ((neg,) if neg else (copula, "not")), []
        else:
            head, rest = subject + (copula,), mod.split()
        tail = ("at", "all") if mod in ("not at all", "not bad", "n't bad") and self.rng.random() < 0.7 else ()
        pieces = head + tuple(rest) + (word,) + tail + (self.pick(EN_ENDS),)
        return Clause(tuple(p for p in pieces if p), word, mod, self.polar[word])

    def verb(self, base: str | None = None, mod: str | None = None) -> Clause:
        base = base or self.pick(tuple(en.VERB_FORMS))
        mod = modifier(self.rng, EN_VERB_MODS) if mod is None else mod
        present, past = en.VERB_FORMS[base]
        plain = mod in ("", "really", "truly", "absolutely")
        if mod == "don't dislike":  # double negation: don't dislike / don't hate
            base = self.pick(("dislike", "hate"))
            form, words = base, ("don't",)
        else:
            form = self.pick((present, past)) if plain else past if mod in ("hardly", "never") else base
            words = tuple(mod.split())
        obj = self.topic() if self.rng.random() < 0.85 else ("it",)
        pieces = (self.pick(_split(en.SUBJECTS)).replace("_", " "),) + words + (form,) + obj + (self.pick(EN_ENDS),)
        pieces = tuple(w for p in pieces for w in p.split())
        return Clause(pieces, form, mod, self.polar[form])

    def bare(self) -> Clause:
        """A fragment with no subject: "not bad at all", "really good!"."""
        word = self.pick(self.adjs)
        mod = self.pick(("", "really", "so", "very", "not", "not very", "not really", "pretty", "super", "never"))
        tail = ("at", "all") if mod == "not" and self.rng.random() < 0.4 else ()
        pieces = tuple(mod.split()) + (word,) + tail + (self.pick(EN_ENDS),)
        return Clause(tuple(p for p in pieces if p), word, mod or "bare", self.polar[word])

    def clause(self) -> Clause:
        r = self.rng.random()
        body = self.adjective() if r < 0.55 else self.verb() if r < 0.9 else self.bare()
        opener = self.pick(EN_OPENERS) if self.rng.random() < 0.12 else ""
        return Clause(tuple(opener.split()) + body.pieces, body.word, body.pattern, body.polarity)

    def coordinated(self) -> tuple[str, ...]:
        """Two predicates of the same answer: "the room was dirty and noisy"."""
        sign = 1 if self.rng.random() < 0.5 else -1
        a, b = (self.pick([w for w in self.adjs if self.polar[w] == sign]) for _ in range(2))
        mod = self.pick(("", "very", "really", "so"))
        return self.topic() + (self.pick(("is", "was")),) + tuple(mod.split()) + (a, "and") + tuple(mod.split()) + (b,)

    def contrast(self, first: tuple[str, ...], second: tuple[str, ...], form: int) -> tuple[str, ...]:
        """The two clauses joined so that the second decides (``form``: which connective, 0..5)."""
        first = tuple(p for p in first if p not in (".", "!"))
        if form in (0, 1):
            return ("although",) + first + (",",) + second
        if form == 2:
            return first + (",", "but") + second
        if form == 3:
            return first + ("however", ",") + second
        return first + (("but", "yet")[form - 4],) + second
