"""The clipping preset's lesson (c in the Train tab): plain SGD without clipping explodes; then the same
seed, clipped by value, trains. This holds which half is running and what the first half showed."""

from __future__ import annotations

from core.sincos.config import CLIP_PRESET
from core.sincos.train import judge
from tui.i18n import t


class ClipLesson:
    """stage: None (no preset), 'unclipped' (the first half runs) or 'clipped' (the second half runs)."""

    def __init__(self) -> None:
        self.stage: str | None = None
        self.note = ""  # how the unclipped half diverged
        self.rescued = 0  # how many times the clipped half has trained to the end (a lesson's task reads it)

    def begin(self):
        """The config of the first half (no clipping)."""
        self.stage, self.note = "unclipped", ""
        return CLIP_PRESET.with_(clip_value=None)

    def diverged(self, exc):
        """The run diverged: if it was the first half, as it should, the config of the second (else None)."""
        if self.stage != "unclipped":
            return None
        self.note = t("train.preset_diverged", step=exc.step, loss=f"{exc.loss:.3g}")
        self.stage = "clipped"
        return CLIP_PRESET

    def led(self, text: str) -> str:
        """``text`` (what is training) led by the first half's outcome while the second half runs."""
        return f"{self.note}\n{text}" if self.note and self.stage == "clipped" else text

    def summary(self, text: str, losses, grad_maxes) -> str:
        """A finished run's summary, led by the lesson when it was the clipped half (then the lesson is over)."""
        if self.stage != "clipped":
            return text
        self.stage = None
        self.rescued += 1
        c = CLIP_PRESET.clip_value
        return t("train.preset_done", before=self.note, first=f"{losses[0]:.3g}", c=f"{c:g}",
                 last=f"{judge(losses).final:.2g}", clipped=sum(g > c for g in grad_maxes), steps=len(losses),
                 ) + "\n" + text  # final: the mean of the last FINAL_STEPS

    def forget(self) -> None:
        self.stage = None
