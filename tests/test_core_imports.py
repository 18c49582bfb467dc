"""core/ is a library: no UI toolkit, and torch only when a torch run starts.

The import contract (what an import-linter "forbidden" contract would say): no module under core/,
at any depth, imports tui, textual or rich. It is checked twice: on the source (every import
statement, including ones inside functions) and at run time (what importing every module loads).
"""

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import core

MODULES = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))
FORBIDDEN = {"tui", "textual", "rich"}


def _loaded_after(code: str) -> set[str]:
    """Top-level modules loaded in a fresh interpreter after running ``code``."""
    probe = code + "\nimport json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return set(json.loads(res.stdout.splitlines()[-1]))


def test_every_core_module_is_found_at_every_depth():
    expected = {"core.forward.tokens", "core.sincos.train_torch", "core.context.lexicon.zh", "core.gradients.torch_ref",
                "core.io.container", "core.clip"}
    assert set(MODULES) >= expected
    files = {".".join(p.with_suffix("").relative_to(Path(core.__file__).parent.parent).parts)
             for p in Path(core.__file__).parent.rglob("*.py")}
    assert {f.removesuffix(".__init__") for f in files} == set(MODULES) | {"core"}


def _imported(path: Path) -> set[str]:
    """Top-level package names that the module at ``path`` imports anywhere (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return {n.split(".")[0] for n in names}


def test_import_contract_core_never_imports_the_ui_at_any_depth():
    broken = {str(p): sorted(_imported(p) & FORBIDDEN) for p in Path(core.__file__).parent.rglob("*.py")}
    assert not {k: v for k, v in broken.items() if v}


def test_the_contract_check_finds_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from textual.app import App\n    import rich.text\n", encoding="utf-8")
    assert _imported(bad) & FORBIDDEN == {"textual", "rich"}


def test_the_gradients_tab_engine_loads_no_torch():
    assert "torch" not in _loaded_after("import core.gradients; core.gradients.compute")


def test_core_never_loads_textual_or_rich():
    loaded = _loaded_after("\n".join(f"import {m}" for m in MODULES))
    assert "textual" not in loaded
    assert "rich" not in loaded
    assert "torch" in loaded  # the probe works: core.sincos.train_torch does import torch


def test_training_path_does_not_import_torch():
    code = (
        "import core.sincos.train, core.sincos.train_numpy, core.sincos.checkpoint, core.forward.tokens, core.forward.vector\n"
        "from core.sincos.config import TrainConfig\n"
        "from core.sincos.train import Trainer\n"
        "tr = Trainer(TrainConfig(seed=0, epochs=2))\n"  # a torch config, not started yet
        "list(Trainer(TrainConfig(seed=0, engine='numpy', epochs=2)))"
    )
    loaded = _loaded_after(code)
    assert "torch" not in loaded
    assert "textual" not in loaded and "rich" not in loaded


def test_the_first_frame_waits_for_neither_numpy_nor_torch():
    """The app's module and the Forward tab's scalar run load no NumPy (~50 ms) and no torch (~2 s):
    the first frame waits only for Textual."""
    loaded = _loaded_after("import tui.app\nfrom core.forward.steps import build_scalar\nbuild_scalar('我爱中国', 'word', "
                           "__import__('core.forward.scalar', fromlist=['ScalarParams']).ScalarParams())")
    assert "numpy" not in loaded and "torch" not in loaded
    assert "textual" in loaded  # the probe works
