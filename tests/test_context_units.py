"""The unit lens: features, the ranking on a hand-wired network, clamping, matches."""

import numpy as np
import pytest

from core.context import ContextConfig, Models, random_models, segment
from core.context.corpus import make_corpus
from core.context.lexicon import BOUNDARY, CONCESSIVE, CONTRAST, NEGATORS
from core.context.units import clamp, features, matches, negation_figures, rank_units
from core.forward.vector import Weights

CLAUSE_STARTS = BOUNDARY | CONCESSIVE | CONTRAST  # the words that start a new clause


def test_features_of_a_contrast_sentence():
    f = features("虽然 我 不 喜欢 猫 但是 我 不是 不 喜欢 狗".split())
    assert f["negation"] == [0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0]  # a new clause after 但是; 不是 不 cancels
    assert f["polarity"] == [None, None, None, 0, 0, None, None, None, None, 1, 1]
    assert f["but_clause"] == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    assert f["position"] == list(range(11))


def _wired(vocab, hidden=4, seed=0) -> Models:
    """Random small weights, except unit 0: a latch that a negator switches on and 但是/but resets."""
    base = random_models(ContextConfig(hidden=hidden, seed=seed), vocab)
    U, W, b = base.rnn.U * 0.1, base.rnn.W * 0.1, base.rnn.b * 0.1
    U[0], W[0], b[0] = 0.0, 0.0, -2.0
    W[0, 0] = 4.0  # remember: s_0 stays where it is
    for word in NEGATORS:
        if word in vocab:
            U[0, vocab.index(word)] = 8.0  # a negator switches it on
    for word in CLAUSE_STARTS:
        if word in vocab:
            U[0, vocab.index(word)] = -8.0  # a new clause switches it off
    rnn = Weights(U, W, b, base.rnn.V, base.rnn.c)
    return Models(base.vocab, rnn, base.bag, base.config, trained=False)


@pytest.fixture(scope="module")
def corpus():
    return make_corpus("both", seed=0)


def _single_negators(examples):
    """Sentences with at most one negator per clause (so a latch copies the negation exactly)."""
    def ok(e):
        f = features(e.tokens)["negation"]
        return all(not (a == 1 and b == 0) or e.tokens[t + 1] in CLAUSE_STARTS for t, (a, b) in enumerate(zip(f, f[1:])))
    return [e for e in examples if ok(e)]


def test_the_unit_wired_to_copy_negation_ranks_first(corpus):
    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab)
    examples = _single_negators(corpus.test)[:800]
    ranking = rank_units(models, "negation", examples)
    assert [u.unit for u in ranking][0] == 0 and sorted(u.unit for u in ranking) == [0, 1, 2, 3]
    assert ranking[0].score > 0.95 and ranking[0].correlation > 0 and ranking[1].score < 0.6
    assert [u.score for u in ranking] == sorted((u.score for u in ranking), reverse=True)
    with pytest.raises(ValueError, match="unknown feature"):
        rank_units(models, "colour", examples)


def test_clamp_against_a_direct_computation(corpus):
    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab, hidden=5, seed=3)
    tokens = segment("我不喜欢美女")
    before, after = clamp(models, tokens, unit=0, value=-0.9, start=1)
    w = models.rnn
    s = np.zeros(5)
    expected = []
    for t, tok in enumerate(tokens):
        s = np.tanh(w.U[:, vocab.index(tok)] + w.W @ s + w.b)
        if t >= 1:
            s[0] = -0.9
        expected.append(1 / (1 + np.exp(-(w.V[0] @ s + w.c[0]))))
    assert np.allclose(after.p_positive, expected, atol=1e-12)
    assert after.s[0, 0] == before.s[0, 0] and np.all(after.s[1:, 0] == -0.9)
    assert not np.allclose(before.p_positive[1:], after.p_positive[1:])
    with pytest.raises(ValueError, match="unit must be between 0 and 4"):
        clamp(models, tokens, unit=5, value=0.0)
    with pytest.raises(ValueError, match="between -1 and 1"):
        clamp(models, tokens, unit=0, value=3.0)


def test_matches_find_the_same_pattern(corpus):
    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab)
    found = matches(models, segment("我不喜欢猫"), unit=0, examples=corpus.test[:400], count=3)
    assert len(found) == 3 and [m.distance for m in found] == sorted(m.distance for m in found)
    for m in found:  # negated at the same relative place: the latch is on from the second word on
        assert m.on[0] is False and m.on[1] is True and m.example.tokens[1] in NEGATORS
        assert m.example.lang == "zh"  # a Chinese sentence is matched with Chinese ones
    assert matches(models, [], unit=0) == []


def test_negation_figures_on_the_wired_network(corpus):
    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab)
    fig = negation_figures(models, _single_negators(corpus.test)[:300])
    assert fig.unit == 0 and fig.value < -0.9 and fig.negated > 50 and 0 <= fig.flipped <= fig.negated


def test_a_probe_reads_the_wired_negation_off_unit_0(corpus):
    from core.context.units import probe_accuracy

    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab)
    fit, test = _single_negators(corpus.train)[:300], _single_negators(corpus.test)[:300]
    assert probe_accuracy(models, "negation", fit, test, unit=0) > 0.98
    assert probe_accuracy(models, "negation", fit, test, unit=1) < 0.9


def test_but_clause_matches_have_a_contrast_word_and_the_sentence_s_language(corpus):
    vocab = sorted({w for e in corpus.train for w in e.tokens})
    models = _wired(vocab)
    for text, lang in (("虽然贵但是好吃", "zh"), ("it is cheap but slow", "en")):
        found = matches(models, segment(text), unit=1, examples=corpus.test, count=4, feature="but_clause")
        assert len(found) == 4
        for m in found:
            assert m.example.lang == lang and CONTRAST & set(m.example.tokens), m.example.tokens
