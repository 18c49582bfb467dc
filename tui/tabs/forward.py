"""The Forward tab: watch the RNN read a sentence, one token per time step.

Type a sentence; see its tokens and ids, the unrolled network with the current
step lit, the step's equation with its numbers, prevS and o as they change,
and the history so far. ``right``/``left``/``home`` (or n/p/r) move through the
steps, ``space`` plays, ``+``/``-`` change the pace, ``c`` compares two
sentences side by side. All numbers come from core (the UI does no math).

"prevS" follows the tutorial's variable: after step t it holds s_t (so after
three steps on 我爱中国 it is 7). Before the first step it is s_0.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Button

from core.forward.steps import build_scalar
from core.forward.vector_params import ACTIVATION_NAMES
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.player import Player
from tui.tabs.base import SteppingTab
from tui.widgets.forward.compare_view import CompareView
from tui.widgets.forward.controls import SCALAR_FIELDS, ForwardControls
from tui.widgets.forward.history import HistoryTable
from tui.widgets.forward.inputs import COMPARE_DEFAULTS, ForwardInput
from tui.widgets.forward.step_panels import StepPanels
from tui.widgets.forward.token_chips import TokenChips
from tui.widgets.forward.unrolled import UnrolledDiagram
from tui.widgets.notation import num

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)  # steps per second
DEFAULT_SPEED = 2


class ForwardTab(SteppingTab):
    """The Forward tab.

    Args:
        sentence: the sentence to run (default 我爱中国).
        tokens: 'word' (segmented) or 'char'.
        mode: 'scalar' (the tutorial's walk-through) or 'vector'.
    """

    KEYS = (
        key("→ / n", "forward.k.next", Bind("right,n", "step(1)", "key.label.Next", footer=True)),
        key("← / p", "forward.k.prev", Bind("left,p", "step(-1)", "key.label.Prev", footer=True)),
        # home/end in ? help only: at 80 columns the footer keeps q Quit
        key("home / r", "forward.k.start", Bind("home,r", "step_to(0)", "key.label.Start")),
        key("end", "forward.k.end", Bind("end", "step_to(-1)", "key.label.Last")),
        key("[ / ]", "forward.k.unit", Bind("right_square_bracket", "unit(1)", "key.label.Next unit"),
            Bind("left_square_bracket", "unit(-1)", "key.label.Previous unit")),
        key("+ / -", "forward.k.speed", Bind("plus,equals_sign", "pace(1)", "key.label.Faster"),
            Bind("minus", "pace(-1)", "key.label.Slower")),
        key("c", "forward.k.compare", Bind("c", "compare", "key.label.Compare", footer=True)),
        key("t", "forward.k.tokens", Bind("t", "toggle_tokens", "key.label.Words/chars")),
        key("m", "forward.k.mode", Bind("m", "toggle_mode", "key.label.Scalar/vector")),
        key("escape", "forward.k.escape", Bind("escape", "leave_field", "key.label.Leave field")),
    )
    BINDINGS = bindings(KEYS)

    DEFAULT_CSS = """
    ForwardTab { layout: vertical; padding: 0 1; }
    ForwardTab .fw-row { height: 1; margin-bottom: 0; }
    ForwardTab .fw-label { width: auto; margin-right: 1; color: $text-muted; }
    ForwardTab .fw-num-label { width: auto; margin: 0 1 0 2; color: $text-primary; text-style: bold; }
    ForwardTab #fw-sentence, ForwardTab #fw-sentence-b { width: 1fr; min-width: 12; }
    ForwardTab Button { margin-left: 1; min-width: 8; }
    ForwardTab .fw-num { width: 7; }
    ForwardTab .fw-num.bad { background: $error 40%; color: $text-error; }
    ForwardTab #fw-activation { min-width: 12; }
    ForwardTab #fw-row-b { display: none; }
    ForwardTab.compare #fw-row-b { display: block; }
    ForwardTab #fw-vector-params { display: none; width: auto; }
    ForwardTab #fw-scalar-params { width: auto; }
    ForwardTab.vector #fw-vector-params { display: block; }
    ForwardTab.vector #fw-scalar-params { display: none; }
    ForwardTab #fw-message { width: 1fr; height: 1; margin-left: 2; color: $text-warning; }
    ForwardTab #fw-chips { margin-bottom: 0; }
    ForwardTab #fw-main { height: 1fr; }
    ForwardTab #fw-left { width: 1fr; }
    ForwardTab #fw-bottom { height: 1fr; min-height: 7; }
    ForwardTab #fw-equation { width: 5fr; height: 1fr; }
    ForwardTab #fw-prevs { width: 4fr; }
    ForwardTab #fw-o { width: 3fr; }
    ForwardTab.vector #fw-equation { width: 1fr; }
    ForwardTab.vector #fw-prevs { width: 19; }
    ForwardTab.vector #fw-o { width: 13; }
    ForwardTab.vector.wide #fw-prevs { width: 2fr; }
    ForwardTab.vector.wide #fw-o { width: 1fr; }
    ForwardTab.vector.wide #fw-equation { width: 3fr; }
    ForwardTab #fw-history { width: 38%; max-width: 50; height: 1fr; }
    ForwardTab #fw-compare-view { display: none; }
    ForwardTab.compare #fw-compare-view { display: block; }
    ForwardTab.compare #fw-main { display: none; }
    """

    inputs: reactive[ForwardInput] = reactive(ForwardInput, init=False)  # what the run is computed from
    run = reactive(None, init=False, always_update=True)  # core's run of ``inputs`` (the last good one)
    unit: reactive[int | None] = reactive(None, init=False)  # vector mode: the unit of s shown term by term
    speed = reactive(DEFAULT_SPEED, init=False)  # index into SPEEDS
    engine_error = reactive("", init=False)  # core's one-line reason the last good run is still shown
    drawn = False  # the panels exist (on_mount): before that, a key changes the state only

    def __init__(self, sentence: str | None = None, tokens: str = "word", mode: str = "scalar"):
        super().__init__()
        self.player = Player(self, lambda: 1 / SPEEDS[self.speed], changed=self._draw)
        start = ForwardInput(tokens=tokens, mode=mode)
        self.set_reactive(ForwardTab.inputs, start if sentence is None else replace(start, sentence=sentence))
        self._rerun()  # now, not on mount: a key pressed at launch finds the steps ready

    # ----- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ForwardControls(self.inputs)
        yield TokenChips(id="fw-chips")
        with Horizontal(id="fw-main"):
            with Vertical(id="fw-left"):
                yield UnrolledDiagram(id="fw-diagram")
                yield StepPanels(id="fw-bottom")
            yield HistoryTable(id="fw-history")
        yield CompareView(id="fw-compare-view")

    def on_mount(self) -> None:
        self.query_one("#fw-history").border_title = t("forward.history")
        self.drawn = True
        self._sync_controls()
        self._draw()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= 110, "wide")  # room for wider vector panels

    @classmethod
    def help_notes(cls) -> list[str]:
        return ["forward.k.notation"]

    # ----- the engine ----------------------------------------------------------------

    def watch_inputs(self, before: ForwardInput, now: ForwardInput) -> None:
        if (before.sentence, before.sentence_b, before.tokens) != (now.sentence, now.sentence_b, now.tokens):
            self.set_reactive(ForwardTab.step, 0)  # a new sentence starts at step 0
        self._sync_controls()
        self._rerun()
        if now.compare and not before.compare and self.run is not None:
            self.step = self.run.n  # comparing starts at the end

    def _rerun(self) -> None:
        """Re-run core on the current settings (keeps the step if it still exists)."""
        inputs = self.inputs
        try:
            if not inputs.vector_shown:
                run = build_scalar(inputs.sentence, inputs.tokens, inputs.scalar)
            else:
                from core.forward.steps_vector import build_compare, build_vector  # NumPy: not for the first frame

                if inputs.compare:
                    run = build_compare(inputs.sentence, inputs.sentence_b, inputs.tokens, inputs.vector)
                else:
                    run = build_vector(inputs.sentence, inputs.tokens, inputs.vector)
        except ValueError as exc:  # core's one-line message; keep the last good run
            self.engine_error = str(exc)
            return
        self.engine_error = ""
        self.run = run

    def watch_run(self) -> None:
        self.set_reactive(ForwardTab.step, min(self.step, self.step_count()))
        self._draw()

    def watch_engine_error(self) -> None:
        self._sync_controls()

    def watch_step(self) -> None:
        self._draw()

    def watch_unit(self) -> None:
        self._draw()

    def watch_speed(self) -> None:
        self.player.pace_changed()
        self._draw()

    # ----- drawing -------------------------------------------------------------------

    def _draw(self) -> None:
        """Redraw every panel for ``self.run`` at ``self.step`` (cost independent of length).

        Before the tab is mounted (a key pressed at launch) only the state changes: on_mount draws it."""
        if not self.drawn:
            return
        run, step = self.run, self.step
        speed = SPEEDS[self.speed]
        pace = t("forward.pace_one") if speed == 1 else t("forward.pace", speed=num(speed))
        state = t("forward.playing" if self.player.playing else "forward.paused", pace=pace)
        self._draw_chips(f"{t('forward.step', t=step, n=self.step_count())} · {state}")
        if self.inputs.compare:
            view = self.query_one(CompareView)
            p = self.inputs.vector
            view.border_title = t("forward.compare_title", h=p.hidden, f=p.activation, seed=p.seed)
            labels = {k: t(f"forward.compare.{k}") for k in ("a", "b", "s_a", "s_b", "dist", "final", "legend", "empty", "note")}
            view.show(run if run is not None and run.kind == "compare" else None, step, labels)
            return
        shown = run if run is not None and run.kind != "compare" else None
        diagram = self.query_one(UnrolledDiagram)
        diagram.border_title = self._diagram_title(shown)
        diagram.show(shown, step, t("forward.empty"))
        self.query_one(StepPanels).show(shown, step, self.unit)
        if shown is None or shown.n == 0:
            self.query_one(HistoryTable).show(None, 0, (), "")
            return
        columns = ("t", "token", "x", "prev", "s", "o") if shown.kind == "scalar" else ("t", "token", "x", "s", "o1")
        self.query_one(HistoryTable).show(shown, step, tuple(t(f"forward.col.{c}") for c in columns),
                                          t("forward.history_empty"), self.unit if shown.kind == "vector" else None)

    def _draw_chips(self, status: str) -> None:
        run, step = self.run, self.step
        if run is not None and run.kind == "compare":
            vocab = run.b.vocab
            current = int(run.a.tk.ids[step - 1]) if 0 < step <= run.a.n else 0
        else:
            vocab = run.vocab if run else ()
            current = int(run.tk.ids[step - 1]) if run and step else 0
        self.query_one(TokenChips).show(vocab, current, t("forward.tokens_label"), more=t("forward.more"), status=status)

    def _diagram_title(self, run) -> str:
        if run is None or run.kind == "scalar":
            p = self.inputs.scalar if run is None else run.params
            return t("forward.diagram", u=num(p.u), w=num(p.w), v=num(p.v))
        H, O = run.weights.W.shape[0], run.weights.V.shape[0]
        return t("forward.diagram_vec", h=H, vocab=run.vocab_size, o=O)

    def _sync_controls(self) -> None:
        """The form shows the current choices; the tab's classes pick the visible rows."""
        if self.drawn:
            self.set_class(self.inputs.vector_shown, "vector")
            self.set_class(self.inputs.compare, "compare")
            self.query_one(ForwardControls).sync(self.inputs, self.engine_error)

    # ----- controls ------------------------------------------------------------------

    def on_forward_controls_edited(self, event: ForwardControls.Edited) -> None:
        field, value = event.field, event.value
        if field in ("sentence", "sentence-b"):
            self.inputs = replace(self.inputs, **{field.replace("-", "_"): value})
        elif field in SCALAR_FIELDS:
            self.inputs = replace(self.inputs, scalar=replace(self.inputs.scalar, **{field: value}))
        else:  # hidden, seed
            self.inputs = replace(self.inputs, vector=replace(self.inputs.vector, **{field: value}))

    def set_sentence(self, text: str) -> None:
        """Show ``text`` in the sentence field and run it from step 0."""
        if text != self.inputs.sentence:
            self.query_one(ForwardControls).put_sentence(text)
            self.inputs = replace(self.inputs, sentence=text)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"fw-tokens": self.action_toggle_tokens, "fw-mode": self.action_toggle_mode,
                   "fw-compare": self.action_compare, "fw-activation": self._cycle_activation}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    def _cycle_activation(self) -> None:
        names, vector = ACTIVATION_NAMES, self.inputs.vector
        nxt = names[(names.index(vector.activation) + 1) % len(names)]
        self.inputs = replace(self.inputs, vector=replace(vector, activation=nxt))

    # ----- key actions -----------------------------------------------------------------

    def step_count(self) -> int:
        return self.run.n if self.run else 0

    def action_unit(self, delta: int) -> None:
        """[ and ]: step through the units of s (None = the whole equation); vector mode only."""
        run = self.run
        if run is None or run.kind != "vector":
            return
        H = run.weights.W.shape[0]
        order = [None, *range(H)]
        current = self.unit if self.unit is not None and self.unit < H else None
        self.unit = order[(order.index(current) + delta) % len(order)]

    def action_pace(self, delta: int) -> None:
        """+ and -: play faster or slower."""
        self.speed = max(0, min(self.speed + delta, len(SPEEDS) - 1))

    def action_toggle_tokens(self) -> None:
        self.inputs = replace(self.inputs, tokens="char" if self.inputs.tokens == "word" else "word")

    def action_toggle_mode(self) -> None:
        inputs = self.inputs
        mode = "scalar" if inputs.compare or inputs.mode == "vector" else "vector"
        self.inputs = replace(inputs, compare=False, mode=mode)

    def action_compare(self) -> None:
        """Turn the side-by-side comparison on (vector mode) or off; on starts at the end."""
        inputs = replace(self.inputs, compare=not self.inputs.compare)
        if inputs.compare and inputs.sentence == ForwardInput.sentence:
            inputs = replace(inputs, sentence=COMPARE_DEFAULTS[0])
            self.query_one(ForwardControls).put_sentence(inputs.sentence)
        self.inputs = inputs
