"""Demo mode: it plays through every tab on its own, and any key takes over."""

import subprocess
import sys

from screen import screen_text, wait_until
from textual.widgets import TabbedContent

from tui.app import RnnTui
from tui.demo import SCENES
from tui.i18n import t


async def test_demo_once_visits_every_tab_and_exits():
    app = RnnTui(demo=True, demo_speed=100, demo_once=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert app.return_code == 0
    assert app.demo.shown == [scene.caption for scene in SCENES]
    assert {scene.tab for scene in SCENES} == {"forward", "context", "train", "gradients"}


async def test_demo_caption_then_the_stopping_key_still_acts():
    app = RnnTui(demo=True, demo_speed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Demo 1/" in screen_text(app), what="the first scene's caption")
        await pilot.press("3")  # stops the demo, and still does its job: the Train tab
        await pilot.pause()
        assert not app.demo.running
        assert app.query_one(TabbedContent).active == "train"


async def test_demo_stopped_notice_goes_away():
    """The stop notice is shown for stopped_seconds, then the caption bar hides."""
    app = RnnTui(demo=True, demo_speed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Demo 1/" in screen_text(app), what="the first scene's caption")
        shown = []
        show = app.show_caption
        app.show_caption = lambda text, seconds=None: (shown.append((text, seconds)), show(text, seconds))
        await pilot.press("x")  # a key with no job here: the demo stops, the Forward tab stays
        assert not app.demo.running
        assert shown == [("Demo stopped: you have the controls (? lists the keys)", app.demo.stopped_seconds)]
        show("a notice", 0.2)
        await wait_until(pilot, lambda: "a notice" not in screen_text(app), what="the notice going away")


async def test_demo_scalar_scene_shows_the_sentence_its_caption_names():
    """After the compare scene (which types 我喜欢美女), scene 1 is back on 我爱中国."""
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        compare, scalar = (next(s for s in SCENES if s.caption == key) for key in ("demo.compare", "demo.scalar"))
        compare.enter(app)
        await pilot.pause()
        scalar.enter(app)
        await pilot.pause()
        tab = app.query_one("ForwardTab")
        assert "我爱中国" in t(scalar.caption)
        assert (tab.inputs.sentence, tab.step, [tok for tok, _ in tab.run.vocab]) == ("我爱中国", 0, ["我", "爱", "中国"])


def test_demo_captions_fit_at_80_columns_in_two_lines():
    from rich.cells import cell_len

    from tui.i18n import set_language

    try:
        for lang in ("en", "zh"):
            demo = RnnTui(demo=True, lang=lang).demo
            widest = max(cell_len(demo.caption(i)) for i in range(len(SCENES)))
            assert widest <= 2 * 78, (lang, widest)  # the caption bar wraps to at most 2 lines of 78 cells
    finally:
        set_language("en")


def test_demo_flags_are_checked():
    for argv, message in ((["--once"], "go with --demo"), (["--demo", "--demo-speed", "0"], "must be above 0"),
                          (["--demo", "--demo-speed", "abc"], "is not a number")):
        proc = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True, text=True, timeout=30)
        assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


async def test_each_scene_opens_on_a_tab_built_while_the_scene_before_it_played():
    """No blank tab between scenes: the demo builds the next scene's tab in the background, so when the
    scene changes the tab is there at once (the caption and the tab change together)."""
    from tui.demo import Demo, Scene

    scenes = (Scene("forward", "demo.scalar", 600, lambda app: None), Scene("gradients", "demo.gated", 600, lambda app: None))
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        app.demo = Demo(app, scenes=scenes)
        app.demo.start()
        await wait_until(pilot, lambda: app.tab("gradients") is not None, what="the next scene's tab built unseen")
        assert app.query_one(TabbedContent).active == "forward"  # still the first scene
        app.demo._next_scene()
        assert app.query_one(TabbedContent).active == "gradients" and app.demo.shown == ["demo.scalar", "demo.gated"]
        await pilot.pause()
        assert "Demo 2/2" in screen_text(app) and "Gradients" in screen_text(app)
        app.demo.stop()


def test_the_trained_gradients_view_is_a_scene():
    assert any(scene.tab == "gradients" and scene.caption == "demo.trained" for scene in SCENES)


async def test_the_context_scene_shows_the_turn_for_at_least_5_seconds_on_every_loop():
    """The scene's time starts once the model is trained (however long that takes), and its ticks leave
    the turn at 喜欢 on screen for at least 5 s of it: counted in ticks, not timed."""
    from context_pilot import open_context

    scene = next(s for s in SCENES if s.tab == "context")
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        scene.enter(app)
        assert not scene.ready(app)  # untrained: the scene's own time has not started
        scene.tick(app)  # the first tick starts training
        await wait_until(pilot, lambda: tab.state == "finished" and "Trained in" in tab.status_text, what="the demo's training")
        assert scene.ready(app)
        for loop in range(2):  # each loop enters the scene again, as the demo does
            scene.enter(app)
            shown = 0
            for _ in range(round(scene.seconds / scene.every)):
                scene.tick(app)
                await pilot.pause()
                shown += "◀ turns negative" in screen_text(app)
            assert shown * scene.every >= 5, (loop, shown)
