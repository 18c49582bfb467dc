"""The lesson (rnn-tui learn, l): completed by doing it, a wrong answer's working, answers that follow the
state, the presenter's keys, progress kept between runs."""

import json

import pytest
from lesson_pilot import do_step, type_answer
from screen import screen_text, wait_until

from tui.app import RnnTui
from tui.lessons.shipped import shipped

SIZE = (120, 34)


@pytest.fixture(autouse=True)
def state_home(tmp_path, monkeypatch):
    """Progress goes to a fresh XDG state folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


async def shows(pilot, *texts: str, present: bool = True) -> None:
    """Wait until the screen shows every one of ``texts`` (or, present=False, none of them)."""
    await wait_until(pilot, lambda: all((t in screen_text(pilot.app)) == present for t in texts),
                     what=f"{texts} {'on' if present else 'off'} screen")


def progress_file(state_home):
    return state_home / "rnn-tui" / "lessons.json"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_chapter_is_completed_by_doing_its_tasks_and_answering(lang, state_home):
    lesson = shipped()
    app = RnnTui(lang=lang, lesson=lesson)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        panel = app.lesson_panel
        visited = set()
        while panel.phase != "complete":
            visited.add(panel.place)
            await do_step(pilot, panel)
        assert visited == {(c, s) for c, ch in enumerate(lesson.chapters) for s in range(len(ch.steps))}
        await shows(pilot, "✓ Lesson complete" if lang == "en" else "✓ 课程完成")
    saved = json.loads(progress_file(state_home).read_text())["tutorial"]
    assert saved["done"] == list(range(len(lesson.chapters)))


async def open_at(pilot, chapter: int, step: int = 0):
    """The lesson panel at (chapter, step), set up."""
    app = pilot.app
    await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
    panel = app.lesson_panel
    panel.place = (chapter, step)
    await wait_until(pilot, lambda: panel.ready and panel.place == (chapter, step), what="the step")
    return panel


async def test_a_wrong_answer_shows_the_working_with_the_computed_answer_then_one_more_try(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 1, 2)  # what will prevS be after 我?
        await type_answer(pilot, "5")
        await wait_until(pilot, lambda: panel.feedback, what="the verdict")
        await shows(pilot, "✗ Not 5", "s₁ = x·u + s₀·w = 1·1 + 1·1 = 2", "One more try.")
        assert panel.asking and app.active_tab().step == 0  # the number is not shown yet: predict first
        await type_answer(pilot, "6")
        await wait_until(pilot, lambda: not panel.asking, what="the second verdict")
        await shows(pilot, "The answer is 2.")
        assert app.focused is app.active_tab()  # the keys go back to the tab: → reveals the step


async def test_the_expected_answer_follows_a_changed_u(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 1, 2)  # prevS after 我 = x·u + s0·w: 2 with u = 1
        await wait_until(pilot, lambda: app.focused.id == "lesson-answer", what="the question asked")
        field = app.active_tab().query_one("#fw-u")  # the student goes and changes u first
        field.screen.set_focus(field)  # as a click on it does
        await pilot.press("end", "backspace", "3", "escape")
        await wait_until(pilot, lambda: app.active_tab().inputs.scalar.u == 3, what="u = 3")
        await type_answer(pilot, "2")  # right for the tutorial's u, not for the student's
        await wait_until(pilot, lambda: panel.feedback, what="the verdict")
        await shows(pilot, "✗ Not 2", "1·3 + 1·1 = 4")
        await type_answer(pilot, "4")
        await wait_until(pilot, lambda: not panel.asking, what="the second verdict")
        await shows(pilot, "✓ Right: 4.")


async def test_the_tutorials_walk_through_numbers_come_out_of_the_quantities(state_home):
    """The tutorial's numbers (its section 3): s = 2, 4, 7 and o = 4, 8, 14 over 我爱中国."""
    from tui.lessons.quantities import QUANTITIES

    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, 3, 0)
        assert [QUANTITIES["prev_s"].value(app, step=k) for k in (1, 2, 3)] == [2, 4, 7]
        assert [QUANTITIES["o"].value(app, step=k) for k in (1, 2, 3)] == [4, 8, 14]
        assert [QUANTITIES["token_id"].value(app, step=k) for k in (1, 2, 3)] == [1, 2, 3]


async def test_a_task_moves_the_lesson_on_only_when_the_app_shows_it_done(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 4, 1)  # press c to compare
        await shows(pilot, "▸ To do: switch to compare")
        await pilot.press("right", "m")  # other keys: still waiting
        await pilot.pause(0.3)
        assert panel.place == (4, 1)
        await pilot.press("m", "c")
        await shows(pilot, "✓ Done: switch to compare", "Press enter to go on")  # its next step is on another tab:
        assert panel.place == (4, 1) and app.active_tab() is app.tab("forward")  # first, see what you did
        await pilot.press("enter")
        await wait_until(pilot, lambda: panel.place == (5, 0), what="the next chapter")
        assert app.active_tab() is app.tab("train")


async def test_a_task_whose_next_step_resets_the_tab_waits_for_enter(state_home):
    """Chapter 3 ends on o after 中国 with the student's u; chapter 4 puts u back: first see your o₃."""
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 2, 2)
        await wait_until(pilot, lambda: app.focused.id == "lesson-answer", what="the question asked")
        await type_answer(pilot, "14")
        await shows(pilot, "✓ Right: 14.")
        await pilot.press("right")
        await shows(pilot, "✓ Done: step to step 3", "Press enter to go on", "o₃ = s₃·v = 7·2 = 14")  # the working stays
        assert panel.place == (2, 2) and app.active_tab().step == 3
        await pilot.press("enter")
        await wait_until(pilot, lambda: panel.place == (3, 0) and panel.ready, what="chapter 4")
        assert app.active_tab().step == 1


async def test_presenter_keys_step_through_whatever_a_step_waits_for(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 0, 0)  # waits for training
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: panel.place == (0, 1) and panel.ready, what="the next step")
        assert panel.asking and app.focused.id == "lesson-answer"
        await pilot.press("pagedown", "pagedown")  # from the answer field too
        await wait_until(pilot, lambda: panel.place == (1, 0) and panel.ready, what="chapter 2")
        assert app.active_tab() is app.tab("forward")
        await pilot.press("pageup")
        await wait_until(pilot, lambda: panel.place == (0, 2), what="back a step")


async def test_l_opens_the_lesson_from_any_tab_and_hides_it_and_types_l_in_a_field(state_home):
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: app.tab("train") is not None, what="the Train tab")
        await pilot.press("l")
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        assert app.active_tab() is app.tab("context")
        await shows(pilot, "Why order matters")
        await pilot.press("escape", "l")
        await wait_until(pilot, lambda: not app.lesson_panel.display, what="the lesson hidden")
        await shows(pilot, "Why order matters", present=False)
        await pilot.press("1")
        sentence = app.tab("forward").query_one("#fw-sentence")
        sentence.screen.set_focus(sentence)
        await pilot.press("end", "l")
        assert sentence.value.endswith("l") and not app.lesson_panel.display  # typed, not a key


async def test_progress_is_kept_between_runs_and_restart_forgets_it(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        await open_at(pilot, 2, 1)
    saved = json.loads(progress_file(state_home).read_text())
    assert saved["tutorial"]["chapter"] == 2 and saved["tutorial"]["step"] == 1
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        assert app.lesson_panel.place == (2, 1)
        await shows(pilot, "Lesson 3/8")
    app = RnnTui(lesson=shipped(), lesson_restart=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        assert app.lesson_panel.place == (0, 0)


@pytest.mark.parametrize("content", [b"{not json", b"\x1b[2J" * 10, b"[1, 2]", b'{"tutorial": {"chapter": -3}}'])
async def test_a_broken_progress_file_starts_at_chapter_one_with_a_clear_note(state_home, content):
    progress_file(state_home).parent.mkdir(parents=True)
    progress_file(state_home).write_bytes(content)
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        assert app.lesson_panel.place == (0, 0)
        assert "\x1b" not in screen_text(app)
    assert json.loads(progress_file(state_home).read_text())["tutorial"]["chapter"] == 0  # written whole again


async def test_the_chapter_list_jumps_to_a_chapter_and_marks_those_done(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 4, 1)
        await pilot.press("pagedown")  # the last step of chapter 5: it counts as done
        await wait_until(pilot, lambda: panel.place == (5, 0), what="chapter 6")
        await pilot.press("escape", "L")
        await shows(pilot, "Chapters", "✓ 5. Memory in s")
        await pilot.press("home", "down", "down", "enter")
        await wait_until(pilot, lambda: panel.place == (2, 0) and panel.ready, what="chapter 3")
        assert app.active_tab() is app.tab("forward")


async def test_learn_demo_plays_the_lesson_and_a_key_takes_over(state_home):
    app = RnnTui(lesson=shipped(), demo=True, demo_speed=40)  # a step every 0.2 s
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.place >= (1, 1),
                         what="the lesson playing")
        assert app.demo is None  # the lesson plays instead of the tour of the tabs
        await pilot.press("right")
        place = app.lesson_panel.place
        await pilot.pause(0.6)
        assert app.lesson_panel.autoplay is None and app.lesson_panel.place == place


async def test_escape_leaves_the_question_for_the_tab_and_enter_comes_back(state_home):
    app = RnnTui(lesson=shipped())
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_at(pilot, 1, 2)
        field = panel.query_one("#lesson-answer")
        await wait_until(pilot, lambda: app.focused is field, what="the question")
        await pilot.press("escape")
        await pilot.pause(0.5)  # (the lesson would take the keys back within WATCH_SECONDS)
        assert app.focused is app.active_tab()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is field, what="back to the question")
