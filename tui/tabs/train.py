"""The Train tab: the tutorial's sin -> cos training, live.

A form holds the TrainConfig; ``space`` starts / pauses / resumes, ``n`` takes
one step while paused, ``r`` resets to fresh weights, ``s`` saves the model,
``m`` the metrics. Training runs in a thread worker over ``core.train.Trainer``
(one step per iteration, paced by sleeping in the worker), which posts small
messages; the widgets are only touched here, on the UI thread.

Run states: idle (no run) -> running <-> paused -> finished | stopped
(diverged or failed). A run id tags every message, so a message from a worker
that was cancelled by reset is ignored.
"""

from __future__ import annotations

import sys
import threading
import time
from array import array
from pathlib import Path

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input
from textual.worker import get_current_worker

from core.config import TrainConfig
from core.train import Diverged, EngineUnavailable, Trainer, TrainStep
from tui.i18n import relabel_bindings, t
from tui.tabs.base import Tab
from tui.widgets.train.chart import FitChart, markers
from core.files import metrics_dict, metrics_json, write_text_atomic
from tui.train.files import METRICS_NAME, MODEL_NAME
from tui.widgets.train.form import DEFAULT_SPEED, TrainForm
from tui.widgets.train.hidden import HiddenPanel
from tui.widgets.train.loss import LossPanel, fmt_loss
from tui.widgets.train.progress import TrainProgress, format_seconds
from tui.widgets.train.status import StatusText
from tui.widgets.train.window import PREDICTION_RGB, TARGET_RGB, UNSEEN_RGB, WindowPanel

PACED_POST_INTERVAL = 0.045  # paced runs send a batch at most every 45 ms: each step at 20 steps/s
FLAT_POST_INTERVAL = 0.1  # flat out, 10 batches a second: every UI update takes the GIL from the engine
EVAL_WINDOWS = 10  # windows of the unseen stretch evaluated after training
SLEEP_SLICE = 0.02  # the pacing sleep checks for cancellation this often
PAINT_WAIT = 0.2  # the worker waits at most this long for the new state to be painted

SWITCH_INTERVAL = 0.001  # GIL switch interval while training (Python's default is 0.005)

KEYS = {"step": "train.key.step", "reset": "train.key.reset", "save_model": "train.key.save",
        "save_metrics": "train.key.metrics"}


def _rgb(rgb: tuple[int, int, int]) -> str:
    return "rgb({},{},{})".format(*rgb)


class _FastSwitch:
    """A shorter GIL switch interval while any training worker runs.

    Every torch op releases the GIL and takes it back; with the UI thread busy,
    each take-back can wait the whole switch interval (5 ms by default), which
    made an in-app step 10-20x slower than a headless one. Restored after.
    """

    _lock = threading.Lock()
    _count = 0
    _saved = 0.005

    def __enter__(self) -> None:
        with self._lock:
            if _FastSwitch._count == 0:
                _FastSwitch._saved = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            _FastSwitch._count += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            _FastSwitch._count -= 1
            if _FastSwitch._count == 0:
                sys.setswitchinterval(_FastSwitch._saved)


class TrainTab(Tab):
    """Train the sin -> cos RNN and watch it learn.

    Args:
        save_dir: where ``s`` and ``m`` write and relative load paths resolve (default: the current folder).
        clock: seconds as a float (default time.perf_counter); the rate and ETA use it.
    """

    BINDINGS = [
        Binding("n", "step", "Step"),
        Binding("r", "reset", "Reset"),
        Binding("s", "save_model", "Save"),
        Binding("m", "save_metrics", "Metrics", show=False),  # in the help and on a button: the footer is full at 80
        Binding("l", "toggle_log", "log", show=False),
        Binding("z", "toggle_recent", "zoom", show=False),
        Binding("escape", "leave_field", "leave field", show=False),
    ]

    DEFAULT_CSS = """
    TrainTab { layout: horizontal; height: 100%; }
    TrainTab #train-side {
        width: 34; height: 1fr; border: round $primary 60%; padding: 0 1;
        border-title-color: $text; overflow-y: auto; scrollbar-size-vertical: 1;
    }
    TrainTab #train-main { width: 1fr; height: 1fr; padding: 0 1; }
    TrainTab.-narrow #train-side { width: 31; }
    TrainTab .buttons { height: 1; }
    TrainTab #buttons-run { margin-top: 1; }
    TrainTab .buttons Button { width: auto; min-width: 0; margin-right: 1; padding: 0; }
    TrainTab .buttons Button:last-child { margin-right: 0; }
    TrainTab #btn-start { text-style: bold; }
    TrainTab #btn-start:disabled { background: $panel; color: $text-disabled; text-style: none; }
    TrainTab #load-row { height: 1; }
    TrainTab #load-path { width: 1fr; }
    TrainTab #load-row Button { width: auto; min-width: 0; margin-left: 1; padding: 0; }
    TrainTab #train-status { margin-top: 1; }
    TrainTab.-short #train-status, TrainTab.-short #buttons-run { margin-top: 0; }
    TrainTab.-short LossPanel Sparkline { height: 1; }
    TrainTab #chart-box {
        height: 1fr; min-height: 6; border: round $primary 40%;
        border-title-color: $text; border-subtitle-color: $text-muted;
    }
    TrainTab FitChart { height: 1fr; }
    """

    class Ready(Message):
        """The engine is built; steps follow."""

        def __init__(self, run: int):
            super().__init__()
            self.run = run

    class Warmed(Message):
        """The background import of torch is over (or failed: a run will say why)."""

    class Steps(Message):
        """Steps done since the last message, with the rate of this stretch."""

        def __init__(self, run: int, records: list[TrainStep], active: float, rate: float | None):
            super().__init__()
            self.run, self.records, self.active, self.rate = run, records, active, rate

    class Finished(Message):
        """The last step is done; ``unseen`` is (t, target, prediction) after the trained stretch."""

        def __init__(self, run: int, unseen, active: float):
            super().__init__()
            self.run, self.unseen, self.active = run, unseen, active

    class Stopped(Message):
        """Training could not go on. ``kind``: diverged, unavailable or error."""

        def __init__(self, run: int, kind: str, error: BaseException):
            super().__init__()
            self.run, self.kind, self.error = run, kind, error

    class FileDone(Message):
        """A save or load finished (``error`` None) or failed."""

        def __init__(self, what: str, path: Path, error: str | None = None, loaded=None):
            super().__init__()
            self.what, self.path, self.error, self.loaded = what, path, error, loaded

    def __init__(self, save_dir: str | Path | None = None, clock=None):
        super().__init__()
        self.save_dir = Path(save_dir) if save_dir is not None else None
        self._clock = clock or time.perf_counter
        relabel_bindings(self, KEYS)
        self.state = "idle"  # idle | running | paused | finished | stopped
        self.config: TrainConfig | None = None  # the form's config when valid
        self.trainer: Trainer | None = None
        self._run = 0
        self._step_lock = threading.Lock()  # held by the worker around each step: weights are read between steps
        self._delay = 1 / DEFAULT_SPEED  # seconds between steps (0: flat out); read by the worker
        self._start_weights: dict | None = None  # weights of a loaded model, used by the next run
        self.losses = array("d")  # every step's loss (8 bytes a step: the metrics file's source)
        self.grad_norms = array("d")
        self._active_before = 0.0  # seconds trained in earlier stretches of this run (pauses excluded)
        self.active = 0.0
        self.rate: float | None = None
        self.updates = 0  # batches of steps drawn (UI updates), for the bench
        self._unseen_mse: float | None = None
        self._warmed = False
        self._engine_note: str | None = None  # why torch is unavailable, once a run fell back to numpy

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        return [("space", "train.help.space"), ("n", "train.help.step"), ("r", "train.help.reset"),
                ("s", "train.help.save"), ("m", "train.help.metrics"), ("l", "train.help.log"),
                ("z", "train.help.zoom"), ("escape", "train.help.escape")]

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="train-side") as side:
            side.border_title = t("train.settings")
            yield TrainForm(id="train-form")
            with Horizontal(classes="buttons", id="buttons-run"):
                yield Button(t("train.btn.start"), id="btn-start", compact=True, variant="primary")
                yield Button(t("train.btn.step"), id="btn-step", compact=True)
                yield Button(t("train.btn.reset"), id="btn-reset", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(t("train.btn.save"), id="btn-save", compact=True)
                yield Button(t("train.btn.metrics"), id="btn-metrics", compact=True)
            with Horizontal(id="load-row"):
                yield Input(MODEL_NAME, id="load-path", compact=True)
                yield Button(t("train.btn.load"), id="btn-load", compact=True)
            yield StatusText(t("train.hint"), id="train-status")
        with Vertical(id="train-main"):
            yield TrainProgress()
            yield LossPanel()
            yield WindowPanel()
            yield HiddenPanel()
            # The chart goes last: the screen repaints the bounding box of what changed,
            # so with every per-step widget above it, the chart repaints only when it changed.
            with Vertical(id="chart-box") as box:
                box.border_title = self._legend()
                yield FitChart()

    def _legend(self, unseen: bool = False) -> str:
        """The chart's legend, drawn by Textual (plotext miscounts CJK width)."""
        g = markers(self.app)[1]
        parts = [f"[{_rgb(TARGET_RGB)}]{g['target']} {t('train.legend.target')}[/]",
                 f"[{_rgb(PREDICTION_RGB)}]{g['prediction']} {t('train.legend.prediction')}[/]"]
        if unseen:
            parts.append(f"[{_rgb(UNSEEN_RGB)}]{g['unseen']} {t('train.legend.unseen')}[/]")
        return "  ".join(parts)

    def on_resize(self) -> None:
        """Tighter spacing in small terminals (80x24 is the smallest full layout)."""
        self.set_class(self.size.height < 24, "-short")
        self.set_class(self.size.width < 90, "-narrow")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # clicking keeps the tab focused, so its keys keep working
        self.config, _ = self.query_one(TrainForm).check()
        if self.config is not None:
            self.query_one(HiddenPanel).show_config(self.config)
        self.query_one(TrainProgress).show(0, self.config.epochs if self.config else 0)
        self._caption()
        self._sync_controls()

    # -- status and controls -------------------------------------------------------

    def say(self, text: str, kind: str = "info") -> None:
        """Show a one-line message (kind: info, ok, warning, error) under the controls."""
        self.query_one(StatusText).say(text, kind)

    @property
    def status_text(self) -> str:
        return self.query_one(StatusText).text

    @property
    def done(self) -> int:
        return len(self.losses)

    def _sync_controls(self) -> None:
        """Button labels and enabled states, and the form lock, from the run state."""
        state = self.state
        start = self.query_one("#btn-start", Button)
        start.label = t({"running": "train.btn.pause", "paused": "train.btn.resume"}.get(state, "train.btn.start"))
        start.disabled = state not in ("running", "paused") and self.config is None
        self.query_one("#btn-step", Button).disabled = state == "running" or (
            state != "paused" and self.config is None)
        self.query_one("#btn-load", Button).disabled = state == "running"
        self.query_one(TrainForm).lock_fields(state in ("running", "paused"))
        self._chart_busy()

    # -- actions -------------------------------------------------------------------

    def play_pause(self) -> None:
        """space: start a run, pause it, or resume it."""
        if self.state == "running":
            self.pause()
        elif self.state == "paused":
            self._launch(None)
        else:
            self.start()

    def start(self, steps: int | None = None) -> None:
        """Start a fresh run from the form (``steps``: stop after that many, e.g. 1)."""
        if self.config is None:
            self.say(t("train.fix_first"), "error")
            return
        self._new_run(self.config)
        self._launch(steps)

    def pause(self) -> None:
        if self.state != "running":
            return
        self.workers.cancel_group(self, "train")
        self.state = "paused"
        self.query_one(FitChart).flush()
        self.say(t("train.paused", k=self.done), "info")
        self._sync_controls()

    def action_step(self) -> None:
        """n: one step while paused (or the first step of a new run)."""
        if self.state == "running":
            self.say(t("train.step_while_running"), "warning")
        elif self.state == "paused":
            self._launch(1)
        else:
            self.start(steps=1)

    def action_reset(self) -> None:
        """r: stop, forget the run and any loaded weights; the next start draws fresh weights."""
        self.workers.cancel_group(self, "train")
        self._run += 1
        self.trainer = None
        self._start_weights = None
        self._clear()
        self.state = "idle"
        seed = self.config.seed if self.config is not None else None
        self.say(t("train.reset_seed", seed=seed) if seed is not None else t("train.reset_random"), "info")
        self._sync_controls()

    def action_toggle_log(self) -> None:
        self.query_one(LossPanel).toggle_log()

    def action_toggle_recent(self) -> None:
        self.query_one(FitChart).toggle_recent()
        self._caption()

    def _caption(self, mse: float | None = None) -> None:
        """The chart's subtitle: the unseen stretch's error (after a run) and the zoom key."""
        if mse is not None:
            self._unseen_mse = mse
        zoom = t("train.zoom_all" if self.query_one(FitChart).recent else "train.zoom_recent")
        parts = [t("train.unseen_mse", mse=fmt_loss(self._unseen_mse))] if self._unseen_mse is not None else []
        self.query_one("#chart-box").border_subtitle = " · ".join(parts + [zoom])

    def on_show(self) -> None:
        """The first time the tab shows, import torch in the background (~2 s) so Start is quick."""
        if not self._warmed and self.config is not None and self.config.engine == "torch":
            self._warmed = True
            if "core.train_torch" not in sys.modules and self.state == "idle":
                self.say(t("train.warming"), "info")  # the import holds the GIL: the screen may pause
            self.call_after_refresh(self._warm_up)

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_up(self) -> None:
        try:
            import core.train_torch  # noqa: F401
        except Exception:
            pass  # a run reports it (and falls back to numpy)
        self.post_message(self.Warmed())

    def on_train_tab_warmed(self, message: Warmed) -> None:
        if self.status_text == t("train.warming"):
            self.say(t("train.hint"), "info")

    # -- runs ----------------------------------------------------------------------

    def _new_run(self, config: TrainConfig) -> None:
        self._run += 1
        if config.engine == "torch":
            self._engine_note = None  # try torch again
        self.trainer = Trainer(config, weights=self._start_weights)
        self._clear()
        self.query_one(HiddenPanel).show_config(config)
        self.query_one(TrainProgress).show(0, config.epochs)

    def _clear(self) -> None:
        self.losses = array("d")
        self.grad_norms = array("d")
        self._active_before = self.active = 0.0
        self.rate = None
        self.query_one(LossPanel).clear()
        self.query_one(WindowPanel).clear()
        self.query_one(FitChart).clear()
        self.query_one(HiddenPanel).clear()
        self.query_one("#chart-box").border_title = self._legend()
        self._unseen_mse = None
        self._caption()
        epochs = self.config.epochs if self.config else 0
        self.query_one(TrainProgress).show(0, epochs)

    def _launch(self, steps: int | None) -> None:
        """Run the worker for ``steps`` steps (None: to the end or until paused)."""
        self._active_before = self.active
        self.state = "running" if steps is None else "paused"
        if steps is None:
            cold = self.trainer.config.engine == "torch" and "core.train_torch" not in sys.modules
            self.say(t("train.loading") if cold else t("train.training"), "info")
        self._sync_controls()
        # The worker starts now (so workers.wait_for_complete() sees it) but takes its first
        # step once the new state is painted: the form lock restyles a dozen widgets, and that
        # work would otherwise share the GIL with the first steps.
        painted = threading.Event()
        self.call_after_refresh(painted.set)
        self._train(self._run, self.trainer, steps, painted)

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, run: int, trainer: Trainer, steps: int | None, painted: threading.Event) -> None:
        """The training loop (worker thread): step, post, sleep to the chosen pace."""
        with _FastSwitch():
            self._train_loop(get_current_worker(), run, trainer, steps, painted)

    def _train_loop(self, worker, run: int, trainer: Trainer, steps: int | None, painted: threading.Event) -> None:
        try:
            with self._step_lock:
                trainer.engine  # build it now (imports torch the first time: ~2 s)
        except (EngineUnavailable, ImportError) as exc:
            self.post_message(self.Stopped(run, "unavailable", exc))
            return
        except Exception as exc:  # e.g. loaded weights that do not fit
            self.post_message(self.Stopped(run, "error", exc))
            return
        self.post_message(self.Ready(run))
        painted.wait(PAINT_WAIT)
        clock = self._clock
        start = last_post = clock()
        first = trainer.done
        batch: list[TrainStep] = []
        taken = 0
        due = start  # when the next step may begin: one step every self._delay seconds on average
        while not worker.is_cancelled and not trainer.finished and (steps is None or taken < steps):
            try:
                with self._step_lock:
                    batch.append(trainer.step())
            except Diverged as exc:
                self._post_steps(run, batch, clock() - start, first)
                self.post_message(self.Stopped(run, "diverged", exc))
                return
            except Exception as exc:
                self._post_steps(run, batch, clock() - start, first)
                self.post_message(self.Stopped(run, "error", exc))
                return
            taken += 1
            now = clock()
            if now - last_post >= (PACED_POST_INTERVAL if self._delay else FLAT_POST_INTERVAL):
                self._post_steps(run, batch, now - start, first)
                batch, last_post = [], now
            due = max(due + self._delay, clock() - self._delay)  # after a stall, no burst to catch up
            self._pace(worker, due)
        self._post_steps(run, batch, clock() - start, first)
        if trainer.finished and not worker.is_cancelled:
            try:
                with self._step_lock:
                    unseen = trainer.evaluate(EVAL_WINDOWS)
            except Exception as exc:
                self.post_message(self.Stopped(run, "error", exc))
                return
            self.post_message(self.Finished(run, unseen, clock() - start))

    def _post_steps(self, run: int, batch: list[TrainStep], active: float, first: int) -> None:
        if batch:
            done = batch[-1].step - first
            rate = done / active if active > 0 and done >= 2 else None
            self.post_message(self.Steps(run, batch, active, rate))

    def _pace(self, worker, due: float) -> None:
        """Sleep until ``due`` (clock time) in short slices, waking early on cancel."""
        while not worker.is_cancelled:
            left = due - self._clock()
            if left <= 0:
                return
            time.sleep(min(left, SLEEP_SLICE))

    # -- messages from the worker -----------------------------------------------------

    def on_train_tab_ready(self, message: Ready) -> None:
        if message.run == self._run and self.state == "running":
            if self._engine_note:
                self.say(self._engine_note, "warning")
            else:
                self.say(t("train.training"), "info")

    def on_train_tab_steps(self, message: Steps) -> None:
        if message.run != self._run:
            return
        self.active = self._active_before + message.active
        self.show_records(message.records, message.rate)

    def show_records(self, records: list[TrainStep], rate: float | None = None) -> None:
        """Draw a batch of steps: histories get all of them, the window views the last one.

        Public so that tests and snapshots can feed seeded records without a worker.
        """
        if not records:
            return
        for rec in records:
            self.losses.append(rec.loss)
            self.grad_norms.append(rec.grad_norm)
        last = records[-1]
        self.rate = rate
        self.query_one(TrainProgress).show(last.step, last.epochs, rate)
        self.query_one(LossPanel).add((r.step, r.loss) for r in records)
        self.query_one(WindowPanel).show(last.step, last.target, last.prediction, last.input)
        self.query_one(FitChart).add([(r.t, r.target, r.prediction) for r in records])
        carry_on = self.trainer.config.carry_hidden if self.trainer else True
        self.query_one(HiddenPanel).show(last.step, last.hidden, last.carried, carry_on)
        self.updates += 1

    def on_train_tab_finished(self, message: Finished) -> None:
        if message.run != self._run:
            return
        self.active = self._active_before + message.active
        self.show_finished(message.unseen, self.active)

    def show_finished(self, unseen, seconds: float | None = None) -> None:
        """The end of a run: the unseen stretch in the chart and a summary (``seconds`` None: no timing)."""
        t_, target, prediction = unseen
        mse = float(np.mean((np.asarray(prediction, np.float64) - np.asarray(target, np.float64)) ** 2))
        chart = self.query_one(FitChart)
        chart.set_unseen(t_, target, prediction)
        box = self.query_one("#chart-box")
        box.border_title = self._legend(unseen=True)
        self._caption(mse)
        self.state = "finished"
        loss = self.query_one(LossPanel)
        text = t("train.summary", final=fmt_loss(self.losses[-1]), best=fmt_loss(loss.best), step=loss.best_step,
                 mse=fmt_loss(mse))
        if seconds is not None and seconds > 0:
            text += "\n" + t("train.summary_time", time=format_seconds(seconds), rate=f"{self.done / seconds:.1f}")
            epochs = self.trainer.config.epochs if self.trainer else self.done
            self.query_one(TrainProgress).show(self.done, epochs, self.rate, seconds)
        if self._engine_note:
            text += "\n" + self._engine_note
        self.say(text, "ok")
        self._sync_controls()

    def on_train_tab_stopped(self, message: Stopped) -> None:
        if message.run != self._run:
            return
        exc = message.error
        chart = self.query_one(FitChart)
        chart.flush()
        if message.kind == "unavailable" and self._fall_back(exc):
            return
        self.state = "stopped"
        if message.kind == "diverged":
            self.say(t("train.diverged", step=exc.step, loss=fmt_loss(exc.loss)), "error")
        elif message.kind == "unavailable":
            self.say(t("train.unavailable", error=exc), "error")
        else:
            self.say(t("train.failed", error=_one_line(exc)), "error")
        self._sync_controls()

    def _fall_back(self, exc: BaseException) -> bool:
        """torch is unavailable: switch to the numpy engine and go on, if the config allows it."""
        config = self.trainer.config if self.trainer else None
        if config is None or config.engine != "torch" or config.cell != "rnn":
            return False
        numpy_config = config.with_(engine="numpy")
        self.query_one(TrainForm).set_engine("numpy")
        self.config = numpy_config
        steps = None if self.state == "running" else 1
        self.trainer = None
        self._new_run(numpy_config)
        self._launch(steps)
        self._engine_note = t("train.fallback", error=exc)
        self.say(self._engine_note, "warning")
        return True

    # -- form and buttons ------------------------------------------------------------

    def on_train_form_edited(self, message: TrainForm.Edited) -> None:
        self.config = message.config
        if message.config is not None and self.state == "idle":
            self.query_one(HiddenPanel).show_config(message.config)
            self.query_one(TrainProgress).show(0, message.config.epochs)
        if message.config is not None and self._start_weights is not None:
            from core.init import shapes

            fits = all(self._start_weights[k].shape == s for k, s in shapes(message.config).items())
            if not fits:
                self._start_weights = None
                self.say(t("train.loaded_dropped"), "warning")
        if message.config is None and self.state in ("idle", "finished", "stopped"):
            self.say(t("train.fix_first"), "error")
        elif self.state == "idle" and self.status_text == t("train.fix_first"):
            self.say(t("train.hint"), "info")
        self._sync_controls()

    def on_train_form_speed_changed(self, message: TrainForm.SpeedChanged) -> None:
        self._delay = 0.0 if message.speed == 0 else 1 / message.speed
        self._chart_busy()

    def _chart_busy(self) -> None:
        """Flat out, the chart redraws rarely: its renders would slow the engine (they share the GIL)."""
        self.query_one(FitChart).busy = self.state == "running" and self._delay == 0

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"btn-start": self.play_pause, "btn-step": self.action_step, "btn-reset": self.action_reset,
                   "btn-save": self.action_save_model, "btn-metrics": self.action_save_metrics,
                   "btn-load": self.action_load}
        actions[event.button.id]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "load-path":
            self.action_load()
        self.focus()

    # -- files -----------------------------------------------------------------------

    def _path(self, name: str) -> Path:
        folder = self.save_dir if self.save_dir is not None else Path.cwd()
        path = Path(name).expanduser()
        return path if path.is_absolute() else folder / path

    def action_save_model(self) -> None:
        """s: save the trained model (weights + config) next to the metrics."""
        if self.trainer is None or self.done == 0:
            self.say(t("train.nothing_to_save"), "warning")
            return
        self._save_model(self.trainer, self._path(MODEL_NAME))

    @work(thread=True, group="files", exit_on_error=False)
    def _save_model(self, trainer: Trainer, path: Path) -> None:
        """Save in a thread: model files need torch, whose first import takes ~2 s."""
        from core.checkpoint import ModelFileError, save_model

        try:
            with self._step_lock:
                weights, config, done = trainer.weights(), trainer.config.with_(seed=trainer.seed), trainer.done
            save_model(path, config, weights)
        except (ModelFileError, OSError, ValueError) as exc:
            self.post_message(self.FileDone("model", path, _one_line(exc)))
        else:
            self.post_message(self.FileDone("model", path, loaded=done))

    def action_save_metrics(self) -> None:
        """m: save every step's loss and gradient norm as JSON."""
        if self.trainer is None or self.done == 0:
            self.say(t("train.nothing_to_save"), "warning")
            return
        path = self._path(METRICS_NAME)
        config = self.trainer.config.with_(seed=self.trainer.seed)
        try:
            write_text_atomic(path, metrics_json(metrics_dict(config, self.losses, self.grad_norms)))
        except OSError as exc:
            self.say(t("train.save_failed", path=path, error=exc.strerror or exc), "error")
        else:
            self.say(t("train.metrics_saved", n=self.done, path=path), "ok")

    def action_load(self) -> None:
        """Load a model file: its config fills the form and its weights start the next run."""
        if self.state == "running":
            self.say(t("train.pause_first"), "warning")
            return
        text = self.query_one("#load-path", Input).value.strip()
        if not text:
            self.say(t("train.no_path"), "error")
            return
        self.say(t("train.loading_file", path=self._path(text)), "info")
        self._load_model(self._path(text))

    @work(thread=True, group="files", exit_on_error=False)
    def _load_model(self, path: Path) -> None:
        from core.checkpoint import ModelFileError, load_model

        try:
            loaded = load_model(path)
        except (ModelFileError, OSError, ValueError) as exc:
            self.post_message(self.FileDone("load", path, _one_line(exc)))
        else:
            self.post_message(self.FileDone("load", path, loaded=loaded))

    def on_train_tab_file_done(self, message: FileDone) -> None:
        if message.error is not None:
            key = "train.load_failed" if message.what == "load" else "train.save_failed"
            self.say(t(key, path=message.path, error=message.error), "error")
        elif message.what == "model":
            self.say(t("train.model_saved", k=message.loaded, path=message.path), "ok")
        else:
            self._loaded(message.path, *message.loaded)

    def _loaded(self, path: Path, config: TrainConfig, weights: dict) -> None:
        self.workers.cancel_group(self, "train")
        self._run += 1
        self.trainer = None
        self._clear()
        self.state = "idle"
        self.query_one(TrainForm).fill(config)
        self.config = config
        self._start_weights = weights
        self.query_one(HiddenPanel).show_config(config)
        self.say(t("train.loaded", path=path, cell=config.cell, hidden=config.hidden_size), "ok")
        self._sync_controls()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

