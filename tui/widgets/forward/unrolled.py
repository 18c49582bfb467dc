"""The RNN unrolled over time: one column per step, only the visible window drawn.

        o₁=4        o₂=8        o₃
         ↑v          ↑v          ↑v
 s₀=1 ─w→ s₁=2  ─w→ s₂=4  ─w→ s₃
         ↑u          ↑u          ↑u
        x₁=1        x₂=2        x₃=3
         我          爱          中国

Scalar mode writes the weights u, w, v (numbers), vector mode U, W, V (matrices).
The current step is lit, steps not reached yet are dim. Whatever the sentence's
length, a redraw formats only the columns that fit (the current one in view).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.heat_strip import heat_text
from tui.widgets.notation import WEIGHTS, center, drawable, num, sub

GUTTER = 3  # columns for the "─w→" (scalar) or "─W→" (vector) arrow between two steps
MAX_BODY = 16  # widest step column


@dataclass(frozen=True)
class Column:
    """The five labels of one time step (top to bottom, arrows aside)."""

    o: Text
    s: Text
    x: Text
    token: Text


def _labels(run, t: int, step: int) -> Column:
    """Labels of step ``t`` (1-based) when the walk stands at ``step``."""
    done = t <= step
    token = Text(drawable(run.tk.tokens[t - 1]))
    if run.kind == "scalar":
        r = run.steps[t - 1]
        o = Text(f"o{sub(t)}" + (f"={num(r.o)}" if done else ""))
        s = Text(f"s{sub(t)}" + (f"={num(r.s)}" if done else ""))
        x = Text(f"x{sub(t)}={num(r.x)}")
        return Column(o, s, x, token)
    o = Text(f"o{sub(t)}")
    s = Text(f"s{sub(t)}")
    if done:
        o.append(" ").append_text(_mini(run.trace.o[t - 1], 3))
        s.append(" ").append_text(_mini(run.trace.s[t - 1], 5))
    x = Text(f"x{sub(t)}=e{sub(int(run.tk.ids[t - 1]))}")
    return Column(o, s, x, token)


def _lead(run, start: int, step: int) -> Text:
    """The state entering the first drawn column: s₀, or s_{start-1} after a scroll."""
    t = start - 1
    prefix = "⋯ " if t > 0 else ""
    if run.kind == "scalar":
        value = run.params.s0 if t == 0 else run.s[t - 1]
        return Text(f"{prefix}s{sub(t)}=" + (num(value) if t <= step else "?") + " ")
    return Text(f"{prefix}s{sub(t)}" + ("=0 " if t == 0 else " "))


def _mini(values, most: int) -> Text:
    """A one-column-per-unit strip of at most ``most`` units ('…' when cut)."""
    out = heat_text(values[:most], 1)
    return out.append("…", style="dim") if len(values) > most else out


def window(step: int, n: int, count: int) -> int:
    """First step drawn so that ``count`` columns keep ``step`` in view, near the middle."""
    start = max(step, 1) - (count - 1) // 2
    return max(1, min(start, n - count + 1))


def _body_width(cols: list[Column]) -> int:
    widest = max((cell_len(c.plain) for col in cols for c in (col.o, col.s, col.x, col.token)), default=4)
    return min(max(widest + 1, 6), MAX_BODY)


class UnrolledDiagram(Widget):
    """The unrolled network. Call ``show(run, step)``; ``run`` may be None (nothing to draw)."""

    COMPONENT_CLASSES = {"unrolled--current", "unrolled--future", "unrolled--arrow"}
    DEFAULT_CSS = """
    UnrolledDiagram {
        height: 8;
        border: round $primary 60%;
        border-title-color: $text-primary;
        padding: 0 1;
        & > .unrolled--current { background: $accent; color: auto 95%; text-style: bold; }
        & > .unrolled--future { color: $text-muted; }  /* not yet stepped to; $text-disabled is unreadable on the light theme */
        & > .unrolled--arrow { color: $text-primary; text-style: bold; }
    }
    """

    step: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.run = None
        self.hint = ""

    def show(self, run, step: int, hint: str = "") -> None:
        """Draw ``run`` at ``step`` (or ``hint`` when there is no run)."""
        self.run, self.hint = run, hint
        self.step = step
        self.refresh()

    def _columns(self, width: int) -> tuple[int, list[Column], Text, int]:
        """Pick the window of steps that fits ``width``: (start, columns, lead, body)."""
        run, step = self.run, self.step
        count = max(1, min(run.n, width // (GUTTER + 6)))
        while True:
            start = window(step, run.n, count)
            ts = range(start, min(start + count, run.n + 1))
            lead = _lead(run, start, step)
            body = _body_width([_labels(run, t, run.n) for t in ts])  # as wide as when computed: no jumps
            more = 5 if start + count <= run.n else 0  # room for a trailing "─w→ ⋯"
            if count == 1 or lead.cell_len + count * (GUTTER + body) + more <= width:
                return start, [_labels(run, t, step) for t in ts], lead, body
            count -= 1

    def render(self) -> Text:
        run = self.run
        if run is None or run.n == 0:
            return Text(self.hint, style="italic", justify="center")
        width = max(self.content_size.width, 12)
        start, cols, lead, body = self._columns(width)
        current = self.get_component_rich_style("unrolled--current")
        future = self.get_component_rich_style("unrolled--future")
        arrow = self.get_component_rich_style("unrolled--arrow")
        lead_w = cell_len(lead.plain)
        rows = [Text(" " * lead_w) for _ in range(6)]
        rows[2] = lead.copy()
        if self.step == 0:
            _highlight(rows[2], current)
        u, w, v = WEIGHTS[run.kind]
        for i, col in enumerate(cols):
            t = start + i
            cells = [center(col.o, body), center(Text(f"↑{v}"), body), center(col.s, body),
                     center(Text(f"↑{u}"), body), center(col.x, body), center(col.token, body)]
            for r, cell in enumerate(cells):
                if t > self.step:
                    cell.stylize(future)
                elif r in (1, 3):
                    cell.stylize(arrow)
                elif t == self.step and r in (0, 2, 5):
                    _highlight(cell, current)
                gutter = Text(f"─{w}→" if r == 2 else " " * GUTTER, style=future if t > self.step else arrow)
                rows[r].append_text(gutter)
                rows[r].append_text(cell)
        if start + len(cols) <= run.n:
            rows[2].append(f"─{w}→ ⋯", style=future)
        used = max(cell_len(row.plain) for row in rows)
        pad = " " * max((width - used) // 2, 0)
        return Text("\n").join(Text(pad) + row for row in rows)


def _highlight(cell: Text, style) -> Text:
    """Light the label's name (up to a heat strip, whose colours must stay), not its padding."""
    plain = cell.plain
    left = len(plain) - len(plain.lstrip(" "))
    right = len(plain.rstrip(" "))
    name_end = plain.find(" ", left)
    if 0 <= name_end < right:
        right = name_end
    cell.stylize(style, max(left - 1, 0), min(right + 1, len(plain)))
    return cell
