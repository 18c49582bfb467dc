"""SVG snapshots of the Gradients and Concepts tabs at 100×30, English and Chinese.
Regenerate with ``python -m pytest tests/test_gradients_snapshots.py --snapshot-update``
and look at them.

Deterministic: the weights and inputs come from seed 0, every compute worker
is awaited, and the tab root has focus (no blinking cursor in a field).
"""

from __future__ import annotations

import pytest
from screen import screen_text, wait_until
from textual.widgets import Tabs
from textual.widgets._tabs import Underline

from tui.app import RnnTui
from tui.tabs.gradients import GradientsTab


def first_content(tab) -> bool:
    """The tab is built (the first time it is shown) and has its first content: a chart or the text."""
    if tab is None:
        return False
    if isinstance(tab, GradientsTab):  # every chart computed and drawn: no "computing…" frame left under load
        done = all(getattr(tab.results, part) is not None for part in ("main", "clip", "compare"))
        tabs = tab.query_one(Tabs)  # the underline sits under the active view (it is placed after a refresh)
        bar, active = tabs.query_one(Underline), tabs.active_tab
        placed = active is not None and (bar.highlight_start, bar.highlight_end) == active.virtual_region.shrink(
            active.styles.gutter).column_span
        return done and placed and tab.main.bars.values.size > 0 and "computing" not in screen_text(tab.app)
    return bool(tab.query("MarkdownParagraph"))


def open_tab(key: str, *keys: str):
    """A run_before that shows a tab, waits for its workers, then presses ``keys``."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(key)
        await wait_until(pilot, lambda: first_content(pilot.app.active_tab()), what=f"tab {key} built and drawn")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for k in keys:
            await pilot.press(k)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()  # the view tabs' underline slides in: its last frame, not one on the way

    return run_before


def open_view(view: str):
    """A run_before that shows the Gradients tab's ``view`` at once (``v`` would pass through
    the trained view, whose training then competes with the snapshot)."""

    async def run_before(pilot) -> None:
        await open_tab("4")(pilot)
        pilot.app.query_one("GradientsTab").query_one("Tabs").active = f"grad-tab-{view}"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    return run_before


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gradients_one_cell(snap_compare, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=(100, 30), run_before=open_tab("4"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_gradients_compare(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=open_tab("4", "v", "right"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_gradients_trained(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=open_tab("4", "v", "v"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
def test_gradients_clipping(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=open_view("clip"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_concepts(snap_compare, lang):
    assert snap_compare(RnnTui(lang=lang), terminal_size=(100, 30), run_before=open_tab("5"))


def test_gradients_at_80x24(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(80, 24), run_before=open_tab("4"))
