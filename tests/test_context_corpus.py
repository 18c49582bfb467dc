"""The Context corpus: the word lists, the label rule, the contrast pairs, the held-out split, the segmenter."""

from collections import Counter

import pytest

from core.context import COMPARE_PRESETS, PRESETS, label, make_corpus, segment
from core.context.corpus import tokens_of
from core.context.lexicon import EN_TOPICS, NEGATORS, SENTIMENT, ZH_TOPICS, en, generated_words, zh
from core.context.segment import back_off, join


@pytest.mark.parametrize("sentence, expected", [
    ("我 喜欢 美女", 1),
    ("我 不 喜欢 美女", 0),
    ("我 没有 讨厌 他", 1),
    ("他 讨厌 这部 电影", 0),
    ("我 不是 很 喜欢", 0),  # the negation carries over the degree word
    ("我 真的 不 喜欢", 0),
    ("我 不是 不 喜欢 美女", 1),  # double negation
    ("这部 电影 很 好看", 1),
    ("这部 电影 不 好看", 0),
    ("这部 电影 不错", 1),  # a compound with a negator inside is one positive word
    ("我 对 服务 很 不满", 0),
    ("服务 很 差", 0),
    ("菜 一点 也 不 好吃", 0),
    ("房间 又 脏 又 吵", 0),
    ("虽然 我 喜欢 猫 但是 我 不 喜欢 狗", 0),  # only the clause after 但是 counts
    ("虽然 我 不 喜欢 猫 但是 我 喜欢 狗", 1),
    ("这家 餐厅 虽然 很 贵 , 但是 很 好吃", 1),
    ("菜 很 好吃 , 不过 服务 太 差 了", 0),
    ("i don't like cats", 0),
    ("i do not really like this film", 0),
    ("i don't hate cats", 1),
    ("i hate cats but i like dogs", 1),
    ("this is not good", 0),
    ("not bad at all", 1),
    ("the room was dirty and noisy", 0),
    ("although the food is good , the service is slow", 0),  # the although-clause does not decide
    ("the food is good although the service is slow", 1),
    ("i would not recommend this hotel", 0),
])
def test_label_on_hand_written_sentences(sentence, expected):
    assert label(sentence.split()) == expected


def test_label_without_a_sentiment_word_is_an_error():
    with pytest.raises(ValueError, match="no sentiment word"):
        label(["我", "对", "猫", "但是", "我"])


def test_the_word_lists_are_a_real_small_language():
    for lang in (zh, en):
        own = {w for group in ("POSITIVE", "NEGATIVE", "LIKE", "DISLIKE") for w in getattr(lang, group, "").split()}
        assert len(own) >= 300, lang.__name__
    assert len(ZH_TOPICS) >= 50 and len(EN_TOPICS) >= 50
    for word, sign in {"好看": 1, "难看": -1, "好吃": 1, "难吃": -1, "好用": 1, "干净": 1, "脏": -1, "吵": -1, "贵": -1,
                       "便宜": 1, "快": 1, "慢": -1, "差": -1, "棒": 1, "糟糕": -1, "满意": 1, "失望": -1, "无聊": -1,
                       "不错": 1, "不满": -1, "推荐": 1, "讨厌": -1, "good": 1, "bad": -1, "great": 1, "terrible": -1,
                       "boring": -1, "clean": 1, "dirty": -1, "slow": -1, "cheap": 1, "love": 1, "hate": -1,
                       "recommend": 1}.items():
        assert SENTIMENT[word] == sign, word
    for word in ("不", "没", "没有", "别", "并不", "从不", "不是", "not", "don't", "didn't", "isn't", "wasn't", "never",
                 "no", "hardly"):
        assert word in NEGATORS, word


@pytest.fixture(scope="module")
def corpus():
    return make_corpus("both", seed=0)


def test_every_label_follows_the_rule_and_every_kind_is_there(corpus):
    examples = corpus.train + corpus.test
    assert all(e.label == label(e.tokens) for e in examples)
    kinds = Counter((e.lang, e.kind) for e in examples)
    for kind in ("plain", "negation", "double", "coordinated", "contrast"):
        assert kinds["zh", kind] > 50 and kinds["en", kind] > 50, kind
    assert 0.45 < sum(e.label for e in corpus.train) / len(corpus.train) < 0.55


def test_the_model_trains_on_exactly_the_tokens_the_app_reads(corpus):
    """Every generated sentence, written out as a student would type it, is cut back into its own tokens,
    and all of them are words the generator knows (no unknown word is trained)."""
    known = generated_words()
    for e in (corpus.train + corpus.test)[::7]:
        assert tokens_of(e.tokens, e.lang) == e.tokens
        assert set(e.tokens) <= known


def test_same_words_pairs_have_the_same_multiset_and_opposite_labels(corpus):
    assert len(corpus.same_words) > 300
    test = set(corpus.test)
    for one, two in corpus.same_words:
        assert Counter(one.tokens) == Counter(two.tokens)
        assert one.tokens != two.tokens
        assert one.label != two.label
        assert one.pair == two.pair is not None and one.kind == two.kind == "contrast"
        assert one in test and two in test
    langs = Counter(one.lang for one, _ in corpus.same_words)
    assert langs["zh"] > 100 and langs["en"] > 100


def test_test_sentences_are_unseen_and_pairs_stay_together(corpus):
    train = {e.tokens for e in corpus.train}
    assert not train & {e.tokens for e in corpus.test}
    train_pairs = {e.pair for e in corpus.train if e.pair is not None}
    test_pairs = {e.pair for e in corpus.test if e.pair is not None}
    assert not train_pairs & test_pairs
    assert 0.1 < len(corpus.test) / (len(corpus.train) + len(corpus.test)) < 0.35


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another():
    assert make_corpus("zh", seed=3) == make_corpus("zh", seed=3)
    assert make_corpus("zh", seed=3).train != make_corpus("zh", seed=4).train
    assert {e.lang for e in make_corpus("en").train} == {"en"}
    with pytest.raises(ValueError, match="^unknown lang 'fr': use zh, en, both$"):
        make_corpus("fr")


@pytest.mark.parametrize("text, words", [
    ("我不喜欢美女", ["我", "不", "喜欢", "美女"]),
    ("I Don’t like cats!", ["i", "don't", "like", "cats", "!"]),
    ("I do not really like this film.", ["i", "do", "not", "really", "like", "this", "film", "."]),
    ("I love 中国", ["i", "love", "中国"]),
    ("虽然我喜欢猫，但是我不喜欢狗。", ["虽然", "我", "喜欢", "猫", ",", "但是", "我", "不", "喜欢", "狗", "."]),
    ("好！！！", ["好", "!"]),  # a run of clause marks is one
    ("😀 我喜欢😀", ["😀", "我", "喜欢", "😀"]),
    ("“好”…", ["好", "."]),  # quotes are dropped; an ellipsis ends a clause
    ("  ", []),
])
def test_segment(text, words):
    assert segment(text) == words


@pytest.mark.parametrize("text, known, words", [
    ("不好看", {"不", "好看"}, ["不", "好看"]),
    ("服务很差", {"服务", "很", "差"}, ["服务", "很", "差"]),  # rjieba keeps 很差 whole
    ("不靠谱", {"不", "靠谱"}, ["不", "靠谱"]),  # rjieba cuts 不靠 + 谱: the run is joined and cut again
    ("不可思议", {"不", "可"}, ["不可思议"]),  # not covered whole: no negation is read into an unknown word
    ("很差", {"很差", "很", "差"}, ["很差"]),  # a known word stays whole
    ("not good", {"good"}, ["not", "good"]),  # English words are kept as they are
])
def test_back_off_cuts_unknown_chinese_words_into_known_ones(text, known, words):
    assert back_off(segment(text), known) == words


def test_every_preset_is_labelled_by_the_rule_and_a_same_words_pair_comes_first_after_the_tutorials():
    for text in PRESETS + tuple(s for pair in COMPARE_PRESETS for s in pair):
        assert label(segment(text)) in (0, 1), text
    assert {label(segment(a)) != label(segment(b)) for a, b in COMPARE_PRESETS} == {True}
    first, second = (segment(t) for t in PRESETS[1:3])  # e from the tutorial's sentence: the pair
    assert Counter(first) == Counter(second) and label(first) != label(second)
    assert PRESETS[0] == "我不喜欢美女" and COMPARE_PRESETS[0] == tuple(PRESETS[1:3])
    assert join(segment(COMPARE_PRESETS[2][0])) == "the food was great but the service was slow"
