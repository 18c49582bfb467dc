"""One sentence through both models: everything the Context tab draws, computed here.

Importing this module does not load NumPy (``read`` does, on its first call), so the
package can re-export ``read`` without slowing the app's first frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from core.context.models import Models
    from core.context.nets import Clamp


@dataclass(frozen=True, eq=False)
class Reading:
    """What the models make of one sentence, word by word (T words, H hidden units)."""

    tokens: tuple[str, ...]  # the words the models read: the segmenter's, Chinese words they do not know cut into ones they do
    ids: tuple[int, ...]  # 0 for a word the models never saw
    unknown: tuple[bool, ...]  # True: never seen in training (both models skip it: the RNN's s and P stay as they were)
    s: np.ndarray  # (T, H) the RNN's hidden state after each word
    p_positive: np.ndarray  # (T,) the RNN's P(positive) after each word (its answer if the sentence ended there)
    p_start: float  # P(positive) before any word (s_0 = 0: sigmoid(c))
    bag_p: float | None  # the bag-of-words model's P(positive) for the whole sentence (None: no words)
    bag_p_positive: np.ndarray  # (T,) the bag model's P(positive) from words 1..t (order-blind within them)
    flip: int | None  # 0-based word after which the RNN's answer last turned (see flip_index); None: never
    trained: bool  # False: random weights

    @property
    def known(self) -> tuple[bool, ...]:
        return tuple(not u for u in self.unknown)

    @property
    def p_final(self) -> float | None:
        """The RNN's answer for the whole sentence (None: no words)."""
        return float(self.p_positive[-1]) if len(self.p_positive) else None


FLIP_MARGIN = 0.25  # an answer is decided only this far from 0.5 (P < 0.25 or > 0.75: random weights, and a trained
# model before any sentiment word, hover near 0.5)


def flip_index(p_start: float, p: Sequence[float]) -> int | None:
    """The last word after which the answer turned: P(positive) decided (at least FLIP_MARGIN from
    0.5) and on the other side from the last decided answer before it, or the first decided answer
    if none came before (an undecided model that makes up its mind turns too). Random weights hover
    at 0.5 and never turn."""
    side, turn = (None if abs(p_start - 0.5) < FLIP_MARGIN else p_start >= 0.5), None
    for t, x in enumerate(float(v) for v in p):
        if abs(x - 0.5) >= FLIP_MARGIN and (x >= 0.5) != side:
            side, turn = x >= 0.5, t
    return turn


def read(models: Models, tokens: Sequence[str], clamp: Clamp | None = None) -> Reading:
    """Run ``tokens`` (``segment``'s words) through both models (``clamp``: hold one RNN unit fixed, for
    the unit lens). Chinese words the models do not know are first cut into words they do (back_off)."""
    import numpy as np

    from core.context.nets import sigmoid
    from core.context.segment import back_off
    from core.context.threads import one_thread
    tokens = tuple(back_off(tokens, models.index))
    ids = models.ids(tokens)
    p_start = float(sigmoid(models.rnn.c[0]))
    if not tokens:
        return Reading(tokens, ids, (), np.zeros((0, models.hidden)), np.zeros(0), p_start, None, np.zeros(0), None,
                       models.trained)
    with one_thread():
        return _read(models, tokens, ids, p_start, clamp)


def read_ids(models: Models, tokens: tuple[str, ...], ids: tuple[int, ...]) -> Reading:
    """``tokens`` read with the given ids (0: skipped), for counterfactuals (core.context.why)."""
    from core.context.nets import sigmoid
    from core.context.threads import one_thread

    with one_thread():
        return _read(models, tokens, ids, float(sigmoid(models.rnn.c[0])), None)


def _read(models: Models, tokens: tuple[str, ...], ids: tuple[int, ...], p_start: float, clamp: Clamp | None) -> Reading:
    import numpy as np

    from core.context.models import UNKNOWN
    from core.context.nets import bag_forward, bag_prefixes, rnn_forward, sigmoid

    id_row = np.array([ids], dtype=np.int64)
    s, o = rnn_forward(models.rnn, id_row, clamp)
    p = sigmoid(o[0])
    length = np.array([len(tokens)])
    bag_o = bag_forward(models.bag, id_row, length)[2]  # exactly order-blind
    bag_prefix = sigmoid(bag_prefixes(models.bag, id_row)[2][0])
    unknown = tuple(i == UNKNOWN for i in ids)
    return Reading(tokens, ids, unknown, s[0], p, p_start, float(sigmoid(bag_o[0])), bag_prefix,
                   flip_index(p_start, p), models.trained)
