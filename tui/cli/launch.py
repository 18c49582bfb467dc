"""``rnn-tui [SENTENCE] ...``: parse the app's flags and run it."""

from __future__ import annotations

import argparse
import os
import sys

from core.forward.steps import MODES
from core.forward.tokens import DEFAULT_SENTENCE, preload
from core.forward.tokens import MODES as TOKEN_MODES
from tui.cli.args import Parser, add_version, fail, int_in, positive_float
from tui.i18n import LANGS, detect_language


def commands_help() -> str:
    """The --help list of headless commands, from the one declaration (tui.cli.entry.COMMANDS)."""
    from tui.cli.entry import COMMANDS

    width = max(map(len, COMMANDS))
    rows = [f"  {name:<{width}}  {summary}" for name, summary in COMMANDS.items()]
    return "commands (rnn-tui COMMAND --help for each):\n" + "\n".join(rows)


def build_parser() -> Parser:
    p = Parser(
        prog="rnn-tui",
        description="Learn recurrent neural networks by running one live in your terminal.",
        epilog=commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_version(p)
    p.add_argument("sentence", nargs="?", default=DEFAULT_SENTENCE, help=f"the sentence for the Forward tab (default: {DEFAULT_SENTENCE})")
    p.add_argument("--tokens", choices=TOKEN_MODES, default=TOKEN_MODES[0], help="split into words (rjieba) or characters")
    p.add_argument("--mode", choices=MODES, default=MODES[0], help="the tutorial's scalar RNN or the vector RNN")
    add_app_flags(p, "play a demo loop through every tab (any key takes over)")
    p.add_argument("--once", action="store_true", help="with --demo: play the loop once, then exit (for recording)")
    return p


def add_app_flags(p: Parser, demo_help: str) -> None:
    """The flags of the app itself, shared by ``rnn-tui`` and ``rnn-tui learn``."""
    p.add_argument("--lang", choices=LANGS, default=None, help="interface language (default: from the locale)")
    p.add_argument("--theme", choices=("dark", "light"), default="dark", help="colour theme (ctrl+t switches; default dark)")
    p.add_argument("--demo", action="store_true", help=demo_help)
    p.add_argument("--demo-speed", type=positive_float, default=1.0, metavar="X",
                   help="with --demo: pace factor (2 = twice as fast; default 1)")
    p.add_argument("--files", metavar="DIR", default=None,
                   help="confine the Train and Context file fields to plain file names in DIR (rnn-tui serve gives "
                        "each browser session a fresh folder)")
    p.add_argument("--fps", type=int_in(1, 120), default=None,
                   help="cap screen redraws per second, for slow links (default 60)")


def check_app_flags(args) -> None:
    """Exit 2 with one line for a flag the app cannot take (see add_app_flags)."""
    if args.demo_speed != 1.0 and not args.demo:
        fail("--once and --demo-speed go with --demo")
    if args.demo_speed > 1000:
        fail(f"--demo-speed must be at most 1000, got {args.demo_speed:g}")
    if args.files is not None and not os.path.isdir(args.files):
        fail(f"--files {args.files}: not a folder")


def app_kwargs(args) -> dict:
    """The RnnTui keyword arguments the parsed flags ask for."""
    return {
        "sentence": args.sentence,
        "tokens": args.tokens,
        "mode": args.mode,
        "lang": args.lang or detect_language(),
        "theme": args.theme,
        "demo": args.demo,
        "demo_speed": args.demo_speed,
        "demo_once": args.once,
        "files": args.files,
    }


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.once and not args.demo:
        fail("--once and --demo-speed go with --demo")
    check_app_flags(args)
    if len(args.sentence) > 1_000_000:
        fail("the sentence is longer than 1,000,000 characters")
    if args.tokens == "word":
        preload()  # rjieba's dictionary loads while Textual imports
    run_app(app_kwargs(args), args.fps)


def run_app(kwargs: dict, fps: int | None) -> None:
    """Run the app with ``kwargs`` until it quits, then leave (quit_now)."""
    if fps is not None:
        os.environ["TEXTUAL_FPS"] = str(fps)  # read once when textual is imported, just below
    from tui.app import RnnTui
    from tui.cli.signals import exit_app_on_signals

    app = RnnTui(**kwargs)
    exit_app_on_signals(app)  # SIGTERM/SIGHUP/SIGQUIT quit like q: the terminal is restored
    app.run()
    quit_now(app.return_code or 0)


def quit_now(code: int) -> None:
    """Leave at once once the terminal is restored: tearing down torch's modules at
    interpreter exit costs about a second, and no thread left running holds
    anything to save (files are written to a temp file, then renamed)."""
    from core.io.files import remove_temps

    remove_temps()  # a write a worker had not finished (os._exit skips atexit)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
