"""Signals: a headless command ends through its ``finally`` blocks; the app quits as q does."""

from __future__ import annotations

import os
import signal
import sys


def _exit(signum, frame) -> None:
    raise SystemExit(128 + signum)


def exit_on_signals() -> None:
    """SIGTERM and SIGHUP end a headless command the way Ctrl+C does: through its ``finally``
    blocks, so a file being written is removed, not left as a temp file (core.io.files)."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _exit)


RESTORE_TERMINAL = "\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l"
SIGNAL_GRACE = 2.0  # seconds the app gets to quit on a signal before the terminal is restored by hand


async def _exit_when_mounted(app, code: int) -> None:
    """app.exit once no tab is being mounted: a tab whose on_mount runs while the app tears
    down crashes (NoMatches), so a signal just after a tab key would end in a traceback."""
    import asyncio

    from tui.widgets.deferred import Deferred

    while any(placeholder.loading for placeholder in app.query(Deferred)):
        await asyncio.sleep(0.02)
    app.exit(return_code=code)


def exit_app_on_signals(app) -> None:
    """SIGTERM, SIGHUP and SIGQUIT end the TUI the way q does, so Textual restores the terminal
    (alternate screen off, cursor shown, mouse reporting off); if the app cannot quit within
    SIGNAL_GRACE s, the terminal is restored by hand and the process ends."""
    import asyncio
    import threading

    def last_resort(signum: int) -> None:
        from core.io.files import remove_temps

        remove_temps()
        try:
            os.write((sys.__stderr__ or sys.stderr).fileno(), RESTORE_TERMINAL.encode())
        except (OSError, AttributeError, ValueError):
            pass
        os._exit(128 + signum)

    def handler(signum, frame) -> None:
        timer = threading.Timer(SIGNAL_GRACE, last_resort, (signum,))
        timer.daemon = True
        timer.start()
        try:
            loop = asyncio.get_running_loop()
            loop.call_soon_threadsafe(lambda: loop.create_task(_exit_when_mounted(app, 128 + signum)))
        except RuntimeError:  # the app's loop is not running (yet, or any more)
            last_resort(signum)

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, handler)
