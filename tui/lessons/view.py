"""What the lesson panel says for a step, built from the step, the phase and the feedback (no widgets)."""

from __future__ import annotations

from rich.console import Group

from core.io.visible import visible
from tui.i18n import t
from tui.lessons.checks import CHECKS
from tui.lessons.model import Step, Task
from tui.widgets.prose import ProseText


def words(text: dict, lang: str) -> str:
    """A lesson text in ``lang`` (else its first language), control characters shown, not obeyed."""
    return visible(text.get(lang) or next(iter(text.values()), ""), keep="\n")


def task_text(task: Task) -> str:
    """What the task asks, in the interface's language, from its check and arguments."""
    values = {k: visible(str(v)) for k, v in task.args.items()}
    if task.check == "tab_shown":
        values["tab"] = t(f"tab.{task.args['tab']}")
    return t(f"lesson.check.{task.check}", **values) if task.check in CHECKS else task.check


def body(step: Step, lang: str, phase: str, feedback: list[tuple[str, str]], done: str | None) -> Group:
    """The step's text, its question (while asked), the feedback so far and what to do now.

    phase: 'ask' (the question waits), 'task' (the app is watched), 'read' (enter goes on), 'complete'."""
    parts: list = []
    if done:
        parts.append(ProseText(t("lesson.done", task=done), "bold green"))
    parts.append(ProseText(words(step.text, lang)))
    question = step.question
    if question is not None:
        parts.append(ProseText(t("lesson.predict", ask=words(question.ask, lang)), "bold"))
        if question.choices:  # on one line (it wraps if it must): a narrow panel keeps them all in view
            parts.append(ProseText("   ".join(f"{n}) {words(c.label, lang)}" for n, c in enumerate(question.choices, 1))))
    parts += [ProseText(text, style) for text, style in feedback]
    if phase == "task" and step.task is not None:
        parts.append(ProseText(t("lesson.do", task=task_text(step.task)), "bold"))
    elif phase == "read":
        parts.append(ProseText(t("lesson.go_on"), "bold"))
    elif phase == "complete":
        parts.append(ProseText(t("lesson.complete"), "bold green"))
    return Group(*parts)
