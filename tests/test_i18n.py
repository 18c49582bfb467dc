"""Every string on screen in English and Chinese: the tables agree, every key the code
asks for exists, and a Chinese screen shows no English key label."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import pytest
from screen import wait_for_tab
from textual.widgets import Footer

from tui.app import TABS, RnnTui
from tui.i18n import TABLES, t
from tui.screens.help import HelpScreen

TUI = Path(__file__).resolve().parent.parent / "tui"
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders():
    en, zh = TABLES["en"], TABLES["zh"]
    assert sorted(set(en) ^ set(zh)) == []
    bad = {k: (placeholders(en[k]), placeholders(zh[k])) for k in en if placeholders(en[k]) != placeholders(zh[k])}
    assert bad == {}


def test_every_literal_key_the_code_asks_for_exists():
    used = {key for path in TUI.rglob("*.py") for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert used, "the pattern found no t() calls"
    assert sorted(key for key in used if key not in TABLES["en"] or key not in TABLES["zh"]) == []


def binding_owners():
    yield RnnTui
    yield HelpScreen
    for module, name in TABS.values():
        yield getattr(importlib.import_module(module), name)


@pytest.mark.parametrize("owner", list(binding_owners()), ids=lambda cls: cls.__name__)
def test_every_key_binding_label_is_translated(owner):
    """Bindings carry their English label; key.label.<it> must exist in both tables
    (the app's tab keys use the tab names instead)."""
    missing = []
    for binding in owner.BINDINGS:
        description = binding[2] if isinstance(binding, tuple) else binding.description
        action = binding[1] if isinstance(binding, tuple) else binding.action
        if not description or action.startswith("show_tab("):
            continue
        key = f"key.label.{description}"
        if key not in TABLES["zh"] or TABLES["zh"][key] == description:
            missing.append(description)
    assert missing == []


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize("pane", list(TABS))
async def test_a_chinese_footer_has_no_english_label(pane):
    app = RnnTui(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        module, name = TABS[pane]
        await wait_for_tab(pilot, getattr(importlib.import_module(module), name), "*")
        app.action_show_tab(pane)
        await pilot.pause()
        await pilot.pause()
        footer = app.query_one(Footer)
        labels = [str(key.description) for key in footer.query("FooterKey")]
        assert labels, "the footer shows no keys"
        assert [label for label in labels if english_words(label)] == []
        palette = next(b for b in app.active_bindings.values() if b.binding.action == "command_palette")
        assert palette.binding.description == t("key.label.palette") == "命令面板"
