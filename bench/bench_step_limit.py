"""Bench: one training step at the largest sizes core.sincos.config accepts (MAX_STEP_WORK), per cell and engine.

    python bench/bench_step_limit.py

A step cannot be interrupted, so its length is how long Ctrl+C or q may wait. Prints seconds per
step (the second of two; the first includes warm-up) for the extreme shapes at the limit.
"""

from __future__ import annotations

import time

from core.sincos.config import GATES, MAX_SIZE, MAX_STEP_WORK, STEP_OVERHEAD, TrainConfig, step_work
from core.sincos.train import Trainer


def largest(cell: str, hidden: int) -> TrainConfig:
    time_step = min(MAX_SIZE, MAX_STEP_WORK // (hidden**2 * GATES[cell]) - STEP_OVERHEAD)
    return TrainConfig(cell=cell, hidden_size=hidden, time_step=time_step, epochs=2, seed=0)


def main() -> None:
    worst = 0.0
    for cell, hidden, engine in [("rnn", 2800, "torch"), ("rnn", 256, "torch"), ("rnn", 1024, "numpy"),
                                 ("lstm", 1400, "torch"), ("lstm", 256, "torch"), ("gru", 1024, "torch")]:
        config = largest(cell, hidden).with_(engine=engine)
        trainer = Trainer(config)
        trainer.step()
        start = time.perf_counter()
        trainer.step()
        seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        work = step_work(config)
        print(f"{cell:4s} {engine:5s} hidden {hidden:4d} time_step {config.time_step:4d}  work {work:>11,}  {seconds:.3f} s/step")
    print(f"worst {worst:.3f} s per step (target: under 1 s, so Ctrl+C and q act within a second)")


if __name__ == "__main__":
    main()
