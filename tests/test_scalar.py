"""The tutorial's scalar walk-through: s_t = x_t·u + s_{t-1}·w, o_t = s_t·v."""

import pytest

from core.forward.scalar import ScalarParams, walk
from core.forward.tokens import tokenize


def _walk(text="我爱中国", **params):
    tk = tokenize(text)
    return list(walk(tk.tokens, tk.ids, ScalarParams(**params)))


def test_tutorial_numbers():
    steps = _walk()
    assert [r.t for r in steps] == [1, 2, 3]
    assert [r.token for r in steps] == ["我", "爱", "中国"]
    assert [r.x for r in steps] == [1, 2, 3]
    assert [r.prev_s for r in steps] == [1, 2, 4]
    assert [r.s for r in steps] == [2, 4, 7]
    assert [r.o for r in steps] == [4, 8, 14]


def test_each_state_feeds_the_next_step():
    steps = _walk("我不喜欢美女")
    for before, after in zip(steps, steps[1:]):
        assert after.prev_s == before.s


@pytest.mark.parametrize(
    "u, w, v, s0, s, o",
    [
        (2.0, 1.0, 2.0, 1.0, [3, 7, 13], [6, 14, 26]),  # s = 2x + prev
        (1.0, 0.5, 1.0, 0.0, [1, 2.5, 4.25], [1, 2.5, 4.25]),  # the past fades by half each step
        (1.0, 0.0, 3.0, 9.0, [1, 2, 3], [3, 6, 9]),  # w = 0: no memory at all
        (0.5, 2.0, -1.0, -1.0, [-1.5, -2.0, -2.5], [1.5, 2.0, 2.5]),
    ],
)
def test_other_parameters(u, w, v, s0, s, o):
    steps = _walk(u=u, w=w, v=v, s0=s0)
    assert [r.s for r in steps] == pytest.approx(s)
    assert [r.o for r in steps] == pytest.approx(o)
    assert steps[0].prev_s == s0


def test_repeated_token_feeds_the_same_x():
    steps = _walk("我爱我")
    assert [r.x for r in steps] == [1, 2, 1]
    assert [r.s for r in steps] == [2, 4, 5]


def test_empty_input_yields_nothing():
    assert _walk("") == []
