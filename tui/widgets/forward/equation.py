"""The current step's equations filled in with its numbers.

Scalar:  s₂ = u·x₂ + w·s₁ = 1·2 + 1·2 = 4      o₂ = v·s₂ = 2·4 = 8   (u, w, v: numbers)
Vector:  s₂ = tanh(U·x₂ + W·s₁ + b) with the shapes: U (8×3), x₂ (3), ...
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tui.widgets.notation import WEIGHTS, num, signed, sub


def _term(value: float) -> str:
    """A factor in a product: negative numbers in parentheses."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def scalar_lines(run, step: int, t_) -> Text:
    """The scalar walk-through's two equations at ``step`` (0: the starting state)."""
    p = run.params
    if step == 0:
        out = Text(t_("forward.eq.start") + "\n\n", style="bold")
        out.append("s₀ = prevS = ").append(num(p.s0), style="bold").append("\n\n")
        out.append(t_("forward.eq.next"), style="italic")
        return out
    r = run.steps[step - 1]
    k, j = sub(step), sub(step - 1)
    out = Text()
    u, w, v = WEIGHTS["scalar"]
    out.append(f"s{k}", style="bold").append(f" = {u}·x{k} + {w}·s{j}\n")
    out.append(f"   = {_term(p.u)}·{_term(r.x)} + {_term(p.w)}·{_term(r.prev_s)}\n")
    out.append("   = ").append(num(r.s), style="bold").append("\n")
    out.append(f"o{k}", style="bold").append(f" = {v}·s{k}\n")
    out.append(f"   = {_term(p.v)}·{_term(r.s)} = ").append(num(r.o), style="bold")
    return out


def vector_lines(run, step: int, t_, width: int = 80) -> Text:
    """The vector RNN's equations with the shapes of every factor (a narrow layout
    when the one-line form does not fit ``width``)."""
    H, V = run.weights.W.shape[0], run.vocab_size
    O = run.weights.V.shape[0]
    f = run.params.activation
    if step == 0:
        out = Text(t_("forward.eq.start_vec") + "\n\n", style="bold")
        out.append(f"s₀ = 0  ({H})\n\n")
        out.append(t_("forward.eq.next"), style="italic")
        return out
    k, j = sub(step), sub(step - 1)
    tid = sub(int(run.trace.ids[step - 1]))
    out = Text()
    wide = [f"s{k} = {f}(U·x{k} + W·s{j} + b)", f"  U {H}×{V} · x{k} {V} (= e{tid})"]
    if max(cell_len(line) for line in wide) <= width:
        out.append(f"s{k}", style="bold").append(f" = {f}(U·x{k} + W·s{j} + b)\n")
        out.append(f"  U {H}×{V} · x{k} {V} (= e{tid})\n", style="dim")
        out.append(f"  W {H}×{H} · s{j} {H},  b {H}\n", style="dim")
        out.append(f"o{k}", style="bold").append(f" = V·s{k} + c\n")
        out.append(f"  V {O}×{H} · s{k} {H},  c {O}", style="dim")
    else:
        out.append(f"s{k}", style="bold").append(f" = {f}(\n  U·x{k}+W·s{j}+b)\n")
        out.append(f"U {H}×{V}, x{k}=e{tid}\n", style="dim")
        out.append(f"W {H}×{H}, b {H}\n", style="dim")
        out.append(f"o{k}", style="bold").append(f" = V·s{k} + c\n")
        out.append(f"V {O}×{H}, c {O}", style="dim")
    return out


def unit_lines(run, step: int, j: int, t_) -> Text:
    """Unit j (0-based) of s at ``step``, term by term, every number from core's unit_step."""
    from core.forward.vector import unit_step

    H = run.weights.W.shape[0]
    n = j + 1  # units are numbered from 1 on screen, like o[1], o[2]
    out = Text(t_("forward.unit.title", j=n, h=H) + "\n", style="dim")
    if step == 0:
        return out.append(t_("forward.unit.before", j=n))
    u = unit_step(run.trace, run.weights, step, j)
    k, p, tid = sub(step), sub(step - 1), u.token_id
    f = run.params.activation
    out.append(f"a[{n}]", style="bold").append(f" = Σₖ U[{n},k]·x{k}[k]\n")
    out.append(f"     + Σₘ W[{n},m]·s{p}[m]\n")
    out.append(f"     + b[{n}]\n")
    out.append(f"     = {signed(u.input)} {signed(u.memory)} {signed(u.bias)}\n")
    out.append("     = ").append(signed(u.a), style="bold").append("\n")
    out.append(f"s{k}[{n}]", style="bold").append(f" = {f}(a[{n}]) = ").append(signed(u.s), style="bold").append("\n")
    out.append(t_("forward.unit.input", t=k, sid=sub(tid), id=tid, j=n) + "\n", style="dim")
    m = int(abs(u.memory_terms).argmax())
    out.append(t_("forward.unit.memory", h=H, j=n, m=m + 1, p=p, v=signed(float(u.memory_terms[m]))) + "\n", style="dim")
    out.append(t_("forward.unit.bias", j=n, v=signed(u.bias)), style="dim")
    return out


class EquationPanel(Widget):
    """The equations, and below them a one-line legend of the symbols when it fits."""

    DEFAULT_CSS = """
    EquationPanel {
        padding: 0 1;
        border: round $primary 60%;
        border-title-color: $text-primary;
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.lines, self.legend, self.folded = Text(), "", ""

    def show(self, lines, legend: str = "", folded: str = "") -> None:
        """``lines``: Text, or a function of the width returning Text; ``legend`` below
        when it fits, then the folded network under the caption ``folded`` when that fits too."""
        self.lines, self.legend, self.folded = lines, legend, folded
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        out = self.lines(width) if callable(self.lines) else self.lines.copy()
        if self.legend:
            used = sum(len(line.wrap(self.app.console, max(width, 1))) for line in out.split("\n"))
            legend = Text(self.legend, style="dim italic")
            need = len(legend.wrap(self.app.console, max(width, 1)))
            if used + 1 + need <= height:
                out.append("\n\n").append_text(legend)
                used += 1 + need
                if self.folded and used + 5 <= height:
                    out.append("\n\n").append_text(folded_figure(self.folded))
        return out


def folded_figure(caption: str) -> Text:
    """The RNN folded: one cell whose state loops back into itself through W.

        x ─U→ s ─V→ o
              ↻ W
    """
    out = Text(caption + "\n", style="dim")
    out.append("  x ─").append("U", style="bold").append("→ ").append("s", style="bold")
    out.append(" ─").append("V", style="bold").append("→ o\n")
    out.append("        ↻ ").append("W", style="bold")
    return out
