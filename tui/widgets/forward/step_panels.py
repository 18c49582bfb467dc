"""The row under the unrolled diagram: the step's equation, prevS and o (scalar or vector run)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal

from tui.i18n import t
from tui.widgets.forward.equation import EquationPanel, scalar_lines, unit_lines, vector_lines
from tui.widgets.forward.value_panel import ValuePanel
from tui.widgets.heat_strip import heat_text, legend_text
from tui.widgets.notation import num, signed, sub

TAIL = 200  # steps the sparklines under prevS and o show (the last ones)


class StepPanels(Horizontal):
    """Equation, prevS and o at one step of a run (``show``); empty for no run."""

    def compose(self) -> ComposeResult:
        yield EquationPanel(id="fw-equation")
        yield ValuePanel(id="fw-prevs")
        yield ValuePanel(id="fw-o")

    def on_mount(self) -> None:
        self.query_one(EquationPanel).border_title = t("forward.equation")

    def show(self, run, step: int, unit: int | None) -> None:
        """``run`` a scalar or vector run (None: nothing to show); ``unit`` the unit of s shown term by term."""
        equation = self.query_one(EquationPanel)
        prevs, out = self.query_one("#fw-prevs", ValuePanel), self.query_one("#fw-o", ValuePanel)
        if run is None or run.n == 0:
            equation.show(Text(""))
            prevs.border_title, out.border_title = "prevS", "o"
            prevs.show("", ())
            out.show("", ())
            return
        k = sub(step)
        prevs.border_title = t("forward.prevs", t=k)
        out.border_title = t("forward.o", t=k) if step else "o"
        prevs.border_subtitle = out.border_subtitle = t("forward.so_far")
        tail = slice(max(0, step - TAIL), step)
        if run.kind == "scalar":
            equation.show(scalar_lines(run, step, t), t("forward.eq.legend"), t("forward.folded"))
            value = run.params.s0 if step == 0 else run.s[step - 1]
            caption = t("forward.prevs_caption", t=step) if step else t("forward.prevs_caption0")
            prevs.show(num(value), run.s[tail], caption=caption)
            out.show(num(run.o[step - 1]) if step else "", run.o[tail],
                     caption=t("forward.o_caption", t=step) if step else t("forward.o_none"))
            return
        unit = unit if unit is not None and unit < run.weights.W.shape[0] else None
        if unit is None:
            equation.show(lambda width: vector_lines(run, step, t, width), t("forward.eq.legend_vec"), t("forward.folded"))
        else:
            equation.show(unit_lines(run, step, unit, t))
        s = run.trace.s0 if step == 0 else run.trace.s[step - 1]
        norm = 0.0 if step == 0 else float(run.s_norm[step - 1])
        prevs.show("", run.s_norm[tail], top=lambda width: _strip(s, unit, width), caption=f"‖s{k}‖ = {norm:.2f}")
        out.show("", run.trace.o[tail, 0], top=lambda width: _outputs(run, step),
                 caption=t("forward.o1_caption") if step else "")


def _strip(s, unit: int | None, width: int) -> tuple[Group, int]:
    """The heat strip of s (the lens's unit marked) and its legend, in ``width`` cells: (renderable, rows)."""
    cell = max(1, min(4, width // max(len(s), 1)))
    shown = s if cell * len(s) <= width else s[: max(width - 1, 1)]
    row = heat_text(shown, cell, mark=unit)
    if len(shown) < len(s):
        row.append("…", style="dim")
    legend = legend_text()
    if legend.cell_len > width:
        legend = legend_text(compact=True)
    return Group(row, legend), 2


def _outputs(run, step: int) -> tuple[Text, int]:
    """The first three outputs at ``step`` (none before the first step): (text, rows)."""
    if step == 0:
        return Text(t("forward.o_none"), style="italic"), 1
    lines = [f"[{i + 1}] {signed(v)}" for i, v in enumerate(run.trace.o[step - 1][:3])]
    return Text("\n".join(lines), style="bold"), len(lines)
