"""The command line: ``rnn-tui`` (the app, tui.cli.launch) and its headless commands (tui.cli.NAME)."""

from tui.cli.entry import main

__all__ = ["main"]
