"""The bad-input matrix: 241 bad or unusual inputs, each with the outcome a user sees.

241 = 106 command-line refusals + 7 accepted odd texts + 4 through the installed
script + 12 model files x 2 (core and the Train tab) + 82 UI field values + 8 odd
or empty sentences in the Forward tab + 10 more (an overflowing weight, a diverging
lr on the command line and in the app, absurd speeds both ways, an empty load
path, 3 unwritable save folders, a 10x5 terminal while training).

Every row is one input and its exact expected outcome (the count is checked by
``test_matrix_count`` and printed by ``python tests/test_bad_input.py``):

- command line (``CLI_ERRORS``): exit code 2, nothing on stdout, exactly the
  expected line on stderr, no "Traceback", no file left in the folder. Run
  in-process through ``tui.cli.main`` (fast); ``SUBPROCESS_ROWS`` run the
  installed ``rnn-tui`` script to prove the real entry point behaves the same.
- accepted odd input (``CLI_ACCEPTED``): emoji, combining marks, right-to-left
  text, control characters, 100,000 characters: exit 0 and the tokens.
- model files (``MODEL_FILES``): empty, truncated, corrupt, wrong-shape, a
  pickled object (refused, not executed), ...: core.sincos.checkpoint.load_model's
  message, and the same message in the Train tab's load control (one Pilot
  session loads them all in turn).
- UI fields (``UI_FIELDS``): a Pilot session at 100×30 per field types each
  bad value into it and checks the message on screen; afterwards a normal key
  still works and changes the screen.
- UI events: a diverging learning rate, unwritable save folders, a 10×5
  terminal in the middle of training.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from screen import screen_text, wait_for_tab, wait_until
from terminal import SCRIPT
from textual.widgets import Input, Select, Static

from core.checks import MAX_SEED
from core.sincos.checkpoint import ModelFileError, load_model, save_model
from core.sincos.config import TrainConfig
from core.sincos.init import init_weights
from tui.app import RnnTui
from tui.cli import main
from tui.tabs.forward import ForwardTab
from tui.tabs.gradients import GradientsTab
from tui.tabs.train import TrainTab
from tui.widgets.train.loss import fmt_loss
from tui.widgets.train.progress import TrainProgress

SIZE = (100, 30)
HUGE = "1" + "0" * 40  # an absurdly large number, as text

# ----------------------------------------------------------------------------------------
# The command line: (id, argv, the one line on stderr). "{tmp}" is the test's folder,
# which holds a regular file "afile" and an empty folder "adir".

F, T, G, S, A = "rnn-tui forward: error: ", "rnn-tui train: error: ", "rnn-tui gradients: error: ", \
    "rnn-tui serve: error: ", "rnn-tui: error: "
EMPTY = F + "the sentence is empty: give some text, e.g. rnn-tui forward 我爱中国"

CLI_ERRORS = [
    # forward: sentences
    ("forward-empty", ["forward", ""], EMPTY),
    ("forward-whitespace", ["forward", " \t\n "], EMPTY),
    ("forward-control-only", ["forward", "\x00\x07\x1b\x7f"], EMPTY),
    # forward: scalar weights (any finite number is a weight)
    ("forward-u-word", ["forward", "--u", "abc"], F + "argument --u: 'abc' is not a number"),
    ("forward-u-nan", ["forward", "--u", "nan"], F + "argument --u: 'nan' is not a finite number"),
    ("forward-u-inf", ["forward", "--u", "inf"], F + "argument --u: 'inf' is not a finite number"),
    ("forward-u-minus-inf", ["forward", "--u", "-inf"], F + "argument --u: '-inf' is not a finite number"),
    ("forward-u-overflow", ["forward", "--u", "1e400"], F + "argument --u: '1e400' is not a finite number"),
    ("forward-w-nan", ["forward", "--w", "NaN"], F + "argument --w: 'NaN' is not a finite number"),
    ("forward-v-empty", ["forward", "--v", ""], F + "argument --v: '' is not a number"),
    ("forward-s0-minus-inf", ["forward", "--s0", "-Infinity"], F + "argument --s0: '-Infinity' is not a finite number"),
    ("forward-u-missing", ["forward", "--u"], F + "argument --u: expected one argument"),
    # forward: vector mode sizes
    ("forward-hidden-zero", ["forward", "--hidden", "0"], F + "argument --hidden: 0 is not between 1 and 1024"),
    ("forward-hidden-negative", ["forward", "--hidden", "-3"], F + "argument --hidden: -3 is not between 1 and 1024"),
    ("forward-hidden-huge", ["forward", "--hidden", HUGE], F + f"argument --hidden: {HUGE} is not between 1 and 1024"),
    ("forward-hidden-word", ["forward", "--hidden", "eight"], F + "argument --hidden: 'eight' is not a whole number"),
    ("forward-hidden-nan", ["forward", "--hidden", "nan"], F + "argument --hidden: 'nan' is not a whole number"),
    ("forward-hidden-float", ["forward", "--hidden", "8.5"], F + "argument --hidden: '8.5' is not a whole number"),
    ("forward-seed-negative", ["forward", "--seed", "-1"], F + "argument --seed: -1 is not between 0 and 4294967295"),
    ("forward-seed-huge", ["forward", "--seed", "4294967296"], F + "argument --seed: 4294967296 is not between 0 and 4294967295"),
    ("forward-seed-sci", ["forward", "--seed", "1e3"], F + "argument --seed: '1e3' is not a whole number"),
    ("forward-seed-inf", ["forward", "--seed", "inf"], F + "argument --seed: 'inf' is not a whole number"),
    # forward: unknown flags and choices
    ("forward-unknown-flag", ["forward", "--bogus"], F + "unrecognized arguments: --bogus"),
    ("forward-unknown-short-flag", ["forward", "-x"], F + "unrecognized arguments: -x"),
    ("forward-unknown-mode", ["forward", "--mode", "matrix"],
     F + "argument --mode: invalid choice: 'matrix' (choose from 'scalar', 'vector')"),
    ("forward-unknown-tokens", ["forward", "--tokens", "bytes"],
     F + "argument --tokens: invalid choice: 'bytes' (choose from 'word', 'char')"),
    ("forward-unknown-activation", ["forward", "--activation", "softmax"],
     F + "argument --activation: invalid choice: 'softmax' (choose from 'tanh', 'relu', 'identity')"),
    # train: every numeric flag
    ("train-lr-word", ["train", "--lr", "fast"], T + "argument --lr: 'fast' is not a number"),
    ("train-lr-nan", ["train", "--lr", "nan"], T + "--lr: lr must be a finite number above 0, got nan"),
    ("train-lr-inf", ["train", "--lr", "inf"], T + "--lr: lr must be a finite number above 0, got inf"),
    ("train-lr-minus-inf", ["train", "--lr", "-inf"], T + "--lr: lr must be a finite number above 0, got -inf"),
    ("train-lr-negative", ["train", "--lr", "-1e-3"], T + "--lr: lr must be a finite number above 0, got -0.001"),
    ("train-lr-zero", ["train", "--lr", "0"], T + "--lr: lr must be a finite number above 0, got 0.0"),
    ("train-lr-huge", ["train", "--lr", "1e9"], T + "--lr: lr must be at most 1e6, got 1000000000.0"),
    ("train-epochs-zero", ["train", "--epochs", "0"], T + "--epochs: epochs must be between 1 and 10000000, got 0"),
    ("train-epochs-negative", ["train", "--epochs", "-5"], T + "--epochs: epochs must be between 1 and 10000000, got -5"),
    ("train-epochs-huge", ["train", "--epochs", HUGE], T + f"--epochs: epochs must be between 1 and 10000000, got {HUGE}"),
    ("train-epochs-sci", ["train", "--epochs", "1e3"], T + "argument --epochs: '1e3' is not a whole number"),
    ("train-epochs-nan", ["train", "--epochs", "nan"], T + "argument --epochs: 'nan' is not a whole number"),
    ("train-time-step-zero", ["train", "--time-step", "0"], T + "--time-step: time_step must be between 1 and 4096, got 0"),
    ("train-time-step-huge", ["train", "--time-step", "100000"],
     T + "--time-step: time_step must be between 1 and 4096, got 100000"),
    ("train-time-step-word", ["train", "--time-step", "ten"], T + "argument --time-step: 'ten' is not a whole number"),
    ("train-hidden-zero", ["train", "--hidden", "0"], T + "--hidden: hidden_size must be between 1 and 4096, got 0"),
    ("train-hidden-negative", ["train", "--hidden", "-32"], T + "--hidden: hidden_size must be between 1 and 4096, got -32"),
    ("train-hidden-huge", ["train", "--hidden", "5000"], T + "--hidden: hidden_size must be between 1 and 4096, got 5000"),
    ("train-hidden-inf", ["train", "--hidden", "inf"], T + "argument --hidden: 'inf' is not a whole number"),
    ("train-seed-negative", ["train", "--seed", "-1"], T + "--seed: seed must be between 0 and 4294967295, got -1"),
    ("train-seed-huge", ["train", "--seed", HUGE], T + f"--seed: seed must be between 0 and 4294967295, got {HUGE}"),
    ("train-seed-word", ["train", "--seed", "lucky"], T + "argument --seed: 'lucky' is not a whole number"),
    ("train-clip-value-zero", ["train", "--clip-value", "0"],
     T + "--clip-value: clip value must be a finite number above 0, got 0.0"),
    ("train-clip-value-nan", ["train", "--clip-value", "nan"],
     T + "--clip-value: clip value must be a finite number above 0, got nan"),
    ("train-clip-norm-negative", ["train", "--clip-norm", "-1"],
     T + "--clip-norm: clip norm must be a finite number above 0, got -1.0"),
    ("train-clip-norm-inf", ["train", "--clip-norm", "inf"],
     T + "--clip-norm: clip norm must be a finite number above 0, got inf"),
    ("train-clip-both", ["train", "--clip-value", "1", "--clip-norm", "1"],
     T + "--clip-value: choose one of clip value and clip norm, not both"),
    # train: unknown engines, cells, flags
    ("train-unknown-engine", ["train", "--engine", "jax"], T + "--engine: unknown engine 'jax': use torch, numpy"),
    ("train-unknown-cell", ["train", "--cell", "transformer"], T + "--cell: unknown cell 'transformer': use rnn, lstm, gru"),
    ("train-numpy-lstm", ["train", "--engine", "numpy", "--cell", "lstm"],
     T + "--cell: the numpy engine trains the rnn cell only, not lstm: use --engine torch"),
    ("train-unknown-dtype", ["train", "--dtype", "float16"], T + "--dtype: unknown dtype 'float16': use float32, float64"),
    ("train-unknown-flag", ["train", "--batch-size", "8"], T + "unrecognized arguments: --batch-size 8"),
    ("train-step-too-long", ["train", "--hidden", "4096", "--time-step", "4096", "--cell", "lstm"],
     T + "--time-step: time_step and hidden_size too large together: (time_step + 16) x hidden_size² x gates must be "
         "at most 134,217,728 so one step stays under a second (Ctrl+C and q act at once); got 275,951,648,768"),
    # train: metrics and model paths (checked before training)
    ("train-metrics-directory", ["train", "--metrics", "adir.json"], None),  # filled in below
    ("train-metrics-missing-folder", ["train", "--metrics", "gone/run.json"],
     T + "--metrics gone/run.json: the folder {tmp}/gone does not exist"),
    ("train-metrics-under-a-file", ["train", "--metrics", "afile/run.json"],
     T + "--metrics afile/run.json: {tmp}/afile is a file, not a folder"),
    ("train-metrics-proc", ["train", "--metrics", "/proc/run.json"],
     T + "--metrics /proc/run.json: cannot write in /proc (no such file or directory)"),
    ("train-metrics-extension", ["train", "--metrics", "run.txt"],
     T + "--metrics run.txt: the file name must end in .json or .csv"),
    ("train-save-directory", ["train", "--save", "adir"], T + "--save adir is a directory, not a file"),
    ("train-save-missing-folder", ["train", "--save", "gone/model.pt"],
     T + "--save gone/model.pt: the folder {tmp}/gone does not exist"),
    ("train-save-under-a-file", ["train", "--save", "afile/model.pt"],
     T + "--save afile/model.pt: {tmp}/afile is a file, not a folder"),
    ("train-save-proc", ["train", "--save", "/proc/model.pt"],
     T + "--save /proc/model.pt: cannot write in /proc (no such file or directory)"),
    ("train-save-empty", ["train", "--save", ""], T + "--save '': the path is empty"),
    ("train-save-trailing-slash", ["train", "--save", "new/"],
     T + "--save new/: the path ends with a slash: give a file name"),
    ("train-metrics-name-too-long", ["train", "--metrics", "x" * 300 + ".json"],
     T + "--metrics " + "x" * 58 + "…" + "x" * 53 + ".json: file name too long"),
    ("train-save-is-metrics", ["train", "--metrics", "same.json", "--save", "same.json"],
     T + "--metrics and --save name the same file"),
    # gradients
    ("gradients-length-zero", ["gradients", "--length", "0"], G + "--length: length must be between 1 and 10000, got 0"),
    ("gradients-length-negative", ["gradients", "--length", "-4"], G + "--length: length must be between 1 and 10000, got -4"),
    ("gradients-length-huge", ["gradients", "--length", HUGE], G + f"--length: length must be between 1 and 10000, got {HUGE}"),
    ("gradients-length-word", ["gradients", "--length", "long"], G + "argument --length: 'long' is not a whole number"),
    ("gradients-length-nan", ["gradients", "--length", "nan"], G + "argument --length: 'nan' is not a whole number"),
    ("gradients-scale-nan", ["gradients", "--scale", "nan"], G + "--scale: scale must be a finite number, got nan"),
    ("gradients-scale-inf", ["gradients", "--scale", "inf"], G + "--scale: scale must be a finite number, got inf"),
    ("gradients-scale-negative", ["gradients", "--scale", "-1"], G + "--scale: scale must be between 0 and 100, got -1"),
    ("gradients-scale-huge", ["gradients", "--scale", "1e9"], G + "--scale: scale must be between 0 and 100, got 1e+09"),
    ("gradients-scale-word", ["gradients", "--scale", "big"], G + "argument --scale: 'big' is not a number"),
    ("gradients-hidden-zero", ["gradients", "--hidden", "0"], G + "--hidden: hidden size must be between 1 and 512, got 0"),
    ("gradients-hidden-huge", ["gradients", "--hidden", "100000"], G + "--hidden: hidden size must be between 1 and 512, got 100000"),
    ("gradients-hidden-sci", ["gradients", "--hidden", "1e9"], G + "argument --hidden: '1e9' is not a whole number"),
    ("gradients-seed-negative", ["gradients", "--seed", "-1"], G + "--seed: seed must be between 0 and 4294967295, got -1"),
    ("gradients-w-inf", ["gradients", "--cell", "scalar", "--w", "inf"], G + "--w: w must be a finite number, got inf"),
    ("gradients-u-minus-inf", ["gradients", "--u", "-inf"], G + "--u: u must be a finite number, got -inf"),
    ("gradients-forget-huge", ["gradients", "--cell", "lstm", "--forget-bias", "1e300"],
     G + "--forget-bias: gate bias must be between -100 and 100, got 1e+300"),
    ("gradients-forget-word", ["gradients", "--cell", "gru", "--forget-bias", "open"],
     G + "argument --forget-bias: 'open' is not a number"),
    ("gradients-unknown-cell", ["gradients", "--cell", "xyz"],
     G + "--cell: unknown cell 'xyz': use scalar, rnn, lstm, gru"),
    # serve: port
    ("serve-port-zero", ["serve", "--port", "0"], S + "argument --port: 0 is not between 1 and 65535"),
    ("serve-port-negative", ["serve", "--port", "-1"], S + "argument --port: -1 is not between 1 and 65535"),
    ("serve-port-huge", ["serve", "--port", "70000"], S + "argument --port: 70000 is not between 1 and 65535"),
    ("serve-port-word", ["serve", "--port", "http"], S + "argument --port: 'http' is not a whole number"),
    ("serve-port-nan", ["serve", "--port", "nan"], S + "argument --port: 'nan' is not a whole number"),
    # the app's own flags
    ("app-fps-zero", ["--fps", "0"], A + "argument --fps: 0 is not between 1 and 120"),
    ("app-fps-negative", ["--fps", "-5"], A + "argument --fps: -5 is not between 1 and 120"),
    ("app-fps-huge", ["--fps", "1000"], A + "argument --fps: 1000 is not between 1 and 120"),
    ("app-fps-nan", ["--fps", "nan"], A + "argument --fps: 'nan' is not a whole number"),
    ("app-fps-inf", ["--fps", "inf"], A + "argument --fps: 'inf' is not a whole number"),
    ("app-unknown-flag", ["--unknown"], A + "unrecognized arguments: --unknown"),
    ("app-unknown-lang", ["--lang", "fr"], A + "argument --lang: invalid choice: 'fr' (choose from 'en', 'zh')"),
    ("app-unknown-mode", ["--mode", "matrix"], A + "argument --mode: invalid choice: 'matrix' (choose from 'scalar', 'vector')"),
    ("app-sentence-too-long", ["x" * 1_000_001], A + "the sentence is longer than 1,000,000 characters"),
]
CLI_ERRORS = [(i, argv, msg if msg is not None else T + "--metrics adir.json is a directory, not a file")
              for i, argv, msg in CLI_ERRORS]

# Accepted odd input: (id, argv, the tokens rnn-tui forward --json reports).
CLI_ACCEPTED = [
    ("forward-emoji", ["forward", "😀👍 ok"], ["😀", "👍", "ok"]),
    ("forward-combining-marks", ["forward", "e\u0301\u0301 n\u0303"], ["e\u0301\u0301", "n\u0303"]),
    ("forward-right-to-left", ["forward", "שלום עולם"], ["שלום", "עולם"]),
    ("forward-arabic-chars", ["forward", "--tokens", "char", "سلام"], ["س", "ل", "ا", "م"]),
    ("forward-control-characters", ["forward", "--tokens", "char", "a\x00b\x07c\x1b[31m"], ["a", "b", "c", "[", "3", "1", "m"]),
    ("forward-100k-characters", ["forward", "x" * 100_000], ["x" * 100_000]),
    ("forward-negative-sci-weight", ["forward", "--u", "-1e5", "--s0", "-.5"], ["我", "爱", "中国"]),
]

SUBPROCESS_ROWS = [  # the installed console script, a real process
    ("script-forward-empty", ["forward", ""], EMPTY),
    ("script-train-lr-nan", ["train", "--lr", "nan"], T + "--lr: lr must be a finite number above 0, got nan"),
    ("script-gradients-length-word", ["gradients", "--length", "x"], G + "argument --length: 'x' is not a whole number"),
    ("script-app-fps-zero", ["--fps", "0"], A + "argument --fps: 0 is not between 1 and 120"),
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The working folder: a regular file "afile" and an empty folder "adir" (and "adir.json")."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("a regular file\n")
    (tmp_path / "adir").mkdir()
    (tmp_path / "adir.json").mkdir()
    return tmp_path


def listing(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


FOLDER_CONTENT = ["adir", "adir.json", "afile"]


def run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv,message", [r[1:] for r in CLI_ERRORS], ids=[r[0] for r in CLI_ERRORS])
def test_cli_refuses_with_one_line(argv, message, folder, capsys):
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err == message.format(tmp=folder) + "\n"
    assert "Traceback" not in err
    assert listing(folder) == FOLDER_CONTENT  # no partial or temp file anywhere


@pytest.mark.parametrize("argv,tokens", [r[1:] for r in CLI_ACCEPTED], ids=[r[0] for r in CLI_ACCEPTED])
def test_cli_accepts_odd_text(argv, tokens, folder, capsys):
    import json

    code, out, err = run([*argv, "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["tokens"] == tokens
    assert [s["t"] for s in data["steps"]] == list(range(1, len(tokens) + 1))


def test_cli_overflowing_weights_print_null_not_infinity(folder, capsys):
    """--u 1e308 overflows float64 at step 1: valid JSON (null), exit 0, one note on stderr."""
    import json

    code, out, err = run(["forward", "--u", "1e308", "--json"], capsys)
    assert code == 0
    assert "Infinity" not in out
    steps = json.loads(out)["steps"]
    assert [s["s"] for s in steps] == [1e308, None, None]
    assert [s["o"] for s in steps] == [None, None, None]
    assert err == ("rnn-tui forward: note: 3 of 3 steps overflow float64 (beyond 1.8e308): shown as inf, "
                   "null in JSON; try smaller weights\n")


def test_cli_diverging_lr_stops_keeps_metrics_and_saves_no_model(folder, capsys):
    code, out, err = run(["train", "--engine", "numpy", "--seed", "0", "--lr", "1e5", "--quiet",
                          "--metrics", "m.json", "--save", "m.pt"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(T + "training diverged at step 2 (loss = ")
    assert err.endswith("): lower the learning rate or clip the gradient\n") and err.count("\n") == 1
    assert listing(folder) == sorted(FOLDER_CONTENT + ["m.json"])  # the steps before, no model, no temp


@pytest.mark.parametrize("argv,message", [r[1:] for r in SUBPROCESS_ROWS], ids=[r[0] for r in SUBPROCESS_ROWS])
def test_installed_script_refuses_with_one_line(argv, message, tmp_path):
    script = SCRIPT if os.path.exists(SCRIPT) else pytest.fail(f"the rnn-tui script is not installed: no {SCRIPT}")
    res = subprocess.run([script, *argv], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert (res.returncode, res.stdout, res.stderr) == (2, "", message + "\n")
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------------------
# Model files: (id, how to make it in the folder, the message; "{path}" is its full path).

GOOD = TrainConfig(hidden_size=4, seed=0, engine="numpy", epochs=3)


def _good(path: Path) -> None:
    save_model(path, GOOD, init_weights(GOOD, 0))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    _good(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flipped_tensor_bytes(path: Path) -> None:
    """Flip the last 8 bytes: inside the last weight's data (the header stays intact)."""
    _good(path)
    data = bytearray(path.read_bytes())
    for i in range(len(data) - 8, len(data)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _text(path: Path) -> None:
    path.write_text("this is not a model\n")


def _wrong_shape(path: Path) -> None:
    big = TrainConfig(hidden_size=8, seed=0)
    save_model(path, GOOD, init_weights(big, 0))  # hidden 8 weights under a hidden 4 config


def _foreign(path: Path) -> None:
    import torch

    torch.save({"weights": torch.zeros(3)}, path)


MARKER = "pickle-ran.txt"


class Payload:
    """Unpickling this would create MARKER: the load must refuse it, not run it."""

    def __reduce__(self):
        return (Path(MARKER).write_text, ("executed",))


def _pickled_object(path: Path) -> None:
    import torch

    torch.save({"format": "rnn-tui", "version": 1, "config": GOOD.to_dict(), "state_dict": {}, "x": Payload()}, path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # a blocking open would wait for ever for a writer


def _claims_16_gib(path: Path) -> None:
    """A real weight name whose header claims 16 GiB: refused before anything is allocated."""
    _good(path)
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    header["rnn.weight_hh_l0"]["shape"] = [2**16, 2**16]
    text = json.dumps(header).encode()
    path.write_bytes(len(text).to_bytes(8, "little") + text + raw[8 + n:])


def _self_sharing_torch_file(path: Path) -> None:
    """A 'version' that is a list sharing itself 60 deep: printing it would never end."""
    import torch

    deep = []
    for _ in range(60):
        deep = [deep, deep]
    torch.save({"format": "rnn-tui", "version": deep, "config": GOOD.to_dict(), "state_dict": {}}, path)


def _directory(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


TORCH_FILE = "{path} is a torch or zip file, not an rnn-tui model file (rnn-tui reads only its own pickle-free format)"

MODEL_FILES = [
    ("model-empty", _empty, "{path} is empty, not a model file"),
    ("model-truncated", _truncated, "{path} is truncated (its header ends past the end of the file)"),
    ("model-corrupt-weights", _flipped_tensor_bytes, "{path} is corrupt: its content does not match its checksum"),
    ("model-text", _text, "{path} is not an rnn-tui model file"),
    ("model-wrong-shape", _wrong_shape,
     "{path}: rnn.weight_ih_l0 does not fit this model (expected float32 of shape (4, 1))"),
    ("model-foreign-torch-file", _foreign, TORCH_FILE),
    ("model-pickled-object", _pickled_object, TORCH_FILE),
    ("model-fifo", _fifo, "{path} is not a regular file (a pipe, device or socket), not a model file"),
    ("model-claims-16-gib", _claims_16_gib,  # safetensors compares the claimed sizes with the file first
     "{path} is truncated or damaged (its tensor table does not match its data)"),
    ("model-self-sharing-torch-file", _self_sharing_torch_file, TORCH_FILE),
    ("model-directory", _directory, "{path} is a directory, not a model file"),
    ("model-missing", _missing, "no model file at {path}"),
]


@pytest.mark.parametrize("make,message", [r[1:] for r in MODEL_FILES], ids=[r[0] for r in MODEL_FILES])
def test_load_model_refuses_bad_files(make, message, folder):
    path = folder / "bad.pt"
    make(path)
    expected = message.format(path=path)
    with pytest.raises(ModelFileError) as err:
        load_model(path)
    assert str(err.value) == expected
    assert not (folder / MARKER).exists()


# ----------------------------------------------------------------------------------------
# The UI: (id, tab, field id, typed value, message shown). One Pilot session per field
# types that field's rows one after another.

def fw_num(name, value):
    return f"{name}: '{value}' is not a number; last result kept"


def fw_int(name, value, low, high):
    return f"{name}: '{value}' must be a whole number, {low} to {high}; last result kept"


def tr(msg):
    return f"Invalid: {msg}"


def gr_range(name, low, high, value):
    return f"{name} must be between {low} and {high}, got {value}"


def gr_not(what, name, value):
    return f"{name} must be {what}, got {value}"

UI_FIELDS = [
    # Forward tab: the scalar weights
    *[(f"ui-forward-{n}-{tag}", "forward", f"fw-{n}", v, fw_num(label, v))
      for n, label in (("u", "u"), ("w", "w"), ("v", "v"), ("s0", "s₀"))
      for tag, v in (("word", "abc"), ("nan", "nan"), ("inf", "inf"), ("minus-inf", "-inf"))],
    ("ui-forward-u-empty", "forward", "fw-u", "", fw_num("u", "")),
    ("ui-forward-u-overflow", "forward", "fw-u", "1e400", fw_num("u", "1e400")),
    # Forward tab: vector mode's H and seed
    *[(f"ui-forward-hidden-{tag}", "forward", "fw-hidden", v, fw_int("H", v, 1, 1024))
      for tag, v in (("zero", "0"), ("negative", "-1"), ("huge", HUGE), ("word", "many"), ("nan", "nan"),
                     ("inf", "inf"), ("float", "2.5"))],
    *[(f"ui-forward-seed-{tag}", "forward", "fw-seed", v, fw_int("seed", v, 0, MAX_SEED))
      for tag, v in (("negative", "-1"), ("huge", str(2**32)), ("sci", "1e3"), ("nan", "nan"))],
    # Train tab: every numeric field
    *[(f"ui-train-lr-{tag}", "train", "lr", v, tr(m)) for tag, v, m in (
        ("word", "fast", "lr must be a number, got 'fast'"),
        ("nan", "nan", "lr must be a finite number above 0, got nan"),
        ("inf", "inf", "lr must be a finite number above 0, got inf"),
        ("minus-inf", "-inf", "lr must be a finite number above 0, got -inf"),
        ("negative", "-0.02", "lr must be a finite number above 0, got -0.02"),
        ("zero", "0", "lr must be a finite number above 0, got 0.0"),
        ("huge", "1e300", "lr must be at most 1e6, got 1e+300"),
        ("empty", "", "lr must be a number, got ''"))],
    *[(f"ui-train-epochs-{tag}", "train", "epochs", v, tr(m)) for tag, v, m in (
        ("zero", "0", "epochs must be between 1 and 10000000, got 0"),
        ("negative", "-5", "epochs must be between 1 and 10000000, got -5"),
        ("huge", HUGE, f"epochs must be between 1 and 10000000, got {HUGE}"),
        ("nan", "nan", "epochs must be a whole number, got 'nan'"),
        ("float", "2.5", "epochs must be a whole number, got '2.5'"))],
    *[(f"ui-train-time-step-{tag}", "train", "time_step", v, tr(m)) for tag, v, m in (
        ("zero", "0", "time_step must be between 1 and 4096, got 0"),
        ("huge", "100000", "time_step must be between 1 and 4096, got 100000"),
        ("word", "ten", "time_step must be a whole number, got 'ten'"),
        ("inf", "inf", "time_step must be a whole number, got 'inf'"))],
    *[(f"ui-train-hidden-{tag}", "train", "hidden", v, tr(m)) for tag, v, m in (
        ("zero", "0", "hidden must be between 1 and 4096, got 0"),
        ("negative", "-4", "hidden must be between 1 and 4096, got -4"),
        ("huge", "99999", "hidden must be between 1 and 4096, got 99999"),
        ("nan", "nan", "hidden must be a whole number, got 'nan'"))],
    *[(f"ui-train-seed-{tag}", "train", "seed", v, tr(m)) for tag, v, m in (
        ("negative", "-1", "seed must be between 0 and 4294967295, got -1"),
        ("huge", HUGE, f"seed must be between 0 and 4294967295, got {HUGE}"),
        ("word", "lucky", "seed must be a whole number, got 'lucky'"))],
    *[(f"ui-train-clip-{tag}", "train", "clip-c", v, tr(m)) for tag, v, m in (
        ("zero", "0", "clip value must be a finite number above 0, got 0.0"),
        ("negative", "-1", "clip value must be a finite number above 0, got -1.0"),
        ("nan", "nan", "clip value must be a finite number above 0, got nan"),
        ("inf", "inf", "clip value must be a finite number above 0, got inf"),
        ("word", "big", "clip value must be a number, got 'big'"))],
    # Gradients tab
    *[(f"ui-gradients-{field}-{tag}", "gradients", f"grad-{field}", v, message) for field, tag, v, message in (
        ("length", "zero", "0", gr_range("length T", 1, 10000, 0)),
        ("length", "negative", "-3", gr_range("length T", 1, 10000, -3)),
        ("length", "huge", HUGE, gr_range("length T", 1, 10000, HUGE)),
        ("length", "word", "long", gr_not("a whole number", "length T", "'long'")),
        ("length", "nan", "nan", gr_not("a whole number", "length T", "'nan'")),
        ("scale", "negative", "-1", gr_range("W scale", 0, 100, -1)),
        ("scale", "huge", "1e9", gr_range("W scale", 0, 100, "1e+09")),
        ("scale", "nan", "nan", gr_not("a finite number", "W scale", "nan")),
        ("scale", "inf", "inf", gr_not("a finite number", "W scale", "inf")),
        ("scale", "word", "big", gr_not("a number", "W scale", "'big'")),
        ("hidden", "zero", "0", gr_range("hidden H", 1, 512, 0)),
        ("hidden", "huge", "100000", gr_range("hidden H", 1, 512, 100000)),
        ("hidden", "float", "3.5", gr_not("a whole number", "hidden H", "'3.5'")),
        ("seed", "negative", "-1", gr_range("seed", 0, MAX_SEED, -1)),
        ("seed", "huge", HUGE, gr_range("seed", 0, MAX_SEED, HUGE)),
        ("w", "huge", "1e300", gr_range("w", "-1e6", "1e6", "1e+300")),
        ("w", "minus-inf", "-inf", gr_not("a finite number", "w", "-inf")),
        ("w", "word", "x", gr_not("a number", "w", "'x'")),
        ("gate", "huge", "1e300", gr_range("gate b", -100, 100, "1e+300")),
        ("gate", "nan", "nan", gr_not("a finite number", "gate b", "nan")),
        ("clip", "zero", "0", gr_not("a finite number above 0", "clip c", "0.0")),
        ("clip", "negative", "-5", gr_not("a finite number above 0", "clip c", "-5.0")),
        ("clip", "inf", "inf", gr_not("a finite number above 0", "clip c", "inf")),
        ("clip", "word", "all", gr_not("a number", "clip c", "'all'")))],
]

# Odd sentences the Forward tab accepts: (id, sentence, token chips on screen, tokens).
UI_SENTENCES = [
    ("ui-sentence-emoji", "😀👍 ok", "😀→1   👍→2   ok→3", 3),
    ("ui-sentence-combining", "e\u0301\u0301 n\u0303", None, 2),
    ("ui-sentence-right-to-left", "שלום עולם", "שלום→1   עולם→2", 2),
    ("ui-sentence-control", "a\x00b\x07c", "a→1   b→2   c→3", 3),
    ("ui-sentence-100k", "我爱中国" * 25_000, "我→1   爱→2   中国→3", 75_000),
]
UI_EMPTY_SENTENCES = [("ui-sentence-empty", ""), ("ui-sentence-whitespace", "  \t  "),
                      ("ui-sentence-control-only", "\x00\x07\x1b")]


def _by_field() -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for row_id, tab, field, value, message in UI_FIELDS:
        groups[(tab, field)].append((row_id, value, message))
    return groups


FIELD_GROUPS = _by_field()


async def mounted(pilot, cls, probe: str):
    """The tab ``cls`` once ``probe`` and its Selects are mounted (see screen.wait_for_tab)."""
    return await wait_for_tab(pilot, cls, probe)


async def _open(pilot, pane: str):
    if pane == "forward":
        return await mounted(pilot, ForwardTab, "#fw-sentence")
    if pane == "train":
        tab = await mounted(pilot, TrainTab, "#epochs")
        tab.query_one("#engine", Select).value = "numpy"  # no torch import for these rows
        tab.query_one("#epochs", Input).value = "3"
        tab.query_one("#hidden", Input).value = "4"
        tab.query_one("#speed", Select).value = 0
        tab.query_one("#clip", Select).value = "value"  # enables the clip field
        await pilot.press("3")
        await pilot.pause()
        return tab
    await pilot.press("4")
    return await mounted(pilot, GradientsTab, "#grad-length")


def region_text(app, widget) -> str:
    """The text on screen inside ``widget``'s region, its lines joined by single spaces
    (so a message wrapped over several lines reads as one)."""
    r = widget.region
    rows = [line[r.x: r.x + r.width] for line in screen_text(app).splitlines()[r.y: r.y + r.height]]
    return " ".join(" ".join(rows).split())


def one_spaced(text: str) -> str:
    return " ".join(text.split())


def _message_widget(tab, pane: str):
    return tab.query_one({"forward": "#fw-message", "train": "#form-error", "gradients": "#grad-error"}[pane])


def _shown_message(tab, pane: str) -> str:
    if pane == "forward":
        return tab.query_one("#fw-message").plain
    if pane == "train":
        return str(tab.query_one("#form-error", Static).render())
    line = tab.query_one("#grad-error", Static)
    return str(line.render()) if line.display else ""


async def _still_usable(pilot, tab, pane: str, field: str, good: str) -> None:
    """Put the good value back; then a normal key changes the screen."""
    app = pilot.app
    tab.query_one(f"#{field}", Input).value = good
    await pilot.pause()
    assert _shown_message(tab, pane) == ""
    if pane == "forward":
        tab.inputs = replace(tab.inputs, mode="vector" if field in ("fw-hidden", "fw-seed") else "scalar")
        before = tab.step
        await pilot.press("right")
        await pilot.pause()
        assert tab.step == before + 1
        assert f"step {tab.step}/" in screen_text(app)
    elif pane == "train":
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tab.query_one(TrainProgress).text.startswith("step 1/3")
    else:
        switcher_before = app.query_one("#grad-views ContentSwitcher").current
        await pilot.press("v")
        await pilot.pause()
        assert app.query_one("#grad-views ContentSwitcher").current != switcher_before


@pytest.mark.parametrize("pane,field", list(FIELD_GROUPS), ids=[f"{p}-{f}" for p, f in FIELD_GROUPS])
async def test_ui_field_rejects_bad_values(pane, field, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, pane)
        box = tab.query_one(f"#{field}", Input)
        good = box.value
        if pane == "forward" and field in ("fw-hidden", "fw-seed"):
            await pilot.press("m")  # vector mode shows H and seed
        for row_id, value, message in FIELD_GROUPS[(pane, field)]:
            box.value = value
            await pilot.pause()
            assert _shown_message(tab, pane) == message, row_id
            shown = region_text(app, _message_widget(tab, pane))
            if pane == "forward":  # one line: a long message is cut at the screen's edge
                assert shown and message.startswith(shown.rstrip("…")), row_id
                assert len(shown) >= 30, row_id
            else:
                assert shown.replace(" ", "") == message.replace(" ", ""), row_id  # long numbers wrap anywhere
            assert "Traceback" not in screen_text(app)
            if pane == "train":
                await pilot.press("space")
                await pilot.pause()
                assert tab.status_text == "Fix the marked field to start.", row_id
                assert tab.state == "idle"
        await _still_usable(pilot, tab, pane, field, good)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sentence,chips,n", [r[1:] for r in UI_SENTENCES], ids=[r[0] for r in UI_SENTENCES])
async def test_ui_forward_accepts_odd_sentences(sentence, chips, n):
    app = RnnTui(sentence=sentence)
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "forward")
        await pilot.pause(0.2 if len(sentence) > 2000 else 0)  # long text re-runs after a pause
        assert tab.run.n == n
        await pilot.press("right")
        await pilot.pause()
        text = screen_text(app)
        assert f"step 1/{n} " in text
        if chips is not None:
            assert chips in text
        assert tab.query_one("#fw-message").plain == ""


@pytest.mark.parametrize("sentence", [r[1] for r in UI_EMPTY_SENTENCES], ids=[r[0] for r in UI_EMPTY_SENTENCES])
async def test_ui_forward_empty_sentence_says_what_to_do(sentence):
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "forward")
        box = tab.query_one("#fw-sentence", Input)
        box.value = sentence
        await pilot.pause()
        await pilot.press("right", "space")
        await pilot.pause()
        text = screen_text(app)
        assert "Type a sentence above to watch the RNN read it, one token" in text
        assert "step 0/0" in text and not tab.player.playing
        box.value = "我爱中国"  # still usable
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert "step 1/3" in screen_text(app)


@pytest.mark.parametrize("key,shown", [("plus", "32 steps/s"), ("minus", "0.5 steps/s")], ids=["ui-speed-too-fast", "ui-speed-too-slow"])
async def test_ui_forward_speed_stops_at_its_ends(key, shown):
    """Forty presses of + (or -) ask for an absurd pace: it stops at the fastest (slowest) one."""
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "forward")
        await pilot.press(*[key] * 40)
        await pilot.pause()
        assert f"step 0/3 · paused · {shown}" in screen_text(app)
        await pilot.press("right")  # still usable
        await pilot.pause()
        assert f"step 1/3 · paused · {shown}" in screen_text(app)


async def test_ui_load_control_refuses_bad_files(folder):
    """Every MODEL_FILES row through the Train tab's load field and button, in one session."""
    expected = {}
    for row_id, make, message in MODEL_FILES:
        path = folder / f"{row_id}.pt"
        make(path)
        expected[row_id] = message.format(path=path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "train")
        for row_id, _, _ in MODEL_FILES:
            tab.query_one("#file-path", Input).value = f"{row_id}.pt"
            button = tab.query_one("#btn-load")  # Textual ignores a click while the last one's effect shows
            await wait_until(pilot, lambda button=button: not button.has_class("-active"), what="the Load button to be clickable")
            await pilot.click("#btn-load")
            await app.workers.wait_for_complete()
            # the message of this load, not the last one's (under load the worker's message can lag)
            await wait_until(pilot, lambda row_id=row_id: f"{row_id}.pt" in tab.status_text,
                             what=f"the message for {row_id}")
            assert tab.status_text == f"Could not load: {expected[row_id]}", row_id
            assert region_text(app, tab.query_one("#train-status")).startswith("Could not load:"), row_id
            assert tab.query_one("#hidden", Input).value == "4", row_id  # the form is untouched
        await pilot.press("n")  # still usable: one step of the form's run
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tab.query_one(TrainProgress).text.startswith("step 1/3")
    assert not (folder / MARKER).exists()


async def test_ui_load_with_an_empty_path():
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "train")
        tab.query_one("#file-path", Input).value = "   "
        await pilot.click("#btn-load")
        await pilot.pause()
        assert tab.status_text == "Type a file name in the file field first."
        assert region_text(app, tab.query_one("#train-status")) == "Type a file name in the file field first."


@pytest.mark.parametrize("where", ["under-a-file", "missing-folder", "proc"])
async def test_ui_save_to_an_unwritable_folder(where, folder):
    save_dir = {"under-a-file": folder / "afile" / "sub", "missing-folder": folder / "gone",
                "proc": Path("/proc")}[where]
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "train")
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        tab.side.files.save_dir = save_dir
        for key, name in (("s", "sincos.safetensors"), ("m", "sincos-metrics.json")):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert tab.status_text.startswith(f"Could not save {save_dir / name}: ")
            reason = tab.status_text.rsplit(": ", 1)[1].lower()
            assert reason in {"under-a-file": ["not a directory"], "missing-folder": ["no such file or directory"],
                              "proc": ["no such file or directory", "permission denied"]}[where]
            assert "\n" not in tab.status_text
        tab.side.files.save_dir = folder / "adir"  # still usable: saving where it can works
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tab.status_text.startswith("Saved loss and gradient norm of 3 steps: sincos-metrics.json and")
    assert listing(folder) == sorted(FOLDER_CONTENT + ["adir/sincos-metrics.csv",
                                                      "adir/sincos-metrics.json"])


async def test_ui_diverging_learning_rate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "train")
        tab.query_one("#clip", Select).value = "off"
        tab.query_one("#lr", Input).value = "1e5"
        tab.query_one("#seed", Input).value = "0"
        tab.query_one("#epochs", Input).value = "50"
        await pilot.pause()
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tab.state == "stopped"
        k = tab.run.done + 1
        expected_start = f"Diverged at step {k}: the loss reached "
        assert tab.status_text.startswith(expected_start)
        assert tab.status_text.endswith(". Lower lr or clip the gradient, then press r.")
        assert region_text(app, tab.query_one("#train-status")) == one_spaced(tab.status_text)
        await pilot.press("r")  # still usable: reset, a sane lr, train
        tab.query_one("#lr", Input).value = "0.02"
        tab.query_one("#epochs", Input).value = "3"
        await pilot.pause()
        await pilot.press("space")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tab.state == "finished"
        assert tab.status_text.startswith(f"Done: final loss {fmt_loss(tab.run.losses[-1])}")
    assert list(tmp_path.iterdir()) == []


async def test_ui_terminal_resized_to_10x5_while_training(tmp_path, monkeypatch):
    """A run long enough (100,000 steps at 20 a second) that it is still going whatever the machine's load."""
    monkeypatch.chdir(tmp_path)
    app = RnnTui()
    async with app.run_test(size=SIZE) as pilot:
        tab = await _open(pilot, "train")
        tab.query_one("#epochs", Input).value = "100000"
        tab.query_one("#speed", Select).value = 20
        await pilot.pause()
        await pilot.press("space")
        await wait_until(pilot, lambda: tab.run.done > 0, what="training under way")
        await pilot.resize_terminal(10, 5)
        await pilot.pause()
        assert app.screen.has_class("too-small")
        message = str(app.query_one("#too-small", Static).render())
        assert message == ("The terminal is 10×5.\n"
                           "Enlarge the terminal to at least 80×24 to see rnn-tui.")
        assert tab.state == "running"
        before = tab.run.done
        await wait_until(pilot, lambda: tab.run.done > before, what="training going on while the terminal is tiny")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not app.screen.has_class("too-small")
        await pilot.press("space")  # pause
        await wait_until(pilot, lambda: tab.state == "paused", what="the run paused")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: f"Paused after step {tab.run.done}" in screen_text(app).replace("\n", " "),
                         20, "the paused run on screen")
        await pilot.press("1")  # the layout is back: the tabs switch
        await pilot.pause()
        assert "Sentence" in screen_text(app)


# ----------------------------------------------------------------------------------------

MATRIX = (CLI_ERRORS, CLI_ACCEPTED, SUBPROCESS_ROWS, MODEL_FILES, MODEL_FILES, UI_FIELDS, UI_SENTENCES,
          UI_EMPTY_SENTENCES)
EXTRA_ROWS = 1 + 1 + 2 + 1 + 3 + 1 + 1  # overflow, CLI divergence, 2 speeds, empty load path, 3 save folders,\n# UI divergence, resize
COUNT = sum(len(rows) for rows in MATRIX) + EXTRA_ROWS


def test_matrix_count():
    """At least 40 rows, every id unique, and the docstring states the count."""
    ids = [r[0] for rows in (CLI_ERRORS, CLI_ACCEPTED, SUBPROCESS_ROWS, MODEL_FILES, UI_FIELDS, UI_SENTENCES,
                            UI_EMPTY_SENTENCES) for r in rows]
    assert len(ids) == len(set(ids))
    assert COUNT >= 40
    assert f"The bad-input matrix: {COUNT} " in __doc__


if __name__ == "__main__":
    print(f"bad-input matrix: {COUNT} rows")
