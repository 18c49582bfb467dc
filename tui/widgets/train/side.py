"""The Train tab's left column: the settings form, the run and file buttons, the file field, messages."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from tui.i18n import t
from tui.runs import RunState
from tui.train import worker
from tui.train.messages import Warmed
from tui.widgets.status import StatusText
from tui.widgets.train.file_row import ModelFileRow
from tui.widgets.train.form import TrainForm


class TrainSide(Vertical):
    """Settings and controls; ``sync`` sets the buttons and the form lock from the run state."""

    DEFAULT_CSS = """
    TrainSide { width: 34; height: 1fr; border: round $primary 60%; padding: 0 1;
        border-title-color: $text; overflow-y: auto; scrollbar-size-vertical: 1; }
    TrainSide .buttons { height: 1; }
    TrainSide #buttons-run { margin-top: 1; }
    TrainSide .buttons Button { width: auto; min-width: 0; margin-right: 1; padding: 0; }
    TrainSide .buttons Button:last-child { margin-right: 0; }
    TrainSide #btn-start { text-style: bold; min-width: 6; }
    TrainSide #btn-start:disabled { background: $panel; color: $text-disabled; text-style: none; }
    TrainSide #train-status { margin-top: 1; }
    """

    def __init__(self, save_dir: Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.save_dir = save_dir
        self.warmed = False  # torch's background import has begun

    def compose(self) -> ComposeResult:
        self.border_title = t("train.settings")
        yield TrainForm(id="train-form")
        with Horizontal(classes="buttons", id="buttons-run"):
            for name in ("start", "step", "reset", "clip"):
                yield Button(t(f"train.btn.{name}"), id=f"btn-{name}", compact=True,
                             variant="primary" if name == "start" else "default")
        with Horizontal(classes="buttons"):
            yield Button(t("train.btn.save"), id="btn-save", compact=True)
            yield Button(t("train.btn.metrics"), id="btn-metrics", compact=True)
        yield ModelFileRow(self.save_dir, id="file-row")
        yield StatusText(t("train.hint"), id="train-status")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # clicking keeps the tab focused, so its keys keep working

    def warm_up(self, say: bool) -> None:
        """Import torch in the background (~2 s), once; ``say``: tell the user while it lasts."""
        if self.warmed:
            return
        self.warmed = True
        if say and "core.sincos.train_torch" not in sys.modules:
            self.query_one(StatusText).say(t("train.warming"), "info")  # the import holds the GIL: the screen may pause
        self.call_after_refresh(lambda: self.run_worker(partial(worker.warm_up, self.post_message), thread=True,
                                                        group="warm", exit_on_error=False))

    def on_train_warmed(self, message: Warmed) -> None:
        status = self.query_one(StatusText)
        if status.text == t("train.warming"):
            status.say(t("train.hint"), "info")

    @property
    def status(self) -> StatusText:
        return self.query_one(StatusText)

    @property
    def files(self) -> ModelFileRow:
        return self.query_one(ModelFileRow)

    def sync(self, state: RunState, valid: bool) -> None:
        """Button labels and enabled states, and the form lock, from the run state (``valid``: the form is)."""
        start = self.query_one("#btn-start", Button)
        start.label = t({RunState.RUNNING: "train.btn.pause", RunState.PAUSED: "train.btn.resume"}.get(
            state, "train.btn.start"))
        start.disabled = state.over and not valid
        self.query_one("#btn-step", Button).disabled = state == RunState.RUNNING or (state.over and not valid)
        self.query_one("#btn-load", Button).disabled = state == RunState.RUNNING
        self.query_one(TrainForm).lock_fields(state.under_way)
