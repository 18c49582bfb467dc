"""Sentence -> tokens -> ids (the tutorial's 我=1, 爱=2, 中国=3)."""

import os
import subprocess
import sys

import pytest

from core.forward.tokens import Vocab, split, tokenize


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


# What jieba 0.42.1's lcut gives on these (recorded from jieba itself): rjieba, the
# segmenter, implements the same dictionary and algorithm and must agree.
JIEBA_CUTS = {
    "我爱中国": ("我", "爱", "中国"),
    "我不喜欢美女": ("我", "不", "喜欢", "美女"),
    "我爱我家": ("我", "爱", "我家"),
    "南京市长江大桥": ("南京市", "长江大桥"),
    "他不是很喜欢这部电影": ("他", "不是", "很", "喜欢", "这部", "电影"),
    "我不是不喜欢美女": ("我", "不是", "不", "喜欢", "美女"),
    "虽然我喜欢猫但是我不喜欢狗": ("虽然", "我", "喜欢", "猫", "但是", "我", "不", "喜欢", "狗"),
    "我真的不喜欢": ("我", "真的", "不", "喜欢"),
    "I love 中国": ("I", "love", "中国"),
    "我的iPhone坏了": ("我", "的", "iPhone", "坏", "了"),
    "2024年3月": ("2024", "年", "3", "月"),
    "你好，世界！": ("你好", "，", "世界", "！"),
}


@pytest.mark.parametrize("text", JIEBA_CUTS)
def test_words_are_cut_as_jieba_cuts_them(text):
    assert tokenize(text).tokens == JIEBA_CUTS[text]


def test_segmenter_prints_nothing_and_writes_no_cache(tmp_path):
    """Textual draws on stderr: loading the segmenter must print nothing, and leave no cache file."""
    code = "from core.forward.tokens import tokenize; print(' '.join(tokenize('我爱中国').tokens))"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert res.returncode == 0
    assert res.stdout == "我 爱 中国\n"
    assert res.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_missing_segmenter_is_a_clear_message_and_char_mode_still_works():
    code = (
        "import sys; sys.modules['rjieba'] = None\n"
        "from core.forward.tokens import tokenize\n"
        "print(' '.join(tokenize('我爱', 'char').tokens))\n"
        "try:\n    tokenize('我爱中国')\nexcept ValueError as exc:\n    print(exc)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["我 爱", "word mode needs rjieba (pip install rjieba); char mode works without it"]
