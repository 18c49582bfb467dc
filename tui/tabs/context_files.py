"""The Context tab's files (``d`` shows the row): train on your own labelled sentences,
save and load the trained models.

- Data: a CSV/TSV of label and text, or a file of positive sentences plus one of
  negative ones (the second field). core.context.data streams it (bounded memory)
  and names the line of any error; the worker posts its progress records.
- Model: core.context.modelfile writes atomically with a checksum and reads with
  ``weights_only``; a bad file is a one-line message and the tab stays as it was.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select

from core.context.config import ContextConfigError
from tui.file_root import Refused
from tui.i18n import t

MODEL_NAME = "context.safetensors"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class FilesMixin:
    """File actions for ContextTab (which provides config, models, say, use_trainer, show_loaded)."""

    class DataProgress(Message):
        def __init__(self, record):
            super().__init__()
            self.record = record

    class DataLoaded(Message):
        """The file is read: ``trainer`` trains on it (None: ``error`` says why)."""

        def __init__(self, trainer, path: str, error: str | None = None):
            super().__init__()
            self.trainer, self.path, self.error = trainer, path, error

    class ModelDone(Message):
        """A save (``models`` None) or a load finished, or failed with ``error``."""

        def __init__(self, what: str, path: Path, models=None, error: str | None = None):
            super().__init__()
            self.what, self.path, self.models, self.error = what, path, models, error

    # -- the built-in sentences, and what reading a file does -------------------------

    # (plain handler names: Textual collects @on handlers from the widget's own class, not from a mixin)
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "ctx-corpus":
            self._corpus_changed(event)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "ctx-with-builtin":
            self.show_what_happens()

    def _corpus_changed(self, event: Select.Changed) -> None:
        """Another built-in corpus: build it (off the UI thread); the models go back to random weights."""
        if event.value == self.config.corpus or event.value is Select.BLANK:
            return
        if self.state == "training":
            self.say(t("context.files.stop_first"), "warning")
            event.select.value = self.config.corpus
            return
        config = self.config.with_(corpus=event.value, data=None, data_negative=None)
        self.state, self.trainer, self.models = "loading", None, None
        self.say(t("context.files.corpus_loading", corpus=t(f"context.corpus.{event.value}")), "info")
        self._prepare(config)
        self.show_what_happens()

    def show_what_happens(self) -> None:
        """Say, before it happens, what reading a data file will do."""
        added = self.query_one("#ctx-with-builtin", Checkbox).value
        corpus = self.query_one("#ctx-corpus", Select).value
        self.query_one("#ctx-what", Label).update(
            t("context.files.what_added" if added else "context.files.what_alone", corpus=t(f"context.corpus.{corpus}")))

    def action_files(self) -> None:
        """d: show or hide the file row (and put the cursor in the data field)."""
        self.toggle_class("files")
        if self.has_class("files"):
            self.query_one("#ctx-data", Input).focus()
        else:
            self.focus()

    # -- data ------------------------------------------------------------------------

    def load_data(self) -> None:
        """Read the data field's file(s) in a worker; the sentences replace the built-in ones, or join them
        (the check box; the line under it says which before the file is read)."""
        if self.state == "training":
            self.say(t("context.files.stop_first"), "warning")
            return
        data = self.query_one("#ctx-data", Input).value.strip()
        negative = self.query_one("#ctx-data-neg", Input).value.strip() or None
        if not data:
            self.say(t("context.files.no_path"), "error")
            return
        try:  # served to a browser: names only, inside the session's folder (tui/file_root.py)
            data = str(self.app.files.path(data))
            negative = str(self.app.files.path(negative)) if negative else None
        except Refused as exc:
            self.say(str(exc), "error")
            return
        try:
            added = self.query_one("#ctx-with-builtin", Checkbox).value
            config = self.config.with_(data=data, data_negative=negative, with_builtin=added).validate()
        except ContextConfigError as exc:
            self.say(_one_line(exc), "error")
            return
        self.say(t("context.files.reading", path=data), "info")
        self._read_data(config)

    @work(thread=True, exclusive=True, group="context-data", exit_on_error=False)
    def _read_data(self, config) -> None:
        from textual.worker import get_current_worker

        from core.context.data import stream_corpus
        from core.context.train import ContextTrainer
        from core.runner import batches

        worker = get_current_worker()
        try:
            last = None
            for batch in batches(stream_corpus(config), cancelled=lambda: worker.is_cancelled):
                last = batch.records[-1]
                self.post_message(self.DataProgress(last))
            if last is None or last.corpus is None:
                return  # cancelled (the app quit)
            trainer = ContextTrainer(config, last.corpus)
        except Exception as exc:  # noqa: BLE001 -- DataError names the line; anything else in one line too
            self.post_message(self.DataLoaded(None, config.data, _one_line(exc)))
        else:
            self.post_message(self.DataLoaded(trainer, config.data))

    def on_files_mixin_data_progress(self, message: DataProgress) -> None:
        r = message.record
        share = r.bytes_read / r.bytes_total if r.bytes_total else 1.0
        done = round(share * 20)
        self.say(t("context.files.progress", bar="█" * done + "░" * (20 - done), pct=f"{share * 100:.0f}",
                   lines=f"{r.lines:,}", kept=f"{r.kept:,}"), "info")

    def on_files_mixin_data_loaded(self, message: DataLoaded) -> None:
        if message.error is not None:
            self.say(t("context.files.data_failed", error=message.error), "error")
            return
        corpus = message.trainer.corpus
        self.use_trainer(message.trainer)
        self.say(t("context.files.data_loaded", path=message.path, train=f"{len(corpus.train):,}",
                   test=f"{len(corpus.test):,}"), "ok")

    # -- model -----------------------------------------------------------------------

    def _model_path(self) -> Path | None:
        """The model field's file (None, said, when the folder refuses it)."""
        text = self.query_one("#ctx-model", Input).value.strip() or MODEL_NAME
        try:
            return self.app.files.path(text)
        except Refused as exc:
            self.say(str(exc), "error")
            return None

    def save_model(self) -> None:
        if self.models is None:
            self.say(t("context.files.nothing_to_save"), "warning")
            return
        if (path := self._model_path()) is not None:
            self.say(t("context.files.saving", path=path), "info")
            self._save(self.models, path)

    @work(thread=True, group="context-files", exit_on_error=False)
    def _save(self, models, path: Path) -> None:
        from core.context.modelfile import save_models

        try:
            save_models(path, models)
        except Exception as exc:  # noqa: BLE001 -- ModelFileError, OSError: one line
            self.post_message(self.ModelDone("save", path, error=_one_line(exc)))
        else:
            self.post_message(self.ModelDone("save", path))

    def load_model(self) -> None:
        if self.state == "training":
            self.say(t("context.files.stop_first"), "warning")
            return
        if (path := self._model_path()) is not None:
            self.say(t("context.files.loading", path=path), "info")
            self._load(path)

    @work(thread=True, group="context-files", exit_on_error=False)
    def _load(self, path: Path) -> None:
        from core.context.modelfile import load_models

        try:
            models = load_models(path)
        except Exception as exc:  # noqa: BLE001 -- a corrupt or foreign file: one line, the tab unchanged
            self.post_message(self.ModelDone("load", path, error=_one_line(exc)))
        else:
            self.post_message(self.ModelDone("load", path, models))

    def on_files_mixin_model_done(self, message: ModelDone) -> None:
        if message.error is not None:
            key = "context.files.save_failed" if message.what == "save" else "context.files.load_failed"
            self.say(t(key, error=message.error), "error")
        elif message.what == "save":
            self.say(t("context.files.saved", path=message.path, k=self.models.steps if self.models else 0), "ok")
        else:
            self.show_loaded(message.models)
            self.say(t("context.files.loaded", path=message.path, h=message.models.hidden,
                       k=message.models.steps, vocab=len(message.models.vocab)), "ok")
