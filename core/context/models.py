"""The two Context models' weights, their vocabulary, and their (random) initial values.

RNN (the Forward tab's vector RNN, ``core.forward.vector.Weights``, with one output):

    a_t = U·x_t + W·s_{t-1} + b,  s_t = tanh(a_t),  o_t = V·s_t + c,  P(positive after word t) = sigmoid(o_t)

Bag of words (order-blind: it sees only which words occur, and how often):

    m = mean_t E·x_t,  h = tanh(A·m + b),  o = V·h + c,  P(positive) = sigmoid(o)

Fair comparison: the two have the same parameter shapes (E like U, A like W),
and start from the very same numbers (core.forward.vector.make_weights with the run's
seed: uniform in ±1/sqrt(H), torch's default range); they train on the same
batches with the same optimiser, learning rate and number of steps.

x_t is one-hot over the vocabulary: id k (1-based) is ``vocab[k-1]``; id 0 is
a word the model never saw, whose x is all zeros: it adds no input, the RNN's
step only carries its memory on (s_t = tanh(W·s_{t-1} + b)), and the bag
counts it in the length of the sentence but adds nothing to the sum.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from core.context.config import ContextConfig
from core.forward.vector import VectorParams, Weights, make_weights

UNKNOWN = 0  # the id of a word outside the vocabulary
MAX_VOCAB = 20_000  # words a model knows at most (a bigger training set keeps its most frequent words)
MAX_WORD_CHARS = 100  # a longer word is never learnt (it reads as unknown), so a saved vocabulary stays small


@dataclass(frozen=True, eq=False)
class BagWeights:
    """The order-blind baseline's parameters (float64)."""

    E: np.ndarray  # (H, vocab) word -> embedding; column k-1 is token id k
    A: np.ndarray  # (H, H) mean embedding -> hidden layer
    b: np.ndarray  # (H,) hidden bias
    V: np.ndarray  # (1, H) hidden -> output
    c: np.ndarray  # (1,) output bias


@dataclass(frozen=True, eq=False)
class Models:
    """Both models, trained together on one vocabulary."""

    vocab: tuple[str, ...]  # id k is vocab[k-1]
    rnn: Weights  # U (H, vocab), W (H, H), b (H,), V (1, H), c (1,), float64
    bag: BagWeights
    config: ContextConfig
    trained: bool  # False: the initial random weights
    steps: int = 0  # Adam steps taken (0 for random weights)

    @property
    def hidden(self) -> int:
        return self.rnn.W.shape[0]

    @cached_property
    def index(self) -> dict[str, int]:
        """word -> id."""
        return {w: i + 1 for i, w in enumerate(self.vocab)}

    def ids(self, tokens: Sequence[str]) -> tuple[int, ...]:
        """The id of each token (UNKNOWN for a word the models never saw)."""
        return tuple(self.index.get(tok, UNKNOWN) for tok in tokens)


def build_vocab(sentences: Iterable[Sequence[str]], limit: int = MAX_VOCAB) -> tuple[tuple[str, ...], int]:
    """(every distinct word in order of first appearance (ids from 1, as in the tutorial), how many distinct
    words there were); past ``limit`` words, only the ``limit`` most frequent are kept (the rest read as unknown)."""
    freq = Counter(tok for sentence in sentences for tok in sentence if len(tok) <= MAX_WORD_CHARS)  # first-appearance order
    if len(freq) <= limit:
        return tuple(freq), len(freq)
    keep = {w for w, _ in freq.most_common(limit)}
    return tuple(w for w in freq if w in keep), len(freq)


def random_models(config: ContextConfig, vocab: Sequence[str]) -> Models:
    """Both models at their initial, random weights (what training starts from)."""
    config.validate()
    vocab = tuple(vocab)
    w = make_weights(len(vocab), VectorParams(hidden=config.hidden, output=1, seed=config.seed))
    rnn = Weights(*(np.array(a, dtype=np.float64) for a in (w.U, w.W, w.b, w.V, w.c)))
    bag = BagWeights(*(np.array(a, dtype=np.float64) for a in (w.U, w.W, w.b, w.V, w.c)))
    return Models(vocab, rnn, bag, config, trained=False)
