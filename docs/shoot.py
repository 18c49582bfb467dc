"""Re-shoot the README's screenshots (docs/*.svg) from the app as it is now.

    python docs/shoot.py

Each image is the app driven by its own keys at 100x30 (English, dark theme): Forward after two steps
over 我爱中国; Context with the default model trained here, 我不喜欢美女 read up to 喜欢; Train after the
tutorial's 100 steps (seed 1): the last windows and the stretch it never saw; and at 130x36 a lesson step beside
the Forward tab.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

SIZE = (100, 30)
LESSON_SIZE = (130, 36)  # wide enough for the lesson panel to sit beside the tab


async def shoot(name: str, drive, size=SIZE, **kwargs) -> None:
    from tui.app import RnnTui

    app = RnnTui(lang="en", **kwargs)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await drive(app, pilot)
        await pilot.pause()
        svg = app.export_screenshot(title="rnn-tui")
    (HERE / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"wrote docs/{name}.svg")


async def forward(app, pilot) -> None:
    await pilot.press("right", "right")


async def context(app, pilot) -> None:
    from screen import wait_until

    from tui.tabs.context import ContextTab

    await pilot.press("2")
    await wait_until(pilot, lambda: app.query(ContextTab) and app.query_one(ContextTab).state == "idle", 60,
                     "the corpus built")
    tab = app.query_one(ContextTab)
    await pilot.press("t")
    await wait_until(pilot, lambda: tab.state == "finished", 120, "the default model trained")
    tab.set_sentences("我不喜欢美女")
    await pilot.press("home", "right", "right", "right")  # 我 不 喜欢: the answer has turned


async def train(app, pilot) -> None:
    from screen import wait_until

    from tui.tabs.train import TrainTab

    await pilot.press("3")
    await wait_until(pilot, lambda: app.query(TrainTab), 30, "the Train tab")
    tab = app.query_one(TrainTab)
    await app.workers.wait_for_complete()
    await pilot.press("space")  # at the default pace: 100 steps in about 5 s
    await wait_until(pilot, lambda: tab.state == "finished", 120, "the 100 steps")
    await app.workers.wait_for_complete()
    await pilot.pause(0.5)  # the chart's throttled last redraw


async def lesson(app, pilot) -> None:
    """rnn-tui learn, chapter 3's last step: u changed to 2, the output after 中国 predicted wrong (30)."""
    from screen import wait_until

    await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, 30, "the lesson")
    panel = app.lesson_panel
    panel.place = (2, 2)
    await wait_until(pilot, lambda: panel.ready and app.focused is panel.query_one("#lesson-answer"), 30, "the step")
    app.tab("forward").query_one("#fw-u").value = "2"
    await pilot.press("3", "0", "enter", "escape")
    await wait_until(pilot, lambda: panel.feedback, 30, "the verdict")


async def main() -> None:
    import os
    import tempfile

    from tui.lessons.shipped import shipped

    for name, drive in (("forward", forward), ("context", context), ("train", train)):
        await shoot(name, drive)
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp()  # the shot leaves your own lesson progress alone
    await shoot("lesson", lesson, LESSON_SIZE, lesson=shipped())


if __name__ == "__main__":
    asyncio.run(main())
