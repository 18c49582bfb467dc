"""Drive the installed ``rnn-tui`` inside tmux, as a user in a real terminal would.

    with Terminal("rnn-tui", width=100, height=30) as term:
        term.wait_for("中国")
        term.press("Right")
        assert "14" in term.screen()

Each Terminal is its own tmux server (a private socket), so tests never touch a
user's sessions and leave nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid

import pytest

TMUX = shutil.which("tmux")
# The rnn-tui under test is the one installed next to this interpreter (a venv's bin/), not
# whichever comes first on PATH: `.venv/bin/python -m pytest` tests the venv's install.
BIN_DIR = os.path.dirname(sys.executable)
SCRIPT = os.path.join(BIN_DIR, "rnn-tui")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    """A tmux pane running ``command`` with a shell around it.

    The command runs inside an interactive shell so that, after it exits, the
    prompt comes back and the pane shows whether the terminal was left sane.
    """

    def __init__(self, command: str, width: int = 100, height: int = 30, env: dict | None = None):
        self.command = command
        self.width, self.height = width, height
        self.socket = f"rnn-tui-test-{uuid.uuid4().hex[:8]}"
        self.env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})}

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def __enter__(self) -> "Terminal":
        env_args = [f"{k}={v}" for k, v in self.env.items()]
        shell = "env -i PATH={path} HOME={home} {env} PS1='READY$ ' bash --norc --noprofile".format(
            path=os.pathsep.join([BIN_DIR, os.environ.get("PATH", "")]), home=os.environ.get("HOME", "/root"), env=" ".join(env_args))
        self._tmux("new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height), shell)
        self.wait_for("READY$")
        self.type_line(f"{self.command}; echo EXIT''=$?")  # the quotes keep the typed line from matching
        return self

    def __exit__(self, *exc) -> None:
        self._tmux("kill-server", check=False)

    def type_line(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)
        self._tmux("send-keys", "-t", "t", "Enter")

    def send_raw(self, data: str) -> None:
        """Write ``data`` (escape sequences included) to the program in one go, as a fast terminal would."""
        self._tmux("send-keys", "-t", "t", "-l", data)

    def press(self, *keys: str) -> None:
        """Send tmux key names (e.g. 'Right', 'Space', 'q', 'C-c') one by one."""
        for key in keys:
            self._tmux("send-keys", "-t", "t", key)
            time.sleep(0.05)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t").stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait until ``text`` is on screen; return the screen. Fails with the screen shown."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} did not appear within {timeout} s; the screen was:\n{screen}")
            time.sleep(0.1)

    def wait_until(self, predicate, timeout: float = 20.0, what: str = "condition") -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{what} not met within {timeout} s; the screen was:\n{screen}")
            time.sleep(0.1)

    def wait_for_steady(self, quiet: float = 0.5, timeout: float = 20.0) -> str:
        """Wait until the screen has not changed for ``quiet`` s (the app is idle); return it."""
        deadline = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                pytest.fail(f"the screen kept changing for {timeout} s")
            time.sleep(0.1)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
        return last

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        """Wait for the command to end; return its exit code."""
        screen = self.wait_until(lambda s: re.search(r"EXIT=(\d+)", s), timeout, "the command's exit")
        return int(re.search(r"EXIT=(\d+)", screen).group(1))

    def modes(self) -> dict[str, bool]:
        """The terminal modes the program left set: alternate screen, cursor shown, any mouse reporting."""
        flags = self._tmux("display-message", "-p", "-t", "t",
                           "#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_button_flag}"
                           "#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}").stdout.split()
        return {"alternate_screen": flags[0] == "1", "cursor_visible": flags[1] == "1", "mouse": "1" in flags[2]}

    def child_pid(self) -> int:
        """The pid of the command running under the pane's shell."""
        pid = self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").stdout.strip()
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", pid], capture_output=True, text=True).stdout.split()
        return int(out[0])

    def children(self) -> list[str]:
        """Commands still running under the pane's shell."""
        pid = self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").stdout.strip()
        out = subprocess.run(["ps", "-o", "args=", "--ppid", pid], capture_output=True, text=True).stdout
        return [line for line in out.splitlines() if line.strip()]
