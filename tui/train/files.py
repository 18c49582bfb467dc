"""The Train tab's files: the model under the name in its file field, the metrics beside it.

Saving never overwrites silently: ``Saver.ask`` returns a question when a target
exists, and the same request made again (the same key) confirms it. The
functions that touch the disk run in the tab's file worker and return the
``FileDone`` message to post; they never raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.io.files import metrics_csv, metrics_dict, metrics_json, write_text_atomic
from core.io.visible import first_line
from core.sincos.checkpoint import ModelFileError, read_train_model, save_model
from core.sincos.config import TrainConfig
from tui.i18n import t
from tui.train.messages import FileDone

MODEL_NAME = "sincos.safetensors"  # the file field's default


def resolve(text: str, folder: Path | None) -> Path:
    """The path typed in the file field, relative to ``folder`` (default: the current folder)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else (folder or Path.cwd()) / path


def metrics_paths(model: Path) -> tuple[Path, Path]:
    """The metrics files beside ``model``: ``<stem>-metrics.json`` and ``<stem>-metrics.csv``."""
    stem = model.with_suffix("") if model.suffix else model
    return stem.with_name(stem.name + "-metrics.json"), stem.with_name(stem.name + "-metrics.csv")


@dataclass(frozen=True)
class Snapshot:
    """What a save writes, taken between two training steps."""

    config: TrainConfig  # seed filled in
    weights: dict
    steps: int
    resume: object  # core.sincos.resume.Resume | None: what continues the run (None after a divergence)
    first: int  # the step of losses[0] (a continued run's first step follows the loaded ones)
    losses: tuple[float, ...]
    grad_norms: tuple[float, ...]
    diverged_at: int | None  # the step that diverged (its weights are the blown-up ones)


class Saver:
    """Asks before overwriting: ``ask(key, paths)`` is None when the save may go ahead."""

    def __init__(self):
        self._pending: tuple | None = None

    def ask(self, key: str, paths: tuple[Path, ...]) -> str | None:
        existing = [p for p in paths if p.exists()]
        request = (key, paths)
        if not existing or self._pending == request:
            self._pending = None
            return None
        self._pending = request
        return t("train.overwrite", path=", ".join(p.name for p in existing), again=key)

    def forget(self) -> None:
        self._pending = None


def why_failed(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return first_line(exc)


def save_model_file(path: Path, snap: Snapshot) -> FileDone:
    """Write the model (weights, config, steps trained) to ``path``."""
    try:
        save_model(path, snap.config, snap.weights, steps=snap.steps, resume=snap.resume)
    except (ModelFileError, OSError, ValueError) as exc:
        return FileDone(t("train.save_failed", path=path, error=why_failed(exc)), "error")
    key = "train.model_saved_diverged" if snap.diverged_at is not None else "train.model_saved"
    return FileDone(t(key, k=snap.steps, name=path.name, folder=path.parent, step=snap.diverged_at, next=snap.steps + 1),
                    "warning" if snap.diverged_at else "ok")


def save_metrics_files(paths: tuple[Path, Path], snap: Snapshot) -> FileDone:
    """Write every step's loss and gradient norm as JSON and as CSV."""
    json_path, csv_path = paths
    try:
        write_text_atomic(json_path, metrics_json(metrics_dict(snap.config, snap.losses, snap.grad_norms,
                                                               snap.diverged_at, snap.first)))
        write_text_atomic(csv_path, metrics_csv(snap.losses, snap.grad_norms, snap.first))
    except OSError as exc:
        return FileDone(t("train.save_failed", path=json_path, error=why_failed(exc)), "error")
    return FileDone(t("train.metrics_saved", n=len(snap.losses), json=json_path.name, csv=csv_path.name,
                      folder=json_path.parent), "ok")


def load_model_file(path: Path) -> FileDone:
    """Read a model file: its config, weights, the steps it was trained and the state that continues it."""
    try:
        config, weights, steps, resume, _ = read_train_model(path)
    except (ModelFileError, OSError, ValueError) as exc:
        return FileDone(t("train.load_failed", error=why_failed(exc)), "error")
    return FileDone("", "ok", loaded=(config, weights, steps, resume), path=path)
