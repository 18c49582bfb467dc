"""Long runs in the app: 10,000 training steps, and Forward on a 100,000-token sentence.

The scenarios shared by tests/test_long_runs.py (what a user would notice: every step
done, the counter right while switching tabs, memory bounded) and bench/bench_long_runs.py
(how fast: rates, draw and step costs, answer times). Each returns its measurements.

Memory is the process's resident set (VmRSS in /proc/self/status), read while
the run is paused (no batch of steps in flight) after ``gc.collect()`` and
glibc's ``malloc_trim(0)`` (so freed heap pages are handed back and RSS follows
what is really kept, not fragmentation). tracemalloc was the other choice
(exact Python heap) but it makes every allocation slower: the 10,000 steps took
34 s instead of 4 s, too slow for the suite and no longer a flat-out run.
RSS includes the interpreter and libraries (~150 MB), so the growth is also
printed in MB; a leak of even 1 KB a step would show as ~9 MB.

The Train tab keeps its on-screen histories bounded: the loss sparkline and
the fit chart keep decimated histories (``tui.train.history.Decimated``, at most
HISTORY_CAP losses and WINDOW_CAP windows); the tab's ``losses`` and
``grad_norms`` arrays keep 8 bytes a step each for the metrics file
(144 KB over 9,000 steps).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import statistics
import time

from screen import screen_text, wait_for_tab, wait_until
from textual import events
from textual.widgets import Input, Select, TabbedContent

from tui.app import RnnTui
from tui.tabs.forward import ForwardTab
from tui.tabs.train import TrainTab
from tui.widgets.train.progress import TrainProgress

SIZE = (100, 30)
EPOCHS = 10_000
FIRST = 1_000


async def train_tab(pilot) -> TrainTab:
    """The Train tab once mounted (built the first time it is shown)."""
    return await wait_for_tab(pilot, TrainTab, "#epochs")


async def key(pilot, name: str, answered, timeout: float = 10) -> float:
    """Send a key like a terminal would and return the seconds until ``answered()`` holds.

    (``pilot.press`` waits for the whole process to go idle, which never
    happens while a worker trains flat out, so it cannot time an answer.)
    """
    event = events.Key(name, name if len(name) == 1 else None)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    return await wait_until(pilot, answered, timeout, f"the answer to {name!r}")


def rss() -> int:
    """Resident memory in bytes, after a collection and handing free heap pages back."""
    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: RSS as it is
        pass
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb * 1024


def rate_between(marks: list[tuple[int, float]], low: int, high: int) -> float:
    """Steps per second of active training between the batches around steps ``low`` and ``high``."""
    a = max((m for m in marks if m[0] <= low), default=marks[0])
    b = min((m for m in marks if m[0] >= high), default=marks[-1])
    return (b[0] - a[0]) / (b[1] - a[1])


async def ten_thousand_steps() -> dict:
    """Train 10,000 steps flat out in the app, pausing, resuming and switching tabs on the way."""
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await train_tab(pilot)
        tab.query_one("#epochs", Input).value = str(EPOCHS)
        tab.query_one("#engine", Select).value = "numpy"
        tab.query_one("#speed", Select).value = 0  # flat out
        await pilot.press("3")
        await pilot.pause()
        marks: list[tuple[int, float]] = []  # (steps done, active seconds) after every batch drawn
        engine_seconds: list[float] = []  # each step's own time, from the records
        drawing: list[tuple[int, float]] = []  # (steps done, UI-thread CPU seconds to take in the batch)
        show = tab.show_records

        def recording(records, rate=None):
            cpu = time.thread_time()
            show(records, rate)
            drawing.append((tab.run.done, time.thread_time() - cpu))
            marks.append((tab.run.done, tab.run.active))
            engine_seconds.extend(r.seconds for r in records)

        tab.show_records = recording  # the tab calls self.show_records for every batch
        started = time.perf_counter()
        await key(pilot, "space", lambda: tab.state == "running")
        await wait_until(pilot, lambda: tab.run.done >= FIRST, 30, "1,000 steps")
        await key(pilot, "space", lambda: tab.state == "paused")  # no batch in flight while measuring
        await wait_until(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "train"),
                         10, "the paused worker to stop")
        await pilot.pause()
        paused_at = tab.run.done
        assert tab.state == "paused"
        assert f"step {paused_at}/{EPOCHS}" in tab.query_one(TrainProgress).text
        after_first = rss()

        await key(pilot, "space", lambda: tab.state == "running")  # resume
        await wait_until(pilot, lambda: tab.run.done >= paused_at + 500, 30, "steps after resuming")
        # Responsive while training: a tab switch is answered, and the counter moves on.
        tabs = app.query_one(TabbedContent)
        before = tab.run.done
        switch = await key(pilot, "1", lambda: tabs.active == "forward")
        await wait_until(pilot, lambda: "Sentence" in screen_text(app), 5, "the Forward tab on screen")
        assert tab.state == "running" and tab.run.done < EPOCHS  # answered while it trains
        switch = max(switch, await key(pilot, "3", lambda: tabs.active == "train"))
        await wait_until(pilot, lambda: tab.run.done > before + 100, 10, "the step counter moving on")
        text = tab.query_one(TrainProgress).text
        assert f"step {tab.run.done}/{EPOCHS}" in text or tab.run.done == EPOCHS, text

        await wait_until(pilot, lambda: tab.state == "finished", 60, "the end of the run")
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = time.perf_counter() - started
        assert tab.run.done == EPOCHS
        assert f"step {EPOCHS}/{EPOCHS}" in tab.query_one(TrainProgress).text
        after_run = rss()

    first_draw = statistics.median(c for done, c in drawing if done <= FIRST)
    last_draw = statistics.median(c for done, c in drawing if done > EPOCHS - FIRST)
    assert len(engine_seconds) == EPOCHS  # every step arrived as a record
    return {
        "total": total, "paused_at": paused_at, "rss_first": after_first, "rss_end": after_run,
        "growth": (after_run - after_first) / after_first, "switch": switch,
        "first_rate": rate_between(marks, 0, FIRST), "last_rate": rate_between(marks, EPOCHS - FIRST, EPOCHS),
        # medians shrug off steps preempted by other processes
        "first_step": statistics.median(engine_seconds[:FIRST]), "last_step": statistics.median(engine_seconds[-FIRST:]),
        "first_draw": first_draw, "last_draw": last_draw,
    }


LONG = "我爱中国" * 25_000  # 100,000 characters: 100,000 tokens in character mode


async def long_sentence() -> dict:
    """Paste a 100,000-token sentence into the Forward tab, then step at its start and its end."""
    app = RnnTui(tokens="char")
    async with app.run_test(size=(120, 40)) as pilot:
        tab = app.query_one(ForwardTab)
        await pilot.pause()
        field = tab.query_one("#fw-sentence", Input)
        t0 = time.perf_counter()
        field.value = LONG  # like a paste: re-runs 0.15 s after the last change
        opened = await wait_until(pilot, lambda: tab.run is not None and tab.run.n == len(LONG), 30, "the long run")
        await pilot.pause()
        opened = time.perf_counter() - t0
        shot = screen_text(app)
        assert f"step 0/{len(LONG)}" in shot
        assert "我→1" in shot and "爱→2" in shot
        tab.focus()
        await pilot.pause()
        moves = []
        for k in range(1, 6):
            t1 = time.perf_counter()
            await pilot.press("right")
            moves.append(time.perf_counter() - t1)
            assert f"step {k}/{len(LONG)}" in screen_text(app)
        tab.step = len(LONG) - 1  # near the end: the history and panels show the last steps
        await pilot.press("right")
        await pilot.pause()
        t1 = time.perf_counter()
        await pilot.press("left")
        moves.append(time.perf_counter() - t1)
        assert f"step {len(LONG) - 1}/{len(LONG)}" in screen_text(app)
    return {"opened": opened, "move": sorted(moves)[len(moves) // 2], "slowest": max(moves)}
