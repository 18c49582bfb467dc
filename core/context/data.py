"""Your own sentences instead of the generated corpus.

Two ways to give them:

- one labelled file, a line per sentence: ``label,text`` (CSV) or ``label<TAB>text``
  (TSV; chosen by the .tsv extension, or by a tab on the line). Labels: 1/0,
  pos/neg, positive/negative (any case). The text may be in double quotes (CSV
  style, "" for a quote). A first line whose label is ``label`` is a header.
- two plain files, one sentence per line: the positive ones and the negative ones.

Blank lines are skipped. Each sentence is cut by ``core.context.segment``.

Reading streams: ``stream_corpus`` yields a ``DataProgress`` record every
PROGRESS_LINES lines (for a progress bar), and the last record carries the
Corpus, with ``test_fraction`` of the sentences held out (seeded). Memory is
bounded: at most MAX_SENTENCES sentences are kept (a uniform, seeded sample
of a longer file, said in the last record), each cut to MAX_WORDS words.

A bad file stops with DataError, one line naming the file and the line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from core.context.config import ContextConfig
from core.context.corpus import Corpus, Example
from core.context.models import MAX_WORD_CHARS
from core.context.segment import CLAUSE_MARKS, segment
from core.io.visible import shown

LABELS = {"1": 1, "0": 0, "pos": 1, "neg": 0, "positive": 1, "negative": 0}
MAX_SENTENCES = 100_000  # sentences kept from a file (a longer file is sampled)
# Words kept in all (a sample of fewer sentences when they are long): each distinct word costs ~60 bytes and
# its vocabulary count ~100 more, so this bounds the reading's memory (~250 MB at worst, every word distinct;
# bench/bench_context.py measures it) whatever the file holds.
MAX_KEPT_WORDS = 1_000_000
# Distinct words remembered while reading (a real file has tens of thousands; the model keeps its MAX_VOCAB most
# frequent): a word first seen after this many is kept as OVER_CAP, which no vocabulary takes (it reads as unknown).
MAX_DISTINCT_WORDS = 200_000
OVER_CAP = "\u2026" * (MAX_WORD_CHARS + 1)  # longer than any word a vocabulary keeps
MAX_WORDS = 100  # words kept per sentence
MAX_LINE_CHARS = 100_000  # a longer line is refused (a binary file, or no line breaks)
MIN_SENTENCES = 10  # fewer cannot make a training and a test split
PROGRESS_LINES = 2000  # lines between two progress records


class DataError(ValueError):
    """A file cannot be used; the message is one line naming the file (and the line)."""


@dataclass(frozen=True, eq=False)
class DataProgress:
    """How far reading has got; the last record has the corpus."""

    lines: int  # lines read so far (all files)
    bytes_read: int
    bytes_total: int  # size of the file(s)
    sentences: int  # sentences read so far (blank lines and the header not counted)
    kept: int  # sentences held in memory (at most MAX_SENTENCES, and MAX_KEPT_WORDS words in all)
    over_cap: int  # words read after MAX_DISTINCT_WORDS distinct ones that were new (they read as unknown)
    truncated: int  # sentences cut to MAX_WORDS words so far
    corpus: Corpus | None = None  # set in the last record only


def _where(path: str, n: int) -> str:
    return f"{shown(path)}, line {n}"


def _open(path: str):
    """The file at ``path`` opened for reading, refused before anything blocks: a FIFO nobody writes to,
    a terminal or a socket would wait for ever, so only a regular file is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise DataError(f"no file at {shown(path)}") from None
    except IsADirectoryError:
        raise DataError(f"{shown(path)} is a folder, not a file") from None
    except OSError as exc:
        raise DataError(f"cannot read {shown(path)}: {(exc.strerror or str(exc)).lower()}") from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise DataError(f"{shown(path)} is a folder, not a file")
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise DataError(f"{shown(path)} is not a regular file (a device, a pipe or a socket): give a text file")
    return os.fdopen(fd, "rb")


def _lines(path: str) -> Iterator[tuple[int, str, int]]:
    """(line number, text without its line break, bytes so far), decoded as UTF-8 (a BOM is dropped)."""
    with _open(path) as fh:
        done, n = 0, 0
        while True:
            try:
                raw = fh.readline(MAX_LINE_CHARS * 4 + 1)  # UTF-8: at most 4 bytes a character
            except OSError as exc:  # e.g. /proc/self/mem: input/output error
                raise DataError(f"cannot read {shown(path)}: {(exc.strerror or str(exc)).lower()}") from None
            if not raw:
                return
            n, done = n + 1, done + len(raw)
            if len(raw) > MAX_LINE_CHARS * 4 or b"\0" in raw:
                raise DataError(f"{_where(path, n)}: not a text line (binary data, or over {MAX_LINE_CHARS:,} characters)")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise DataError(f"{_where(path, n)}: not UTF-8 text") from None
            if len(text.rstrip("\r\n")) > MAX_LINE_CHARS:
                raise DataError(f"{_where(path, n)}: a line of {len(text):,} characters; at most {MAX_LINE_CHARS:,}")
            if n == 1:
                text = text.removeprefix("\ufeff")
            yield n, text.rstrip("\r\n"), done


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def _labelled(path: str, n: int, line: str) -> tuple[int, str] | None:
    """(label, text) of one line of a labelled file; None for the header."""
    tab = path.lower().endswith(".tsv") or "\t" in line
    label, sep, text = line.partition("\t" if tab else ",")
    key = _unquote(label).lower()
    if n == 1 and key in ("label", "sentiment", "polarity"):
        return None
    if not sep:
        raise DataError(f"{_where(path, n)}: expected 'label{'<TAB>' if tab else ','}text', found no {'tab' if tab else 'comma'}")
    if key not in LABELS:
        raise DataError(f"{_where(path, n)}: the label '{shown(key, 24)}' is not 1/0, pos/neg or positive/negative")
    return LABELS[key], _unquote(text)


class _Reader:
    """Keeps a bounded, uniform sample of the sentences read (reservoir sampling, seeded)."""

    def __init__(self, paths: list[str], seed: int):
        self.rng = np.random.default_rng([seed, 2])
        self.kept: list[Example] = []
        self.capacity = MAX_SENTENCES  # shrinks when the kept sentences pass MAX_KEPT_WORDS words
        self.words = 0  # words in the kept sentences
        self.names: dict[str, str] = {}  # one string per distinct word (at most MAX_DISTINCT_WORDS)
        self.over_cap = 0
        self.sentences = self.lines = self.truncated = 0
        self.total = sum(_size(p) for p in paths)
        self.done_bytes = 0

    def add(self, path: str, n: int, label: int, text: str) -> None:
        tokens = segment(text)
        if all(tok in CLAUSE_MARKS for tok in tokens):  # nothing but punctuation ("!!!") is no sentence
            raise DataError(f"{_where(path, n)}: no words in the sentence")
        if len(tokens) > MAX_WORDS:
            tokens = tokens[:MAX_WORDS]
            self.truncated += 1
        self.sentences += 1
        ex = Example(tuple(map(self._name, tokens)), label, "user", "user")
        if len(self.kept) < self.capacity:
            self.kept.append(ex)
            self.words += len(tokens)
        else:
            j = int(self.rng.integers(self.sentences))
            if j < self.capacity:
                self.words += len(tokens) - len(self.kept[j].tokens)
                self.kept[j] = ex
        while self.words > MAX_KEPT_WORDS:  # drop a random kept sentence: what stays is still a uniform sample
            j = int(self.rng.integers(len(self.kept)))
            self.words -= len(self.kept[j].tokens)
            self.kept[j] = self.kept[-1]
            self.kept.pop()
            self.capacity = len(self.kept)

    def _name(self, word: str) -> str:
        """The one string kept for ``word`` (memory: a word in many sentences is stored once)."""
        name = self.names.get(word)
        if name is None:
            if len(self.names) >= MAX_DISTINCT_WORDS:
                self.over_cap += 1
                return OVER_CAP
            name = self.names[word] = word
        return name

    def progress(self, corpus: Corpus | None = None) -> DataProgress:
        return DataProgress(lines=self.lines, bytes_read=self.done_bytes, bytes_total=self.total,
                            sentences=self.sentences, kept=len(self.kept), over_cap=self.over_cap,
                            truncated=self.truncated, corpus=corpus)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _sources(config: ContextConfig) -> list[tuple[str, int | None]]:
    """(path, the label of every line or None for a labelled file)."""
    if config.data is None:
        raise DataError("no data file given")
    if config.data_negative is not None:
        return [(config.data, 1), (config.data_negative, 0)]
    return [(config.data, None)]


def stream_corpus(config: ContextConfig) -> Iterator[DataProgress]:
    """Read ``config.data`` (and ``config.data_negative``); the last record carries the corpus.

    Raises:
        DataError: one line naming the file and the line.
    """
    sources = _sources(config.validate())
    reader = _Reader([p for p, _ in sources], config.seed)
    base = 0
    for path, fixed in sources:
        for n, line, done in _lines(path):
            reader.lines += 1
            reader.done_bytes = base + done
            if line.strip():
                item = (fixed, line.strip()) if fixed is not None else _labelled(path, n, line)
                if item is not None:
                    reader.add(path, n, *item)
            if reader.lines % PROGRESS_LINES == 0:
                yield reader.progress()
        base += _size(path)
    yield reader.progress(_split(reader.kept, config, [p for p, _ in sources]))


def _split(examples: list[Example], config: ContextConfig, paths: list[str]) -> Corpus:
    names = " and ".join(map(shown, paths))
    if len(examples) < MIN_SENTENCES:
        raise DataError(f"{names}: {len(examples)} sentences; at least {MIN_SENTENCES} are needed to train and test")
    if not any(len(tok) <= MAX_WORD_CHARS for e in examples for tok in e.tokens):
        raise DataError(f"{names}: every word is over {MAX_WORD_CHARS} characters, so there is no word to learn")
    labels = {e.label for e in examples}
    if len(labels) < 2:
        raise DataError(f"{names}: every sentence is {'positive' if 1 in labels else 'negative'}; both labels are needed")
    order = np.random.default_rng([config.seed, 3]).permutation(len(examples))
    n_test = max(1, round(config.test_fraction * len(examples)))
    test = tuple(examples[i] for i in order[:n_test])
    train = tuple(examples[i] for i in order[n_test:])
    return Corpus(train, test, ())


def load_corpus(config: ContextConfig) -> Corpus:
    """``stream_corpus`` without the progress: the corpus."""
    for record in stream_corpus(config):
        last = record
    return last.corpus
