"""The Train tab: the tutorial's sin -> cos training, live.

``space`` starts / pauses / resumes, ``n`` takes one step while paused, ``r``
resets, ``c`` runs the clipping preset, ``s`` saves the model and ``m`` its
metrics under the file field's name. A thread worker (tui.train.worker)
drives core's Trainer through ``core.runner.batches`` (paced, batched,
cancellable) and posts the messages of ``tui.train.messages``; widgets are
touched only on the UI thread. States: ``tui.train.state.RunState``. Saving and
loading: tui.train.file_actions; the clipping preset, torch's warm-up and
fall-back: tui.train.flows.
"""

from __future__ import annotations

import sys
import threading
from array import array
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Button, Input

from core.sincos.config import TrainConfig
from core.sincos.train import Trainer
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.tabs.base import Tab
from tui.train import files, worker
from tui.train.file_actions import FileActions
from tui.train.flows import TrainFlows
from tui.train.messages import Finished, Halted, Ready, Steps, Stopped
from tui.train.state import RunState
from tui.widgets.status import StatusText
from tui.widgets.train.form import DEFAULT_SPEED, TrainForm
from tui.widgets.train.side import TrainSide
from tui.widgets.train.view import TrainView


class TrainTab(FileActions, TrainFlows, Tab):
    """Train the sin -> cos RNN and watch it learn.

    Args:
        save_dir: the folder relative file names resolve in (default: the current folder).
    """

    KEYS = (
        key("space", "train.help.space"),  # the app's key: it calls play_pause
        key("n", "train.help.step", Bind("n", "step", "key.label.Step", footer=True)),
        key("r", "train.help.reset", Bind("r", "reset", "key.label.Reset", footer=True)),
        key("d", "train.help.defaults", Bind("d", "defaults", "key.label.Defaults")),
        key("c", "train.help.clip", Bind("c", "clip_preset", "key.label.Clip")),
        key("s", "train.help.save", Bind("s", "save_model", "key.label.Save", footer=True)),
        key("m", "train.help.metrics", Bind("m", "save_metrics", "key.label.Metrics")),
        key("l", "train.help.log", Bind("l", "toggle_log", "key.label.log")),
        key("z", "train.help.zoom", Bind("z", "toggle_recent", "key.label.zoom")),
        key("escape", "train.help.escape", Bind("escape", "leave_field", "key.label.leave field")),
    )
    BINDINGS = bindings(KEYS)
    DEFAULT_CSS = """
    TrainTab { layout: horizontal; height: 100%; }
    TrainTab.-narrow TrainSide { width: 31; }
    TrainTab.-narrow TrainSide .buttons Button { margin-right: 0; }
    TrainTab.-short TrainSide #train-status, TrainTab.-short TrainSide #buttons-run { margin-top: 0; }
    TrainTab.-short TrainView LossPanel Sparkline { height: 1; }
    TrainTab.-short TrainView #row-input, TrainTab.-short TrainView #hidden-shapes { display: none; }
    """

    def __init__(self, save_dir: str | Path | None = None):
        super().__init__()
        self.save_dir = Path(save_dir) if save_dir is not None else None
        self.state = RunState.IDLE
        self.config: TrainConfig | None = None  # the form's config when valid
        self.trainer: Trainer | None = None
        self._run = 0  # tags the messages of the current run
        self._lock = threading.Lock()  # held by the worker around each step: weights are read between steps
        self._delay = 1 / DEFAULT_SPEED  # seconds between steps (0: flat out); read by the worker
        self._start_weights: dict | None = None  # a loaded model's weights, used by the next run
        self._start_resume = None  # a loaded model's core.sincos.resume.Resume: the next run continues it (None: a new run)
        self.losses, self.grad_norms = array("d"), array("d")  # every step (the metrics files' source)
        self.grad_maxes = array("d")  # every step's largest |gradient element| (the clipping preset counts clipped steps)
        self._active_before = self.active = 0.0  # seconds trained (pauses excluded)
        self._warmed = False
        self._engine_note: str | None = None  # why torch is unavailable, once a run fell back to numpy
        self._preset, self._preset_note = None, ""  # the clipping preset's stage ("unclipped", "clipped" or None), its lesson
        self._saver = files.Saver()

    def compose(self) -> ComposeResult:
        yield TrainSide(id="train-side")
        yield TrainView(id="train-main")

    @property
    def side(self) -> TrainSide:
        return self.query_one(TrainSide)

    @property
    def view(self) -> TrainView:
        return self.query_one(TrainView)

    def on_resize(self) -> None:
        """Tighter spacing in small terminals (80x24 is the smallest full layout)."""
        self.set_class(self.size.height < 24, "-short")
        self.set_class(self.size.width < 90, "-narrow")

    def on_mount(self) -> None:
        if not self.query("TrainForm #seed"):  # the app closed while this tab mounted (found by mashing): nothing to show
            return
        self.config, _ = self.query_one(TrainForm).check()
        self.view.show_config(self.config)
        self._sync_controls()

    def say(self, text: str, kind: str = "info") -> None:
        """A message (kind: info, ok, warning, error) under the controls."""
        self.query_one(StatusText).say(text, kind)

    @property
    def status_text(self) -> str:
        return self.query_one(StatusText).text

    @property
    def done(self) -> int:
        return len(self.losses)

    def _sync_controls(self) -> None:
        """Buttons, the form lock and the chart's pace from the run state."""
        self.side.sync(self.state, self.config is not None)
        self.view.busy = self.state == RunState.RUNNING and self._delay == 0

    # -- actions -------------------------------------------------------------------

    def play_pause(self) -> None:
        """space: start a run, pause it, or resume it."""
        if self.state == RunState.RUNNING:
            self.workers.cancel_group(self, "train")  # Halted follows once every step is posted
            self.say(t("train.pausing"), "info")
        elif self.state == RunState.PAUSED:
            self._launch(None)
        else:
            self.start()

    def start(self, steps: int | None = None, keep_reference: bool = False) -> None:
        """Start a fresh run from the form (``steps``: stop after that many, e.g. 1)."""
        if self.config is None:
            self.say(t("train.fix_first"), "error")
            return
        resume = self._start_resume if self._start_weights is not None else None
        if resume is not None and resume.steps >= self.config.epochs:
            self.say(self._finished_text(resume.steps, self.config.epochs), "warning")
            return
        self._run += 1
        self._engine_note = None if self.config.engine == "torch" else self._engine_note
        self.trainer = Trainer(self.config, weights=self._start_weights, resume=resume)
        self._clear(keep_reference)
        self._launch(steps)

    def action_step(self) -> None:
        """n: one step while paused (or the first step of a new run)."""
        if self.state == RunState.RUNNING:
            self.say(t("train.step_while_running"), "warning")
        elif self.state == RunState.PAUSED:
            self._launch(1)
        else:
            self.start(steps=1)

    def action_reset(self) -> None:
        """r: stop, forget the run and any loaded weights; the next start draws the seed's weights."""
        self._forget()
        seed = self.config.seed if self.config is not None else None
        self.say(t("train.reset_seed", seed=seed) if seed is not None else t("train.reset_random"), "info")

    def action_defaults(self) -> None:
        """d: the tutorial's settings back in the form (after the clipping preset, say), and a fresh start."""
        if self.state == RunState.RUNNING:
            self.say(t("train.pause_first"), "warning")
            return
        self._forget()
        tutorial = TrainConfig()
        self._fill(tutorial)
        self.say(t("train.defaults", lr=f"{tutorial.lr:g}", epochs=tutorial.epochs, seed=tutorial.seed), "info")

    def action_toggle_log(self) -> None:
        self.view.toggle_log()

    def action_toggle_recent(self) -> None:
        self.view.toggle_recent()

    # -- runs ------------------------------------------------------------------------

    def _forget(self) -> None:
        """Cancel and drop the run and loaded weights: back to idle."""
        self.workers.cancel_group(self, "train")
        self._run += 1
        self.trainer, self._start_weights, self._start_resume, self._preset = None, None, None, None
        self.state = RunState.IDLE
        self._clear()
        self._sync_controls()

    def _clear(self, keep_reference: bool = False) -> None:
        self.losses, self.grad_norms, self.grad_maxes = array("d"), array("d"), array("d")
        self._active_before = self.active = 0.0
        self._saver.forget()
        self.view.clear(self.config, keep_reference)

    def _launch(self, steps: int | None) -> None:
        """Run the worker for ``steps`` steps (None: to the end or until paused)."""
        self._active_before = self.active
        self.state = RunState.RUNNING if steps is None else RunState.PAUSED
        if steps is None:
            cold = self.trainer.config.engine == "torch" and "core.sincos.train_torch" not in sys.modules
            self.say(t("train.loading") if cold else self._training_text(), "info")
        self._sync_controls()
        painted = threading.Event()  # the first step waits for the new state to be painted
        self.call_after_refresh(painted.set)
        # Not exclusive: a new run may start (the clipping preset, the numpy fall-back) while the last worker,
        # its final message posted, is still returning; cancelling it then would report a cancelled worker.
        self.run_worker(partial(worker.train, self.post_message, self._lock, lambda: self._delay, self._run,
                                self.trainer, steps, painted), thread=True, group="train", exit_on_error=False)

    def _training_text(self) -> str:
        trainer = self.trainer
        if trainer.start:  # a loaded run goes on
            where = {"next": trainer.start + 1, "n": trainer.config.epochs}
            if trainer.adam_continues or trainer.config.optimizer == "sgd":
                return t("train.continuing", **where)
            return t("train.continuing_fresh", **where, optimizer="Adam")
        seed = trainer.seed
        text = t("train.training_seed" if self.config and self.config.seed is not None else "train.training_random",
                 seed=seed)
        return f"{self._preset_note}\n{text}" if self._preset_note and self._preset == "clipped" else text

    # -- messages from the worker -----------------------------------------------------

    def on_train_ready(self, message: Ready) -> None:
        if message.run == self._run and self.state == RunState.RUNNING:
            self.say(self._engine_note or self._training_text(), "warning" if self._engine_note else "info")

    def on_train_steps(self, message: Steps) -> None:
        if message.run == self._run:
            self.active = self._active_before + message.active
            self.show_records(message.records, message.rate)

    def show_records(self, records, rate: float | None = None) -> None:
        """Draw a batch of steps (public: tests and snapshots feed seeded records without a worker)."""
        for rec in records:
            self.losses.append(rec.loss)
            self.grad_norms.append(rec.grad_norm)
            self.grad_maxes.append(rec.grad_max)
        carry_on = self.trainer.config.carry_hidden if self.trainer else True
        self.view.show_records(records, rate, carry_on)

    def on_train_halted(self, message: Halted) -> None:
        if message.run == self._run:
            self.state = RunState.PAUSED
            self.view.paused(self.trainer.done)
            self.say(t("train.paused", k=self.trainer.done), "info")
            self._sync_controls()

    def on_train_finished(self, message: Finished) -> None:
        if message.run == self._run:
            self.active = self._active_before + message.active
            self.show_finished(message.unseen, self.active)

    def show_finished(self, unseen, seconds: float | None = None) -> None:
        """The end of a run: the unseen stretch and a summary (``seconds`` None: no timing)."""
        self.state = RunState.FINISHED
        trainer = self.trainer
        text = self.view.finished(unseen, self.losses, seconds, trainer.config.epochs if trainer else None,
                                  trainer.start if trainer else 0)
        text = self._preset_summary(text)
        self.say(text + ("\n" + self._engine_note if self._engine_note else ""), "ok")
        self._sync_controls()

    def on_train_stopped(self, message: Stopped) -> None:
        if message.run != self._run:
            return
        exc, kind = message.error, message.kind
        self.view.flush()
        if kind == "unavailable" and self._fall_back(exc):
            return
        self.state = RunState.STOPPED
        if kind == "diverged" and self._preset_diverged(exc):
            return
        texts = {"diverged": lambda: t("train.diverged", step=exc.step, loss=f"{exc.loss:.3g}"),
                 "unavailable": lambda: t("train.unavailable", error=exc)}
        self.say(texts.get(kind, lambda: t("train.failed", error=files.why_failed(exc)))(), "error")
        self._sync_controls()

    # -- form, buttons, files -----------------------------------------------------------

    def on_train_form_edited(self, message: TrainForm.Edited) -> None:
        self.config = message.config
        self._check_loaded_fits(message.config)
        if message.config is not None and not self.state.under_way:
            self.view.show_config(message.config)
            if self._start_resume is not None:
                resume = self._start_resume  # a loaded run goes on from here
                self.view.loaded(resume.steps, resume.h is not None and message.config.carry_hidden)
        if message.config is None and self.state.over:
            self.say(t("train.fix_first"), "error")
        elif self.state == RunState.IDLE and self.status_text == t("train.fix_first"):
            self.say(t("train.hint"), "info")
        self._sync_controls()

    def on_train_form_speed_changed(self, message: TrainForm.SpeedChanged) -> None:
        self._delay = 0.0 if message.speed == 0 else 1 / message.speed
        self._sync_controls()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"btn-start": self.play_pause, "btn-step": self.action_step, "btn-reset": self.action_reset,
         "btn-clip": self.action_clip_preset, "btn-save": self.action_save_model,
         "btn-metrics": self.action_save_metrics, "btn-load": self.action_load}[event.button.id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:  # enter in the file field loads
        event.stop()
        if event.input.id == "file-path":
            self.action_load()
        self.focus()
