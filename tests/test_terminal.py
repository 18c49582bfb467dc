"""Real-terminal tests: the installed rnn-tui inside tmux (run alone with -m terminal)."""

import re

import pytest
from terminal import Terminal, needs_tmux

from tui.demo import SCENES

pytestmark = [pytest.mark.terminal, needs_tmux]


def test_first_screen_shows_the_sentence_and_tabs():
    with Terminal("rnn-tui --lang en") as term:
        screen = term.wait_for("中国")
        for text in ("我", "爱", "Forward", "Train", "Gradients", "Concepts"):
            assert text in screen


def test_number_keys_switch_tabs():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.press("5")
        term.wait_until(lambda s: "中国" not in s or "RNN" in s, what="Concepts tab shown")
        term.press("1")
        term.wait_for("中国")


def test_q_quits_and_leaves_the_shell_sane():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.press("q")
        assert term.wait_for_exit(timeout=15) == 0  # a hang fails this; speed is bench/'s job
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


def test_walk_through_numbers_after_stepping():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国→3")
        term.press("Right", "Right", "Right")
        screen = term.wait_for("step 3/3")
        history = [line for line in screen.splitlines() if "我" in line or "爱" in line or "中国" in line]
        assert any(" 2 " in line and line.rstrip(" │").endswith("4") for line in history), screen
        assert "7" in screen and "14" in screen
        term.press("Left")
        screen = term.wait_for("step 2/3")
        assert "prevS = s₂" in screen


def test_training_reaches_step_100_and_shows_a_final_loss():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.press("3")
        term.wait_for("Settings")
        term.press("Space")
        screen = term.wait_for("step 100/100", timeout=40)
        assert "loss" in screen and "Done" in term.wait_for("Done", timeout=10)


def test_q_mid_training_quits_and_leaves_no_process_behind():
    """q in the middle of a run quits cleanly (how fast: bench/bench_app_train.py; no timing asserted here)."""
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.press("3")
        term.wait_for("Settings")
        term.press("Space")
        term.wait_until(lambda s: re.search(r"step ([5-9]|\d\d)/100", s), timeout=30, what="training under way")
        term.press("q")
        assert term.wait_for_exit(timeout=15) == 0  # a hang, not a slow quit, fails this
        assert term.children() == []


def test_demo_moves_from_forward_to_train_on_its_own():
    # at 5x the scenes' pace the loop reaches the Train tab (scene 5) in about 8 s instead of 40
    with Terminal("rnn-tui --lang en --demo --demo-speed 5") as term:
        term.wait_for(f"Demo 1/{len(SCENES)}")
        term.wait_for(f"Demo 5/{len(SCENES)}", timeout=60)
        screen = term.wait_for("Settings", timeout=10)
        assert "step" in screen


def test_fps_cap_still_draws_and_steps():
    with Terminal("rnn-tui --lang en --fps 5") as term:
        term.wait_for("中国→3")
        term.press("Right")
        term.wait_for("step 1/3")
