"""The Context tab's files (``d`` shows these rows): train on your own labelled sentences,
save and load the trained models.

- Data: a CSV/TSV of label and text, or a file of positive sentences plus one of
  negative ones (the second field). core.context.data streams it (bounded memory)
  and names the line of any error; the worker posts its progress records.
- Model: core.context.modelfile writes atomically with a checksum; a bad file is a
  one-line message and the tab stays as it was.

The rows own their workers; the tab hands them what they act on (``use``) and hears back
through messages: ``Say`` (tui.widgets.status: a status line), ``Corpus`` (build another built-in corpus),
``Trainer`` (a data file read), ``Loaded`` (models read from a file).
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select

from core.context.config import CORPORA, ContextConfigError
from core.io.visible import first_line
from tui.file_root import Refused
from tui.i18n import t
from tui.widgets.check import Check
from tui.widgets.field import Field
from tui.widgets.select import SafeSelect
from tui.widgets.status import Say

MODEL_NAME = "context.safetensors"


class ContextFiles(Vertical):
    """Data fields, the built-in corpus, the model file; hidden until ``d``."""

    DEFAULT_CSS = """
    ContextFiles { height: auto; display: none; }
    ContextFiles .ctx-row { height: 1; }
    ContextFiles #ctx-data, ContextFiles #ctx-data-neg, ContextFiles #ctx-model { width: 1fr; min-width: 10; margin-right: 1; }
    ContextFiles #ctx-corpus { width: 34; }
    ContextFiles #ctx-with-builtin { margin-left: 2; }
    ContextFiles #ctx-what { color: $text-muted; height: auto; }
    """

    class Corpus(Message):
        """Build this config's built-in corpus (the models go back to random weights)."""

        def __init__(self, config):
            super().__init__()
            self.config = config

    class Trainer(Message):
        """A data file is read: train with ``trainer`` (``note``: what to say once the tab has switched)."""

        def __init__(self, trainer, note: str):
            super().__init__()
            self.trainer, self.note = trainer, note

    class Loaded(Message):
        """Models read from a file (``note``: what to say once the tab shows them)."""

        def __init__(self, models, note: str):
            super().__init__()
            self.models, self.note = models, note

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

    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config  # the tab's ContextConfig (``use`` keeps it current)
        self.models = None  # what a save writes (None: nothing trained yet)
        self.busy = False  # a run is training: reading files waits

    def compose(self) -> ComposeResult:
        with Horizontal(classes="ctx-row"):
            yield Label(t("context.files.data"), classes="ctx-label")
            yield Field(id="ctx-data", compact=True, placeholder=t("context.files.data_placeholder"))
            yield Field(id="ctx-data-neg", compact=True, placeholder=t("context.files.neg_placeholder"))
            yield Button(t("context.files.btn.data"), id="ctx-load-data", compact=True)
        with Horizontal(classes="ctx-row"):
            yield Label(t("context.files.builtin"), classes="ctx-label")
            yield SafeSelect([(t(f"context.corpus.{c}"), c) for c in CORPORA], value=self.config.corpus,
                             allow_blank=False, compact=True, id="ctx-corpus")
            yield Check(t("context.files.with_builtin"), self.config.with_builtin, compact=True, id="ctx-with-builtin")
        yield Label("", id="ctx-what")
        with Horizontal(classes="ctx-row"):
            yield Label(t("context.files.model"), classes="ctx-label")
            yield Field(MODEL_NAME, id="ctx-model", compact=True)
            yield Button(t("context.files.btn.save"), id="ctx-save", compact=True)
            yield Button(t("context.files.btn.load"), id="ctx-load", compact=True)

    def on_mount(self) -> None:
        self.show_what_happens()

    def use(self, config, models, busy: bool) -> None:
        """What the tab has now: its config, the models a save writes, whether a run is training."""
        self.config, self.models, self.busy = config, models, busy

    def say(self, text: str, kind: str = "info") -> None:
        self.post_message(Say(text, kind))

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {"ctx-load-data": self.load_data, "ctx-save": self.save_model, "ctx-load": self.load_model}
        if event.button.id in actions:
            event.stop()
            actions[event.button.id]()

    @on(Input.Submitted, "#ctx-data, #ctx-data-neg")
    def _submitted(self) -> None:
        self.load_data()

    @on(Checkbox.Changed, "#ctx-with-builtin")
    def _with_builtin(self) -> None:
        self.show_what_happens()

    # -- the built-in sentences, and what reading a file does -------------------------

    @on(Select.Changed, "#ctx-corpus")
    def _corpus_changed(self, event: Select.Changed) -> None:
        """Another built-in corpus: build it (off the UI thread); the models go back to random weights."""
        if event.value == self.config.corpus or event.value is Select.BLANK:
            return
        if self.busy:
            self.say(t("context.files.stop_first"), "warning")
            event.select.value = self.config.corpus
            return
        self.say(t("context.files.corpus_loading", corpus=t(f"context.corpus.{event.value}")), "info")
        self.post_message(self.Corpus(self.config.with_(corpus=event.value, data=None, data_negative=None)))
        self.show_what_happens()

    def show_what_happens(self) -> None:
        """Say, before it happens, what reading a data file will do."""
        added = self.query_one("#ctx-with-builtin", Checkbox).value
        corpus = self.query_one("#ctx-corpus", Select).value
        self.query_one("#ctx-what", Label).update(
            t("context.files.what_added" if added else "context.files.what_alone", corpus=t(f"context.corpus.{corpus}")))

    # -- data ------------------------------------------------------------------------

    def load_data(self) -> None:
        """Read the data field's file(s) in a worker; the sentences replace the built-in ones, or join them
        (the check box; the line under it says which before the file is read)."""
        if self.busy:
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
            self.say(first_line(exc), "error")
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
            self.post_message(self.DataLoaded(None, config.data, first_line(exc)))
        else:
            self.post_message(self.DataLoaded(trainer, config.data))

    def on_context_files_data_progress(self, message: DataProgress) -> None:
        r = message.record
        share = r.bytes_read / r.bytes_total if r.bytes_total else 1.0
        done = round(share * 20)
        self.say(t("context.files.progress", bar="█" * done + "░" * (20 - done), pct=f"{share * 100:.0f}",
                   lines=f"{r.lines:,}", kept=f"{r.kept:,}"), "info")

    def on_context_files_data_loaded(self, message: DataLoaded) -> None:
        if message.error is not None:
            self.say(t("context.files.data_failed", error=message.error), "error")
            return
        corpus = message.trainer.corpus
        self.post_message(self.Trainer(message.trainer, t("context.files.data_loaded", path=message.path,
                                                           train=f"{len(corpus.train):,}", test=f"{len(corpus.test):,}")))

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
            self.post_message(self.ModelDone("save", path, error=first_line(exc)))
        else:
            self.post_message(self.ModelDone("save", path))

    def load_model(self) -> None:
        if self.busy:
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
            self.post_message(self.ModelDone("load", path, error=first_line(exc)))
        else:
            self.post_message(self.ModelDone("load", path, models))

    def on_context_files_model_done(self, message: ModelDone) -> None:
        if message.error is not None:
            key = "context.files.save_failed" if message.what == "save" else "context.files.load_failed"
            self.say(t(key, error=message.error), "error")
        elif message.what == "save":
            self.say(t("context.files.saved", path=message.path, k=self.models.steps if self.models else 0), "ok")
        else:
            models = message.models
            self.post_message(self.Loaded(models, t("context.files.loaded", path=message.path, h=models.hidden,
                                                    k=models.steps, vocab=len(models.vocab))))
