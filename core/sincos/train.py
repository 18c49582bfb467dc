"""Training as a generator: one frozen TrainStep per window, for the UI and the CLI alike.

    trainer = Trainer(TrainConfig(seed=0))
    for rec in trainer:          # or trainer.step() one at a time
        print(rec.step, rec.loss)

The engine (torch or numpy) is created on the first step, so building a
Trainer never imports torch.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from core.sincos.config import TrainConfig, validate
from core.sincos.data import window
from core.sincos.init import fresh_seed, init_weights
from core.sincos.resume import Resume

# The targets are cos values in [-1, 1] (predicting 0 scores at most 1): a mean
# squared error above this means predictions a thousand times off the curve.
# Adam's bounded steps rarely produce NaN here, so a blow-up shows as this.
MAX_LOSS = 1e6


class Diverged(RuntimeError):
    """The loss became NaN, infinite, or larger than MAX_LOSS."""

    def __init__(self, step: int, loss: float):
        super().__init__(f"training diverged at step {step} (loss = {loss:.3g}): lower the learning rate or clip the gradient")
        self.step = step
        self.loss = loss


# How a finished run is judged. One window's loss is noisy, so both tests use the mean
# loss over FINAL_STEPS consecutive steps (a "stretch").
FINAL_STEPS = 10
ZERO_GUESS_LOSS = 0.5  # predicting 0 everywhere: the mean of cos² over a window
FAR_WORSE = 10  # collapsed: the last stretch is this many times worse than the best stretch...
COLLAPSE_FLOOR = 0.1  # ...and worse than this (a fifth of the do-nothing score), so noise is not a collapse
UNLEARNED = 0.9 * ZERO_GUESS_LOSS  # the last stretch is no better than predicting 0
JUDGE_AFTER = 50  # shorter runs are still learning: no verdict (the tutorial trains 100 steps)


@dataclass(frozen=True)
class Verdict:
    """How a run ended, from its losses."""

    final: float  # mean loss over the last FINAL_STEPS steps
    best: float  # the lowest loss of any step
    best_step: int  # 1-based
    best_stretch: float  # the lowest mean over FINAL_STEPS consecutive steps
    collapsed: bool  # it was good once and ended far worse (the tutorial config often does by 10,000 steps)
    unlearned: bool  # it ended no better than predicting 0 (e.g. lr 50: it never fit)
    # (both False for runs shorter than JUDGE_AFTER steps)


def judge(losses) -> Verdict:
    """The verdict on a run's losses (at least one)."""
    losses = np.asarray(losses, np.float64)
    k = min(FINAL_STEPS, len(losses))
    stretches = np.convolve(losses, np.ones(k) / k, mode="valid")
    final, best_stretch = float(stretches[-1]), float(stretches.min())
    best_step = int(np.argmin(losses))
    judged = len(losses) >= JUDGE_AFTER
    collapsed = judged and final >= FAR_WORSE * best_stretch and final >= COLLAPSE_FLOOR
    return Verdict(final, float(losses[best_step]), best_step + 1, best_stretch, collapsed,
                   judged and not collapsed and final >= UNLEARNED)


class EngineUnavailable(RuntimeError):
    """torch could not be imported; the message says why."""


@dataclass(frozen=True)
class TrainStep:
    """One training step (one window of the sin -> cos curve)."""

    step: int  # 1-based step number
    epochs: int  # steps in the whole run
    loss: float  # MSE over the window, before the update
    t: np.ndarray  # (T,) the window's x axis
    input: np.ndarray  # (T,) sin(t), what the model reads
    target: np.ndarray  # (T,) cos(t), what it should output
    prediction: np.ndarray  # (T,) what it did output
    hidden: np.ndarray  # (H,) hidden state after the window (LSTM: h, not c)
    grad_norm: float  # 2-norm of the whole gradient, before clipping
    grad_max: float  # largest |element| of the gradient, before clipping (clip-by-value compares it with c)
    seconds: float  # wall time of this step
    carried: bool  # True: the window started from the last window's hidden state


class Evaluation(NamedTuple):
    """The model's prediction on a stretch it never trained on (1-D arrays over the stretch)."""

    t: np.ndarray
    target: np.ndarray
    prediction: np.ndarray
    mse: float  # mean squared error over the stretch


def make_engine(config: TrainConfig, weights: dict[str, np.ndarray]):
    """The engine ``config.engine`` names, started from ``weights``."""
    if config.engine == "numpy":
        from core.sincos.train_numpy import NumpyEngine

        return NumpyEngine(config, weights)
    try:
        from core.sincos.train_torch import TorchEngine
    except Exception as exc:  # ImportError, or a broken install
        raise EngineUnavailable(f"torch is unavailable ({type(exc).__name__}: {exc}); use the numpy engine") from exc
    return TorchEngine(config, weights)


class Trainer:
    """Trains the tutorial's model window by window.

    Args:
        config: the hyperparameters (validated here).
        weights: start from these instead of fresh seeded ones (e.g. a loaded model).
        resume: continue a run that stopped (with ``weights``, its weights then): from window
            ``resume.steps``, its carried h and its Adam state, as if it had never stopped.
    """

    def __init__(self, config: TrainConfig, weights: dict[str, np.ndarray] | None = None,
                 resume: Resume | None = None):
        self.config = validate(config)
        self.seed = config.seed if config.seed is not None else fresh_seed()
        self._given = weights  # None: the seed's weights, drawn when first needed
        self._engine = None
        self._resume = resume
        self.start = resume.steps if resume is not None else 0  # steps done before this Trainer's first
        self.done = self.start  # steps taken (the next window's index)
        carried = resume.h if resume is not None and config.carry_hidden else None
        self.h = None if carried is None else np.array(carried, dtype=config.dtype)  # carried into the next window (None: zeros)
        self.diverged = False  # the last step blew up: its h was not kept, so the run cannot continue

    @property
    def initial_weights(self) -> dict[str, np.ndarray]:
        """The weights the run starts from: the given ones, or torch.manual_seed(seed)'s."""
        if self._given is None:
            self._given = init_weights(self.config, self.seed)
        return self._given

    @property
    def engine(self):
        if self._engine is None:
            engine = make_engine(self.config, self.initial_weights)
            adam = self._resume.adam if self._resume is not None else None
            if adam is not None and self.config.optimizer == "adam":
                engine.set_adam_state(adam)
            self._engine = engine
        return self._engine

    @property
    def adam_continues(self) -> bool:
        """The run goes on with a saved Adam state (False: a fresh optimizer, or plain SGD)."""
        return self._resume is not None and self._resume.adam is not None and self.config.optimizer == "adam"

    @property
    def finished(self) -> bool:
        return self.done >= self.config.epochs

    def step(self) -> TrainStep:
        """Train on the next window and return its record. Raises Diverged on a NaN/inf or huge loss."""
        c = self.config
        k = self.done
        win = window(k, c.time_step, c.dtype)
        carried = self.h is not None
        start = time.perf_counter()
        loss, pred, h, grad_norm, grad_max = self.engine.step(win.x, win.y, self.h)
        seconds = time.perf_counter() - start
        self.done = k + 1
        if not math.isfinite(loss) or loss > MAX_LOSS:
            self.diverged = True
            raise Diverged(k + 1, loss)
        self.h = h if c.carry_hidden else None  # detached: no gradient flows back past a window
        hidden = h[0] if c.cell == "lstm" else h
        return TrainStep(
            k + 1, c.epochs, loss, win.t, win.x.reshape(-1), win.y.reshape(-1),
            np.asarray(pred).reshape(-1), np.asarray(hidden).reshape(-1), grad_norm, grad_max, seconds, carried,
        )

    def __iter__(self) -> Iterator[TrainStep]:
        while not self.finished:
            yield self.step()

    def evaluate(self, windows: int = 4, start: int | None = None) -> "Evaluation":
        """Predict ``windows`` windows without learning from them: those after the trained ones
        (from the carried h), or from window ``start`` (from a zero h)."""
        c = self.config
        h = self.h if start is None else None
        first = self.done if start is None else start
        ts, ys, ps = [], [], []
        for k in range(first, first + windows):
            win = window(k, c.time_step, c.dtype)
            pred, h = self.engine.predict(win.x, h if c.carry_hidden else None)
            ts.append(win.t)
            ys.append(win.y.reshape(-1))
            ps.append(np.asarray(pred).reshape(-1))
        t, target, prediction = np.concatenate(ts), np.concatenate(ys), np.concatenate(ps)
        err = prediction.astype(np.float64) - target
        return Evaluation(t, target, prediction, float(np.mean(err * err)))

    def weights(self) -> dict[str, np.ndarray]:
        """The current weights, named as in torch's state_dict."""
        return self.engine.weights() if self._engine is not None else dict(self.initial_weights)

    def resume_state(self) -> Resume | None:
        """What continues this run from here (steps, carried h, Adam's state); None after a divergence."""
        if self.diverged:
            return None
        if self._engine is None:  # no step taken here: the state it was given
            adam = self._resume.adam if self._resume is not None else None
        else:
            adam = self._engine.adam_state() if self.config.optimizer == "adam" else None
        return Resume(self.done, None if self.h is None else self.h.copy(), adam)

    def save(self, path) -> None:
        """Save the current weights, the config (seed filled in) and the state that continues the run.

        Raises core.sincos.checkpoint.ModelFileError with a one-line message on failure.
        """
        from core.sincos.checkpoint import save_model

        save_model(path, self.config.with_(seed=self.seed), self.weights(), steps=self.done,
                   resume=self.resume_state())
