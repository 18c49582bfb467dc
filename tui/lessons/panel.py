"""The lesson panel: beside the live tab (below it on a narrow terminal), it walks the lesson's steps.

Entering a step shows its tab, sets the state it names, highlights its part and notes what its task
starts from. A question is asked first (the answer field has the keys: predict before you press); a
task is then watched through the tabs' own state until it is done, and the lesson moves on by itself.
The place is saved (tui/lessons/progress.py) at every step.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from core.io.visible import visible
from tui.i18n import language, t
from tui.lessons.answers import judge, shown
from tui.lessons.checks import CHECKS
from tui.lessons.model import Lesson, Step
from tui.lessons.progress import Progress
from tui.lessons.quantities import QUANTITIES, NotReady
from tui.lessons.scene import HIGHLIGHTS, MARK, apply, settled
from tui.lessons.view import body, task_text, words
from tui.widgets.field import Field

WATCH_SECONDS = 0.2  # how often a task's check reads the app's state
TRIES = 2  # a wrong answer gets the working and one more try
SETTLE_TRIES = 60  # checks, 0.05 s apart, that a tab shows the state a step set


class LessonPanel(Vertical):
    """The lesson: one step at a time. ``place`` is (chapter, step); ``phase`` what the step waits for."""

    DEFAULT_CSS = """
    LessonPanel { dock: right; width: 40; height: 1fr; border-left: heavy $warning; padding: 0 1; }
    LessonPanel #lesson-head { height: auto; text-style: bold; color: $text-warning; }
    LessonPanel #lesson-scroll { height: 1fr; scrollbar-size-vertical: 1; }
    LessonPanel #lesson-answer { height: 1; margin-top: 0; }
    LessonPanel #lesson-keys { height: auto; color: $text-muted; }
    """

    place: reactive[tuple[int, int]] = reactive((0, 0), init=False, always_update=True)
    phase = reactive("read", init=False)

    def __init__(self, lesson: Lesson, progress: Progress, start: tuple[int, int] = (0, 0), **kwargs):
        super().__init__(**kwargs)
        self.lesson, self.progress = lesson, progress
        self.start_place = start
        self.tries = 0
        self.feedback: list[tuple[str, str]] = []
        self.done_note: str | None = None  # the task the last step finished (shown on top of this one)
        self.started = None  # what the task's check noted when the step began
        self.marked = None  # the widget highlighted
        self.ready = False  # the step's tab is shown and its state set
        self.left = False  # the student left the answer field (escape): it does not take the keys back
        self.autoplay: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-head")
        with VerticalScroll(id="lesson-scroll"):
            yield Static(id="lesson-body")
        yield Field(placeholder=t("lesson.answer_here"), id="lesson-answer", compact=True)
        yield Static(id="lesson-keys")

    def on_mount(self) -> None:
        self.set_interval(WATCH_SECONDS, self.watch_task)
        self.place = self.start_place
        self.call_after_refresh(self.redraw)  # (drawn once mounted: on_mount runs before that)

    @property
    def step(self) -> Step:
        return self.lesson.step(*self.place)

    @property
    def asking(self) -> bool:
        return self.phase == "ask"

    # ----- moving through the lesson --------------------------------------------------------------

    def watch_place(self) -> None:
        step = self.step
        self.tries, self.feedback, self.ready, self.left = 0, [], False, False
        self.phase = "ask" if step.question else "task" if step.task else "read"
        self.app.action_show_tab(step.tab)
        self.set_up()
        c, s = self.place
        why = self.progress.keep(self.lesson.name, c, s, self.progress.done(self.lesson.name))
        if why:
            self.app.notify(t("lesson.progress_unsaved", why=why), severity="warning")

    def set_up(self, place: tuple[int, int] | None = None, tries: int = 0) -> None:
        """Set the step's state once its tab is built (it may still be loading); then wait until the tab shows
        it (at most SETTLE_TRIES checks: a value the tab refuses leaves its own message there)."""
        place = place or self.place
        if place != self.place:
            return  # the student (or the presenter) has moved on meanwhile
        step = self.step
        tab = self.app.tab(step.tab)
        if tab is None:
            self.set_timer(0.05, lambda: self.set_up(place))
            return
        if tries == 0:
            apply(tab, step.tab, step.settings)
        if not settled(tab, step.tab, step.settings) and tries < SETTLE_TRIES:
            self.set_timer(0.05, lambda: self.set_up(place, tries + 1))
            return
        self.mark(tab, step)
        task = step.task
        check = CHECKS[task.check] if task else None
        self.started = check.snapshot(self.app, **task.args) if check and check.snapshot else None
        self.ready = True
        self.redraw()
        self.call_after_refresh(self.focus_answer)  # (the tab has the keys already, unless a question waits)

    def mark(self, tab, step: Step) -> None:
        """Highlight the step's part; its tab gets the class lesson-<part> (a short screen shows that part)."""
        if self.marked is not None:
            part, widget, root = self.marked
            widget.remove_class(MARK)
            root.remove_class(f"lesson-{part}")
            self.marked = None
        if step.highlight:
            found = tab.query(HIGHLIGHTS[step.tab][step.highlight])
            if found:
                self.marked = (step.highlight, found.first(), tab)
                found.first().add_class(MARK)
                tab.add_class(f"lesson-{step.highlight}")

    def go(self, delta: int) -> None:
        """The next (1) or previous (-1) step, across chapters; past the last, the lesson is complete."""
        chapters = self.lesson.chapters
        c, s = self.place
        s += delta
        if s >= len(chapters[c].steps):
            self._chapter_done(c)
            c, s = c + 1, 0
        elif s < 0 and c > 0:
            c, s = c - 1, len(chapters[c - 1].steps) - 1
        if c >= len(chapters):
            self.phase = "complete"
            self.redraw()
            return
        self.place = (c, max(s, 0))

    def _chapter_done(self, c: int) -> None:
        done = self.progress.done(self.lesson.name) | {c}
        self.progress.keep(self.lesson.name, *self.place, done)

    def open_chapter(self, c: int) -> None:
        self.done_note = None
        self.place = (c, 0)

    def watch_task(self) -> None:
        """Every WATCH_SECONDS: is the task done? Then on to the next step. (And while a question waits, the
        answer field keeps the keys, unless the student left it with escape or is typing in another field.)"""
        step = self.step
        if self.asking and self.ready and not self.left and self.app.focused is self.app.active_tab():
            self.focus_answer()
        if not self.ready or self.phase != "task" or step.task is None:
            return
        if not CHECKS[step.task.check].done(self.app, self.started, **step.task.args):
            return
        focused = self.app.focused
        if isinstance(focused, Input) and focused.id != "lesson-answer":  # still typing: keep its keys there
            if not self.feedback or self.feedback[-1][0] != t("lesson.leave_field"):
                self._feedback(self.feedback + [(t("lesson.leave_field"), "bold")])
            return
        self.done_note = task_text(step.task)
        after = self.next_step()
        if after is not None and after.tab == step.tab and not after.settings:
            self.go(1)
        else:  # the next step shows another tab or resets this one: first let the student look at what they did
            kept = [line for line in self.feedback if line[0] != t("lesson.leave_field")]  # an answer's working stays
            self.feedback = kept + [(t("lesson.done", task=self.done_note), "bold green")]
            self.done_note = None
            self.phase = "read"

    def next_step(self) -> Step | None:
        """The step after this one (None: this is the last)."""
        c, s = self.place
        chapters = self.lesson.chapters
        if s + 1 < len(chapters[c].steps):
            return chapters[c].steps[s + 1]
        return chapters[c + 1].steps[0] if c + 1 < len(chapters) else None

    def go_on(self) -> None:
        """enter (the tab has the keys): a step with nothing to do (or a question answered) goes on; a step
        whose question waits gives the answer field the keys again."""
        if self.phase == "read":
            self.done_note = None
            self.go(1)
        elif self.asking:  # back to the question after escape
            self.left = False
            self.focus_answer()
            self.redraw()

    # ----- questions ----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.asking or not self.ready:
            return
        event.input.value = ""
        self.answer(event.value)

    def answer(self, text: str) -> None:
        """Judge ``text`` against what the engine computes now; a wrong one gets the working."""
        question, lang = self.step.question, language()
        try:
            right, working = self._computed()
        except NotReady as exc:
            self._feedback([(t("lesson.cannot", why=str(exc)), "bold")])
            return
        verdict = judge(question, right, text, lang)
        answer = shown(question, right, lang)
        if verdict.right is None:
            n = len(question.choices)
            key = "lesson.not_a_choice" if n else "lesson.not_a_number"
            self._feedback([(t(key, given=visible(verdict.given), n=n), "bold")])
            return
        if verdict.right:
            self._settle([(t("lesson.right", answer=answer), "bold green"), (working, "")])
            return
        self.tries += 1
        lines = [(t("lesson.wrong", given=visible(verdict.given)), "bold"), (working, "")]
        if self.tries < TRIES:
            self._feedback(lines + [(t("lesson.try_again"), "bold")])
        else:
            self._settle(lines + [(t("lesson.reveal", answer=answer), "bold")])

    def reveal(self) -> None:
        """The demo and the presenter: show the answer and its working without an answer typed."""
        question = self.step.question
        try:
            right, working = self._computed()
        except NotReady as exc:
            self._settle([(t("lesson.cannot", why=str(exc)), "bold")])
            return
        self._settle([(t("lesson.reveal", answer=shown(question, right, language())), "bold"), (working, "")])

    def _computed(self):
        """The question's answer and its working, computed from the app now (raises NotReady)."""
        question = self.step.question
        spec = QUANTITIES[question.quantity]
        return spec.value(self.app, **question.args), spec.explain(self.app, **question.args)

    def _feedback(self, lines: list[tuple[str, str]]) -> None:
        self.feedback = lines
        self.redraw()

    def _settle(self, lines: list[tuple[str, str]]) -> None:
        """The question is over: on to the task (or enter)."""
        self.feedback = lines
        self.phase = "task" if self.step.task else "read"
        self.app.focus_tab()

    def play(self, seconds: float) -> None:
        """Play the lesson by itself (rnn-tui learn --demo): each tick reveals the answer or goes on."""
        self.autoplay = self.set_interval(seconds, self._autoplay_tick)

    def stop_playing(self) -> None:
        if self.autoplay is not None:
            self.autoplay.stop()
            self.autoplay = None

    def _autoplay_tick(self) -> None:
        if not self.ready:
            return
        if self.asking:
            self.reveal()
        elif self.phase == "complete":
            self.open_chapter(0)
        else:
            self.done_note = None
            self.go(1)

    # ----- drawing and focus ----------------------------------------------------------------------------

    def watch_phase(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        if not self.is_mounted:
            return
        c, s = self.place
        chapter, lang = self.lesson.chapters[c], language()
        head = t("lesson.chapter", k=c + 1, n=len(self.lesson.chapters), title=words(chapter.title, lang))
        self.query_one("#lesson-head", Static).update(f"{t('lesson.title')} {head} · "
                                                      f"{t('lesson.step', k=s + 1, n=len(chapter.steps))}")
        self.query_one("#lesson-body", Static).update(body(self.step, lang, self.phase, self.feedback, self.done_note))
        field = self.query_one("#lesson-answer", Input)
        field.display = self.asking
        n = len(self.step.question.choices) if self.step.question else 0
        field.placeholder = t("lesson.choose", n=n) if n else t("lesson.answer_here")
        keys = ("lesson.keys_back" if self.left else "lesson.keys_answer") if self.asking else "lesson.keys"
        self.query_one("#lesson-keys", Static).update(t(keys))
        scroll = self.query_one("#lesson-scroll")
        scroll.scroll_end(animate=False) if self.feedback else scroll.scroll_home(animate=False)

    def focus_answer(self) -> bool:
        """Give the answer field the keys while a question waits (True: it has them)."""
        if self.asking and self.ready and self.display:
            self.screen.set_focus(self.query_one("#lesson-answer", Input))  # now: a deferred focus could land late
            return True
        return False

    def key_escape(self) -> None:
        """escape in the answer field: back to the tab (its keys work again; click the field to answer)."""
        tab = self.app.active_tab()
        if tab is not None:
            self.left = True
            tab.screen.set_focus(tab)
            self.redraw()
