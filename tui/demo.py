"""Demo mode: the app plays itself for a class (``rnn-tui --demo``).

A loop of scenes: the Forward tab steps through 我爱中国 in scalar mode, then in
vector mode, then the compare view; the Train tab trains the tutorial's model
at watching pace; the Gradients tab shows vanishing vs LSTM/GRU, then
clipping. A caption says what is on show. Any key stops the demo and hands
the controls to the user. Scenes only call the tabs' own actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.timer import Timer

from tui.i18n import t


@dataclass(frozen=True)
class Scene:
    """One stretch of the demo.

    Attributes:
        tab: the pane id to show.
        caption: i18n key of the caption line.
        seconds: how long it lasts at demo speed 1.
        enter: sets the tab up, given the app.
        tick: called every ``every`` seconds while the scene lasts (None: nothing).
    """

    tab: str
    caption: str
    seconds: float
    enter: Callable
    tick: Callable | None = None
    every: float = 1.0


def _forward(app):
    return app.query_one("#forward").query_one("ForwardTab")


def _forward_mode(app, mode: str, compare: bool) -> None:
    tab = _forward(app)
    if tab.compare != compare:
        tab.action_compare()
    if not compare and tab.mode != mode:
        tab.action_toggle_mode()
    tab.action_start()


def _next_step(app) -> None:
    """One step on; at the end, hold the last step on screen."""
    tab = _forward(app)
    if tab.run is not None and tab.step < tab.run.n:
        tab.action_next()


def _train(app) -> None:
    tab = app.query_one("#train").query_one("TrainTab")
    tab.action_reset()
    tab.start()


def _gradients_view(view: str):
    def enter(app) -> None:
        from textual.widgets import Tabs

        app.query_one("#gradients").query_one(Tabs).active = f"grad-tab-{view}"

    return enter


SCENES = (
    Scene("forward", "demo.scalar", 8, lambda app: _forward_mode(app, "scalar", False), _next_step, 1.5),
    Scene("forward", "demo.vector", 8, lambda app: _forward_mode(app, "vector", False), _next_step, 1.5),
    Scene("forward", "demo.compare", 10, lambda app: _forward_mode(app, "vector", True), _next_step, 1.5),
    Scene("train", "demo.train", 12, _train),
    Scene("gradients", "demo.gated", 8, _gradients_view("compare")),
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
        self._timers: list[Timer] = []

    def start(self) -> None:
        self.running = True
        self._next_scene()

    def stop(self) -> None:
        """Stop for good: the user has the controls."""
        self.running = False
        self._cancel()
        self.app.show_caption(t("demo.stopped"))

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
        if self.app.tab(scene.tab) is None:  # Train, Gradients, Concepts mount just after the first frame
            self.index -= 1
            self._timers.append(self.app.set_timer(0.05, self._next_scene))
            return
        self.app.action_show_tab(scene.tab)
        self.app.show_caption(f"{t(scene.caption)}  ·  {t('demo.hint')}")
        self.shown.append(scene.caption)
        scene.enter(self.app)
        if scene.tick is not None:
            self._timers.append(self.app.set_interval(scene.every / self.speed, lambda: scene.tick(self.app)))
        self._timers.append(self.app.set_timer(scene.seconds / self.speed, self._next_scene))
