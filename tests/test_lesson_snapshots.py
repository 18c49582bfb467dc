"""SVG snapshots of a lesson step beside (or below) the live Forward tab: a wrong answer's working, at
80×24 and 100×30 in English and Chinese, and under NO_COLOR. Regenerate with --snapshot-update and look.

Deterministic: the scalar walk-through is exact, progress goes to a fresh folder, and the keys are back
on the tab (no blinking cursor in the answer field)."""

from __future__ import annotations

import pytest
from screen import wait_until

from tui.app import RnnTui
from tui.colors import force_colors
from tui.lessons.shipped import shipped


@pytest.fixture(autouse=True)
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


async def wrong_answer(pilot) -> None:
    """Chapter 2's last step (what will prevS be after 我?), answered 5: the working with the numbers on screen."""
    app = pilot.app
    await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
    panel = app.lesson_panel
    panel.place = (1, 2)
    field = panel.query_one("#lesson-answer")
    await wait_until(pilot, lambda: panel.ready and app.focused is field, what="the question")
    await pilot.press("5", "enter")
    await wait_until(pilot, lambda: panel.feedback, what="the verdict")
    await pilot.press("escape")
    await wait_until(pilot, lambda: app.focused is app.active_tab(), what="the keys back on the tab")
    await pilot.pause()


def lesson_app(lang: str = "en", colors: str | None = None) -> RnnTui:
    app = RnnTui(lang=lang, lesson=shipped())
    if colors:
        force_colors(app, colors)
    return app


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_lesson_step(snap_compare, lang, size):
    assert snap_compare(lesson_app(lang), terminal_size=size, run_before=wrong_answer)


def test_lesson_step_beside_the_tab(snap_compare):
    assert snap_compare(lesson_app(), terminal_size=(130, 36), run_before=wrong_answer)


def test_lesson_step_without_colour(snap_compare):
    assert snap_compare(lesson_app(colors="none"), terminal_size=(100, 30), run_before=wrong_answer)
