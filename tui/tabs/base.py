"""What every tab offers the app shell."""

from __future__ import annotations

from textual.containers import Container
from textual.reactive import reactive

from tui import keys
from tui.i18n import relabel_bindings
from tui.player import Player


class Tab(Container, can_focus=True):
    """A tab's root widget.

    The app focuses it when the tab is shown, so the tab's own BINDINGS work
    at once without a click; ``space`` (an app key) calls ``play_pause``.
    A tab declares its keys once in ``KEYS`` (tui.keys): ``BINDINGS = keys.bindings(KEYS)``, and the
    footer labels and ``help_rows`` come from the same tuple. ``on_first_show`` starts what waits
    for the tab to be on screen.
    """

    shown = False  # the tab has been on screen (on_first_show has run)
    KEYS: tuple[keys.Key, ...] = ()

    DEFAULT_CSS = """
    Tab { height: 1fr; }
    Tab:focus { background-tint: $foreground 0%; }
    """

    def _on_mount(self) -> None:
        """Every tab's key labels in the interface language (runs before the tab's own on_mount)."""
        relabel_bindings(self, keys.labels(self.KEYS))
        self.refresh_bindings()
        # A tab is built the first time it is shown, and Textual sends Show only after a full
        # reflow (a partial layout after the mount sends none): the mount counts as a show too.
        self.call_after_refresh(self._first_show)

    def on_show(self) -> None:
        self._first_show()

    def _first_show(self) -> None:
        if not self.shown and self.is_attached:
            self.shown = True
            self.on_first_show()

    def on_first_show(self) -> None:
        """The tab is on screen for the first time (nothing to do by default)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the tab alone when its focus changes (Textual restyles the whole subtree, ~90 ms for a
        tab of a hundred parts, on every tab switch and escape); no rule styles a part by the tab's focus."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def action_leave_field(self) -> None:
        """escape (bound by tabs with text fields): leave the field, so the tab's keys work again."""
        self.focus()

    def play_pause(self) -> None:
        """Start or stop whatever plays in this tab (nothing by default)."""

    @classmethod
    def plays(cls) -> bool:
        """Does ``space`` do something here (the tab overrides play_pause)?"""
        return cls.play_pause is not Tab.play_pause

    @classmethod
    def help_rows(cls) -> list[tuple[str, str]]:
        """(keys, i18n key of what they do) for the help screen."""
        return keys.help_rows(cls.KEYS)

    @classmethod
    def help_notes(cls) -> list[str]:
        """i18n keys of lines the help screen shows under the tab's keys (a glossary, not keys)."""
        return []


class SteppingTab(Tab):
    """A tab that steps through a run (Forward, Context): → ← home end move ``step``, space plays.

    ``step`` is reactive (0 = nothing read yet), kept within ``step_count()``; the tab redraws in
    ``watch_step`` and builds its one ``Player`` (tui.player) in ``__init__``.
    """

    step = reactive(0)
    player: Player

    def step_count(self) -> int:
        raise NotImplementedError

    def validate_step(self, step: int) -> int:
        return max(0, min(step, self.step_count()))

    def action_step(self, delta: int) -> None:
        self.step += delta

    def action_step_to(self, where: int) -> None:
        """home (0) and end (-1: the last step)."""
        self.step = where if where >= 0 else self.step_count()

    def play_pause(self) -> None:
        self.player.toggle()
