"""How the app opens a lesson: the panel is mounted on the main screen the first time (l, or rnn-tui learn),
at the place the student left it; later l hides and shows it."""

from __future__ import annotations

from tui.i18n import t
from tui.lessons.model import Lesson
from tui.lessons.panel import LessonPanel
from tui.lessons.progress import Progress


def open_lesson(app, lesson: Lesson | None = None, restart: bool = False, progress: Progress | None = None,
                play: float | None = None) -> LessonPanel:
    """Mount the panel with ``lesson`` (default: the shipped one), resumed unless ``restart``."""
    if lesson is None:
        from tui.lessons.shipped import shipped

        lesson = shipped()
    progress = progress or Progress()
    why = progress.load()
    if why:
        app.notify(t("lesson.progress_lost", why=why), severity="warning", timeout=8)
    if restart:
        progress.forget(lesson.name)
    start = progress.place(lesson.name)
    if start[0] >= len(lesson.chapters) or start[1] >= len(lesson.chapters[start[0]].steps):
        start = (0, 0)  # the lesson file changed since
    panel = LessonPanel(lesson, progress, start, id="lesson")
    app.screen_stack[0].mount(panel)
    if play:
        panel.play(play)
    return panel
