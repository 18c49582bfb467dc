"""The Context tab's sentence rows: the sentence (and the second one in compare mode), the example,
weights and compare buttons. A paste longer than MAX_CHARS is cut here; each edit is posted as ``Edited``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label

from tui.i18n import t
from tui.widgets.field import Field
from tui.widgets.notation import radio

MAX_CHARS = 2_000  # characters a sentence field holds (a longer paste is cut): far more than the words read,
# and small enough that reading it again on every training batch costs nothing


class ContextSentences(Vertical):
    """Two rows; the second shows only in compare mode (the tab's ``compare`` class)."""

    DEFAULT_CSS = "ContextSentences { height: auto; }"

    class Edited(Message):
        """``field`` ('sentence' or 'sentence_b') now holds ``text``."""

        def __init__(self, field: str, text: str) -> None:
            super().__init__()
            self.field, self.text = field, text

    class Cut(Message):
        """A paste was longer than MAX_CHARS: its start is kept."""

    def __init__(self, a: str, b: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start = (a, b)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="ctx-row"):
            yield Label(t("context.sentence"), classes="ctx-label")
            yield Field(self.start[0], id="ctx-sentence", compact=True, placeholder=t("context.placeholder"))
            yield Button(t("context.btn.example"), id="ctx-example", compact=True)
            yield Button("", id="ctx-weights", compact=True)
            yield Button("", id="ctx-compare", compact=True)
        with Horizontal(classes="ctx-row", id="ctx-row-b"):
            yield Label(t("context.sentence_b"), classes="ctx-label")
            yield Field(self.start[1], id="ctx-sentence-b", compact=True)

    def sync(self, trained_shown: bool, compare: bool) -> None:
        """The weights and compare buttons show the current choice."""
        self.query_one("#ctx-weights", Button).label = radio(t("context.btn.trained"), t("context.btn.random"),
                                                            trained_shown)
        self.query_one("#ctx-compare", Button).label = radio(t("context.btn.one"), t("context.btn.two"), not compare)

    def put(self, a: str, b: str | None = None) -> None:
        """The tab chose the sentence(s) (an example, the demo): show them."""
        self.query_one("#ctx-sentence", Input).value = a
        if b is not None:
            self.query_one("#ctx-sentence-b", Input).value = b

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if len(event.value) > MAX_CHARS:
            event.input.value = event.value[:MAX_CHARS]  # a huge paste: its start is kept (and Changed comes again)
            self.post_message(self.Cut())
            return
        self.post_message(self.Edited("sentence" if event.input.id == "ctx-sentence" else "sentence_b", event.value))
