"""A bounded model-file container: any rnn-tui model (Train, Context, ...) is saved and read through it.

The file is a safetensors file, written and parsed by the ``safetensors`` package (no pickle, so
nothing in a file can run code; any safetensors reader can read the tensors). Our part is the
header's ``__metadata__``: ``format`` ("rnn-tui"), ``version``, ``kind`` (which model: "train",
"context", ...), ``meta`` (the model's JSON: its config, steps trained, a vocabulary, ...) and
``sha256`` (over the kind, the meta, the tensor table and every tensor's bytes in name order, so a
flipped bit anywhere is caught).

Reading is bounded in time, memory and words, whatever the file holds:

- the path must be a regular file (a FIFO or a device is refused without opening it for a
  blocking read); the header is at most ``MAX_HEADER`` bytes (checked on its first 8 bytes);
- ``safe_open`` parses the header and checks that the tensors' byte ranges cover the data exactly;
- the caller's ``expect(kind, meta)`` says which tensors (name, shape, dtype) this model has; the
  file's table (``safe_open`` exposes every name, shape and dtype) must match it exactly before one
  tensor byte is read, so memory never exceeds what the expected model needs (``arrays=False``
  reads slices of at most ``CHUNK`` bytes to check the data without keeping it);
- float tensors must be finite;
- every failure is ``ModelFileError`` with one short line that never quotes the file's content
  (only our own names and small numbers; safetensors' own messages can quote tensor names, so
  they are never shown).

Writing goes through ``core.io.files.write_atomic`` (a temp file, then a rename).

    write_model_file(path, "train", {"config": {...}, "steps": 100}, {"out.bias": array})
    f = read_model_file(path, expect)        # -> ModelFile(kind, meta, tensors, nbytes)

This module imports neither torch nor textual.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from safetensors import SafetensorError, safe_open
from safetensors.numpy import save as safetensors_bytes

from core.io.files import write_atomic
from core.io.visible import shown

FORMAT, VERSION = "rnn-tui", "2"
MAX_HEADER = 1 << 20  # bytes of JSON header (names, shapes, meta) a file may claim
MAX_META_DEPTH = 8  # nesting of lists/dicts in meta
CHUNK = 1 << 20  # bytes read (and hashed) at a time
ZIP_MAGIC = b"PK\x03\x04"  # a zip: what torch.save writes (a file for torch.load, not for us)

# numpy dtype <-> safetensors dtype name; nothing else is read or written
DTYPES = {"float32": "F32", "float64": "F64", "int32": "I32", "int64": "I64", "uint8": "U8", "bool": "BOOL"}
_FROM_ST = {v: k for k, v in DTYPES.items()}

Spec = Mapping[str, tuple[tuple[int, ...], str]]  # tensor name -> (shape, numpy dtype name)
Expect = Callable[[str, dict], Spec]  # (kind, meta) -> the tensors that model must have


class ModelFileError(Exception):
    """A model file cannot be written or read; the message is one line for the user."""


@dataclass(frozen=True)
class ModelFile:
    kind: str  # which model: "train", "context", ...
    meta: dict  # the model's JSON (config, steps trained, ...)
    tensors: dict[str, np.ndarray]  # empty when read with arrays=False
    nbytes: int  # bytes of tensor data (checked against the checksum)


def _label(name: str) -> str:
    """A tensor name (perhaps from the file) as a message shows it: printable, at most 40 characters."""
    text = shown(name)
    return text if len(text) <= 40 else text[:39] + "…"


def _refuse(path, why: str) -> ModelFileError:
    """``why`` continues the sentence after the path: "is empty, ..." or ": U has ..."."""
    return ModelFileError(f"{shown(path)}{'' if why.startswith(':') else ' '}{why}")


# -- writing ------------------------------------------------------------------------------


def _table(tensors: Mapping[str, tuple[tuple[int, ...], str]]) -> list[list]:
    """[[name, safetensors dtype, shape], ...] in name order: what the checksum covers besides the bytes."""
    return [[name, DTYPES[dtype], list(shape)] for name, (shape, dtype) in sorted(tensors.items())]


def _digest(kind: str, meta_json: str, table: list) -> "hashlib._Hash":
    h = hashlib.sha256()
    h.update(json.dumps([FORMAT, VERSION, kind, meta_json, table], separators=(",", ":")).encode())
    return h


def _little(array) -> np.ndarray:
    a = np.asarray(array)
    if a.dtype.name not in DTYPES:
        raise ModelFileError(f"cannot save a {a.dtype.name} tensor (use one of {', '.join(DTYPES)})")
    return np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<"))


def write_model_file(path, kind: str, meta: dict, tensors: Mapping[str, np.ndarray]) -> None:
    """Write one model atomically: ``meta`` must be JSON (no NaN), ``tensors`` NumPy arrays of DTYPES.

    Raises:
        ModelFileError: one line, e.g. the folder is missing or unwritable, or the data is not storable.
    """
    arrays = {str(name): _little(a) for name, a in tensors.items()}
    try:
        meta_json = json.dumps(meta, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ModelFileError(f"cannot save the model's description as JSON ({type(exc).__name__})") from None
    h = _digest(kind, meta_json, _table({n: (a.shape, a.dtype.name) for n, a in arrays.items()}))
    for name in sorted(arrays):
        h.update(memoryview(arrays[name]).cast("B"))
    info = {"format": FORMAT, "version": VERSION, "kind": kind, "meta": meta_json, "sha256": h.hexdigest()}
    data = safetensors_bytes(arrays, metadata=info)
    if struct.unpack("<Q", data[:8])[0] > MAX_HEADER:
        raise ModelFileError(f"cannot save the model: its description is over {MAX_HEADER} bytes")
    try:
        write_atomic(path, lambda fh: fh.write(data))
    except OSError as exc:  # KeyboardInterrupt and friends pass on (the temp file is gone)
        raise ModelFileError(f"cannot save the model to {shown(path)}: {_os_why(exc)}") from None


def _os_why(exc: OSError) -> str:
    return (exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)).lower()


# -- reading ------------------------------------------------------------------------------


def _open(path):
    """A regular file opened for reading; a FIFO or device is refused before any blocking read."""
    if os.path.isdir(path):
        raise _refuse(path, "is a directory, not a model file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ModelFileError(f"no model file at {shown(path)}") from None
    except OSError as exc:
        raise _refuse(path, f"cannot be read: {_os_why(exc)}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _refuse(path, "is not a regular file (a pipe, device or socket), not a model file")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), info.st_size


def _unique_keys(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError("duplicate key")
        out[key] = value
    return out


def _json(raw: bytes):
    """Parse bounded JSON; None when it is not valid UTF-8 JSON (too deep counts as invalid)."""
    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError, MemoryError):
        return None


def _depth_ok(value, depth: int = 0) -> bool:
    if depth > MAX_META_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_depth_ok(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1) for v in value)
    return True


def _data_start(path, size: int) -> int:
    """Where the tensor data starts, from the first 8 bytes: our own checks before safetensors parses."""
    fh, _ = _open(path)
    with fh:
        head = fh.read(8)
        length = struct.unpack("<Q", head)[0] if len(head) == 8 else 0
        header = fh.read(length) if 2 <= length <= MAX_HEADER else b""
    if size == 0:
        raise _refuse(path, "is empty, not a model file")
    if head[:4] == ZIP_MAGIC:
        raise _refuse(path, "is a torch or zip file, not an rnn-tui model file "
                            "(rnn-tui reads only its own pickle-free format)")
    if len(head) < 8:
        raise _refuse(path, "is not an rnn-tui model file (too short)")
    if length > MAX_HEADER or length < 2:
        raise _refuse(path, "is not an rnn-tui model file")
    if 8 + length > size:
        raise _refuse(path, "is truncated (its header ends past the end of the file)")
    if not isinstance(_json(header), dict):  # safetensors keeps the last of two equal keys: such a file is refused
        raise _refuse(path, "is not an rnn-tui model file (no valid header)")
    return 8 + length


def _metadata(path, f) -> dict:
    """Our ``__metadata__``, checked: format, version and the three strings every file has."""
    info = f.metadata()
    if not isinstance(info, dict):
        raise _refuse(path, "is not an rnn-tui model file (no valid header)")
    if info.get("format") != FORMAT:
        raise _refuse(path, "is a safetensors file from another program, not an rnn-tui model file")
    if info.get("version") != VERSION:
        raise _refuse(path, f"has a model file version this rnn-tui does not read (it reads {VERSION})")
    if not all(isinstance(info.get(k), str) for k in ("kind", "meta", "sha256")):
        raise _refuse(path, "is not a valid rnn-tui model file (incomplete header)")
    return info


def _declared(f) -> dict[str, tuple[tuple[int, ...], str | None]]:
    """Every tensor's (shape, numpy dtype name or None), as the file declares it; no data is read."""
    out = {}
    for name in f.keys():
        piece = f.get_slice(name)
        out[name] = (tuple(piece.get_shape()), _FROM_ST.get(piece.get_dtype()))
    return out


def _compare(path, declared: dict, spec: Spec) -> None:
    """The file's table must be exactly ``spec``: same names, and each one's dtype and shape."""
    if set(declared) != set(spec):
        raise _refuse(path, f"has tensors for another model (expected {', '.join(sorted(spec))})")
    for name, (shape, dtype) in spec.items():
        if declared[name] != (tuple(shape), dtype):
            raise _refuse(path, f": {_label(name)} does not fit this model (expected {dtype} of shape {tuple(shape)})")


def _pieces(piece, shape: tuple[int, ...], itemsize: int, prefix: tuple = ()):
    """The tensor's values in C order, as arrays of at most CHUNK bytes (or one element): constant memory."""
    rest = shape[len(prefix):]
    if int(np.prod(rest, dtype=np.int64)) * itemsize <= CHUNK or not rest:
        yield piece[prefix + (slice(None),) * len(rest)] if prefix or rest else piece[:]
        return
    inner = int(np.prod(rest[1:], dtype=np.int64)) * itemsize
    if inner == 0:
        return
    if inner <= CHUNK and len(rest) > 0:
        rows = CHUNK // inner
        for at in range(0, rest[0], rows):
            yield piece[prefix + (slice(at, min(at + rows, rest[0])),)]
        return
    for i in range(rest[0]):
        yield from _pieces(piece, shape, itemsize, prefix + (i,))


def _check_data(f, spec: Spec, h, keep: bool) -> tuple[dict[str, np.ndarray], list[str]]:
    """Hash every tensor in name order and test floats for finiteness: (kept tensors, names not finite)."""
    tensors, not_finite = {}, []
    for name in sorted(spec):
        shape, dtype = spec[name]
        parts = [f.get_tensor(name)] if keep else _pieces(f.get_slice(name), tuple(shape), np.dtype(dtype).itemsize)
        finite = True
        for part in parts:
            part = np.ascontiguousarray(part, dtype=np.dtype(dtype).newbyteorder("<"))
            h.update(memoryview(part).cast("B"))
            finite = finite and (part.dtype.kind != "f" or bool(np.isfinite(part).all()))
        if keep:
            tensors[name] = parts[0].reshape(shape)
        if not finite:
            not_finite.append(name)
    return tensors, not_finite


MAX_NDIM = 8
# A kind this rnn-tui has no reader for is checked as its header declares it, hashing every byte: up to this
# much tensor data (~0.3 s). Beyond it the file is refused before hashing (a 4 GB file took 9 s), since
# nothing here could use it anyway. Every kind rnn-tui writes is read by its own reader, whatever its size.
MAX_UNKNOWN_DATA = 256 * 2**20


def _declared_spec(path, declared: dict) -> dict[str, tuple[tuple[int, ...], str]]:
    """The tensors a header declares, for a kind without a reader (checked, never kept, in constant memory)."""
    if any(dtype is None or len(shape) > MAX_NDIM for shape, dtype in declared.values()):
        raise _refuse(path, "has a tensor of a type or size rnn-tui does not read")
    return dict(declared)


def _spec(path, expect: Expect | None, kind: str, meta: dict, declared: dict) -> Spec:
    try:
        return expect(kind, meta) if expect is not None else _declared_spec(path, declared)
    except ModelFileError as exc:
        raise _refuse(path, str(exc)) from None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _refuse(path, "has an invalid model description") from None


def read_model_file(path, expect: Expect | None, *, arrays: bool = True) -> ModelFile:
    """Read and check a model file written by ``write_model_file``.

    Args:
        expect: ``(kind, meta) -> {name: (shape, dtype)}``: the tensors a valid file of that kind
            holds, derived from its (already parsed, depth-checked) meta; it raises
            ModelFileError (or ValueError/TypeError/KeyError: reported as an invalid description)
            for a kind or a meta it does not accept. It must bound the shapes it allows.
            None (only with ``arrays=False``): check the tensors the header declares, for a kind
            this rnn-tui has no reader for.
        arrays: False checks everything (checksum, finiteness) in constant memory, keeping no tensor.

    Raises:
        ModelFileError: one short line, naming the path, for anything wrong with the file.
    """
    path = os.fspath(path)
    if expect is None and arrays:
        raise ValueError("read_model_file: arrays=True needs an expect that bounds the tensors")
    fh, size = _open(path)  # a regular file, or refused before safetensors maps it
    fh.close()
    start = _data_start(path, size)
    try:
        with safe_open(path, framework="numpy") as f:
            info = _metadata(path, f)
            meta = _json(info["meta"].encode("utf-8", "surrogatepass"))
            if not isinstance(meta, dict) or not _depth_ok(meta):
                raise _refuse(path, "has a model description that is not valid (bad JSON or nested too deep)")
            if expect is None and size - start > MAX_UNKNOWN_DATA:
                raise _refuse(path, f"holds {(size - start) / 2**20:,.0f} MB of a kind of model this rnn-tui has no "
                                    f"reader for; such files are checked only up to {MAX_UNKNOWN_DATA // 2**20} MB")
            declared = _declared(f)
            spec = _spec(path, expect, info["kind"], meta, declared)
            _compare(path, declared, spec)
            h = _digest(info["kind"], info["meta"], _table(spec))
            tensors, not_finite = _check_data(f, spec, h, arrays)
    except SafetensorError:  # its message may quote the file's tensor names: never shown
        raise _refuse(path, "is truncated or damaged (its tensor table does not match its data)") from None
    if h.hexdigest() != info["sha256"]:
        raise _refuse(path, "is corrupt: its content does not match its checksum")
    if not_finite:  # after the checksum: a flipped bit is corruption, not a NaN weight
        raise _refuse(path, f": {_label(not_finite[0])} contains NaN or infinite values")
    return ModelFile(info["kind"], meta, {name: tensors[name] for name in spec} if arrays else {}, size - start)
