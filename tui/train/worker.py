"""The Train tab's worker (a mixin of TrainTab): core's Trainer driven by core.runner, posting messages.

The loop is runner.batches over the trainer's steps: it paces to the tab's
``_delay`` (read before every step, so a speed change acts at once), batches
the records for the UI, and stops when the worker is cancelled. Each step holds
the tab's ``_lock``, so a save reads the weights between two steps.
"""

from __future__ import annotations

import threading

from textual import work
from textual.worker import get_current_worker

from core.runner import batches, fast_switch
from core.sincos.train import Diverged, EngineUnavailable, Trainer
from tui.train.messages import Finished, Halted, Ready, Steps, Stopped

EVAL_WINDOWS = 10  # windows of the unseen stretch evaluated after training
PAINT_WAIT = 0.2  # the worker waits at most this long for the new state to be painted


class TrainWorker:
    """Uses the tab's ``_lock``, ``_delay`` and ``post_message``."""

    def _records(self, trainer: Trainer):
        while not trainer.finished:
            with self._lock:
                record = trainer.step()
            yield record

    # Not exclusive: a new run may start (the clipping preset, the numpy fall-back) while the last worker,
    # its final message posted, is still returning; cancelling it then would report a cancelled worker.
    @work(thread=True, group="train", exit_on_error=False)
    def _train(self, run: int, trainer: Trainer, steps: int | None, painted: threading.Event) -> None:
        """The training loop (worker thread): build the engine, then post each batch of steps."""
        worker, active = get_current_worker(), 0.0
        with fast_switch():
            try:
                with self._lock:
                    _ = trainer.engine  # imports torch the first time: ~2 s
                self.post_message(Ready(run))
                painted.wait(PAINT_WAIT)
                for batch in batches(self._records(trainer), delay=lambda: self._delay,
                                     cancelled=lambda: worker.is_cancelled, limit=steps):
                    active = batch.active
                    self.post_message(Steps(run, batch.records, batch.active, batch.rate))
                if not trainer.finished or worker.is_cancelled:
                    self.post_message(Halted(run))
                    return
                with self._lock:
                    unseen = trainer.evaluate(EVAL_WINDOWS)
                self.post_message(Finished(run, unseen, active))
            except Diverged as exc:
                self.post_message(Stopped(run, "diverged", exc))
            except (EngineUnavailable, ImportError) as exc:
                self.post_message(Stopped(run, "unavailable", exc))
            except Exception as exc:  # e.g. loaded weights that do not fit
                self.post_message(Stopped(run, "error", exc))

