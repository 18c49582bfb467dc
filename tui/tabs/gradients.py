"""The Gradients tab: the tutorial's section 5 made visible.

Four views of ‖∂o_T/∂x_t‖ (how much the last output reacts to each input):
one cell with a verdict; tanh RNN vs LSTM vs GRU at the same length and init;
the three trained on a recall task (core.gradients.memory, trained in a worker
through core.runner the first time the view is shown); and the exploding
preset before and after clipping. Every change of the form
recomputes in a thread worker (NumPy only: the tab never imports torch);
charts still waiting after a moment say "computing…".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Static, Tabs
from textual.widgets import Tab as ViewTab
from textual.worker import get_current_worker

from core.gradients import CLIP_DEFAULT, ClipView, GradientError, Gradients, GradientSpec, clip_preset, compute
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.panes import GRADIENT_VIEWS
from tui.runs import Runs
from tui.tabs.base import Tab
from tui.widgets.gradients.bars import LogBars
from tui.widgets.gradients.controls import GradControls
from tui.widgets.gradients.views import COMPARED, CellsView, ClipPresetView, OneView, TrainedView

SLOW_AFTER = 0.15  # seconds before a pending chart says "computing…"


@dataclass(frozen=True)
class Results:
    """What one recompute produced (None: not yet)."""

    main: Gradients | None = None
    compare: dict[str, Gradients] | None = None
    clip: ClipView | None = None


@dataclass(eq=False)
class Computed(Message, namespace="gradients"):
    """A piece of a recompute is ready: kind is 'main', 'compare' or 'clip'."""

    run: int
    kind: str
    payload: object


@dataclass(eq=False)
class Failed(Message, namespace="gradients"):
    run: int
    error: str


def compute_all(post, run: int, spec: GradientSpec, clip: float) -> None:
    """(worker thread) The main cell first, then the clipping preset, then the comparison of the three cells."""
    worker = get_current_worker()
    try:
        main = compute(spec)
        if worker.is_cancelled:
            return
        post(Computed(run, "main", main))
        post(Computed(run, "clip", clip_preset(clip)[1]))
        compared = {}
        for cell in COMPARED:
            if worker.is_cancelled:
                return
            compared[cell] = main if cell == spec.cell else compute(replace(spec, cell=cell))
        post(Computed(run, "compare", compared))
    except GradientError as exc:
        post(Failed(run, str(exc)))


class GradientsTab(Tab):
    """Controls on the left; the chosen view on the right."""

    KEYS = (
        key("← →", "gradients.k.step", Bind("left", "step(-1)", "key.label.step"), Bind("right", "step(1)", "key.label.step")),
        key("home end", "gradients.k.ends", Bind("home", "step_to(0)", "key.label.first"),
            Bind("end", "step_to(-1)", "key.label.last")),
        key("v", "gradients.k.view", Bind("v", "next_view", "key.label.view")),
        key("escape", "gradients.k.escape", Bind("escape", "leave_field", "key.label.Leave field")),
    )
    BINDINGS = bindings(KEYS)
    DEFAULT_CSS = """
    GradientsTab > Horizontal { height: 1fr; }
    GradientsTab #grad-side { width: 23; height: 1fr; padding: 1 0 0 1; }
    GradientsTab #grad-error { color: $error; text-style: bold; height: auto; display: none; }
    GradientsTab #grad-keys { color: $text-muted; height: auto; margin-top: 1; }
    GradientsTab #grad-views { width: 1fr; height: 1fr; padding: 0 1; }
    GradientsTab ContentSwitcher { height: 1fr; }
    GradientsTab ContentSwitcher > VerticalScroll { height: 1fr; scrollbar-size-vertical: 1; }
    GradientsTab #grad-panel-main { height: 1fr; }
    GradientsTab .grad-line { height: auto; }
    GradientsTab #grad-compare-hint, GradientsTab #grad-clip-rule, GradientsTab #grad-trained-why { color: $text-muted; height: auto; }
    """

    selected = reactive(0, init=False)  # 0-based step lit in every chart

    def __init__(self) -> None:
        super().__init__()
        self.spec = GradientSpec()
        self.clip = CLIP_DEFAULT
        self.results = Results()
        self.runs = Runs()  # every recompute is a run; stale results are dropped
        self.one, self.compare = OneView(id="grad-view-one"), CellsView(id="grad-view-compare")
        self.trained_view, self.clip_view = TrainedView(id="grad-view-trained"), ClipPresetView(id="grad-view-clip")
        self.main, self.series = self.one.panel, self.compare.panels
        self.trained, self.clips = self.trained_view.panels, self.clip_view.panels

    @property
    def gen(self) -> int:
        return self.runs.current

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="grad-side"):
                yield GradControls()
                yield Static(t("gradients.keys"), id="grad-keys")
            with Vertical(id="grad-views"):
                yield Static("", id="grad-error")
                yield Tabs(*(ViewTab(t(f"gradients.view.{v}"), id=f"grad-tab-{v}") for v in GRADIENT_VIEWS))
                with ContentSwitcher(initial="grad-view-one"):  # a view too tall for the terminal scrolls, never crops
                    yield from (self.one, self.compare, self.trained_view, self.clip_view)

    # --- when to compute -------------------------------------------------------

    def on_first_show(self) -> None:
        self.recompute()  # nothing is computed before the tab is first shown
        # The views' underline is placed once, after a refresh; on a busy machine that can come before its tabs
        # have a width, and it stays at nothing. Placing it again once the tab is laid out puts it right.
        tabs = self.query_one(Tabs)
        self.call_after_refresh(lambda: tabs.active and tabs.show(tabs.active))

    def _error(self, text: str) -> None:
        """Show (or with "" hide) a one-line message above the charts."""
        line = self.query_one("#grad-error", Static)
        line.update(text)
        line.display = bool(text)

    def on_grad_controls_changed(self, event: GradControls.Changed) -> None:
        self._error("")
        if (event.spec, event.clip) != (self.spec, self.clip):
            self.spec, self.clip = event.spec, event.clip
            if self.shown:
                self.recompute()
                self._maybe_train()

    def on_grad_controls_invalid(self, event: GradControls.Invalid) -> None:
        self._error(event.error)

    def recompute(self) -> None:
        """Start computing the current spec; charts keep the old bars until the new ones arrive."""
        run = self.runs.start()
        self.results = Results()
        self.set_timer(SLOW_AFTER, lambda: self._say_computing(run))
        self.run_worker(partial(compute_all, self.post_message, run, self.spec, self.clip), thread=True,
                        exclusive=True, group="gradients")

    def _say_computing(self, run: int) -> None:
        if self.runs.stale(run):
            return
        waiting = {"main": [self.main], "compare": self.series.values(), "clip": self.clips.values()}
        for part, panels in waiting.items():
            if getattr(self.results, part) is None:
                for panel in panels:
                    panel.bars.show_note(t("gradients.computing"))

    def _maybe_train(self) -> None:
        """Train the recall task if the trained view is shown (again only when its task changed)."""
        if self.query_one(ContentSwitcher).current == "grad-view-trained":
            self.trained_view.ensure(self.spec)

    def on_gradients_computed(self, event: Computed) -> None:
        if self.runs.stale(event.run):
            return
        self.results = replace(self.results, **{event.kind: event.payload})
        self.set_reactive(GradientsTab.selected, min(self.selected, self.spec.length - 1))
        self.redraw()

    def on_gradients_failed(self, event: Failed) -> None:
        if not self.runs.stale(event.run):
            self._error(t("gradients.failed", error=event.error))

    # --- drawing ------------------------------------------------------------------

    def watch_selected(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        results, i = self.results, self.selected
        if results.main is not None:
            self.one.show(results.main, self.spec, i)
        if results.compare is not None:
            self.compare.show(results.compare, self.spec, i)
        if results.clip is not None:
            self.clip_view.show(results.clip, i)
        self.trained_view.show(self.spec, i)

    # --- keys and mouse -------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self._select(self.selected + delta)

    def action_step_to(self, index: int) -> None:
        self._select(index if index >= 0 else self.spec.length - 1)

    def _select(self, index: int) -> None:
        length = self.results.main.length if self.results.main else self.spec.length
        visible = self.query_one(ContentSwitcher).current
        if visible == "grad-view-clip" and self.results.clip is not None:
            length = len(self.results.clip.before)
        if visible == "grad-view-trained" and self.trained_view.memory_task is not None:
            length = self.trained_view.memory_task.length
        self.selected = max(0, min(index, length - 1))

    def on_log_bars_selected(self, event: LogBars.Selected) -> None:
        self._select(event.index)

    @property
    def view(self) -> str:
        """The view on show: one of GRADIENT_VIEWS."""
        return (self.query_one(ContentSwitcher).current or "grad-view-one").removeprefix("grad-view-")

    def show_view(self, view: str) -> None:
        self.query_one(Tabs).active = f"grad-tab-{view}"

    def action_next_view(self) -> None:
        self.show_view(GRADIENT_VIEWS[(GRADIENT_VIEWS.index(self.view) + 1) % len(GRADIENT_VIEWS)])

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id:
            self.query_one(ContentSwitcher).current = "grad-view-" + event.tab.id.removeprefix("grad-tab-")
            self._maybe_train()
