"""Bench: `rnn-tui inspect` on every hostile model-file class of tests/test_inspect.py.

    python bench/bench_hostile_files.py

Prints, per class: exit code, peak memory of the inspect process (MB) and wall time (s),
against issue 15's bounds (exit 2, <= 300 MB, <= 5 s), and the one line it printed.
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_inspect import HOSTILE, PEAK_MB, run_inspect  # noqa: E402

LIMIT_S = 5.0


def main() -> None:
    warnings.simplefilter("ignore")
    worst_mb = worst_s = 0.0
    for name, (make, _) in HOSTILE.items():
        path = Path(tempfile.mkdtemp()) / "model.pt"
        make(path)
        start = time.perf_counter()
        code, _, err, peak = run_inspect(path)
        seconds = time.perf_counter() - start
        worst_mb, worst_s = max(worst_mb, peak), max(worst_s, seconds)
        print(f"{name:30s} exit {code}  {peak:6.1f} MB  {seconds:5.2f} s  {err.strip().split(': ', 2)[-1][:70]}")
    print(f"worst: {worst_mb:.1f} MB (bound {PEAK_MB}), {worst_s:.2f} s (bound {LIMIT_S}) "
          f"incl. a parent interpreter's start")


if __name__ == "__main__":
    main()
