"""``rnn-tui train``: train the tutorial's sin -> cos RNN without the full-screen UI.

A progress bar on stderr (only when it is a terminal), a one-line summary on
stdout, and optionally every step's loss in a JSON or CSV file and the model
in a file. Values are checked by core.sincos.config.validate, paths before training.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable

from core.io.files import TEMP_PREFIX, TEMP_SUFFIX, metrics_csv, metrics_dict, metrics_json, resolve_target, write_text_atomic
from core.io.visible import shown
from core.sincos.config import ConfigError, TrainConfig, validate
from core.sincos.train import FINAL_STEPS, ZERO_GUESS_LOSS, Diverged, EngineUnavailable, Trainer, TrainStep, judge
from tui.cli.args import Parser, add_version, fail, fail_setting
from tui.cli.settings import add_flags, flags
from tui.cli.settings import config_from as settings_config
from tui.ctrl_c import CtrlC

PROG = "rnn-tui train"
METRIC_FORMATS = (".json", ".csv")

EPILOG = """\
outputs:
  stdout gets one summary line: final loss, best loss, steps and seconds.
  --metrics FILE.json writes {"config": {...}, "steps": [{"step": 1, "loss": ...,
  "grad_norm": ...}, ...]}; FILE.csv writes the header step,loss,grad_norm.
  Files are written whole or not at all; their folders are checked before training.

exit codes:
  0 done; 2 a bad value or path, torch missing, or divergence; 130 Ctrl+C.
  Divergence (a NaN, infinite or huge loss, e.g. --lr 1e5) stops the run with
  "diverged at step k" on stderr: the metrics of the steps before it are still
  written, the model is not saved. Ctrl+C writes no file. A run that ends far
  worse than its best (e.g. --lr 50: it finishes, worse than predicting 0) gets
  a warning on stderr. --optimizer sgd --lr 0.2 explodes (the gradient grows until
  the loss passes 1e6); add --clip-value 0.005 and it trains.

continuing:
  --load FILE goes on with a model saved by --save or the Train tab: from the next
  window, with its carried hidden state and Adam's state, so 50 steps saved and 50
  more loaded give the losses of 100 in one go. The file sets the model (--hidden,
  --cell and --seed are refused); --epochs is the total (default: the file's), and
  other flags given change that setting. An older file holds weights only: a new
  run from its weights (said on stderr).

example:
  rnn-tui train --engine numpy --seed 0 --epochs 300 --metrics run.csv
  rnn-tui train --epochs 50 --save half.safetensors && rnn-tui train --load half.safetensors --epochs 100
  rnn-tui train --seed 1 --metrics run.json   # the tutorial's torch.manual_seed(1) run
"""


def build_parser(config_cls=TrainConfig) -> Parser:
    """The argument parser: the config's flags come from its declared settings (core.checks.setting)."""
    p = Parser(
        prog=PROG,
        description="Train the tutorial's RNN to predict cos(t) from sin(t), one window per step.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_flags(p, config_cls)
    p.add_argument("--metrics", metavar="FILE.json|FILE.csv", help="write every step's loss and gradient norm")
    p.add_argument("--save", metavar="FILE", help="save the trained model (weights, config and the state that continues it)")
    p.add_argument("--load", metavar="FILE", help="continue a saved model from its next window with its optimizer state "
                                                  "(see continuing below)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_version(p)
    return p


FIXED_BY_FILE = ("hidden_size", "cell", "seed")  # the model a --load file holds: not changed by a flag


def _validated(config: TrainConfig) -> TrainConfig:
    """``config`` if valid, else exit 2 with one line naming the flag."""
    try:
        return validate(config)
    except ConfigError as exc:
        fail_setting(exc, flags(TrainConfig), PROG)


def config_from(args: argparse.Namespace, config_cls=TrainConfig) -> TrainConfig:
    """The validated config the flags describe (exit 2 with one line if a value is bad)."""
    return settings_config(args, config_cls, validate, PROG)


def _given(argv: list[str]) -> dict:
    """The config flags the command line names (dest -> value), defaults left out."""
    probe = build_parser()
    for action in probe._actions:
        if action.dest in flags(TrainConfig):
            action.default = argparse.SUPPRESS
    return {k: v for k, v in vars(probe.parse_args(argv)).items() if k in flags(TrainConfig)}


def loaded_run(args: argparse.Namespace, argv: list[str]):
    """(config, weights, resume) of the --load file, with the flags given on top (exit 2 with one line)."""
    from core.sincos.checkpoint import ModelFileError, read_train_model

    given = _given(argv)
    fixed = [flags(TrainConfig)[d] for d in FIXED_BY_FILE if d in given]
    if fixed:
        fail(f"{', '.join(fixed)}: not with --load (the model file sets it)", PROG)
    try:
        file = read_train_model(args.load)
    except ModelFileError as exc:
        fail(f"--load: {exc}", PROG)
    config = _validated(file.config.with_(**given))
    resume = file.resume
    if resume is None:
        sys.stderr.write(f"{PROG}: {shown(args.load)} holds weights only (an older file: no optimizer state or "
                         "position): a new run from its weights\n")
    elif resume.steps >= config.epochs:
        fail(f"--load {shown(args.load)}: the model has done {resume.steps} of {config.epochs} steps; "
             f"pass --epochs above {resume.steps} to train on", PROG)
    else:
        how = ("with the saved optimizer state" if resume.adam is not None and config.optimizer == "adam" else
               "(plain SGD keeps no optimizer state)" if config.optimizer == "sgd" else
               "with a fresh Adam (the file has no Adam state)")
        sys.stderr.write(f"{PROG}: continuing {shown(args.load)} from step {resume.steps + 1} of {config.epochs} {how}\n")
    return config, file.weights, resume


# -- files ---------------------------------------------------------------------------


def check_writable(path: str, flag: str, prog: str = PROG) -> None:
    """Exit 2 now if ``path`` cannot be written after training."""
    if os.path.isdir(path):
        fail(f"{flag} {path} is a directory, not a file", prog)
    try:
        target = resolve_target(path)  # a symlink's target; refuses devices, FIFOs, '' and 'name/'
    except OSError as exc:
        fail(f"{flag} {shown(path) or repr(path)}: {(exc.strerror or str(exc)).lower()}", prog)
    folder = os.path.dirname(target)
    if os.path.exists(folder) and not os.path.isdir(folder):
        fail(f"{flag} {path}: {folder} is a file, not a folder", prog)
    if not os.path.isdir(folder):
        fail(f"{flag} {path}: the folder {folder} does not exist", prog)
    try:
        fd, probe = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        fail(f"{flag} {path}: cannot write in {folder} ({(exc.strerror or str(exc)).lower()})", prog)


def check_outputs(metrics: str | None, save: str | None, prog: str = PROG,
                  inputs: dict[str, str | None] | None = None) -> None:
    """Exit 2 now if --metrics or --save cannot be written after training, or they name one file, or one of
    them names an input (``inputs``: flag -> path, e.g. {"--load": ...}): a save would replace it."""
    if metrics is not None and not metrics.lower().endswith(METRIC_FORMATS):
        fail(f"--metrics {metrics}: the file name must end in .json or .csv", prog)
    for path, flag in ((metrics, "--metrics"), (save, "--save")):
        if path is not None:
            check_writable(path, flag, prog)
    if metrics and save and os.path.realpath(metrics) == os.path.realpath(save):
        fail("--metrics and --save name the same file", prog)
    for path, flag in ((metrics, "--metrics"), (save, "--save")):
        for source_flag, source in (inputs or {}).items():
            if path and source and _same_file(path, source):
                fail(f"{flag} {path} is the file {source_flag} reads: writing it would replace your input; "
                     "choose another name", prog)


def _same_file(a: str, b: str) -> bool:
    """``a`` and ``b`` are one file (hard links and symlinks too), or the same path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def metrics_text(path: str, config: TrainConfig, steps: list[tuple[int, float, float]], diverged: Diverged | None) -> str:
    """The metrics file's content, JSON or CSV by ``path``'s extension."""
    losses, norms = [loss for _, loss, _ in steps], [norm for _, _, norm in steps]
    first = steps[0][0] if steps else 1  # a continued run starts after the loaded steps
    if path.lower().endswith(".csv"):
        return metrics_csv(losses, norms, first)
    return metrics_json(metrics_dict(config, losses, norms, diverged.step if diverged is not None else None, first))


# -- progress --------------------------------------------------------------------------


def _no_progress(rec: TrainStep) -> None:
    pass


class _Progress:
    """A rich progress bar on stderr (step, loss, rate, ETA), redrawn at most 20 times a second."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("step"), MofNCompleteColumn(), BarColumn(),
            TextColumn("loss {task.fields[loss]}"),
            TextColumn("{task.fields[rate]} steps/s"),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.task = self.progress.add_task("train", total=total, loss="-", rate="-")
        self.start = self.last = time.perf_counter()

    def __enter__(self) -> Callable[[TrainStep], None]:
        self.progress.start()
        return self.update

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def update(self, rec: TrainStep) -> None:
        now = time.perf_counter()
        if now - self.last < 0.05 and rec.step < rec.epochs:
            return
        self.last = now
        rate = rec.step / max(now - self.start, 1e-9)
        self.progress.update(self.task, completed=rec.step, loss=f"{rec.loss:.4g}", rate=f"{rate:,.0f}")


class _Quiet:
    def __enter__(self):
        return _no_progress

    def __exit__(self, *exc) -> None:
        pass


# -- main --------------------------------------------------------------------------------


def _start_engine(trainer: Trainer) -> None:
    """Build the engine now (imports torch), so a missing torch fails before any output."""
    try:
        _ = trainer.engine
    except EngineUnavailable as exc:
        cause = exc.__cause__ or exc
        first = (str(cause).splitlines() or [""])[0]
        fail(f"torch is unavailable ({type(cause).__name__}{': ' + first if first else ''}); try --engine numpy", PROG)


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    weights = resume = None
    if args.load is not None:
        config, weights, resume = loaded_run(args, argv)
    else:
        config = config_from(args)
    check_outputs(args.metrics, args.save)

    trainer = Trainer(config, weights, resume)
    config = config.with_(seed=trainer.seed)  # record the seed actually used
    _start_engine(trainer)
    steps: list[tuple[int, float, float]] = []
    diverged = None
    show = not args.quiet and sys.stderr.isatty()
    start = time.perf_counter()
    try:
        with CtrlC() as ctrl_c, (_Progress(config.epochs) if show else _Quiet()) as update:
            for rec in trainer:
                steps.append((rec.step, rec.loss, rec.grad_norm))
                update(rec)
                ctrl_c.check()  # between two steps, outside the bar's lock
    except Diverged as exc:
        diverged = exc
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{PROG}: interrupted at step {trainer.done} of {config.epochs}; no file written\n")
        return 130
    seconds = time.perf_counter() - start

    # write what can be written, then say exactly what failed
    failed = []
    if args.metrics:
        try:
            write_text_atomic(args.metrics, metrics_text(args.metrics, config, steps, diverged))
        except OSError as exc:  # e.g. the disk filled up or the folder went away during training
            failed.append(f"--metrics {args.metrics}: cannot write ({(exc.strerror or str(exc)).lower()})")
    if diverged is not None:
        fail("; ".join(failed + [str(diverged)]), PROG)
    if args.save:
        failed += _save(trainer, args.save, kept=bool(failed))
    if failed:
        fail("; ".join(failed), PROG)
    _summary(config, steps, seconds)
    if args.metrics:
        sys.stdout.write(f"wrote {shown(args.metrics)}: loss and gradient norm of {len(steps)} steps\n")
    if args.save:
        sys.stdout.write(f"wrote {shown(args.save)}: the model after step {trainer.done} (rnn-tui train --load "
                         "continues it; rnn-tui inspect describes it)\n")
    return 0


def _save(trainer: Trainer, path: str, kept: bool) -> list[str]:
    """[] once the model is saved (with a note when the metrics failed), else the one problem."""
    from core.sincos.checkpoint import ModelFileError

    try:
        trainer.save(path)
    except ModelFileError as exc:
        return [str(exc)]
    return [f"the model was saved to {path}"] if kept else []


def _summary(config: TrainConfig, steps: list[tuple[int, float, float]], seconds: float) -> None:
    verdict = judge([loss for _, loss, _ in steps])
    best_step = steps[verdict.best_step - 1][0]  # the run's step number (a continued run's go on from the file's)
    sys.stdout.write(
        f"final loss {steps[-1][1]:.6g}, best loss {verdict.best:.6g} (step {best_step}), "
        f"{len(steps)} steps in {seconds:.2f} s ({config.engine} engine, seed {config.seed})\n"
    )
    last = f"mean loss {verdict.final:.3g} over the last {min(FINAL_STEPS, len(steps))} steps"
    if verdict.collapsed:
        sys.stderr.write(f"{PROG}: warning: the run ended far worse than its best ({last}, best {verdict.best:.3g} "
                         f"at step {best_step}); a lower --lr or fewer --epochs keeps the good fit\n")
    elif verdict.unlearned:
        sys.stderr.write(f"{PROG}: warning: the run did not learn ({last}: predicting 0 everywhere scores "
                         f"{ZERO_GUESS_LOSS}); try a lower --lr\n")
