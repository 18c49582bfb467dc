"""The generic model-file container: round trip, and hostile headers refused in one short line before any data is read."""

import json
import os
import struct

import numpy as np
import pytest

from core.io.container import MAX_HEADER, ModelFileError, read_model_file, write_model_file

SPEC = {"W": ((3, 2), "float32"), "ids": ((4,), "int64")}


def expect(kind, meta):
    if kind != "demo":
        raise ModelFileError("is not a demo model")
    return SPEC


def _tensors():
    return {"W": np.arange(6, dtype=np.float32).reshape(3, 2), "ids": np.array([1, 2, 3, 4])}


def _refused(path, **kw) -> str:
    with pytest.raises(ModelFileError) as info:
        read_model_file(path, expect, **kw)
    text = str(info.value)
    assert text.startswith(str(path)) and "\n" not in text and len(text) < 300
    return text


def _raw(header: dict, data: bytes = b"") -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def _good_header(path) -> tuple[dict, bytes]:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8 : 8 + n]), raw[8 + n :]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "m.bin"
    write_model_file(path, "demo", {"name": "我爱中国", "steps": 3}, _tensors())
    return path


def test_round_trip(good):
    f = read_model_file(good, expect)
    assert (f.kind, f.meta, f.nbytes) == ("demo", {"name": "我爱中国", "steps": 3}, 6 * 4 + 4 * 8)
    assert list(f.tensors) == ["W", "ids"]
    np.testing.assert_array_equal(f.tensors["W"], _tensors()["W"])
    assert f.tensors["ids"].dtype == np.int64


def test_check_without_keeping_the_arrays(good):
    f = read_model_file(good, expect, arrays=False)
    assert f.tensors == {} and f.nbytes == 56


def test_another_kind_is_refused(tmp_path):
    path = tmp_path / "x.bin"
    write_model_file(path, "other", {}, _tensors())
    assert _refused(path) == f"{path} is not a demo model"


def test_an_expect_that_fails_on_a_strange_meta_is_one_line(tmp_path):
    path = tmp_path / "x.bin"
    write_model_file(path, "demo", {"size": "big"}, _tensors())
    with pytest.raises(ModelFileError) as info:
        read_model_file(path, lambda kind, meta: {"W": ((int(meta["size"]),), "float32")})
    assert str(info.value) == f"{path} has an invalid model description"


def test_meta_must_be_json(tmp_path):
    with pytest.raises(ModelFileError):
        write_model_file(tmp_path / "x.bin", "demo", {"x": float("nan")}, _tensors())
    with pytest.raises(ModelFileError):
        write_model_file(tmp_path / "x.bin", "demo", {"x": object()}, _tensors())
    assert os.listdir(tmp_path) == []


def test_unsupported_dtype_is_not_written(tmp_path):
    with pytest.raises(ModelFileError):
        write_model_file(tmp_path / "x.bin", "demo", {}, {"W": np.zeros(2, np.float16)})


@pytest.mark.parametrize("edit", [
    "huge-length", "short-length", "duplicate-key", "overlap", "gap", "claims-a-huge-tensor", "wrong-dtype",
    "bfloat16", "extra-tensor", "extra-bytes", "deep-meta", "no-metadata", "other-format", "version",
])
def test_hostile_headers(good, edit):
    header, data = _good_header(good)
    meta = header["__metadata__"]
    raw = None
    if edit == "huge-length":
        raw = struct.pack("<Q", 2**63) + b"{}"
    elif edit == "short-length":
        raw = struct.pack("<Q", MAX_HEADER) + b"{" + b" " * 100
    elif edit == "duplicate-key":
        text = json.dumps(header).encode()
        text = text[:-1] + b', "W": ' + json.dumps(header["W"]).encode() + b"}"
        raw = struct.pack("<Q", len(text)) + text + data
    elif edit == "overlap":  # the tensor stored second starts 8 bytes inside the first
        later = max((k for k in header if k != "__metadata__"), key=lambda k: header[k]["data_offsets"][0])
        start, end = header[later]["data_offsets"]
        header[later]["data_offsets"] = [start - 8, end - 8]
    elif edit == "gap":
        header["ids"]["data_offsets"] = [28, 60]
    elif edit == "claims-a-huge-tensor":
        header["W"] = {"dtype": "F32", "shape": [2**40, 2**20], "data_offsets": [0, 2**62]}
    elif edit == "wrong-dtype":
        header["W"]["dtype"] = "F64"
    elif edit == "bfloat16":
        header["W"]["dtype"] = "BF16"
    elif edit == "extra-tensor":
        header["X"] = {"dtype": "U8", "shape": [0], "data_offsets": [56, 56]}
    elif edit == "extra-bytes":
        data += b"\0" * 8
    elif edit == "deep-meta":
        meta["meta"] = "[" * 50_000 + "]" * 50_000
    elif edit == "no-metadata":
        del header["__metadata__"]
    elif edit == "other-format":
        meta["format"] = "x" * 100_000
    elif edit == "version":
        meta["version"] = [[[]]] * 1000
    good.write_bytes(raw if raw is not None else _raw(header, data))
    assert "xxx" not in _refused(good)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it for a blocking read would wait for ever for a writer
    assert "not a regular file" in _refused(fifo)
    assert "not a regular file" in _refused("/dev/zero")


def test_one_flipped_bit_anywhere_is_refused(good):
    data = good.read_bytes()
    for i in range(len(data)):
        broken = bytearray(data)
        broken[i] ^= 0x01
        good.write_bytes(bytes(broken))
        _refused(good)
