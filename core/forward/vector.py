"""The general RNN of the tutorial's figure (its section 2), in NumPy.

    a_t = U·x_t + W·s_{t-1} + b     (pre-activation, shape (H,))
    s_t = f(a_t)                    (hidden state, shape (H,); f = tanh by default)
    o_t = V·s_t + c                 (output, shape (O,))

x_t is the one-hot vector of the token id over the vocabulary, so U·x_t is just
column id-1 of U: a lookup, never a dense one-hot matrix. One set of U, W, V is
shared by every time step; the memory lives in s. The same math is
``torch.nn.RNN(input_size=vocab, hidden_size=H, nonlinearity='tanh')`` with
weight_ih=U, weight_hh=W, bias_ih=b, bias_hh=0, followed by ``Linear(H, O)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from core.forward.vector_params import ACTIVATION_NAMES, VectorParams, validate  # noqa: F401 (re-exported)

ACTIVATIONS = {
    "tanh": np.tanh,
    "relu": lambda a: np.maximum(a, 0, dtype=a.dtype),
    "identity": lambda a: a,
}
assert tuple(ACTIVATIONS) == ACTIVATION_NAMES


@dataclass(frozen=True)
class Weights:
    """The shared parameters of the tanh RNN (float32 in the Forward tab, float64 in core.gradients)."""

    U: np.ndarray  # (H, vocab) input -> hidden; column k-1 is token id k (core.gradients: (H, D), x_t real)
    W: np.ndarray  # (H, H) hidden -> hidden
    b: np.ndarray  # (H,) hidden bias
    V: np.ndarray  # (O, H) hidden -> output
    c: np.ndarray  # (O,) output bias


def _uniform(rng: np.random.Generator, shape, hidden: int) -> np.ndarray:
    bound = 1.0 / np.sqrt(hidden)  # torch's default init range
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)


def make_weights(vocab_size: int, p: VectorParams = VectorParams()) -> Weights:
    """Seeded weights. Token id k's column of U depends only on (seed, k), so
    adding words to the vocabulary never changes the columns already there."""
    validate(p)
    H = p.hidden
    rng = np.random.default_rng(p.seed)
    W = _uniform(rng, (H, H), H)
    b = _uniform(rng, (H,), H)
    V = _uniform(rng, (p.output, H), H)
    c = _uniform(rng, (p.output,), H)
    U = np.empty((H, vocab_size), dtype=np.float32)
    for k in range(vocab_size):
        U[:, k] = _uniform(np.random.default_rng([p.seed, k + 1]), (H,), H)
    return Weights(U, W, b, V, c)


@dataclass(frozen=True)
class Trace:
    """Every step of a forward run, as float32 arrays (L steps, H units, O outputs)."""

    ids: np.ndarray  # (L,) token ids
    a: np.ndarray  # (L, H) pre-activations
    s: np.ndarray  # (L, H) hidden states
    o: np.ndarray  # (L, O) outputs
    s0: np.ndarray  # (H,) the state before step 1


@dataclass(frozen=True)
class VectorStep:
    """One time step of the vector RNN."""

    t: int  # 1-based time step
    token: str
    id: int  # the token id
    prev_s: np.ndarray  # (H,) s_{t-1}
    a: np.ndarray  # (H,) U·x + W·s_{t-1} + b
    s: np.ndarray  # (H,) f(a)
    o: np.ndarray  # (O,) V·s + c

    @property
    def x(self) -> int:
        """x_t, the one-hot input over the vocabulary, kept as the position of its 1 (the token id):
        a dense one-hot per step would cost vocab² memory over a sentence of distinct tokens."""
        return self.id


def trace(ids: Sequence[int], weights: Weights, activation: str = "tanh", s0: np.ndarray | None = None) -> Trace:
    """Run the RNN over ``ids`` and keep every a, s and o (float32)."""
    f = ACTIVATIONS[activation]
    ids_arr = np.asarray(ids, dtype=np.int64)
    H = weights.W.shape[0]
    drive = (weights.U.T[ids_arr - 1] + weights.b).astype(np.float32)  # (L, H): U·x_t + b for every t
    first = np.zeros(H, dtype=np.float32) if s0 is None else np.asarray(s0, dtype=np.float32)
    a, s = recur(drive, weights.W, f, first)
    o = s @ weights.V.T + weights.c
    return Trace(ids_arr, a, s, o.astype(np.float32), first)


def recur(drive, W: np.ndarray, f=np.tanh, s0: np.ndarray | None = None, *, out_a=None, out_s=None,
          keep_a: bool = True, each: Callable[[int, np.ndarray], None] | None = None) -> tuple[np.ndarray | None, np.ndarray]:
    """The recurrence itself: a_t = drive_t + W·s_{t-1}, s_t = f(a_t), for t = 1..L.

    Args:
        drive: (L, H), or (L, B, H) for a batch: U·x_t + b for every step, in the dtype to compute in
            (or a list of its L rows: a trainer that keeps them saves making a view per step).
        W: (H, H) hidden -> hidden.
        s0: the state before step 1 (zeros if None).
        out_a, out_s: where to write a and s (shaped like ``drive``, or lists of rows), e.g. a
            trainer's preallocated work arrays; new arrays if None. ``out_s`` may be ``drive``
            itself (drive_t is read before s_t is written): no second array of that size.
        keep_a: False: a_t is computed in s_t's place and not kept (a is None): a trainer that needs
            only s saves a pass over memory.
        each: called as ``each(t, s_t)`` after 0-based step t; it may change s_t in place before
            step t+1 reads it (the unit lens's clamp).

    Returns:
        (a, s), each shaped like ``drive`` (``out_a`` and ``out_s`` if given): the pre-activations
        and the hidden states.
    """
    s = np.empty_like(drive) if out_s is None else out_s
    a = s if not keep_a else (np.empty_like(drive) if out_a is None else out_a)
    if len(drive) == 0:  # no steps (an empty sentence): nothing to compute
        return (a if keep_a else None), s
    prev = np.zeros_like(drive[0]) if s0 is None else np.asarray(s0, dtype=drive[0].dtype)
    batch = prev.ndim == 2  # (B, H) states: W·s_{t-1} for each row
    in_place = isinstance(f, np.ufunc)  # tanh writes straight into s_t
    add, dot = np.add, np.dot  # np.dot: less call overhead than @ on one small state (the numpy engine's loop)
    for t, (d_t, a_t, s_t) in enumerate(zip(drive, a, s)):
        add(d_t, dot(prev, W.T) if batch else dot(W, prev), out=a_t)  # drive_t + W·s_{t-1}
        if in_place:
            f(a_t, out=s_t)
        else:
            s_t[...] = f(a_t)
        if each is not None:
            each(t, s_t)
        prev = s_t
    return (a if keep_a else None), s


def step_at(tr: Trace, tokens: Sequence[str], t: int) -> VectorStep:
    """The record of 1-based step ``t`` of a trace (views into it: no copy)."""
    i = t - 1
    prev = tr.s0 if i == 0 else tr.s[i - 1]
    return VectorStep(t, tokens[i], int(tr.ids[i]), prev, tr.a[i], tr.s[i], tr.o[i])


def steps(tokens: Sequence[str], ids: Sequence[int], vocab_size: int, p: VectorParams = VectorParams()) -> Iterator[VectorStep]:
    """Yield one VectorStep per token (weights drawn from ``p``)."""
    tr = trace(ids, make_weights(vocab_size, p), p.activation)
    for t in range(1, len(ids) + 1):
        yield step_at(tr, tokens, t)


def distances(a: Trace, b: Trace) -> np.ndarray:
    """Euclidean distance between two traces' hidden states, step by step
    (over the shorter length)."""
    n = min(len(a.s), len(b.s))
    return np.linalg.norm(a.s[:n] - b.s[:n], axis=1)


@dataclass(frozen=True)
class UnitStep:
    """One hidden unit j at one step t, term by term (issue 11's unit lens):

        a_j = Σ_k U_jk x_k  +  Σ_m W_jm s_{t-1,m}  +  b_j,     s_j = f(a_j)

    x is one-hot at the token's id, so the input sum is the single weight U[j, id-1].
    """

    t: int  # 1-based step
    j: int  # 0-based unit index
    token_id: int  # x_t = e_{token_id}
    input: float  # Σ_k U_jk x_k = U[j, token_id - 1]
    memory_terms: np.ndarray  # (H,) W_jm · s_{t-1,m} for every m
    memory: float  # Σ_m W_jm s_{t-1,m}
    bias: float  # b_j
    a: float  # the pre-activation, as the trace computed it
    s: float  # f(a): the unit's new value


def unit_step(tr: Trace, weights: Weights, t: int, j: int) -> UnitStep:
    """Unit ``j`` of 1-based step ``t`` of a trace, split into its terms (float64 sums
    of the float32 weights; ``a`` and ``s`` are the trace's own values)."""
    i = t - 1
    token_id = int(tr.ids[i])
    prev = tr.s0 if i == 0 else tr.s[i - 1]
    terms = weights.W[j].astype(np.float64) * prev.astype(np.float64)
    return UnitStep(t, j, token_id, float(weights.U[j, token_id - 1]), terms, float(terms.sum()),
                    float(weights.b[j]), float(tr.a[i, j]), float(tr.s[i, j]))
