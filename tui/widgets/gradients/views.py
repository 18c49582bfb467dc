"""The Gradients tab's four views, each a scrolling column that draws itself from what it is shown:
one cell with its verdict, tanh RNN vs LSTM vs GRU, the three trained on a recall task (it trains them
itself, in a worker, the first time it is asked), and the exploding preset before and after clipping."""

from __future__ import annotations

import math

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from core.gradients import CLIP_PRESET, ClipView, Gradients, GradientSpec
from core.gradients.memory import MemoryResult, MemoryStep, MemoryTask, train_memory
from core.runner import batches, fast_switch
from tui.grad_format import pretty, pretty_value
from tui.i18n import t
from tui.widgets.gradients.bars import StepAxis, auto_span
from tui.widgets.gradients.panel import GradPanel
from tui.widgets.gradients.signed_bars import SignedLogBars
from tui.widgets.notation import num

COMPARED = ("rnn", "lstm", "gru")
VERDICT_STYLE = {"vanishing": "bold $warning", "fading": "bold $warning", "stable": "bold $success",
                 "growing": "bold $error", "exploding": "bold $error"}


def verdict_text(verdict: str) -> str:
    return f"[{VERDICT_STYLE[verdict]}]{t(f'gradients.verdict.{verdict}')}[/]"


def bias_text(spec: GradientSpec) -> str:
    return t("gradients.gate.none") if spec.gate_bias is None else f"{spec.gate_bias:g}"


def cell_names(spec: GradientSpec) -> dict[str, str]:
    b = bias_text(spec)
    return {"rnn": t("gradients.rnn_name"), "lstm": t("gradients.lstm_name", b=b), "gru": t("gradients.gru_name", b=b)}


def _shared(panels: dict[str, GradPanel]) -> None:
    """Compared charts share a scale, so they share a size."""
    for panel in panels.values():
        panel.bars.peers = tuple(p.bars for p in panels.values() if p is not panel)


class OneView(VerticalScroll):
    """One cell's bars, the lit step's value and the verdict."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.panel = GradPanel(id="grad-panel-main")

    def compose(self) -> ComposeResult:
        yield self.panel
        yield Static("", id="grad-selected", classes="grad-line")
        yield Static("", id="grad-verdict", classes="grad-line")

    def show(self, res: Gradients, spec: GradientSpec, selected: int) -> None:
        i = min(selected, res.length - 1)
        key = "gradients.title_scalar" if res.cell == "scalar" else "gradients.title"
        self.panel.set_title(t(key, n=res.length, u=num(spec.u), v=num(spec.v)))
        self.panel.bars.show(res.log10_norms, selected=i)
        self.query_one("#grad-selected", Static).update(
            t("gradients.selected", t=i + 1, n=res.length, value=f"[b]{pretty(res.log10_norms[i])}[/b]"))
        total = res.log10_per_step * (res.length - 1)
        verdict = t("gradients.verdict", per=f"[b]{pretty(res.log10_per_step)}[/b]", total=f"[b]{pretty(total)}[/b]",
                    n=res.length, verdict=verdict_text(res.verdict))
        self.query_one("#grad-verdict", Static).update(f"{verdict} — {t(f'gradients.verdict.{res.verdict}_hint')}")


class CellsView(VerticalScroll):
    """tanh RNN, LSTM and GRU at the same length and start, on one scale."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # stacked charts of the same T share one line of step numbers under the stack (a row more for the bars)
        self.panels = {c: GradPanel(classes="panel-series", time_axis=False) for c in COMPARED}
        _shared(self.panels)

    def compose(self) -> ComposeResult:
        yield from self.panels.values()
        yield StepAxis(self.panels[COMPARED[-1]].bars)
        yield Static("", id="grad-compare-hint")

    def show(self, results: dict[str, Gradients], spec: GradientSpec, selected: int) -> None:
        span = auto_span(*(r.log10_norms for r in results.values()))
        names = cell_names(spec)
        for cell, res in results.items():
            i = min(selected, res.length - 1)
            self.panels[cell].set_title(t("gradients.series", name=names[cell], per=pretty(res.log10_per_step),
                                          verdict=verdict_text(res.verdict), t=i + 1, value=pretty(res.log10_norms[i])))
            self.panels[cell].bars.show(res.log10_norms, selected=i, span=span)
        b = spec.gate_bias
        self.query_one("#grad-compare-hint", Static).update(t(
            "gradients.compare_hint", scale=f"{spec.scale:g}", b=bias_text(spec),
            open=f"{1 / (1 + math.exp(-b)):.2f}" if b is not None else "≈0.5"))


class ClipPresetView(VerticalScroll):
    """The exploding preset's gradient before clipping and clipped by value (signed bars), and by norm."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.panels = {k: GradPanel(classes="panel-clip", bars=SignedLogBars) for k in ("before", "by_value")}
        _shared(self.panels)

    def compose(self) -> ComposeResult:
        yield from self.panels.values()
        yield Static("", id="grad-clip-norm", classes="grad-line")
        yield Static(t("gradients.rule"), id="grad-clip-rule")

    def show(self, view: ClipView, selected: int) -> None:
        i = min(selected, len(view.before) - 1)
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
            self.panels[name].set_title(title)
            self.panels[name].bars.show(logs[name], selected=i, span=span, signs=np.sign(g), mark=math.log10(view.c))
        coef = view.norm_by_norm / view.norm_before if view.norm_before else 1.0
        self.query_one("#grad-clip-norm", Static).update(t(
            "gradients.by_norm", c=c, coef=pretty_value(coef), before=pretty_value(view.norm_before),
            after=pretty_value(view.norm_by_norm), t=i + 1, value=pretty_value(view.by_norm[i])))


class TrainedView(VerticalScroll):
    """The three cells trained on a recall task (core.gradients.memory), trained here in a worker."""

    class Trained(Message):
        """Records of the recall training (MemoryStep, MemoryResult) of ``task``."""

        def __init__(self, task: MemoryTask, records: tuple):
            super().__init__()
            self.task, self.records = task, records

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.panels = {c: GradPanel(classes="panel-series", time_axis=False) for c in COMPARED}
        _shared(self.panels)
        self.memory_task: MemoryTask | None = None  # what was last trained (None: nothing yet)
        self.results: dict[str, MemoryResult] = {}  # trained cells of ``task``
        self.progress: MemoryStep | None = None  # the latest training step of the cell in training
        self.spec, self.selected = GradientSpec(), 0

    def compose(self) -> ComposeResult:
        yield Static("", id="grad-trained-task", classes="grad-line")
        yield from self.panels.values()
        yield StepAxis(self.panels[COMPARED[-1]].bars)
        yield Static("", id="grad-trained-why", classes="grad-line")

    def ensure(self, spec: GradientSpec) -> None:
        """Train the recall task for ``spec``'s seed and gate bias, unless that is what was trained."""
        task = MemoryTask(gate_bias=spec.gate_bias, seed=spec.seed)
        if task != self.memory_task:
            self.memory_task, self.results, self.progress = task, {}, None
            self.show(spec, self.selected)
            self._train(task)

    @work(thread=True, exclusive=True, group="memory")
    def _train(self, task: MemoryTask) -> None:
        worker = get_current_worker()
        with fast_switch():
            for batch in batches(train_memory(task), cancelled=lambda: worker.is_cancelled):
                self.post_message(self.Trained(task, batch.records))

    def on_trained_view_trained(self, event: Trained) -> None:
        if event.task != self.memory_task:
            return
        for rec in event.records:
            if isinstance(rec, MemoryResult):
                self.results[rec.cell] = rec
            else:
                self.progress = rec
        self.show(self.spec, self.selected)

    def show(self, spec: GradientSpec, selected: int) -> None:
        self.spec, self.selected = spec, selected
        task = self.memory_task
        if task is None:
            return
        self.query_one("#grad-trained-task", Static).update(t(
            "gradients.trained_task", n=task.length, target=task.target, delay=task.delay, hidden=task.hidden,
            steps=task.steps, lr=f"{task.lr:g}", batch=task.batch))
        names = cell_names(spec)
        done = [r.gradients.log10_norms for r in self.results.values()]
        span = auto_span(*done) if done else None
        for cell, panel in self.panels.items():
            res = self.results.get(cell)
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
            panel.bars.show(g.log10_norms, selected=min(selected, g.length - 1), span=span)
        self.query_one("#grad-trained-why", Static).update(self._why(task))

    def _why(self, task: MemoryTask) -> str:
        """The one sentence the results back: gated cells remembered and the tanh RNN did not, or a plain 'mixed'."""
        if len(self.results) < len(COMPARED):
            return ""
        learnt = {cell: res.error < 0.5 for cell, res in self.results.items()}
        if learnt == {"rnn": False, "lstm": True, "gru": True}:
            return t("gradients.trained_why", delay=task.delay, target=task.target)
        return t("gradients.trained_mixed")


def _log10_abs(values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log10(np.abs(values))
