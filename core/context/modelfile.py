"""Saving and loading the Context models, the way the Train tab does (``core.io.container``).

Kind ``"context"``: a safetensors file, written atomically, read bounded and
pickle-free, with a sha256 over everything. Its meta is
``{"config": ContextConfig.to_dict(), "vocab": [...], "steps": k, "trained": bool}``;
its tensors are both models' weights in float64: ``rnn.U rnn.W rnn.b rnn.V rnn.c``
and ``bag.E bag.A bag.b bag.V bag.c``. The config and vocabulary are checked
first, so the tensors a file may hold are exactly what they need (bounded by
the config's limits and MAX_VOCAB). No torch needed.
"""

from __future__ import annotations

import os

import numpy as np

from core.context.config import ContextConfig, ContextConfigError
from core.context.models import MAX_VOCAB, MAX_WORD_CHARS, BagWeights, Models
from core.forward.vector import Weights
from core.io.container import ModelFileError, read_model_file, write_model_file
from core.io.visible import shown, unsafe

KIND = "context"
MAX_PATH_CHARS = 4096  # config.data in a file
# Trained weights stay far below this (Adam moves each by at most lr a step); with H <= 256 units it keeps
# every sum of the forward pass below ~1e9, so nothing overflows.
MAX_WEIGHT = 1e6

__all__ = ["KIND", "ModelFileError", "context_spec", "context_summary", "load_models", "save_models"]


def _tensors(models: Models) -> dict[str, np.ndarray]:
    r, b = models.rnn, models.bag
    return {"rnn.U": r.U, "rnn.W": r.W, "rnn.b": r.b, "rnn.V": r.V, "rnn.c": r.c,
            "bag.E": b.E, "bag.A": b.A, "bag.b": b.b, "bag.V": b.V, "bag.c": b.c}


def save_models(path: str | os.PathLike, models: Models) -> None:
    """Write both models, their vocabulary and config to ``path`` atomically.

    Raises:
        ModelFileError: one line (a missing or unwritable folder, a directory, ...).
    """
    if os.path.isdir(path):
        raise ModelFileError(f"cannot save the model to {os.fspath(path)}: it is a directory")
    meta = {"config": models.config.to_dict(), "vocab": list(models.vocab), "steps": models.steps,
            "trained": models.trained}
    write_model_file(path, KIND, meta, {k: np.asarray(v, dtype=np.float64) for k, v in _tensors(models).items()})


def _config(meta: dict) -> ContextConfig:
    data = meta.get("config")
    if not isinstance(data, dict):
        raise ModelFileError("has no valid config")
    for key, value in data.items():
        plain = value is None or isinstance(value, (bool, int, float)) or (isinstance(value, str) and len(value) <= MAX_PATH_CHARS)
        if not isinstance(key, str) or len(key) > 40 or not plain:
            raise ModelFileError("has an invalid config: a value that is not a plain number or name")
    try:
        return ContextConfig.from_dict(data)
    except (ContextConfigError, TypeError) as exc:
        raise ModelFileError(f"has an invalid config: {str(exc)[:160]}") from None


def _vocab(meta: dict) -> tuple[str, ...]:
    vocab = meta.get("vocab")
    if not isinstance(vocab, list) or not 1 <= len(vocab) <= MAX_VOCAB:
        raise ModelFileError(f"has no valid vocabulary (1 to {MAX_VOCAB} words)")
    if not all(isinstance(w, str) and 0 < len(w) <= MAX_WORD_CHARS for w in vocab) or len(set(vocab)) != len(vocab):
        raise ModelFileError("has an invalid vocabulary (empty, overlong or repeated words)")
    if any(unsafe(ch) or ch.isspace() for w in vocab for ch in w):  # the segmenter never makes such a word
        raise ModelFileError("has an invalid vocabulary (a word with a space or a control character)")
    return tuple(vocab)


def context_spec(kind: str, meta: dict) -> dict[str, tuple[tuple[int, ...], str]]:
    """``expect`` for core.io.container: the tensors the file's config and vocabulary need."""
    if kind != KIND:
        raise ModelFileError("is not a Context model file (it holds another kind of model)")
    steps = meta.get("steps")
    if type(steps) is not int or steps < 0 or type(meta.get("trained")) is not bool:
        raise ModelFileError("has an invalid step count")
    H, V = _config(meta).hidden, len(_vocab(meta))
    shapes = {"U": (H, V), "W": (H, H), "b": (H,), "V": (1, H), "c": (1,)}
    spec = {f"rnn.{k}": (s, "float64") for k, s in shapes.items()}
    spec |= {f"bag.{k}": (shapes[r], "float64") for k, r in zip("EAbVc", "UWbVc")}
    return spec


def load_models(path: str | os.PathLike) -> Models:
    """Both models from a file written by ``save_models``.

    Raises:
        ModelFileError: one line naming the path (missing, corrupt, another kind, a bad config ...).
    """
    f = read_model_file(path, context_spec)
    t = f.tensors
    if not all(np.all(np.abs(v) <= MAX_WEIGHT) for v in t.values()):  # also False for NaN
        raise ModelFileError(f"{shown(path)} cannot be used: it has weights that are not finite or beyond ±{MAX_WEIGHT:g} "
                             "(no training here makes those; with them the answers overflow)")
    rnn = Weights(*(t[f"rnn.{k}"] for k in "UWbVc"))
    bag = BagWeights(*(t[f"bag.{k}"] for k in "EAbVc"))
    return Models(_vocab(f.meta), rnn, bag, _config(f.meta), trained=f.meta["trained"], steps=f.meta["steps"])


def context_summary(meta: dict) -> dict:
    """What ``rnn-tui inspect`` shows of a Context model (meta already checked)."""
    return {"config": _config(meta).to_dict(), "steps": meta.get("steps"), "vocabulary": len(_vocab(meta))}
