"""core/runner.py: batching, pacing, cancellation and errors, on a fake clock (no Textual)."""

import sys

import pytest

from core.runner import FLAT_BATCH_SECONDS, batches, fast_switch


class FakeClock:
    """A clock that moves only when told to (each record costs ``cost`` seconds)."""

    def __init__(self):
        self.now = 0.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def costly(n: int, clock: FakeClock, cost: float):
    for i in range(1, n + 1):
        clock.now += cost
        yield i


def test_every_record_arrives_once_in_order():
    clock = FakeClock()
    out = list(batches(costly(100, clock, 0.01), clock=clock, sleep=clock.sleep))
    assert [r for b in out for r in b.records] == list(range(1, 101))
    assert out[-1].count == 100
    # flat out: one batch per FLAT_BATCH_SECONDS of work, not one per record
    assert len(out) == pytest.approx(100 * 0.01 / FLAT_BATCH_SECONDS, abs=2)


def test_pacing_spreads_records_over_time():
    clock = FakeClock()
    out = list(batches(costly(20, clock, 0.0), delay=0.05, clock=clock, sleep=clock.sleep))
    assert sum(len(b.records) for b in out) == 20
    assert clock.slept == pytest.approx(20 * 0.05, rel=0.05)
    assert out[-1].rate == pytest.approx(20, rel=0.1)


def test_limit_stops_early_and_the_source_can_go_on():
    clock = FakeClock()
    source = costly(10, clock, 0.01)
    first = [r for b in batches(source, limit=3, clock=clock, sleep=clock.sleep) for r in b.records]
    rest = [r for b in batches(source, clock=clock, sleep=clock.sleep) for r in b.records]
    assert first == [1, 2, 3] and rest == list(range(4, 11))


def test_cancel_stops_between_records_and_keeps_what_was_made():
    clock = FakeClock()
    made = []

    def source():
        for i in range(1, 101):
            made.append(i)
            yield i

    out = [r for b in batches(source(), cancelled=lambda: len(made) >= 5, clock=clock, sleep=clock.sleep)
           for r in b.records]
    assert out == [1, 2, 3, 4, 5]  # checked before every record; the five made are delivered


def test_cancel_wakes_a_slow_pace():
    clock = FakeClock()
    flag = {"stop": False}

    def sleep(seconds):
        clock.sleep(seconds)
        flag["stop"] = True  # cancelled during the first pause

    out = list(batches(costly(10, clock, 0.0), delay=100.0, cancelled=lambda: flag["stop"], clock=clock, sleep=sleep))
    assert [r for b in out for r in b.records] == [1]
    assert clock.slept < 1.0  # did not sleep the whole 100 s


def test_an_error_arrives_after_the_records_before_it():
    clock = FakeClock()

    def failing():
        yield 1
        yield 2
        raise ValueError("diverged")

    got = []
    with pytest.raises(ValueError, match="diverged"):
        for batch in batches(failing(), clock=clock, sleep=clock.sleep):
            got.extend(batch.records)
    assert got == [1, 2]


def test_fast_switch_restores_the_interval_after_the_last_user():
    before = sys.getswitchinterval()
    with fast_switch():
        with fast_switch():
            assert sys.getswitchinterval() < before
        assert sys.getswitchinterval() < before
    assert sys.getswitchinterval() == before
