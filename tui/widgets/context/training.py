"""The Context tab's models and their training: two workers, plain functions run by ``run_worker``
(thread), that build the corpus and the random models and train them, posting messages tagged with
the run they belong to (tui.runs); and ContextTraining, the panel that runs them and holds the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.message import Message
from textual.worker import get_current_worker

from core.io.visible import first_line
from tui.i18n import t
from tui.runs import Runs, RunState
from tui.widgets.context.train_panel import TrainPanel
from tui.widgets.status import Say


@dataclass(eq=False)
class Prepared(Message, namespace="context"):
    """The corpus is built and the dictionary loaded (``trainer`` None: ``error`` says why)."""

    trainer: object
    error: str | None = None


@dataclass(eq=False)
class Started(Message, namespace="context"):
    """A fresh trainer (the same corpus and random start) is training: the one a second run uses."""

    run: int
    trainer: object


@dataclass(eq=False)
class Steps(Message, namespace="context"):
    """Training records since the last message, and a snapshot of the models after them."""

    run: int
    records: tuple
    models: object


@dataclass(eq=False)
class Finished(Message, namespace="context"):
    """The worker is done: ``models`` as training left them, ``complete`` False if stopped early; ``check``
    the negation check on real reviews (core.context.reviews), when it ran."""

    run: int
    models: object
    complete: bool
    error: str | None = None
    check: object = None


def prepare(post: Callable[[Message], object], config) -> None:
    """Load the segmenter's dictionary and build the corpus and the random models (~1 s)."""
    try:
        from core.context.train import ContextTrainer
        from core.forward.tokens import preload

        preload()
        trainer = ContextTrainer(config)
    except Exception as exc:  # noqa: BLE001 -- shown on screen in one line
        post(Prepared(None, first_line(exc)))
    else:
        post(Prepared(trainer))


def train(post: Callable[[Message], object], run: int, trainer) -> None:
    """The training loop: post batches of records, stop when cancelled; then the negation check. A trainer
    that has trained before is rebuilt first (here, off the UI thread), from the same random weights."""
    from core.runner import batches, fast_switch

    if trainer.done:
        from core.context.train import ContextTrainer

        trainer = ContextTrainer(trainer.config, trainer.corpus)
        post(Started(run, trainer))
    worker = get_current_worker()
    error = None
    with fast_switch():
        try:
            for batch in batches(trainer, cancelled=lambda: worker.is_cancelled):
                post(Steps(run, batch.records, trainer.models))
        except Exception as exc:  # noqa: BLE001 -- a diverged run: one line on screen
            error = first_line(exc)
    complete = trainer.done == trainer.steps
    check = None
    if complete and error is None and trainer.config.corpus != "generated" and not worker.is_cancelled:
        from core.context.reviews import negation_check

        check = negation_check(trainer.models, trainer.corpus)  # real reviews: does order matter there?
    post(Finished(run, trainer.models, complete, error, check))


class ContextTraining(TrainPanel):
    """The training curves, and the run behind them: it builds the corpus (``prepare``), trains both models
    (``toggle``: t), and holds the trainer, the models and their random start. Whenever what it holds
    changed it posts ``Changed`` (``kind``: fresh, loaded, started, batch or ended); the tab redraws."""

    class Changed(Message):
        def __init__(self, kind: str, error: str | None = None, complete: bool = True, first: bool = False,
                     note: str | None = None):
            super().__init__()
            self.kind, self.error, self.complete, self.first = kind, error, complete, first
            self.note = note  # what to say after the redraw (where the new models came from)

    def __init__(self, config, **kwargs) -> None:
        super().__init__(**kwargs)
        self.config = config  # core.context.config.ContextConfig (tests shrink it, e.g. epochs, before t)
        self.state = RunState.LOADING  # LOADING (the corpus) | IDLE (random weights) | RUNNING | FINISHED (trained) | STOPPED
        self.trainer = None  # core.context.train.ContextTrainer, built off the UI thread
        self.models = None  # the trained (or partly trained, or loaded) models
        self.random = None  # the same models at their random starting weights
        self.negation = None  # after training on real reviews: the negation check (core.context.reviews)
        self.train_when_ready = False  # t was pressed while the corpus was still being built
        self.runs = Runs()  # training messages of an older run are dropped

    def _say(self, text: str, kind: str) -> None:
        self.post_message(Say(text, kind))

    def prepare(self, config) -> None:
        """Build ``config``'s corpus and random models in a worker (the models go back to random weights)."""
        self.state, self.trainer, self.models = RunState.LOADING, None, None
        self.run_worker(partial(prepare, self.post_message, config), thread=True, exclusive=True,
                        group="context-prepare", exit_on_error=False)

    def on_context_prepared(self, message: Prepared) -> None:
        message.stop()
        if message.trainer is None:
            self.state = RunState.STOPPED
            self._say(t("context.prepare_failed", error=message.error), "error")
            return
        self.use(message.trainer)
        if self.train_when_ready:
            self.train_when_ready = False
            self.toggle()

    def use(self, trainer, note: str | None = None) -> None:
        """Start over with ``trainer`` (its config and corpus): random weights until t is pressed."""
        self.workers.cancel_group(self, "context-train")
        self.runs.start()
        self.trainer, self.config, self.random = trainer, trainer.config, trainer.random
        self.state, self.models = RunState.IDLE, None
        self.post_message(self.Changed("fresh", note=note))

    def toggle(self) -> None:
        """t: train both models (or stop the run under way; before the corpus is ready, ask for it after)."""
        if self.state == RunState.RUNNING:
            self.workers.cancel_group(self, "context-train")
        elif self.trainer is None:
            if self.state == RunState.LOADING:  # t again takes the request back
                self.train_when_ready = not self.train_when_ready
                self._say(t("context.train_queued" if self.train_when_ready else "context.not_ready"), "info")
        else:
            self.random = self.trainer.random  # the start (trained before: the worker starts again from it)
            self.state = RunState.RUNNING
            self.clear(self.config.epochs)
            self.run_worker(partial(train, self.post_message, self.runs.start(), self.trainer), thread=True,
                            exclusive=True, group="context-train", exit_on_error=False)
            self.post_message(self.Changed("started"))

    def on_context_started(self, message: Started) -> None:
        message.stop()
        if not self.runs.stale(message.run):
            self.trainer = message.trainer

    def on_context_steps(self, message: Steps) -> None:
        message.stop()
        if not self.runs.stale(message.run):
            self.show(message.records, message.models)

    def show(self, records, models) -> None:
        """Draw training records; the models after them are the ones on screen (watch the answers change)."""
        self.epochs = self.config.epochs
        self.add(records)
        self.models = models if models.trained else None
        self.post_message(self.Changed("batch", first=len(self.records) == len(records)))

    def on_context_finished(self, message: Finished) -> None:
        message.stop()
        if not self.runs.stale(message.run):
            self.finish(message.models, message.complete, message.error, message.check)

    def finish(self, models, complete: bool = True, error: str | None = None, check=None) -> None:
        """The end of a run (``complete`` False: stopped early; ``error``: why it failed; ``check``: the
        negation check on real reviews, core.context.reviews.NegationCheck)."""
        self.negation = check
        self.models = models if models.trained else None
        self.state = RunState.FINISHED if self.models is not None else RunState.IDLE
        self.post_message(self.Changed("ended", error, complete))

    def load(self, models, note: str | None = None) -> None:
        """Models from a file: shown as trained (t trains afresh on the tab's corpus)."""
        from core.context.models import random_models

        self.runs.start()
        self.models, self.random = models, random_models(models.config, models.vocab)
        self.state = RunState.FINISHED if models.trained else RunState.IDLE
        self.post_message(self.Changed("loaded", note=note))
