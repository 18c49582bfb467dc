"""core/ is a library: no UI toolkit, and torch only when a torch run starts."""

import json
import pkgutil
import subprocess
import sys

import core

MODULES = sorted(f"core.{m.name}" for m in pkgutil.iter_modules(core.__path__))


def _loaded_after(code: str) -> set[str]:
    """Top-level modules loaded in a fresh interpreter after running ``code``."""
    probe = code + "\nimport json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return set(json.loads(res.stdout.splitlines()[-1]))


def test_every_core_module_is_found():
    expected = {"tokens", "scalar", "vector", "data", "config", "init", "train", "train_torch", "train_numpy", "clip", "checkpoint"}
    assert {m.split(".")[1] for m in MODULES} >= expected


def test_core_never_loads_textual_or_rich():
    loaded = _loaded_after("\n".join(f"import {m}" for m in MODULES))
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "torch" in loaded  # the probe works: core.train_torch does import torch


def test_training_path_does_not_import_torch():
    code = (
        "import core.train, core.train_numpy, core.checkpoint, core.tokens, core.vector\n"
        "from core.config import TrainConfig\n"
        "from core.train import Trainer\n"
        "tr = Trainer(TrainConfig(seed=0, epochs=2))\n"  # a torch config, not started yet
        "list(Trainer(TrainConfig(seed=0, engine='numpy', epochs=2)))"
    )
    loaded = _loaded_after(code)
    assert "torch" not in loaded
    assert "textual" not in loaded and "rich" not in loaded
