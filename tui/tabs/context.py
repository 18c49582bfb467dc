"""The Context tab: a small RNN, trained here in seconds, reads a sentence word by word.

The tutorial's section 1 made real: after training, P(positive) after every word
of 我不喜欢美女 flips at 不, while the order-blind bag-of-words model (trained on
the same batches) cannot tell the same-words pairs apart. Before training the
weights are random, and the screen says so.

States: loading (corpus and dictionary, in a worker) -> untrained -> training
(a thread worker over core.context's ContextTrainer, through core.runner) ->
trained. ``t`` trains (and stops a run), ``w`` switches between the trained and
the random weights, ``e`` cycles the examples, ``c`` compares two sentences,
``right``/``left``/``home`` step. Everything drawn comes from core's records
(ContextStep, Reading): the UI does no math.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label
from textual.worker import get_current_worker

from core.context.config import CORPORA
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.player import Player
from tui.tabs.base import SteppingTab
from tui.tabs.context_files import MODEL_NAME, FilesMixin, _one_line
from tui.tabs.context_lens import LensMixin
from tui.widgets.check import Check
from tui.widgets.context.compare_view import CompareReadings
from tui.widgets.context.lens_view import LensView
from tui.widgets.context.reading_view import ReadingView
from tui.widgets.context.train_panel import TrainPanel, pct
from tui.widgets.notation import radio
from tui.widgets.select import SafeSelect
from tui.widgets.status import StatusText

MAX_WORDS = 200  # words read from the sentence field (a huge paste reads its first 200)
MAX_CHARS = 2_000  # characters a sentence field holds (a longer paste is cut): far more than MAX_WORDS words,
# and small enough that reading it again on every training batch costs nothing
PLAY_SECONDS = 0.6  # between two steps while playing
PRESET_FALLBACK = ("我不喜欢美女",)


class ContextTab(LensMixin, FilesMixin, SteppingTab):
    """The Context tab (issue 10)."""

    KEYS = (  # the panel border says ← → step; the top row and the status line show w
        key("→ / n", "context.k.next", Bind("right,n", "step(1)", "context.key.next")),
        key("← / p", "context.k.prev", Bind("left,p", "step(-1)", "context.key.prev")),
        key("home / r", "context.k.start", Bind("home,r", "step_to(0)", "context.key.start")),
        key("end", "context.k.end", Bind("end", "step_to(-1)", "key.label.Last")),
        key("space", "context.k.play"),  # the app's key: it calls play_pause
        key("t", "context.k.train", Bind("t", "train", "context.key.train", footer=True)),
        key("w", "context.k.weights", Bind("w", "toggle_weights", "context.key.weights")),
        key("e / E", "context.k.example", Bind("e", "example", "context.key.example"),
            Bind("E", "example(-1)", "key.label.Previous example")),
        key("c", "context.k.compare", Bind("c", "compare", "context.key.compare", footer=True)),
        key("u", "context.k.lens", Bind("u", "lens", "context.key.lens", footer=True)),
        key("↑ ↓ / k j", "context.k.unit", Bind("down,j", "unit(1)", "key.label.Next unit"),
            Bind("up,k", "unit(-1)", "key.label.Previous unit")),
        key("f", "context.k.feature", Bind("f", "feature", "key.label.Feature")),
        key("- 0 +", "context.k.clamp", Bind("minus", "clamp(-1.0)", "key.label.Clamp -1"),
            Bind("0", "clamp(0.0)", "key.label.Clamp 0"), Bind("plus,equals_sign", "clamp(1.0)", "key.label.Clamp +1")),
        key("x", "context.k.release", Bind("x", "clamp(None)", "key.label.Release")),
        key("d", "context.k.files", Bind("d", "files", "context.key.files")),
        key("escape", "context.k.escape", Bind("escape", "leave_field", "key.label.Leave field")),
    )
    BINDINGS = bindings(KEYS)

    DEFAULT_CSS = """
    ContextTab { layout: vertical; padding: 0 1; }
    ContextTab .ctx-row { height: 1; }
    ContextTab .ctx-label { width: auto; margin-right: 1; color: $text-muted; }
    ContextTab #ctx-sentence, ContextTab #ctx-sentence-b { width: 1fr; min-width: 12; }
    ContextTab .ctx-row Button { margin-left: 1; min-width: 0; width: auto; }
    ContextTab #ctx-row-b { display: none; }
    ContextTab.compare #ctx-row-b { display: block; }
    ContextTab #ctx-status { height: auto; min-height: 2; max-height: 4; }
    ContextTab #ctx-train { display: none; }
    ContextTab.has-run #ctx-train { display: block; }
    ContextTab #ctx-compare-view { display: none; }
    ContextTab.compare #ctx-compare-view { display: block; }
    ContextTab.compare #ctx-reading, ContextTab.compare #ctx-train { display: none; }
    ContextTab .ctx-files { display: none; }
    ContextTab.files .ctx-files { display: block; }
    ContextTab #ctx-data, ContextTab #ctx-data-neg, ContextTab #ctx-model { width: 1fr; min-width: 10; margin-right: 1; }
    ContextTab #ctx-corpus { width: 34; }
    ContextTab #ctx-with-builtin { margin-left: 2; }
    ContextTab #ctx-what { color: $text-muted; height: auto; }
    ContextTab #ctx-lens { display: none; }
    ContextTab.lens #ctx-lens { display: block; }
    ContextTab.lens #ctx-reading, ContextTab.lens #ctx-compare-view, ContextTab.lens #ctx-train { display: none; }
    """

    class Prepared(Message):
        """The corpus is built and the dictionary loaded (``trainer`` None: ``error`` says why)."""

        def __init__(self, trainer, error: str | None = None):
            super().__init__()
            self.trainer, self.error = trainer, error

    class Steps(Message):
        """Training records since the last message, and a snapshot of the models after them."""

        def __init__(self, run: int, records: tuple, models):
            super().__init__()
            self.run, self.records, self.models = run, records, models

    class Finished(Message):
        """The worker is done: ``models`` as training left them, ``complete`` False if stopped early."""

        def __init__(self, run: int, models, complete: bool, error: str | None = None, check=None):
            super().__init__()
            self.run, self.models, self.complete, self.error, self.check = run, models, complete, error, check

    def __init__(self):
        super().__init__()
        from core.context.config import ContextConfig  # no NumPy: the first frame does not wait

        self.config = ContextConfig()  # tests shrink it (e.g. epochs) before pressing t
        self.state = "loading"  # loading | untrained | training | trained | failed
        self.trainer = None  # core.context.train.ContextTrainer, built off the UI thread
        self.train_when_ready = False  # t was pressed while the corpus was still being built
        self.models = None  # the trained (or partly trained, or loaded) models
        self.random = None  # the same models at their random starting weights
        self.use_random = False  # w: show the random starting weights although trained
        self.examples = PRESET_FALLBACK
        self.compare_examples: tuple = ()
        self.example = 0  # 我不喜欢美女; e: the same-words pair the order-blind model cannot split
        self.sentence, self.sentence_b = "我不喜欢美女", "我喜欢美女"
        self.compare = False
        self.reading = self.reading_b = None
        self.why = None  # (word index, sentence): why the answer turns (core.context.why)
        self.negation = None  # after training on real reviews: the negation check (core.context.reviews)
        self.demo_held = 0  # the demo's Context scene: ticks it has held the whole sentence on screen
        self.player = Player(self, lambda: PLAY_SECONDS)
        self._run = 0
        self._lens_init()

    # ----- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="ctx-row"):
            yield Label(t("context.sentence"), classes="ctx-label")
            yield Input(self.sentence, id="ctx-sentence", compact=True, placeholder=t("context.placeholder"))
            yield Button(t("context.btn.example"), id="ctx-example", compact=True)
            yield Button("", id="ctx-weights", compact=True)
            yield Button("", id="ctx-compare", compact=True)
        with Horizontal(classes="ctx-row", id="ctx-row-b"):
            yield Label(t("context.sentence_b"), classes="ctx-label")
            yield Input(self.sentence_b, id="ctx-sentence-b", compact=True)
        with Horizontal(classes="ctx-row ctx-files"):
            yield Label(t("context.files.data"), classes="ctx-label")
            yield Input(id="ctx-data", compact=True, placeholder=t("context.files.data_placeholder"))
            yield Input(id="ctx-data-neg", compact=True, placeholder=t("context.files.neg_placeholder"))
            yield Button(t("context.files.btn.data"), id="ctx-load-data", compact=True)
        with Horizontal(classes="ctx-row ctx-files"):
            yield Label(t("context.files.builtin"), classes="ctx-label")
            yield SafeSelect([(t(f"context.corpus.{c}"), c) for c in CORPORA], value=self.config.corpus,
                             allow_blank=False, compact=True, id="ctx-corpus")
            yield Check(t("context.files.with_builtin"), self.config.with_builtin, compact=True, id="ctx-with-builtin")
        yield Label("", id="ctx-what", classes="ctx-files")
        with Horizontal(classes="ctx-row ctx-files"):
            yield Label(t("context.files.model"), classes="ctx-label")
            yield Input(MODEL_NAME, id="ctx-model", compact=True)
            yield Button(t("context.files.btn.save"), id="ctx-save", compact=True)
            yield Button(t("context.files.btn.load"), id="ctx-load", compact=True)
        yield StatusText(t("context.loading"), id="ctx-status")
        yield TrainPanel(id="ctx-train")
        yield ReadingView(id="ctx-reading")
        yield CompareReadings(id="ctx-compare-view")
        yield LensView(id="ctx-lens")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # clicking keeps the tab focused, so its keys keep working
        self._sync_controls()
        self._draw()
        self.show_what_happens()
        self._prepare(self.config)

    # ----- the engine, off the UI thread ---------------------------------------------

    @work(thread=True, exclusive=True, group="context-prepare", exit_on_error=False)
    def _prepare(self, config) -> None:
        """Load the segmenter's dictionary and build the corpus and the random models (~1 s)."""
        try:
            from core.context.train import ContextTrainer
            from core.forward.tokens import preload

            preload()
            trainer = ContextTrainer(config)
        except Exception as exc:  # noqa: BLE001 -- shown on screen in one line
            self.post_message(self.Prepared(None, _one_line(exc)))
        else:
            self.post_message(self.Prepared(trainer))

    def on_context_tab_prepared(self, message: Prepared) -> None:
        if message.trainer is None:
            self.state = "failed"
            self.say(t("context.prepare_failed", error=message.error), "error")
            return
        from core.context.corpus import COMPARE_PRESETS, PRESETS

        self.examples, self.compare_examples = PRESETS, COMPARE_PRESETS
        self.use_trainer(message.trainer)
        if self.train_when_ready:
            self.train_when_ready = False
            self.action_train()

    def use_trainer(self, trainer) -> None:
        """Start over with ``trainer`` (its config and corpus): random weights until t is pressed."""
        self.workers.cancel_group(self, "context-train")
        self._run += 1
        self.trainer, self.config, self.random = trainer, trainer.config, trainer.random
        self.state = "untrained"
        self.models = None
        self.use_random = False
        self.set_class(False, "has-run")
        self._status()
        self._sync_controls()
        self._reread(to_end=True)

    def action_train(self) -> None:
        """t: train both models (or stop the run under way)."""
        if self.state == "training":
            self.workers.cancel_group(self, "context-train")
            return
        if self.trainer is None:
            if self.state == "loading":  # t again takes the request back
                self.train_when_ready = not self.train_when_ready
                self.say(t("context.train_queued" if self.train_when_ready else "context.not_ready"), "info")
            return
        from core.context.train import ContextTrainer

        if self.trainer.done:  # trained before: start again from the same random weights
            self.trainer = ContextTrainer(self.config, self.trainer.corpus)
        self.random = self.trainer.random  # (a loaded model had its own)
        if self.lens:
            self.action_lens()  # the lens reads the trained model: back to the sentence while training
        self._run += 1
        self.state = "training"
        self.use_random = False
        self.set_class(True, "has-run")
        self.query_one(TrainPanel).clear(self.config.epochs)
        self._status()
        self._sync_controls()
        self._train(self._run, self.trainer)

    @work(thread=True, exclusive=True, group="context-train", exit_on_error=False)
    def _train(self, run: int, trainer) -> None:
        """The training loop (worker thread): post batches of records, stop when cancelled."""
        from core.runner import batches, fast_switch

        worker = get_current_worker()
        error = None
        with fast_switch():
            try:
                for batch in batches(trainer, cancelled=lambda: worker.is_cancelled):
                    self.post_message(self.Steps(run, batch.records, trainer.models))
            except Exception as exc:  # noqa: BLE001 -- a diverged run: one line on screen
                error = _one_line(exc)
        complete = trainer.done == trainer.steps
        check = None
        if complete and error is None and trainer.config.corpus != "generated" and not worker.is_cancelled:
            from core.context.reviews import negation_check

            check = negation_check(trainer.models, trainer.corpus)  # real reviews: does order matter there?
        self.post_message(self.Finished(run, trainer.models, complete, error, check))

    def on_context_tab_steps(self, message: Steps) -> None:
        if message.run == self._run:
            self.show_records(message.records, message.models)

    def show_records(self, records, models) -> None:
        """Draw training records and read the sentence with the models after them (watch the answers change).

        Public so that tests and snapshots can feed seeded records without a worker.
        """
        panel = self.query_one(TrainPanel)
        panel.epochs = self.config.epochs
        panel.add(records)
        self.models = models if models.trained else None
        if len(panel.records) == len(records):  # the first batch; later a warning (e.g. u) stays up
            self._status()
        self._reread()

    def on_context_tab_finished(self, message: Finished) -> None:
        if message.run == self._run:
            self.show_finished(message.models, message.complete, message.error, message.check)

    def show_finished(self, models, complete: bool = True, error: str | None = None, check=None) -> None:
        """The end of a run (``complete`` False: stopped early; ``error``: why it failed; ``check``: the
        negation check on real reviews, core.context.reviews.NegationCheck)."""
        self.negation = check
        self.models = models if models.trained else None
        self.state = "trained" if self.models is not None else "untrained"
        self.set_class(True, "has-run")
        self._status(error=error, complete=complete)
        self._sync_controls()
        self._reread(to_end=True)

    def show_loaded(self, models) -> None:
        """Models from a file: shown as trained (t trains afresh on the tab's corpus)."""
        from core.context.models import random_models

        self._run += 1
        self.models, self.random = models, random_models(models.config, models.vocab)
        self.state = "trained" if models.trained else "untrained"
        self.use_random = False
        self.set_class(False, "has-run")
        self._sync_controls()
        self._reread(to_end=True)

    # ----- reading -------------------------------------------------------------------

    @property
    def shown_models(self):
        """The models on screen: the trained ones, or the random start (untrained, or w)."""
        if self.models is not None and not self.use_random:
            return self.models
        return self.random

    def _read(self, text: str):
        from core.context.read import read
        from core.context.segment import segment

        return read(self.shown_models, segment(text[:MAX_CHARS])[:MAX_WORDS])

    def _why(self, reading) -> tuple[int, str] | None:
        """(the word it is about, why the trained RNN turns there), computed by core.context.why; None for
        random weights (they explain nothing)."""
        if not reading.tokens or not self.shown_models.trained or self.state == "training":
            return None  # (not on every training batch: the run's end reads the sentence again)
        from core.context.why import explain
        from tui.tabs.context_why import why_text

        why = explain(self.shown_models, reading)
        return (why.at if why.at is not None else len(reading.tokens) - 1), why_text(why, reading.tokens)

    def _reread(self, to_end: bool = False) -> None:
        """Read the sentence(s) again with the models on screen; keep the step if it still exists."""
        if self.shown_models is None:
            self._draw()
            return
        self.reading = self._read(self.sentence)
        self.reading_b = self._read(self.sentence_b) if self.compare else None
        self.why = self._why(self.reading)
        n = self._steps()
        self.set_reactive(ContextTab.step, n if to_end else min(self.step, n))
        self._draw()

    def watch_step(self) -> None:
        self._draw()

    def _steps(self) -> int:
        if self.compare:
            return self.query_one(CompareReadings).rows_for(self.reading, self.reading_b)
        return len(self.reading.tokens) if self.reading is not None else 0

    # ----- drawing -------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        self.query_one(StatusText).say(text, kind)

    @property
    def status_text(self) -> str:
        return self.query_one(StatusText).text

    def _status(self, error: str | None = None, complete: bool = True) -> None:
        """The line that says what is going on (and which weights are on screen)."""
        panel = self.query_one(TrainPanel)
        last = panel.last
        if self.state == "training":
            n = len(self.trainer.corpus.train) if self.trainer else 0
            self.say(t("context.training", n=n), "info")
        elif self.state == "untrained":
            self.say(t("context.untrained", h=self.config.hidden) if error is None
                     else t("context.train_failed", error=error), "warning" if error is None else "error")
        elif self.state == "trained":
            if error is not None:
                self.say(t("context.train_failed_partly", error=error, k=self.models.steps), "error")
            elif self.use_random:
                self.say(t("context.showing_random"), "warning")
            elif last is None:
                self.say(t("context.trained_loaded", k=self.models.steps, h=self.models.hidden), "ok")
            else:
                key = "context.trained" if complete else "context.trained_partly"
                text = t(key, seconds=f"{last.seconds:.1f}" if last else "?", k=self.models.steps,
                         steps=last.steps if last else "?", rnn=pct(last.acc_rnn if last else None),
                         bag=pct(last.acc_bag if last else None))
                if self.negation is not None:
                    text += " " + t("context.reviews_check", n=self.negation.edits, rnn=pct(self.negation.rnn),
                                    bag=pct(self.negation.bag))
                self.say(text, "ok")

    def _draw(self) -> None:
        random = self.shown_models is None or not self.shown_models.trained
        title = t("context.title_random" if random else "context.title_trained", h=self.config.hidden)
        if self.state == "training" and not random:
            title = t("context.title_training", k=self.shown_models.steps, steps=self.trainer.steps, h=self.config.hidden)
        empty = t("context.loading") if self.trainer is None else t("context.empty")
        view = self.query_one(ReadingView)
        compare = self.query_one(CompareReadings)
        for widget in (view, compare):
            widget.border_title = title
            widget.set_class(random, "-random")
        n = self._steps() if self.trainer is not None else 0
        hint = t("context.step_hint", k=self.step, n=n)
        view.border_subtitle = compare.border_subtitle = hint
        if self.compare:
            compare.show(self.reading, self.reading_b, self.step, empty)
        else:
            view.show(self.reading, self.step, empty, self.why)
        self._draw_lens()

    def _sync_controls(self) -> None:
        self.set_class(self.compare, "compare")
        self.query_one("#ctx-weights", Button).label = radio(
            t("context.btn.trained"), t("context.btn.random"), self.models is not None and not self.use_random)
        self.query_one("#ctx-compare", Button).label = radio(t("context.btn.one"), t("context.btn.two"), not self.compare)

    # ----- controls ------------------------------------------------------------------

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("ctx-sentence", "ctx-sentence-b") and len(event.value) > MAX_CHARS:
            event.input.value = event.value[:MAX_CHARS]  # a huge paste: its start is kept (and Changed comes again)
            self.say(t("context.cut", n=f"{MAX_CHARS:,}"), "warning")
            return
        if event.input.id == "ctx-sentence" and event.value != self.sentence:
            self.sentence = event.value
        elif event.input.id == "ctx-sentence-b" and event.value != self.sentence_b:
            self.sentence_b = event.value
        else:
            return  # the Changed each field posts when mounted
        self._reread(to_end=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id in ("ctx-data", "ctx-data-neg"):
            self.load_data()
        self.focus()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"ctx-example": self.action_example, "ctx-weights": self.action_toggle_weights,
                   "ctx-compare": self.action_compare, "ctx-load-data": self.load_data, "ctx-save": self.save_model,
                   "ctx-load": self.load_model}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    def step_count(self) -> int:
        """Words to step through (aligned rows in compare mode)."""
        return self._steps()

    def action_toggle_weights(self) -> None:
        """w: the same sentence through the trained or the random starting weights."""
        if self.models is None:
            self.say(t("context.no_trained"), "warning")
            return
        self.use_random = not self.use_random
        self._status()
        self._sync_controls()
        self._reread()

    def action_example(self, delta: int = 1) -> None:
        """e / E: the next (previous) example sentence, or pair in compare mode."""
        if self.compare and self.compare_examples:
            self.example = (self.example + delta) % len(self.compare_examples)
            self.set_sentences(*self.compare_examples[self.example])
        else:
            self.example = (self.example + delta) % len(self.examples)
            self.set_sentences(self.examples[self.example])

    def set_sentences(self, a: str, b: str | None = None) -> None:
        """Put ``a`` (and ``b``) in the fields and read them (the demo and the examples use this)."""
        self.sentence = a
        self.query_one("#ctx-sentence", Input).value = a
        if b is not None:
            self.sentence_b = b
            self.query_one("#ctx-sentence-b", Input).value = b
        self._reread(to_end=True)

    def action_compare(self) -> None:
        """c: two sentences side by side (starting with 我喜欢美女 / 我不喜欢美女), or back to one."""
        self.compare = not self.compare
        self._sync_controls()
        if self.compare and self.compare_examples:
            self.example = 0
            self.set_sentences(*self.compare_examples[0])
        else:
            self._reread(to_end=True)

