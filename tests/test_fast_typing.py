"""Keys typed faster than the app handles them keep their order in every text field: a bound editing key
(backspace, ctrl+u) acts where it was pressed, not after the characters typed behind it (textual#6605)."""

from __future__ import annotations

import pytest
from screen import typed, wait_until
from textual.widgets import Input

from tui.app import RnnTui
from tui.panes import TABS
from tui.widgets.field import Field


@pytest.mark.parametrize(("keys", "reads"), [
    (("end", "ctrl+u", "2"), "2"),
    (("end", "backspace", "3"), "3"),
    (("home", "ctrl+k", "x", "y", "backspace", "z"), "xz"),
])
async def test_a_burst_of_keys_lands_in_the_order_typed(keys, reads):
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.query_one("#fw-u", Input)
        await wait_until(pilot, lambda: field.region.width > 0, what="the Forward form")
        await pilot.click("#fw-u")
        typed(app, *keys)
        await wait_until(pilot, lambda: field.value == reads, what=f"the field to read {reads!r} (it reads {field.value!r})")
        await wait_until(pilot, lambda: app.active_tab().inputs.scalar.u == float(reads) if reads.isdigit() else True,
                         what="the tab to follow")


async def test_every_text_field_in_the_app_is_a_field():
    app = RnnTui()
    async with app.run_test(size=(120, 40)) as pilot:
        for pane in TABS:
            app.action_show_tab(pane)
            await pilot.pause()
        fields = list(app.query(Input))
        assert len(fields) > 10 and all(isinstance(f, Field) for f in fields), [type(f).__name__ for f in fields]
