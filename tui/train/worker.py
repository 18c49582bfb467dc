"""The Train tab's training loop, run in a thread worker: core's Trainer driven by core.runner, posting messages.

The loop is runner.batches over the trainer's steps: it paces to ``delay()`` (read before every step,
so a speed change acts at once), batches the records for the UI, and stops when the worker is
cancelled. Each step holds ``lock``, so a save reads the weights between two steps. A plain function,
not a mixin: it sees only what it is handed (``post`` sends a message to the tab).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.message import Message
from textual.worker import get_current_worker

from core.runner import batches, fast_switch
from core.sincos.train import Diverged, EngineUnavailable, Trainer
from tui.train.messages import Finished, Halted, Ready, Steps, Stopped, Warmed

EVAL_WINDOWS = 10  # windows of the unseen stretch evaluated after training
PAINT_WAIT = 0.2  # the worker waits at most this long for the new state to be painted


def _records(trainer: Trainer, lock: threading.Lock):
    while not trainer.finished:
        with lock:
            record = trainer.step()
        yield record


def train(post: Callable[[Message], object], lock: threading.Lock, delay: Callable[[], float], run: int,
          trainer: Trainer, steps: int | None, painted: threading.Event) -> None:
    """The training loop (worker thread): build the engine, then post each batch of steps tagged ``run``."""
    worker, active = get_current_worker(), 0.0
    with fast_switch():
        try:
            with lock:
                _ = trainer.engine  # imports torch the first time: ~2 s
            post(Ready(run))
            painted.wait(PAINT_WAIT)
            for batch in batches(_records(trainer, lock), delay=delay, cancelled=lambda: worker.is_cancelled,
                                 limit=steps):
                active = batch.active
                post(Steps(run, batch.records, batch.active, batch.rate))
            if not trainer.finished or worker.is_cancelled:
                post(Halted(run))
                return
            with lock:
                unseen = trainer.evaluate(EVAL_WINDOWS)
            post(Finished(run, unseen, active))
        except Diverged as exc:
            post(Stopped(run, "diverged", exc))
        except (EngineUnavailable, ImportError) as exc:
            post(Stopped(run, "unavailable", exc))
        except Exception as exc:  # e.g. loaded weights that do not fit
            post(Stopped(run, "error", exc))


def warm_up(post: Callable[[Message], object]) -> None:
    """Import torch in the background (~2 s), so that Start is quick; a run reports a failure (and falls back)."""
    try:
        import core.sincos.train_torch  # noqa: F401
    except Exception:  # noqa: BLE001 -- reported by the run that needs it
        pass
    post(Warmed())
