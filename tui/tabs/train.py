"""The Train tab: the tutorial's sin -> cos training, live.

``space`` starts / pauses / resumes, ``n`` takes one step while paused, ``r``
resets, ``c`` runs the clipping preset, ``s`` saves the model and ``m`` its
metrics under the file field's name. A thread worker drives core's Trainer
through ``core.runner.batches`` (paced, batched, cancellable) and posts the
messages of ``tui.train.messages``; widgets are touched only here, on the UI
thread. States: ``tui.train.state.RunState``.
"""

from __future__ import annotations

import sys
import threading
from array import array
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input
from textual.worker import get_current_worker

from core.config import CLIP_PRESET, TrainConfig
from core.runner import batches, fast_switch
from core.train import Diverged, EngineUnavailable, Trainer
from tui.i18n import t
from tui.tabs.base import Tab
from tui.widgets.train.view import TrainView
from tui.train import files
from tui.train.messages import FileDone, Finished, Halted, Ready, Steps, Stopped, Warmed
from tui.train.state import RunState
from tui.widgets.train.form import DEFAULT_SPEED, TrainForm
from tui.widgets.train.status import StatusText

EVAL_WINDOWS = 10  # windows of the unseen stretch evaluated after training
PAINT_WAIT = 0.2  # the worker waits at most this long for the new state to be painted


class TrainTab(Tab):
    """Train the sin -> cos RNN and watch it learn.

    Args:
        save_dir: the folder relative file names resolve in (default: the current folder).
    """

    BINDINGS = [
        Binding("n", "step", "Step"), Binding("r", "reset", "Reset"), Binding("s", "save_model", "Save"),
        Binding("m", "save_metrics", "Metrics", show=False), Binding("c", "clip_preset", "Clip", show=False),
        Binding("l", "toggle_log", "log", show=False), Binding("z", "toggle_recent", "zoom", show=False),
        Binding("escape", "leave_field", "leave field", show=False),
    ]
    DEFAULT_CSS = """
    TrainTab { layout: horizontal; height: 100%; }
    TrainTab #train-side { width: 34; height: 1fr; border: round $primary 60%; padding: 0 1;
        border-title-color: $text; overflow-y: auto; scrollbar-size-vertical: 1; }
    TrainTab.-narrow #train-side { width: 31; }
    TrainTab .buttons { height: 1; }
    TrainTab #buttons-run { margin-top: 1; }
    TrainTab .buttons Button { width: auto; min-width: 0; margin-right: 1; padding: 0; }
    TrainTab .buttons Button:last-child, TrainTab.-narrow .buttons Button { margin-right: 0; }
    TrainTab #btn-start { text-style: bold; min-width: 6; }
    TrainTab #btn-start:disabled { background: $panel; color: $text-disabled; text-style: none; }
    TrainTab #file-row { height: 1; }
    TrainTab #file-path { width: 1fr; }
    TrainTab #file-row Button { width: auto; min-width: 0; margin-left: 1; padding: 0; }
    TrainTab #train-status { margin-top: 1; }
    TrainTab.-short #train-status, TrainTab.-short #buttons-run { margin-top: 0; }
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
        self.losses, self.grad_norms = array("d"), array("d")  # every step (the metrics files' source)
        self._active_before = self.active = 0.0  # seconds trained (pauses excluded)
        self._warmed = False
        self._engine_note: str | None = None  # why torch is unavailable, once a run fell back to numpy
        self._preset: str | None = None  # the clipping preset's stage: "unclipped", "clipped" or None
        self._preset_note = ""
        self._saver = files.Saver()

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        return [(k, f"train.help.{h}") for k, h in (("space", "space"), ("n", "step"), ("r", "reset"),
                ("c", "clip"), ("s", "save"), ("m", "metrics"), ("l", "log"), ("z", "zoom"), ("escape", "escape"))]

    def compose(self) -> ComposeResult:
        with Vertical(id="train-side") as side:
            side.border_title = t("train.settings")
            yield TrainForm(id="train-form")
            with Horizontal(classes="buttons", id="buttons-run"):
                for name in ("start", "step", "reset", "clip"):
                    yield Button(t(f"train.btn.{name}"), id=f"btn-{name}", compact=True,
                                 variant="primary" if name == "start" else "default")
            with Horizontal(classes="buttons"):
                yield Button(t("train.btn.save"), id="btn-save", compact=True)
                yield Button(t("train.btn.metrics"), id="btn-metrics", compact=True)
            with Horizontal(id="file-row"):
                yield Input(files.MODEL_NAME, id="file-path", compact=True)
                yield Button(t("train.btn.load"), id="btn-load", compact=True)
            yield StatusText(t("train.hint"), id="train-status")
        yield TrainView(id="train-main")

    @property
    def view(self) -> TrainView:
        return self.query_one(TrainView)

    def on_resize(self) -> None:
        """Tighter spacing in small terminals (80x24 is the smallest full layout)."""
        self.set_class(self.size.height < 24, "-short")
        self.set_class(self.size.width < 90, "-narrow")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # clicking keeps the tab focused, so its keys keep working
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
        """Buttons and the form lock from the run state."""
        state, valid = self.state, self.config is not None
        start = self.query_one("#btn-start", Button)
        start.label = t({RunState.RUNNING: "train.btn.pause", RunState.PAUSED: "train.btn.resume"}.get(
            state, "train.btn.start"))
        start.disabled = state.over and not valid
        self.query_one("#btn-step", Button).disabled = state == RunState.RUNNING or (state.over and not valid)
        self.query_one("#btn-load", Button).disabled = state == RunState.RUNNING
        self.query_one(TrainForm).lock_fields(state.under_way)
        self.view.busy = state == RunState.RUNNING and self._delay == 0

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
        self._run += 1
        self._engine_note = None if self.config.engine == "torch" else self._engine_note
        self.trainer = Trainer(self.config, weights=self._start_weights)
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

    def action_clip_preset(self) -> None:
        """c: the clipping lesson: plain SGD without clipping (it explodes), then clipped by value."""
        if self.state == RunState.RUNNING:
            self.say(t("train.pause_first"), "warning")
            return
        self._forget()
        self._preset = "unclipped"
        self._fill(CLIP_PRESET.with_(clip_value=None))
        self.start()

    def _fill(self, config: TrainConfig) -> None:
        self.query_one(TrainForm).fill(config)
        self.config = config
        self.view.show_config(config)

    def action_toggle_log(self) -> None:
        self.view.toggle_log()

    def action_toggle_recent(self) -> None:
        self.view.toggle_recent()

    def on_show(self) -> None:
        """The first time the tab shows, import torch in the background (~2 s) so Start is quick."""
        if not self._warmed and self.config is not None and self.config.engine == "torch":
            self._warmed = True
            if "core.train_torch" not in sys.modules and self.state == RunState.IDLE:
                self.say(t("train.warming"), "info")  # the import holds the GIL: the screen may pause
            self.call_after_refresh(self._warm_up)

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_up(self) -> None:
        try:
            import core.train_torch  # noqa: F401
        except Exception:
            pass  # a run reports it (and falls back to numpy)
        self.post_message(Warmed())

    def on_train_warmed(self, message: Warmed) -> None:
        if self.status_text == t("train.warming"):
            self.say(t("train.hint"), "info")

    # -- runs ------------------------------------------------------------------------

    def _forget(self) -> None:
        """Cancel and drop the run and loaded weights: back to idle."""
        self.workers.cancel_group(self, "train")
        self._run += 1
        self.trainer, self._start_weights, self._preset = None, None, None
        self.state = RunState.IDLE
        self._clear()
        self._sync_controls()

    def _clear(self, keep_reference: bool = False) -> None:
        self.losses, self.grad_norms = array("d"), array("d")
        self._active_before = self.active = 0.0
        self._saver.forget()
        self.view.clear(self.config, keep_reference)

    def _launch(self, steps: int | None) -> None:
        """Run the worker for ``steps`` steps (None: to the end or until paused)."""
        self._active_before = self.active
        self.state = RunState.RUNNING if steps is None else RunState.PAUSED
        if steps is None:
            cold = self.trainer.config.engine == "torch" and "core.train_torch" not in sys.modules
            self.say(t("train.loading") if cold else self._training_text(), "info")
        self._sync_controls()
        painted = threading.Event()  # the first step waits for the new state to be painted
        self.call_after_refresh(painted.set)
        self._train(self._run, self.trainer, steps, painted)

    def _training_text(self) -> str:
        seed = self.trainer.seed
        text = t("train.training_seed" if self.config and self.config.seed is not None else "train.training_random",
                 seed=seed)
        return f"{self._preset_note}\n{text}" if self._preset_note and self._preset == "clipped" else text

    def _records(self, trainer: Trainer):
        while not trainer.finished:
            with self._lock:
                record = trainer.step()
            yield record

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, run: int, trainer: Trainer, steps: int | None, painted: threading.Event) -> None:
        """The training loop (worker thread): build the engine, then post each batch of steps."""
        worker, active = get_current_worker(), 0.0
        with fast_switch():
            try:
                with self._lock:
                    trainer.engine  # imports torch the first time: ~2 s
                self.post_message(Ready(run))
                painted.wait(PAINT_WAIT)
                for batch in batches(self._records(trainer), delay=lambda: self._delay,
                                     cancelled=lambda: worker.is_cancelled, limit=steps):
                    active = batch.active
                    self.post_message(Steps(run, batch.records, batch.active, batch.rate))
                if not trainer.finished or worker.is_cancelled:
                    self.post_message(Halted(run))
                    return
                with self._lock:
                    unseen = trainer.evaluate(EVAL_WINDOWS)
                self.post_message(Finished(run, unseen, active))
            except Diverged as exc:
                self.post_message(Stopped(run, "diverged", exc))
            except (EngineUnavailable, ImportError) as exc:
                self.post_message(Stopped(run, "unavailable", exc))
            except Exception as exc:  # e.g. loaded weights that do not fit
                self.post_message(Stopped(run, "error", exc))

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
        carry_on = self.trainer.config.carry_hidden if self.trainer else True
        self.view.show_records(records, rate, carry_on)

    def on_train_halted(self, message: Halted) -> None:
        if message.run == self._run:
            self.state = RunState.PAUSED
            self.view.paused(self.done)
            self.say(t("train.paused", k=self.done), "info")
            self._sync_controls()

    def on_train_finished(self, message: Finished) -> None:
        if message.run == self._run:
            self.active = self._active_before + message.active
            self.show_finished(message.unseen, self.active)

    def show_finished(self, unseen, seconds: float | None = None) -> None:
        """The end of a run: the unseen stretch and a summary (``seconds`` None: no timing)."""
        self.state = RunState.FINISHED
        text = self.view.finished(unseen, self.losses, seconds, self.trainer.config.epochs if self.trainer else None)
        if self._preset == "clipped":
            text = t("train.preset_done", before=self._preset_note, first=f"{self.losses[0]:.3g}",
                     last=f"{sum(self.losses[-10:]) / len(self.losses[-10:]):.3g}") + "\n" + text
            self._preset = None
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
        if kind == "diverged" and self._preset == "unclipped":
            self._preset_note = t("train.preset_diverged", step=exc.step, loss=f"{exc.loss:.3g}")
            self.view.pin_reference(t("train.preset_ref"))
            self._preset = "clipped"
            self._fill(CLIP_PRESET)
            self.start(keep_reference=True)
            return
        texts = {"diverged": lambda: t("train.diverged", step=exc.step, loss=f"{exc.loss:.3g}"),
                 "unavailable": lambda: t("train.unavailable", error=exc)}
        self.say(texts.get(kind, lambda: t("train.failed", error=files._why(exc)))(), "error")
        self._sync_controls()

    def _fall_back(self, exc: BaseException) -> bool:
        """torch is unavailable: switch to the numpy engine and go on, if the config allows it."""
        config = self.trainer.config if self.trainer else None
        if config is None or config.engine != "torch" or config.cell != "rnn":
            return False
        self.query_one(TrainForm).set_engine("numpy")
        self.config = config.with_(engine="numpy")
        steps = None if self.state == RunState.RUNNING else 1
        self.start(steps)
        self._engine_note = t("train.fallback", error=exc)
        self.say(self._engine_note, "warning")
        return True

    # -- form, buttons, files -----------------------------------------------------------

    def on_train_form_edited(self, message: TrainForm.Edited) -> None:
        self.config = message.config
        if message.config is not None and not self.state.under_way:
            self.view.show_config(message.config)
        if message.config is not None and self._start_weights is not None:
            from core.init import shapes

            if any(self._start_weights[k].shape != s for k, s in shapes(message.config).items()):
                self._start_weights = None
                self.say(t("train.loaded_dropped"), "warning")
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "file-path":
            self.action_load()
        self.focus()

    def _target(self) -> Path | None:
        text = self.query_one("#file-path", Input).value
        if not text.strip():
            self.say(t("train.no_path"), "error")
            return None
        return files.resolve(text, self.save_dir)

    def _save(self, key: str, paths: tuple[Path, ...], job) -> None:
        if self.trainer is None or self.done == 0:
            self.say(t("train.nothing_to_save"), "warning")
            return
        question = self._saver.ask(key, paths)
        if question:
            self.say(question, "warning")
            return
        diverged = self.trainer.done if self.state == RunState.STOPPED and self.trainer.done > self.done else None
        self._save_job(job, paths if len(paths) > 1 else paths[0], self.trainer, tuple(self.losses),
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
        with self._lock:
            weights, steps = trainer.weights(), trainer.done
        snap = files.Snapshot(trainer.config.with_(seed=trainer.seed), weights, steps, losses, grad_norms, diverged_at)
        self.post_message(job(target, snap))

    def action_load(self) -> None:
        """Load a model file: its config fills the form and its weights start the next run."""
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
            return
        config, weights, steps = message.loaded
        self._forget()
        self._fill(config)
        self._start_weights = weights
        self.say(t("train.loaded", path=message.path, cell=config.cell, hidden=config.hidden_size,
                   k="?" if steps is None else steps), "ok")
        self._sync_controls()
