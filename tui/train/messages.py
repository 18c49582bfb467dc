"""Messages the Train tab's workers post to the tab (small dataclasses; handlers ``on_train_*``).

Every training message carries the ``run`` id it belongs to: after a reset or a
load the tab starts a new run id, so a late message from a cancelled worker is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from core.sincos.train import Evaluation, TrainStep


@dataclass(eq=False)
class Ready(Message, namespace="train"):
    """The engine is built (torch imported if needed); steps follow."""

    run: int


@dataclass(eq=False)
class Warmed(Message, namespace="train"):
    """The background import of torch is over (or failed: a run will say why)."""


@dataclass(eq=False)
class Steps(Message, namespace="train"):
    """Steps done since the last message (core.runner.Batch), with the rate of this stretch."""

    run: int
    records: tuple[TrainStep, ...]
    active: float  # seconds this stretch has trained
    rate: float | None  # steps per second in this stretch (None: not measured yet)


@dataclass(eq=False)
class Halted(Message, namespace="train"):
    """The worker stopped before the end (paused, or its step budget was used); every step is posted."""

    run: int


@dataclass(eq=False)
class Finished(Message, namespace="train"):
    """The last step is done; ``unseen`` is the model on the stretch after the trained windows."""

    run: int
    unseen: Evaluation
    active: float


@dataclass(eq=False)
class Stopped(Message, namespace="train"):
    """Training could not go on. ``kind``: diverged, unavailable or error."""

    run: int
    kind: str
    error: BaseException


@dataclass(eq=False)
class FileDone(Message, namespace="train"):
    """A save or load finished: ``text`` says what happened, ``kind`` colours it (ok or error)."""

    text: str
    kind: str
    loaded: tuple | None = None  # a load: (config, weights, steps trained or None, core.sincos.resume.Resume or None)
    path: Path | None = None
