"""The performance suite: every figure next to its reference, the ratio and the target.

    python bench/run_all.py [--quick]

1. Start-up: process start to the first frame of ``rnn-tui`` vs a bare Textual
   app showing one label, in a 100×30 pseudo-terminal (bench_startup.first_frame),
   interleaved, median. Target: within 1.25×.
2. A 100-step tutorial training, headless: the numpy engine and the torch engine
   (core.sincos.train.Trainer, engine built and torch imported before the clock) vs
   bench/tutorial_plain.py, the tutorial's loop as a bare script. One torch
   thread everywhere, a warm-up run first, then interleaved runs, median.
   Targets: torch engine within 1.1× of the plain script; numpy engine at most
   a fifth of the torch engine's time per step.
3. The same run flat out inside the app (headless run_test, Train tab) vs the
   engine alone (bench_app_train), for 100 and for 1,000 steps, and UI updates
   per second over the 1,000 steps. Target: within 1.5×.
4. The vector RNN's forward trace over 100,000 tokens (bench_engine.trace_seconds),
   and the app's peak memory (VmHWM, the peak resident set) after a 100-step
   training in a fresh process, next to the plain tutorial loop's and a bare
   Textual app's.

5. The other bench scripts, each run as its own process and printed as it prints
   (SCRIPTS: the Context models, the first key at launch, long runs in the app,
   hostile model files, the training size limit); a script that fails stops the suite.

Runs in a few minutes on 2 cores; ``--quick`` does fewer repeats. The figures move
by 10-50% when other programs load the machine: run it on a quiet one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench_app_train  # noqa: E402
import bench_engine  # noqa: E402
import bench_startup  # noqa: E402

ROWS: list[tuple[str, str, str, str, str]] = []  # (what, figure, reference, ratio, target)


def row(what: str, value: float, unit: str, ref: float | None = None, ref_what: str = "",
        target: float | None = None, fmt: str = "{:.1f}") -> None:
    """Print one figure (and its reference, ratio and target verdict) and keep it for the table."""
    figure = f"{fmt.format(value)} {unit}"
    reference = f"{fmt.format(ref)} {unit} ({ref_what})" if ref is not None else "-"
    ratio = f"{value / ref:.2f}x" if ref else "-"
    verdict = "-"
    if target is not None and ref:
        verdict = f"<= {target:g}x: {'met' if value / ref <= target else 'NOT met'}"
    ROWS.append((what, figure, reference, ratio, verdict))
    print(f"  {what:<44} {figure:>12}   ref {reference:<34} ratio {ratio:>6}   {verdict}", flush=True)


# -- 1. start-up ----------------------------------------------------------------------------


def startup(runs: int) -> None:
    print("1. process start to first frame (100x30 pty, median of %d, interleaved)" % runs, flush=True)
    app, bare = [], []
    for _ in range(runs):
        app.append(bench_startup.first_frame([bench_startup.RNN_TUI, "--lang", "en"], [b"Sentence"])[0])
        bare.append(bench_startup.first_frame([sys.executable, "-c", bench_startup.BARE_APP], [b"bare label"])[0])
    row("rnn-tui first frame", statistics.median(app) * 1000, "ms", statistics.median(bare) * 1000,
        "bare Textual app, one label", 1.25, "{:.0f}")


# -- 2. headless training ---------------------------------------------------------------------


def trainer_seconds(config) -> float:
    """One whole 100-step run through core.sincos.train.Trainer (weights drawn, engine built, steps)."""
    from core.sincos.train import Trainer

    start = time.perf_counter()
    trainer = Trainer(config)
    for _ in trainer:
        pass
    return time.perf_counter() - start


def headless(repeat: int) -> dict:
    import tutorial_plain

    import core.sincos.train_torch  # noqa: F401  (torch imported, one thread, before any clock)
    from core.sincos.config import TrainConfig

    print(f"2. 100-step tutorial training, headless (median of {repeat}, interleaved, after a warm-up)", flush=True)
    torch_cfg, numpy_cfg = TrainConfig(seed=1), TrainConfig(seed=1, engine="numpy")
    runs: dict[str, list[float]] = {"plain": [], "torch": [], "numpy": []}
    measure = {"plain": lambda: tutorial_plain.seconds(100), "torch": lambda: trainer_seconds(torch_cfg),
               "numpy": lambda: trainer_seconds(numpy_cfg)}
    for fn in measure.values():
        fn()  # warm-up
    for _ in range(repeat):
        for name, fn in measure.items():
            runs[name].append(fn())
    med = {k: statistics.median(v) * 1000 for k, v in runs.items()}
    row("torch engine, 100 steps", med["torch"], "ms", med["plain"], "plain tutorial loop", 1.1)
    row("numpy engine, 100 steps", med["numpy"], "ms", med["torch"], "torch engine", 0.2)
    row("numpy engine, per step", med["numpy"] * 10, "us", med["torch"] * 10, "torch engine", 0.2, "{:.0f}")
    return med


# -- 3. in the app ----------------------------------------------------------------------------


def in_app(repeat: int) -> None:
    from core.sincos.config import TrainConfig

    print(f"3. the same run flat out in the app vs the engine alone (median of {repeat})", flush=True)
    for engine in ("torch", "numpy"):
        config = TrainConfig(seed=1, engine=engine)
        alone = [bench_app_train.engine_alone(config) for _ in range(repeat)]
        apps = [asyncio.run(bench_app_train.in_app(config)) for _ in range(repeat)]
        assert all(r["state"] == "finished" and r["done"] == 100 for r in apps), apps
        row(f"in the app, {engine} engine (worker time)", statistics.median(r["active"] for r in apps) * 1000, "ms",
            statistics.median(alone) * 1000, f"{engine} engine alone", 1.5)
    for engine in ("torch", "numpy"):  # a longer run: fixed costs (first message, evaluation) weigh less
        config = TrainConfig(seed=1, engine=engine, epochs=1000)
        alone = bench_app_train.engine_alone(config)
        long = asyncio.run(bench_app_train.in_app(config))
        assert long["state"] == "finished" and long["done"] == 1000, long
        row(f"in the app, {engine}, 1,000 steps (worker time)", long["active"] * 1000, "ms", alone * 1000,
            f"{engine} engine alone", 1.5, "{:.0f}")
        row(f"UI updates/s, 1,000 steps flat out ({engine})", long["updates"] / long["active"], "/s")


# -- 4. trace and memory --------------------------------------------------------------------------

APP_MEMORY = """
import asyncio, sys
sys.path.insert(0, {bench!r})
from core.sincos.config import TrainConfig
import bench_app_train
r = asyncio.run(bench_app_train.in_app(TrainConfig(seed=1, engine="torch")))
assert r["done"] == 100, r
{peak}"""

PLAIN_MEMORY = """
import sys
sys.path.insert(0, {bench!r})
import tutorial_plain
tutorial_plain.train(100)
{peak}"""


BARE_MEMORY = """
import asyncio
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare label")

async def main():
    async with Bare().run_test(size=(100, 30)) as pilot:
        await pilot.pause()

asyncio.run(main())
""" + "{peak}"

# The peak RSS of this process since it started. Not getrusage's ru_maxrss: Linux carries
# that across exec, so a child started by a big parent would report the parent's peak.
PEAK = """
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def peak_kib(code: str) -> int:
    """Peak resident memory, in KiB, of a fresh Python process running ``code``."""
    res = subprocess.run([sys.executable, "-c", code.format(bench=str(HERE), peak=PEAK)], capture_output=True, text=True,
                         timeout=120, cwd=HERE.parent)
    if res.returncode != 0:
        raise SystemExit(f"memory probe failed:\n{res.stderr}")
    return int(res.stdout.split()[-1])


def trace_and_memory() -> None:
    print("4. forward trace and peak memory", flush=True)
    row("vector forward trace, 100,000 tokens (H=32)", bench_engine.trace_seconds() * 1000, "ms", fmt="{:.0f}")
    app, plain, bare = peak_kib(APP_MEMORY), peak_kib(PLAIN_MEMORY), peak_kib(BARE_MEMORY)
    row("app peak RSS after 100-step training", app / 1024, "MiB", plain / 1024, "plain tutorial loop", fmt="{:.0f}")
    row("app peak RSS after 100-step training", app / 1024, "MiB", bare / 1024, "bare Textual app", fmt="{:.0f}")


SCRIPTS = ("bench_context.py", "bench_startup.py", "bench_long_runs.py", "bench_hostile_files.py",
           "bench_step_limit.py")


def scripts() -> None:
    """Run each of SCRIPTS with this interpreter; fail loudly when one does not finish cleanly."""
    for name in SCRIPTS:
        print(f"5. {name}", flush=True)
        res = subprocess.run([sys.executable, str(HERE / name)], cwd=HERE.parent)
        if res.returncode != 0:
            raise SystemExit(f"{name} exited with {res.returncode}: its figures are missing")


def table() -> str:
    head = ("figure", "value", "reference", "ratio", "target")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in ROWS]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a rough look)")
    args = parser.parse_args()
    os.environ.setdefault("TERM", "xterm-256color")
    start = time.perf_counter()
    startup(3 if args.quick else 7)
    headless(3 if args.quick else 11)
    in_app(1 if args.quick else 5)
    trace_and_memory()
    scripts()
    print(f"\ntotal {time.perf_counter() - start:.0f} s, {os.cpu_count()} cores, python {sys.version.split()[0]}\n")
    print(table())


if __name__ == "__main__":
    main()
