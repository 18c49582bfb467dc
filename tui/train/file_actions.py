"""The Train tab's save and load actions (a mixin of TrainTab): the work is in tui.train.files."""

from __future__ import annotations

from pathlib import Path

from textual import work

from core.sincos.train import Trainer
from tui.file_root import Refused
from tui.i18n import t
from tui.train import files
from tui.train.messages import FileDone
from tui.train.state import RunState


class FileActions:
    """s saves the model, m the metrics, Load (or enter in the file field) reads a model file.

    Uses the tab's ``trainer``, ``losses``, ``grad_norms``, ``state``, ``save_dir``, ``say``,
    ``side`` and ``_lock``; ``loaded(config, weights, steps, resume, path)`` takes a model read from a file.
    """

    def _target(self) -> Path | None:
        text = self.side.file_text
        if not text.strip():
            self.say(t("train.no_path"), "error")
            return None
        if not self.app.files.confined:
            return files.resolve(text, self.save_dir)
        try:
            return self.app.files.path(text)
        except Refused as exc:  # served to a browser: names only, inside the session's folder
            self.say(str(exc), "error")
            return None

    def _save(self, key: str, paths: tuple[Path, ...], job) -> None:
        if self.trainer is None or not self.losses:
            self.say(t("train.nothing_to_save"), "warning")
            return
        question = self._saver.ask(key, paths)
        if question:
            self.say(question, "warning")
            return
        trainer = self.trainer  # a diverged run counted the bad step but showed none for it
        diverged = trainer.done if self.state == RunState.STOPPED and trainer.diverged else None
        self._save_job(job, paths if len(paths) > 1 else paths[0], trainer, tuple(self.losses),
                       tuple(self.grad_norms), diverged)

    def action_save_model(self) -> None:
        """s: save the model (weights, config, steps trained) under the file field's name."""
        if (path := self._target()) is not None:
            self._save("s", (path,), files.save_model_file)

    def action_save_metrics(self) -> None:
        """m: save every step's loss and gradient norm beside the model name, as JSON and CSV."""
        if (path := self._target()) is not None:
            self._save("m", files.metrics_paths(path), files.save_metrics_files)

    @work(thread=True, group="files", exit_on_error=False)
    def _save_job(self, job, target, trainer: Trainer, losses, grad_norms, diverged_at) -> None:
        with self._lock:  # between two steps
            weights, steps, resume = trainer.weights(), trainer.done, trainer.resume_state()
        snap = files.Snapshot(trainer.config.with_(seed=trainer.seed), weights, steps, resume, trainer.start + 1,
                              losses, grad_norms, diverged_at)
        self.post_message(job(target, snap))

    def action_load(self) -> None:
        """Load a model file: its config fills the form; space continues its run (or, for an older
        file of weights only, starts a new run from them)."""
        if self.state == RunState.RUNNING:
            self.say(t("train.pause_first"), "warning")
        elif (path := self._target()) is not None:
            self.say(t("train.loading_file", path=path), "info")
            self._load_job(path)

    @work(thread=True, group="files", exit_on_error=False)
    def _load_job(self, path: Path) -> None:
        self.post_message(files.load_model_file(path))

    def on_train_file_done(self, message: FileDone) -> None:
        if message.loaded is None:
            self.say(message.text, message.kind)
        else:
            self.loaded(*message.loaded, message.path)
