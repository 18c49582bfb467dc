"""``rnn-tui learn [FILE]``: the app with a lesson open (the shipped tutorial, or a teacher's FILE), resumed
where it was left; ``--check`` validates a lesson file instead, naming the line of every problem."""

from __future__ import annotations

import argparse
import os
import sys

from core.io.visible import shown, visible
from tui.cli.args import Parser, fail
from tui.cli.launch import add_app_flags, app_kwargs, check_app_flags, run_app

PROG = "rnn-tui learn"
FORMAT_HELP = """lesson files are TOML: a [lesson] title, then [[chapter]]s of [[chapter.step]]s, each naming its
tab, what to set there, the part to highlight, its text in each language, a task (a check) and a question
whose answer a quantity computes. The README's "Write your own lesson" has a complete example; rnn-tui learn
--check FILE names the line of every problem."""


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Learn the tutorial step by step in the live app: a lesson panel beside the\n"
               "tab says what to do, asks you to predict each number, and checks it against the engine.",
               epilog=FORMAT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", nargs="?", default=None, metavar="FILE", help="a lesson file (default: the shipped tutorial)")
    p.add_argument("--check", action="store_true", help="check the lesson file and exit: 0 if it is sound, else 2 "
                   "with the line of every problem")
    p.add_argument("--restart", action="store_true", help="start the lesson from its first chapter (forget the place "
                   "it was left)")
    add_app_flags(p, "play the lesson by itself, a step every few seconds (pgdn steps on; any other key takes over)")
    return p


def load(file: str | None):
    """The lesson (Lesson); exit 2 naming every problem of a file that cannot be used."""
    from tui.lessons.parse import LessonError, read
    from tui.lessons.shipped import shipped

    where = "the shipped lesson" if file is None else shown(file)
    try:
        return shipped() if file is None else read(file, os.path.abspath(file))
    except LessonError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{PROG}: {where}, line {problem.line}: {visible(problem.message)}\n")
        raise SystemExit(2) from None
    except ValueError as exc:
        fail(f"{where}: {exc}", PROG)


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    check_app_flags(args)
    lesson = load(args.file)
    if args.check:
        steps = sum(len(c.steps) for c in lesson.chapters)
        print(f"{'the shipped lesson' if args.file is None else shown(args.file)}: sound "
              f"({len(lesson.chapters)} chapters, {steps} steps, languages {', '.join(lesson.languages)})")
        return 0
    from core.forward.tokens import preload
    from tui.cli.entry import terminal_ok

    if not terminal_ok():
        return 2
    preload()  # rjieba's dictionary loads while Textual imports
    kwargs = app_kwargs(argparse.Namespace(sentence=None, tokens="word", mode="scalar", once=False, **vars(args)))
    run_app({**kwargs, "lesson": lesson, "lesson_restart": args.restart}, args.fps)
    return 0
