"""The ``rnn-tui`` command: the app by default, or a headless subcommand.

    rnn-tui [SENTENCE] [--tokens word|char] [--mode scalar|vector] [--lang en|zh]
    rnn-tui forward|train|gradients|serve|inspect ...   (see ``rnn-tui COMMAND --help``)
"""

from __future__ import annotations

import importlib
import signal
import sys

COMMANDS = {
    "forward": "tui.cmd_forward",
    "train": "tui.cmd_train",
    "gradients": "tui.cmd_gradients",
    "serve": "tui.cmd_serve",
    "inspect": "tui.cmd_inspect",
}


def _exit(signum, frame) -> None:
    raise SystemExit(128 + signum)


def exit_on_signals() -> None:
    """SIGTERM and SIGHUP end a headless command the way Ctrl+C does: through its ``finally``
    blocks, so a file being written is removed, not left as a temp file (core.files)."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _exit)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    script, argv = argv is None, list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            if script and argv[0] != "serve":  # the server handles its own signals and its apps'
                exit_on_signals()
            module = importlib.import_module(COMMANDS[argv[0]])
            return module.main(argv[1:]) or 0
        from tui.launch import main as launch

        return launch(argv) or 0
    except KeyboardInterrupt:
        sys.stderr.write("rnn-tui: interrupted\n")
        return 130
    except BrokenPipeError:  # e.g. piped into head: not an error worth a traceback
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
