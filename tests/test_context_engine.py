"""The Context models: gradients against torch, the Forward tab's recurrence, fairness, accuracy, reading."""


import numpy as np
import pytest

from core.context import (
    Clamp,
    ContextConfig,
    ContextConfigError,
    ContextDiverged,
    ContextTrainer,
    make_corpus,
    random_models,
    read,
    segment,
)
from core.context.models import BagWeights
from core.context.nets import bag_loss_grad, rnn_forward, rnn_loss_grad
from core.forward.vector import Weights, trace


def _batch(rng, B=5, T=7, V=11):
    lengths = rng.integers(1, T + 1, size=B)
    lengths[0] = T
    ids = np.zeros((B, T), dtype=np.int64)
    for b, n in enumerate(lengths):
        ids[b, :n] = rng.integers(0, V + 1, size=n)  # 0: an unknown word
    return ids, lengths, rng.integers(0, 2, size=B).astype(np.float64)


def _torch_loss(torch, o, ids, lengths, y):
    """The documented loss: half on the last answer, half spread over every word's answer."""
    B, T = ids.shape
    total = 0
    for b in range(B):
        n = int(lengths[b])
        target = torch.full((n,), float(y[b]), dtype=torch.float64)
        bce = torch.nn.functional.binary_cross_entropy_with_logits(o[b, :n], target, reduction="none")
        total = total + 0.5 * bce[-1] + 0.5 * bce.mean()
    return total / B


def _params(torch, arrays):
    return [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]


def test_rnn_gradients_match_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    H, V = 6, 11
    w = Weights(rng.normal(size=(H, V)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H), rng.normal(size=(1, H)), rng.normal(size=1))
    ids, lengths, y = _batch(rng, V=V)
    loss, grads = rnn_loss_grad(w, ids, lengths, y)

    U, W, b, Vw, c = _params(torch, (w.U, w.W, w.b, w.V, w.c))
    UT = torch.cat([torch.zeros(1, H, dtype=torch.float64), U.T])  # id 0: no input
    s, outs = torch.zeros(len(ids), H, dtype=torch.float64), []
    inside = np.arange(ids.shape[1])[None, :] < lengths[:, None]
    for t in range(ids.shape[1]):
        step = torch.tanh(UT[torch.from_numpy(ids[:, t])] + s @ W.T + b)
        skip = torch.from_numpy((ids[:, t] == 0) & inside[:, t])[:, None]  # an unknown word: s_t = s_{t-1}
        s = torch.where(skip, s, step)
        outs.append(s @ Vw[0] + c[0])
    ref = _torch_loss(torch, torch.stack(outs, 1), ids, lengths, y)
    ref.backward()
    assert abs(loss - ref.item()) <= 1e-12
    for mine, theirs in zip((grads.U, grads.W, grads.b, grads.V, grads.c), (U, W, b, Vw, c)):
        assert np.max(np.abs(mine - theirs.grad.numpy())) <= 1e-9


def test_bag_gradients_match_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    H, V = 5, 11
    w = BagWeights(rng.normal(size=(H, V)), rng.normal(size=(H, H)), rng.normal(size=H), rng.normal(size=(1, H)), rng.normal(size=1))
    ids, lengths, y = _batch(rng, V=V)
    loss, grads = bag_loss_grad(w, ids, lengths, y)

    E, A, b, Vw, c = _params(torch, (w.E, w.A, w.b, w.V, w.c))
    ET = torch.cat([torch.zeros(1, H, dtype=torch.float64), E.T])
    seen = torch.clamp(torch.cumsum(torch.from_numpy(ids != 0), 1), min=1).to(torch.float64)[:, :, None]  # known words so far
    m = torch.cumsum(ET[torch.from_numpy(ids)], 1) / seen
    o = torch.tanh(m @ A.T + b) @ Vw[0] + c[0]
    ref = _torch_loss(torch, o, ids, lengths, y)
    ref.backward()
    assert abs(loss - ref.item()) <= 1e-12
    for mine, theirs in zip((grads.E, grads.A, grads.b, grads.V, grads.c), (E, A, b, Vw, c)):
        assert np.max(np.abs(mine - theirs.grad.numpy())) <= 1e-9


def test_the_recurrence_is_the_forward_tabs():
    models = random_models(ContextConfig(hidden=7, seed=3), [f"w{i}" for i in range(9)])
    ids = [3, 1, 4, 1, 5, 9, 2]
    s, o = rnn_forward(models.rnn, np.array([ids]))
    ref = trace(ids, Weights(*(a.astype(np.float32) for a in (models.rnn.U, models.rnn.W, models.rnn.b, models.rnn.V, models.rnn.c))))
    assert np.allclose(s[0], ref.s, atol=1e-6) and np.allclose(o[0], ref.o[:, 0], atol=1e-6)


def test_both_models_start_from_the_same_numbers():
    m = random_models(ContextConfig(hidden=5), ["a", "b", "c"])
    for mine, twin in zip((m.rnn.U, m.rnn.W, m.rnn.b, m.rnn.V, m.rnn.c), (m.bag.E, m.bag.A, m.bag.b, m.bag.V, m.bag.c)):
        assert np.array_equal(mine, twin)
    assert np.all(np.abs(m.rnn.W) <= 1 / np.sqrt(5)) and not m.trained


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(the default run's trainer as it started, with ``models`` the trained ones; its records): trained once
    per test run and shared by the xdist workers (tests/shared.py)."""
    from types import SimpleNamespace

    from shared import default_run

    models, records = default_run(tmp_path_factory, 0)
    start = ContextTrainer(ContextConfig())
    return SimpleNamespace(steps=start.steps, config=start.config, corpus=start.corpus, random=start.random,
                           models=models), records


def test_seeded_accuracies(trained):
    trainer, records = trained
    last = records[-1]
    assert last.step == last.steps == trainer.steps
    assert last.acc_rnn >= 0.97 and last.same_acc_rnn >= 0.95
    assert last.same_acc_bag == 0.5  # order-blind: one of each pair right, by construction
    assert last.acc_bag < last.acc_rnn - 0.1
    first = records[0]
    assert first.step == 0 and first.loss_rnn is None and 0.4 < first.acc_rnn < 0.6  # random weights: chance


def test_records_come_often_and_in_order(trained):
    trainer, records = trained
    steps = [r.step for r in records]
    assert steps == sorted(steps) and len(records) > 5 * trainer.config.epochs
    assert max(b - a for a, b in zip(steps, steps[1:])) <= 16
    assert [r.epoch for r in records][-1] == trainer.config.epochs
    assert all(r.seconds >= 0 for r in records)


def test_the_bag_answers_each_same_words_pair_identically(trained):
    trainer, _ = trained
    models = trainer.models
    both_right = 0
    for one, two in trainer.corpus.same_words:
        a, b = read(models, one.tokens), read(models, two.tokens)
        assert a.bag_p == b.bag_p  # so the bag model gets at most one of the two right
        both_right += (a.p_final >= 0.5) == bool(one.label) and (b.p_final >= 0.5) == bool(two.label)
    assert both_right >= 0.95 * len(trainer.corpus.same_words)


def test_the_tutorials_sentences(trained):
    models = trained[0].models
    neg, pos, double = (read(models, segment(t)) for t in ("我不喜欢美女", "我喜欢美女", "我不是不喜欢美女"))
    assert neg.p_final < 0.2 and pos.p_final > 0.8 and double.p_final > 0.8
    assert neg.tokens[1] == "不" and pos.tokens[1] == "喜欢"
    assert abs(neg.p_positive[1] - 0.5) < 0.25  # after 我不 nothing is decided yet: 喜欢 or 讨厌 may come
    assert neg.flip == 2 and pos.flip == 1 and models.trained  # each turns at its verb


def test_reading_marks_unknown_words_and_random_weights(trained):
    trainer, _ = trained
    r = read(trainer.random, segment("我不喜欢 外星人 😀"))
    assert r.unknown == (False, False, False, True, True) and r.ids[-1] == 0 and not r.trained
    assert np.array_equal(r.s[2], r.s[4]) and r.p_positive[2] == r.p_positive[4]  # unknown words are skipped
    assert r.s.shape == (5, trainer.config.hidden) and r.p_positive.shape == (5,) == r.bag_p_positive.shape
    empty = read(trainer.models, [])
    assert empty.p_final is None and empty.bag_p is None and empty.flip is None


def test_clamp_holds_the_unit(trained):
    models = trained[0].models
    r = read(models, segment("我不喜欢美女"), clamp=Clamp(unit=2, value=0.75, start=1))
    assert np.all(r.s[1:, 2] == 0.75) and r.s[0, 2] != 0.75


@pytest.mark.parametrize("change, field", [
    ({"hidden": 0}, "hidden"), ({"epochs": -1}, "epochs"), ({"lr": float("nan")}, "lr"), ({"lr": 0}, "lr"),
    ({"lang": "fr"}, "lang"), ({"seed": -1}, "seed"), ({"batch": 1.5}, "batch"), ({"test_fraction": 0.9}, "test_fraction"),
    ({"hidden": True}, "hidden"), ({"data": ""}, "data"),
])
def test_bad_settings_name_the_field(change, field):
    with pytest.raises(ContextConfigError) as err:
        ContextConfig(**change).validate()
    assert err.value.field == field and f"{field} " in str(err.value)
    assert "\n" not in str(err.value)


def test_the_largest_learning_rate_trains_to_the_end_and_a_nan_says_so():
    corpus = make_corpus("en", seed=0)
    records = list(ContextTrainer(ContextConfig(lang="en", lr=1.0, epochs=1), corpus))
    assert records[-1].step == records[-1].steps and all(np.isfinite(r.loss_rnn) for r in records[1:])
    trainer = ContextTrainer(ContextConfig(lang="en", epochs=1), corpus)
    trainer._rnn.W[0, 0] = np.nan  # what a blow-up would leave behind (Adam's bounded steps never get there at lr <= 1)
    with pytest.raises(ContextDiverged, match="^the RNN model diverged at step 1 "):
        list(trainer)


def test_the_config_and_the_package_load_without_numpy_or_torch():
    import subprocess
    import sys

    code = ("import sys, core.context, core.context.config, core.context.read, core.context.segment\n"
            "print(sorted(m for m in ('numpy', 'torch', 'textual', 'rich') if m in sys.modules))\n"
            "from core.context import read, segment, ContextTrainer\n"
            "print(callable(read), callable(segment), 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "True True True"]  # the functions, not their modules


def test_a_flip_is_a_decided_turn_not_noise_around_one_half():
    from core.context.read import flip_index

    assert flip_index(0.52, [0.53, 0.49, 0.51, 0.6]) is None  # hovering near 0.5: no flip
    assert flip_index(0.5, [0.51, 0.52, 0.01, 0.0]) == 2  # 我不喜欢美女: the answer is decided at 喜欢
    assert flip_index(0.5, [0.5, 0.3, 0.1]) == 2  # 0.3 is not decided yet
    assert flip_index(0.5, [0.5, 0.02, 0.0, 0.97]) == 3  # the last decided turn counts (…贵, 但是…好吃)
    assert flip_index(0.9, [0.95, 0.8]) is None  # decided from the start and never turned
    assert flip_index(0.5, []) is None
