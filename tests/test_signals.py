"""Signals to the TUI in a real terminal (tmux): the app ends and leaves the terminal sane
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
        term.wait_for("中国")
        term.wait_for_steady()  # every tab mounted: a signal during mounting is another test's subject
        assert term.modes() == {"alternate_screen": True, "cursor_visible": False, "mouse": True}  # the probe works
        os.kill(term.child_pid(), sig)
        assert term.wait_for_exit() == 128 + sig
        assert term.modes() == SANE
        term.wait_for("READY$")
