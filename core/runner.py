"""Run a generator of step records for a UI: paced, batched, cancellable.

The one way the app trains (Train tab and Context tab alike). The worker thread
in the UI is a short loop over ``batches``; this module knows nothing of Textual:

    for batch in batches(trainer, delay=lambda: 0.05, cancelled=lambda: worker.is_cancelled):
        post(batch)            # batch.records, batch.rate, batch.active

The model is toolong's ``scan_line_breaks(batch_time=...)``: the engine side
decides how much work goes into one message, so the UI receives a few
messages a second however fast the engine runs.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PACED_BATCH_SECONDS = 0.045  # at watching pace, a batch at most every 45 ms (each step at 20 steps/s)
FLAT_BATCH_SECONDS = 0.1  # flat out, 10 batches a second: every UI update takes the GIL from the engine
SLEEP_SLICE = 0.02  # the pacing sleep checks for cancellation this often
SWITCH_INTERVAL = 0.001  # GIL switch interval while training (Python's default is 0.005)


@dataclass(frozen=True)
class Batch(Generic[T]):
    """Records produced since the last batch."""

    records: tuple[T, ...]  # in order; never empty
    active: float  # seconds since ``batches`` started
    count: int  # records produced so far in this drive (including these)
    rate: float | None  # records per second so far (None until there are two)


def _as_callable(value: float | Callable[[], float]) -> Callable[[], float]:
    return value if callable(value) else (lambda: value)


def batches(records: Iterable[T], *, delay: float | Callable[[], float] = 0.0,
            cancelled: Callable[[], bool] = lambda: False, limit: int | None = None,
            clock: Callable[[], float] = time.monotonic,
            sleep: Callable[[float], None] = time.sleep) -> Iterator[Batch[T]]:
    """Pull records from ``records`` and yield them in batches.

    Args:
        records: any iterable of records (a Trainer, a generator).
        delay: seconds between two records (0: flat out); a callable is read
            before every record, so a speed change applies at once.
        cancelled: checked before every record and while sleeping; True stops
            the drive (what was produced is still yielded).
        limit: stop after this many records (None: until ``records`` ends).
        clock, sleep: injectable for tests.

    Yields:
        Batch records, at most every PACED_BATCH_SECONDS at watching pace and
        every FLAT_BATCH_SECONDS flat out. An exception raised by ``records``
        (e.g. a diverged run) propagates after the records before it were yielded.
    """
    delay_of = _as_callable(delay)
    it = iter(records)
    start = last = clock()
    due = start
    pending: list[T] = []
    count = 0

    def batch() -> Batch[T]:
        active = clock() - start
        rate = count / active if count >= 2 and active > 0 else None
        out = Batch(tuple(pending), active, count, rate)
        pending.clear()
        return out

    try:
        while not cancelled() and (limit is None or count < limit):
            try:
                record = next(it)
            except StopIteration:
                break
            pending.append(record)
            count += 1
            pause = max(0.0, float(delay_of()))
            now = clock()
            if now - last >= (PACED_BATCH_SECONDS if pause else FLAT_BATCH_SECONDS):
                yield batch()
                last = now
            due = max(due + pause, now - pause)  # after a stall, no burst to catch up
            _sleep_until(due, cancelled, clock, sleep)
    except Exception:
        if pending:
            yield batch()
        raise
    if pending:
        yield batch()


def _sleep_until(due: float, cancelled: Callable[[], bool], clock, sleep) -> None:
    """Sleep until ``due`` in short slices, waking early on cancel."""
    while not cancelled():
        left = due - clock()
        if left <= 0:
            return
        sleep(min(left, SLEEP_SLICE))


class fast_switch:
    """A shorter GIL switch interval while any training worker runs (a context manager).

    Every torch op releases the GIL and takes it back; with the UI thread busy,
    each take-back can wait the whole switch interval (5 ms by default), which
    made an in-app step 10-20x slower than a headless one. Restored when the
    last worker leaves.
    """

    _lock = threading.Lock()
    _count = 0
    _saved = 0.005

    def __enter__(self) -> None:
        with fast_switch._lock:
            if fast_switch._count == 0:
                fast_switch._saved = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            fast_switch._count += 1

    def __exit__(self, *exc) -> None:
        with fast_switch._lock:
            fast_switch._count -= 1
            if fast_switch._count == 0:
                sys.setswitchinterval(fast_switch._saved)
