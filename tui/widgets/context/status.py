"""The Context tab's status line: what is going on, and which weights are on screen (wording only)."""

from __future__ import annotations

from tui.i18n import t
from tui.runs import RunState
from tui.widgets.context.train_panel import pct


def status_line(tab, last, error: str | None = None, complete: bool = True) -> tuple[str, str] | None:
    """(text, kind) for the tab's state (tui.tabs.context), ``last`` the latest training record (None: none
    this session); None when the state has nothing to say (loading, failed)."""
    if tab.state == RunState.RUNNING:
        return t("context.training", n=len(tab.trainer.corpus.train) if tab.trainer else 0), "info"
    if tab.state == RunState.IDLE:
        if error is None:
            return t("context.untrained", h=tab.config.hidden), "warning"
        return t("context.train_failed", error=error), "error"
    if tab.state != RunState.FINISHED:
        return None
    if error is not None:
        return t("context.train_failed_partly", error=error, k=tab.models.steps), "error"
    if tab.use_random:
        return t("context.showing_random"), "warning"
    if last is None:
        return t("context.trained_loaded", k=tab.models.steps, h=tab.models.hidden), "ok"
    text = t("context.trained" if complete else "context.trained_partly", seconds=f"{last.seconds:.1f}",
             k=tab.models.steps, steps=last.steps, rnn=pct(last.acc_rnn), bag=pct(last.acc_bag))
    if tab.negation is not None:
        check = tab.negation
        text += " " + t("context.reviews_check", n=check.edits, rnn=pct(check.rnn), bag=pct(check.bag))
    return text, "ok"
