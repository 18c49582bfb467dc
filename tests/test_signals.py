"""Signals and locales to the TUI in a real terminal (tmux): the app ends and leaves the terminal sane
(no alternate screen, cursor visible, no mouse reporting), with exit code 128 + the signal."""

import os
import signal

import pytest
from terminal import Terminal, needs_tmux

pytestmark = [pytest.mark.terminal, needs_tmux]
SANE = {"alternate_screen": False, "cursor_visible": True, "mouse": False}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT], ids=lambda s: s.name)
def test_a_signal_restores_the_terminal(sig):
    with Terminal("rnn-tui", width=100, height=30) as term:
        term.wait_for("中国")  # the first frame: the other tabs are still being mounted (that once crashed)
        assert term.modes() == {"alternate_screen": True, "cursor_visible": False, "mouse": True}  # the probe works
        os.kill(term.child_pid(), sig)
        assert term.wait_for_exit() == 128 + sig
        assert term.modes() == SANE
        term.wait_for("READY$")


def test_c_locale_without_utf8_mode_still_draws_chinese_and_box_lines():
    """LANG=C LC_ALL=C PYTHONUTF8=0 once drew \\u2501 escapes for every non-ASCII character."""
    with Terminal("rnn-tui --lang en", env={"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}) as term:
        screen = term.wait_for("中国")
        assert "━" in screen and "\\u" not in screen
        term.wait_for_steady()
        term.press("q")
        assert term.wait_for_exit() == 0
