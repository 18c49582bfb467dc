"""Demo mode: it plays through every tab on its own, and any key takes over."""

import subprocess
import sys

from textual.widgets import TabbedContent

from screen import screen_text
from tui.app import RnnTui
from tui.demo import SCENES


async def test_demo_once_visits_every_tab_and_exits():
    app = RnnTui(demo=True, demo_speed=100, demo_once=True)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert app.return_code == 0
    assert app.demo.shown == [scene.caption for scene in SCENES]
    assert {scene.tab for scene in SCENES} == {"forward", "train", "gradients"}


async def test_demo_caption_then_a_key_takes_over():
    app = RnnTui(demo=True, demo_speed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):  # the first scene starts once the Forward tab is mounted
            await pilot.pause(0.1)
            if "Demo 1/6" in screen_text(app):
                break
        assert "Demo 1/6" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert not app.demo.running
        assert "Demo stopped" in screen_text(app)
        await pilot.press("3")  # the keys are the user's again
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "train"


def test_demo_flags_are_checked():
    for argv, message in ((["--once"], "go with --demo"), (["--demo", "--demo-speed", "0"], "must be above 0"),
                          (["--demo", "--demo-speed", "abc"], "is not a number")):
        proc = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True, text=True, timeout=30)
        assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
