"""Bench: the tutorial's 100-step training flat out inside the app vs the engine alone.

    python bench/bench_app_train.py [--engine torch|numpy] [--repeat 3]

Prints, in one run:
- the engine alone: a Trainer loop over the tutorial config (seed 1), engine built first;
- the same run in the app (headless run_test, 100x30, Train tab, speed flat out,
  space pressed): the worker's training time, and wall time from the key press
  to the summary on screen;
- the ratio (target: the app adds at most 50%, i.e. ratio <= 1.5);
- UI updates per second while training 1,000 steps flat out (batches drawn), and
  how late a 10 ms timer fires meanwhile (what a key press waits);
- how long `q` takes to quit in the middle of a 10,000-step run.
torch is imported before any timing, so its ~2 s import counts nowhere.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.sincos.config import TrainConfig  # noqa: E402
from core.sincos.train import Trainer  # noqa: E402


def engine_alone(config: TrainConfig) -> float:
    trainer = Trainer(config)
    _ = trainer.engine  # build it (torch already imported)
    start = time.perf_counter()
    for _ in trainer:
        pass
    trainer.evaluate(10)  # the app evaluates the unseen stretch too
    return time.perf_counter() - start


async def in_app(config: TrainConfig, then_quit: bool = False, lag: bool = False) -> dict:
    from textual.widgets import Input, Select

    from tui.app import RnnTui
    from tui.tabs.train import TrainTab

    app = RnnTui()
    result: dict = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")  # the Train tab, built the first time it is shown
        while not (app.query(TrainTab) and app.query_one(TrainTab).query("#epochs")):
            await pilot.pause()
        tab = app.query_one(TrainTab)
        tab.query_one("#epochs", Input).value = str(config.epochs)
        tab.query_one("#engine", Select).value = config.engine
        tab.query_one("#speed", Select).value = 0  # flat out
        await pilot.pause()
        await app.workers.wait_for_complete()  # the torch warm-up
        await pilot.pause(0.2)
        tab.run.trainer = Trainer(config)  # engine built outside the timing, like the engine-alone run
        ticks: list[float] = []
        if lag:  # how late a 10 ms timer fires while training: the wait a key press would see
            app.set_interval(0.01, lambda: ticks.append(time.perf_counter()))
        start, cpu = time.perf_counter(), time.thread_time()  # the app runs on this thread
        await pilot.press("space")
        if then_quit:
            await pilot.pause(0.5)
            result["done_before_quit"] = tab.run.done
            quit_start = time.perf_counter()
            await pilot.press("q")
        else:
            await app.workers.wait_for_complete()
            await pilot.pause()
            result["wall"] = time.perf_counter() - start
            result["ui_cpu"] = time.thread_time() - cpu
            result["active"] = tab.run.active
            result["updates"] = tab.view.updates
            result["state"] = tab.state
            result["done"] = tab.run.done
            gaps = sorted(b - a - 0.01 for a, b in zip(ticks, ticks[1:]))
            if gaps:
                result["lag"] = (gaps[len(gaps) // 2], gaps[int(len(gaps) * 0.95)], gaps[-1])
    if then_quit:
        result["quit"] = time.perf_counter() - quit_start
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("torch", "numpy"), default="torch")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if args.engine == "torch":
        import core.sincos.train_torch  # noqa: F401  (import cost out of every timing)
    config = TrainConfig(seed=1, engine=args.engine)

    alone = [engine_alone(config) for _ in range(args.repeat)]
    runs = [asyncio.run(in_app(config)) for _ in range(args.repeat)]
    assert all(r["state"] == "finished" and r["done"] == 100 for r in runs), runs
    e = statistics.median(alone)
    a = statistics.median(r["active"] for r in runs)
    w = statistics.median(r["wall"] for r in runs)
    print(f"engine: {args.engine}, tutorial config, 100 steps + 10 unseen windows, median of {args.repeat}")
    print(f"  engine alone (Trainer loop):        {e * 1000:8.1f} ms  ({e / 100 * 1000:.2f} ms/step)")
    print(f"  in the app, worker training time:   {a * 1000:8.1f} ms  ratio {a / e:.2f}")
    print(f"  in the app, key press to summary:   {w * 1000:8.1f} ms  ratio {w / e:.2f}")
    u = statistics.median(r["ui_cpu"] for r in runs)
    per_update = u / statistics.median(r['updates'] for r in runs) * 1000
    print(f"  UI thread CPU during the run:       {u * 1000:8.1f} ms  ({per_update:.1f} ms per UI update)")
    print(f"  target: ratio <= 1.50 -> {'met' if a / e <= 1.5 else 'NOT met'} (worker time)")

    long = asyncio.run(in_app(config.with_(epochs=1000), lag=True))
    print(f"1,000 steps flat out in the app: {long['active']:.2f} s, {long['done'] / long['active']:.0f} steps/s, "
          f"{long['updates']} UI updates = {long['updates'] / long['active']:.1f} updates/s")
    median, p95, worst = (x * 1000 for x in long["lag"])
    print(f"  event-loop lag meanwhile (a 10 ms timer's lateness): median {median:.1f} ms, p95 {p95:.1f} ms, "
          f"max {worst:.1f} ms")
    q = asyncio.run(in_app(config.with_(epochs=10_000), then_quit=True))
    print(f"q in the middle of a 10,000-step run (after {q['done_before_quit']} steps): quit took {q['quit'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
