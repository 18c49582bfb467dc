"""core.gradients and ``rnn-tui gradients``: real derivatives, checked three ways
(the scalar closed form, finite differences, torch's own clipping)."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from core.gradients import (
    CLIP_PRESET,
    GradientError,
    GradientSpec,
    clip_preset,
    clip_view,
    compute,
    gated_weights,
    inputs,
    rnn_weights,
    verdict_of,
)
from core.gradients.scalar import scalar_forward
from core.gradients.tanh import rnn_forward
from tui.cli.gradients import main as gradients_main

# --- the scalar RNN: |v·u·w^(T-t)| to 1e-12 ---------------------------------

@pytest.mark.parametrize("u, w, v, T", [(1, 0.5, 2, 20), (1, 1.5, 2, 50), (-0.7, 0.93, 1.3, 200), (2.5, -1.1, -0.4, 37)])
def test_scalar_norms_match_the_closed_form(u, w, v, T):
    res = compute(GradientSpec(cell="scalar", length=T, u=u, w=w, v=v))
    t = np.arange(1, T + 1)
    exact = np.abs(v * u * np.power(float(w), T - t))
    assert res.norms.shape == (T,)
    np.testing.assert_allclose(res.norms, exact, rtol=1e-12, atol=0)
    np.testing.assert_allclose(res.log10_norms, np.log10(exact), rtol=0, atol=1e-12)


def test_scalar_gradient_agrees_with_finite_differences():
    """The scalar RNN is linear, so a central difference is exact up to rounding."""
    T, u, w, v = 8, 0.8, 1.3, 2.0
    res = compute(GradientSpec(cell="scalar", length=T, u=u, w=w, v=v))
    xs = inputs(T, 0)[:, 0]
    for t in range(T):
        e = np.zeros(T)
        e[t] = 1e-3
        fd = (scalar_forward(xs + e, u, w, v) - scalar_forward(xs - e, u, w, v)) / 2e-3
        assert res.grads[t, 0] == pytest.approx(fd, rel=1e-8)


def test_verdicts_of_the_scalar_rnn():
    assert compute(GradientSpec(cell="scalar", w=0.5, length=20)).verdict == "vanishing"
    assert compute(GradientSpec(cell="scalar", w=1.0, length=20)).verdict == "stable"
    res = compute(GradientSpec(cell="scalar", w=1.5, length=50))
    assert res.verdict == "exploding"
    assert res.ratio == pytest.approx(1.5**49, rel=1e-12)


def test_verdict_thresholds():
    assert verdict_of(-2.01) == "vanishing" and verdict_of(-1.99) == "fading"
    assert verdict_of(-0.31) == "fading" and verdict_of(-0.29) == "stable"  # 10^-0.3 ≈ 0.5: half lost
    assert verdict_of(0.29) == "stable" and verdict_of(0.31) == "growing"
    assert verdict_of(1.99) == "growing" and verdict_of(2.01) == "exploding"
    assert verdict_of(math.nan) == "vanishing"


def test_values_past_float64_keep_their_size_in_log10():
    res = compute(GradientSpec(cell="scalar", w=10.0, length=10_000))
    assert res.verdict == "exploding"
    assert math.isinf(res.norms[0]) and res.norms[-1] == pytest.approx(2.0)
    assert res.log10_norms[0] == pytest.approx(9999 + math.log10(2), abs=1e-9)
    assert res.log10_ratio == pytest.approx(9999, abs=1e-9)
    assert res.overflow == 10_000 - 308
    tiny = compute(GradientSpec(cell="scalar", w=0.01, length=400))
    assert tiny.norms[0] == 0 and tiny.log10_norms[0] == pytest.approx(-798 + math.log10(2), abs=1e-9)


# --- the tanh RNN and the gated cells: finite differences ---------------------

def _fd_norms(forward, xs, eps=1e-6):
    out = []
    for t in range(len(xs)):
        e = np.zeros_like(xs)
        e[t, 0] = eps
        out.append(abs(forward(xs + e) - forward(xs - e)) / (2 * eps))
    return np.array(out)


def test_rnn_norms_agree_with_finite_differences():
    spec = GradientSpec(cell="rnn", length=6, hidden=4, scale=1.3, seed=3)
    res = compute(spec)
    wt = rnn_weights(spec.hidden, spec.scale, spec.seed)
    fd = _fd_norms(lambda xs: rnn_forward(xs, wt), inputs(spec.length, spec.seed))
    np.testing.assert_allclose(res.norms, fd, rtol=1e-6)


@pytest.mark.parametrize("cell, gate_bias", [("lstm", None), ("lstm", 2.0), ("gru", None), ("gru", 2.0)])
def test_gated_norms_agree_with_finite_differences(cell, gate_bias):
    from core.gradients.gated import gated_forward

    spec = GradientSpec(cell=cell, length=5, hidden=3, seed=1, gate_bias=gate_bias)
    res = compute(spec)
    w = gated_weights(cell, spec.hidden, spec.seed, gate_bias, spec.scale)
    fd = _fd_norms(lambda xs: float(gated_forward(cell, xs, w)[0]), inputs(spec.length, spec.seed))
    np.testing.assert_allclose(res.norms, fd, rtol=1e-6, atol=1e-9)  # atol: a central difference's rounding (1e-16 / 1e-6)


@pytest.mark.parametrize("cell, gate_bias", [("lstm", None), ("lstm", 3.0), ("gru", None)])
def test_numpy_backprop_matches_torch_autograd_across_chunks(cell, gate_bias):
    """compute() backprops the gated cells in NumPy; torch autograd (in chunks, and in one
    backward over the whole sequence) gives the same numbers."""
    import torch

    from core.gradients.torch_ref import CHUNK, autograd_gradients, spec_net, step, zero_state

    T = CHUNK + 9
    spec = GradientSpec(cell=cell, length=T, hidden=5, seed=2, gate_bias=gate_bias)
    res = compute(spec)
    np.testing.assert_allclose(res.norms, autograd_gradients(spec).norms, rtol=1e-10)
    net = spec_net(spec)
    xs = torch.as_tensor(inputs(T, 2), dtype=torch.float64).requires_grad_(True)
    state = zero_state(net)
    for t in range(T):
        state = step(net, xs[t].view(1, -1), state)
    (gx,) = torch.autograd.grad(net.V(state[0])[0, 0], xs)
    np.testing.assert_allclose(res.norms, gx.abs().numpy()[:, 0], rtol=1e-10)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_numpy_forward_of_the_gated_cells_matches_torch(cell):
    from core.gradients.gated import gated_forward
    from core.gradients.torch_ref import torch_forward, torch_net

    w = gated_weights(cell, 6, 4, 1.5)
    xs = inputs(12, 4)
    assert float(gated_forward(cell, xs, w)[0]) == pytest.approx(torch_forward(xs, torch_net(cell, w)), rel=1e-12)
    batch = np.stack([xs, 2 * xs], axis=1)  # (T, B=2, D): the batched path gives each sequence's o_T
    np.testing.assert_allclose(gated_forward(cell, batch, w)[:, 0],
                               [torch_forward(xs, torch_net(cell, w)), torch_forward(2 * xs, torch_net(cell, w))],
                               rtol=1e-12)


def test_gated_starting_weights_have_torchs_default_distribution():
    """Every parameter uniform in ±1/√H, as nn.LSTMCell / nn.GRUCell / nn.Linear draw them (no torch needed)."""
    H = 64
    for cell, gates in (("lstm", 4), ("gru", 3)):
        w = gated_weights(cell, H, 0)
        assert w.weight_ih.shape == (gates * H, 1) and w.weight_hh.shape == (gates * H, H) and w.V.shape == (1, H)
        every = np.concatenate([np.ravel(a) for a in w])
        bound = 1 / np.sqrt(H)
        assert np.all(np.abs(every) <= bound)
        assert np.mean(every) == pytest.approx(0, abs=0.01 * bound)
        assert np.var(every) == pytest.approx(bound**2 / 3, rel=0.05)  # the variance of U(-b, b)


def test_a_long_gated_sequence_keeps_its_size_past_float64():
    res = compute(GradientSpec(cell="lstm", length=3000, hidden=4, gate_bias=None))
    assert res.verdict == "vanishing"
    assert np.all(np.isfinite(res.log10_norms)) and res.log10_norms[0] < -330  # below float64's smallest
    assert res.norms[0] == 0 and res.overflow > 0


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_the_gate_bias_lengthens_the_memory(cell):
    plain = compute(GradientSpec(cell=cell, length=30, gate_bias=None))
    biased = compute(GradientSpec(cell=cell, length=30, gate_bias=3.0))
    assert biased.log10_per_step > plain.log10_per_step + 0.1  # ×1.26 or more per step back


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("length", [30, 100])
def test_fair_comparison_at_the_defaults_gated_cells_do_not_vanish_faster(seed, length):
    """Same init family and scale for all three; at the defaults the tanh RNN loses the gradient fastest."""
    res = {c: compute(GradientSpec(cell=c, length=length, seed=seed)) for c in ("rnn", "lstm", "gru")}
    assert res["rnn"].per_step < 0.7 and res["rnn"].verdict == "vanishing"
    for gated in ("lstm", "gru"):
        assert res[gated].per_step > res["rnn"].per_step + 0.2
        # the word agrees with the bars: "stable" only if step 1 keeps at least half of step T's gradient
        kept = res[gated].per_step ** (length - 1)
        assert (res[gated].verdict == "stable") == (0.5 <= kept <= 2)


def test_one_init_family_for_all_three_cells():
    """Every recurrent matrix is uniform in ±scale/√H (torch's default times scale)."""
    H, scale = 64, 0.5
    W = rnn_weights(H, scale, 0).W
    W_lstm = gated_weights("lstm", H, 0, None, scale).weight_hh
    for m in (W, W_lstm):
        assert np.abs(m).max() <= scale / np.sqrt(H)
        assert np.var(m) == pytest.approx((scale / np.sqrt(H)) ** 2 / 3, rel=0.05)


def test_the_verdict_reads_the_trend_not_the_first_and_last_bar():
    from core.gradients.result import gradients_of

    t = np.arange(30)
    log10 = np.where(t % 2, 0.0, -1.0)  # flat trend, zig-zag bars
    log10[0] = -3.0  # a noisy first bar: 1000× below the last
    res = gradients_of("rnn", log10, 10**log10, 10**log10[:, None])
    assert res.log10_ratio == pytest.approx(-3.0) and res.verdict == "fading"  # the bars alone: "vanishing"
    assert res.per_step == pytest.approx(1.0, abs=0.05)
    steady = -0.1 * (29 - t)  # ×10^-0.1 per step back, every bar on the line
    res = gradients_of("rnn", steady, 10**steady, 10**steady[:, None])
    assert res.per_step == pytest.approx(10**-0.1) and res.verdict == "vanishing"


def test_per_step_of_the_scalar_rnn_is_w():
    for w in (0.5, 1.5, -0.9):
        assert compute(GradientSpec(cell="scalar", w=w, length=40)).per_step == pytest.approx(abs(w), rel=1e-12)


def test_trained_on_recall_the_gated_cells_remember_and_the_tanh_rnn_does_not():
    """The seeded run the trained view shows (seed 0): same budget for all three."""
    from core.gradients.memory import MemoryResult, MemoryStep, MemoryTask, train_memory

    task = MemoryTask()
    records = list(train_memory(task))
    steps = [r for r in records if isinstance(r, MemoryStep)]
    assert len(steps) == 3 * task.steps and all(math.isfinite(r.loss) for r in steps)
    res = {r.cell: r for r in records if isinstance(r, MemoryResult)}
    at_target = {c: r.gradients.log10_norms[task.target - 1] for c, r in res.items()}
    assert res["rnn"].error > 0.8  # no memory: about the variance of the target
    assert res["lstm"].error < 0.1 and res["gru"].error < 0.1
    for gated in ("lstm", "gru"):
        assert at_target[gated] > at_target["rnn"] + 3  # 1000× more of x_5 reaches o_T
    again = [r for r in train_memory(MemoryTask(steps=5)) if isinstance(r, MemoryStep)]
    assert [r.loss for r in again][:5] == [r.loss for r in steps[:5]]  # deterministic from the seed


def test_recall_weight_gradients_agree_with_finite_differences():
    from core.gradients.memory import CELLS, MemoryTask, _arrays, _loss, batch, start_weights

    task = MemoryTask(length=6, delay=3, hidden=4)
    xs, y = batch(task, np.random.default_rng(0), 5)
    for cell in CELLS:
        w = start_weights(cell, task)
        _, grads = _loss(cell, w, xs, y)
        for a, g in zip(_arrays(w), _arrays(grads)):
            for j in range(min(a.size, 4)):
                idx = np.unravel_index(j, a.shape)
                old = a[idx]
                a[idx] = old + 1e-6
                up, _ = _loss(cell, w, xs, y)
                a[idx] = old - 1e-6
                down, _ = _loss(cell, w, xs, y)
                a[idx] = old
                assert g[idx] == pytest.approx((up - down) / 2e-6, rel=1e-5, abs=1e-9)



def test_tanh_rnn_with_scale_half_vanishes():
    res = compute(GradientSpec(cell="rnn", length=30, scale=0.5))
    assert res.verdict == "vanishing"
    assert res.ratio < 1e-6
    assert res.log10_norms[:10].mean() < res.log10_norms[-10:].mean() - 4  # early steps fade away


def test_the_seed_makes_it_reproducible_and_changes_it():
    a, b = (compute(GradientSpec(cell="rnn", length=20, seed=5)) for _ in range(2))
    c = compute(GradientSpec(cell="rnn", length=20, seed=6))
    np.testing.assert_array_equal(a.norms, b.norms)
    assert not np.allclose(a.norms, c.norms)


@pytest.mark.parametrize("spec, words", [
    (GradientSpec(length=0), "length must be between 1 and 10000"),
    (GradientSpec(length=10_001), "length"),
    (GradientSpec(cell="cnn"), "unknown cell"),
    (GradientSpec(hidden=0), "hidden size"),
    (GradientSpec(scale=-1), "scale must be between 0 and 100"),
    (GradientSpec(scale=math.nan), "scale must be a finite number"),
    (GradientSpec(cell="scalar", u=0), "u = 0"),
    (GradientSpec(cell="lstm", gate_bias=math.inf), "gate bias must be a finite number, got inf"),
    (GradientSpec(cell="gru", gate_bias=-101.0), "gate bias must be between -100 and 100, got -101"),
])
def test_bad_settings_say_what_is_wrong_in_one_line(spec, words):
    with pytest.raises(GradientError, match=words) as info:
        compute(spec)
    assert "\n" not in str(info.value)


# --- clipping: the same numbers as torch's own functions ----------------------

@pytest.mark.parametrize("c", [0.5, 10.0, 1e12])
def test_clipping_matches_torch(c):
    import torch

    _, view = clip_preset(c)
    g = compute(CLIP_PRESET).grads[:, 0]
    np.testing.assert_array_equal(view.before, g)
    p = torch.nn.Parameter(torch.zeros(len(g), dtype=torch.float64))
    p.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_value_([p], c)
    np.testing.assert_allclose(view.by_value, p.grad.numpy(), rtol=1e-15)
    p.grad = torch.tensor(g)
    norm = torch.nn.utils.clip_grad_norm_([p], c)
    assert view.norm_before == pytest.approx(float(norm), rel=1e-12)
    np.testing.assert_allclose(view.by_norm, p.grad.numpy(), rtol=1e-12)
    assert view.norm_by_norm == pytest.approx(min(c, view.norm_before), rel=1e-5)
    assert np.max(np.abs(view.by_value)) <= c


def test_the_clip_preset_explodes_and_clipping_tames_it():
    grads, view = clip_preset(10.0)
    assert grads.verdict == "exploding" and grads.length == 50
    assert view.before[0] == pytest.approx(-2 * 1.5**49, rel=1e-12)  # w = -1.5: the sign flips every step
    assert view.before[1] == pytest.approx(2 * 1.5**48, rel=1e-12)
    assert view.by_value[0] == -10.0 and view.by_value[1] == 10.0  # both halves of the rule
    assert view.by_value[-1] == pytest.approx(2.0) and view.by_value[-2] == pytest.approx(-3.0)  # inside [-c, c]: kept
    assert view.norm_by_norm == pytest.approx(10.0, rel=1e-6)
    ratio = view.by_norm / view.before
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-12)  # by norm keeps the direction


def test_clipping_rejects_a_bad_threshold_and_infinite_gradients():
    with pytest.raises(GradientError, match="above 0"):
        clip_view(np.ones(3), 0.0)
    with pytest.raises(GradientError, match="finite"):
        clip_view(np.array([1.0, np.inf]), 1.0)


# --- the command line ----------------------------------------------------------

def test_cli_json_acceptance(capsys):
    assert gradients_main(["--cell", "scalar", "--w", "0.5", "--length", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cell"] == "scalar" and out["length"] == 20
    t = np.arange(1, 21)
    np.testing.assert_allclose(out["norms"], 2 * 0.5 ** (20 - t), rtol=1e-12, atol=0)
    assert out["verdict"] == "vanishing"
    assert out["per_step"] == pytest.approx(0.5, rel=1e-12) and out["log10_per_step"] == pytest.approx(math.log10(0.5))
    assert {"cell", "length", "norms", "log10_norms", "ratio", "log10_ratio", "verdict"} <= set(out)  # the contract


def test_cli_table_says_exploding(capsys):
    assert gradients_main(["--cell", "scalar", "--w", "1.5", "--length", "50"]) == 0
    out = capsys.readouterr().out
    last = out.strip().splitlines()[-1]
    assert "exploding" in last and "×1.5 per step back" in last and "all 50 steps" in last
    assert "ratio norms[0]/norms[49] (step 1 vs step 50) = 4.25e+08" in out
    assert "2.00e+00" in out  # the t = 50 row


def test_cli_overflow_is_valid_json_with_a_note(capsys):
    assert gradients_main(["--cell", "scalar", "--w", "10", "--length", "10000", "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)  # strict JSON: no Infinity
    assert "Infinity" not in captured.out
    assert out["norms"][0] is None and out["norms"][-1] == 2.0
    assert out["log10_norms"][0] == pytest.approx(9999.30103, abs=1e-5)
    assert out["ratio"] is None and out["verdict"] == "exploding"
    assert captured.err.count("\n") == 1 and "beyond float64" in captured.err


def test_cli_lstm_json(capsys):
    assert gradients_main(["--cell", "lstm", "--length", "7", "--hidden", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cell"] == "lstm" and len(out["norms"]) == 7 and all(x > 0 for x in out["norms"])


@pytest.mark.parametrize("argv, words", [
    (["--length", "0"], "--length: length must be between 1 and 10000, got 0"),
    (["--length", "abc"], "is not a whole number"),
    (["--cell", "cnn"], "--cell: unknown cell 'cnn': use scalar, rnn, lstm, gru"),
    (["--scale", "nan"], "--scale: scale must be a finite number, got nan"),
    (["--scale", "1000"], "scale must be between 0 and 100"),
    (["--cell", "scalar", "--v", "0"], "v = 0"),
    (["--hidden", "100000"], "--hidden"),
])
def test_cli_bad_values_exit_2_with_one_line(argv, words):
    proc = subprocess.run([sys.executable, "-m", "tui.cli", "gradients", *argv], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and words in proc.stderr
    assert proc.stderr.startswith("rnn-tui gradients: error:") and "Traceback" not in proc.stderr


def test_the_engine_and_the_tab_module_load_without_torch_or_textual():
    code = ("import sys, core.gradients as g; assert 'torch' not in sys.modules, 'import'; "
            "[g.compute(g.GradientSpec(cell=c, length=50)) for c in g.CELLS]; g.clip_preset(10.0); "
            "assert 'torch' not in sys.modules, 'torch'; "
            "assert 'textual' not in sys.modules and 'rich' not in sys.modules, 'ui'; "
            "import tui.tabs.gradients, tui.tabs.concepts; assert 'torch' not in sys.modules, 'tab'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_the_package_imports_without_a_cycle():
    """Each module of core/gradients imports only modules listed before it (the order __init__ documents)."""
    import ast
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "core" / "gradients"
    graph = {}
    for path in folder.glob("*.py"):
        if path.stem == "__init__":
            continue
        tree = ast.parse(path.read_text())
        graph[path.stem] = {node.module.split(".")[2] for node in ast.walk(tree)
                            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("core.gradients.")}
    done: set[str] = set()
    while len(done) < len(graph):
        ready = {m for m, deps in graph.items() if m not in done and deps <= done}
        assert ready, f"import cycle among {sorted(set(graph) - done)}"
        done |= ready


def test_a_finished_recall_run_is_replayed_with_the_same_records():
    from core.gradients import memory

    task = memory.MemoryTask(length=6, delay=3, hidden=4, steps=7)
    memory._FINISHED.pop((task, "rnn"), None)
    first = list(memory.train_memory(task, cells=("rnn",)))
    assert (task, "rnn") in memory._FINISHED
    replay = list(memory.train_memory(task, cells=("rnn",)))
    assert [getattr(r, "loss", None) for r in replay] == [getattr(r, "loss", None) for r in first]
    assert replay[-1].error == first[-1].error and len(replay) == task.steps + 1
