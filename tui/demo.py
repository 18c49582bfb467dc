"""Demo mode: the app plays itself for a class (``rnn-tui --demo``).

A loop of scenes: the Forward tab steps through 我爱中国 in scalar mode, then in
vector mode, then the compare view; the Train tab trains the tutorial's model
at watching pace; the Gradients tab shows vanishing vs LSTM/GRU, the trained
recall task, then clipping. Each scene's tab is built while the scene before it
plays, so no scene opens on a blank tab. A caption says what is on show. Any key or click stops the demo and
then does what it always does (3 shows the Train tab). Scenes only call the
tabs' own actions, and a scene starts only once its tab has finished mounting.
--demo-speed X makes every scene X times shorter and the training X times faster.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.timer import Timer

from core.forward.tokens import DEFAULT_SENTENCE
from tui.i18n import t

STOPPED_SECONDS = 6  # how long "Demo stopped" stays on screen
READY_WAIT = 90  # a scene waits at most this long for its tab to be ready (a stalled training moves on)
CONTEXT_HOLD = 4  # ticks the Context scene holds the whole sentence (the turn and the why) before reading it again
TRAIN_STEPS_PER_SECOND = 20  # the Train scene's pace at demo speed 1 (100 steps in 5 s)


@dataclass(frozen=True)
class Scene:
    """One stretch of the demo.

    Attributes:
        tab: the pane id to show.
        caption: i18n key of the caption line.
        seconds: how long it lasts at demo speed 1.
        enter: sets the tab up, given the app.
        tick: called every ``every`` seconds while the scene lasts (None: nothing).
        ready: None, or a test of the app: ``seconds`` count only from when it holds (the Context
            scene trains first, so its reading gets its full time on every loop, however slow the
            machine); at most READY_WAIT seconds are waited.
    """

    tab: str
    caption: str
    seconds: float
    enter: Callable
    tick: Callable | None = None
    every: float = 1.0
    ready: Callable | None = None


def _forward(app):
    return app.query_one("#forward").query_one("ForwardTab")


def _forward_mode(app, mode: str, compare: bool) -> None:
    tab = _forward(app)
    if tab.inputs.compare != compare:
        tab.action_compare()
    if not compare:
        tab.set_sentence(DEFAULT_SENTENCE)  # the caption names it (compare mode changed it)
        if tab.inputs.mode != mode:
            tab.action_toggle_mode()
    tab.step = 0


def _next_step(app) -> None:
    """One step on; at the end, hold the last step on screen."""
    tab = _forward(app)
    if tab.run is not None and tab.step < tab.run.n:
        tab.step += 1


def _train(app, speed: float) -> None:
    from textual.widgets import Select

    from tui.widgets.train.form import SPEEDS

    tab = app.query_one("#train").query_one("TrainTab")
    wanted = TRAIN_STEPS_PER_SECOND * speed
    paced = [s for s in SPEEDS if s]
    tab.query_one("#speed", Select).value = 0 if wanted > max(paced) else min(paced, key=lambda s: abs(s - wanted))
    tab.action_reset()
    tab.start()


def _context_enter(app) -> None:
    """The Context scene: one sentence, 我不喜欢美女; training starts as soon as the corpus is ready."""
    tab = app.query_one("#context").query_one("ContextTab")
    if tab.lens:
        tab.action_lens()
    if tab.compare:
        tab.action_compare()
    tab.set_sentences("我不喜欢美女")
    _context_tick(app)


def _context_tick(app) -> None:
    """Train if not yet trained; once trained, read 我不喜欢美女 a word a tick, hold the whole sentence
    (its turn at 喜欢 and why) for CONTEXT_HOLD ticks, and again."""
    tab = app.query_one("#context").query_one("ContextTab")
    if tab.state == "idle" and tab.trainer is not None:
        tab.action_train()
    elif tab.state == "finished":
        if tab.step < len(tab.reading.tokens):
            tab.step += 1
            tab.demo_held = 0
        elif tab.demo_held < CONTEXT_HOLD:
            tab.demo_held += 1
        else:
            tab.step = 0


def _context_ready(app) -> bool:
    return app.query_one("#context").query_one("ContextTab").state == "finished"


def warm_torch() -> None:
    """Import the torch engine in a thread now (about 2 s), so the Train scene starts training at once."""
    def load() -> None:
        try:
            import core.sincos.train_torch  # noqa: F401
        except Exception:
            pass  # the Train tab reports it when it trains

    threading.Thread(target=load, daemon=True, name="demo-torch").start()


def _gradients_view(view: str):
    def enter(app) -> None:
        from textual.widgets import Tabs

        app.query_one("#gradients").query_one(Tabs).active = f"grad-tab-{view}"

    return enter


SCENES = (
    Scene("forward", "demo.scalar", 8, lambda app: _forward_mode(app, "scalar", False), _next_step, 1.5),
    Scene("forward", "demo.vector", 8, lambda app: _forward_mode(app, "vector", False), _next_step, 1.5),
    Scene("forward", "demo.compare", 10, lambda app: _forward_mode(app, "vector", True), _next_step, 1.5),
    Scene("context", "demo.context", 12, _context_enter, _context_tick, 1.2, _context_ready),
    Scene("train", "demo.train", 12, lambda app: _train(app, app.demo.speed)),
    Scene("gradients", "demo.gated", 8, _gradients_view("compare")),
    Scene("gradients", "demo.trained", 12, _gradients_view("trained")),
    Scene("gradients", "demo.clip", 8, _gradients_view("clip")),
)


class Demo:
    """Runs SCENES on the app's timers.

    Args:
        app: the RnnTui app.
        speed: pace factor (2 = twice as fast).
        once: exit the app after one loop.
    """

    def __init__(self, app, speed: float = 1.0, once: bool = False, scenes=SCENES):
        self.app, self.speed, self.once, self.scenes = app, speed, once, scenes
        self.index = -1
        self.running = False
        self.shown: list[str] = []  # captions shown so far, in order
        self.stopped_seconds = STOPPED_SECONDS
        self._timers: list[Timer] = []

    def start(self) -> None:
        self.running = True
        if any(scene.tab == "train" for scene in self.scenes):
            warm_torch()
        self._next_scene()

    def stop(self) -> None:
        """Stop for good: the user has the controls (the caption says so for a few seconds)."""
        self.running = False
        self._cancel()
        self.app.show_caption(t("demo.stopped"), seconds=self.stopped_seconds)

    def caption(self, index: int) -> str:
        """'Demo 2/6 · <what is on show> · any key takes over'."""
        head = t("demo.counter", i=index + 1, n=len(self.scenes))
        return f"{head} · {t(self.scenes[index].caption)} · {t('demo.hint')}"

    def _cancel(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers = []

    def _next_scene(self) -> None:
        self._cancel()
        if not self.running:
            return
        self.index += 1
        if self.index == len(self.scenes):
            if self.once:
                self.running = False
                self.app.exit(0)
                return
            self.index = 0
        scene = self.scenes[self.index]
        self.app.action_show_tab(scene.tab)
        tab = self.app.tab(scene.tab)
        if tab is None:  # a tab other than Forward is built the first time it is shown
            self.index -= 1
            self._timers.append(self.app.set_timer(0.05, self._next_scene))
            return
        self.app.show_caption(self.caption(self.index))
        self.shown.append(scene.caption)
        scene.enter(self.app)
        upcoming = self.scenes[(self.index + 1) % len(self.scenes)].tab
        self.app.prebuild(upcoming)  # built while this scene plays: the next one opens on a ready tab
        self._warm_context()
        if scene.tick is not None:
            self._timers.append(self.app.set_interval(scene.every / self.speed, lambda: scene.tick(self.app)))
        if scene.ready is None:
            self._timers.append(self.app.set_timer(scene.seconds / self.speed, self._next_scene))
        else:
            self._wait_ready(scene, READY_WAIT / self.speed)

    def _warm_context(self) -> None:
        """Build the Context tab and train its model while the Forward scenes play (it takes seconds), so
        the Context scene starts on a trained model when the machine is quick enough."""
        if not any(scene.tab == "context" for scene in self.scenes):
            return
        self.app.prebuild("context")
        tab = self.app.tab("context")
        if tab is not None and tab.state == "idle" and tab.trainer is not None and tab.models is None:
            tab.action_train()

    def _wait_ready(self, scene: Scene, left: float) -> None:
        """Start the scene's own time once ``scene.ready`` holds (checked every 0.2 s, at most ``left`` s)."""
        if scene.ready(self.app) or left <= 0:
            self._timers.append(self.app.set_timer(scene.seconds / self.speed, self._next_scene))
        else:
            self._timers.append(self.app.set_timer(0.2, lambda: self._wait_ready(scene, left - 0.2)))
