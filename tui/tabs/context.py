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

from textual import on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Button, Input

from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.player import Player
from tui.runs import RunState
from tui.tabs.base import SteppingTab
from tui.widgets.context.files import ContextFiles
from tui.widgets.context.lens import LensSource, UnitLens
from tui.widgets.context.readings import ContextReadings
from tui.widgets.context.sentences import MAX_CHARS, ContextSentences
from tui.widgets.context.status import status_line
from tui.widgets.context.training import ContextTraining
from tui.widgets.status import Say, StatusText

PLAY_SECONDS = 0.6  # between two steps while playing
PRESET_FALLBACK = ("我不喜欢美女",)


class ContextTab(SteppingTab):
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
    ContextTab.lens ContextReadings { display: none; }
    ContextTab.files ContextFiles { display: block; }
    ContextTab #ctx-lens { display: none; }
    ContextTab.lens #ctx-lens { display: block; }
    ContextTab.lens #ctx-reading, ContextTab.lens #ctx-compare-view, ContextTab.lens #ctx-train { display: none; }
    """

    def __init__(self):
        super().__init__()
        from core.context.config import ContextConfig  # no NumPy: the first frame does not wait

        self.training = ContextTraining(ContextConfig(), id="ctx-train")  # the models, and the run that trains them
        self.examples = PRESET_FALLBACK
        self.compare_examples: tuple = ()
        self.example = 0  # 我不喜欢美女; e: the same-words pair the order-blind model cannot split
        self.sentence, self.sentence_b = "我不喜欢美女", "我喜欢美女"
        self.demo_held = 0  # the demo's Context scene: ticks it has held the whole sentence on screen
        self.player = Player(self, lambda: PLAY_SECONDS)

    use_random = reactive(False, init=False)  # w: show the random starting weights although trained
    compare = reactive(False, init=False, toggle_class="compare")  # two sentences side by side
    lens = reactive(False, init=False, toggle_class="lens")  # u: the unit lens instead of the reading

    # what the training panel holds (tests and the demo read them here)
    state = property(lambda self: self.training.state)  # tui.runs.RunState
    config = property(lambda self: self.training.config)
    trainer = property(lambda self: self.training.trainer)
    models = property(lambda self: self.training.models)
    random = property(lambda self: self.training.random)
    negation = property(lambda self: self.training.negation)

    # ----- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ContextSentences(self.sentence, self.sentence_b)
        yield ContextFiles(self.config, id="ctx-files")
        yield StatusText(t("context.loading"), id="ctx-status")
        yield self.training
        yield ContextReadings()
        yield UnitLens(id="ctx-lens")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # clicking keeps the tab focused, so its keys keep working
        self._sync_controls()
        self._draw()
        self.training.prepare(self.config)

    # ----- the models: trained by the training panel -------------------------------------

    def action_train(self) -> None:
        """t: train both models (or stop the run under way)."""
        self.training.toggle()

    def use_trainer(self, trainer) -> None:
        """Start over with ``trainer`` (its config and corpus): random weights until t is pressed."""
        self.training.use(trainer)

    def show_records(self, records, models) -> None:
        """Training records and the models after them (public: tests feed seeded records without a worker)."""
        self.training.show(records, models)

    def show_finished(self, models, complete: bool = True, error: str | None = None, check=None) -> None:
        self.training.finish(models, complete, error, check)

    def on_context_training_changed(self, message: ContextTraining.Changed) -> None:
        kind = message.kind
        if kind == "fresh" and not self.compare_examples:
            from core.context.corpus import COMPARE_PRESETS, PRESETS

            self.examples, self.compare_examples = PRESETS, COMPARE_PRESETS
        if kind in ("fresh", "loaded", "started"):
            self.set_reactive(ContextTab.use_random, False)  # (redrawn below)
        if kind in ("fresh", "loaded", "started", "ended"):
            self.set_class(kind in ("started", "ended"), "has-run")
        if kind == "started" and self.lens:
            self.action_lens()  # the lens reads the trained model: back to the sentence while training
        if kind in ("fresh", "started", "ended") or message.first:  # (a later batch keeps a warning, e.g. u, up)
            self._status(message.error, message.complete)
        self._sync_controls()
        if kind in ("fresh", "loaded", "batch", "ended"):
            self._reread(to_end=kind != "batch")
        if message.note:
            self.say(message.note, "ok")

    # ----- reading -------------------------------------------------------------------

    @property
    def shown_models(self):
        """The models on screen: the trained ones, or the random start (untrained, or w)."""
        if self.models is not None and not self.use_random:
            return self.models
        return self.random

    @property
    def reading(self):
        """The sentence as the models on screen read it (core.context.read.Reading; None: not read yet)."""
        return self.query_one(ContextReadings).reading

    def _reread(self, to_end: bool = False) -> None:
        """Read the sentence(s) again with the models on screen; keep the step if it still exists."""
        if self.shown_models is not None:
            n = self.query_one(ContextReadings).read(self.shown_models, self.sentence,
                                                    self.sentence_b if self.compare else None,
                                                    explain=self.state != RunState.RUNNING)
            self.set_reactive(ContextTab.step, n if to_end else min(self.step, n))
        self._draw()

    def watch_step(self) -> None:
        self._draw()

    def watch_compare(self) -> None:
        self._sync_controls()

    # ----- drawing -------------------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        self.query_one(StatusText).say(text, kind)

    @property
    def status_text(self) -> str:
        return self.query_one(StatusText).text

    def _status(self, error: str | None = None, complete: bool = True) -> None:
        """The line that says what is going on (and which weights are on screen)."""
        line = status_line(self, self.training.last, error, complete)
        if line is not None:
            self.say(*line)

    def _draw(self) -> None:
        random = self.shown_models is None or not self.shown_models.trained
        title = t("context.title_random" if random else "context.title_trained", h=self.config.hidden)
        if self.state == RunState.RUNNING and not random:
            title = t("context.title_training", k=self.shown_models.steps, steps=self.trainer.steps, h=self.config.hidden)
        self.query_one(ContextReadings).show(self.step, title, random, ready=self.trainer is not None)
        self._draw_lens()

    def _sync_controls(self) -> None:
        self.query_one(ContextFiles).use(self.config, self.models, self.state == RunState.RUNNING)
        self.query_one(ContextSentences).sync(self.models is not None and not self.use_random, self.compare)

    # ----- controls ------------------------------------------------------------------

    def on_context_sentences_edited(self, event: ContextSentences.Edited) -> None:
        if getattr(self, event.field) != event.text:  # (not the Changed each field posts when mounted)
            setattr(self, event.field, event.text)
            self._reread(to_end=True)

    def on_context_sentences_cut(self) -> None:
        self.say(t("context.cut", n=f"{MAX_CHARS:,}"), "warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"ctx-example": self.action_example, "ctx-weights": self.action_toggle_weights,
                   "ctx-compare": self.action_compare}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    def step_count(self) -> int:
        """Words to step through (aligned rows in compare mode)."""
        return self.query_one(ContextReadings).steps

    def action_toggle_weights(self) -> None:
        """w: the same sentence through the trained or the random starting weights."""
        if self.models is None:
            self.say(t("context.no_trained"), "warning")
            return
        self.use_random = not self.use_random

    def watch_use_random(self) -> None:
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
        if b is not None:
            self.sentence_b = b
        self.query_one(ContextSentences).put(a, b)
        self._reread(to_end=True)

    def action_compare(self) -> None:
        """c: two sentences side by side (starting with 我喜欢美女 / 我不喜欢美女), or back to one."""
        self.compare = not self.compare
        if self.compare and self.compare_examples:
            self.example = 0
            self.set_sentences(*self.compare_examples[0])
        else:
            self._reread(to_end=True)

    # ----- the files rows and the unit lens (child widgets) -----------------------------

    def action_files(self) -> None:
        """d: show or hide the file rows (and put the cursor in the data field)."""
        self.toggle_class("files")
        if self.has_class("files"):
            self.query_one("#ctx-data", Input).focus()
        else:
            self.focus()

    def on_say(self, message: Say) -> None:
        message.stop()
        self.say(message.text, message.kind)

    def on_context_files_corpus(self, message: ContextFiles.Corpus) -> None:
        self.training.prepare(message.config)

    def on_context_files_trainer(self, message: ContextFiles.Trainer) -> None:
        self.training.use(message.trainer, message.note)

    def on_context_files_loaded(self, message: ContextFiles.Loaded) -> None:
        self.training.load(message.models, message.note)

    def action_lens(self) -> None:
        """u: open or close the unit lens (trained models only)."""
        if not self.lens and (self.models is None or self.state == RunState.RUNNING):
            self.say(t("context.lens.train_first"), "warning")
            return
        self.lens = not self.lens
        if self.lens and self.compare:
            self.action_compare()
        self._draw_lens()

    def action_feature(self) -> None:
        self.query_one(UnitLens).next_feature()

    def action_unit(self, delta: int) -> None:
        self.query_one(UnitLens).move(delta)

    def action_clamp(self, value: float | None) -> None:
        """-, 0, +: hold the selected unit at -1, 0 or +1 from the current word on; x: release it."""
        self.query_one(UnitLens).clamp(value)

    def on_unit_lens_failed(self, message: UnitLens.Failed) -> None:
        self.say(message.text, "error")

    def _draw_lens(self) -> None:
        if self.lens and self.models is not None:  # it scans the user's own held-out sentences (a data file), if any
            trainer, readings = self.trainer, self.query_one(ContextReadings)
            own = trainer is not None and trainer.config.data is not None and self.models.vocab == self.random.vocab
            self.query_one(UnitLens).show_for(LensSource(self.models, readings.reading, self.step, self.examples,
                                                         readings.read_one, trainer.corpus.test if own else None))
