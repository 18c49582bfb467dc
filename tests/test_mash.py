"""Mashing: seeded random keys (the command palette, its paging keys, escape, enter, tab keys) sent in
bursts as a fast hand or a pasted buffer sends them, with resizes between bursts. The app must never
fail: Textual's palette crashes only show up this way (no fixed sequence reproduced them), so the test
mashes for a while rather than replaying one sequence.

RNN_TUI_MASH_SECONDS sets how long (default 20 s in the suite; run it for minutes by hand, e.g.
``RNN_TUI_MASH_SECONDS=300 python -m pytest tests/test_mash.py``). A session that quits (enter can pick
the palette's Quit) is replaced by a new one until the time is up.
"""

from __future__ import annotations

import asyncio
import os
import random
import time

import pytest
from textual import events
from textual.worker import WorkerFailed

from tui.app import RnnTui

SECONDS = float(os.environ.get("RNN_TUI_MASH_SECONDS", "20"))
MIN_KEYS = 150  # a seed mashes at least this many keys, however long a loaded machine takes to take them
PALETTE = ["ctrl+p"] * 6 + ["up", "down", "pageup", "pagedown", "home", "end", "escape", "enter", "tab",
                            "shift+tab", "backspace", "a", "c", "t", "x"]
TABS = ["1", "2", "3", "4", "5", "right", "left", "space", "m", "v"]


class Failed(Exception):
    pass


async def _workers_settled(app) -> None:
    """Wait for the app's workers; a worker the app cancelled (the palette cancels its search on each
    key) is settled, one that raised is a failure."""
    results = await asyncio.gather(*(w.wait() for w in list(app.workers)), return_exceptions=True)
    failed = [r for r in results if isinstance(r, WorkerFailed)]
    if failed:
        raise Failed(f"a worker failed: {failed[0].error!r}") from failed[0]


async def _session(rng: random.Random, until: float, keys_wanted: int, folder) -> int:
    """One app mashed until ``until`` has passed and ``keys_wanted`` keys are sent, or until it quits;
    the keys sent. Any error inside the app fails."""
    app = RnnTui(lang=rng.choice(["en", "zh"]), screenshot_dir=folder)  # the palette's Screenshot lands there
    errors: list[BaseException] = []
    handle = app._handle_exception  # every error inside the app passes here before the app exits on it

    def record(error: BaseException) -> None:
        errors.append(error)
        handle(error)

    app._handle_exception = record
    sent = 0
    async with app.run_test(size=(80, 24)) as pilot:
        while (time.monotonic() < until or sent < keys_wanted) and app.is_running and not errors:
            keys = PALETTE if rng.random() < 0.8 else TABS
            for _ in range(rng.randint(1, 8)):  # a burst: queued at once, as one read from the terminal
                key = rng.choice(keys)
                app.post_message(events.Key(key, key if len(key) == 1 else None))
                sent += 1
            if rng.random() < 0.05:
                await pilot.resize_terminal(rng.randint(60, 130), rng.randint(16, 45))
            await pilot.pause(rng.choice([0, 0, 0.01, 0.05]))
        if not errors:
            await _workers_settled(app)
    if errors:
        raise Failed(f"the app failed after {sent} keys: {errors[0]!r}") from errors[0]
    return sent


@pytest.mark.parametrize("seed", [0, 1])
async def test_mashing_keys_never_crashes_the_app(seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files the keys save (m: metrics, s: a model) stay out of the work tree
    rng = random.Random(seed)
    until = time.monotonic() + SECONDS / 2
    sent = 0
    while time.monotonic() < until or sent < MIN_KEYS:
        sent += await _session(rng, until, MIN_KEYS - sent, tmp_path)
    assert sent >= MIN_KEYS  # it really mashed



async def test_a_select_menu_paged_before_it_is_laid_out_does_nothing():
    """Found by mashing (KeyError: 0 from Textual's SelectOverlay): a PageDown that reaches a Select's
    menu before its lines exist. Textual's own menu raises; ours (tui/widgets/select.py) ignores the key."""
    import pytest
    from screen import wait_for_tab
    from textual.widgets._select import SelectOverlay

    from tui.tabs.train import TrainTab
    from tui.widgets.select import SafeSelectOverlay

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await wait_for_tab(pilot, TrainTab, "#epochs")
        menu = tab.query_one("#cell").query_one(SelectOverlay)
        assert isinstance(menu, SafeSelectOverlay)
        assert not menu._lines and menu.option_count  # closed: its lines are not computed yet
        with pytest.raises(KeyError):
            SelectOverlay._move_page(menu, 1)  # what Textual's menu does with the key
        menu._move_page(1)
        menu.action_page_down()
        assert app.is_running
