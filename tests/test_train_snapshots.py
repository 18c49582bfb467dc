"""SVG snapshots of the Train tab: before training, after a short seeded run, an invalid field.

Regenerate with ``python -m pytest tests/test_train_snapshots.py --snapshot-update``
and look at them. Deterministic: the run's records come from a seeded Trainer
(numpy engine) and are fed to the tab without a worker, with no timing
(``rate=None``, ``seconds=None``), so no steps/s or ETA appears.

The same on every CPU: the runs are float64 (and the form says so). A float32 run's
printed losses move in the 5th digit between CPUs (AVX2 vs AVX-512 kernels: 0.061489
vs 0.06149), while float64 runs of these configs agree to ~1e-13, far below the
5 digits printed (measured with the kernels forced: OPENBLAS_CORETYPE,
NPY_DISABLE_CPU_FEATURES, ATEN_CPU_CAPABILITY).
"""

from __future__ import annotations

import pytest
from screen import wait_for_tab, wait_until
from textual.widgets import Input

from core.sincos.config import TrainConfig
from core.sincos.train import Trainer
from tui.app import RnnTui
from tui.tabs.train import TrainTab


async def show_train(pilot) -> TrainTab:
    await wait_for_tab(pilot, TrainTab, "#epochs")  # built the first time it is shown
    await pilot.press("3")
    tab = pilot.app.query_one(TrainTab)
    await wait_until(pilot, lambda: tab.side.warmed, what="the torch warm-up begun (the tab's first show)")
    await pilot.app.workers.wait_for_complete()  # the torch warm-up
    await pilot.pause()
    return tab


async def before(pilot) -> None:
    await show_train(pilot)


async def after_run(pilot) -> None:
    """The tutorial's 100 steps (seed 1), fed in batches as the worker would, then the summary."""
    tab = await show_train(pilot)
    config = TrainConfig(seed=1, engine="numpy", dtype="float64")
    tab._fill(config)
    await pilot.pause()
    trainer = Trainer(config)
    records = list(trainer)
    for i in range(0, 100, 7):
        tab.show_records(records[i:i + 7])
    tab.show_finished(trainer.evaluate(10))
    await pilot.pause()
    await pilot.pause()


async def invalid_lr(pilot) -> None:
    tab = await show_train(pilot)
    tab.query_one("#lr", Input).value = "fast"
    await pilot.pause()
    tab.focus()
    await pilot.pause()


def test_train_before_training(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(100, 30), run_before=before)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_after_run(snap_compare, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=(100, 30), run_before=after_run)


def test_train_after_run_80x24(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(80, 24), run_before=after_run)


def test_train_invalid_field(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(100, 30), run_before=invalid_lr)


async def clip_preset(pilot) -> None:
    """The clipping preset's two runs (numpy, seeded), fed as the worker would: unclipped to its blow-up,
    its gradient row pinned, then clipped by value to the end."""
    from core.sincos.config import CLIP_PRESET
    from core.sincos.train import Diverged
    from tui.i18n import t

    tab = await show_train(pilot)
    config = CLIP_PRESET.with_(engine="numpy", dtype="float64")
    tab._fill(config.with_(clip_value=None))
    await pilot.pause()
    unclipped = []
    try:
        for rec in Trainer(config.with_(clip_value=None)):
            unclipped.append(rec)
    except Diverged as exc:
        blown = exc
    tab.show_records(unclipped)
    tab.view.pin_reference(t("train.preset_ref"))
    tab.lesson.stage, tab.lesson.note = "clipped", t("train.preset_diverged", step=blown.step, loss=f"{blown.loss:.3g}")
    tab._fill(config)
    await pilot.pause()  # the form's change events arrive before the run's records, as in the app
    tab._clear(keep_reference=True)
    trainer = Trainer(config)
    records = list(trainer)
    tab.show_records(records)
    tab.show_finished(trainer.evaluate(10))
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_train_clip_preset(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=clip_preset)


def test_train_after_run_80x24_zh(snap_compare):
    assert snap_compare(RnnTui(lang="zh"), terminal_size=(80, 24), run_before=after_run)
