"""Both models' training as it happens: progress, loss and held-out accuracy, side by side.

    step 120/2268 ▕███▏          epoch 1/14 · 1.9 s
    loss          RNN ▇▆▅▄▃▂▂▁  0.041    order-blind ▇▇▆▆▅▅▅▅  0.512
    held-out acc  RNN ▁▂▅▇████  99%      order-blind ▁▃▄▅▅▅▅▅  65%
    same-words pairs  RNN 97%  ·  order-blind 50%

Both loss lines share one scale and both accuracy lines run from 0 to 100 %,
so the two models can be read against each other. Every number comes from
core's ContextStep records.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from tui.i18n import t
from tui.widgets.train.spark import spark_text

RNN_STYLE = "bold rgb(90,170,250)"
BAG_STYLE = "rgb(200,160,90)"


def pct(value: float | None) -> str:
    """An accuracy as '97%' ('—' for None)."""
    return "—" if value is None else f"{value * 100:.0f}%"


def _ljust(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def _loss(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class TrainPanel(Widget):
    """Call ``clear(epochs)`` for a new run, then ``add(records)`` with its ContextStep records."""

    DEFAULT_CSS = """
    TrainPanel { height: 4; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.records: list = []
        self.epochs = 0

    def clear(self, epochs: int = 0) -> None:
        self.records, self.epochs = [], epochs
        self.refresh()

    def add(self, records) -> None:
        self.records = [*self.records, *records]
        self.refresh()

    @property
    def last(self):
        return self.records[-1] if self.records else None

    def render(self) -> Text:
        width = max(self.content_size.width, 20)
        last = self.last
        if last is None:
            return Text(t("context.train_none"), style="dim italic")
        label_w = max(cell_len(t("context.loss")), cell_len(t("context.acc"))) + 1
        fixed = label_w + cell_len(t("context.rnn")) + cell_len(t("context.bag")) + 2 + 2 * 7 + 3
        spark_w = max(4, (width - fixed) // 2)
        out = Text()
        out.append_text(self._progress(last, width))
        losses = [v for r in self.records for v in (r.loss_rnn, r.loss_bag) if v is not None]
        top = max(losses) if losses else 1.0
        out.append("\n" + _ljust(t("context.loss"), label_w))
        self._pair(out, [r.loss_rnn for r in self.records if r.loss_rnn is not None],
                   [r.loss_bag for r in self.records if r.loss_bag is not None], spark_w, (0.0, top),
                   _loss(last.loss_rnn), _loss(last.loss_bag))
        out.append("\n" + _ljust(t("context.acc"), label_w))
        self._pair(out, [r.acc_rnn for r in self.records], [r.acc_bag for r in self.records], spark_w, (0.0, 1.0),
                   pct(last.acc_rnn), pct(last.acc_bag))
        if last.same_acc_rnn is not None:
            out.append("\n" + t("context.same_words", rnn=pct(last.same_acc_rnn), bag=pct(last.same_acc_bag)))
        return out

    def _progress(self, last, width: int) -> Text:
        bar_w = max(8, min(30, width // 4))
        done = round(bar_w * last.step / last.steps) if last.steps else 0
        out = Text(t("context.progress", step=last.step, steps=last.steps) + " ")
        out.append("█" * done, style=RNN_STYLE)
        out.append("░" * (bar_w - done), style="dim")
        out.append("  " + t("context.epoch", epoch=last.epoch, epochs=self.epochs) + " · " + t("time.s", s=f"{last.seconds:.1f}"))
        return out

    def _pair(self, out: Text, rnn: list, bag: list, width: int, scale: tuple[float, float],
              rnn_value: str, bag_value: str) -> None:
        out.append(t("context.rnn") + " ", style=RNN_STYLE)
        out.append(spark_text(rnn, width, *scale).ljust(width), style=RNN_STYLE)
        out.append(f" {rnn_value:>6}   ")
        out.append(t("context.bag") + " ", style=BAG_STYLE)
        out.append(spark_text(bag, width, *scale).ljust(width), style=BAG_STYLE)
        out.append(f" {bag_value:>6}")
