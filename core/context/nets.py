"""Forward and backward passes of the two Context models, on mini-batches, in NumPy.

A batch is ``ids`` (B, T), padded with 0 after each sentence's end, and
``lengths`` (B,). Id 0 inside a sentence is a word the model does not know: both
models skip it (the RNN keeps s_t = s_{t-1}, so its answer after that word is the
answer before it; the bag model leaves it out of its mean). A step the model never
trained on is never taken.

Both models answer after every word (the tutorial: each step has an output),
and both are trained the same way: cross-entropy against the whole sentence's
label, half on the answer after the last word (the sentence's answer), half
spread over the answers after every word. So P(positive) after word t is the
model's guess of the sentence's label from the words so far (after 我不 it
cannot know yet whether 喜欢 or 讨厌 comes).

The recurrence is the Forward tab's (``core.forward.vector.recur``; a test checks they
agree on the same weights), run for a whole batch at once, with an optional
clamp of one hidden unit for the unit lens, and its mirror-image backward loop
(min-char-rnn style). Padding needs no special case in the backward loop: the
loss reads no step after a sentence's end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.context.models import BagWeights
from core.forward.vector import Weights, recur


@dataclass(frozen=True)
class Clamp:
    """Hold hidden unit ``unit`` at ``value`` from 0-based step ``start`` on."""

    unit: int
    value: float
    start: int = 0


def sigmoid(o: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * o))  # = 1 / (1 + e^-o), without overflow


def last(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's entry at its sentence's last word: values (B, T, ...) -> (B, ...)."""
    return values[np.arange(len(lengths)), np.asarray(lengths) - 1]


# -- the RNN ---------------------------------------------------------------------------------

def skipped(ids: np.ndarray, lengths: np.ndarray | None) -> np.ndarray | None:
    """(T, B) True at unknown words inside a sentence (padding after its end is not one); None if there are none."""
    inside = True if lengths is None else np.arange(ids.shape[1])[None, :] < np.asarray(lengths)[:, None]
    skip = (ids == 0) & inside
    return skip.T.copy() if skip.any() else None


def rnn_forward(w: Weights, ids: np.ndarray, clamp: Clamp | None = None,
                lengths: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """s (B, T, H) hidden states and o (B, T) outputs after every word (``lengths``: None = no padding)."""
    H = w.W.shape[0]
    # U·x_t + b for every word, time first (T, B, H): each step reads one contiguous block; row 0 = no input
    drive = np.vstack([np.zeros((1, H)), w.U.T])[ids.T] + w.b
    skip = skipped(ids, lengths)

    def each(t: int, s_t: np.ndarray) -> None:
        if skip is not None and skip[t].any():  # an unknown word: s_t = s_{t-1}, the memory goes on untouched
            s_t[skip[t]] = drive[t - 1][skip[t]] if t else 0.0
        if clamp is not None and t >= clamp.start:
            s_t[:, clamp.unit] = clamp.value

    # s_t = tanh(U·x_t + W·s_{t-1} + b) from s_0 = 0, the whole batch at once, written over drive_t (read once)
    recur(drive, w.W, np.tanh, out_s=drive, keep_a=False, each=None if clamp is None and skip is None else each)
    s = np.ascontiguousarray(drive.transpose(1, 0, 2))  # (B, T, H)
    o = s @ w.V[0] + w.c[0]  # o_t = V·s_t + c
    return s, o


def rnn_backward(w: Weights, ids: np.ndarray, s: np.ndarray, do: np.ndarray,
                 lengths: np.ndarray | None = None) -> Weights:
    """Gradients of the loss, given dL/do (B, T), by backpropagation through every step."""
    B, T, H = s.shape
    ds_out = do[:, :, None] * w.V[0]  # dL/ds_t through o_t, (B, T, H)
    da = np.empty_like(s)  # dL/da_t
    ds_next = np.zeros((B, H))  # dL/ds_t through s_{t+1} (none after the last step)
    skip = skipped(ids, lengths)
    for t in reversed(range(T)):
        ds = ds_out[:, t] + ds_next
        da[:, t] = ds * (1.0 - s[:, t] ** 2)  # tanh'(a_t) = 1 - s_t²
        if skip is not None and skip[t].any():  # a skipped word: s_t = s_{t-1} passes dL/ds straight back
            da[skip[t], t] = 0.0
        ds_next = da[:, t] @ w.W  # dL/ds_{t-1} = Wᵀ·dL/da_t
        if skip is not None and skip[t].any():
            ds_next[skip[t]] = ds[skip[t]]
    flat_da = da.reshape(-1, H)
    prev = np.concatenate([np.zeros((B, 1, H)), s[:, :-1]], axis=1).reshape(-1, H)  # s_{t-1}
    dUT = np.zeros((w.U.shape[1] + 1, H))
    np.add.at(dUT, ids.reshape(-1), flat_da)  # dL/dU: each word's column gets the steps that read it
    return Weights(
        U=dUT[1:].T,  # row 0 (no input) has no weight
        W=flat_da.T @ prev,  # dL/dW = Σ_t da_t·s_{t-1}ᵀ
        b=flat_da.sum(axis=0),
        V=(do.reshape(-1) @ s.reshape(-1, H))[None, :],  # dL/dV = Σ_t do_t·s_t
        c=np.array([do.sum()]),
    )


LAST_WORD_SHARE = 0.5  # of each sentence's loss on its final answer; the rest is spread over all its words


def word_weights(ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(B, T) each answer's share of the batch loss (0 on padding; each sentence's shares sum to 1/B)."""
    B, T = ids.shape
    inside = np.arange(T)[None, :] < lengths[:, None]
    weight = (1 - LAST_WORD_SHARE) * inside / lengths[:, None]
    weight[np.arange(B), lengths - 1] += LAST_WORD_SHARE
    return weight / B


def every_word_loss(o: np.ndarray, ids: np.ndarray, lengths: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """(the loss, dL/do (B, T)) for answers o (B, T) after every word against the labels y: (B,) one per
    sentence, or (B, T) a target after every word (0..1; 0.5 where the words so far decide nothing)."""
    weight = word_weights(ids, lengths)
    y = y[:, None] if y.ndim == 1 else y
    loss = float(np.sum(weight * (np.logaddexp(0.0, o) - y * o)))
    return loss, weight * (sigmoid(o) - y)


def rnn_loss_grad(w: Weights, ids: np.ndarray, lengths: np.ndarray, y: np.ndarray) -> tuple[float, Weights]:
    """The training loss of the RNN on a batch, and its gradients."""
    s, o = rnn_forward(w, ids, lengths=lengths)
    loss, do = every_word_loss(o, ids, lengths, y)
    return loss, rnn_backward(w, ids, s, do, lengths)


# -- the bag of words ------------------------------------------------------------------------

def bag_forward(w: BagWeights, ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The whole sentence's answer: (m (B, H) mean embedding of its known words, h (B, H), o (B,)) from word ids (B, T).

    Each sentence's ids are sorted before their embeddings are added up, so two sentences with the
    same words in any order add the same numbers in the same order: exactly the same answer. (A
    product with dense word counts would do the same at B x vocabulary memory: 160 MB for a
    1,024-sentence chunk at 20,000 words.)
    """
    T = ids.shape[1]
    inside = np.arange(T)[None, :] < lengths[:, None]
    words = np.sort(np.where(inside, ids, 0), axis=1)  # padding and unknown words: row 0, no embedding
    table = np.vstack([np.zeros((1, w.E.shape[0])), w.E.T])
    known = np.maximum((words != 0).sum(axis=1), 1)  # unknown words are left out of the mean
    m = table[words].sum(axis=1) / known[:, None]  # mean of E·x_t over the known words
    h = np.tanh(m @ w.A.T + w.b)
    o = h @ w.V[0] + w.c[0]
    return m, h, o


def bag_prefixes(w: BagWeights, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The bag model's answer after every word, each from the known words so far:
    (m (B, T, H) mean embedding of the known words among 1..t, h (B, T, H), o (B, T))."""
    H = w.E.shape[0]
    seen = known_so_far(ids)
    m = np.cumsum(np.vstack([np.zeros((1, H)), w.E.T])[ids], axis=1) / seen
    h = np.tanh(m @ w.A.T + w.b)
    return m, h, h @ w.V[0] + w.c[0]


def known_so_far(ids: np.ndarray) -> np.ndarray:
    """(B, T, 1) known words among 1..t (at least 1: before any known word the mean is 0)."""
    return np.maximum(np.cumsum(ids != 0, axis=1), 1)[:, :, None]


def bag_loss_grad(w: BagWeights, ids: np.ndarray, lengths: np.ndarray, y: np.ndarray) -> tuple[float, BagWeights]:
    """The training loss of the bag model on a batch (answers after every word, as the RNN's), and its gradients."""
    B, T = ids.shape
    H = w.E.shape[0]
    m, h, o = bag_prefixes(w, ids)
    loss, do = every_word_loss(o, ids, lengths, y)
    dz = (do[..., None] * w.V[0]) * (1.0 - h**2)  # dL/d(A·m_t + b), (B, T, H)
    dm = dz @ w.A  # dL/dm_t
    seen = known_so_far(ids)
    d_emb = np.cumsum((dm / seen)[:, ::-1], axis=1)[:, ::-1]  # word k's embedding is in every m_t with t >= k
    dET = np.zeros((w.E.shape[1] + 1, H))
    np.add.at(dET, ids.reshape(-1), d_emb.reshape(-1, H))
    return loss, BagWeights(
        E=dET[1:].T,
        A=dz.reshape(-1, H).T @ m.reshape(-1, H),
        b=dz.sum(axis=(0, 1)),
        V=(do.reshape(-1) @ h.reshape(-1, H))[None, :],
        c=np.array([do.sum()]),
    )


# -- the optimiser ---------------------------------------------------------------------------

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8  # torch.optim.Adam's defaults


class Adam:
    """Adam on a list of arrays, updated in place (the textbook update, torch's defaults)."""

    def __init__(self, params: list[np.ndarray], lr: float):
        self.params, self.lr, self.t = params, lr, 0
        self.m = [np.zeros_like(p) for p in params]  # first moment
        self.v = [np.zeros_like(p) for p in params]  # second moment

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        scale = self.lr * np.sqrt(1 - BETA2**self.t) / (1 - BETA1**self.t)
        eps = EPS * np.sqrt(1 - BETA2**self.t)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m += (1 - BETA1) * (g - m)
            v += (1 - BETA2) * (g * g - v)
            p -= scale * m / (np.sqrt(v) + eps)
