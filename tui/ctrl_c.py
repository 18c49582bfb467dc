"""Ctrl+C during a headless run, acted on between two steps.

A KeyboardInterrupt raised at an arbitrary bytecode can land inside rich's progress
bar while it holds its lock; the bar's refresh thread then waits for that lock for
ever and the exit (which joins the thread) hangs: the process never ends. Inside
``with CtrlC() as ctrl_c:`` the first SIGINT only sets a flag, and the loop calls
``ctrl_c.check()`` after each step (a step is under a second: core.sincos.config's size
limit), which raises KeyboardInterrupt there. A second Ctrl+C raises at once.
"""

from __future__ import annotations

import signal
import threading


class CtrlC:
    def __init__(self):
        self.pressed = False
        self._saved = None

    def __enter__(self) -> "CtrlC":
        if threading.current_thread() is threading.main_thread():
            self._saved = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc) -> None:
        if self._saved is not None:
            signal.signal(signal.SIGINT, self._saved)
            self._saved = None

    def _on_sigint(self, signum, frame) -> None:
        if self.pressed:
            raise KeyboardInterrupt  # the second Ctrl+C: now
        self.pressed = True

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl+C was pressed since the block began."""
        if self.pressed:
            raise KeyboardInterrupt
