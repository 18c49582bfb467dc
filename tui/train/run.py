"""The Train tab's run: the trainer, every step's figures, the seconds trained, and a loaded model's
weights waiting for the next start. Plain data with the few rules about it; the tab drives it."""

from __future__ import annotations

import threading
from array import array

from core.sincos.config import TrainConfig
from core.sincos.init import shapes
from core.sincos.train import Trainer
from tui.runs import Runs
from tui.widgets.train.file_row import SaveSource


class TrainRun:
    """What one training run has done so far (and what the next one starts from)."""

    def __init__(self) -> None:
        self.trainer: Trainer | None = None
        self.runs = Runs()  # tags the worker's messages: a reset or a load makes the old ones stale
        self.lock = threading.Lock()  # held by the worker around each step: weights are read between steps
        self.start_weights: dict | None = None  # a loaded model's weights, used by the next run
        self.start_resume = None  # a loaded model's core.sincos.resume.Resume: the next run continues it
        self.clear()

    def clear(self) -> None:
        """No steps yet."""
        self.losses, self.grad_norms = array("d"), array("d")  # every step (the metrics files' source)
        self.grad_maxes = array("d")  # every step's largest |gradient element| (the preset counts clipped steps)
        self.active_before = self.active = 0.0  # seconds trained (pauses excluded)

    def forget(self) -> None:
        """No run and no loaded weights; the old worker's messages are stale."""
        self.runs.start()
        self.trainer, self.start_weights, self.start_resume = None, None, None
        self.clear()

    @property
    def done(self) -> int:
        """Steps taken (and shown)."""
        return len(self.losses)

    def numpy_instead(self) -> TrainConfig | None:
        """The config to go on with when torch is unavailable (None: this run cannot use NumPy)."""
        config = self.trainer.config if self.trainer else None
        usable = config is not None and config.engine == "torch" and config.cell == "rnn"
        return config.with_(engine="numpy") if usable else None

    def add(self, records) -> None:
        for rec in records:
            self.losses.append(rec.loss)
            self.grad_norms.append(rec.grad_norm)
            self.grad_maxes.append(rec.grad_max)

    def resume(self):
        """The loaded run the next start continues (None: a new run)."""
        return self.start_resume if self.start_weights is not None else None

    def begin(self, config: TrainConfig) -> Trainer:
        """A new run's trainer (from the loaded weights, if any); older messages are stale from now."""
        self.runs.start()
        self.trainer = Trainer(config, weights=self.start_weights, resume=self.resume())
        self.clear()
        return self.trainer

    def fits(self, config: TrainConfig | None) -> bool:
        """False (and the loaded weights dropped) when ``config`` no longer fits them."""
        if config is None or self.start_weights is None:
            return True
        if all(self.start_weights[k].shape == s for k, s in shapes(config).items()):
            return True
        self.start_weights = self.start_resume = None
        return False

    def save_source(self, stopped: bool) -> SaveSource | None:
        """What a save reads (None: nothing to save). ``stopped``: the run diverged or failed."""
        trainer = self.trainer
        if trainer is None or not self.losses:
            return None
        diverged = trainer.done if stopped and trainer.diverged else None  # counted, but no step shown for it
        return SaveSource(trainer, self.lock, tuple(self.losses), tuple(self.grad_norms), diverged)
