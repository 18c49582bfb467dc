"""Read what a running app shows, as plain text (for assertions in Pilot tests).

    from screen import screen_text
    assert "prevS" in screen_text(app)
"""

import io
import time

from rich.console import Console


def screen_text(app) -> str:
    """The current screen (with any screens below a modal) as plain text, one line per row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def _composed(tab) -> bool:
    """Every Select in ``tab`` has built its label (setting a Select's value before that fails)."""
    return all(select.query("SelectCurrent #label") for select in tab.query("Select"))


async def wait_for_tab(pilot, cls, probe: str, tries: int = 200):
    """The tab ``cls`` once ``probe`` and its Selects are mounted. A tab other than Forward
    mounts the first time it is shown: if it is not there yet, it is shown (as its key would)."""
    from tui.app import TABS

    if not pilot.app.query(cls):
        pilot.app.action_show_tab(next(pane for pane, (_, name) in TABS.items() if name == cls.__name__))
    for _ in range(tries):
        tabs = pilot.app.query(cls)
        if tabs and tabs.first().query(probe) and _composed(tabs.first()):
            return tabs.first()
        await pilot.pause(0.02)
    raise AssertionError(f"{cls.__name__} never mounted")


MAX_POLL = 0.1  # seconds between two checks of a long wait


async def wait_until(pilot, condition, timeout: float = 20.0, what: str = "condition") -> float:
    """Pause until ``condition()`` holds (failing after ``timeout`` s); the seconds it took.

    The one wait of the suite: use it instead of a fixed ``pilot.pause(seconds)``.
    """
    start, step = time.perf_counter(), 0.01
    while not condition():
        if time.perf_counter() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        await pilot.pause(step)
        step = min(step * 1.5, MAX_POLL)  # a condition may render the whole screen: poll less as the wait grows
    return time.perf_counter() - start


def typed(app, *keys: str) -> None:
    """Keys as a fast typist sends them: queued at once (Pilot.press waits for the app between keys)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, " " if key == "space" else key if len(key) == 1 else None))
