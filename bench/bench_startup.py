"""Start-up and step-move timings of the Forward tab.

1. Process start to first frame: ``rnn-tui`` against a bare Textual app that shows
   one label. Each runs in a pseudo-terminal (100×30, the real Linux driver); the
   clock stops when the first frame's text arrives on the terminal. Median of
   ``--runs`` runs each, interleaved, then the ratio. For rnn-tui it also times
   the moment the tokens appear (jieba's dictionary loads in a worker after the
   first frame).
2. A step move on a 10,000-token sentence: one ``right`` (the tab's work) plus the
   repaint Textual then does (the dirty widgets, composited) on a 120×40 screen,
   median of 50, against the same on a 120-token sentence. Wall and CPU time
   (CPU time is what the step costs; wall time also counts other processes).

    python bench/bench_startup.py [--runs 5]
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
import sys
import termios
import time

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare label")

Bare().run()
"""


def first_frame(argv: list[str], markers: list[bytes], timeout: float = 30.0) -> list[float]:
    """Spawn ``argv`` in a 100×30 pty; seconds until each marker first shows up in its output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
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
                break
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
        raise SystemExit(f"{argv[0]}: no first frame within {timeout} s (saw {len(out)} bytes)")
    return seen  # type: ignore[return-value]


def startup(runs: int) -> None:
    app_times, tokens_times, bare_times = [], [], []
    for _ in range(runs):
        frame, tokens = first_frame(["rnn-tui", "--lang", "en"], [b"Sentence", "我→1".encode()])
        app_times.append(frame)
        tokens_times.append(tokens)
        bare_times.append(first_frame([sys.executable, "-c", BARE_APP], [b"bare label"])[0])
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"first frame, median of {runs}:")
    print(f"  bare Textual app (one label)   {bare * 1000:7.0f} ms")
    print(f"  rnn-tui                         {app * 1000:7.0f} ms")
    print(f"  ratio rnn-tui / bare            {app / bare:7.2f}")
    print(f"  rnn-tui tokens on screen (jieba loaded in a worker) {statistics.median(tokens_times) * 1000:.0f} ms")


async def step_move(sentence: str, tokens: str, moves: int = 50) -> tuple[float, float]:
    """Median (wall, CPU) seconds of one step forward plus the repaint Textual does for
    it (the widgets the step marked dirty, composited) on a 120×40 screen."""
    from tui.app import RnnTui
    from tui.tabs.forward import ForwardTab

    app = RnnTui(sentence=sentence, tokens=tokens)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = app.query_one(ForwardTab)
        while not tab.dict_ready:
            await pilot.pause(0.05)
        tab.step = tab.run.n // 2 - moves
        tab.action_next()
        await pilot.pause()
        screen = app.screen
        wall, cpu = [], []
        for _ in range(moves):
            w0, c0 = time.perf_counter(), time.thread_time()
            tab.action_next()
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
    args = parser.parse_args()
    startup(args.runs)
    print("one step + its repaint (120×40), median wall / CPU:")
    for label, text, moves in (("10,000 tokens", "我爱中国" * 2500, 50), ("120 tokens", "我爱中国" * 30, 20)):
        wall, cpu = asyncio.run(step_move(text, "char", moves))
        print(f"  {label:14s} {wall * 1000:6.1f} ms / {cpu * 1000:5.1f} ms")
    print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
