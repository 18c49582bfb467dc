"""A lesson as the app uses it: chapters of steps, every text in each of the lesson's languages."""

from __future__ import annotations

from dataclasses import dataclass, field

Words = dict  # language -> text


@dataclass(frozen=True)
class Task:
    check: str  # a name in tui.lessons.checks.CHECKS
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    id: str  # one of the quantity's outcomes
    label: Words


@dataclass(frozen=True)
class Question:
    ask: Words
    quantity: str  # a name in tui.lessons.quantities.QUANTITIES
    args: dict = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()  # a choice quantity's answers, as the student sees them
    within: float = 0.005  # a number is right within this much, or within ``relative`` of the answer
    relative: float = 0.01


@dataclass(frozen=True)
class Step:
    tab: str  # a pane id (tui.panes.TABS)
    text: Words
    settings: dict = field(default_factory=dict)  # tui.lessons.scene.SETTINGS[tab]
    highlight: str | None = None  # tui.lessons.scene.HIGHLIGHTS[tab]
    task: Task | None = None
    question: Question | None = None
    line: int = 0  # where the step starts in its file


@dataclass(frozen=True)
class Chapter:
    title: Words
    steps: tuple[Step, ...]
    line: int = 0


@dataclass(frozen=True)
class Lesson:
    title: Words
    languages: tuple[str, ...]
    chapters: tuple[Chapter, ...]
    name: str  # what progress is kept under: "tutorial" for the shipped lesson, else the file's path

    def step(self, chapter: int, step: int) -> Step:
        return self.chapters[chapter].steps[step]
