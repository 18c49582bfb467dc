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

import math
from dataclasses import dataclass, replace

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ContentSwitcher, Static, Tabs
from textual.widgets import Tab as ViewTab
from textual.worker import get_current_worker

from core.gradients import CLIP_DEFAULT, CLIP_PRESET, ClipView, GradientError, Gradients, GradientSpec, clip_preset, compute
from core.gradients.memory import MemoryResult, MemoryStep, MemoryTask, train_memory
from core.runner import batches, fast_switch
from tui.grad_format import pretty, pretty_value
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.tabs.base import Tab
from tui.widgets.gradients.bars import LogBars, StepAxis, auto_span
from tui.widgets.gradients.controls import GradControls
from tui.widgets.gradients.panel import GradPanel
from tui.widgets.gradients.signed_bars import SignedLogBars
from tui.widgets.notation import num

VIEWS = ("one", "compare", "trained", "clip")
COMPARED = ("rnn", "lstm", "gru")
SLOW_AFTER = 0.15  # seconds before a pending chart says "computing…"
VERDICT_STYLE = {"vanishing": "bold $warning", "fading": "bold $warning", "stable": "bold $success",
                 "growing": "bold $error", "exploding": "bold $error"}


@dataclass(frozen=True)
class Results:
    """What one recompute produced (None: not yet)."""

    main: Gradients | None = None
    compare: dict[str, Gradients] | None = None
    clip: ClipView | None = None


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

    class Computed(Message):
        """A piece of a recompute is ready: kind is 'main', 'compare' or 'clip'."""

        def __init__(self, gen: int, kind: str, payload):
            super().__init__()
            self.gen = gen
            self.kind = kind
            self.payload = payload

    class Failed(Message):
        def __init__(self, gen: int, error: str):
            super().__init__()
            self.gen = gen
            self.error = error

    class Trained(Message):
        """Records of the recall training (MemoryStep, MemoryResult) of ``task``."""

        def __init__(self, task: MemoryTask, records: tuple):
            super().__init__()
            self.task = task
            self.records = records

    def __init__(self) -> None:
        super().__init__()
        self.spec = GradientSpec()
        self.clip = CLIP_DEFAULT
        self.selected = 0  # 0-based step lit in every chart
        self.results = Results()
        self.gen = 0  # bumps on every recompute; stale messages are dropped
        self.main = GradPanel(id="grad-panel-main")
        # stacked charts of the same T share one line of step numbers under the stack (a row more for the bars)
        self.series = {c: GradPanel(classes="panel-series", time_axis=False) for c in COMPARED}
        self.trained = {c: GradPanel(classes="panel-series", time_axis=False) for c in COMPARED}
        self.memory: dict[str, MemoryResult] = {}  # trained cells of ``memory_task``
        self.memory_task: MemoryTask | None = None  # what was last trained (None: nothing yet)
        self.progress: MemoryStep | None = None  # the latest training step of the cell in training
        self.clips = {k: GradPanel(classes="panel-clip", bars=SignedLogBars) for k in ("before", "by_value")}
        for group in (self.series, self.trained, self.clips):  # compared charts share a scale, so they share a size
            for panel in group.values():
                panel.bars.peers = tuple(p.bars for p in group.values() if p is not panel)

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="grad-side"):
                yield GradControls()
                yield Static(t("gradients.keys"), id="grad-keys")
            with Vertical(id="grad-views"):
                yield Static("", id="grad-error")
                yield Tabs(*(ViewTab(t(f"gradients.view.{v}"), id=f"grad-tab-{v}") for v in VIEWS))
                with ContentSwitcher(initial="grad-view-one"):  # a view too tall for the terminal scrolls, never crops
                    with VerticalScroll(id="grad-view-one"):
                        yield self.main
                        yield Static("", id="grad-selected", classes="grad-line")
                        yield Static("", id="grad-verdict", classes="grad-line")
                    with VerticalScroll(id="grad-view-compare"):
                        yield from self.series.values()
                        yield StepAxis(self.series[COMPARED[-1]].bars)
                        yield Static("", id="grad-compare-hint")
                    with VerticalScroll(id="grad-view-trained"):
                        yield Static("", id="grad-trained-task", classes="grad-line")
                        yield from self.trained.values()
                        yield StepAxis(self.trained[COMPARED[-1]].bars)
                        yield Static("", id="grad-trained-why", classes="grad-line")
                    with VerticalScroll(id="grad-view-clip"):
                        yield from self.clips.values()
                        yield Static("", id="grad-clip-norm", classes="grad-line")
                        yield Static(t("gradients.rule"), id="grad-clip-rule")

    # --- when to compute -------------------------------------------------------

    def on_first_show(self) -> None:
        self.recompute()  # nothing is computed before the tab is first shown

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
        self.gen += 1
        self.results = Results()
        self.set_timer(SLOW_AFTER, lambda gen=self.gen: self._say_computing(gen))
        self._compute(self.gen, self.spec, self.clip)

    def _say_computing(self, gen: int) -> None:
        if gen != self.gen:
            return
        note = t("gradients.computing")
        if self.results.main is None:
            self.main.bars.show_note(note)
        if self.results.compare is None:
            for panel in self.series.values():
                panel.bars.show_note(note)
        if self.results.clip is None:
            for panel in self.clips.values():
                panel.bars.show_note(note)

    @work(thread=True, exclusive=True, group="gradients")
    def _compute(self, gen: int, spec: GradientSpec, clip: float) -> None:
        """Main cell first, then the clipping preset, then the comparison of the three cells."""
        worker = get_current_worker()
        try:
            main = compute(spec)
            if worker.is_cancelled:
                return
            self.post_message(self.Computed(gen, "main", main))
            _, view = clip_preset(clip)
            self.post_message(self.Computed(gen, "clip", view))
            compared = {}
            for cell in COMPARED:
                if worker.is_cancelled:
                    return
                compared[cell] = main if cell == spec.cell else compute(replace(spec, cell=cell))
            self.post_message(self.Computed(gen, "compare", compared))
        except GradientError as exc:
            self.post_message(self.Failed(gen, str(exc)))

    # --- the trained comparison ------------------------------------------------------

    def _maybe_train(self) -> None:
        """Train the recall task if the trained view is shown and its task changed (seed, gate bias)."""
        if self.query_one(ContentSwitcher).current != "grad-view-trained":
            return
        task = MemoryTask(gate_bias=self.spec.gate_bias, seed=self.spec.seed)
        if task == self.memory_task:
            return
        self.memory_task, self.memory, self.progress = task, {}, None
        self._draw_trained()
        self._train(task)

    @work(thread=True, exclusive=True, group="memory")
    def _train(self, task: MemoryTask) -> None:
        worker = get_current_worker()
        with fast_switch():
            for batch in batches(train_memory(task), cancelled=lambda: worker.is_cancelled):
                self.post_message(self.Trained(task, batch.records))

    def on_gradients_tab_trained(self, event: Trained) -> None:
        if event.task != self.memory_task:
            return
        for rec in event.records:
            if isinstance(rec, MemoryResult):
                self.memory[rec.cell] = rec
            else:
                self.progress = rec
        self._draw_trained()

    def _draw_trained(self) -> None:
        task = self.memory_task
        if task is None:
            return
        self.query_one("#grad-trained-task", Static).update(t(
            "gradients.trained_task", n=task.length, target=task.target, delay=task.delay, hidden=task.hidden,
            steps=task.steps, lr=f"{task.lr:g}", batch=task.batch))
        names = self._names()
        done = [r.gradients.log10_norms for r in self.memory.values()]
        span = auto_span(*done) if done else None
        for cell, panel in self.trained.items():
            res = self.memory.get(cell)
            if res is None:
                p = self.progress
                note = (t("gradients.trained_training", name=names[cell], step=p.step, steps=task.steps, loss=f"{p.loss:.3f}")
                        if p is not None and p.cell == cell else t("gradients.trained_waiting"))
                panel.set_title(names[cell])
                panel.bars.show_note(note)
                continue
            g = res.gradients
            panel.set_title(t("gradients.trained_series", name=names[cell], error=f"{res.error:.2f}", target=task.target,
                              value=pretty(g.log10_norms[task.target - 1])))
            panel.bars.show(g.log10_norms, selected=min(self.selected, g.length - 1), span=span)
        self.query_one("#grad-trained-why", Static).update(self._why(task))

    def _why(self, task: MemoryTask) -> str:
        """The one sentence the results back: gated cells remembered and the tanh RNN did not, or a plain 'mixed'."""
        if len(self.memory) < len(COMPARED):
            return ""
        learnt = {cell: res.error < 0.5 for cell, res in self.memory.items()}
        if learnt == {"rnn": False, "lstm": True, "gru": True}:
            return t("gradients.trained_why", delay=task.delay, target=task.target)
        return t("gradients.trained_mixed")

    def on_gradients_tab_computed(self, event: Computed) -> None:
        if event.gen != self.gen:
            return
        self.results = replace(self.results, **{event.kind: event.payload})
        self.selected = min(self.selected, self.spec.length - 1)
        self.redraw()

    def on_gradients_tab_failed(self, event: Failed) -> None:
        if event.gen == self.gen:
            self._error(t("gradients.failed", error=event.error))

    # --- drawing ------------------------------------------------------------------

    def redraw(self) -> None:
        if self.results.main is not None:
            self._draw_main(self.results.main)
        if self.results.compare is not None:
            self._draw_compare(self.results.compare)
        if self.results.clip is not None:
            self._draw_clip(self.results.clip)
        self._draw_trained()

    def _verdict(self, verdict: str) -> str:
        return f"[{VERDICT_STYLE[verdict]}]{t(f'gradients.verdict.{verdict}')}[/]"

    def _draw_main(self, res: Gradients) -> None:
        i = self._sel(res.length)
        key = "gradients.title_scalar" if res.cell == "scalar" else "gradients.title"
        self.main.set_title(t(key, n=res.length, u=num(self.spec.u), v=num(self.spec.v)))
        self.main.bars.show(res.log10_norms, selected=i)
        self.query_one("#grad-selected", Static).update(
            t("gradients.selected", t=i + 1, n=res.length, value=f"[b]{pretty(res.log10_norms[i])}[/b]"))
        total = res.log10_per_step * (res.length - 1)
        verdict = t("gradients.verdict", per=f"[b]{pretty(res.log10_per_step)}[/b]", total=f"[b]{pretty(total)}[/b]",
                    n=res.length, verdict=self._verdict(res.verdict))
        hint = t(f"gradients.verdict.{res.verdict}_hint")
        self.query_one("#grad-verdict", Static).update(f"{verdict} — {hint}")

    def _draw_compare(self, results: dict[str, Gradients]) -> None:
        span = auto_span(*(r.log10_norms for r in results.values()))
        names = self._names()
        for cell, res in results.items():
            i = self._sel(res.length)
            panel = self.series[cell]
            panel.set_title(t("gradients.series", name=names[cell], per=pretty(res.log10_per_step),
                              verdict=self._verdict(res.verdict), t=i + 1, value=pretty(res.log10_norms[i])))
            panel.bars.show(res.log10_norms, selected=i, span=span)
        b = self.spec.gate_bias
        self.query_one("#grad-compare-hint", Static).update(t(
            "gradients.compare_hint", scale=f"{self.spec.scale:g}", b=self._bias(),
            open=f"{1 / (1 + math.exp(-b)):.2f}" if b is not None else "≈0.5"))

    def _bias(self) -> str:
        b = self.spec.gate_bias
        return t("gradients.gate.none") if b is None else f"{b:g}"

    def _names(self) -> dict[str, str]:
        return {"rnn": t("gradients.rnn_name"), "lstm": t("gradients.lstm_name", b=self._bias()),
                "gru": t("gradients.gru_name", b=self._bias())}

    def _draw_clip(self, view: ClipView) -> None:
        i = self._sel(len(view.before))
        c = pretty_value(view.c)
        rows = {
            "before": (view.before, t("gradients.before", w=pretty_value(CLIP_PRESET.w), n=CLIP_PRESET.length,
                                      norm=pretty_value(view.norm_before), t=i + 1, value=pretty_value(view.before[i]))),
            "by_value": (view.by_value, t("gradients.by_value", c=c, norm=pretty_value(view.norm_by_value), t=i + 1,
                                          value=pretty_value(view.by_value[i]))),
        }
        logs = {k: _log10_abs(g) for k, (g, _) in rows.items()}
        span = auto_span(*logs.values())
        for name, (g, title) in rows.items():
            self.clips[name].set_title(title)
            self.clips[name].bars.show(logs[name], selected=i, span=span, signs=np.sign(g), mark=math.log10(view.c))
        coef = view.norm_by_norm / view.norm_before if view.norm_before else 1.0
        self.query_one("#grad-clip-norm", Static).update(t(
            "gradients.by_norm", c=c, coef=pretty_value(coef), before=pretty_value(view.norm_before),
            after=pretty_value(view.norm_by_norm), t=i + 1, value=pretty_value(view.by_norm[i])))

    def _sel(self, length: int) -> int:
        return min(self.selected, length - 1)

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
        if visible == "grad-view-trained" and self.memory_task is not None:
            length = self.memory_task.length
        self.selected = max(0, min(index, length - 1))
        self.redraw()

    def on_log_bars_selected(self, event: LogBars.Selected) -> None:
        self._select(event.index)

    def action_next_view(self) -> None:
        tabs = self.query_one(Tabs)
        current = (tabs.active or "grad-tab-one").removeprefix("grad-tab-")
        tabs.active = f"grad-tab-{VIEWS[(VIEWS.index(current) + 1) % len(VIEWS)]}"

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab.id:
            self.query_one(ContentSwitcher).current = "grad-view-" + event.tab.id.removeprefix("grad-tab-")
            self._maybe_train()


def _log10_abs(values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log10(np.abs(values))
