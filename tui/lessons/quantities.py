"""The quantities a lesson's question may ask for: each is computed by the engine from the app's state at
the moment the student answers (change u first, and the expected prevS follows), and each can show its
working with the numbers it used (what a wrong answer gets).

    question.answer = { quantity = "prev_s", step = 2 }     # in a lesson file

A numeric quantity returns a float; a choice quantity one of its ``outcomes`` (the question's choices).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.i18n import t
from tui.lessons.args import Arg
from tui.lessons.checks import tab_of
from tui.runs import RunState
from tui.widgets.notation import num, sub


class NotReady(Exception):
    """The app cannot compute it yet (the message says what to do first, in the interface's language)."""


@dataclass(frozen=True)
class Quantity:
    name: str
    tab: str
    args: tuple[Arg, ...]
    value: Callable  # (app, **args) -> float | str
    explain: Callable  # (app, **args) -> str: the working, with the numbers used
    outcomes: tuple[str, ...] | None = None  # a choice quantity's possible answers (None: a number)


QUANTITIES: dict[str, Quantity] = {}


def quantity(name: str, tab: str, *args: Arg, explain: Callable, outcomes: tuple[str, ...] | None = None):
    def register(fn: Callable) -> Callable:
        QUANTITIES[name] = Quantity(name, tab, args, fn, explain, outcomes)
        return fn
    return register


# ----- Forward: the tutorial's walk-through, with the tab's own sentence and u, w, v, s0 -----------------

def _scalar_step(app, step: int):
    """The Forward tab's scalar run and its step ``step`` (1-based; -1: the last)."""
    tab = tab_of(app, "forward")
    if tab is None or tab.run is None:
        raise NotReady(t("lesson.need_tab", tab=t("tab.forward")))
    run = tab.run
    if run.kind != "scalar":
        raise NotReady(t("lesson.need_scalar"))
    k = run.n if step == -1 else step
    if not 1 <= k <= run.n:
        raise NotReady(t("lesson.no_such_step", step=step, n=run.n))
    return run, run.steps[k - 1]


STEP = Arg("step", int)


def _explain_s(app, step: int) -> str:
    run, s = _scalar_step(app, step)
    p = run.params
    return t("lesson.explain.s", t=sub(s.t), t0=sub(s.t - 1), x=num(s.x), u=num(p.u), prev=num(s.prev_s), w=num(p.w),
             s=num(s.s), token=s.token)


def _explain_o(app, step: int) -> str:
    run, s = _scalar_step(app, step)
    return _explain_s(app, step) + "\n" + t("lesson.explain.o", t=sub(s.t), s=num(s.s), v=num(run.params.v), o=num(s.o))


def _explain_x(app, step: int) -> str:
    run, s = _scalar_step(app, step)
    ids = " ".join(f"{token}={i}" for token, i in run.vocab)
    return t("lesson.explain.x", token=s.token, x=num(s.x), ids=ids)


@quantity("token_id", "forward", STEP, explain=_explain_x)
def token_id(app, step: int) -> float:
    """x at step k: the id of the k-th token."""
    return _scalar_step(app, step)[1].x


@quantity("prev_s", "forward", STEP, explain=_explain_s)
def prev_s(app, step: int) -> float:
    """prevS after step k (s_k = x_k·u + s_{k-1}·w)."""
    return _scalar_step(app, step)[1].s


@quantity("o", "forward", STEP, explain=_explain_o)
def output(app, step: int) -> float:
    """o at step k (o_k = s_k·v)."""
    return _scalar_step(app, step)[1].o


# ----- Context: the trained models on the tab's sentence --------------------------------------------

def _reading(app):
    tab = tab_of(app, "context")
    if tab is None or tab.state != RunState.FINISHED or tab.models is None:
        raise NotReady(t("lesson.need_trained"))
    if tab.reading is None or not tab.reading.tokens:
        raise NotReady(t("lesson.need_sentence"))
    if tab.use_random:
        raise NotReady(t("lesson.need_trained_shown"))
    return tab.reading


def _side(p: float) -> str:
    return t("lesson.positive" if p >= 0.5 else "lesson.negative")


def _explain_p(app, word: int) -> str:
    r = _reading(app)
    k = len(r.tokens) if word == -1 else word
    return t("lesson.explain.p", word=r.tokens[k - 1], k=k, p=f"{float(r.p_positive[k - 1]):.2f}")


@quantity("p_positive", "context", Arg("word", int), explain=_explain_p)
def p_positive(app, word: int) -> float:
    """The RNN's P(positive) after word k (-1: the whole sentence)."""
    r = _reading(app)
    k = len(r.tokens) if word == -1 else word
    if not 1 <= k <= len(r.tokens):
        raise NotReady(t("lesson.no_such_word", word=word, n=len(r.tokens)))
    return float(r.p_positive[k - 1])


LABELS = ("positive", "negative")


def _explain_right(app, label: str) -> str:
    r = _reading(app)
    return t("lesson.explain.right", rnn=f"{r.p_final:.2f}", rnn_side=_side(r.p_final), bag=f"{r.bag_p:.2f}",
             bag_side=_side(r.bag_p), label=t(f"lesson.{label}"))


@quantity("right_model", "context", Arg("label", str, LABELS), explain=_explain_right,
          outcomes=("rnn", "bag", "both", "neither"))
def right_model(app, label: str) -> str:
    """Which model's answer for the whole sentence matches ``label``: rnn, bag (order-blind), both or neither."""
    r = _reading(app)
    want = label == "positive"
    rnn, bag = (r.p_final >= 0.5) == want, (r.bag_p >= 0.5) == want
    return {(True, True): "both", (True, False): "rnn", (False, True): "bag", (False, False): "neither"}[rnn, bag]


# ----- Train: the sin -> cos task -----------------------------------------------------------------

def _time_step(app) -> int:
    tab = tab_of(app, "train")
    from core.sincos.config import TrainConfig

    config = tab.config if tab is not None and tab.config is not None else TrainConfig()
    return config.time_step


def _explain_zero(app) -> str:
    return t("lesson.explain.zero", n=_time_step(app), loss=f"{zero_loss(app):.3g}")


@quantity("zero_loss", "train", explain=_explain_zero)
def zero_loss(app) -> float:
    """The loss of a net that always answers 0 on the first window (the mean of cos² over its points)."""
    from core.sincos.data import window

    w = window(0, _time_step(app), "float64")
    return float((w.y ** 2).mean())


def _losses(app, step: int):
    tab = tab_of(app, "train")
    losses = tab.run.losses if tab is not None else ()
    k = len(losses) if step == -1 else step
    if not losses or not 1 <= k <= len(losses):
        raise NotReady(t("lesson.need_loss", step=step))
    return losses, k


@quantity("loss", "train", STEP, explain=lambda app, step: t("lesson.explain.loss", k=_losses(app, step)[1],
                                                                 loss=f"{loss(app, step):.3g}"))
def loss(app, step: int) -> float:
    """The Train tab's loss at step k of its run (-1: the last step so far)."""
    losses, k = _losses(app, step)
    return float(losses[k - 1])


# ----- Gradients: how much of the gradient reaches back, with the tab's own settings --------------------

BACK = Arg("steps", int)


def _kept(spec, steps: int) -> float:
    """‖∂o_T/∂x_{T-steps}‖ / ‖∂o_T/∂x_T‖ for ``spec`` (long enough to reach that far back)."""
    from dataclasses import replace

    from core.gradients import compute

    norms = compute(replace(spec, length=max(spec.length, steps + 1))).norms
    return float(norms[-1 - steps] / norms[-1])


def _spec(app):
    tab = tab_of(app, "gradients")
    if tab is None:
        raise NotReady(t("lesson.need_tab", tab=t("tab.gradients")))
    return tab.spec


def _explain_kept(app, steps: int) -> str:
    spec = _spec(app)
    if spec.cell == "scalar":
        return t("lesson.explain.kept_scalar", w=num(spec.w), k=steps, value=f"{_kept(spec, steps):.3g}")
    return t("lesson.explain.kept", cell=spec.cell, k=steps, value=f"{_kept(spec, steps):.3g}")


@quantity("gradient_kept", "gradients", BACK, explain=_explain_kept)
def gradient_kept(app, steps: int) -> float:
    """The share of the last step's gradient that reaches ``steps`` steps back, for the tab's cell and settings."""
    return _kept(_spec(app), steps)


CELLS = ("rnn", "lstm", "gru")


def _reach(spec, cell: str, steps: int) -> float:
    """‖∂o_T/∂x_{T-steps}‖ for ``cell`` with the tab's other settings (what the chart draws at t = T - steps)."""
    from dataclasses import replace

    from core.gradients import compute

    return float(compute(replace(spec, cell=cell, length=max(spec.length, steps + 1))).norms[-1 - steps])


def _explain_best(app, steps: int) -> str:
    spec = _spec(app)
    reach = ", ".join(f"{c} {_reach(spec, c, steps):.2g}" for c in CELLS)
    return t("lesson.explain.best", k=steps, t=max(spec.length, steps + 1) - steps, kept=reach)


@quantity("best_cell", "gradients", BACK, explain=_explain_best, outcomes=CELLS)
def best_cell(app, steps: int) -> str:
    """Which cell (rnn, lstm, gru), with the tab's settings, has the largest ‖∂o_T/∂x‖ ``steps`` steps back."""
    spec = _spec(app)
    return max(CELLS, key=lambda c: _reach(spec, c, steps))
