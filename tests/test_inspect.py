"""``rnn-tui inspect``: a valid file is described; every hostile file class is refused in one line, exit 2,
in bounded memory (measured on the real command in a fresh process), and no payload ever runs.

Timings are not asserted here (bench/hostile_files.py prints them); a hang would hit the subprocess timeout.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from core.io.container import write_model_file
from core.sincos.checkpoint import save_model
from core.sincos.config import TrainConfig
from core.sincos.init import init_weights, shapes

PEAK_MB = 300
GOOD = TrainConfig(hidden_size=4, seed=0, engine="numpy", epochs=3)
NAMES = list(init_weights(GOOD, 0))
MEASURE = (
    "import json, resource, subprocess, sys\n"
    "r = subprocess.run([sys.executable, '-m', 'tui.cli', 'inspect', *sys.argv[1:]], capture_output=True, text=True,"
    " timeout=60)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([r.returncode, r.stdout, r.stderr, peak]))\n"
)


def run_inspect(*args) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr, peak MB) of ``rnn-tui inspect`` run alone in a fresh process."""
    res = subprocess.run([sys.executable, "-c", MEASURE, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    code, out, err, peak = json.loads(res.stdout)
    return code, out, err, peak


# -- hostile files: torch pickles (rnn-tui's old format, and what an attacker hands over) -------------------


def _state(**override) -> dict:
    state = {k: torch.from_numpy(v) for k, v in init_weights(GOOD, 0).items()}
    return state | override


def _torch_file(path: Path, version=1, state=None) -> None:
    torch.save({"format": "rnn-tui", "version": version, "config": GOOD.to_dict(),
                "state_dict": _state() if state is None else state}, path)


def _self_sharing(depth: int):
    def make(path: Path) -> None:
        deep = []
        for _ in range(depth):
            deep = [deep, deep]
        _torch_file(path, version=deep)
    return make


def _stride_zero(elements: int):
    def make(path: Path) -> None:  # one stored element claiming `elements` under a real weight name
        _torch_file(path, state=_state(**{"rnn.weight_hh_l0": torch.zeros(1).expand(elements)}))
    return make


def _compressed(path: Path) -> None:
    """A 64 MiB storage deflated to a few KiB (torch.save writes stored members; this one is a zip bomb)."""
    plain = path.with_suffix(".plain")
    _torch_file(plain, state=_state(**{"rnn.weight_hh_l0": torch.zeros(2**24)}))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    plain.unlink()


def _odd_tensor(kind: str):
    def make(path: Path) -> None:
        value = {
            "bfloat16": lambda: torch.zeros(4, 4, dtype=torch.bfloat16),
            "quantized": lambda: torch.quantize_per_tensor(torch.zeros(4, 4), 0.1, 0, torch.qint8),  # deprecated: warns
            "sparse": lambda: torch.zeros(4, 4).to_sparse(),
            "meta": lambda: torch.empty(4, 4, device="meta"),
        }[kind]()
        _torch_file(path, state=_state(**{"rnn.weight_hh_l0": value}))
    return make


def _pickle_payload(path: Path) -> None:
    class Payload:
        def __reduce__(self):
            return (Path(path.with_name("PWNED")).write_text, ("ran",))

    torch.save({"format": "rnn-tui", "state_dict": Payload()}, path)


# -- hostile files in rnn-tui's own format -------------------------------------------------------------------


def _raw_header(path: Path, header: dict, data: bytes = b"") -> None:
    text = json.dumps(header).encode()
    path.write_bytes(len(text).to_bytes(8, "little") + text + data)


def _claims(path: Path) -> None:
    """A valid-looking header whose weight claims 2**40 x 2**20 float32 (4 PiB)."""
    entries = {n: {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]} for n in NAMES}
    entries["rnn.weight_hh_l0"] = {"dtype": "F32", "shape": [2**40, 2**20], "data_offsets": [0, 2**62]}
    meta = {"format": "rnn-tui", "version": "2", "kind": "train", "sha256": "0" * 64,
            "meta": json.dumps({"config": GOOD.to_dict(), "steps": 1})}
    _raw_header(path, entries | {"__metadata__": meta})


def _unknown_kind_claims(path: Path) -> None:
    """A kind rnn-tui has no reader for, declaring a 4 PiB tensor in a tiny file."""
    meta = {"format": "rnn-tui", "version": "2", "kind": "zzz", "sha256": "0" * 64, "meta": "{}"}
    _raw_header(path, {"t": {"dtype": "F32", "shape": [2**50], "data_offsets": [0, 2**52]}, "__metadata__": meta})


def _deep_meta(path: Path) -> None:
    meta = {"format": "rnn-tui", "version": "2", "kind": "train", "sha256": "0" * 64,
            "meta": "[" * 400_000 + "]" * 400_000}
    _raw_header(path, {"__metadata__": meta})


def _huge_config_value(path: Path) -> None:
    config = GOOD.to_dict() | {"lr": "9" * 900_000}
    write_model_file(path, "train", {"config": config, "steps": 1}, init_weights(GOOD, 0))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


HOSTILE = {
    "self-sharing-list-depth-24": (_self_sharing(24), "torch or zip file"),
    "self-sharing-list-depth-40": (_self_sharing(40), "torch or zip file"),
    "self-sharing-list-depth-60": (_self_sharing(60), "torch or zip file"),
    "stride-0-claims-1-gib": (_stride_zero(2**28), "torch or zip file"),
    "stride-0-claims-16-gib": (_stride_zero(2**32), "torch or zip file"),
    "deflate-compressed-storage": (_compressed, "torch or zip file"),
    "bfloat16-tensor": (_odd_tensor("bfloat16"), "torch or zip file"),
    "quantized-tensor": (_odd_tensor("quantized"), "torch or zip file"),
    "sparse-tensor": (_odd_tensor("sparse"), "torch or zip file"),
    "meta-tensor": (_odd_tensor("meta"), "torch or zip file"),
    "pickle-payload": (_pickle_payload, "torch or zip file"),
    "header-claims-4-pib": (_claims, "its tensor table does not match its data"),  # safetensors checks sizes first
    "unknown-kind-claims-4-pib": (_unknown_kind_claims, "its tensor table does not match its data"),
    "meta-nested-400000-deep": (_deep_meta, "not valid (bad JSON or nested too deep)"),
    "config-value-of-900-kb": (_huge_config_value, "invalid config: lr is not a plain value"),
    "fifo": (_fifo, "not a regular file"),
}


@pytest.mark.filterwarnings("ignore:torch.quantize_per_tensor")
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_refused_in_one_line_and_bounded_memory(tmp_path, name):
    make, why = HOSTILE[name]
    path = tmp_path / "model.pt"
    make(path)
    code, out, err, peak = run_inspect(path)
    assert (code, out) == (2, "")
    assert err.startswith(f"rnn-tui inspect: error: {path}") and err.count("\n") == 1 and len(err) < 300
    assert why in err
    assert peak <= PEAK_MB, f"{peak:.0f} MB"
    assert not (tmp_path / "PWNED").exists()


def test_a_valid_train_file_is_described(tmp_path):
    path = tmp_path / "m.safetensors"
    save_model(path, GOOD, init_weights(GOOD, 0), steps=3)
    code, out, err, _ = run_inspect(path)
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (f"{path}: a Train model (sin -> cos) in a safetensors file "
                                   "(rnn-tui model format version 2), checksum ok")
    assert "  steps trained: 3" in out and "hidden_size 4" in out and "engine numpy" in out
    assert ".pt" not in out
    code, out, _, _ = run_inspect(path, "--json")
    assert json.loads(out)["container"] == "safetensors"


def test_a_file_named_pt_as_older_versions_saved_loads_and_inspect_says_what_it_is(tmp_path):
    from core.sincos.checkpoint import read_train_model

    path = tmp_path / "rnn-tui-model.pt"  # the Train tab's default name before it said safetensors
    save_model(path, GOOD, init_weights(GOOD, 0), steps=3)
    assert read_train_model(path).config == GOOD
    code, out, _, _ = run_inspect(path)
    assert code == 0 and "  name: .pt is an older rnn-tui's default name; the file is safetensors, not a torch pickle" in out


def test_it_says_whether_a_file_can_continue(tmp_path):
    from core.sincos.train import Trainer

    trainer = Trainer(GOOD.with_(epochs=5))
    for _ in range(2):
        trainer.step()
    trainer.save(tmp_path / "new.pt")
    save_model(tmp_path / "old.pt", GOOD, init_weights(GOOD, 0), steps=3)  # weights only, as older files
    code, out, _, _ = run_inspect(tmp_path / "new.pt")
    assert code == 0 and "  can continue: yes, from step 3 with Adam's state after 2 steps and the carried hidden state" in out
    code, out, _, _ = run_inspect(tmp_path / "old.pt")
    assert code == 0 and "  can continue: no (weights only: an older file" in out
    code, out, _, _ = run_inspect(tmp_path / "new.pt", "--json")
    assert json.loads(out)["continues"] == {"next_step": 3, "hidden_state": True, "adam_step": 2}


def test_json(tmp_path):
    path = tmp_path / "m.pt"
    save_model(path, GOOD, init_weights(GOOD, 0), steps=3)
    code, out, _, _ = run_inspect(path, "--json")
    info = json.loads(out)
    assert code == 0
    assert (info["kind"], info["checksum_ok"], info["steps"], info["config"]) == ("train", True, 3, GOOD.to_dict())
    assert info["tensor_bytes"] == sum(a.nbytes for a in init_weights(GOOD, 0).values())


def test_a_kind_without_a_reader_is_checked_generically(tmp_path):
    path = tmp_path / "c.pt"
    write_model_file(path, "future", {"x": 1}, {"emb": np.ones((3, 4), np.float32)})
    code, out, _, _ = run_inspect(path)
    assert code == 0 and "a 'future' model (this rnn-tui has no reader for it: tensors checked only)" in out
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    code, out, err, _ = run_inspect(path)
    assert (code, out) == (2, "") and "does not match its checksum" in err


def test_a_huge_file_of_an_unknown_kind_is_refused_before_it_is_hashed(tmp_path):
    """A 4 GiB sparse file declaring one tensor of a kind with no reader: refused at once, not read through
    (it took 9 s to hash). No timing asserted: a run that hashed it would still pass, so the message is."""
    from core.io.container import MAX_UNKNOWN_DATA

    path = tmp_path / "big.pt"
    write_model_file(path, "future", {"x": 1}, {"emb": np.ones(8, np.float64)})
    raw = path.read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    n = 2**29  # float64: 4 GiB
    header["emb"] = {"dtype": "F64", "shape": [n], "data_offsets": [0, 8 * n]}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(text)) + text)
        fh.truncate(8 + len(text) + 8 * n)  # sparse: no disk used
    assert 8 * n > MAX_UNKNOWN_DATA
    code, out, err, _ = run_inspect(path)
    assert (code, out) == (2, "") and "no reader for" in err and "4,096 MB" in err


def test_a_large_valid_model_is_checked_in_constant_memory(tmp_path):
    """A 1024-unit LSTM in float64 (33.6 MB of weights, beyond the 300 MB bound if kept 10 times)."""
    config = TrainConfig(hidden_size=1024, cell="lstm", dtype="float64", seed=0)
    weights = {k: np.full(s, 0.01) for k, s in shapes(config).items()}
    path = tmp_path / "big.pt"
    save_model(path, config, weights, steps=7)
    code, out, _, peak = run_inspect(path)
    assert code == 0 and "steps trained: 7" in out
    assert peak < 100, f"{peak:.0f} MB"  # the weights are never kept: about the interpreter's own size
