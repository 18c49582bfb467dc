"""Pilot tests of the Train tab: what a user sees and the files they get.

Runs are tiny (a few steps, a small hidden state, flat out, mostly the numpy
engine) so each test takes about a second.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
from screen import screen_text, wait_for_tab, wait_until
from textual.widgets import Button, Checkbox, Input, Select

from core.sincos.checkpoint import load_model, save_model
from core.sincos.config import TrainConfig
from core.sincos.init import init_weights
from core.sincos.train import Diverged, Trainer
from tui.app import RnnTui
from tui.tabs.train import TrainTab
from tui.train.history import HISTORY_CAP, Decimated
from tui.widgets.train.chart import WINDOW_CAP, FitChart, envelope
from tui.widgets.train.loss import LossPanel, fmt_loss
from tui.widgets.train.progress import TrainProgress

SIZE = (100, 30)
TINY = {"epochs": "6", "hidden": "4", "seed": "3", "engine": "numpy", "speed": 0}


def engine_run(epochs=6, hidden=4, seed=3, engine="numpy", **kw):
    """The records of the same run without the UI."""
    return list(Trainer(TrainConfig(epochs=epochs, hidden_size=hidden, seed=seed, engine=engine, **kw)))


async def fill(pilot, tab: TrainTab, **values) -> None:
    """Set form fields by id (Input text, Select value or Checkbox value)."""
    for field, value in values.items():
        widget = tab.query_one(f"#{field}")
        if isinstance(widget, Input):
            widget.value = str(value)
        else:
            widget.value = value
    await pilot.pause()


async def mounted(pilot) -> TrainTab:
    """The Train tab once its widgets are mounted (a tab is built the first time it is shown)."""
    return await wait_for_tab(pilot, TrainTab, "#epochs")


async def open_tab(pilot, **values) -> TrainTab:
    """Fill the form (before the tab shows, so no torch warm-up for numpy runs) and show the tab."""
    tab = await mounted(pilot)
    await fill(pilot, tab, **values)
    await pilot.press("3")
    await pilot.pause()
    return tab


async def finish(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def progress(tab: TrainTab) -> str:
    return tab.query_one(TrainProgress).text


def loss_text(tab: TrainTab) -> str:
    return tab.query_one("#loss-text").plain


async def test_space_trains_to_the_end_and_the_screen_matches_the_engine(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        records = engine_run()
        losses = [r.loss for r in records]
        assert tab.state == "finished"
        assert progress(tab).startswith("step 6/6  ")
        assert "steps/s  in " in progress(tab)  # the rate and the time of the finished run
        best = min(range(6), key=lambda i: losses[i])
        assert loss_text(tab) == f"loss {fmt_loss(losses[-1])}  best {fmt_loss(losses[best])} at {best + 1}"
        assert list(tab.run.losses) == losses  # same seed, same numbers
        assert list(tab.run.grad_norms) == [r.grad_norm for r in records]
        assert tab.status_text.startswith(f"Done: final loss {fmt_loss(losses[-1])}, best {fmt_loss(losses[best])}")
        assert "unseen MSE" in tab.status_text
        chart = tab.query_one(FitChart)
        assert len(chart.windows) == 6 and chart.unseen is not None
        # the current window: the last record's target and prediction, on one scale
        target = tab.query_one("#spark-target").data
        assert target == tuple(float(v) for v in records[-1].target)
        assert tab.query_one("#spark-prediction").data == tuple(float(v) for v in records[-1].prediction)
        assert tab.query_one("#spark-target").scale == tab.query_one("#spark-prediction").scale
        assert tab.query_one("#hidden-strip").values == tuple(float(v) for v in records[-1].hidden)
        assert tab.query_one("#hidden-shapes").plain == "x (1, 10, 1)  h (1, 1, 4)  output (1, 10, 1)"
        assert "h from window 5, detached (h_state.data)" in tab.query_one("#hidden-carry").plain


async def test_pause_single_step_and_resume(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "epochs": "40", "speed": 10})
        await pilot.press("space")
        await wait_until(pilot, lambda: tab.run.done >= 1, what="a first step")
        await pilot.press("space")  # pause
        await finish(pilot)
        assert tab.state == "paused"
        k = tab.run.done
        assert 1 <= k < 40
        assert progress(tab) .startswith(f"step {k}/40")
        assert tab.query_one("#btn-start", Button).label.plain == "Resume"
        await pilot.press("n")
        await finish(pilot)
        assert tab.state == "paused" and tab.run.done == k + 1
        assert progress(tab).startswith(f"step {k + 1}/40")
        expected = engine_run(epochs=40)[: k + 1]
        assert list(tab.run.losses) == [r.loss for r in expected]
        assert f"loss {fmt_loss(expected[-1].loss)}" in loss_text(tab)
        await fill(pilot, tab, speed=0)
        await pilot.press("space")  # resume, flat out
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == 40
        assert list(tab.run.losses) == [r.loss for r in engine_run(epochs=40)]


async def test_n_while_idle_takes_one_step_and_buttons_work(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.click("#btn-step")
        await finish(pilot)
        assert tab.state == "paused" and tab.run.done == 1
        assert progress(tab).startswith("step 1/6")
        assert "h started at zeros (first window)" in tab.query_one("#hidden-carry").plain
        await pilot.click("#btn-start")  # resume
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == 6


async def test_reset_gives_the_same_run_with_the_same_seed(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        first = list(tab.run.losses)
        await pilot.press("r")
        await pilot.pause()
        assert tab.state == "idle" and tab.run.done == 0
        assert progress(tab) == "step 0/6"
        assert loss_text(tab) == "loss: not trained yet"
        assert len(tab.query_one(FitChart).windows) == 0
        assert "seed 3" in tab.status_text
        await pilot.press("space")
        await finish(pilot)
        assert list(tab.run.losses) == first


async def test_carry_off_resets_h_every_window(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY, carry=False)
        await pilot.press("space")
        await finish(pilot)
        assert "h reset to zeros (carry is off)" in tab.query_one("#hidden-carry").plain
        assert list(tab.run.losses) == [r.loss for r in engine_run(carry_hidden=False)]


async def test_divergence_stops_with_a_message_and_reset_works(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "epochs": "50", "lr": "1000"})
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "stopped"
        assert tab.status_text.startswith("Diverged at step 2: the loss reached")
        assert "Lower lr or clip the gradient" in tab.status_text
        assert tab.run.done == 1  # the history before the bad step stays on screen
        assert len(tab.query_one(FitChart).windows) == 1
        assert progress(tab).startswith("step 1/50")
        await pilot.press("r")
        await fill(pilot, tab, lr="0.02", epochs="5")
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == 5


async def test_invalid_fields_disable_start_and_show_the_engine_message(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        start = tab.query_one("#btn-start", Button)
        for field, value, message in [
            ("lr", "abc", "lr must be a number, got 'abc'"),
            ("lr", "-1", "lr must be a finite number above 0, got -1.0"),
            ("hidden", "0", "hidden must be between 1 and 4096, got 0"),
            ("epochs", "2.5", "epochs must be a whole number, got '2.5'"),
            ("clip-c", "0", "clip value must be a finite number above 0, got 0.0"),
        ]:
            if field == "clip-c":
                await fill(pilot, tab, clip="value")
            await fill(pilot, tab, **{field: value})
            assert start.disabled, field
            assert str(tab.query_one("#form-error").render()) == f"Invalid: {message}"
            assert tab.query_one(f"#{field}").has_class("-bad")
            tab.focus()
            await pilot.press("space")
            await pilot.pause()
            assert tab.state == "idle" and tab.run.done == 0
            await fill(pilot, tab, lr="0.02", hidden="4", epochs="6", clip="off")
            assert not start.disabled
            assert str(tab.query_one("#form-error").render()) == ""
        await fill(pilot, tab, cell="lstm")  # numpy trains rnn only
        assert start.disabled
        error = str(tab.query_one("#form-error").render())
        assert "the numpy engine trains the rnn cell only, not lstm: choose engine torch" in error
        assert "--engine" not in error  # the form's language, not the command line's
        assert tab.query_one("#cell").has_class("-bad")


async def test_torch_engine_and_cells(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "engine": "torch", "cell": "lstm", "epochs": "3"})
        assert tab.query_one("#hidden-shapes").plain == "x (1, 10, 1)  h (1, 1, 4)  c (1, 1, 4)  output (1, 10, 1)"
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "finished"
        assert list(tab.run.losses) == [r.loss for r in engine_run(epochs=3, engine="torch", cell="lstm")]
        await fill(pilot, tab, cell="gru", epochs="2")
        await pilot.press("space")  # a finished run: space starts a new one from the form
        await finish(pilot)
        assert progress(tab).startswith("step 2/2")
        assert list(tab.run.losses) == [r.loss for r in engine_run(epochs=2, engine="torch", cell="gru")]
        await fill(pilot, tab, cell="rnn", engine="numpy")
        await pilot.press("space")
        await finish(pilot)
        assert list(tab.run.losses) == [r.loss for r in engine_run(epochs=2)]


async def test_torch_unavailable_trains_with_numpy_and_says_why(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "core.sincos.train_torch", None)  # importing it raises ImportError
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "engine": "torch"})
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == 6
        assert tab.query_one("#engine", Select).value == "numpy"
        assert "torch is unavailable" in tab.status_text
        assert list(tab.run.losses) == [r.loss for r in engine_run()]


async def test_save_model_and_metrics_under_the_field_name_asking_before_overwriting(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("s")
        await pilot.pause()
        assert tab.status_text == "Nothing to save yet: train first."
        await pilot.press("space")
        await finish(pilot)
        tab.query_one("#file-path", Input).value = "run1.pt"
        await pilot.press("s")
        await finish(pilot)
        model = tmp_path / "run1.pt"
        assert tab.status_text == ("Saved run1.pt: the weights after step 6, with the config, seed and training "
                                   f"state (load it to continue from step 7). Folder: {tmp_path}")
        config, weights = load_model(model)
        assert config.hidden_size == 4 and config.seed == 3 and config.engine == "numpy"
        trainer = Trainer(TrainConfig(epochs=6, hidden_size=4, seed=3, engine="numpy"))
        list(trainer)
        for name, value in trainer.weights().items():
            np.testing.assert_allclose(weights[name], value, rtol=0, atol=0)
        await pilot.press("m")
        await finish(pilot)
        assert tab.status_text == f"Saved loss and gradient norm of 6 steps: run1-metrics.json and run1-metrics.csv in {tmp_path}"
        data = json.loads((tmp_path / "run1-metrics.json").read_text())
        assert data["config"]["hidden_size"] == 4 and data["config"]["seed"] == 3
        assert [s["loss"] for s in data["steps"]] == list(tab.run.losses)
        assert [s["grad_norm"] for s in data["steps"]] == list(tab.run.grad_norms)
        rows = (tmp_path / "run1-metrics.csv").read_text().splitlines()
        assert rows[0] == "step,loss,grad_norm" and len(rows) == 7 and rows[1].startswith("1,")
        # never overwrite without saying so: the first s asks, the second overwrites
        before = model.read_bytes()
        await pilot.press("r")
        await fill(pilot, tab, seed="4")
        await pilot.press("space")
        await finish(pilot)
        await pilot.press("s")
        await finish(pilot)
        assert tab.status_text == "run1.pt exists: press s again to overwrite it."
        assert model.read_bytes() == before
        await pilot.press("s")
        await finish(pilot)
        assert tab.status_text.startswith(f"Saved {model.name}") and load_model(model)[0].seed == 4
        await pilot.press("m")
        await pilot.pause()
        assert tab.status_text == "run1-metrics.json, run1-metrics.csv exists: press m again to overwrite it."
        assert sorted(p.name for p in tmp_path.iterdir()) == ["run1-metrics.csv", "run1-metrics.json", "run1.pt"]


async def test_saving_a_diverged_run_says_so(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "epochs": "50", "lr": "1000"})
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "stopped"
        await pilot.press("s")
        await finish(pilot)
        assert tab.status_text == ("Saved sincos.safetensors, but the run diverged at step 2: "
                                   f"these weights are the blown-up ones. Folder: {tmp_path}")
        await pilot.press("m")
        await finish(pilot)
        assert json.loads((tmp_path / "sincos-metrics.json").read_text())["diverged_at"] == 2


async def test_saving_into_a_missing_folder_shows_a_message_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        missing = tmp_path / "gone"
        tab.side.files.save_dir = missing
        await pilot.press("s")
        await finish(pilot)
        assert tab.status_text.startswith(f"Could not save {missing / 'sincos.safetensors'}:")
        assert "no such file or directory" in tab.status_text.lower()
        await pilot.press("m")
        await finish(pilot)
        assert tab.status_text.startswith(f"Could not save {missing / 'sincos-metrics.json'}:")
        (tmp_path / "sincos-metrics.json").mkdir()  # a folder where the file should go
        tab.side.files.save_dir = None
        await pilot.press("m")
        await pilot.press("m")  # it exists (as a folder): confirm
        await finish(pilot)
        assert tab.status_text.startswith("Could not save")
        assert not missing.exists()
        assert [p.name for p in tmp_path.iterdir()] == ["sincos-metrics.json"]
        assert list((tmp_path / "sincos-metrics.json").iterdir()) == []


async def test_load_a_model_corrupt_or_wrong_shape_files(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "junk.pt").write_bytes(b"not a model at all")
    config8 = TrainConfig(hidden_size=8, seed=0)
    save_model(tmp_path / "wrong.pt", TrainConfig(hidden_size=4), init_weights(config8, 0))
    good_config = TrainConfig(hidden_size=5, epochs=4, seed=9, engine="numpy", lr=0.01)
    good_weights = init_weights(good_config, 123)
    save_model(tmp_path / "good.pt", good_config, good_weights)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        path = tab.query_one("#file-path", Input)
        for name, error in [("junk.pt", "not an rnn-tui model file"), ("wrong.pt", "does not fit this model"),
                            ("nothing.pt", "no model file at")]:
            path.value = name
            button = tab.query_one("#btn-load")  # Textual ignores a click while the last one's effect shows
            await wait_until(pilot, lambda button=button: not button.has_class("-active"), what="the Load button to be clickable")
            await pilot.click("#btn-load")
            # the load runs in a worker that may not exist yet when the click returns: wait for its answer
            await wait_until(pilot, lambda name=name: tab.status_text.startswith("Could not load:") and name in tab.status_text,
                             what=f"the answer for {name}")
            await finish(pilot)
            assert error in tab.status_text, name
            assert tab.query_one("#hidden", Input).value == "4"  # the form is untouched
        path.value = "good.pt"
        await wait_until(pilot, lambda button=button: not button.has_class("-active"), what="the Load button to be clickable")
        await pilot.click("#btn-load")
        await wait_until(pilot, lambda: tab.status_text.startswith("Loaded"), what="good.pt loaded")
        await finish(pilot)
        assert tab.status_text.startswith(f"Loaded {tmp_path / 'good.pt'} (rnn, hidden 5, trained ? steps). "
                                          "Weights only: space starts a new run from these weights (an older file")
        assert tab.query_one("#hidden", Input).value == "5"
        assert tab.query_one("#epochs", Input).value == "4"
        assert tab.query_one("#lr", Input).value == "0.01"
        await fill(pilot, tab, speed=0)
        await pilot.press("space")
        await finish(pilot)
        expected = list(Trainer(good_config, weights=good_weights))  # trains on from the loaded weights
        assert list(tab.run.losses) == [r.loss for r in expected]


async def test_load_then_space_continues_the_run_where_it_was_saved(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    config = TrainConfig(epochs=100, hidden_size=4, seed=3, engine="numpy")
    whole = engine_run(epochs=100)
    half = Trainer(config)
    for _ in range(50):
        half.step()
    half.save(tmp_path / "half.pt")
    done = Trainer(config)
    list(done)
    done.save(tmp_path / "done.pt")
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        tab.query_one("#file-path", Input).value = "half.pt"
        await pilot.click("#btn-load")
        await finish(pilot)
        assert tab.status_text == "Loaded half.pt: space continues from step 51 of 100 with the saved optimizer state."
        assert progress(tab) == "step 50/100"
        assert tab.query_one("#hidden-carry").plain == "h: the saved run's, after window 50"
        await fill(pilot, tab, speed=0)
        await pilot.press("n")
        await finish(pilot)
        assert progress(tab) == "step 51/100" and tab.state == "paused"
        assert tab.status_text == "Paused after step 51: space resumes, n takes one step."
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "finished" and progress(tab).startswith("step 100/100")
        assert list(tab.run.losses) == [r.loss for r in whole[50:]]  # as if it had never stopped
        best = min(range(50, 100), key=lambda i: whole[i].loss) + 1
        assert f"(step {best})" in tab.status_text
        await pilot.press("m")
        await finish(pilot)
        steps = json.loads((tmp_path / "half-metrics.json").read_text())["steps"]
        assert [s["step"] for s in steps] == list(range(51, 101))
        # a finished model: space says how to go on, and goes on once epochs allow it
        tab.query_one("#file-path", Input).value = "done.pt"
        await pilot.click("#btn-load")
        await finish(pilot)
        assert tab.status_text == ("Loaded done.pt. This model has done 100 of 100 steps: raise epochs above 100 to continue "
                                        "from step 101 with its saved state, or r to forget it.")
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "idle" and tab.status_text.startswith("This model has done 100 of 100 steps")
        await fill(pilot, tab, epochs="103", speed=0)
        await pilot.press("space")
        await finish(pilot)
        longer = engine_run(epochs=103)
        assert tab.state == "finished" and list(tab.run.losses) == [r.loss for r in longer[100:]]


async def test_switching_tabs_keeps_training_and_q_quits_fast(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "epochs": "30", "speed": 50})
        await pilot.press("space")
        await pilot.press("1")  # Forward tab
        await wait_until(pilot, lambda: app.query_one("TabbedContent").active == "forward", what="the Forward tab")
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == 30  # all 30 steps, while another tab was on show
        assert app.query_one("TabbedContent").active == "forward"
        await pilot.press("3")
        await fill(pilot, tab, epochs="100000", speed=0)
        await pilot.press("space")
        await wait_until(pilot, lambda: tab.run.done > 0, what="the long run under way")
        assert tab.state == "running"
        await pilot.press("q")
    assert not app.is_running and tab.run.done < 100000  # q ended the run: the worker checks cancellation every step
    # (how fast q answers is timed in a real terminal: test_terminal.py's q mid-training test)


async def test_log_scale_and_zoom_keys(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        spark = tab.query_one("#loss-spark")
        assert tab.query_one("#loss-log", Checkbox).value  # log by default: the loss falls by decades
        assert spark.data == pytest.approx([np.log10(v) for v in tab.run.losses])
        await pilot.press("y")
        await pilot.pause()
        assert spark.data == pytest.approx(list(tab.run.losses))
        chart = tab.query_one(FitChart)
        box = tab.query_one("#chart-box")
        assert chart.recent and "z: all windows" in str(box.border_subtitle)  # the default: the last windows
        await pilot.press("z")
        await pilot.pause()
        assert not chart.recent and "z: last 6 windows" in str(box.border_subtitle)


async def test_chinese_labels(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui(lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        assert progress(tab).startswith("第 6/6 步")
        assert tab.query_one("#btn-start", Button).label.plain == "开始"
        assert tab.status_text.startswith("完成：")


async def test_long_runs_keep_bounded_histories(monkeypatch, tmp_path):
    """10,000 steps' worth of records: what the screen keeps stays bounded."""
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        records = engine_run(epochs=50)
        for _ in range(200):
            tab.show_records(records)
        await pilot.pause()
        assert tab.run.done == 10_000  # the metrics keep every step
        assert len(tab.query_one(LossPanel).history) <= HISTORY_CAP
        assert len(tab.query_one(FitChart).windows) <= WINDOW_CAP


def test_decimated_keeps_evenly_spaced_items():
    d = Decimated(8)
    for i in range(100):
        d.append(i)
    assert len(d) <= 8 and d.count == 100
    assert d.items == list(range(0, 100, d.stride))[: len(d)]
    assert d.items[0] == 0 and d.items[-1] >= 100 - 2 * d.stride


def test_envelope_keeps_the_band():
    t = np.arange(1000.0)
    y = np.cos(t / 3)
    et, ey = envelope(t, y, 50)
    assert len(ey) == 100 and np.all(np.diff(et) >= 0)
    assert ey.max() == y.max() and ey.min() == y.min()
    same_t, same_y = envelope(t[:80], y[:80], 50)  # few points: unchanged
    assert len(same_y) == 80


async def test_help_lists_the_train_keys(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, **TINY)
        await pilot.press("question_mark")
        await pilot.pause()
        from tui.i18n import t

        rows = {title: rows for title, rows, _ in app.screen.sections}["Train"]
        text = " ".join(f"{keys} {t(key)}" for keys, key in rows)
        for words in ("start, pause or resume training", "one training step while paused",
                      "reset to fresh weights", "save the model under the file field's name", "save loss and gradient norm",
                      "clipping preset: plain SGD explodes without clipping"):
            assert words in text


async def test_clipping_preset_explodes_then_trains_clipped_and_the_gradient_shows_c(monkeypatch, tmp_path):
    """c: plain SGD without clipping diverges (message, its gradient kept as a reference row); the same
    seed clipped by value then trains: the loss falls, and the gradient row marks c."""
    from core.sincos.config import CLIP_PRESET
    from tui.widgets.train.grad import StepGradients

    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **TINY)
        await fill(pilot, tab, speed=0)
        await pilot.press("c")
        await finish(pilot)
        await finish(pilot)
        assert tab.state == "finished" and tab.run.done == CLIP_PRESET.epochs
        assert tab.query_one("#clip", Select).value == "value" and tab.query_one("#optimizer", Select).value == "sgd"
        expected = [r.loss for r in Trainer(CLIP_PRESET)]  # the preset is a whole config (torch engine)
        assert list(tab.run.losses) == expected
        with pytest.raises(Diverged) as blown:
            list(Trainer(CLIP_PRESET.with_(clip_value=None)))
        assert f"Without clipping, SGD diverged at step {blown.value.step}" in tab.status_text
        last = sum(expected[-10:]) / 10
        assert f"Clipped to ±{CLIP_PRESET.clip_value:g} (same seed): loss {expected[0]:.3g} → {last:.2g}" in tab.status_text
        assert last < 0.05 * expected[0] and "100 of 100 steps clipped" in tab.status_text
        grad = tab.query_one(StepGradients)
        assert grad.reference is not None and grad.reference_steps == blown.value.step - 1  # the steps before it blew up
        assert grad.c == CLIP_PRESET.clip_value and grad.mode == "value"
        text = tab.query_one("#grad-text").plain
        assert text.startswith("max|g| ") and f"c = {CLIP_PRESET.clip_value:g} ╌: above it in" in text
        assert tab.query_one("#grad-ref-text").plain.startswith("no clipping: max|g| peak")


async def test_blank_seed_shows_the_seed_used_and_pausing_shows_every_step(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await open_tab(pilot, **{**TINY, "seed": "", "epochs": "100000"})
        await pilot.press("space")
        await wait_until(pilot, lambda: tab.run.done > 20, 30, "training")
        seed = tab.run.trainer.seed
        assert f"random seed {seed}" in tab.status_text
        await pilot.press("space")
        await finish(pilot)
        assert tab.state == "paused"
        assert tab.status_text == f"Paused after step {tab.run.done}: space resumes, n takes one step."
        assert tab.run.done == tab.run.trainer.done  # every step taken is on screen
        assert progress(tab) == f"step {tab.run.done}/100000"  # no stale rate or ETA
        await pilot.press("r")
        await fill(pilot, tab, time_step="7")
        assert tab.query_one("#hidden-shapes").plain.startswith("x (1, 7, 1)")


def test_error_strip_reads_a_bad_run_red_and_fits_its_label_in_any_language():
    """The fixed scale: the do-nothing loss (0.5) is near the top, 1e-4 at the bottom; the cells fill
    the width left after the label, which is 2 cells a character in Chinese."""
    from tui.widgets.train.error_strip import error_cells

    good = error_cells([1e-4] * 50, 40)
    bad = error_cells([0.5] * 50, 40)
    assert len(good) == len(bad) == 40
    assert all(b == 0.0 for _, b in good) and all(b > 0.9 for _, b in bad)
    assert good[0][0] == "▁" and bad[0][0] in "▇█"
    assert len(error_cells([0.1] * 5, 40)) == 5  # fewer windows than cells: one cell each


async def test_error_strip_shows_cells_in_chinese(monkeypatch, tmp_path):
    from tui.widgets.train.error_strip import ErrorStrip

    monkeypatch.chdir(tmp_path)
    app = RnnTui(lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_tab(pilot, **TINY)
        tab.show_records(engine_run(epochs=100))  # more windows than cells
        await pilot.pause()
        strip = tab.query_one(ErrorStrip)
        from rich.cells import cell_len

        line = strip.render().plain
        assert line.startswith("误差 ") and sum(ch in "▁▂▃▄▅▆▇█" for ch in line) == strip.size.width - 5
        assert cell_len(line) == strip.size.width
        assert "误差" in screen_text(app)
