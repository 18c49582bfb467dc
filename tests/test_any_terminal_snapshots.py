"""The Forward and Train tabs as 16-colour and NO_COLOR terminals show them, and
in the light theme (colour system forced in the app, so the caller's terminal
and environment do not matter). Regenerate with --snapshot-update and look."""

from __future__ import annotations

import pytest
from screen import wait_for_tab, wait_until

from core.sincos.config import TrainConfig
from core.sincos.train import Trainer
from tui.app import RnnTui
from tui.colors import force_colors
from tui.tabs.train import TrainTab


async def forward_two_steps(pilot) -> None:
    await pilot.pause()
    await pilot.press("right", "right")
    await pilot.pause()


async def train_run(pilot) -> None:
    """A seeded 30-step numpy run fed to the tab (no worker, no timing text); float64, so the digits
    shown are the same on every CPU (tests/test_train_snapshots.py says why)."""
    await wait_for_tab(pilot, TrainTab, "#epochs")  # built the first time it is shown
    await pilot.press("3")
    tab = pilot.app.query_one(TrainTab)
    await wait_until(pilot, lambda: tab.side.warmed, what="the torch warm-up begun (the tab's first show)")
    await pilot.app.workers.wait_for_complete()
    config = TrainConfig(seed=1, engine="numpy", epochs=30, dtype="float64")
    tab._fill(config)
    await pilot.pause()
    trainer = Trainer(config)
    records = list(trainer)
    for i in range(0, len(records), 10):
        tab.show_records(records[i:i + 10])
    tab.show_finished(trainer.evaluate(4))
    await pilot.pause()
    await pilot.pause()


def app_with(colors: str = "truecolor", theme: str = "dark", **kwargs) -> RnnTui:
    app = RnnTui(theme=theme, **kwargs)
    force_colors(app, colors)
    return app


SCENES = {"forward": forward_two_steps, "train": train_run}


@pytest.mark.parametrize("colors", ["16", "none"])
@pytest.mark.parametrize("tab", ["forward", "train"])
def test_few_colours(snap_compare, tab, colors):
    assert snap_compare(app_with(colors), terminal_size=(100, 30), run_before=SCENES[tab])


@pytest.mark.parametrize("tab", ["forward", "train"])
def test_light_theme(snap_compare, tab):
    assert snap_compare(app_with(theme="light"), terminal_size=(100, 30), run_before=SCENES[tab])


def test_vector_heat_strip_in_monochrome(snap_compare):
    assert snap_compare(app_with("none", mode="vector"), terminal_size=(100, 30), run_before=forward_two_steps)


def test_force_colors_rejects_an_unknown_mode():
    with pytest.raises(ValueError, match="unknown colour mode"):
        force_colors(RnnTui(), "8")
