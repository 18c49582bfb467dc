"""Doing a lesson as a student would, for Pilot tests: answer each question (what the engine computes now,
typed into the answer field), do each task with the tab's own keys, press enter where the step says so.

The Context models are trained on the tiny seeded corpus of tests/context_pilot.py (about 1.5 s), and the
Train tab trains flat out: the lesson is the same, only faster."""

from __future__ import annotations

from context_pilot import TINY, tiny_corpus
from screen import wait_until

from core.context import ContextTrainer
from tui.lessons.answers import shown
from tui.lessons.checks import CHECKS
from tui.lessons.quantities import QUANTITIES
from tui.runs import RunState


def right_answer(app, question) -> str:
    """What the engine says the answer is now, as the student would type it."""
    spec = QUANTITIES[question.quantity]
    return shown(question, spec.value(app, **question.args), app.lang)


async def type_answer(pilot, text: str) -> None:
    field = pilot.app.query_one("#lesson-answer")
    await wait_until(pilot, lambda: pilot.app.focused is field, what="the answer field has the keys")
    await pilot.press(*text, "enter")


async def answer(pilot, panel) -> None:
    """Type the right answer (a number, or the choice's number) and wait for the verdict."""
    question = panel.step.question
    text = right_answer(pilot.app, question)
    if question.choices:
        text = str(next(i for i, c in enumerate(question.choices, 1) if shown(question, c.id, pilot.app.lang) == text))
    await type_answer(pilot, text)
    await wait_until(pilot, lambda: not panel.asking, what=f"the answer {text!r} judged at {panel.place}")
    assert panel.feedback[0][0].startswith("✓"), panel.feedback


async def flat_out(pilot, tab) -> None:
    from textual.widgets import Select

    tab.query_one("#speed", Select).value = 0  # the speed menu: flat out


async def do_task(pilot, panel) -> None:
    """Do the step's task with the keys a student would press."""
    app, task = pilot.app, panel.step.task
    tab = app.active_tab()
    name = task.check
    if name == "context_trained":
        await wait_until(pilot, lambda: tab.state == RunState.IDLE, timeout=60, what="the corpus built")
        tab.use_trainer(ContextTrainer(TINY, tiny_corpus()))
        await pilot.press("t")
    elif name == "forward_step":
        place = panel.place
        for _ in range(50):  # (once there, the lesson moves on, and its next step may set another step)
            if tab.step == task.args["at"] or panel.place != place:
                break
            await pilot.press("right" if tab.step < task.args["at"] else "left")
        assert panel.place != place or tab.step == task.args["at"], f"→ ← did not reach step {task.args['at']}"
    elif name in ("forward_end", "context_end"):
        await pilot.press("end")
    elif name == "forward_changed":
        field = tab.query_one(f"#fw-{task.args['field']}")
        field.screen.set_focus(field)  # as a click on it does
        await pilot.press("end", "backspace", "backspace", "backspace", "2", "escape")
    elif name == "forward_mode":
        await pilot.press({"compare": "c", "vector": "m", "scalar": "m"}[task.args["mode"]])
    elif name == "models_disagree":
        for _ in range(40):  # e: the next example sentence, until the two models part
            await pilot.press("e")
            if CHECKS[name].done(app, panel.started):
                break
    elif name in ("train_finished", "clip_rescued"):
        await flat_out(pilot, tab)
        await pilot.press("space" if name == "train_finished" else "c")
    else:
        raise AssertionError(f"no way to do {name}")


async def do_step(pilot, panel) -> None:
    """Everything the step asks, until the lesson moves on (or says it is complete)."""
    place = panel.place
    await wait_until(pilot, lambda: panel.ready, what="the step set up")
    if panel.asking:
        await answer(pilot, panel)
    if panel.phase == "task":
        await do_task(pilot, panel)  # done: on to the next step, or (its tab is another) enter goes on
        await wait_until(pilot, lambda: panel.place != place or panel.phase in ("read", "complete"), timeout=120,
                         what=f"the task of {place} seen done")
    if panel.place == place and panel.phase == "read":
        await pilot.press("enter")
    await wait_until(pilot, lambda: panel.place != place or panel.phase == "complete", timeout=120,
                     what=f"the lesson moved on from {place}")
