"""The app shell: tabs and their keys, help, screenshot, too-small message, language."""

from pathlib import Path

from screen import screen_text, typed, wait_for_tab, wait_until
from textual.widgets import TabbedContent

from tui.app import RnnTui
from tui.cli.launch import app_kwargs, build_parser
from tui.i18n import TABLES, detect_language
from tui.tabs.gradients import GradientsTab
from tui.tabs.train import TrainTab


async def test_number_keys_switch_tabs_and_focus_the_tab():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tabs = app.query_one(TabbedContent)
        assert tabs.active == "forward"
        for key, pane in (("2", "context"), ("3", "train"), ("4", "gradients"), ("5", "concepts"), ("1", "forward")):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == pane
            assert app.focused is app.active_tab()

async def test_a_tab_is_built_when_first_shown_and_keys_typed_meanwhile_reach_it_in_order():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.query(TrainTab) and not app.query(GradientsTab)  # never shown: never built
        typed(app, "3", "space")  # space arrives while the Train tab is still being mounted
        tab = await wait_for_tab(pilot, TrainTab, "#epochs")
        await wait_until(pilot, lambda: tab.state != "idle", what="space starting the run in the new tab")
        typed(app, "4", "1")  # the 1 waits for the Gradients tab, then wins
        await wait_until(pilot, lambda: app.query(GradientsTab) and app.query_one(TabbedContent).active == "forward",
                         what="Gradients built, then Forward on show")
        assert app.focused is app.active_tab()


async def test_help_lists_the_keys_and_closes_with_escape():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        shot = screen_text(app)
        assert "ctrl+s" in shot and "switch to the Forward" in shot
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "HelpScreen"

async def test_ctrl_s_writes_an_svg_and_says_where(tmp_path: Path):
    app = RnnTui(screenshot_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        files = list(tmp_path.glob("*.svg"))
        assert len(files) == 1 and files[0].read_text().startswith("<svg")
        assert any(str(files[0]) in str(n.message) for n in app._notifications)

async def test_ctrl_s_into_a_missing_folder_shows_a_message(tmp_path: Path):
    app = RnnTui(screenshot_dir=tmp_path / "missing" / "deeper")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Could not save the screenshot") for m in messages)

async def test_too_small_terminal_shows_a_message_then_recovers():
    app = RnnTui()
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("too-small")
        assert "at least 80×24" in screen_text(app)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("too-small")
        assert app.query_one(TabbedContent).display

async def test_chinese_interface():
    app = RnnTui(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "退出" in screen_text(app), what="the footer (it fills in once the tab has focus)")
        shot = screen_text(app)
        assert "前向" in shot and "训练" in shot and "退出" in shot

def test_both_languages_have_the_same_keys():
    assert set(TABLES["en"]) == set(TABLES["zh"])
    assert all(TABLES["zh"][k].strip() for k in TABLES["zh"])

def test_language_comes_from_flag_then_locale():
    assert detect_language({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert detect_language({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert detect_language({"LANG": "en_US.UTF-8"}) == "en"
    args = build_parser().parse_args(["我不喜欢美女", "--lang", "zh", "--tokens", "char", "--mode", "vector"])
    assert app_kwargs(args) == {"sentence": "我不喜欢美女", "tokens": "char", "mode": "vector", "lang": "zh",
                                "theme": "dark", "demo": False, "demo_speed": 1.0, "demo_once": False, "files": None}


async def test_ctrl_t_switches_to_the_light_theme_and_back():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark
