"""The Gradients tab: the tutorial's section 5 made visible.

Three views of ‖∂o_T/∂x_t‖ (how much the last output reacts to each input):
one cell with a verdict; tanh RNN vs LSTM vs GRU at the same length; and the
exploding preset before and after clipping. Every change of the form
recomputes in a thread worker (NumPy only: the tab never imports torch);
charts still waiting after a moment say "computing…".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, Static, Tabs
from textual.widgets import Tab as ViewTab
from textual.worker import get_current_worker

from core.gradients import ClipView, GradientError, Gradients, GradientSpec, clip_preset, compute
from tui.i18n import t
from tui.tabs.base import Tab
from tui.widgets.gradients.bars import LogBars, auto_span
from tui.widgets.gradients.controls import GradControls
from tui.grad_format import pretty, pretty_value
from tui.widgets.gradients.panel import GradPanel

VIEWS = ("one", "compare", "clip")
COMPARED = ("rnn", "lstm", "gru")
SLOW_AFTER = 0.15  # seconds before a pending chart says "computing…"
VERDICT_STYLE = {"vanishing": "bold $warning", "stable": "bold $success", "exploding": "bold $error"}


@dataclass(frozen=True)
class Results:
    """What one recompute produced (None: not yet)."""

    main: Gradients | None = None
    compare: dict[str, Gradients] | None = None
    clip: ClipView | None = None


class GradientsTab(Tab):
    """Controls on the left; the chosen view on the right."""

    BINDINGS = [
        Binding("left", "step(-1)", "step", show=False),
        Binding("right", "step(1)", "step", show=False),
        Binding("home", "step_to(0)", "first", show=False),
        Binding("end", "step_to(-1)", "last", show=False),
        Binding("v", "next_view", "view", show=False),
        Binding("escape", "leave_field", show=False),
    ]
    DEFAULT_CSS = """
    GradientsTab > Horizontal { height: 1fr; }
    GradientsTab #grad-side { width: 23; height: 1fr; padding: 1 0 0 1; }
    GradientsTab #grad-error { color: $error; text-style: bold; height: auto; display: none; }
    GradientsTab #grad-keys { color: $text-muted; height: auto; margin-top: 1; }
    GradientsTab #grad-views { width: 1fr; height: 1fr; padding: 0 1; }
    GradientsTab ContentSwitcher { height: 1fr; }
    GradientsTab ContentSwitcher > Vertical { height: 1fr; }
    GradientsTab #grad-panel-main { height: 1fr; }
    GradientsTab .grad-line { height: auto; }
    GradientsTab #grad-compare-hint, GradientsTab #grad-clip-rule { color: $text-muted; height: auto; }
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

    def __init__(self) -> None:
        super().__init__()
        self.spec = GradientSpec()
        self.clip = 10.0
        self.selected = 0  # 0-based step lit in every chart
        self.results = Results()
        self.gen = 0  # bumps on every recompute; stale messages are dropped
        self.started = False  # nothing is computed before the tab is first shown
        self.main = GradPanel(id="grad-panel-main")
        self.series = {c: GradPanel(time_axis=c == COMPARED[-1], classes="panel-series") for c in COMPARED}
        clips = ("before", "by_value", "by_norm")
        self.clips = {k: GradPanel(time_axis=k == clips[-1], classes="panel-clip") for k in clips}

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        return [("← →", "gradients.k.step"), ("home end", "gradients.k.ends"), ("v", "gradients.k.view")]

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="grad-side"):
                yield GradControls()
                yield Static(t("gradients.keys"), id="grad-keys")
            with Vertical(id="grad-views"):
                yield Static("", id="grad-error")
                yield Tabs(*(ViewTab(t(f"gradients.view.{v}"), id=f"grad-tab-{v}") for v in VIEWS))
                with ContentSwitcher(initial="grad-view-one"):
                    with Vertical(id="grad-view-one"):
                        yield self.main
                        yield Static("", id="grad-selected", classes="grad-line")
                        yield Static("", id="grad-verdict", classes="grad-line")
                    with Vertical(id="grad-view-compare"):
                        yield from self.series.values()
                        yield Static(t("gradients.compare_hint"), id="grad-compare-hint")
                    with Vertical(id="grad-view-clip"):
                        yield from self.clips.values()
                        yield Static(t("gradients.rule"), id="grad-clip-rule")

    # --- when to compute -------------------------------------------------------

    def on_show(self) -> None:
        if not self.started:
            self.started = True
            self.recompute()

    def _error(self, text: str) -> None:
        """Show (or with "" hide) a one-line message above the charts."""
        line = self.query_one("#grad-error", Static)
        line.update(text)
        line.display = bool(text)

    def on_grad_controls_changed(self, event: GradControls.Changed) -> None:
        self._error("")
        if (event.spec, event.clip) != (self.spec, self.clip):
            self.spec, self.clip = event.spec, event.clip
            if self.started:
                self.recompute()

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

    def _verdict(self, verdict: str) -> str:
        return f"[{VERDICT_STYLE[verdict]}]{t(f'gradients.verdict.{verdict}')}[/]"

    def _draw_main(self, res: Gradients) -> None:
        i = self._sel(res.length)
        key = "gradients.title_scalar" if res.cell == "scalar" else "gradients.title"
        self.main.set_title(t(key, n=res.length))
        self.main.bars.show(res.log10_norms, selected=i)
        self.query_one("#grad-selected", Static).update(
            t("gradients.selected", t=i + 1, n=res.length, value=f"[b]{pretty(res.log10_norms[i])}[/b]"))
        verdict = t("gradients.verdict", ratio=f"[b]{pretty(res.log10_ratio)}[/b]", n=res.length,
                    verdict=self._verdict(res.verdict))
        hint = t(f"gradients.verdict.{res.verdict}_hint")
        self.query_one("#grad-verdict", Static).update(f"{verdict} — {hint}")

    def _draw_compare(self, results: dict[str, Gradients]) -> None:
        span = auto_span(*(r.log10_norms for r in results.values()))
        forget = self.spec.forget_bias
        names = {
            "rnn": t("gradients.rnn_name", scale=f"{self.spec.scale:g}"),
            "lstm": t("gradients.lstm_name", forget=t("gradients.forget_default") if forget is None else f"{forget:g}"),
            "gru": t("gradients.gru_name"),
        }
        for cell, res in results.items():
            i = self._sel(res.length)
            panel = self.series[cell]
            panel.set_title(t("gradients.series", name=names[cell], ratio=pretty(res.log10_ratio),
                              verdict=self._verdict(res.verdict), t=i + 1, value=pretty(res.log10_norms[i])))
            panel.bars.show(res.log10_norms, selected=i, span=span)

    def _draw_clip(self, view: ClipView) -> None:
        i = self._sel(len(view.before))
        c = pretty_value(view.c)
        rows = {
            "before": (view.before, t("gradients.before", norm=pretty_value(view.norm_before), t=i + 1,
                                      value=pretty_value(view.before[i]))),
            "by_value": (view.by_value, t("gradients.by_value", c=c, norm=pretty_value(view.norm_by_value), t=i + 1,
                                          value=pretty_value(view.by_value[i]))),
            "by_norm": (view.by_norm, t("gradients.by_norm", c=c, norm=pretty_value(view.norm_by_norm), t=i + 1,
                                        value=pretty_value(view.by_norm[i]))),
        }
        logs = {k: _log10_abs(g) for k, (g, _) in rows.items()}
        span = auto_span(*logs.values())
        for key, (_, title) in rows.items():
            self.clips[key].set_title(title)
            self.clips[key].bars.show(logs[key], selected=i, span=span)

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


def _log10_abs(values: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log10(np.abs(values))
