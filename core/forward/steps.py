"""A sentence through the RNN, every step kept: what the Forward tab and
``rnn-tui forward`` show (the UI does no math).

A run is built from the sentence and the settings, then a front end reads step
``t`` from it (0 = nothing computed yet). Building is O(sentence length); reading
a step is O(1), so moving through a 10,000-token sentence stays fast.
The scalar run needs no NumPy (the app's first frame shows it); the vector
runs live in core/forward/steps_vector.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.forward.scalar import ScalarParams, ScalarStep, walk
from core.forward.tokens import Tokenized, Vocab, tokenize

MODES = ("scalar", "vector")  # the tutorial's walk-through; the general RNN of its figure


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


def vocab_pairs(vocab: Vocab) -> tuple[tuple[str, int], ...]:
    return tuple(vocab.ids.items())


def build_scalar(text: str, mode: str, params: ScalarParams) -> ScalarRun:
    """Tokenize ``text`` and walk the scalar RNN over it."""
    vocab = Vocab()
    tk = tokenize(text, mode, vocab)
    steps = tuple(walk(tk.tokens, tk.ids, params))
    return ScalarRun(tk, vocab_pairs(vocab), params, steps, tuple(r.s for r in steps), tuple(r.o for r in steps))


