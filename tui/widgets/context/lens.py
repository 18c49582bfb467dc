"""The Context tab's unit lens (issue 11): ``u`` opens it over the trained model.

Ranking and matches scan the held-out corpus (a fraction of a second), so they
run in a thread worker and come back as messages tagged with the models they
were computed for; the clamp re-reads one sentence on the UI thread (two short
forward passes in core.context.units.clamp). The tab hands over what the lens
reads (``show_for`` a LensSource) and hears of a failure through ``Failed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.message import Message

from core.io.visible import first_line
from tui.i18n import t
from tui.widgets.context.lens_view import LensData, LensView

LENS_SENTENCES = 4  # sentences coloured by the unit: the current one and the first examples
MATCHES = 3


@dataclass(frozen=True)
class LensSource:
    """What the lens reads: the trained models, the sentence read so far, and where to find examples."""

    models: object  # core.context.models.Models (trained)
    reading: object  # core.context.read.Reading of the sentence (None: nothing read)
    step: int  # words read (the clamp starts at this word)
    examples: tuple  # example sentences coloured after the current one
    read: Callable  # text -> Reading with ``models``
    scan: object  # held-out sentences to rank on (None: core's default)


class UnitLens(LensView):
    """Units ranked by a feature, a clamp of the selected unit, and matching sentences."""

    class Failed(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    class Ranked(Message):
        """A ranking of the units by ``feature`` for ``models`` (``matches`` for the selected unit)."""

        def __init__(self, models, feature: str, ranking, error: str | None = None):
            super().__init__()
            self.models, self.feature, self.ranking, self.error = models, feature, ranking, error

    class Matched(Message):
        def __init__(self, models, unit: int, tokens: tuple, matches, feature: str):
            super().__init__()
            self.models, self.unit, self.tokens, self.matches, self.feature = models, unit, tokens, matches, feature

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source: LensSource | None = None  # what the lens reads (``show_for``)
        self.feature = "negation"
        self.unit_index = 0
        self.clamp_value: float | None = None
        self._lens_models = None  # the models the two caches below belong to
        self._rankings: dict = {}  # feature -> ranking
        self._matches: dict = {}  # (unit, tokens) -> matches
        self._pending: set = set()  # rankings and matches being computed (not asked for twice)

    def next_feature(self) -> None:
        """f: rank the units by the next feature."""
        from core.context.units import FEATURES

        names = list(FEATURES)
        self.feature = names[(names.index(self.feature) + 1) % len(names)]
        self.unit_index = 0
        self.redraw()

    def move(self, delta: int) -> None:
        """↑ ↓: the next or previous unit of the ranking."""
        ranking = self._rankings.get(self.feature) if self.source and self._lens_models is self.source.models else None
        if ranking:
            self.unit_index = max(0, min(self.unit_index + delta, len(ranking) - 1))
            self.redraw()

    def clamp(self, value: float | None) -> None:
        """-, 0, +: hold the selected unit at -1, 0 or +1 from the current word on; x: release it."""
        self.clamp_value = value
        self.redraw()

    # -- workers ---------------------------------------------------------------------

    @work(thread=True, group="context-lens", exit_on_error=False)
    def _rank(self, models, feature: str, examples) -> None:
        from core.context.units import rank_units

        try:
            ranking = tuple(rank_units(models, feature, examples))
        except Exception as exc:  # noqa: BLE001 -- one line on screen
            self.post_message(self.Ranked(models, feature, (), first_line(exc)))
        else:
            self.post_message(self.Ranked(models, feature, ranking))

    def on_unit_lens_ranked(self, message: Ranked) -> None:
        if message.error is not None:
            self.post_message(self.Failed(t("context.lens.failed", error=message.error)))
            return
        if self.source is not None and message.models is self.source.models:
            self._rankings[message.feature] = message.ranking
            self.redraw()

    @work(thread=True, group="context-match", exit_on_error=False)
    def _match(self, models, unit: int, tokens: tuple, sign: int, examples, feature: str) -> None:
        from core.context.units import matches

        try:
            found = tuple(matches(models, tokens, unit, examples, count=MATCHES, sign=sign, feature=feature))
        except Exception:  # noqa: BLE001 -- matches are extra: the lens works without them
            found = ()
        self.post_message(self.Matched(models, unit, tokens, found, feature))

    def on_unit_lens_matched(self, message: Matched) -> None:
        if self.source is not None and message.models is self.source.models:
            self._matches[(message.unit, message.tokens, message.feature)] = message.matches
            self.redraw()

    # -- drawing ---------------------------------------------------------------------

    def lens_data(self) -> LensData:
        """What the lens shows now; starts the workers for what is not computed yet."""
        src = self.source
        models = src.models
        if self._lens_models is not models:  # new models: forget what was computed for the old ones
            self._lens_models, self._rankings, self._matches, self._pending = models, {}, {}, set()
        ranking = self._rankings.get(self.feature)
        if ranking is None:
            if self.feature not in self._pending:
                self._pending.add(self.feature)
                self._rank(models, self.feature, src.scan)
            return LensData(self.feature, note=t("context.lens.ranking"))
        index = min(self.unit_index, len(ranking) - 1)
        unit = ranking[index]
        reading = src.reading
        sentences = [reading] if reading is not None and reading.tokens else []
        for text in src.examples:
            if len(sentences) >= LENS_SENTENCES:
                break
            other = src.read(text)
            if other.tokens != (reading.tokens if reading is not None else None):
                sentences.append(other)
        clamp = None
        if self.clamp_value is not None and reading is not None and reading.tokens:
            from core.context.units import clamp as clamp_unit

            start = max(src.step - 1, 0)
            before, after = clamp_unit(models, reading.tokens, unit.unit, self.clamp_value, start)
            clamp = (self.clamp_value, start, before, after)
        found = ()
        if reading is not None and reading.tokens:
            key = (unit.unit, reading.tokens, self.feature)
            if key in self._matches:
                found = self._matches[key]
            elif key not in self._pending:
                self._pending.add(key)
                self._match(models, unit.unit, reading.tokens, 1 if unit.correlation >= 0 else -1, src.scan,
                            self.feature)
        return LensData(self.feature, ranking, index, tuple(sentences), src.step, clamp, found)

    def show_for(self, source: LensSource) -> None:
        """Show the lens over ``source`` (the tab calls this whenever what it reads changed)."""
        self.source = source
        self.redraw()

    def redraw(self) -> None:
        if self.source is not None and self.source.models is not None:
            self.show(self.lens_data())
