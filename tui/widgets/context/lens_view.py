"""The unit lens (issue 11): hidden units ranked by what they track, the sentences coloured
by the selected unit, a clamp of that unit and what it does to P(positive), and matches.

     rank unit  score      │ s7 · rank 1 of 24 · score 0.93 (goes up with the feature)
   ▶  1   s7   0.93 █████  │ 我不喜欢美女      我·  不▲  喜欢△  美女△
      2   s3   0.71 ███▌   │ 我喜欢美女        我·  喜欢▿  美女▿
      …                    │ clamp s7 = -1 from word 2 (不): P(positive) 0.02 → 0.91, the answer flips
                           │ matches: 他不喜欢猫 · 我们没有讨厌音乐 …

Everything comes from core.context.units (ranking, clamp, matches); ``LensData``
is what the tab hands over.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from tui.i18n import t
from tui.widgets.context.p_bar import p_style
from tui.widgets.context.reading_rows import answer
from tui.widgets.context.unit_words import unit_words
from tui.widgets.notation import fit

SAME = 0.005  # P changes smaller than this count as "no change"


@dataclass(frozen=True)
class LensData:
    """What the lens shows (all computed by core)."""

    feature: str
    ranking: tuple = ()  # core UnitScore, best first (empty: still computing)
    index: int = 0  # position in ranking of the selected unit
    sentences: tuple = ()  # core Readings to colour (the current sentence first)
    step: int = 0  # words of the current sentence read (the clamp starts at this word)
    clamp: tuple | None = None  # (value, start, before Reading, after Reading)
    matches: tuple = ()  # core Match records
    note: str = ""  # e.g. "ranking units…"

    @property
    def unit(self):
        return self.ranking[self.index] if self.ranking else None


def clamp_line(unit: int, value: float, start: int, before, after) -> Text:
    """'clamp s7 = -1 from word 2 (不): P(positive) 0.02 → 0.91: the answer flips' (or an honest no-change)."""
    p0, p1 = before.p_final, after.p_final
    out = Text(t("context.lens.clamped", j=unit, v=f"{value:+g}", k=start + 1, word=before.tokens[start]) + " ")
    out.append(f"{p0:.2f}", style=p_style(p0))
    out.append(" → ")
    out.append(f"{p1:.2f}", style=p_style(p1) + Style(bold=True))
    if (p0 >= 0.5) != (p1 >= 0.5):
        verdict = Text(t("context.lens.flips", a=answer(p0), b=answer(p1)), style="bold")
    elif abs(p1 - p0) < SAME:
        verdict = Text(t("context.lens.nothing"), style="italic")
    else:
        verdict = Text(t("context.lens.same_answer"), style="italic")
    return Text("\n").join([out, verdict])


class LensView(Widget):
    """Call ``show(data)`` with a LensData."""

    COMPONENT_CLASSES = {"lens--current"}
    DEFAULT_CSS = """
    LensView {
        height: 1fr; border: round $accent 60%; padding: 0 1; border-title-color: $text;
        border-subtitle-color: $text-muted;
        & > .lens--current { background: $accent 30%; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.data: LensData | None = None

    def show(self, data: LensData) -> None:
        self.data = data
        self.border_title = t("context.lens.title", feature=t(f"context.feature.{data.feature}"))
        self.border_subtitle = t("context.lens.keys")
        self.refresh()

    def render(self):
        d = self.data
        if d is None or not d.ranking:
            return Text(d.note if d else "", style="italic")
        width, height = self.content_size
        left_w = 24
        table = Table.grid(padding=(0, 2))
        table.add_column(width=left_w, no_wrap=True)
        table.add_column(ratio=1)
        table.add_row(self._ranking(height), self._detail(width - left_w - 2))
        return table

    def _ranking(self, height: int) -> Group:
        d = self.data
        rows = max(height - 1, 3)
        first = max(0, min(d.index - rows // 2, len(d.ranking) - rows))
        lit = self.get_component_rich_style("lens--current")
        lines = [Text(t("context.lens.head"), style="bold")]
        for k in range(first, min(first + rows, len(d.ranking))):
            u = d.ranking[k]
            bar = "█" * round(u.score * 8)
            line = Text(f"{'▶' if k == d.index else ' '} {k + 1:>2}  s{u.unit:<3} {u.score:.2f} ")
            line.append(bar, style="rgb(90,170,250)")
            if k == d.index:
                line.stylize(Style(bgcolor=lit.bgcolor, bold=True))
            lines.append(line)
        return Group(*lines)

    def _detail(self, width: int) -> Group:
        d = self.data
        u = d.unit
        sign = t("context.lens.up" if u.correlation >= 0 else "context.lens.down")
        lines = [Text(t("context.lens.unit", j=u.unit, rank=d.index + 1, n=len(d.ranking), score=f"{u.score:.2f}",
                        sign=sign), style="bold"), Text(t("context.lens.score_note"), style="italic"), Text("")]
        for k, reading in enumerate(d.sentences):
            values = reading.s[:, u.unit]
            lines.append(fit(unit_words(reading.tokens, values, d.step if k == 0 else None), width))
        lines.append(Text(""))
        if d.clamp is not None:
            value, start, before, after = d.clamp
            lines.append(clamp_line(u.unit, value, start, before, after))
            lines.append(fit(Text(t("context.lens.per_word")).append_text(self._per_word(before, after)), width))
        else:
            lines.append(Text(t("context.lens.clamp_hint"), style="italic"))
        if d.matches:
            lines.append(Text(""))
            lines.append(Text(t("context.lens.matches"), style="bold"))
            for m in d.matches:
                lines.append(fit(unit_words(m.example.tokens, m.values, on=m.on), width))
        return Group(*lines)

    @staticmethod
    def _per_word(before, after) -> Text:
        out = Text(" ")
        for k, (word, p0, p1) in enumerate(zip(before.tokens, before.p_positive, after.p_positive)):
            out.append(" · " if k else "")
            out.append(f"{word} {float(p0):.2f}→")
            out.append(f"{float(p1):.2f}", style=p_style(float(p1)))
        return out
