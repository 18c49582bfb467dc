"""Engine timings at the tutorial's size.

1. Seconds per training step (T=10, H=32, float32, Adam, MSE, hidden state
   carried) for the torch and the NumPy engine, each started from the same
   seeded weights: the median of ``--steps`` timed steps after a warm-up, then
   the ratio numpy/torch. torch runs on one thread, as in the app.
2. The vector RNN's forward trace over 100,000 tokens (H=32, float32, a
   500-word vocabulary): the median of three runs, against the goal of
   TRACE_GOAL seconds (the Forward tab re-runs a long sentence on each edit).

    python bench/bench_engine.py [--steps 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from core.forward.vector import VectorParams, make_weights, trace  # noqa: E402
from core.sincos.config import TrainConfig  # noqa: E402
from core.sincos.data import window  # noqa: E402
from core.sincos.init import init_weights  # noqa: E402


def step_seconds(engine_cls, config: TrainConfig, steps: int, warm_up: int = 20) -> float:
    """Median wall time of one engine.step over ``steps`` windows, after ``warm_up``."""
    engine = engine_cls(config, init_weights(config, 0))
    windows = [window(k, config.time_step, config.dtype) for k in range(warm_up + steps)]
    h = None
    for win in windows[:warm_up]:
        h = engine.step(win.x, win.y, h).h
    times = []
    for win in windows[warm_up:]:
        start = time.perf_counter()
        h = engine.step(win.x, win.y, h).h
        times.append(time.perf_counter() - start)
    return statistics.median(times)


TRACE_GOAL = 1.0  # seconds for 100,000 tokens


def trace_seconds(tokens: int = 100_000, hidden: int = 32, vocab: int = 500, runs: int = 3) -> float:
    ids = np.random.default_rng(0).integers(1, vocab + 1, size=tokens)
    weights = make_weights(vocab, VectorParams(hidden=hidden, seed=0))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        tr = trace(ids, weights)
        times.append(time.perf_counter() - start)
    assert tr.s.nbytes == tokens * hidden * 4
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100, help="timed steps per engine (default 100)")
    args = parser.parse_args()

    from core.sincos.train_numpy import NumpyEngine
    from core.sincos.train_torch import TorchEngine  # sets torch to one thread

    config = TrainConfig(seed=0)
    print(f"training step, T={config.time_step}, H={config.hidden_size}, {config.dtype}, "
          f"median of {args.steps} after a warm-up")
    t_torch = step_seconds(TorchEngine, config, args.steps)
    t_numpy = step_seconds(NumpyEngine, config, args.steps)
    print(f"  torch  {t_torch * 1e3:8.3f} ms/step  ({1 / t_torch:8,.0f} steps/s)")
    print(f"  numpy  {t_numpy * 1e3:8.3f} ms/step  ({1 / t_numpy:8,.0f} steps/s)")
    print(f"  ratio numpy/torch  {t_numpy / t_torch:.3f}  (numpy is {t_torch / t_numpy:.1f}x faster)")
    t_trace = trace_seconds()
    print("forward trace, vector mode, 100,000 tokens, H=32, float32 (median of 3)")
    print(f"  {t_trace:.3f} s  ({t_trace / 100_000 * 1e6:.2f} us/token, states {100_000 * 32 * 4 / 1e6:.1f} MB)")
    print(f"  {t_trace / TRACE_GOAL:.2f}x the goal of {TRACE_GOAL:g} s: {'met' if t_trace <= TRACE_GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()
