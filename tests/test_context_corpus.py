"""The Context corpus: the label rule, the contrast pairs, the held-out split, the segmenter."""

from collections import Counter

import pytest

from core.context import COMPARE_PRESETS, PRESETS, label, make_corpus, segment
from core.context.corpus import LEXICONS


@pytest.mark.parametrize("sentence, expected", [
    ("我 喜欢 美女", 1),
    ("我 不 喜欢 美女", 0),
    ("我 没有 讨厌 他", 1),
    ("他 讨厌 这部 电影", 0),
    ("我 不是 很 喜欢", 0),  # the negation carries over the intensifier
    ("我 真的 不 喜欢", 0),
    ("我 不是 不 喜欢 美女", 1),  # double negation
    ("虽然 我 喜欢 猫 但是 我 不 喜欢 狗", 0),  # only the clause after 但是 counts
    ("虽然 我 不 喜欢 猫 但是 我 喜欢 狗", 1),
    ("i don't like cats", 0),
    ("i do not really like this film", 0),
    ("i don't hate cats", 1),
    ("i hate cats but i like dogs", 1),
    ("i like cats but we never love rain", 0),
])
def test_label_on_hand_written_sentences(sentence, expected):
    assert label(sentence.split()) == expected


def test_label_without_a_verb_is_an_error():
    with pytest.raises(ValueError, match="no sentiment verb"):
        label(["我", "喜欢", "猫", "但是", "我"])


@pytest.fixture(scope="module")
def corpus():
    return make_corpus("both", seed=0)


def test_every_label_follows_the_rule_and_every_kind_is_there(corpus):
    examples = corpus.train + corpus.test
    assert all(e.label == label(e.tokens) for e in examples)
    kinds = Counter((e.lang, e.kind) for e in examples)
    for kind in ("plain", "negation", "intensifier", "contrast"):
        assert kinds["zh", kind] > 50 and kinds["en", kind] > 50, kind
    assert kinds["zh", "double"] > 50
    assert 0.45 < sum(e.label for e in corpus.train) / len(corpus.train) < 0.55


def test_same_words_pairs_have_the_same_multiset_and_opposite_labels(corpus):
    assert len(corpus.same_words) > 500
    test = set(corpus.test)
    for one, two in corpus.same_words:
        assert Counter(one.tokens) == Counter(two.tokens)
        assert one.tokens != two.tokens
        assert one.label != two.label
        assert one.pair == two.pair is not None and one.kind == two.kind == "contrast"
        assert one in test and two in test
    kinds = Counter((one.lang, "但是" in one.tokens or "but" in one.tokens) for one, _ in corpus.same_words)
    assert kinds["zh", True] > 100 and kinds["en", True] > 100


def _clauses(example):
    """Each clause of a sentence, as text."""
    but = LEXICONS[example.lang].but
    return " ".join(example.tokens).replace("虽然 ", "").split(f" {but} ")


def test_test_sentences_are_unseen_and_pairs_stay_together(corpus):
    train = {e.tokens for e in corpus.train}
    assert not train & {e.tokens for e in corpus.test}
    train_pairs = {e.pair for e in corpus.train if e.pair is not None}
    test_pairs = {e.pair for e in corpus.test if e.pair is not None}
    assert not train_pairs & test_pairs
    # No held-out single-clause sentence appears as a clause of a training sentence either.
    train_clauses = {c for e in corpus.train for c in _clauses(e)}
    singles = [e for e in corpus.test if e.kind != "contrast"]
    assert singles and not {" ".join(e.tokens) for e in singles} & train_clauses


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    assert make_corpus("zh", seed=3) == make_corpus("zh", seed=3)
    assert make_corpus("zh", seed=3).train != make_corpus("zh", seed=4).train
    assert {e.lang for e in make_corpus("en").train} == {"en"}
    with pytest.raises(ValueError, match="^unknown lang 'fr': use zh, en, both$"):
        make_corpus("fr")


def test_the_forward_segmenter_cuts_every_chinese_clause_back_into_its_words():
    lex = LEXICONS["zh"]
    sentences = [s + m + (v,) + o for s in lex.subjects for m in lex.modifiers for v in lex.verbs for o in lex.objects]
    sentences += [("虽然",) + s + ("但是",) + s for s in sentences[::97]]
    for words in sentences:
        assert segment("".join(words)) == list(words)


@pytest.mark.parametrize("text, words", [
    ("我不喜欢美女", ["我", "不", "喜欢", "美女"]),
    ("I Don’t like cats!", ["i", "don't", "like", "cats"]),
    ("I do not really like this film.", ["i", "do", "not", "really", "like", "this", "film"]),
    ("I love 中国", ["i", "love", "中国"]),
    ("虽然我喜欢猫，但是我不喜欢狗。", ["虽然", "我", "喜欢", "猫", "但是", "我", "不", "喜欢", "狗"]),
    ("😀 我喜欢😀", ["😀", "我", "喜欢", "😀"]),
    ("  ", []),
])
def test_segment(text, words):
    assert segment(text) == words


def test_every_preset_is_labelled_by_the_rule():
    for text in PRESETS + tuple(s for pair in COMPARE_PRESETS for s in pair):
        assert label(segment(text)) in (0, 1), text
    assert {label(segment(a)) != label(segment(b)) for a, b in COMPARE_PRESETS} == {True}
