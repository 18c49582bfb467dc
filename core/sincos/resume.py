"""What continuing a Train run needs besides its weights, and how a model file holds it.

A run that stops after k windows is continued truly from three things:

- the position in the sin -> cos stream: the next window is window k (step k + 1);
- the hidden state h carried into it (LSTM: h and c), when the config carries h;
- the optimizer's state: for Adam (torch.optim.Adam and core.sincos.train_numpy's), its step
  count (the bias corrections) and its two moments per weight, ``exp_avg`` (m) and
  ``exp_avg_sq`` (v), under torch's state names; plain SGD keeps none.

In a model file (core.sincos.checkpoint) the meta gets ``"resume": {"h": bool, "adam_step":
int | None}`` and the tensors ``state.h`` and ``adam.exp_avg.<weight>``,
``adam.exp_avg_sq.<weight>``; ``spec`` derives their names, shapes and dtype from the
config and that meta, so a reader knows every tensor before it reads a byte. A file
without ``"resume"`` (saved before rnn-tui kept this) holds weights only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.sincos.config import MAX_EPOCHS, TrainConfig
from core.sincos.init import shapes

H_NAME = "state.h"  # the carried hidden state's tensor
MOMENTS = ("exp_avg", "exp_avg_sq")  # torch.optim.Adam's state names: first moment m, second moment v
MAX_ADAM_STEP = 2**53  # a step count a file may hold (exact in a float64, far above MAX_EPOCHS)


@dataclass(frozen=True)
class AdamState:
    """Adam's state, the same for both engines."""

    step: int  # optimizer steps taken (torch's state["step"])
    exp_avg: dict[str, np.ndarray]  # weight name -> m, shaped like the weight
    exp_avg_sq: dict[str, np.ndarray]  # weight name -> v, shaped like the weight


@dataclass(frozen=True)
class Resume:
    """Where a run stopped: enough to go on as if it never had."""

    steps: int  # windows trained; the next step is steps + 1 (window index steps)
    h: np.ndarray | None  # hidden state into the next window ((H,); LSTM (2, H): h, c); None: zeros
    adam: AdamState | None  # None: no optimizer state (plain SGD, or no step taken yet)


def h_shape(config: TrainConfig) -> tuple[int, ...]:
    """The carried hidden state's shape: (H,), or (2, H) for LSTM (h and c)."""
    return (2, config.hidden_size) if config.cell == "lstm" else (config.hidden_size,)


def _name(moment: str, weight: str) -> str:
    return f"adam.{moment}.{weight}"


def meta(resume: Resume) -> dict:
    """The file's ``"resume"`` meta: which state tensors follow."""
    return {"h": resume.h is not None, "adam_step": resume.adam.step if resume.adam else None}


def tensors(resume: Resume) -> dict[str, np.ndarray]:
    """The state's tensors under their file names."""
    out = {} if resume.h is None else {H_NAME: np.asarray(resume.h)}
    if resume.adam is not None:
        for moment in MOMENTS:
            out |= {_name(moment, w): np.asarray(a) for w, a in getattr(resume.adam, moment).items()}
    return out


def finite(resume: Resume) -> bool:
    return all(bool(np.isfinite(a).all()) for a in tensors(resume).values())


def check(info, steps) -> None:
    """Raise ValueError unless ``info`` is a valid ``"resume"`` meta for a file of ``steps`` steps."""
    if not isinstance(info, dict) or set(info) != {"h", "adam_step"} or type(info["h"]) is not bool:
        raise ValueError("resume")
    if type(steps) is not int or not 1 <= steps <= MAX_EPOCHS:
        raise ValueError("resume without steps")
    step = info["adam_step"]
    if step is not None and (type(step) is not int or not 1 <= step <= MAX_ADAM_STEP):
        raise ValueError("adam_step")


def spec(config: TrainConfig, info: dict) -> dict[str, tuple[tuple[int, ...], str]]:
    """The state tensors a checked ``"resume"`` meta announces, in the config's dtype."""
    out = {H_NAME: (h_shape(config), config.dtype)} if info["h"] else {}
    if info["adam_step"] is not None:
        for moment in MOMENTS:
            out |= {_name(moment, w): (shape, config.dtype) for w, shape in shapes(config).items()}
    return out


def from_tensors(config: TrainConfig, steps: int, info: dict, arrays: dict[str, np.ndarray]) -> Resume:
    """The Resume a file holds (its tensors already read and checked against ``spec``)."""
    adam = None
    if info["adam_step"] is not None:
        adam = AdamState(info["adam_step"], *({w: arrays[_name(m, w)] for w in shapes(config)} for m in MOMENTS))
    return Resume(steps, arrays.get(H_NAME) if info["h"] else None, adam)
