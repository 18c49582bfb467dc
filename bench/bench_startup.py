"""Start-up and step-move timings of the Forward tab, printed in one run.

1. Launch until a key counts: ``rnn-tui`` is spawned in a 100×30 pseudo-terminal
   (the real Linux driver) and ``→`` is written to it at once, before any frame;
   the clock stops when "step 1/" is on the terminal. Against a bare Textual app's
   first frame (one label). Median of ``--runs``, interleaved; goal ≤ 1.5×.
2. ``rnn-tui forward 我爱中国 --json`` wall time, against ``python -c pass`` and
   against the same command of BASELINE_REF (the code before rjieba and the
   NumPy-free scalar path, run from a ``git archive`` of it); goal ≤ 0.35 s median.
3. A step move on a 10,000-token sentence: one ``right`` (the tab's work) plus the
   repaint Textual then does (the dirty widgets, composited) on a 120×40 screen,
   median of 50, against the same on a 120-token sentence. Wall and CPU time
   (CPU time is what the step costs; wall time also counts other processes).

The programs are the ones next to this interpreter (``python -m`` style venvs not
on PATH included); a program that does not start stops the bench with its output.

    python bench/bench_startup.py [--runs 5] [--baseline REF]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RNN_TUI = str(Path(sys.executable).with_name("rnn-tui"))  # the venv's own script, not whatever PATH finds
BASELINE_REF = "abffbb9"  # main before issue 13's start-up work (jieba, NumPy on the forward command's path)
RIGHT = b"\x1b[C"

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare label")

Bare().run()
"""


def first_frame(argv: list[str], markers: list[bytes], timeout: float = 30.0, send: bytes = b"") -> list[float]:
    """Spawn ``argv`` in a 100×30 pty, write ``send`` to it at once; seconds until each
    marker first shows up in its output. Exits the bench if the program does not start."""
    if not os.access(argv[0], os.X_OK):
        raise SystemExit(f"bench: {argv[0]} is not an executable (install the project into this venv)")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    if send:
        os.write(fd, send)  # typed ahead: before the program has drawn anything
    seen: list[float | None] = [None] * len(markers)
    out = b""
    try:
        while None in seen and time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break  # the program exited
            out += chunk
            now = time.perf_counter() - start
            for i, marker in enumerate(markers):
                if seen[i] is None and marker in out:
                    seen[i] = now
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if None in seen:
        tail = out[-400:].decode("utf-8", "replace")
        missing = [m.decode() for m, s in zip(markers, seen) if s is None]
        raise SystemExit(f"bench: {argv[0]} did not show {missing} within {timeout} s; its last output:\n{tail}")
    return seen  # type: ignore[return-value]


def startup(runs: int) -> None:
    key_times, bare_times = [], []
    for _ in range(runs):
        key_times.append(first_frame([RNN_TUI, "--lang", "en"], [b"step 1/"], send=RIGHT)[0])
        bare_times.append(first_frame([sys.executable, "-c", BARE_APP], [b"bare label"])[0])
    key, bare = statistics.median(key_times), statistics.median(bare_times)
    print(f"launch, median of {runs}:")
    print(f"  bare Textual app, first frame             {bare * 1000:7.0f} ms")
    print(f"  rnn-tui, → typed at launch shows step 1    {key * 1000:7.0f} ms")
    print(f"  ratio (goal <= 1.5)                        {key / bare:7.2f}  {'met' if key / bare <= 1.5 else 'NOT met'}")


def wall(argv: list[str], runs: int, env: dict | None = None, cwd: str | None = None) -> float:
    """Median wall seconds of ``argv`` (which must exit 0)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        res = subprocess.run(argv, capture_output=True, env=env, cwd=cwd, timeout=60)
        times.append(time.perf_counter() - t0)
        if res.returncode != 0:
            raise SystemExit(f"bench: {' '.join(argv)} exited {res.returncode}: {res.stderr.decode()[-400:]}")
    return statistics.median(times)


def baseline_tree(ref: str, into: str) -> str | None:
    """A ``git archive`` of ``ref`` unpacked in ``into`` (None if git cannot)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True)
    if archive.returncode != 0:
        print(f"  (baseline {ref}: {archive.stderr.decode().strip()})")
        return None
    subprocess.run(["tar", "-x", "-C", into], input=archive.stdout, check=True)
    return into


def forward_command(runs: int, ref: str) -> None:
    cmd = ["forward", "我爱中国", "--json"]
    now = wall([RNN_TUI, *cmd], runs)
    bare = wall([sys.executable, "-c", "pass"], runs)
    print(f"rnn-tui {' '.join(cmd)}, median of {runs}:")
    print(f"  python -c pass                             {bare * 1000:7.0f} ms")
    print(f"  rnn-tui forward (this tree)                {now * 1000:7.0f} ms  ratio {now / bare:.1f}×  "
          f"goal <= 350 ms: {'met' if now <= 0.35 else 'NOT met'}")
    with tempfile.TemporaryDirectory() as tmp:
        if baseline_tree(ref, tmp):
            env = {**os.environ, "PYTHONPATH": tmp}
            before = wall([sys.executable, "-m", "tui.cli", *cmd], runs, env, cwd=tmp)
            print(f"  rnn-tui forward at {ref:<10}              {before * 1000:7.0f} ms  now/before {now / before:.2f}")


async def step_move(sentence: str, tokens: str, moves: int = 50) -> tuple[float, float]:
    """Median (wall, CPU) seconds of one step forward plus the repaint Textual does for
    it (the widgets the step marked dirty, composited) on a 120×40 screen."""
    from tui.app import RnnTui
    from tui.tabs.forward import ForwardTab

    app = RnnTui(sentence=sentence, tokens=tokens)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = app.query_one(ForwardTab)
        await pilot.pause()
        tab.step = tab.run.n // 2 - moves
        tab.action_step(1)
        await pilot.pause()
        screen = app.screen
        wall, cpu = [], []
        for _ in range(moves):
            w0, c0 = time.perf_counter(), time.thread_time()
            tab.action_step(1)
            widgets = list(tab.walk_children())
            dirty = {w for w in widgets if w._repaint_required and w.display}
            for widget in dirty:
                widget._repaint_required = False
            screen._compositor.update_widgets(dirty)
            screen._compositor.render_update(screen_stack=app._background_screens)
            wall.append(time.perf_counter() - w0)
            cpu.append(time.thread_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each program (default 5)")
    parser.add_argument("--baseline", default=BASELINE_REF, help=f"git ref to compare the forward command with (default {BASELINE_REF})")
    args = parser.parse_args()
    startup(args.runs)
    forward_command(args.runs, args.baseline)
    print("one step + its repaint (120×40), median wall / CPU:")
    for label, text, moves in (("10,000 tokens", "我爱中国" * 2500, 50), ("120 tokens", "我爱中国" * 30, 20)):
        wall, cpu = asyncio.run(step_move(text, "char", moves))
        print(f"  {label:14s} {wall * 1000:6.1f} ms / {cpu * 1000:5.1f} ms")
    print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
