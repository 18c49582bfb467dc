"""SVG snapshots of the Context tab: untrained, trained while stepping through 我不喜欢美女,
and the compare view, at 100×30 and 80×24, in English and Chinese.

Deterministic: the tiny seeded corpus and config (tests/context_pilot.py), trained
in the test and fed to the tab without a worker, every record's seconds replaced by
a fixed value, so no wall-clock time appears. Regenerate with
``python -m pytest tests/test_context_tab_snapshots.py --snapshot-update`` and look.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pytest
from context_pilot import TINY, open_context, tiny_corpus

from core.context import ContextTrainer
from tui.app import RnnTui

SIZES = {"100x30": (100, 30), "80x24": (80, 24)}
CASES = [(size, lang) for size in SIZES for lang in ("en", "zh")]


async def untrained(pilot) -> None:
    await pilot.pause()
    await open_context(pilot)
    await pilot.pause()


@lru_cache(maxsize=1)  # the same seeded run for every snapshot a worker takes
def trained_run():
    """The tiny run's records (seconds replaced: 2 s for the whole run) and the trained models."""
    trainer = ContextTrainer(TINY, tiny_corpus())
    records = [replace(r, seconds=round(2.0 * r.step / r.steps, 1)) for r in trainer]
    return records, trainer.models


async def trained(pilot, keys=("home", "right", "right")) -> None:
    await pilot.pause()
    tab = await open_context(pilot)
    records, models = trained_run()
    tab.training.state = "running"
    tab.show_records(records, models)
    tab.show_finished(models)
    await pilot.pause()  # the training panel's messages reach the tab
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


async def compare(pilot) -> None:
    await trained(pilot, keys=("c",))


@pytest.mark.parametrize("size,lang", CASES)
def test_context_untrained(snap_compare, size, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=SIZES[size], run_before=untrained)


@pytest.mark.parametrize("size,lang", CASES)
def test_context_trained_stepping(snap_compare, size, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=SIZES[size], run_before=trained)


@pytest.mark.parametrize("size,lang", CASES)
def test_context_compare(snap_compare, size, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=SIZES[size], run_before=compare)


async def lens(pilot) -> None:
    """The unit lens on the best negation unit, clamped to -1 from 不 on (ranking and matches drained)."""
    await trained(pilot, keys=("u",))
    for _ in range(3):  # ranking, then matches
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for key in ("home", "right", "right", "minus"):
        await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size,lang", [("100x30", "en"), ("80x24", "zh")])
def test_context_lens(snap_compare, size, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=SIZES[size], run_before=lens)


def _forced(colors: str) -> RnnTui:
    from tui.colors import force_colors

    app = RnnTui()
    force_colors(app, colors)
    return app


@pytest.mark.parametrize("colors", ["16", "none"])
@pytest.mark.parametrize("view", ["stepping", "lens"])
def test_context_few_colours(snap_compare, view, colors):
    """The flip and the lens's words must read in 16 colours and without colour (glyphs, signs, marks)."""
    scene = trained if view == "stepping" else lens
    assert snap_compare(_forced(colors), terminal_size=(100, 30), run_before=scene)
