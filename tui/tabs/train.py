"""The Train tab: the tutorial's sin -> cos training, live.

``space`` starts / pauses / resumes, ``n`` steps, ``r`` resets, ``c`` runs the clipping preset (tui.train.preset),
``s``/``m`` save the model / its metrics (the file row, tui.widgets.train.file_row). A thread worker
(tui.train.worker) drives core's Trainer and posts tui.train.messages; the run's figures live in
tui.train.run, its states in tui.runs, its wording in tui.train.texts.
"""

from __future__ import annotations

import sys
import threading
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Button, Input

from core.sincos.config import TrainConfig
from tui.i18n import t
from tui.keys import Bind, bindings, key
from tui.runs import RunState
from tui.tabs.base import Tab
from tui.train import worker
from tui.train.messages import FileDone, Finished, Halted, Ready, Steps, Stopped
from tui.train.preset import ClipLesson
from tui.train.run import TrainRun
from tui.train.texts import finished_text, loaded_text, stopped_text, training_text
from tui.widgets.train.form import DEFAULT_SPEED, TrainForm
from tui.widgets.train.side import TrainSide
from tui.widgets.train.view import TrainView


class TrainTab(Tab):
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
        key("s", "train.help.save", Bind("s", "save('model')", "key.label.Save", footer=True)),
        key("m", "train.help.metrics", Bind("m", "save('metrics')", "key.label.Metrics")),
        key("y", "train.help.log", Bind("y", "toggle('log')", "key.label.log")),
        key("z", "train.help.zoom", Bind("z", "toggle('recent')", "key.label.zoom")),
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

    state = reactive(RunState.IDLE, init=False)  # IDLE -> RUNNING <-> PAUSED -> FINISHED | STOPPED
    config: reactive[TrainConfig | None] = reactive(None, init=False)  # the form's config when valid
    delay = reactive(1 / DEFAULT_SPEED, init=False)  # seconds between steps (0: flat out); read by the worker
    side: TrainSide | None = None  # the form, buttons, file row and messages (built in compose)

    def __init__(self, save_dir: str | Path | None = None):
        super().__init__()
        self.save_dir = Path(save_dir) if save_dir is not None else None
        self.run = TrainRun()  # the trainer, every step's figures, a loaded model waiting for the next start
        self._engine_note: str | None = None  # why torch is unavailable, once a run fell back to numpy
        self.lesson = ClipLesson()  # c: the clipping preset's two halves

    def compose(self) -> ComposeResult:
        self.side, self.view = TrainSide(self.save_dir, id="train-side"), TrainView(id="train-main")
        yield from (self.side, self.view)

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
        self.side.status.say(text, kind)  # (kind: info, ok, warning, error)

    @property
    def status_text(self) -> str:
        return self.side.status.text

    def _sync_controls(self) -> None:
        """Buttons, the form lock and the chart's pace from the run state (after any of them changed)."""
        if self.side is not None:
            self.side.sync(self.state, self.config is not None)
            self.view.busy = self.state == RunState.RUNNING and self.delay == 0

    watch_state = watch_config = watch_delay = _sync_controls

    # -- actions -------------------------------------------------------------------

    def play_pause(self) -> None:
        self._go(None)

    def action_step(self) -> None:
        self._go(1)

    def _go(self, steps: int | None) -> None:
        """space (``steps`` None): start a run, pause it, or resume it; n (1): one step while paused, or the
        first step of a new run."""
        if self.state == RunState.RUNNING and steps is None:
            self.workers.cancel_group(self, "train")  # Halted follows once every step is posted
            self.say(t("train.pausing"), "info")
        elif self.state == RunState.RUNNING:
            self.say(t("train.step_while_running"), "warning")
        elif self.state == RunState.PAUSED:
            self._launch(steps)
        else:
            self.start(steps)

    def start(self, steps: int | None = None, keep_reference: bool = False) -> None:
        """Start a fresh run from the form (``steps``: stop after that many, e.g. 1)."""
        if self.config is None:
            self.say(t("train.fix_first"), "error")
            return
        resume = self.run.resume()
        if resume is not None and resume.steps >= self.config.epochs:
            self.say(finished_text(resume.steps, self.config.epochs), "warning")
            return
        self._engine_note = None if self.config.engine == "torch" else self._engine_note
        self.run.begin(self.config)
        self._clear(keep_reference)
        self._launch(steps)

    def action_reset(self) -> None:
        """r: stop, forget the run and any loaded weights; the next start draws the seed's weights."""
        self._forget()
        seed = self.config.seed if self.config is not None else None
        self.say(t("train.reset_seed", seed=seed) if seed is not None else t("train.reset_random"), "info")

    def action_defaults(self) -> None:
        """d: the tutorial's settings back in the form (after the clipping preset, say), and a fresh start."""
        if self._says_pause_first():
            return
        self._forget()
        tutorial = TrainConfig()
        self._fill(tutorial)
        self.say(t("train.defaults", lr=f"{tutorial.lr:g}", epochs=tutorial.epochs, seed=tutorial.seed), "info")

    def _says_pause_first(self) -> bool:
        """A run is training (said: pause it first)."""
        if self.state == RunState.RUNNING:
            self.say(t("train.pause_first"), "warning")
        return self.state == RunState.RUNNING

    def action_toggle(self, what: str) -> None:
        """l: the loss on a log scale ('log'); z: the chart zoomed on the last steps ('recent')."""
        getattr(self.view, f"toggle_{what}")()

    # -- runs ------------------------------------------------------------------------

    def _forget(self) -> None:
        """Cancel and drop the run and loaded weights: back to idle."""
        self.workers.cancel_group(self, "train")
        self.run.forget()
        self.lesson.forget()
        self.state = RunState.IDLE
        self._clear()

    def _clear(self, keep_reference: bool = False) -> None:
        self.run.clear()
        self.side.files.saver.forget()
        self.view.clear(self.config, keep_reference)

    def _launch(self, steps: int | None) -> None:
        """Run the worker for ``steps`` steps (None: to the end or until paused)."""
        self.run.active_before = self.run.active
        self.state = RunState.RUNNING if steps is None else RunState.PAUSED
        if steps is None:
            cold = self.run.trainer.config.engine == "torch" and "core.sincos.train_torch" not in sys.modules
            self.say(t("train.loading") if cold else self._training_text(), "info")
        painted = threading.Event()  # the first step waits for the new state to be painted
        self.call_after_refresh(painted.set)
        # Not exclusive: a new run may start (the clipping preset, the numpy fall-back) while the last worker,
        # its final message posted, is still returning; cancelling it then would report a cancelled worker.
        run = self.run
        self.run_worker(partial(worker.train, self.post_message, run.lock, lambda: self.delay, run.runs.current,
                                run.trainer, steps, painted), thread=True, group="train", exit_on_error=False)

    def _training_text(self) -> str:
        return self.lesson.led(training_text(self.run.trainer, self.config is not None and self.config.seed is not None))

    # -- messages from the worker -----------------------------------------------------

    def on_train_ready(self, message: Ready) -> None:
        if not self.run.runs.stale(message.run) and self.state == RunState.RUNNING:
            self.say(self._engine_note or self._training_text(), "warning" if self._engine_note else "info")

    def on_train_steps(self, message: Steps) -> None:
        if not self.run.runs.stale(message.run):
            self.run.active = self.run.active_before + message.active
            self.show_records(message.records, message.rate)

    def show_records(self, records, rate: float | None = None) -> None:
        """Draw a batch of steps (public: tests and snapshots feed seeded records without a worker)."""
        self.run.add(records)
        self.view.show_records(records, rate, self.run.trainer.config.carry_hidden if self.run.trainer else True)

    def on_train_halted(self, message: Halted) -> None:
        if not self.run.runs.stale(message.run):
            self.state = RunState.PAUSED
            self.view.paused(self.run.trainer.done)
            self.say(t("train.paused", k=self.run.trainer.done), "info")

    def on_train_finished(self, message: Finished) -> None:
        if not self.run.runs.stale(message.run):
            self.run.active = self.run.active_before + message.active
            self.show_finished(message.unseen, self.run.active)

    def show_finished(self, unseen, seconds: float | None = None) -> None:
        """The end of a run: the unseen stretch and a summary (``seconds`` None: no timing)."""
        self.state = RunState.FINISHED
        trainer = self.run.trainer
        text = self.view.finished(unseen, self.run.losses, seconds, trainer.config.epochs if trainer else None,
                                  trainer.start if trainer else 0)
        text = self.lesson.summary(text, self.run.losses, self.run.grad_maxes)
        self.say(text + ("\n" + self._engine_note if self._engine_note else ""), "ok")

    def on_train_stopped(self, message: Stopped) -> None:
        if self.run.runs.stale(message.run):
            return
        exc, kind = message.error, message.kind
        self.view.flush()
        if kind == "unavailable" and self._fall_back(exc):
            return
        self.state = RunState.STOPPED
        if kind == "diverged" and (clipped := self.lesson.diverged(exc)) is not None:
            self.view.pin_reference(t("train.preset_ref"))  # the unclipped half's gradient row stays
            self._fill(clipped)
            self.start(keep_reference=True)
            return
        self.say(stopped_text(kind, exc), "error")

    # -- form, buttons, files -----------------------------------------------------------

    def on_train_form_edited(self, message: TrainForm.Edited) -> None:
        self.config = message.config
        if not self.run.fits(message.config):  # a form change that no longer fits the loaded weights drops them
            self.say(t("train.loaded_dropped"), "warning")
        if message.config is not None and not self.state.under_way:
            self.view.show_config(message.config, self.run.start_resume)  # (a loaded run goes on from there)
        if message.config is None and self.state.over:
            self.say(t("train.fix_first"), "error")
        elif self.state == RunState.IDLE and self.status_text == t("train.fix_first"):
            self.say(t("train.hint"), "info")

    def on_train_form_speed_changed(self, message: TrainForm.SpeedChanged) -> None:
        self.delay = 0.0 if message.speed == 0 else 1 / message.speed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"btn-start": self.play_pause, "btn-step": self.action_step, "btn-reset": self.action_reset,
         "btn-clip": self.action_clip_preset, "btn-save": partial(self.action_save, "model"),
         "btn-metrics": partial(self.action_save, "metrics"), "btn-load": self.action_load}[event.button.id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus()  # (enter in the file field presses Load)

    def action_save(self, what: str) -> None:
        """s: save the model ('model': weights, config, steps trained) under the file field's name;
        m: every step's loss and gradient norm beside it ('metrics': JSON and CSV)."""
        if (source := self.run.save_source(self.state == RunState.STOPPED)) is None:
            self.say(t("train.nothing_to_save"), "warning")
        else:
            getattr(self.side.files, f"save_{what}")(source)

    def action_load(self) -> None:
        """Load a model file: its config fills the form; space continues its run (or, for an older
        file of weights only, starts a new run from them)."""
        if not self._says_pause_first():
            self.side.files.load()

    def on_train_file_done(self, message: FileDone) -> None:
        if message.loaded is None:
            self.say(message.text, message.kind)
        else:
            self.loaded(*message.loaded, message.path)

    def loaded(self, config: TrainConfig, weights: dict, steps: int | None, resume, path: Path) -> None:
        """A model read from a file: its config in the form; space continues its run from the saved
        state (``resume``), or for an older file (weights only) starts a new run from its weights."""
        self._forget()
        self.run.start_weights, self.run.start_resume = weights, resume
        self._fill(config)
        self.say(loaded_text(config, steps, resume, path), "ok")

    # -- the clipping preset, and torch: warmed up in the background or replaced by NumPy -------------

    def action_clip_preset(self) -> None:
        """c: the clipping lesson: plain SGD without clipping (it explodes), then clipped by value."""
        if self._says_pause_first():
            return
        self._forget()
        self._fill(self.lesson.begin())
        self.start()

    def _fill(self, config: TrainConfig) -> None:
        self.query_one(TrainForm).fill(config)
        self.config = config
        self.view.show_config(config, self.run.start_resume)

    def on_first_show(self) -> None:
        """Import torch in the background (~2 s) so Start is quick."""
        if self.config is not None and self.config.engine == "torch":
            self.side.warm_up(say=self.state == RunState.IDLE)

    def _fall_back(self, exc: BaseException) -> bool:
        """torch is unavailable: switch to the numpy engine and go on, if the config allows it."""
        if (config := self.run.numpy_instead()) is None:
            return False
        self.query_one(TrainForm).set_engine("numpy")
        self.config = config
        self.start(None if self.state == RunState.RUNNING else 1)
        self._engine_note = t("train.fallback", error=exc)
        self.say(self._engine_note, "warning")
        return True
