"""The Context tab's figures, from one seeded run of the default config (issues 10, 11 and 20).

    python bench/bench_context.py

1. Training both models on the generated corpus (ContextConfig(): seed 0), on one
   thread (BLAS at one thread, as in the app): the seconds from nothing (building the
   corpus included) to the final model (target: <= 10 s), when the RNN first reaches
   97% held-out accuracy, its final held-out and same-words accuracy (targets: >= 97%,
   >= 95%) and the bag-of-words model's (same-words target: 50%, by construction); the
   time includes scoring both models on the held-out split after every record. Then the
   hand-written student sentences (tests/data/student_sentences.tsv; target >= 90%), and
   ``rnn-tui context predict SENTENCE`` without --model, timed as a user runs it (<= 15 s).
1b. Real reviews (--corpus reviews): training time (target <= 120 s), accuracy of both
   models on the held-out reviews, and the negation check.
2. The bag model at three times the budget, to show its ceiling is not a budget artefact.
3. Your own data: a generated labelled file of 100,000 and of 400,000 lines read by
   stream_corpus in a fresh process each: lines per second and the peak resident
   memory (VmHWM) against a process that only imports it (bounded: the two should be alike,
   since at most MAX_SENTENCES sentences are kept).
   Then the worst case for memory: 100,000 lines of 100 distinct 6-letter words each (70 MB, ten
   million distinct words) trained by the real ``rnn-tui context train --data``: its peak resident
   memory against the target (<= 300 MB; 1.1 GB before the vocabulary and word bounds).
4. The unit lens (issue 11): the best unit's score for the negation-scope feature, and
   the share of negated held-out sentences whose answer flips when that unit is
   clamped to the value it takes without negation; and how well a line reads the
   negation off that one unit, and off all units together (is the memory in one
   unit, or spread over many?).

Prints every figure next to its target; exits 1 if a run did not happen (no
records, a crash) and says so. Timings move with the machine's load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from core.context import ContextConfig, ContextTrainer  # noqa: E402

TARGET_SECONDS, TARGET_ACC, TARGET_SAME = 10.0, 0.97, 0.95
TARGET_STUDENTS, TARGET_PREDICT, TARGET_REVIEWS = 0.90, 15.0, 120.0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _fail(what: str) -> None:
    print(f"FAILED: {what}")
    raise SystemExit(1)


def run(config: ContextConfig):
    """(trainer, records, seconds from nothing: the corpus built, then every step)."""
    from core.context.corpus import make_corpus

    make_corpus.cache_clear()
    start = time.perf_counter()
    trainer = ContextTrainer(config)
    records = list(trainer)
    wall = time.perf_counter() - start
    if len(records) < 2 or records[-1].step != trainer.steps:
        _fail(f"training stopped after {len(records)} records")
    return trainer, records, wall


def student_figure(models) -> None:
    from core.context import read, segment

    rows = [line.split("\t") for line in open(os.path.join(ROOT, "tests", "data", "student_sentences.tsv"), encoding="utf-8")
            if line.strip() and not line.startswith("#")]
    if not rows:
        _fail("no student sentences read")
    right = bag = 0
    for y, text in rows:
        r = read(models, segment(text.strip()))
        right += (r.p_final >= 0.5) == (y == "1")
        bag += (r.bag_p >= 0.5) == (y == "1")
    print(f"hand-written student sentences ({len(rows)}): RNN {right / len(rows):.1%} "
          f"({_mark(right / len(rows) >= TARGET_STUDENTS)}: >= {TARGET_STUDENTS:.0%}), bag {bag / len(rows):.1%}")


def predict_figure() -> None:
    """``rnn-tui context predict`` with no model: it trains the default one, then answers."""
    import shutil

    program = shutil.which("rnn-tui", path=os.path.dirname(sys.executable)) or shutil.which("rnn-tui")
    if program is None:
        _fail("rnn-tui is not installed next to this Python (pip install -e .)")
    start = time.perf_counter()
    out = subprocess.run([program, "context", "predict", "这部电影不好看", "--json"], capture_output=True, text=True,
                         timeout=300)
    seconds = time.perf_counter() - start
    if out.returncode != 0 or '"p_positive"' not in out.stdout:
        _fail(f"context predict: {out.stderr.strip()[-200:] or out.stdout[-200:]}")
    print(f"`{program} context predict 这部电影不好看` (trains the default model first): {seconds:.1f} s = "
          f"{seconds / TARGET_PREDICT:.2f}x the {TARGET_PREDICT:g} s budget ({_mark(seconds <= TARGET_PREDICT)})")


def reviews_figure() -> None:
    from core.context.reviews import negation_check
    from core.context.train import accuracy, encode, predict

    trainer, records, wall = run(ContextConfig(corpus="reviews"))
    data = encode(trainer.corpus.test, trainer.models)
    rnn_o, bag_o = predict(trainer.models, data)
    check = negation_check(trainer.models, trainer.corpus)
    print(f"real reviews: {len(trainer.corpus.train):,} training, {len(trainer.corpus.test):,} held-out; "
          f"{len(records)} progress records; trained in {wall:.0f} s = {wall / TARGET_REVIEWS:.2f}x the "
          f"{TARGET_REVIEWS:g} s budget ({_mark(wall <= TARGET_REVIEWS)})")
    print(f"real reviews held-out: RNN {accuracy(rnn_o, data.y):.1%}, bag {accuracy(bag_o, data.y):.1%}; "
          f"negation check ({check.edits} edited reviews): answer changed RNN {check.rnn:.0%}, bag {check.bag:.0%}")


STREAM_PROBE = """
import sys, time
from core.context.config import ContextConfig
from core.context.data import stream_corpus
def peak():
    return int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])
base = peak()
start = time.perf_counter()
records = 0
if sys.argv[1] != '-':
    for rec in stream_corpus(ContextConfig(data=sys.argv[1])):
        records += 1
    print(rec.lines, rec.kept, records, time.perf_counter() - start, peak(), base)
else:
    print(0, 0, 0, 0.0, peak(), base)
"""


def stream_figures() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for lines in (0, 100_000, 400_000):
            path = "-"
            if lines:
                path = os.path.join(folder, f"big{lines}.csv")
                with open(path, "w", encoding="utf-8") as fh:
                    for i in range(lines):
                        english, chinese = ("I really like", "喜欢") if i % 2 else ("we do not enjoy", "不喜欢")
                        fh.write(f"{i % 2},{english} item {i} 我{chinese}它\n")
            out = subprocess.run([sys.executable, "-c", STREAM_PROBE, path], capture_output=True, text=True,
                                 cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))), timeout=600)
            if out.returncode != 0 or not out.stdout.strip():
                _fail(f"reading {lines} lines: {out.stderr.strip().splitlines()[-1:] or 'no output'}")
            n, kept, records, seconds, peak, _ = out.stdout.split()
            rows.append((lines, int(kept), int(records), float(seconds), int(peak)))
        bare = rows[0][4]
        for lines, kept, records, seconds, peak in rows[1:]:
            print(f"own data: {lines:,} lines read in {seconds:.1f} s ({lines / seconds:,.0f} lines/s, {records} progress records), "
                  f"{kept:,} kept; peak memory {peak / 1024:.0f} MB vs {bare / 1024:.0f} MB importing only "
                  f"(+{(peak - bare) / 1024:.0f} MB)")
        growth = [(r[4] - bare) for r in rows[1:]]
        print(f"memory growth 400k/100k lines: {growth[1] / max(growth[0], 1):.2f} (bounded: near 1)")


PEAK_TARGET_MB = 300
PEAK_PROBE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run([sys.executable, '-m', 'tui.cli', 'context', 'train', '--data', sys.argv[1], '--epochs', '1'],"
    " capture_output=True, text=True)\n"
    "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
)


def distinct_words_figure() -> None:
    """Peak memory of `rnn-tui context train` on a file whose every word is new."""
    import random
    import string

    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "distinct.csv")
        with open(path, "w") as fh:
            for i in range(100_000):
                fh.write(f"{i % 2}," + " ".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(100)) + "\n")
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", PEAK_PROBE, path], capture_output=True, text=True, timeout=900,
                             cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        parts = out.stdout.split()
        if out.returncode != 0 or len(parts) != 2 or parts[0] != "0":
            _fail(f"context train on distinct words: {out.stdout.strip() or out.stderr.strip()[-200:]}")
        peak_mb = int(parts[1])
        print(f"own data, worst case (100,000 lines of 100 distinct words, 70 MB): trained in "
              f"{time.perf_counter() - start:.0f} s, peak {peak_mb} MB = {peak_mb / PEAK_TARGET_MB:.2f}x the "
              f"{PEAK_TARGET_MB} MB target ({_mark(peak_mb <= PEAK_TARGET_MB)})")


def majority(examples) -> float:
    """The accuracy of always answering the negation feature's commoner value, over every word."""
    from core.context.units import features

    values = [v for e in examples for v in features(e.tokens)["negation"]]
    share = sum(values) / len(values)
    return max(share, 1 - share)


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    config = ContextConfig()
    trainer, records, wall = run(config)
    last = records[-1]
    reached = next((r for r in records if r.acc_rnn >= TARGET_ACC), None)
    print(f"corpus: {len(trainer.corpus.train)} training, {len(trainer.corpus.test)} held-out sentences, "
          f"{len(trainer.corpus.same_words)} same-words pairs; H={config.hidden}, {last.steps} steps of each model")
    if reached is None:
        print(f"RNN never reached {TARGET_ACC:.0%} held-out (best {max(r.acc_rnn for r in records):.1%})  MISSED")
    else:
        print(f"RNN reaches {reached.acc_rnn:.1%} held-out after {reached.seconds:.2f} s of training (step {reached.step})")
    print(f"from nothing to the final model: {wall:.2f} s = {wall / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:g} s budget "
          f"({_mark(wall <= TARGET_SECONDS)}; {last.seconds:.2f} s of it training+scoring, the rest building the corpus)")
    print(f"final held-out: RNN {last.acc_rnn:.1%} ({_mark(last.acc_rnn >= TARGET_ACC)}), bag {last.acc_bag:.1%}; "
          f"ratio RNN/bag {last.acc_rnn / last.acc_bag:.2f}")
    print(f"same words, opposite labels: RNN {last.same_acc_rnn:.1%} ({_mark(last.same_acc_rnn >= TARGET_SAME)}), "
          f"bag {last.same_acc_bag:.1%} ({_mark(last.same_acc_bag == 0.5)})")

    student_figure(trainer.models)
    predict_figure()
    reviews_figure()

    long_trainer, long_records, _ = run(config.with_(epochs=3 * config.epochs))
    long_last = long_records[-1]
    print(f"at 3x the budget ({long_last.steps} steps): bag held-out {long_last.acc_bag:.1%}, "
          f"same words {long_last.same_acc_bag:.1%}; RNN {long_last.acc_rnn:.1%}")

    stream_figures()
    distinct_words_figure()

    from core.context.units import negation_figures, probe_accuracy

    fig = negation_figures(trainer.models, trainer.corpus.test)
    print(f"unit lens: best negation-scope unit {fig.unit} (score {fig.score:.3f}; next best {fig.runner_up:.3f}); "
          f"clamped from the negator on to its no-negation value {fig.value:+.3f}, "
          f"{fig.flipped}/{fig.negated} negated held-out sentences flip ({fig.flipped / max(fig.negated, 1):.1%})")
    fit, test = trainer.corpus.train[:1500], trainer.corpus.test
    one = probe_accuracy(trainer.models, "negation", fit, test, unit=fig.unit)
    every = probe_accuracy(trainer.models, "negation", fit, test)
    print(f"negation read off the hidden state (a line fitted on 1,500 training sentences, scored on every held-out word): "
          f"unit {fig.unit} alone {one:.1%}, all {trainer.config.hidden} units {every:.1%}; "
          f"always guessing the commoner value: {majority(test):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
