"""Keys typed at launch, before the first frame, take effect (tmux, the installed rnn-tui).

A user who types ``rnn-tui`` and presses → at once must see step 1. The keys are
sent right after the command line's Enter, so they reach the terminal before the
app has drawn anything; the run is repeated while another process keeps a core busy.
"""

import subprocess
import sys

import pytest
from terminal import Terminal, needs_tmux

pytestmark = [pytest.mark.terminal, needs_tmux]

def shows(text):
    return lambda screen: text in screen


def context_shown(screen: str) -> bool:
    """The tab bar is drawn and the Forward tab's diagram is not: another tab is on show."""
    return "Context" in screen and "Unrolled in time" not in screen


KEYS = {"Right": shows("step 1/"), "Space": shows("▶ playing"), "2": context_shown}


def launch_and_press(key: str) -> None:
    with Terminal("rnn-tui --lang en") as term:
        term.press(key)  # at once: the command line was typed a moment ago
        term.wait_until(KEYS[key], what=f"{key} pressed at launch taking effect")


@pytest.mark.parametrize("key", KEYS)
def test_a_key_pressed_at_launch_is_not_lost(key):
    launch_and_press(key)


def test_right_at_launch_is_not_lost_under_load():
    """The same, three times, while a CPU-bound process competes (the 20× run is done by hand)."""
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        for _ in range(3):
            launch_and_press("Right")
    finally:
        hog.kill()
        hog.wait()
