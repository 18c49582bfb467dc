"""The Forward tab's form: the sentence(s), the buttons, u w v s₀ or H and the seed, and a message line.

It parses what is typed and posts ``Edited`` with a good value (a bad one is marked and explained
here, and the tab keeps its last good run); the tab owns the settings and hands them back in ``sync``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label

from core.checks import MAX_SEED
from core.forward.vector_params import HIDDEN_MAX
from tui.i18n import t
from tui.widgets.field import Field
from tui.widgets.forward.inputs import ForwardInput, parse_float, parse_int
from tui.widgets.notation import num, radio
from tui.widgets.text_line import TextLine

SCALAR_FIELDS = ("u", "w", "v", "s0")
FIELD_LABELS = {"u": "u", "w": "w", "v": "v", "s0": "s₀"}
LONG_TEXT = 2000  # characters; longer sentences are sent 0.15 s after the last keystroke


class ForwardControls(Vertical):
    """Three rows above the chips (the second only in compare mode)."""

    DEFAULT_CSS = "ForwardControls { height: auto; }"

    class Edited(Message):
        """A field now holds a good ``value`` (a str for a sentence, a number for the others)."""

        def __init__(self, field: str, value) -> None:
            super().__init__()
            self.field, self.value = field, value

    def __init__(self, start: ForwardInput, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start = start
        self.errors: dict[str, str] = {}  # field -> why its text is not used
        self.engine_error = ""  # core's reason the last good run is still shown
        self._pending: Timer | None = None
        self.known = {name: getattr(start.scalar, name) for name in SCALAR_FIELDS}  # field -> value last shown or sent

    def compose(self) -> ComposeResult:
        start = self.start
        with Horizontal(classes="fw-row"):
            yield Label(t("forward.sentence"), classes="fw-label")
            yield Field(start.sentence, placeholder=t("forward.placeholder_sentence"), id="fw-sentence", compact=True)
            yield Button("", id="fw-tokens", compact=True)
            yield Button("", id="fw-mode", compact=True)
            yield Button("", id="fw-compare", compact=True)
        with Horizontal(classes="fw-row", id="fw-row-b"):
            yield Label(t("forward.sentence_b"), classes="fw-label")
            yield Field(start.sentence_b, id="fw-sentence-b", compact=True)
        with Horizontal(classes="fw-row"):
            with Horizontal(id="fw-scalar-params"):
                for name in SCALAR_FIELDS:
                    yield Label(FIELD_LABELS[name], classes="fw-num-label")
                    yield Field(num(getattr(start.scalar, name)), id=f"fw-{name}", classes="fw-num", compact=True)
            with Horizontal(id="fw-vector-params"):
                yield Label(t("forward.hidden"), classes="fw-num-label")
                yield Field(str(start.vector.hidden), id="fw-hidden", classes="fw-num", compact=True)
                yield Label(t("forward.seed"), classes="fw-num-label")
                yield Field(str(start.vector.seed), id="fw-seed", classes="fw-num", compact=True)
                yield Button("", id="fw-activation", compact=True)
            yield TextLine(id="fw-message")

    def sync(self, inputs: ForwardInput, engine_error: str = "") -> None:
        """Buttons show the current choice; the message line the first problem."""
        self.engine_error = engine_error
        self.query_one("#fw-tokens", Button).label = radio(t("forward.tokens.word"), t("forward.tokens.char"),
                                                           inputs.tokens == "word")
        self.query_one("#fw-mode", Button).label = radio(t("forward.mode.scalar"), t("forward.mode.vector"),
                                                         not inputs.vector_shown)
        self.query_one("#fw-compare", Button).label = radio(t("forward.compare_off"), t("forward.compare"),
                                                            not inputs.compare)
        self.query_one("#fw-activation", Button).label = f"{t('forward.activation')}: {inputs.vector.activation}"
        for name in SCALAR_FIELDS:  # only a value set elsewhere (a lesson) is written: typed text is never raced
            value = getattr(inputs.scalar, name)
            if value != self.known[name]:
                self.known[name] = value
                self.errors.pop(name, None)
                field = self.query_one(f"#fw-{name}", Input)
                field.value = num(value)
                field.remove_class("bad")
        self._show_message()

    def put_sentence(self, text: str) -> None:
        """The tab chose a sentence (not typed): show it (its Changed then finds nothing new)."""
        self.query_one("#fw-sentence", Input).value = text

    def _show_message(self) -> None:
        self.query_one("#fw-message", TextLine).update(next(iter(self.errors.values()), self.engine_error))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        field, text = (event.input.id or "").removeprefix("fw-"), event.value
        if field in ("sentence", "sentence-b"):
            if len(text) > LONG_TEXT:  # a huge paste: sent once typing pauses
                self._debounce(field, text)
            else:
                self.post_message(self.Edited(field, text))
            return
        if field in SCALAR_FIELDS:
            value = parse_float(text)
            problem = t("forward.bad_number", name=FIELD_LABELS[field], value=text)
        elif field == "hidden":
            value = parse_int(text, 1, HIDDEN_MAX)
            problem = t("forward.bad_int", name="H", value=text, low=1, high=HIDDEN_MAX)
        else:  # seed
            value = parse_int(text, 0, MAX_SEED)
            problem = t("forward.bad_int", name=t("forward.seed"), value=text, low=0, high=MAX_SEED)
        event.input.set_class(value is None, "bad")
        if value is None:
            self.errors[field] = problem
        else:
            self.errors.pop(field, None)
            if field in SCALAR_FIELDS:
                self.known[field] = value
            self.post_message(self.Edited(field, value))
        self._show_message()

    def _debounce(self, field: str, text: str) -> None:
        if self._pending is not None:
            self._pending.stop()

        def send() -> None:
            self._pending = None
            self.post_message(self.Edited(field, text))

        self._pending = self.set_timer(0.15, send)
