"""The Train tab's file row: the model file's name and Load. It owns the save and load workers and
the overwrite question (tui.train.files.Saver); what happened comes back to the tab as a FileDone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input

from tui.file_root import Refused
from tui.i18n import t
from tui.train import files
from tui.train.messages import FileDone
from tui.widgets.field import Field


@dataclass(frozen=True)
class SaveSource:
    """The run a save reads: its trainer (weights read between two steps, under ``lock``) and its history."""

    trainer: object  # core.sincos.train.Trainer
    lock: object  # threading.Lock held by the training worker around each step
    losses: tuple[float, ...]
    grad_norms: tuple[float, ...]
    diverged_at: int | None  # a diverged run counted the bad step but showed none for it


class ModelFileRow(Horizontal):
    """``save_model``/``save_metrics`` write the run under the field's name (asking before an overwrite);
    ``load`` reads a model file. Messages: FileDone (``loaded`` set for a load)."""

    DEFAULT_CSS = """
    ModelFileRow { height: 1; }
    ModelFileRow #file-path { width: 1fr; }
    ModelFileRow Button { width: auto; min-width: 0; margin-left: 1; padding: 0; }
    """

    def __init__(self, save_dir: Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.save_dir = save_dir  # where relative names resolve (None: the current folder)
        self.saver = files.Saver()

    def compose(self) -> ComposeResult:
        yield Field(files.MODEL_NAME, id="file-path", compact=True)
        yield Button(t("train.btn.load"), id="btn-load", compact=True)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.post_message(Button.Pressed(self.query_one(Button)))  # enter in the field loads (or says why not)

    def _tell(self, text: str, kind: str) -> None:
        self.post_message(FileDone(text, kind))

    def target(self) -> Path | None:
        """The field's file (None, said, when there is none or the folder refuses it)."""
        text = self.query_one("#file-path", Input).value
        if not text.strip():
            self._tell(t("train.no_path"), "error")
            return None
        if not self.app.files.confined:
            return files.resolve(text, self.save_dir)
        try:
            return self.app.files.path(text)
        except Refused as exc:  # served to a browser: names only, inside the session's folder
            self._tell(str(exc), "error")
            return None

    def save_model(self, source: SaveSource) -> None:
        """s: the model (weights, config, steps trained)."""
        if (path := self.target()) is not None:
            self._save("s", (path,), files.save_model_file, source)

    def save_metrics(self, source: SaveSource) -> None:
        """m: every step's loss and gradient norm beside the model name, as JSON and CSV."""
        if (path := self.target()) is not None:
            self._save("m", files.metrics_paths(path), files.save_metrics_files, source)

    def _save(self, key: str, paths: tuple[Path, ...], job, source: SaveSource) -> None:
        if question := self.saver.ask(key, paths):
            self._tell(question, "warning")
        else:
            self._save_job(job, paths if len(paths) > 1 else paths[0], source)

    @work(thread=True, group="files", exit_on_error=False)
    def _save_job(self, job, target, source: SaveSource) -> None:
        trainer = source.trainer
        with source.lock:  # between two steps
            weights, steps, resume = trainer.weights(), trainer.done, trainer.resume_state()
        snap = files.Snapshot(trainer.config.with_(seed=trainer.seed), weights, steps, resume, trainer.start + 1,
                              source.losses, source.grad_norms, source.diverged_at)
        self.post_message(job(target, snap))

    def load(self) -> None:
        """Read the field's model file (the tab takes what was read: FileDone.loaded)."""
        if (path := self.target()) is not None:
            self._tell(t("train.loading_file", path=path), "info")
            self._load_job(path)

    @work(thread=True, group="files", exit_on_error=False)
    def _load_job(self, path: Path) -> None:
        self.post_message(files.load_model_file(path))
