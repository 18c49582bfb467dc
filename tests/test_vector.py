"""The vector RNN of the tutorial's figure, checked against torch.nn.RNN."""


import numpy as np
import pytest
import torch

from core.forward.tokens import tokenize
from core.forward.vector import VectorParams, distances, make_weights, recur, step_at, steps, trace, unit_step


def _torch_forward(ids, w, activation, vocab):
    """torch.nn.RNN(vocab, H) + Linear(H, O) on one-hot inputs, with the NumPy weights."""
    H, O = w.W.shape[0], w.V.shape[0]
    rnn = torch.nn.RNN(vocab, H, nonlinearity=activation, batch_first=True)
    out = torch.nn.Linear(H, O)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(w.U))
        rnn.weight_hh_l0.copy_(torch.from_numpy(w.W))
        rnn.bias_ih_l0.copy_(torch.from_numpy(w.b))
        rnn.bias_hh_l0.zero_()
        out.weight.copy_(torch.from_numpy(w.V))
        out.bias.copy_(torch.from_numpy(w.c))
        x = torch.nn.functional.one_hot(torch.tensor(ids) - 1, vocab).float().unsqueeze(0)
        states, _ = rnn(x)
        return states[0].numpy(), out(states)[0].numpy()


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("text", ["我爱中国", "我不喜欢美女我不喜欢", "I love 中国, I love you"])
def test_forward_equals_torch_rnn(activation, text):
    tk = tokenize(text)
    p = VectorParams(hidden=16, output=3, activation=activation, seed=7)
    w = make_weights(tk.vocab_size, p)
    tr = trace(tk.ids, w, activation)
    s, o = _torch_forward(list(tk.ids), w, activation, tk.vocab_size)
    np.testing.assert_allclose(tr.s, s, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tr.o, o, rtol=1e-5, atol=1e-6)
    assert np.abs(tr.s).max() > 0.05  # the comparison is not between two zero arrays


def test_identity_activation_is_the_plain_recurrence():
    tk = tokenize("我爱中国")
    w = make_weights(tk.vocab_size, VectorParams(hidden=4, activation="identity", seed=1))
    tr = trace(tk.ids, w, "identity")
    s = np.zeros(4, np.float32)
    for t, k in enumerate(tk.ids):
        s = w.U[:, k - 1] + w.W @ s + w.b
        np.testing.assert_allclose(tr.s[t], s, rtol=1e-6)
        np.testing.assert_allclose(tr.a[t], s, rtol=1e-6)


def test_recur_writes_into_the_callers_rows_with_the_same_numbers():
    """The numpy engine hands recur its preallocated rows; a batch runs each row like one sentence."""
    rng = np.random.default_rng(0)
    drive, W, s0 = rng.standard_normal((6, 5)), 0.5 * rng.standard_normal((5, 5)), rng.standard_normal(5)
    a, s = recur(drive, W, np.tanh, s0)
    a_buf, s_buf = np.full((6, 5), np.nan), np.full((7, 5), np.nan)  # s_buf[0] holds s_0, like the engine's
    s_buf[0] = s0
    recur(list(drive), W, np.tanh, s_buf[0], out_a=list(a_buf), out_s=list(s_buf)[1:])
    np.testing.assert_array_equal(a_buf, a)
    np.testing.assert_array_equal(s_buf[1:], s)
    over = drive.copy()  # the Context RNN writes s over its drive and keeps no a
    assert recur(over, W, np.tanh, s0, out_s=over, keep_a=False)[0] is None
    np.testing.assert_array_equal(over, s)
    batch = np.stack([drive, drive[::-1]], axis=1)  # (T, B=2, H)
    _, sb = recur(batch, W)
    np.testing.assert_allclose(sb[:, 1], recur(drive[::-1], W)[1], rtol=1e-12)
    held = recur(batch, W, each=lambda t, s_t: s_t.__setitem__((slice(None), 0), 0.5))[1]
    assert np.all(held[:, :, 0] == 0.5) and not np.allclose(held[-1, :, 1:], sb[-1, :, 1:])


def test_step_record_has_x_as_its_one_hot_position_and_previous_state():
    tk = tokenize("我爱中国")
    recs = list(steps(tk.tokens, tk.ids, tk.vocab_size, VectorParams(hidden=5, seed=2)))
    assert [r.token for r in recs] == ["我", "爱", "中国"]
    assert [r.x for r in recs] == [1, 2, 3]  # the 1 of x_t's one-hot vector, never a dense vector
    assert not recs[0].prev_s.any()  # s_0 = 0
    np.testing.assert_array_equal(recs[1].prev_s, recs[0].s)
    np.testing.assert_allclose(recs[2].s, np.tanh(recs[2].a))


def test_weights_are_seeded_and_vocab_growth_keeps_old_columns():
    a = make_weights(3, VectorParams(seed=5))
    b = make_weights(3, VectorParams(seed=5))
    c = make_weights(3, VectorParams(seed=6))
    bigger = make_weights(10, VectorParams(seed=5))
    np.testing.assert_array_equal(a.U, b.U)
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, c.W)
    np.testing.assert_array_equal(bigger.U[:, :3], a.U)


def test_negation_changes_the_states_after_it():
    """我不喜欢美女 vs 我喜欢美女: after the shared 我, the states differ."""
    from core.forward.tokens import Vocab

    vocab = Vocab()
    a, b = tokenize("我喜欢美女", vocab=vocab), tokenize("我不喜欢美女", vocab=vocab)
    w = make_weights(len(vocab), VectorParams(hidden=8, seed=0))
    d = distances(trace(a.ids, w), trace(b.ids, w))
    assert d[0] == 0
    assert (d[1:] > 1e-3).all()


@pytest.mark.parametrize("bad", [VectorParams(activation="sigmoid"), VectorParams(hidden=0), VectorParams(seed=-1)])
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValueError):
        make_weights(3, bad)


def test_long_input_runs_in_float32():
    """100,000 tokens trace in float32 with one state per token (how fast: bench/bench_engine.py)."""
    L, H = 100_000, 32
    ids = np.random.default_rng(0).integers(1, 501, size=L)
    w = make_weights(500, VectorParams(hidden=H, seed=0))
    tr = trace(ids, w)
    assert tr.s.dtype == np.float32 and tr.s.shape == (L, H)
    assert tr.s.nbytes == L * H * 4
    assert tr.a.nbytes == L * H * 4
    assert np.isfinite(tr.s).all() and np.abs(tr.s).max() <= 1.0  # tanh states, none lost on the way
    assert step_at(tr, ["t"] * L, L).x == ids[-1]


def test_unit_step_terms_add_up_to_the_traced_pre_activation():
    weights = make_weights(5, VectorParams(hidden=6, seed=3))
    tr = trace([1, 4, 2, 5], weights)
    for t in range(1, 5):
        for j in range(6):
            u = unit_step(tr, weights, t, j)
            prev = tr.s0 if t == 1 else tr.s[t - 2]
            assert u.input == pytest.approx(float(weights.U[j] @ np.eye(5)[tr.ids[t - 1] - 1]))  # Σ_k U_jk x_k
            assert u.memory == pytest.approx(float(weights.W[j] @ prev), abs=1e-6)
            assert u.input + u.memory + u.bias == pytest.approx(u.a, abs=1e-6)
            assert u.s == pytest.approx(np.tanh(u.a), abs=1e-6)
            assert u.memory_terms.shape == (6,)
