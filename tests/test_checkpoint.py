"""Model files: save/load round trip, and every bad file refused with one line."""

import json
import os
import pickle
import struct

import numpy as np
import pytest
import torch

from core.io.container import write_model_file
from core.sincos.checkpoint import ModelFileError, load_model, read_train_model, save_model
from core.sincos.config import TrainConfig
from core.sincos.init import init_weights
from core.sincos.train import Trainer


def _one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert text and "\n" not in text
    return text


@pytest.fixture
def model(tmp_path):
    config = TrainConfig(seed=4, hidden_size=8, dtype="float64", lr=0.01, clip_norm=1.5)
    weights = init_weights(config, 4)
    path = tmp_path / "model.pt"
    save_model(path, config, weights)
    return path, config, weights


def test_round_trip(model, tmp_path):
    path, config, weights = model
    loaded_config, loaded = load_model(path)
    assert loaded_config == config
    assert list(loaded) == list(weights)
    for name in weights:
        assert loaded[name].dtype == np.float64
        np.testing.assert_array_equal(loaded[name], weights[name])
    assert os.listdir(tmp_path) == ["model.pt"]  # no temp file left behind


def _safetensors(path) -> tuple[dict, bytes]:
    """The file read by the safetensors spec alone: (header, data)."""
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8 : 8 + n]), raw[8 + n :]


def test_file_is_a_safetensors_state_dict_that_torch_takes(model):
    path, config, weights = model
    header, data = _safetensors(path)
    meta = header.pop("__metadata__")
    assert meta["format"] == "rnn-tui" and meta["kind"] == "train"
    assert json.loads(meta["meta"])["config"] == config.to_dict()
    state = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        assert entry["dtype"] == "F64"
        state[name] = torch.from_numpy(np.frombuffer(data[begin:end], "<f8").reshape(entry["shape"]).copy())
    rnn = torch.nn.RNN(1, 8, batch_first=True).double()
    rnn.load_state_dict({k[4:]: v for k, v in state.items() if k.startswith("rnn.")})
    np.testing.assert_array_equal(rnn.weight_hh_l0.detach().numpy(), weights["rnn.weight_hh_l0"])


def test_steps_trained_are_kept(tmp_path):
    config = TrainConfig(hidden_size=4)
    save_model(tmp_path / "m.pt", config, init_weights(config, 0), steps=42)
    assert read_train_model(tmp_path / "m.pt")[2] == 42


def test_trainer_save_continues_where_it_left_off(tmp_path):
    tr = Trainer(TrainConfig(engine="numpy", seed=3, epochs=20))
    list(tr)
    path = tmp_path / "trained.pt"
    tr.save(path)
    config, weights = load_model(path)
    assert config.seed == 3 and config.engine == "numpy"
    for name, value in tr.weights().items():
        np.testing.assert_array_equal(weights[name], value)
    first = Trainer(config.with_(epochs=1), weights=weights).step()
    fresh = Trainer(config.with_(epochs=1)).step()
    assert first.loss < fresh.loss  # it starts from the trained weights, not from scratch


def test_overwrite_is_atomic(model, tmp_path):
    path, config, weights = model
    bigger = config.with_(hidden_size=16)
    save_model(path, bigger, init_weights(bigger, 0))
    assert load_model(path)[0].hidden_size == 16
    assert os.listdir(tmp_path) == ["model.pt"]


def test_missing_file(tmp_path):
    with pytest.raises(ModelFileError) as info:
        load_model(tmp_path / "nope.pt")
    assert "no model file" in _one_line(info)


def test_directory(tmp_path):
    with pytest.raises(ModelFileError) as info:
        load_model(tmp_path)
    assert "directory" in _one_line(info)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pt"
    path.write_bytes(b"")
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "empty" in _one_line(info)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9])
def test_truncated_file(model, keep):
    path = model[0]
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "truncated" in _one_line(info)


def test_corrupt_file_anywhere(model):
    """Garbage over any 4 bytes (the length, the header, the meta, the checksum, each weight): all refused."""
    path = model[0]
    data = path.read_bytes()
    for offset in range(0, len(data) - 4, 7):
        broken = bytearray(data)
        broken[offset : offset + 4] = b"\x99\x98\x97\x96"
        path.write_bytes(bytes(broken))
        with pytest.raises(ModelFileError) as info:
            load_model(path)
        assert _one_line(info).startswith(str(path)), offset


def test_not_a_model_file(tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("hello, this is text")
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    _one_line(info)


class _Exploit:
    """Unpickling this would run a command that creates a marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("how", ["torch.save", "pickle.dump"])
def test_pickled_object_is_refused_never_run(tmp_path, how):
    marker = tmp_path / "PWNED"
    path = tmp_path / "evil.pt"
    payload = {"format": "rnn-tui", "version": 1, "config": TrainConfig().to_dict(), "state_dict": _Exploit(marker)}
    if how == "torch.save":
        torch.save(payload, path)
    else:
        with open(path, "wb") as fh:
            pickle.dump(payload, fh)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    message = _one_line(info)
    if how == "torch.save":
        assert "torch or zip file" in message
    assert not marker.exists()
    # the exploit is real: plain pickle would have run it
    with open(path, "rb") as fh:
        if how == "torch.save":
            torch.load(fh, weights_only=False)
        else:
            pickle.load(fh)
    assert marker.exists()


def test_weights_of_another_shape(tmp_path):
    config = TrainConfig(hidden_size=8)
    weights = init_weights(config.with_(hidden_size=16), 0)
    path = tmp_path / "wrong.pt"
    save_model(path, config, weights)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert _one_line(info) == f"{path}: rnn.weight_ih_l0 does not fit this model (expected float32 of shape (8, 1))"


def test_weights_for_another_cell(tmp_path):
    path = tmp_path / "wrong.pt"
    save_model(path, TrainConfig(cell="rnn"), init_weights(TrainConfig(cell="lstm"), 0))
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    _one_line(info)


def test_missing_weight(tmp_path):
    config = TrainConfig()
    weights = init_weights(config, 0)
    del weights["out.bias"]
    path = tmp_path / "partial.pt"
    save_model(path, config, weights)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "tensors for another model" in _one_line(info)


@pytest.mark.parametrize("bad", [{"lr": -1.0}, {"cell": "transformer"}, {"hidden": 8}, {"lr": "x" * 1000},
                                 {"lr": [[1]]}])
def test_invalid_config(tmp_path, bad):
    path = tmp_path / "bad.pt"
    config = TrainConfig().to_dict() | bad
    write_model_file(path, "train", {"config": config, "steps": 1}, init_weights(TrainConfig(), 0))
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    message = _one_line(info)
    assert "invalid config" in message and len(message) < 200 and "xxxx" not in message


def test_plain_state_dict_without_config(tmp_path):
    path = tmp_path / "bare.pt"
    torch.save(torch.nn.Linear(2, 1).state_dict(), path)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "not an rnn-tui model file" in _one_line(info)


def test_nan_weights(tmp_path):
    config = TrainConfig()
    weights = init_weights(config, 0)
    weights["rnn.weight_hh_l0"][0, 0] = np.nan
    path = tmp_path / "nan.pt"
    save_model(path, config, weights)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    assert "NaN" in _one_line(info)


def test_save_into_missing_folder(tmp_path):
    with pytest.raises(ModelFileError) as info:
        save_model(tmp_path / "no" / "model.pt", TrainConfig(), init_weights(TrainConfig(), 0))
    assert "no such file or directory" in _one_line(info)
    assert os.listdir(tmp_path) == []


def test_save_onto_a_directory(tmp_path):
    with pytest.raises(ModelFileError) as info:
        save_model(tmp_path, TrainConfig(), init_weights(TrainConfig(), 0))
    assert "directory" in _one_line(info)
    assert os.listdir(tmp_path) == []


def test_save_into_unwritable_folder(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere a chmod allows; /sys refuses even root
        folder = "/sys"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    with pytest.raises(ModelFileError) as info:
        save_model(os.path.join(folder, "model.pt"), TrainConfig(), init_weights(TrainConfig(), 0))
    assert "permission denied" in _one_line(info)
    assert not os.path.exists(os.path.join(folder, "model.pt"))


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    import core.io.files

    real = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(bytes(data)[:10])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(core.io.files.os, "fdopen", lambda *a, **k: Full(real(*a, **k)))
    with pytest.raises(ModelFileError) as info:
        save_model(tmp_path / "model.pt", TrainConfig(), init_weights(TrainConfig(), 0))
    assert "no space left on device" in _one_line(info)
    assert os.listdir(tmp_path) == []


# -- continuing a run: the state saved with the model -------------------------------------

RUNS = [("numpy", "rnn", "float64", "adam", 1e-9), ("numpy", "rnn", "float64", "sgd", 1e-9),
        ("torch", "rnn", "float32", "adam", 1e-5), ("torch", "lstm", "float32", "adam", 1e-5),
        ("torch", "gru", "float32", "adam", 1e-5), ("torch", "lstm", "float32", "sgd", 1e-5)]


@pytest.mark.parametrize("engine, cell, dtype, optimizer, tol", RUNS)
def test_50_steps_saved_loaded_and_50_more_equal_100_in_one_go(tmp_path, engine, cell, dtype, optimizer, tol):
    config = TrainConfig(engine=engine, cell=cell, dtype=dtype, optimizer=optimizer, epochs=100, hidden_size=8,
                         lr=0.02 if optimizer == "adam" else 0.05, seed=2)
    whole = [r.loss for r in Trainer(config)]
    first = Trainer(config)
    losses = [first.step().loss for _ in range(50)]
    path = tmp_path / "half.pt"
    first.save(path)
    loaded = read_train_model(path)
    assert loaded.steps == 50 and loaded.resume.steps == 50
    assert (loaded.resume.adam is not None) == (optimizer == "adam")
    if optimizer == "adam":
        assert loaded.resume.adam.step == 50
    assert loaded.resume.h.shape == ((2, 8) if cell == "lstm" else (8,))
    again = Trainer(loaded.config, loaded.weights, loaded.resume)
    assert again.evaluate(10).mse == first.evaluate(10).mse  # the unseen error right after loading: the saved model's
    rest = list(again)
    assert [r.step for r in rest] == list(range(51, 101))
    np.testing.assert_allclose(losses + [r.loss for r in rest], whole, rtol=0, atol=tol)


def test_a_torch_run_continues_in_the_numpy_engine(tmp_path):
    config = TrainConfig(engine="torch", dtype="float64", epochs=60, hidden_size=6, seed=5)
    whole = [r.loss for r in Trainer(config)]
    first = Trainer(config)
    losses = [first.step().loss for _ in range(30)]
    first.save(tmp_path / "m.pt")
    loaded = read_train_model(tmp_path / "m.pt")
    rest = [r.loss for r in Trainer(loaded.config.with_(engine="numpy"), loaded.weights, loaded.resume)]
    np.testing.assert_allclose(losses + rest, whole, rtol=0, atol=1e-9)


def test_an_older_file_loads_weights_only(tmp_path):
    config = TrainConfig(hidden_size=4, engine="numpy")
    weights = init_weights(config, 0)
    save_model(tmp_path / "old.pt", config, weights, steps=30)  # no state: as files were written before
    loaded = read_train_model(tmp_path / "old.pt")
    assert loaded.resume is None and loaded.steps == 30 and set(loaded.weights) == set(weights)
    assert Trainer(loaded.config, loaded.weights, loaded.resume).done == 0  # a new run from these weights


def test_a_diverged_run_is_saved_without_its_state(tmp_path):
    tr = Trainer(TrainConfig(engine="numpy", optimizer="sgd", lr=0.5, epochs=50, hidden_size=8))
    with pytest.raises(Exception, match="diverged"):
        list(tr)
    tr.save(tmp_path / "m.pt")
    assert read_train_model(tmp_path / "m.pt").resume is None


def _with_state(path, config, resume_meta, tensors):
    meta = {"config": config.to_dict(), "steps": 3, "resume": resume_meta}
    write_model_file(path, "train", meta, {**init_weights(config, 0), **tensors})


@pytest.mark.parametrize("resume_meta, extra, message", [
    ({"h": True, "adam_step": None}, {}, "has tensors for another model"),  # h announced, not there
    ({"h": False, "adam_step": None}, {"state.h": np.zeros(4, np.float32)}, "has tensors for another model"),
    ({"h": True, "adam_step": None}, {"state.h": np.zeros(5, np.float32)}, "state.h does not fit this model"),
    ({"h": "yes", "adam_step": None}, {}, "invalid training state"),
    ({"h": False, "adam_step": -1}, {}, "invalid training state"),
    ({"h": False, "adam_step": 1, "more": 1}, {}, "invalid training state"),
    ([1, 2], {}, "invalid training state"),
])
def test_a_bad_training_state_is_refused_before_reading_it(tmp_path, resume_meta, extra, message):
    config = TrainConfig(hidden_size=4)
    path = tmp_path / "m.pt"
    _with_state(path, config, resume_meta, extra)
    with pytest.raises(ModelFileError) as exc:
        load_model(path)
    assert message in _one_line(exc)
