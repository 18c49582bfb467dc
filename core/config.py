"""The training configuration: the tutorial's hyperparameters, validated in one place."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

CELLS = ("rnn", "lstm", "gru")
ENGINES = ("torch", "numpy")
DTYPES = ("float32", "float64")
OPTIMIZERS = ("adam",)
LOSSES = ("mse",)

MAX_SIZE = 4096  # largest time_step / hidden_size accepted
GATES = {"rnn": 1, "lstm": 4, "gru": 3}  # stacked gate blocks per cell
# A step cannot be interrupted, so it must be short for Ctrl+C and q to act at once: its cost is about
# (time_step + STEP_OVERHEAD) x hidden_size² x gates units (the overhead: Adam's update of every weight),
# 1-3 ns each here, so at most ~0.4 s at MAX_STEP_WORK (bench/bench_step_limit.py prints it)
STEP_OVERHEAD = 16
MAX_STEP_WORK = 2**27
MAX_EPOCHS = 10_000_000


class ConfigError(ValueError):
    """A configuration value is out of range; the message is one line for the user."""


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters of the sin -> cos training (defaults: the tutorial's)."""

    time_step: int = 10  # points per window (TIME_STEP)
    input_size: int = 1  # features per point: the sin value (INPUT_SIZE)
    hidden_size: int = 32  # units in the hidden state (HIDDEN_SIZE)
    lr: float = 0.02  # Adam's learning rate (LR)
    epochs: int = 100  # training steps, one window each (EPOCH)
    optimizer: str = "adam"  # torch.optim.Adam, default betas and eps
    loss: str = "mse"  # nn.MSELoss, mean over the window
    cell: str = "rnn"  # rnn (tanh), lstm or gru
    engine: str = "torch"  # torch (the tutorial's) or numpy (transparent, rnn only)
    dtype: str = "float32"  # float32 (the tutorial's) or float64
    seed: int | None = None  # None: fresh random weights each run
    clip_value: float | None = None  # clip each gradient element to [-c, c]
    clip_norm: float | None = None  # rescale the whole gradient to norm <= c
    carry_hidden: bool = True  # carry h into the next window, detached (h_state.data)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        """Build and validate a config from a dict (unknown keys are an error)."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ConfigError(f"unknown config key(s): {', '.join(unknown)}")
        return validate(cls(**data))

    def with_(self, **changes) -> "TrainConfig":
        return replace(self, **changes)


def _check_int(name: str, value, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")


def _check_positive(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{name} must be a number, got {value!r}")
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{name} must be a finite number above 0, got {value}")


def _check_choice(name: str, value, choices) -> None:
    if value not in choices:
        raise ConfigError(f"unknown {name} {value!r}: use {', '.join(choices)}")


def step_work(c: TrainConfig) -> int:
    """The cost of one training step, in the units of MAX_STEP_WORK."""
    return (c.time_step + STEP_OVERHEAD) * c.hidden_size**2 * GATES[c.cell]


def validate(c: TrainConfig) -> TrainConfig:
    """Return ``c`` if every value is usable, else raise ConfigError naming the first bad one."""
    _check_int("time_step", c.time_step, 1, MAX_SIZE)
    _check_int("input_size", c.input_size, 1, 1)
    _check_int("hidden_size", c.hidden_size, 1, MAX_SIZE)
    _check_positive("lr", c.lr)
    if c.lr > 1e6:
        raise ConfigError(f"lr must be at most 1e6, got {c.lr}")
    _check_int("epochs", c.epochs, 1, MAX_EPOCHS)
    _check_choice("optimizer", c.optimizer, OPTIMIZERS)
    _check_choice("loss", c.loss, LOSSES)
    _check_choice("cell", c.cell, CELLS)
    _check_choice("engine", c.engine, ENGINES)
    _check_choice("dtype", c.dtype, DTYPES)
    if c.seed is not None:
        _check_int("seed", c.seed, 0, 2**32 - 1)
    if c.clip_value is not None:
        _check_positive("clip value", c.clip_value)
    if c.clip_norm is not None:
        _check_positive("clip norm", c.clip_norm)
    if c.clip_value is not None and c.clip_norm is not None:
        raise ConfigError("choose one of clip value and clip norm, not both")
    if not isinstance(c.carry_hidden, bool):
        raise ConfigError(f"carry_hidden must be true or false, got {c.carry_hidden!r}")
    if step_work(c) > MAX_STEP_WORK:
        raise ConfigError(f"time_step and hidden_size too large together: (time_step + {STEP_OVERHEAD}) x "
                          f"hidden_size² x gates must be at most {MAX_STEP_WORK:,} so one step stays under a second "
                          f"(Ctrl+C and q act at once); got {step_work(c):,}")
    if c.engine == "numpy" and c.cell != "rnn":
        raise ConfigError(f"the numpy engine trains the rnn cell only, not {c.cell}: use --engine torch")
    return c
