"""The comparison that matters: each cell TRAINED on a task that needs memory, then its gradients.

The task (recall): read T numbers x_1..x_T (standard normal) and output, at the
end, the one from ``delay`` steps before the last: o_T ≈ x_{T-delay}. Nothing
at the end hints at it; the net must carry that number in its state for
``delay`` steps. Every cell gets the same budget: the fair comparison's init
(core.gradients.init), the same hidden size, batches, Adam steps and rate.

``train_memory`` is a generator of small frozen records (MemoryStep per
training step, MemoryResult when a cell is done), so the TUI iterates it in a
worker through core.runner.batches and a headless command can iterate it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

import numpy as np

from core.forward.vector import Weights, recur
from core.gradients import gated, tanh
from core.gradients.init import gated_weights, rnn_weights
from core.gradients.result import Gradients
from core.gradients.spec import GATE_BIAS, INPUT_SIZE

CELLS = ("rnn", "lstm", "gru")
TEST = 512  # held-out sequences for the recall error
ADAM = (0.9, 0.999, 1e-8)  # torch's Adam defaults: beta1, beta2, eps


@dataclass(frozen=True)
class MemoryTask:
    """The recall task and the training budget every cell gets."""

    length: int = 20  # T: numbers per sequence
    delay: int = 15  # o_T must recall x_{T-delay}: x_5, a memory of 15 steps
    hidden: int = 16  # H, every cell
    batch: int = 32  # sequences per training step
    steps: int = 800  # Adam steps per cell (about 1.5 s each here)
    lr: float = 0.01  # Adam learning rate
    gate_bias: float | None = GATE_BIAS  # as in the fair comparison
    seed: int = 0  # weights, training data and test data

    @property
    def target(self) -> int:
        """The 1-based step whose input o_T must recall."""
        return self.length - self.delay


@dataclass(frozen=True)
class MemoryStep:
    """One training step of one cell."""

    cell: str
    step: int  # 1-based
    loss: float  # mean squared recall error on this batch


@dataclass(frozen=True, eq=False)
class MemoryResult:
    """A trained cell: how well it recalls, and ‖∂o_T/∂x_t‖ on a held-out sequence."""

    cell: str
    error: float  # recall MSE on TEST held-out sequences over the target's variance (1: no memory at all)
    gradients: Gradients  # of o_T on the first held-out sequence


def batch(task: MemoryTask, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """xs (T, B, D) and the targets y (B,) = x_{T-delay}."""
    xs = rng.standard_normal((task.length, size, INPUT_SIZE))
    return xs, xs[task.target - 1, :, 0].copy()


# --- loss and weight gradients, batched ------------------------------------------------


def _rnn_loss(w: Weights, xs: np.ndarray, y: np.ndarray) -> tuple[float, Weights]:
    """MSE of o_T against y and its gradient for every weight of the tanh RNN."""
    _, S = recur(xs @ w.U.T + w.b, w.W)
    err = (S[-1] @ w.V.T + w.c)[:, 0] - y
    do = (2.0 / len(y)) * err[:, None]  # ∂loss/∂o_T, (B, 1)
    gU, gW, gb = np.zeros_like(w.U), np.zeros_like(w.W), np.zeros_like(w.b)
    ds = do @ w.V  # ∂loss/∂s_T, (B, H)
    for t in range(len(xs) - 1, -1, -1):
        ga = ds * (1.0 - S[t] ** 2)  # through tanh
        gU += ga.T @ xs[t]
        gW += ga.T @ (S[t - 1] if t else np.zeros_like(S[t]))
        gb += ga.sum(0)
        ds = ga @ w.W
    return float(np.mean(err**2)), Weights(gU, gW, gb, do.T @ S[-1], do.sum(0))


def _gated_loss(kind: str, w: gated.GatedWeights, xs: np.ndarray, y: np.ndarray):
    """MSE of o_T against y and its gradient for every weight of an LSTM or GRU."""
    states, backward = gated.CELL[kind]
    steps = states(xs, w)
    h = steps[-1].h
    err = (h @ w.V.T + w.c)[:, 0] - y
    do = (2.0 / len(y)) * err[:, None]
    g = {name: np.zeros_like(a) for name, a in w._asdict().items()}

    def record(t: int, d_ih: np.ndarray, d_hh: np.ndarray) -> None:
        g["weight_ih"] += d_ih.T @ xs[t]
        g["weight_hh"] += d_hh.T @ steps[t].h_prev
        g["bias_ih"] += d_ih.sum(0)
        g["bias_hh"] += d_hh.sum(0)

    backward(steps, w, do @ w.V, record)
    g["V"], g["c"] = do.T @ h, do.sum(0)
    return float(np.mean(err**2)), type(w)(**g)


def _arrays(w) -> list[np.ndarray]:
    return list(w) if isinstance(w, tuple) else [getattr(w, f.name) for f in fields(w)]


class _Adam:
    """torch.optim.Adam's update, over the arrays of a weight container."""

    def __init__(self, w, lr: float):
        self.lr, self.t = lr, 0
        self.m = [np.zeros_like(a) for a in _arrays(w)]
        self.v = [np.zeros_like(a) for a in _arrays(w)]

    def step(self, w, grads):
        b1, b2, eps = ADAM
        self.t += 1
        out = []
        for a, g, m, v in zip(_arrays(w), _arrays(grads), self.m, self.v):
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            step = self.lr * (m / (1 - b1**self.t)) / (np.sqrt(v / (1 - b2**self.t)) + eps)
            out.append(a - step)
        return type(w)(*out)


# --- the generator -----------------------------------------------------------------------


def start_weights(cell: str, task: MemoryTask):
    """The fair comparison's init for ``cell`` (scale 1)."""
    if cell == "rnn":
        return rnn_weights(task.hidden, 1.0, task.seed)
    return gated_weights(cell, task.hidden, task.seed, task.gate_bias)


def _loss(cell: str, w, xs, y):
    return _rnn_loss(w, xs, y) if cell == "rnn" else _gated_loss(cell, w, xs, y)


def _outputs(cell: str, w, xs: np.ndarray) -> np.ndarray:
    if cell == "rnn":
        _, S = recur(xs @ w.U.T + w.b, w.W)
        return (S[-1] @ w.V.T + w.c)[:, 0]
    return gated.gated_forward(cell, xs, w)[:, 0]


def _input_gradients(cell: str, w, xs: np.ndarray) -> Gradients:
    return tanh.input_gradients(xs, w) if cell == "rnn" else gated.input_gradients(cell, xs, w)


# (task, cell) -> every record of a finished run: the runs are deterministic, so a task trained
# once in this process is replayed at once (the tab coming back to it, or another app instance)
_FINISHED: dict[tuple[MemoryTask, str], tuple[MemoryStep | MemoryResult, ...]] = {}


def train_memory(task: MemoryTask = MemoryTask(), cells=CELLS) -> Iterator[MemoryStep | MemoryResult]:
    """Train each cell on the recall task in turn (same budget), yielding every step, then its result."""
    test_x, test_y = batch(task, np.random.default_rng([task.seed, 11]), TEST)
    for cell in cells:
        if (task, cell) in _FINISHED:
            yield from _FINISHED[task, cell]
            continue
        records = []
        rng = np.random.default_rng([task.seed, 12])  # the same batches for every cell
        w = start_weights(cell, task)
        adam = _Adam(w, task.lr)
        for step in range(1, task.steps + 1):
            loss, grads = _loss(cell, w, *batch(task, rng, task.batch))
            w = adam.step(w, grads)
            records.append(MemoryStep(cell, step, loss))
            yield records[-1]
        error = float(np.mean((_outputs(cell, w, test_x) - test_y) ** 2) / np.var(test_y))
        records.append(MemoryResult(cell, error, _input_gradients(cell, w, test_x[:, 0, :])))
        _FINISHED[task, cell] = tuple(records)
        yield records[-1]
