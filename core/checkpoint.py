"""Saving and loading a trained model: torch's state_dict plus the config.

The file is what ``torch.save`` writes for the dict
``{"format": "rnn-tui", "version": 1, "config": {...}, "state_dict": {name: tensor},
"sha256": ...}``, so plain torch can read it too; the checksum over the
weights catches corruption inside the tensor data, which torch does not check. Saving is atomic (a temp file in the same
folder, then ``os.replace``). Loading uses ``torch.load(..., weights_only=True)``:
a file carrying any other pickled object is refused, never executed.

torch is imported inside the functions, so importing this module is cheap.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import warnings
import zipfile

import numpy as np

from core.config import ConfigError, TrainConfig
from core.files import write_atomic
from core.init import shapes

FORMAT, VERSION = "rnn-tui", 1


class ModelFileError(Exception):
    """A model file cannot be written or read; the message is one line for the user."""


def _torch():
    try:
        import torch
    except Exception as exc:  # ImportError, or a broken install
        raise ModelFileError(f"model files need torch, which is unavailable ({type(exc).__name__})") from exc
    return torch


def _why(exc: BaseException) -> str:
    """The first line of an OS error, without the traceback."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _checksum(arrays: dict[str, np.ndarray]) -> str:
    """sha256 over every weight's name, dtype, shape and bytes."""
    h = hashlib.sha256()
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def save_model(path: str | os.PathLike, config: TrainConfig, weights: dict[str, np.ndarray]) -> None:
    """Write ``config`` and ``weights`` to ``path`` atomically.

    Raises:
        ModelFileError: the folder is missing or unwritable, or ``path`` is a directory.
    """
    torch = _torch()
    path = os.fspath(path)
    if os.path.isdir(path):
        raise ModelFileError(f"cannot save the model to {path}: it is a directory")
    arrays = {k: np.array(v) for k, v in weights.items()}
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "config": config.to_dict(),
        "state_dict": {k: torch.from_numpy(v) for k, v in arrays.items()},
        "sha256": _checksum(arrays),
    }
    try:
        write_atomic(path, lambda fh: torch.save(payload, fh))
    except Exception as exc:  # KeyboardInterrupt and friends pass on (the temp file is gone)
        raise ModelFileError(f"cannot save the model to {path}: {_why(exc)}") from None


def _check_zip(path: str, fh) -> None:
    """torch.save writes a zip: check its structure and every member's CRC before unpickling."""
    try:
        with zipfile.ZipFile(fh) as archive:
            bad = archive.testzip()
    except Exception:  # BadZipFile, EOFError, zlib errors, ...
        raise ModelFileError(f"{path} is not a readable model file (corrupt, truncated or another format)") from None
    if bad is not None:
        raise ModelFileError(f"{path} is corrupt: {bad} fails its checksum")
    fh.seek(0)


def _read(path: str):
    """torch.load with weights_only=True, every failure turned into ModelFileError."""
    torch = _torch()
    if os.path.isdir(path):
        raise ModelFileError(f"{path} is a directory, not a model file")
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise ModelFileError(f"no model file at {path}") from None
    except OSError as exc:
        raise ModelFileError(f"cannot read {path}: {_why(exc)}") from None
    with fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns about pickle protocols; we report errors ourselves
        if os.fstat(fh.fileno()).st_size == 0:
            raise ModelFileError(f"{path} is empty, not a model file")
        _check_zip(path, fh)
        try:
            return torch.load(fh, map_location="cpu", weights_only=True)
        except pickle.UnpicklingError as exc:
            if "GLOBAL" in str(exc):  # torch's weights-only unpickler met a class or function
                raise ModelFileError(f"{path} holds pickled objects other than weights; refused for safety") from None
            raise ModelFileError(f"{path} is not a model file rnn-tui can read safely (corrupt or foreign content)") from None
        except Exception:  # RuntimeError from a broken zip, EOFError, OSError, ...
            raise ModelFileError(f"{path} is not a readable model file (corrupt or truncated)") from None


def _weights(path: str, config: TrainConfig, state, checksum) -> dict[str, np.ndarray]:
    """The state_dict as NumPy arrays in ``config.dtype``, checked against ``config``."""
    torch = _torch()
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ModelFileError(f"{path} has no valid weights")
    expected = shapes(config)
    if set(state) != set(expected):
        raise ModelFileError(f"{path} has weights for another model (expected {', '.join(expected)})")
    arrays = {name: value.detach().cpu().numpy() for name, value in state.items()}
    if checksum != _checksum(arrays):
        raise ModelFileError(f"{path} is corrupt: its weights do not match their checksum")
    out = {}
    for name, shape in expected.items():
        array = arrays[name]
        if array.shape != shape or not np.issubdtype(array.dtype, np.floating):
            raise ModelFileError(f"{path}: {name} has shape {array.shape}, expected {shape} for this config")
        if not np.all(np.isfinite(array)):
            raise ModelFileError(f"{path}: {name} contains NaN or infinite values")
        out[name] = array.astype(config.dtype)
    return out


def load_model(path: str | os.PathLike) -> tuple[TrainConfig, dict[str, np.ndarray]]:
    """Read a model file written by ``save_model``.

    Returns:
        (the config, the weights as NumPy arrays named like torch's state_dict).

    Raises:
        ModelFileError: missing, empty, corrupt or truncated file; pickled objects
            other than weights; an invalid config; weights that do not fit the config.
    """
    path = os.fspath(path)
    data = _read(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT or "config" not in data or "state_dict" not in data:
        raise ModelFileError(f"{path} is not an rnn-tui model file")
    if data.get("version") != VERSION:
        raise ModelFileError(f"{path} has model file version {data.get('version')!r}; this rnn-tui reads {VERSION}")
    if not isinstance(data["config"], dict):
        raise ModelFileError(f"{path} has no valid config")
    try:
        config = TrainConfig.from_dict(data["config"])
    except (ConfigError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path} has an invalid config: {_why(exc)}") from None
    return config, _weights(path, config, data["state_dict"], data.get("sha256"))
