"""Long runs in the app, timed: 10,000 training steps flat out, and Forward on 100,000 tokens.

    python bench/bench_long_runs.py

Runs the scenarios of tests/long_runs.py (the tests assert what a user sees; this prints
how fast) and prints each figure with its reference and ratio: the training rate over the
last 1,000 steps against the first 1,000 (a cost that grows with the history would show
here), the engine's step time and the UI's drawing time likewise, the answer to a tab switch
while training, and the time to open a 100,000-token sentence and to move one step in it.
Exits non-zero if a run did not happen.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from long_runs import EPOCHS, FIRST, long_sentence, ten_thousand_steps  # noqa: E402


def row(what: str, value: float, ref: float | None, target: str, met: bool) -> None:
    ratio = f"{value / ref:.2f}x" if ref else "-"
    verdict = "met" if met else "NOT met"
    print(f"  {what:<52} {value:>10.3f}  ref {ref if ref is not None else '-':>10}  ratio {ratio:>7}  {target}: {verdict}")


def main() -> int:
    os.environ.setdefault("TERM", "xterm-256color")
    try:
        train = asyncio.run(ten_thousand_steps())
        forward = asyncio.run(long_sentence())
    except Exception as exc:  # a run that did not happen is a failure, loudly
        print(f"bench_long_runs: a run failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"{EPOCHS:,} steps flat out in the app: {train['total']:.1f} s; RSS {train['growth']:+.1%} "
          f"from step {train['paused_at']} to the end")
    row(f"steps/s over the last {FIRST:,} (ref: the first {FIRST:,})", train["last_rate"], round(train["first_rate"], 1),
        "target ratio >= 0.33", train["last_rate"] >= train["first_rate"] / 3)
    row("engine ms a step, last (ref: first; median)", train["last_step"] * 1e3, round(train["first_step"] * 1e3, 3),
        "target ratio <= 2", train["last_step"] <= 2 * train["first_step"])
    row("UI ms of CPU to draw a batch, last (ref: first)", train["last_draw"] * 1e3, round(train["first_draw"] * 1e3, 2),
        "target ratio <= 2", train["last_draw"] <= 2 * train["first_draw"])
    row("tab switch answered while training (s)", train["switch"], None, "target < 2 s", train["switch"] < 2)
    print("Forward tab, 100,000 tokens:")
    row("open (s)", forward["opened"], None, "target < 5 s", forward["opened"] < 5)
    row("one step move, median (s)", forward["move"], None, "target < 0.25 s", forward["move"] < 0.25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
