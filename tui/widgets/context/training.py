"""The Context tab's two workers, as plain functions run by ``run_worker`` (thread): build the
corpus and the random models, and train them. They see only what they are handed and
``post`` messages to the tab, tagged with the run they belong to (tui.runs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.worker import get_current_worker

from core.io.visible import first_line


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
