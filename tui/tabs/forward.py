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

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Input, Label

from core.checks import MAX_SEED
from core.forward.scalar import ScalarParams
from core.forward.steps import build_scalar
from core.forward.tokens import DEFAULT_SENTENCE
from core.forward.vector_params import ACTIVATION_NAMES, HIDDEN_MAX, VectorParams
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.tabs.base import StepKeys, Tab
from tui.tabs.forward_fields import parse_float, parse_int
from tui.widgets.forward.compare_view import CompareView
from tui.widgets.forward.equation import EquationPanel, scalar_lines, unit_lines, vector_lines
from tui.widgets.forward.history import HistoryTable
from tui.widgets.forward.token_chips import TokenChips
from tui.widgets.forward.unrolled import UnrolledDiagram
from tui.widgets.forward.value_panel import ValuePanel
from tui.widgets.heat_strip import heat_text, legend_text
from tui.widgets.notation import num, signed, sub
from tui.widgets.notation import radio as _choice
from tui.widgets.text_line import TextLine

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)  # steps per second
DEFAULT_SPEED = 2
COMPARE_DEFAULTS = ("我喜欢美女", "我不喜欢美女")
SCALAR_FIELDS = ("u", "w", "v", "s0")
LONG_TEXT = 2000  # characters; longer sentences re-run 0.15 s after the last keystroke
FIELD_LABELS = {"u": "u", "w": "w", "v": "v", "s0": "s₀"}


class ForwardTab(StepKeys, Tab):
    """The Forward tab.

    Args:
        sentence: the sentence to run (default 我爱中国).
        tokens: 'word' (jieba) or 'char'.
        mode: 'scalar' (the tutorial's walk-through) or 'vector'.
    """

    KEYS = (
        key("→ / n", "forward.k.next", Bind("right,n", "next", "key.label.Next", footer=True)),
        key("← / p", "forward.k.prev", Bind("left,p", "prev", "key.label.Prev", footer=True)),
        # home/end in ? help only: at 80 columns the footer keeps q Quit
        key("home / r", "forward.k.start", Bind("home,r", "start", "key.label.Start")),
        key("end", "forward.k.end", Bind("end", "end", "key.label.Last")),
        key("[ / ]", "forward.k.unit", Bind("right_square_bracket", "unit(1)", "key.label.Next unit"),
            Bind("left_square_bracket", "unit(-1)", "key.label.Previous unit")),
        key("+ / -", "forward.k.speed", Bind("plus,equals_sign", "faster", "key.label.Faster"),
            Bind("minus", "slower", "key.label.Slower")),
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

    def __init__(self, sentence: str = DEFAULT_SENTENCE, tokens: str = "word", mode: str = "scalar"):
        super().__init__()
        self.sentence, self.sentence_b = sentence, COMPARE_DEFAULTS[1]
        self.token_mode, self.mode = tokens, mode
        self.compare = False
        self.scalar_params = ScalarParams()
        self.vector_params = VectorParams()
        self.errors: dict[str, str] = {}
        self.run = None
        self.step = 0
        self.unit: int | None = None  # vector mode: the unit of s shown term by term (0-based), or None
        self.playing = False
        self.speed = DEFAULT_SPEED
        self._timer: Timer | None = None
        self._pending: Timer | None = None
        self._composed = False  # the panels exist (set in on_mount)
        self._rerun()  # now, not on mount: a key pressed at launch finds the steps ready

    # ----- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="fw-row"):
            yield Label(t("forward.sentence"), classes="fw-label")
            yield Input(self.sentence, placeholder=t("forward.placeholder_sentence"), id="fw-sentence", compact=True)
            yield Button("", id="fw-tokens", compact=True)
            yield Button("", id="fw-mode", compact=True)
            yield Button("", id="fw-compare", compact=True)
        with Horizontal(classes="fw-row", id="fw-row-b"):
            yield Label(t("forward.sentence_b"), classes="fw-label")
            yield Input(self.sentence_b, id="fw-sentence-b", compact=True)
        with Horizontal(classes="fw-row"):
            with Horizontal(id="fw-scalar-params"):
                for name in SCALAR_FIELDS:
                    yield Label(FIELD_LABELS[name], classes="fw-num-label")
                    yield Input(num(getattr(self.scalar_params, name)), id=f"fw-{name}", classes="fw-num", compact=True)
            with Horizontal(id="fw-vector-params"):
                yield Label(t("forward.hidden"), classes="fw-num-label")
                yield Input(str(self.vector_params.hidden), id="fw-hidden", classes="fw-num", compact=True)
                yield Label(t("forward.seed"), classes="fw-num-label")
                yield Input(str(self.vector_params.seed), id="fw-seed", classes="fw-num", compact=True)
                yield Button("", id="fw-activation", compact=True)
            yield TextLine(id="fw-message")
        yield TokenChips(id="fw-chips")
        with Horizontal(id="fw-main"):
            with Vertical(id="fw-left"):
                yield UnrolledDiagram(id="fw-diagram")
                with Horizontal(id="fw-bottom"):
                    yield EquationPanel(id="fw-equation")
                    yield ValuePanel(id="fw-prevs")
                    yield ValuePanel(id="fw-o")
            yield HistoryTable(id="fw-history")
        yield CompareView(id="fw-compare-view")

    def on_mount(self) -> None:
        self.query_one("#fw-equation").border_title = t("forward.equation")
        self.query_one("#fw-history").border_title = t("forward.history")
        self._sync_controls()
        self._composed = True
        self._draw()

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= 110, "wide")  # room for wider vector panels

    @classmethod
    def help_notes(cls) -> list[str]:
        return ["forward.k.notation"]

    # ----- the engine ----------------------------------------------------------------

    def _rerun(self) -> None:
        """Re-run core on the current sentence and settings; keep the step if it still exists."""
        try:
            if self.mode == "scalar" and not self.compare:
                self.run = build_scalar(self.sentence, self.token_mode, self.scalar_params)
            else:
                from core.forward.steps_vector import build_compare, build_vector  # NumPy: not for the first frame

                if self.compare:
                    self.run = build_compare(self.sentence, self.sentence_b, self.token_mode, self.vector_params)
                else:
                    self.run = build_vector(self.sentence, self.token_mode, self.vector_params)
        except ValueError as exc:  # core's one-line message; keep the last good run
            self.errors["engine"] = str(exc)
        else:
            self.errors.pop("engine", None)
        self.step = min(self.step, self.step_count())
        self._draw()

    # ----- drawing -------------------------------------------------------------------

    def _draw(self) -> None:
        """Redraw every panel for ``self.run`` at ``self.step`` (cost independent of length).

        Before the tab is mounted (a key pressed at launch) only the state changes:
        on_mount draws it."""
        if not self._composed:
            return
        run, step = self.run, self.step
        hint = t("forward.empty")
        self.query_one("#fw-message", TextLine).update(next(iter(self.errors.values()), ""))
        n = run.n if run else 0
        speed = SPEEDS[self.speed]
        pace = t("forward.pace_one") if speed == 1 else t("forward.pace", speed=num(speed))
        state = t("forward.playing" if self.playing else "forward.paused", pace=pace)
        self._draw_chips(f"{t('forward.step', t=step, n=n)} · {state}")
        if self.compare:
            self._draw_compare(run, step)
            return
        diagram = self.query_one(UnrolledDiagram)
        diagram.border_title = self._diagram_title(run)
        diagram.show(run if run and run.kind != "compare" else None, step, hint)
        equation = self.query_one(EquationPanel)
        prevs, out = self.query_one("#fw-prevs", ValuePanel), self.query_one("#fw-o", ValuePanel)
        history = self.query_one(HistoryTable)
        if run is None or run.n == 0 or run.kind == "compare":
            equation.show(Text(""))
            prevs.border_title, out.border_title = "prevS", "o"
            prevs.show("", ())
            out.show("", ())
            history.show(None, 0, (), "")
            return
        if run.kind == "scalar":
            self._draw_scalar(run, step, equation, prevs, out)
        else:
            self._draw_vector(run, step, equation, prevs, out)
        if run.kind == "scalar":
            headers = tuple(t(f"forward.col.{c}") for c in ("t", "token", "x", "prev", "s", "o"))
        else:
            headers = tuple(t(f"forward.col.{c}") for c in ("t", "token", "x", "s", "o1"))
        history.show(run, step, headers, t("forward.history_empty"), self.unit if run.kind == "vector" else None)

    def _draw_chips(self, status: str) -> None:
        chips = self.query_one(TokenChips)
        label = t("forward.tokens_label")
        run = self.run
        if run is not None and run.kind == "compare":
            vocab = run.b.vocab
            current = int(run.a.tk.ids[self.step - 1]) if 0 < self.step <= run.a.n else 0
        else:
            vocab = run.vocab if run else ()
            current = int(run.tk.ids[self.step - 1]) if run and self.step else 0
        chips.show(vocab, current, label, more=t("forward.more"), status=status)

    def _diagram_title(self, run) -> str:
        if run is None or run.kind == "scalar":
            p = self.scalar_params if run is None else run.params
            return t("forward.diagram", u=num(p.u), w=num(p.w), v=num(p.v))
        if run.kind == "compare":
            return ""
        H, O = run.weights.W.shape[0], run.weights.V.shape[0]
        return t("forward.diagram_vec", h=H, vocab=run.vocab_size, o=O)

    def _draw_scalar(self, run, step, equation, prevs, out) -> None:
        equation.show(scalar_lines(run, step, t), t("forward.eq.legend"), t("forward.folded"))
        k = sub(step)
        prevs.border_title = t("forward.prevs", t=k)
        out.border_title = t("forward.o", t=k) if step else "o"
        prevs.border_subtitle = out.border_subtitle = t("forward.so_far")
        tail = slice(max(0, step - 200), step)
        value = run.params.s0 if step == 0 else run.s[step - 1]
        caption = t("forward.prevs_caption", t=step) if step else t("forward.prevs_caption0")
        prevs.show(num(value), run.s[tail], caption=caption)
        out.show(num(run.o[step - 1]) if step else "", run.o[tail],
                 caption=t("forward.o_caption", t=step) if step else t("forward.o_none"))

    def _draw_vector(self, run, step, equation, prevs, out) -> None:
        unit = self.unit if self.unit is not None and self.unit < run.weights.W.shape[0] else None
        if unit is None:
            equation.show(lambda width: vector_lines(run, step, t, width), t("forward.eq.legend_vec"), t("forward.folded"))
        else:
            equation.show(unit_lines(run, step, unit, t))
        k = sub(step)
        prevs.border_title = t("forward.prevs", t=k)
        out.border_title = t("forward.o", t=k) if step else "o"
        prevs.border_subtitle = out.border_subtitle = t("forward.so_far")
        tail = slice(max(0, step - 200), step)
        s = run.trace.s0 if step == 0 else run.trace.s[step - 1]

        def strip(width: int) -> tuple[Group, int]:
            cell = max(1, min(4, width // max(len(s), 1)))
            shown = s if cell * len(s) <= width else s[: max(width - 1, 1)]
            row = heat_text(shown, cell, mark=unit)
            if len(shown) < len(s):
                row.append("…", style="dim")
            legend = legend_text()
            if legend.cell_len > width:
                legend = legend_text(compact=True)
            return Group(row, legend), 2

        def values(width: int) -> tuple[Text, int]:
            if step == 0:
                return Text(t("forward.o_none"), style="italic"), 1
            o = run.trace.o[step - 1]
            lines = [f"[{i + 1}] {signed(v)}" for i, v in enumerate(o[:3])]
            return Text("\n".join(lines), style="bold"), len(lines)

        norm = 0.0 if step == 0 else float(run.s_norm[step - 1])
        prevs.show("", run.s_norm[tail], top=strip, caption=f"‖s{k}‖ = {norm:.2f}")
        out.show("", run.trace.o[tail, 0], top=values, caption=t("forward.o1_caption") if step else "")

    def _draw_compare(self, run, step) -> None:
        view = self.query_one(CompareView)
        p = self.vector_params
        view.border_title = t("forward.compare_title", h=p.hidden, f=p.activation, seed=p.seed)
        labels = {key: t(f"forward.compare.{key}") for key in ("a", "b", "s_a", "s_b", "dist", "final", "legend", "empty", "note")}
        view.show(run if run is not None and run.kind == "compare" else None, step, labels)

    def _sync_controls(self) -> None:
        """Buttons show the current choice; the tab's classes pick the visible rows."""
        self.set_class(self.mode == "vector" or self.compare, "vector")
        self.set_class(self.compare, "compare")
        self.query_one("#fw-tokens", Button).label = _choice(t("forward.tokens.word"), t("forward.tokens.char"),
                                                             self.token_mode == "word")
        self.query_one("#fw-mode", Button).label = _choice(t("forward.mode.scalar"), t("forward.mode.vector"),
                                                           self.mode == "scalar" and not self.compare)
        self.query_one("#fw-compare", Button).label = _choice(t("forward.compare_off"), t("forward.compare"), not self.compare)
        self.query_one("#fw-activation", Button).label = f"{t('forward.activation')}: {self.vector_params.activation}"

    # ----- controls ------------------------------------------------------------------

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("fw-")
        value = event.value
        before = self._state()
        if field in ("sentence", "sentence-b"):
            if field == "sentence":
                self.sentence = value
            else:
                self.sentence_b = value
            if self._state() != before:
                self.step = 0  # a new sentence starts at step 0
            if len(value) > LONG_TEXT:  # a huge paste: re-run once typing pauses
                self._debounce()
                return
        elif field in SCALAR_FIELDS:
            number = parse_float(value)
            if not self._mark(event.input, field, number is None, t("forward.bad_number", name=FIELD_LABELS[field], value=value)):
                self.scalar_params = replace(self.scalar_params, **{field: number})
        elif field == "hidden":
            number = parse_int(value, 1, HIDDEN_MAX)
            if not self._mark(event.input, field, number is None, t("forward.bad_int", name="H", value=value, low=1, high=HIDDEN_MAX)):
                self.vector_params = replace(self.vector_params, hidden=number)
        elif field == "seed":
            number = parse_int(value, 0, MAX_SEED)
            bad = t("forward.bad_int", name=t("forward.seed"), value=value, low=0, high=MAX_SEED)
            if not self._mark(event.input, field, number is None, bad):
                self.vector_params = replace(self.vector_params, seed=number)
        else:
            return
        if self._state() != before:  # not the Changed each field posts when mounted
            self._rerun()

    def set_sentence(self, text: str) -> None:
        """Show ``text`` in the sentence field and run it from step 0."""
        if text != self.sentence:
            self.sentence, self.step = text, 0
            self.query_one("#fw-sentence", Input).value = text  # its Changed finds nothing new
            self._rerun()

    def _state(self) -> tuple:
        """What a field edit can change (a re-run is needed only if this changed)."""
        return self.sentence, self.sentence_b, self.scalar_params, self.vector_params, tuple(self.errors.items())

    def _debounce(self) -> None:
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(0.15, self._rerun)

    def _mark(self, field_input: Input, field: str, bad: bool, message: str) -> bool:
        """Flag a field invalid (with ``message``) or clear it. Returns ``bad``."""
        field_input.set_class(bad, "bad")
        if bad:
            self.errors[field] = message
        else:
            self.errors.pop(field, None)
        return bad

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"fw-tokens": self.action_toggle_tokens, "fw-mode": self.action_toggle_mode,
                   "fw-compare": self.action_compare, "fw-activation": self._cycle_activation}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    def _cycle_activation(self) -> None:
        names = ACTIVATION_NAMES
        nxt = names[(names.index(self.vector_params.activation) + 1) % len(names)]
        self.vector_params = replace(self.vector_params, activation=nxt)
        self._sync_controls()
        self._rerun()

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
        self._draw()

    def action_faster(self) -> None:
        self._set_speed(self.speed + 1)

    def action_slower(self) -> None:
        self._set_speed(self.speed - 1)

    def action_toggle_tokens(self) -> None:
        self.token_mode = "char" if self.token_mode == "word" else "word"
        self._sync_controls()
        self._rerun()

    def action_toggle_mode(self) -> None:
        if self.compare:
            self.compare = False
            self.mode = "scalar"
        else:
            self.mode = "vector" if self.mode == "scalar" else "scalar"
        self._sync_controls()
        self._rerun()

    def action_compare(self) -> None:
        """Turn the side-by-side comparison on (vector mode) or off; on starts at the end."""
        self.compare = not self.compare
        if self.compare and self.sentence == DEFAULT_SENTENCE:
            self.sentence = COMPARE_DEFAULTS[0]
            self.query_one("#fw-sentence", Input).value = self.sentence
        self._sync_controls()
        self._rerun()
        if self.compare and self.run is not None:
            self._go(self.run.n)

    def play_pause(self) -> None:
        """Play the steps at a steady pace, or pause; playing at the end starts over."""
        if self.playing:
            self._stop()
        else:
            n = self.step_count()
            if n == 0:
                return
            if self.step >= n:
                self.step = 0
            self.playing = True
            self._start_timer()
        self._draw()

    def _start_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_interval(1 / SPEEDS[self.speed], self._tick)

    def _stop(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        n = self.step_count()
        if self.step >= n:
            self._stop()
            self._draw()
        else:
            self._go(self.step + 1)

    def _set_speed(self, index: int) -> None:
        self.speed = max(0, min(index, len(SPEEDS) - 1))
        if self.playing:
            self._start_timer()
        self._draw()

