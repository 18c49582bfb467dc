"""The ``rnn-tui`` command: the app by default, or a headless subcommand.

    rnn-tui [SENTENCE] [--tokens word|char] [--mode scalar|vector] [--lang en|zh]
    rnn-tui forward|context|train|gradients|serve|inspect ...   (see ``rnn-tui COMMAND --help``)
"""

from __future__ import annotations

import codecs
import errno
import importlib
import locale
import os
import sys

from tui.cli.signals import exit_on_signals

# Every headless command, declared once: its module (tui.cli.NAME, with main(argv)) and its summary for --help.
COMMANDS = {
    "forward": "a sentence through the RNN, step by step (the Forward tab)",
    "context": "train and read the sentiment models (the Context tab)",
    "train": "the tutorial's sin -> cos training (the Train tab)",
    "gradients": "how far back the gradient reaches, and clipping (the Gradients tab)",
    "learn": "the tutorial as a lesson in the live app (or a lesson FILE; --check validates one)",
    "inspect": "what a saved model file holds",
    "serve": "the app in a browser, one process per visitor",
}


UTF8_HINT = ("rnn-tui: this terminal's encoding ({enc}) cannot show rnn-tui's text (Chinese, box lines): "
             "use a UTF-8 locale, e.g. LC_ALL=C.UTF-8{env}")


def _encoding(stream) -> str:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    except LookupError:
        return "ascii"


def utf8_streams() -> None:
    """Make stdout and stderr UTF-8 when nobody chose otherwise: under the C/POSIX locale (no
    charset set up; terminals are UTF-8, as Python's own UTF-8 mode assumes). An encoding the user
    chose (PYTHONIOENCODING, a Latin-1 locale) is kept: text it cannot show ends in UTF8_HINT."""
    c_locale = codecs.lookup(locale.getpreferredencoding(False) or "ascii").name == "ascii"
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and _encoding(stream) != "utf-8" and c_locale and not os.environ.get("PYTHONIOENCODING"):
            stream.reconfigure(encoding="utf-8")


def _hint() -> str:
    env = " and unset PYTHONIOENCODING" if os.environ.get("PYTHONIOENCODING") else ""
    return UTF8_HINT.format(enc=_encoding(sys.stdout if sys.stdout is not None else sys.stderr), env=env)


def decode_args(argv: list[str]) -> list[str]:
    """Arguments as the UTF-8 text the terminal sent: a non-UTF-8 locale decodes 我 to three escaped
    bytes (computing on those would be wrong); a word that is not UTF-8 at all is refused (SystemExit)."""
    out = []
    for arg in argv:
        try:
            out.append(os.fsencode(arg).decode("utf-8") if any("\udc80" <= c <= "\udcff" for c in arg) else arg)
        except UnicodeError:
            _say("rnn-tui: error: an argument is not UTF-8 text: use a UTF-8 locale, e.g. LC_ALL=C.UTF-8")
            raise SystemExit(2) from None
    return out


def _say(line: str) -> None:
    """One line on stderr, whatever its encoding (or nothing, if stderr is gone)."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(line.encode(_encoding(sys.stderr), "backslashreplace").decode(_encoding(sys.stderr)) + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so the exit-time flush of a full or broken stdout raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    script, argv = argv is None, decode_args(list(sys.argv[1:] if argv is None else argv))
    utf8_streams()
    try:
        if argv and argv[0] in COMMANDS:
            if sys.stdout is None:
                _say("rnn-tui: error: standard output is closed: nothing to write to (drop '>&-')")
                return 2
            if script and argv[0] not in ("serve", "learn"):  # the server and the app handle their own signals
                exit_on_signals()
            module = importlib.import_module(f"tui.cli.{argv[0]}")
            code = module.main(argv[1:]) or 0
            sys.stdout.flush()  # a full disk shows here, not in the interpreter's last flush
            return code
        from tui.cli.launch import main as launch

        if not terminal_ok():
            return 2
        return launch(argv) or 0
    except KeyboardInterrupt:
        _say("rnn-tui: interrupted")
        return 130
    except BrokenPipeError:  # e.g. piped into head: not an error worth a message
        _silence_stdout()
        return 0
    except UnicodeEncodeError:
        _silence_stdout()
        _say(_hint())
        return 2
    except OSError as exc:  # stdout on a full disk (/dev/full), a closed terminal, ...
        _silence_stdout()
        _say(f"rnn-tui: error: cannot write the output ({os.strerror(exc.errno).lower() if exc.errno else exc})")
        return 1 if exc.errno in (errno.ENOSPC, errno.EIO) else 2


def terminal_ok() -> bool:
    """Whether the app can draw here; if not, the hint is said (the caller exits 2)."""
    if _can_show("━我"):
        return True
    _say(_hint())
    return False


def _can_show(text: str) -> bool:
    """Whether the terminal stream Textual draws on (stderr) can encode ``text``."""
    try:
        text.encode(_encoding(sys.__stderr__ or sys.stderr))
    except UnicodeEncodeError:
        return False
    return True

