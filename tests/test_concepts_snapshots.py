"""SVG snapshots of the Concepts tab at 100×30 and 80×24, English and Chinese (the top,
then one page down). Regenerate with ``--snapshot-update`` on this file and look at them."""

from __future__ import annotations

import pytest
from screen import wait_for_tab

from tui.app import RnnTui
from tui.tabs.concepts import ConceptsTab


def concepts(pages: int):
    async def run_before(pilot) -> None:
        await pilot.pause()
        tab = await wait_for_tab(pilot, ConceptsTab, "Markdown")
        await pilot.press("5")
        await pilot.pause()
        for _ in range(pages):
            tab.scroll_page_down(animate=False)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
@pytest.mark.parametrize("pages", [0, 4], ids=["top", "gradients"])
def test_concepts_tab(snap_compare, lang, size, pages):
    assert snap_compare(RnnTui(lang=lang), terminal_size=size, run_before=concepts(pages))
