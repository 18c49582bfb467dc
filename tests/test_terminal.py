"""Real-terminal tests: the installed rnn-tui inside tmux (run alone with -m terminal)."""

import time

import pytest

from terminal import Terminal, needs_tmux

pytestmark = [pytest.mark.terminal, needs_tmux]


def test_first_screen_shows_the_sentence_and_tabs():
    with Terminal("rnn-tui --lang en") as term:
        screen = term.wait_for("中国")
        for text in ("我", "爱", "Forward", "Train", "Gradients", "Concepts"):
            assert text in screen


def test_number_keys_switch_tabs():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.press("4")
        term.wait_until(lambda s: "中国" not in s or "RNN" in s, what="Concepts tab shown")
        term.press("1")
        term.wait_for("中国")


def test_q_quits_and_leaves_the_shell_sane():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        start = time.monotonic()
        term.press("q")
        assert term.wait_for_exit(timeout=5) == 0
        assert time.monotonic() - start < 3
        assert term.children() == []
        term.type_line("echo still-$((40+2))")
        term.wait_for("still-42")


def test_resize_to_too_small_and_back():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.resize(60, 15)
        term.wait_for("at least 80×24")
        term.resize(100, 30)
        term.wait_until(lambda s: "at least" not in s and "中国" in s, what="full layout back")


@pytest.mark.parametrize("env", [{"TERM": "xterm"}, {"NO_COLOR": "1"}, {"LC_ALL": "C.UTF-8"}],
                         ids=["16-colours", "no-color", "c-utf8"])
def test_other_terminals_still_show_the_sentence(env):
    with Terminal("rnn-tui --lang en", env=env) as term:
        screen = term.wait_for("中国")
        assert "我" in screen and "爱" in screen
