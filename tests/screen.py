"""Read what a running app shows, as plain text (for assertions in Pilot tests).

    from screen import screen_text
    assert "prevS" in screen_text(app)
"""

import io

from rich.console import Console


def screen_text(app) -> str:
    """The current screen (with any screens below a modal) as plain text, one line per row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
