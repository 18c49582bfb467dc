"""Saving and loading a trained Train-tab model: its config, steps trained, weights and the
state that continues it.

A model file is the bounded container of ``core.io.container`` with kind ``"train"``: a
safetensors file whose meta is ``{"config": TrainConfig.to_dict(), "steps": k, "resume":
{...}}`` and whose tensors are the weights under torch's state_dict names
(``core.sincos.init.shapes``), in the config's dtype, plus the carried h and Adam's moments that
``"resume"`` announces (``core.sincos.resume``; a file without it holds weights only).
Loading checks the config and that meta first (only plain values, then
``TrainConfig.from_dict``), so the tensors it allows are exactly those they need;
nothing is read beyond that, and nothing in a file can run code. No torch needed:
``torch.nn.RNN.load_state_dict({k: torch.from_numpy(v) ...})`` takes the weights.

Other models (the Context tab's) use ``core.io.container`` the same way,
with their own kind and ``expect``.
"""

from __future__ import annotations

import os
from typing import NamedTuple

import numpy as np

from core.io.container import ModelFile, ModelFileError, read_model_file, write_model_file
from core.sincos import resume as state
from core.sincos.config import ConfigError, TrainConfig
from core.sincos.init import shapes

KIND = "train"
MAX_VALUE_CHARS = 40  # a config value in a file longer than this is refused unread

__all__ = ["KIND", "ModelFileError", "TrainFile", "load_model", "read_train_model", "save_model", "train_spec",
           "train_summary"]


def save_model(path: str | os.PathLike, config: TrainConfig, weights: dict[str, np.ndarray],
               steps: int | None = None, resume: state.Resume | None = None) -> None:
    """Write ``config``, ``steps`` (training steps done, if known), ``weights`` and, to continue the run,
    ``resume`` (its steps must be ``steps``; not finite: left out) to ``path`` atomically.

    Raises:
        ModelFileError: the folder is missing or unwritable, or ``path`` is a directory.
    """
    if os.path.isdir(path):
        raise ModelFileError(f"cannot save the model to {os.fspath(path)}: it is a directory")
    meta = {"config": config.to_dict(), "steps": steps}
    tensors = {k: np.asarray(v) for k, v in weights.items()}
    if resume is not None and resume.steps == steps and steps and state.finite(resume):
        meta["resume"] = state.meta(resume)
        tensors |= {k: np.asarray(v, config.dtype) for k, v in state.tensors(resume).items()}
    write_model_file(path, KIND, meta, tensors)


def _plain(value) -> bool:
    """A config value as a file may hold it: a short scalar, never a list, dict or long string."""
    if isinstance(value, str):
        return len(value) <= MAX_VALUE_CHARS
    return value is None or isinstance(value, (bool, int, float)) and (not isinstance(value, int) or abs(value) < 2**64)


def _config(meta: dict) -> TrainConfig:
    data = meta.get("config")
    if not isinstance(data, dict) or not all(isinstance(k, str) and len(k) <= MAX_VALUE_CHARS for k in data):
        raise ModelFileError("has no valid config")
    bad = next((k for k, v in data.items() if not _plain(v)), None)
    if bad is not None:
        raise ModelFileError(f"has an invalid config: {bad} is not a plain value")
    try:
        return TrainConfig.from_dict(data)
    except (ConfigError, TypeError, ValueError) as exc:
        line = (str(exc).splitlines() or ["?"])[0]
        raise ModelFileError(f"has an invalid config: {line[:160]}") from None


def train_spec(kind: str, meta: dict) -> dict[str, tuple[tuple[int, ...], str]]:
    """``expect`` for kind "train": the weights the file's config needs, in its dtype."""
    if kind != KIND:
        raise ModelFileError("is not a Train model file (it holds another kind of model)")
    steps = meta.get("steps")
    if steps is not None and (type(steps) is not int or steps < 0):
        raise ModelFileError("has an invalid step count")
    config = _config(meta)
    weights = {name: (shape, config.dtype) for name, shape in shapes(config).items()}
    if "resume" not in meta:
        return weights  # an older file: weights only
    try:
        state.check(meta["resume"], steps)
    except ValueError:
        raise ModelFileError("has an invalid training state description") from None
    return weights | state.spec(config, meta["resume"])


class TrainFile(NamedTuple):
    config: TrainConfig
    weights: dict[str, np.ndarray]  # named like torch's state_dict (empty when read with arrays=False)
    steps: int | None  # steps trained, if recorded
    resume: state.Resume | None  # what continues the run; None: weights only (an older file)
    file: ModelFile


def read_train_model(path: str | os.PathLike, *, arrays: bool = True) -> TrainFile:
    """(config, weights, steps trained or None, the state that continues it or None, the container)."""
    file = read_model_file(path, train_spec, arrays=arrays)
    config, steps = _config(file.meta), file.meta.get("steps")
    names = shapes(config)
    resume = None
    if arrays and "resume" in file.meta:
        resume = state.from_tensors(config, steps, file.meta["resume"], file.tensors)
    return TrainFile(config, {k: v for k, v in file.tensors.items() if k in names}, steps, resume, file)


def load_model(path: str | os.PathLike) -> tuple[TrainConfig, dict[str, np.ndarray]]:
    """Read a model file written by ``save_model``.

    Returns:
        (the config, the weights as NumPy arrays named like torch's state_dict).

    Raises:
        ModelFileError: missing, empty, corrupt or truncated file, not a regular file, another
            format (pickles are never unpickled), an invalid config, weights that do not fit it.
    """
    loaded = read_train_model(path)
    return loaded.config, loaded.weights


def train_summary(meta: dict) -> dict:
    """What ``rnn-tui inspect`` shows of a Train model: its config, steps trained and whether it can
    continue (meta already checked): ``continues`` is None for weights only, else the next step,
    the carried h and Adam's step count (None: no optimizer state)."""
    info = meta.get("resume")
    continues = None if info is None else {"next_step": meta["steps"] + 1, "hidden_state": info["h"],
                                           "adam_step": info["adam_step"]}
    return {"config": _config(meta).to_dict(), "steps": meta.get("steps"), "continues": continues}
