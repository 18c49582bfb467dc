"""A key is declared once, in its tab's KEYS (tui.keys): the footer label, the palette's key list and the
help screen's row all come from that one declaration, in both languages."""

from __future__ import annotations

import pytest
from screen import screen_text, wait_until

import tui.app
import tui.tabs.forward
from tui import i18n
from tui.app import RnnTui
from tui.keys import Bind, bindings, help_rows, key, labels
from tui.tabs.concepts import ConceptsTab
from tui.tabs.context import ContextTab
from tui.tabs.forward import ForwardTab
from tui.tabs.gradients import GradientsTab
from tui.tabs.train import TrainTab

TABS = (ForwardTab, ContextTab, TrainTab, GradientsTab, ConceptsTab)


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.__name__)
def test_every_tab_key_has_its_help_row_and_label_in_both_languages(tab):
    for lang in i18n.LANGS:
        for k in tab.KEYS:
            assert k.help in i18n.TABLES[lang], (lang, k.help)
            for b in k.binds:
                assert b.label is None or b.label in i18n.TABLES[lang], (lang, b.label)
    assert tab.help_rows() == [(k.shown, k.help) for k in tab.KEYS]
    assert [(b.key, b.action) for b in tab.BINDINGS] == [(b.keys, b.action) for k in tab.KEYS for b in k.binds]


EXTRA = key("y", "test.k.yell", Bind("y", "yell", "test.key.yell", footer=True))


class YellTab(ForwardTab):
    """The Forward tab with one more key, declared in one place."""

    KEYS = (*ForwardTab.KEYS, EXTRA)
    BINDINGS = bindings(KEYS)

    def action_yell(self) -> None:
        self.yelled = True


@pytest.mark.parametrize("lang, label, row", [("en", "Yell", "shout at the network"), ("zh", "喊", "对着网络喊")])
async def test_a_key_declared_once_shows_in_the_footer_and_the_help_screen(monkeypatch, lang, label, row):
    for table, (lab, text) in ((i18n.TABLES["en"], ("Yell", "shout at the network")), (i18n.TABLES["zh"], ("喊", "对着网络喊"))):
        monkeypatch.setitem(table, "test.key.yell", lab)
        monkeypatch.setitem(table, "test.k.yell", text)
    assert labels(YellTab.KEYS)["yell"] == "test.key.yell" and ("y", "test.k.yell") in help_rows(YellTab.KEYS)
    monkeypatch.setattr(tui.tabs.forward, "ForwardTab", YellTab)  # the help screen looks the tab up here
    monkeypatch.setattr(tui.app, "ForwardTab", YellTab)  # the app builds Forward from here
    app = RnnTui(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        tab = app.query_one(YellTab)
        await wait_until(pilot, lambda: label in screen_text(app), what="the footer label")
        await pilot.press("y")
        assert getattr(tab, "yelled", False)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: row in screen_text(app), what="the help row")
