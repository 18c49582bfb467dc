"""Sentence -> tokens -> ids (the tutorial's 我=1, 爱=2, 中国=3)."""

import subprocess
import sys

import pytest

from core.tokens import Vocab, split, tokenize


def test_tutorial_sentence_words_and_ids():
    tk = tokenize("我爱中国")
    assert tk.tokens == ("我", "爱", "中国")
    assert tk.ids == (1, 2, 3)
    assert tk.vocab_size == 3


def test_negation_sentence_keeps_words():
    assert tokenize("我不喜欢美女").tokens == ("我", "不", "喜欢", "美女")
    assert tokenize("我喜欢美女").tokens == ("我", "喜欢", "美女")


def test_char_mode_one_token_per_character():
    tk = tokenize("我爱中国", "char")
    assert tk.tokens == ("我", "爱", "中", "国")
    assert tk.ids == (1, 2, 3, 4)


@pytest.mark.parametrize("mode", ["word", "char"])
def test_repeated_token_keeps_its_id(mode):
    tk = tokenize("我爱我", mode)
    assert tk.tokens == ("我", "爱", "我")
    assert tk.ids == (1, 2, 1)
    assert tk.vocab_size == 2


def test_repeat_across_whitespace():
    tk = tokenize("中国 中国")
    assert tk.ids == (1, 1) and tk.vocab_size == 1


def test_mixed_chinese_and_english():
    assert tokenize("I love 中国").tokens == ("I", "love", "中国")
    assert tokenize("I love 中国", "char").tokens == ("I", "l", "o", "v", "e", "中", "国")


def test_punctuation_stays_a_token():
    tk = tokenize("我爱中国，你呢？")
    assert tk.tokens == ("我", "爱", "中国", "，", "你", "呢", "？")
    assert tokenize("hello, world!").tokens == ("hello", ",", "world", "!")


@pytest.mark.parametrize("mode", ["word", "char"])
@pytest.mark.parametrize("text", ["", "   ", " \t\n "])
def test_whitespace_only_gives_no_tokens(text, mode):
    tk = tokenize(text, mode)
    assert tk.tokens == () and tk.ids == () and tk.vocab_size == 0


@pytest.mark.parametrize("mode", ["word", "char"])
def test_emoji_and_combining_marks_stay_whole(mode):
    text = "👍🏽 e\u0301 👨\u200d👩\u200d👧"  # skin tone, e + combining acute, a ZWJ family
    assert tokenize(text, mode).tokens == ("👍🏽", "e\u0301", "👨\u200d👩\u200d👧")


def test_accented_latin_words_stay_whole_in_word_mode():
    assert tokenize("café naïve").tokens == ("café", "naïve")
    assert tokenize("Москва 我爱中国").tokens == ("Москва", "我", "爱", "中国")


def test_shared_vocab_numbers_two_sentences_alike():
    vocab = Vocab()
    a = tokenize("我爱中国", vocab=vocab)
    b = tokenize("中国爱我", vocab=vocab)
    assert a.ids == (1, 2, 3)
    assert b.tokens == ("中国", "爱", "我") and b.ids == (3, 2, 1)


def test_unknown_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown token mode"):
        split("我爱中国", "bytes")


def test_jieba_prints_nothing():
    """jieba logs its dictionary loading on stderr, which Textual draws on: it must be silent."""
    code = "from core.tokens import tokenize; print(' '.join(tokenize('我爱中国').tokens))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0
    assert res.stdout == "我 爱 中国\n"
    assert res.stderr == ""
