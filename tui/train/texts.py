"""The Train tab's longer status texts: what a run, a loaded file or a finished run means (wording only)."""

from __future__ import annotations

from pathlib import Path

from core.sincos.config import TrainConfig
from tui.i18n import t
from tui.train.files import why_failed


def training_text(trainer, seeded: bool) -> str:
    """What is training now: a loaded run going on (from which step, with which optimizer state) or a new one."""
    if trainer.start:  # a loaded run goes on
        where = {"next": trainer.start + 1, "n": trainer.config.epochs}
        if trainer.adam_continues or trainer.config.optimizer == "sgd":
            return t("train.continuing", **where)
        return t("train.continuing_fresh", **where, optimizer="Adam")
    return t("train.training_seed" if seeded else "train.training_random", seed=trainer.seed)


def finished_text(steps: int, epochs: int) -> str:
    return t("train.loaded_finished", k=steps, n=epochs, next=steps + 1)


def loaded_text(config: TrainConfig, steps: int | None, resume, path: Path) -> str:
    """What was loaded, then what space does with it (short: the status box is small at 80x24)."""
    if resume is None:
        head = t("train.loaded", path=path, cell=config.cell, hidden=config.hidden_size, k="?" if steps is None else steps)
        return t("train.then", first=head, then=t("train.loaded_weights_only"))
    if resume.steps >= config.epochs:
        return t("train.then", first=t("train.loaded_name", name=path.name), then=finished_text(resume.steps, config.epochs))
    key = "train.loaded_continue" if resume.adam is not None else "train.loaded_continue_sgd"
    return t(key, name=path.name, next=resume.steps + 1, n=config.epochs)


def stopped_text(kind: str, exc: BaseException) -> str:
    """Why training could not go on (kind: diverged, unavailable or error)."""
    if kind == "diverged":
        return t("train.diverged", step=exc.step, loss=f"{exc.loss:.3g}")
    if kind == "unavailable":
        return t("train.unavailable", error=exc)
    return t("train.failed", error=why_failed(exc))
