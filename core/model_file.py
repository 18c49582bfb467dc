"""A bounded model-file container: any rnn-tui model (Train, Context, ...) is saved and read through it.

The file is a safetensors file (the format Hugging Face made for weights from strangers):
8 bytes of header length (little-endian), a JSON header, then every tensor's raw
little-endian bytes, back to back. No pickle, so nothing in a file can run code, and
any safetensors reader (``safetensors.numpy.load_file``) can read the tensors. Our
header's ``__metadata__`` holds ``format`` ("rnn-tui"), ``version``, ``kind`` (which
model: "train", "context", ...), ``meta`` (the model's JSON: its config, steps
trained, a vocabulary, ...) and ``sha256`` (over the kind, the meta, the tensor table
and every byte of the data, so a flipped bit anywhere is caught).

Reading is bounded in time, memory and words, whatever the file holds:

- the path must be a regular file (a FIFO or a device is refused without opening it
  for a blocking read); the header is at most ``MAX_HEADER`` bytes;
- the caller's ``expect(kind, meta)`` says which tensors (name, shape, dtype) this
  model has; the file's table must match it exactly, and the file's size must be
  exactly the header plus those tensors, all checked before one tensor byte is read,
  so memory never exceeds what the expected model needs (``arrays=False`` reads the
  data in 1 MiB chunks to check it without keeping it: constant memory);
- float tensors must be finite;
- every failure is ``ModelFileError`` with one short line that never quotes the
  file's content (only our own names and small numbers).

Writing goes through ``core.files.write_atomic`` (a temp file, then a rename).

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

from core.files import write_atomic
from core.visible import shown

FORMAT, VERSION = "rnn-tui", "2"
MAX_HEADER = 1 << 20  # bytes of JSON header (names, shapes, meta) a file may claim
MAX_META_DEPTH = 8  # nesting of lists/dicts in meta
CHUNK = 1 << 20  # bytes read (and hashed) at a time
ZIP_MAGIC = b"PK\x03\x04"  # a zip: what torch.save writes (rnn-tui's format before version 2)

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


def _table(tensors: Mapping[str, np.ndarray]) -> list[list]:
    """[[name, safetensors dtype, shape], ...] in name order: what the checksum covers besides the bytes."""
    return [[name, DTYPES[a.dtype.name], list(a.shape)] for name, a in sorted(tensors.items())]


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
    table = _table(arrays)
    h = _digest(kind, meta_json, table)
    header, offset = {}, 0
    for name, st_dtype, shape in table:
        size = arrays[name].nbytes
        header[name] = {"dtype": st_dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
        h.update(memoryview(arrays[name]).cast("B"))
    header["__metadata__"] = {"format": FORMAT, "version": VERSION, "kind": kind, "meta": meta_json,
                              "sha256": h.hexdigest()}
    text = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as safetensors recommends
    if len(text) > MAX_HEADER:
        raise ModelFileError(f"cannot save the model: its description is over {MAX_HEADER} bytes")

    def write(fh) -> None:
        fh.write(struct.pack("<Q", len(text)) + text)
        for name, _, _ in table:
            fh.write(memoryview(arrays[name]).cast("B"))

    try:
        write_atomic(path, write)
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


def _header(path, fh, size: int) -> tuple[dict, dict, int]:
    """(tensor entries, __metadata__, where the data starts), after checking the header's structure."""
    if size == 0:
        raise _refuse(path, "is empty, not a model file")
    head = fh.read(8)
    if head[:4] == ZIP_MAGIC:
        raise _refuse(path, "is a torch or zip file, not an rnn-tui model file "
                            "(rnn-tui reads only its own pickle-free format)")
    if len(head) < 8:
        raise _refuse(path, "is not an rnn-tui model file (too short)")
    (length,) = struct.unpack("<Q", head)
    if length > MAX_HEADER or length < 2:
        raise _refuse(path, "is not an rnn-tui model file")
    if 8 + length > size:
        raise _refuse(path, "is truncated (its header ends past the end of the file)")
    header = _json(fh.read(length))
    if not isinstance(header, dict) or not isinstance(header.get("__metadata__"), dict):
        raise _refuse(path, "is not an rnn-tui model file (no valid header)")
    info = header.pop("__metadata__")
    if info.get("format") != FORMAT:
        raise _refuse(path, "is a safetensors file from another program, not an rnn-tui model file")
    if info.get("version") != VERSION:
        raise _refuse(path, f"has a model file version this rnn-tui does not read (it reads {VERSION})")
    if not all(isinstance(info.get(k), str) for k in ("kind", "meta", "sha256")):
        raise _refuse(path, "is not a valid rnn-tui model file (incomplete header)")
    return header, info, 8 + length


def _entries(path, header: dict, spec: Spec, data_size: int) -> list[tuple[str, tuple, str, int]]:
    """[(name, shape, dtype, nbytes)] in file order, once the table matches ``spec`` and the file's size."""
    if set(header) != set(spec):
        raise _refuse(path, f"has tensors for another model (expected {', '.join(sorted(spec))})")
    out = []
    for name, (shape, dtype) in spec.items():
        entry = header[name]
        want = {"dtype": DTYPES[dtype], "shape": list(shape)}
        if not isinstance(entry, dict) or {k: entry.get(k) for k in want} != want:
            raise _refuse(path, f": {_label(name)} does not fit this model (expected {dtype} of shape {tuple(shape)})")
        offsets = entry.get("data_offsets")
        nbytes = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(type(o) is int for o in offsets)
                and offsets[1] - offsets[0] == nbytes):
            raise _refuse(path, f": {_label(name)} has a broken data range")
        out.append((offsets[0], name, tuple(shape), dtype, nbytes))
    out.sort()
    at = 0
    for start, *_, nbytes in out:
        if start != at:
            raise _refuse(path, "has tensor data that overlaps or leaves gaps")
        at += nbytes
    if at != data_size:
        raise _refuse(path, "is truncated or has extra bytes after its tensors")
    return [rest for _, *rest in out]


def _read_tensor(path, fh, h, shape: tuple, dtype: str, nbytes: int, keep: bool) -> tuple[np.ndarray | None, bool]:
    """Read one tensor in chunks, hashing as it goes: (the array if ``keep``, whether it is all finite)."""
    little = np.dtype(dtype).newbyteorder("<")
    out = np.empty(shape, dtype=little) if keep else None
    flat = memoryview(out).cast("B") if keep and nbytes else None
    step = CHUNK - CHUNK % little.itemsize
    buffer = None if keep else bytearray(min(step, nbytes))
    finite, done = True, 0
    while done < nbytes:
        n = min(step, nbytes - done)
        view = flat[done:done + n] if keep else memoryview(buffer)[:n]
        if fh.readinto(view) != n:
            raise _refuse(path, "is truncated")
        h.update(view)
        if little.kind == "f":
            finite = finite and bool(np.isfinite(np.frombuffer(view, dtype=little)).all())
        done += n
    return out, finite


MAX_NDIM = 8
# A kind this rnn-tui has no reader for is checked as its header declares it, hashing every byte: up to this
# much tensor data (~0.3 s). Beyond it the file is refused before hashing (a 4 GB file took 9 s), since
# nothing here could use it anyway. Every kind rnn-tui writes is read by its own reader, whatever its size.
MAX_UNKNOWN_DATA = 256 * 2**20


def _declared_spec(header: dict, data_size: int) -> dict[str, tuple[tuple[int, ...], str]]:
    """The tensors a header declares, for a kind without a reader (checked, never kept, in constant memory)."""
    spec = {}
    for name, entry in header.items():
        shape = entry.get("shape") if isinstance(entry, dict) else None
        dtype = _FROM_ST.get(entry.get("dtype")) if isinstance(entry, dict) and isinstance(entry.get("dtype"), str) else None
        if (dtype is None or not isinstance(shape, list) or len(shape) > MAX_NDIM
                or not all(type(n) is int and 0 <= n <= data_size for n in shape)
                or int(np.prod(shape, dtype=object)) * np.dtype(dtype).itemsize > data_size):
            raise ModelFileError("has a tensor of a type or size rnn-tui does not read")
        spec[name] = (tuple(shape), dtype)
    return spec


def read_model_file(path, expect: Expect | None, *, arrays: bool = True) -> ModelFile:
    """Read and check a model file written by ``write_model_file``.

    Args:
        expect: ``(kind, meta) -> {name: (shape, dtype)}``: the tensors a valid file of that kind
            holds, derived from its (already parsed, depth-checked) meta; it raises
            ModelFileError (or ValueError/TypeError/KeyError: reported as an invalid description)
            for a kind or a meta it does not accept. It must bound the shapes it allows.
            None (only with ``arrays=False``): check the tensors the header declares, for a kind
            this rnn-tui has no reader for (their total must be the file's size).
        arrays: False checks everything (checksum, finiteness) in constant memory, keeping no tensor.

    Raises:
        ModelFileError: one short line, naming the path, for anything wrong with the file.
    """
    path = os.fspath(path)
    fh, size = _open(path)
    with fh:
        header, info, start = _header(path, fh, size)
        meta = _json(info["meta"].encode("utf-8", "surrogatepass"))
        if not isinstance(meta, dict) or not _depth_ok(meta):
            raise _refuse(path, "has a model description that is not valid (bad JSON or nested too deep)")
        kind = info["kind"]
        if expect is None and arrays:
            raise ValueError("read_model_file: arrays=True needs an expect that bounds the tensors")
        if expect is None and size - start > MAX_UNKNOWN_DATA:
            raise _refuse(path, f"holds {(size - start) / 2**20:,.0f} MB of a kind of model this rnn-tui has no "
                                f"reader for; such files are checked only up to {MAX_UNKNOWN_DATA // 2**20} MB")
        try:
            spec = expect(kind, meta) if expect is not None else _declared_spec(header, size - start)
        except ModelFileError as exc:
            raise _refuse(path, str(exc)) from None
        except (ValueError, TypeError, KeyError, AttributeError):
            raise _refuse(path, "has an invalid model description") from None
        entries = _entries(path, header, spec, size - start)
        h = _digest(kind, info["meta"], [[n, DTYPES[d], list(s)] for n, s, d, _ in sorted(entries)])
        tensors, not_finite = {}, []
        for name, shape, dtype, nbytes in entries:
            tensors[name], finite = _read_tensor(path, fh, h, shape, dtype, nbytes, arrays)
            if not finite:
                not_finite.append(name)
        if h.hexdigest() != info["sha256"]:
            raise _refuse(path, "is corrupt: its content does not match its checksum")
        if not_finite:  # after the checksum: a flipped bit is corruption, not a NaN weight
            raise _refuse(path, f": {_label(not_finite[0])} contains NaN or infinite values")
    return ModelFile(kind, meta, {name: tensors[name] for name in spec} if arrays else {}, size - start)
