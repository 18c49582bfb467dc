"""What a lesson step may set in each tab and which of its parts it may highlight, declared once: the
parser checks a file against these, and ``apply`` sets them through the tab's own state and actions.

    tab = "forward"
    set = { sentence = "我爱中国", mode = "scalar", u = 1, step = 0 }
    highlight = "prevs"
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from tui.lessons.args import Arg
from tui.panes import GRADIENT_VIEWS

Optional = partial(Arg, required=False)  # a step sets what it names and leaves the rest
SETTINGS: dict[str, tuple[Arg, ...]] = {
    "forward": (Optional("sentence", str), Optional("mode", str, ("scalar", "vector")), Optional("tokens", str, ("word", "char")),
                Optional("u", float), Optional("w", float), Optional("v", float), Optional("s0", float), Optional("step", int)),
    "context": (Optional("sentence", str), Optional("step", int)),
    "train": (Optional("defaults", bool),),
    "gradients": (Optional("view", str, GRADIENT_VIEWS), Optional("cell", str, ("scalar", "rnn", "lstm", "gru")),
                  Optional("w", float), Optional("length", int)),
    "concepts": (),
}

# The parts a step may highlight: each already has a border, which the highlight draws heavy (so nothing moves).
HIGHLIGHTS: dict[str, dict[str, str]] = {
    "forward": {"diagram": "#fw-diagram", "equation": "#fw-equation", "prevs": "#fw-prevs", "o": "#fw-o",
                "history": "#fw-history"},
    "context": {"reading": "#ctx-reading"},
    "train": {"side": "#train-side", "chart": "#chart-box"},
    "gradients": {},
    "concepts": {},
}
MARK = "lesson-mark"  # the CSS class of the highlighted part (tui/app.tcss)


def apply(tab, pane: str, values: dict) -> None:
    """Set ``values`` (checked against SETTINGS[pane]) on the tab's root widget."""
    SETTERS[pane](tab, values)


def settled(tab, pane: str, values: dict) -> bool:
    """The tab shows what ``apply`` set (the Gradients form reaches its tab by message, a moment later)."""
    if pane != "gradients":
        return True
    spec = tab.spec
    return all(getattr(spec, k) == v for k, v in values.items() if k != "view") and tab.view == values.get("view", tab.view)


def _forward(tab, values: dict) -> None:
    inputs = tab.inputs
    if "mode" in values and (inputs.compare or inputs.mode != values["mode"]):
        inputs = replace(inputs, compare=False, mode=values["mode"])
    if "tokens" in values:
        inputs = replace(inputs, tokens=values["tokens"])
    scalar = {k: float(values[k]) for k in ("u", "w", "v", "s0") if k in values}
    inputs = replace(inputs, scalar=replace(inputs.scalar, **scalar))
    if "sentence" in values and values["sentence"] != inputs.sentence:
        tab.set_sentence(values["sentence"])
    tab.inputs = replace(inputs, sentence=tab.inputs.sentence)
    if "step" in values:
        tab.player.stop()
        tab.step = values["step"] if values["step"] >= 0 else tab.step_count()


def _context(tab, values: dict) -> None:
    if tab.compare:
        tab.action_compare()
    if tab.lens:
        tab.action_lens()
    if "sentence" in values and values["sentence"] != tab.sentence:
        tab.set_sentences(values["sentence"])
    if "step" in values:
        tab.player.stop()
        tab.step = values["step"] if values["step"] >= 0 else tab.step_count()


def _train(tab, values: dict) -> None:
    if values.get("defaults"):
        tab.action_defaults()


def _gradients(tab, values: dict) -> None:
    from tui.widgets.gradients.controls import GradControls

    tab.query_one(GradControls).put({k: v for k, v in values.items() if k != "view"})
    if "view" in values:
        tab.show_view(values["view"])


SETTERS = {"forward": _forward, "context": _context, "train": _train, "gradients": _gradients,
           "concepts": lambda tab, values: None}
