"""The vector RNN over a sentence, every step kept (see core/forward/steps.py): one
sentence, or two through the same weights and vocabulary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.forward.align import align
from core.forward.steps import vocab_pairs
from core.forward.tokens import Tokenized, Vocab, tokenize
from core.forward.vector import Trace, Weights, make_weights, trace
from core.forward.vector_params import VectorParams, validate


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
    pairs: tuple[tuple[int | None, int | None], ...]  # rows: (A's word, B's word), shared words side by side
    dist: np.ndarray  # (rows,) ‖s(A) − s(B)‖ after the row's two words; nan where one side has no word
    final_dist: float  # distance between the two last hidden states
    kind = "compare"

    @property
    def n(self) -> int:
        """Rows to step through: one per aligned pair of words."""
        return len(self.pairs)


def _vector(tk: Tokenized, vocab: Vocab, params: VectorParams, weights: Weights) -> VectorRun:
    tr = trace(tk.ids, weights, params.activation)
    return VectorRun(tk, vocab_pairs(vocab), params, weights, tr, np.linalg.norm(tr.s, axis=1))


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
    pairs = tuple(align(tk_a.tokens, tk_b.tokens))  # 喜欢 beside 喜欢, not beside 不 (row by row it would be)
    dist = np.array([np.linalg.norm(a.trace.s[i] - b.trace.s[j]) if i is not None and j is not None else np.nan
                     for i, j in pairs])
    final = float(np.linalg.norm(a.trace.s[-1] - b.trace.s[-1])) if a.n and b.n else float("nan")
    return CompareRun(a, b, pairs, dist, final)

