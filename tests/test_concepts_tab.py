"""The Concepts tab: bilingual Markdown that scrolls with the keys, each idea pointing to a live tab."""

import re
import unicodedata

from screen import screen_text, wait_for_tab, wait_until
from textual.widgets import Markdown, TabbedContent

from tui.app import RnnTui
from tui.i18n import TABLES
from tui.i18n.concepts import SECTIONS
from tui.tabs.concepts import ConceptsTab


async def shown(pilot, text: str) -> ConceptsTab:
    """The tab (built the first time it is shown) once ``text`` is on screen."""
    tab = await wait_for_tab(pilot, ConceptsTab, "Markdown")
    await wait_until(pilot, lambda: text in screen_text(pilot.app), what=repr(text))
    return tab


async def test_key_5_shows_the_concepts_text():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await shown(pilot, "The ideas behind a recurrent network")
        assert app.query_one(TabbedContent).active == "concepts"
        shot = screen_text(app)
        assert "我不喜欢美女" in shot and "我喜欢美女" in shot
        assert app.query_one(ConceptsTab).query_one(Markdown)


async def test_keys_scroll_to_the_last_section_and_back():
    app = RnnTui()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        tab = await shown(pilot, "The ideas behind a recurrent network")
        assert tab.scroll_y == 0
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: tab.scroll_y > 0, what="pagedown scrolling")
        await pilot.press("end")
        await shown(pilot, "See it live: Gradients tab (key 4)")
        assert "clipping before and after" in screen_text(app)
        await pilot.press("home")
        await wait_until(pilot, lambda: tab.scroll_y == 0, what="home scrolling to the top")
        await pilot.press("down")
        await wait_until(pilot, lambda: tab.scroll_y == 1, what="down scrolling one line")


async def test_chinese_text():
    app = RnnTui(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await shown(pilot, "循环神经网络的原理")
        assert "我不喜欢美女" in screen_text(app)


def test_every_section_in_both_languages_points_to_a_live_tab():
    for lang, pointer, tabs in (("en", "See it live", ("Forward", "Context", "Train", "Gradients")),
                                ("zh", "实时演示", ("前向", "语境", "训练", "梯度"))):
        text = {name: TABLES[lang][f"concepts.{name}"] for name in SECTIONS}
        for name in SECTIONS[1:]:
            assert pointer in text[name], (lang, name)
        joined = "\n".join(text.values())
        for tab in tabs:
            assert f"**{tab}**" in joined
        assert "h_state = h_state.data" in text["tbptt"]
        assert "U" in text["shared"] and "W" in text["shared"] and "V" in text["shared"]


def test_code_blocks_fit_an_80_column_terminal():
    for lang in ("en", "zh"):
        for name in SECTIONS:
            for block in re.findall(r"```text\n(.*?)```", TABLES[lang][f"concepts.{name}"], re.S):
                widths = [sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in block.splitlines()]
                assert max(widths) <= 74, (lang, name)


async def test_concepts_render_without_stray_markup_and_keep_formulas_whole():
    """No literal ** on screen (bold next to Chinese punctuation), formulas not split over lines."""
    for lang in ("zh", "en"):
        app = RnnTui(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            tab = await wait_for_tab(pilot, ConceptsTab, "Markdown")
            app.action_show_tab("concepts")
            await pilot.pause()
            seen = []
            for _ in range(40):  # page through the whole text
                seen.append(screen_text(app))
                tab.scroll_page_down(animate=False)
                await pilot.pause()
            text = "\n".join(seen)
            assert "**" not in text, lang
            for line in text.splitlines():
                assert not line.rstrip(" │").endswith(("v =", "sin →", "u =", "w =")), (lang, line)


def test_walk_through_numbers_come_from_the_scalar_defaults(monkeypatch):
    """The text's u, w, v, s0 and the states they give are filled from core.forward.scalar, not typed twice."""
    import core.forward.scalar
    from tui.i18n import language, set_language
    from tui.tabs.concepts import concepts_markdown

    before = language()
    for lang in ("en", "zh"):
        set_language(lang)
        text = concepts_markdown()
        assert "{" not in text
        assert ("u=1, w=1, v=2, starting state 1" if lang == "en" else "u=1，w=1，v=2，初始状态为1") in text
        assert ("states 2, 4, 7 and outputs 4, 8, 14" if lang == "en" else "状态为2、4、7，输出为4、8、14") in text
    set_language("en")
    monkeypatch.setattr("tui.tabs.concepts.ScalarParams", lambda: core.forward.scalar.ScalarParams(w=0.5))
    text = concepts_markdown()
    set_language(before)
    assert "w=0.5" in text and "states 1.5, 2.75, 4.375 and outputs 3, 5.5, 8.75" in text  # one change, every number follows


async def test_chinese_lines_follow_the_line_breaking_rules():
    """At 80 and 100 columns no line of the zh text starts with closing punctuation or ends with opening."""
    from tui.cjk_wrap import NO_LINE_END, NO_LINE_START

    for width in (80, 100):
        app = RnnTui(lang="zh")
        async with app.run_test(size=(width, 24)) as pilot:
            tab = await wait_for_tab(pilot, ConceptsTab, "Markdown")
            app.action_show_tab("concepts")
            await pilot.pause()
            lines = []
            for _ in range(40):  # page through the whole text
                lines += screen_text(app).splitlines()[3:-1]  # below the tabs, above the footer
                tab.scroll_page_down(animate=False)
                await pilot.pause()
            prose = [line.rstrip(" ▁▂▃▄▅▆▇█").strip() for line in lines]
            prose = [line for line in prose if line]
            assert sum("，" in line for line in prose) > 20  # the Chinese text was read
            bad = [line for line in prose if line[0] in NO_LINE_START or line[-1] in NO_LINE_END]
            assert not bad, (width, bad)
