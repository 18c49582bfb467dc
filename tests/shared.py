"""Work that several pytest-xdist workers would each repeat (training the default Context model takes
about 8 s), done once per test run: the first worker to ask builds it into a folder all workers share,
under a file lock; the others wait for it and read it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def shared_folder(tmp_path_factory) -> Path:
    """One folder for the whole run (every xdist worker's base temp sits in the same parent)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-by-workers"
    folder.mkdir(exist_ok=True)
    return folder


def once(tmp_path_factory, name: str, build) -> Path:
    """``folder/name``, built by ``build(path)`` by whichever worker gets there first."""
    folder = shared_folder(tmp_path_factory)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        path = folder / name
        if not path.exists():
            partial = folder / f"{name}.partial"
            partial.mkdir(exist_ok=True)
            build(partial)
            partial.rename(path)  # only a finished build is ever seen
        return path


def default_run(tmp_path_factory, seed: int):
    """(the default Context models trained with ``seed``, that run's progress records), trained once per run."""
    import pickle

    from core.context import ContextConfig, ContextTrainer
    from core.context.modelfile import load_models, save_models

    def build(folder: Path) -> None:
        trainer = ContextTrainer(ContextConfig(seed=seed))
        records = list(trainer)
        save_models(folder / "models.pt", trainer.models)
        (folder / "records.pickle").write_bytes(pickle.dumps(records))  # our own file, written a moment ago

    folder = once(tmp_path_factory, f"context-seed{seed}", build)
    return load_models(folder / "models.pt"), pickle.loads((folder / "records.pickle").read_bytes())


def default_models(tmp_path_factory, seed: int):
    """The default Context models trained with ``seed`` (ContextConfig(seed=seed)), trained once per run."""
    return default_run(tmp_path_factory, seed)[0]
