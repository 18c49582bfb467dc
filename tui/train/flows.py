"""The Train tab's longer flows (a mixin of TrainTab): the clipping preset, the torch warm-up and
the fall-back to NumPy, and a model loaded from a file."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import work

from core.sincos.config import CLIP_PRESET, TrainConfig
from core.sincos.train import judge
from tui.i18n import t
from tui.train.messages import Warmed
from tui.train.state import RunState
from tui.widgets.train.form import TrainForm


class TrainFlows:
    """Uses the tab's ``state``, ``config``, ``trainer``, ``view``, ``say``, ``start`` and ``_forget``."""

    # -- the clipping preset (c): plain SGD without clipping explodes; then the same seed, clipped by value

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

    def _preset_diverged(self, exc) -> bool:
        """The unclipped half diverged as it should: keep its gradient row, run the clipped half."""
        if self._preset != "unclipped":
            return False
        self._preset_note = t("train.preset_diverged", step=exc.step, loss=f"{exc.loss:.3g}")
        self.view.pin_reference(t("train.preset_ref"))
        self._preset = "clipped"
        self._fill(CLIP_PRESET)
        self.start(keep_reference=True)
        return True

    def _preset_summary(self, text: str) -> str:
        """The summary of a finished run, led by the preset's lesson when it was the clipped half."""
        if self._preset != "clipped":
            return text
        self._preset = None
        c = CLIP_PRESET.clip_value
        clipped = sum(g > c for g in self.grad_maxes)
        return t("train.preset_done", before=self._preset_note, first=f"{self.losses[0]:.3g}", c=f"{c:g}",
                 last=f"{judge(self.losses).final:.2g}", clipped=clipped, steps=len(self.losses),
                 ) + "\n" + text  # final: the mean of the last FINAL_STEPS

    # -- torch: imported in the background, or replaced by NumPy when it is unavailable

    def on_first_show(self) -> None:
        """Import torch in the background (~2 s) so Start is quick."""
        if not self._warmed and self.config is not None and self.config.engine == "torch":
            self._warmed = True
            if "core.sincos.train_torch" not in sys.modules and self.state == RunState.IDLE:
                self.say(t("train.warming"), "info")  # the import holds the GIL: the screen may pause
            self.call_after_refresh(self._warm_up)

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_up(self) -> None:
        try:
            import core.sincos.train_torch  # noqa: F401
        except Exception:
            pass  # a run reports it (and falls back to numpy)
        self.post_message(Warmed())

    def on_train_warmed(self, message: Warmed) -> None:
        if self.status_text == t("train.warming"):
            self.say(t("train.hint"), "info")

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

    # -- a model file

    def loaded(self, config: TrainConfig, weights: dict, steps: int | None, resume, path: Path) -> None:
        """A model read from a file: its config in the form; space continues its run from the saved
        state (``resume``), or for an older file (weights only) starts a new run from its weights."""
        self._forget()
        self._fill(config)
        self._start_weights, self._start_resume = weights, resume
        if resume is not None:
            self.view.loaded(resume.steps, resume.h is not None)  # the step it goes on from, and its h
        self.say(self._loaded_text(config, steps, resume, path), "ok")
        self._sync_controls()

    def _loaded_text(self, config: TrainConfig, steps: int | None, resume, path: Path) -> str:
        """What was loaded, then what space does with it (short: the status box is small at 80x24)."""
        if resume is None:
            head = t("train.loaded", path=path, cell=config.cell, hidden=config.hidden_size,
                     k="?" if steps is None else steps)
            return t("train.then", first=head, then=t("train.loaded_weights_only"))
        if resume.steps >= config.epochs:
            return t("train.then", first=t("train.loaded_name", name=path.name),
                     then=self._finished_text(resume.steps, config.epochs))
        key = "train.loaded_continue" if resume.adam is not None else "train.loaded_continue_sgd"
        return t(key, name=path.name, next=resume.steps + 1, n=config.epochs)

    @staticmethod
    def _finished_text(steps: int, epochs: int) -> str:
        return t("train.loaded_finished", k=steps, n=epochs, next=steps + 1)

    def _check_loaded_fits(self, config: TrainConfig | None) -> None:
        """A form change that no longer fits the loaded weights drops them (and says so)."""
        if config is not None and self._start_weights is not None:
            from core.sincos.init import shapes

            if any(self._start_weights[k].shape != s for k, s in shapes(config).items()):
                self._start_weights, self._start_resume = None, None
                self.say(t("train.loaded_dropped"), "warning")
