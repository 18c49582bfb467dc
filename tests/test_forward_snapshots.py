"""SVG snapshots of the Forward tab: 80×24 and 120×40, scalar and vector, English
and Chinese, plus the too-small message. Regenerate with
``python -m pytest tests/test_forward_snapshots.py --snapshot-update`` and look at them.

Deterministic: the tab root has focus (no
blinking cursor in a field), speeds are fixed text, weights come from seed 0.
"""

from __future__ import annotations

import pytest

from tui.app import RnnTui


def steps(n: int, *keys: str):
    """A run_before that presses ``keys``, then ``right`` n times."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*keys, *["right"] * n)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_scalar_after_two_steps(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=steps(2))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_vector_after_two_steps(snap_compare, lang, size):
    assert snap_compare(RnnTui(lang=lang, mode="vector"), terminal_size=size, run_before=steps(2))


def test_step_zero(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(80, 24), run_before=steps(0))


def test_compare_view(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(100, 30), run_before=steps(0, "c"))


def test_empty_sentence(snap_compare):
    assert snap_compare(RnnTui(sentence=""), terminal_size=(80, 24), run_before=steps(0))


def test_too_small_message(snap_compare):
    assert snap_compare(RnnTui(), terminal_size=(60, 20), run_before=steps(0))
