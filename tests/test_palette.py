"""The command palette's two Textual 8.2.8 crashes, replayed in a real terminal (tmux) where the
input arrives in one read: the app must stay up, and q still quits with exit 0."""

import pytest
from terminal import Terminal, needs_tmux

pytestmark = [pytest.mark.terminal, needs_tmux]

CTRL_P, PAGE_DOWN = "\x10", "\x1b[6~"
CLICK = "\x1b[<0;3;29M\x1b[<0;3;29m"  # SGR mouse: press and release at column 3, row 29 (the dimmed background)


def _open_palette(term: Terminal) -> None:
    term.wait_for("中国")
    term.wait_for_steady()
    term.send_raw(CTRL_P)
    term.wait_for("Search for commands")


def _still_up_then_quit(term: Terminal) -> None:
    term.wait_for_steady()
    screen = term.screen()
    assert "Error" not in screen and "EXIT=" not in screen, screen
    if "Search for commands" in screen:
        term.press("Escape")
        term.wait_until(lambda s: "Search for commands" not in s, what="the palette closed")
        term.wait_for_steady()  # an Escape followed at once by q reads as alt+q
    term.press("q")
    assert term.wait_for_exit() == 0


def test_double_click_on_the_background_closes_the_palette_once():
    with Terminal("rnn-tui --lang en") as term:
        _open_palette(term)
        term.send_raw(CLICK + CLICK)
        term.wait_until(lambda s: "Search for commands" not in s, what="the palette closed")
        _still_up_then_quit(term)


def test_page_down_in_the_same_read_as_ctrl_p():
    with Terminal("rnn-tui --lang en") as term:
        term.wait_for("中国")
        term.wait_for_steady()
        term.send_raw(CTRL_P + PAGE_DOWN)
        term.wait_for("Search for commands")
        _still_up_then_quit(term)
