"""What the Forward tab shows, computed once per edit by core (the UI does no math).

A run is built from the sentence and the settings, then the widgets read step
``t`` from it (0 = nothing computed yet). Building is O(sentence length); reading
a step is O(1), so moving through a 10,000-token sentence stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.scalar import ScalarParams, ScalarStep, walk
from core.tokens import Tokenized, Vocab, tokenize
from core.vector import ACTIVATIONS, Trace, VectorParams, Weights, distances, make_weights, trace, validate


@dataclass(frozen=True)
class ScalarRun:
    """The tutorial's walk-through over one sentence."""

    tk: Tokenized
    vocab: tuple[tuple[str, int], ...]  # (token, id) in id order
    params: ScalarParams
    steps: tuple[ScalarStep, ...]
    s: tuple[float, ...]  # s_t for t = 1..n
    o: tuple[float, ...]  # o_t for t = 1..n
    kind = "scalar"

    @property
    def n(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class VectorRun:
    """The vector RNN (one-hot x, tanh by default) over one sentence."""

    tk: Tokenized
    vocab: tuple[tuple[str, int], ...]
    params: VectorParams
    weights: Weights
    trace: Trace
    s_norm: np.ndarray  # (n,) ‖s_t‖
    kind = "vector"

    @property
    def n(self) -> int:
        return len(self.tk.tokens)

    @property
    def vocab_size(self) -> int:
        return self.weights.U.shape[1]


@dataclass(frozen=True)
class CompareRun:
    """Two sentences through the same vector RNN: one vocabulary, one set of weights."""

    a: VectorRun
    b: VectorRun
    dist: np.ndarray  # (min(n_a, n_b),) ‖s_t(A) − s_t(B)‖
    final_dist: float  # distance between the two last hidden states
    kind = "compare"

    @property
    def n(self) -> int:
        return max(self.a.n, self.b.n)


def _vocab(vocab: Vocab) -> tuple[tuple[str, int], ...]:
    return tuple(vocab.ids.items())


def build_scalar(text: str, mode: str, params: ScalarParams) -> ScalarRun:
    """Tokenize ``text`` and walk the scalar RNN over it."""
    vocab = Vocab()
    tk = tokenize(text, mode, vocab)
    steps = tuple(walk(tk.tokens, tk.ids, params))
    return ScalarRun(tk, _vocab(vocab), params, steps, tuple(r.s for r in steps), tuple(r.o for r in steps))


def _vector(tk: Tokenized, vocab: Vocab, params: VectorParams, weights: Weights) -> VectorRun:
    tr = trace(tk.ids, weights, params.activation)
    return VectorRun(tk, _vocab(vocab), params, weights, tr, np.linalg.norm(tr.s, axis=1))


def build_vector(text: str, mode: str, params: VectorParams) -> VectorRun:
    """Tokenize ``text`` and run the vector RNN over it (raises ValueError on bad params)."""
    validate(params)
    vocab = Vocab()
    tk = tokenize(text, mode, vocab)
    return _vector(tk, vocab, params, make_weights(max(len(vocab), 1), params))


def build_compare(text_a: str, text_b: str, mode: str, params: VectorParams) -> CompareRun:
    """Run two sentences with one shared vocabulary, so shared words share U's columns."""
    validate(params)
    vocab = Vocab()
    tk_a = tokenize(text_a, mode, vocab)
    tk_b = tokenize(text_b, mode, vocab)
    weights = make_weights(max(len(vocab), 1), params)
    a, b = _vector(tk_a, vocab, params, weights), _vector(tk_b, vocab, params, weights)
    dist = distances(a.trace, b.trace)
    final = float(np.linalg.norm(a.trace.s[-1] - b.trace.s[-1])) if a.n and b.n else float("nan")
    return CompareRun(a, b, dist, final)


ACTIVATION_NAMES = tuple(ACTIVATIONS)
