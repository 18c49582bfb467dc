"""The checks a lesson's task may name: each reads the app's state (the tabs' own reactive state) and
says whether the task is done. The lesson panel asks again whenever the app may have changed.

    task = { check = "forward_step", at = 3 }     # in a lesson file
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.lessons.args import Arg
from tui.panes import GRADIENT_VIEWS, TABS
from tui.runs import RunState


@dataclass(frozen=True)
class TaskCheck:
    """A check: its tab (None: any), its arguments, ``done(app, start, **args)``, and what it notes when
    the step begins (``start``: e.g. the sentence then, so "change the sentence" means change it from that)."""

    name: str
    tab: str | None
    args: tuple[Arg, ...]
    done: Callable[..., bool]
    snapshot: Callable | None = None


CHECKS: dict[str, TaskCheck] = {}


def check(name: str, tab: str | None, *args: Arg, snapshot: Callable | None = None):
    def register(fn: Callable[..., bool]) -> Callable[..., bool]:
        CHECKS[name] = TaskCheck(name, tab, args, fn, snapshot)
        return fn
    return register


def tab_of(app, pane: str):
    """The tab's root widget if it is built (None: not yet)."""
    return app.tab(pane)


def _forward_value(app, field: str):
    tab = tab_of(app, "forward")
    if tab is None:
        return None
    return tab.inputs.sentence if field == "sentence" else getattr(tab.inputs.scalar, field)


def _context_sentence(app):
    tab = tab_of(app, "context")
    return None if tab is None else tab.sentence


# ----- any tab ------------------------------------------------------------------------------------

@check("tab_shown", None, Arg("tab", str, tuple(TABS)))
def tab_shown(app, start, tab: str) -> bool:
    active = app.active_tab()
    return active is not None and app.tab(tab) is active


# ----- Forward ------------------------------------------------------------------------------------

@check("forward_step", "forward", Arg("at", int))
def forward_step(app, start, at: int) -> bool:
    tab = tab_of(app, "forward")
    return tab is not None and tab.step == at


@check("forward_end", "forward")
def forward_end(app, start) -> bool:
    tab = tab_of(app, "forward")
    return tab is not None and tab.step_count() > 0 and tab.step == tab.step_count()


@check("forward_mode", "forward", Arg("mode", str, ("scalar", "vector", "compare")))
def forward_mode(app, start, mode: str) -> bool:
    tab = tab_of(app, "forward")
    if tab is None:
        return False
    shown = "compare" if tab.inputs.compare else tab.inputs.mode
    return shown == mode


@check("forward_changed", "forward", Arg("field", str, ("sentence", "u", "w", "v", "s0")),
       snapshot=lambda app, field: _forward_value(app, field))
def forward_changed(app, start, field: str) -> bool:
    now = _forward_value(app, field)
    return now is not None and now != start


# ----- Context ------------------------------------------------------------------------------------

@check("context_trained", "context")
def context_trained(app, start) -> bool:
    tab = tab_of(app, "context")
    return tab is not None and tab.state == RunState.FINISHED and tab.models is not None


@check("context_step", "context", Arg("at", int))
def context_step(app, start, at: int) -> bool:
    tab = tab_of(app, "context")
    return tab is not None and tab.reading is not None and tab.step == at


@check("context_end", "context")
def context_end(app, start) -> bool:
    tab = tab_of(app, "context")
    return tab is not None and tab.step_count() > 0 and tab.step == tab.step_count()


def disagree(reading) -> bool:
    """The trained RNN and the order-blind model give the sentence opposite answers."""
    p, bag = reading.p_final, reading.bag_p
    return p is not None and bag is not None and reading.trained and (p >= 0.5) != (bag >= 0.5)


@check("models_disagree", "context", snapshot=lambda app: _context_sentence(app))
def models_disagree(app, start) -> bool:
    """A sentence of the student's own (not the one the step began with) that the two models answer apart."""
    tab = tab_of(app, "context")
    return (tab is not None and tab.sentence != start and tab.reading is not None and not tab.use_random
            and not tab.compare and disagree(tab.reading))


# ----- Train --------------------------------------------------------------------------------------

@check("train_finished", "train")
def train_finished(app, start) -> bool:
    tab = tab_of(app, "train")
    return tab is not None and tab.state == RunState.FINISHED


@check("clip_rescued", "train", snapshot=lambda app: _rescued(app))
def clip_rescued(app, start) -> bool:
    """The clipping preset ran: its unclipped half exploded, then the clipped half trained to the end."""
    return _rescued(app) > (start or 0)


def _rescued(app) -> int:
    tab = tab_of(app, "train")
    return 0 if tab is None else tab.lesson.rescued


# ----- Gradients ----------------------------------------------------------------------------------

@check("gradients_view", "gradients", Arg("view", str, GRADIENT_VIEWS))
def gradients_view(app, start, view: str) -> bool:
    tab = tab_of(app, "gradients")
    return tab is not None and tab.view == view
