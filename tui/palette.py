"""Textual 8.2.8's command palette with two crashes guarded (the app must not exit on them).

Both need input that arrives in one read from the terminal, so Pilot's paced presses do not show
them; tests/test_palette.py replays them in tmux. No upstream issue or fix was found for either
(searched the Textualize/textual tracker; the nearest is kagan-sh/kagan-legacy#31, the same
KeyError from OptionList.action_page_down in a Select overlay). This module is the one place
that overrides the palette's private methods (``_on_click``, ``_action_command_list``).
"""

from __future__ import annotations

from textual import work
from textual.command import CommandPalette
from textual.css.query import NoMatches


class SafeCommandPalette(CommandPalette):
    """The command palette, dismissed at most once and safe to page before its list is laid out."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._dismissing = False

    def dismiss(self, result=None):
        """A double click on the dimmed background dismisses twice before the first pop is done:
        the second pop found no screen to pop (ScreenStackError). Dismiss once."""
        if self._dismissing:
            return None  # the palette's own calls ignore the result
        self._dismissing = True
        return super().dismiss(result)

    def _on_click(self, event) -> None:  # Textual's handler, guarded: clicks after the dismissal are ignored
        if not self._dismissing:
            super()._on_click(event)

    def _action_command_list(self, action: str) -> None:
        """PageDown right after ctrl+p (the same read) pages a list whose lines are not computed yet:
        KeyError in OptionList._move_page. Try again after the next refresh; then let it go."""
        try:
            super()._action_command_list(action)
        except KeyError:
            self.call_after_refresh(self._retry_command_list, action)
        except NoMatches:
            pass  # the list is gone (the palette is closing) or not composed yet: the key does nothing

    def _retry_command_list(self, action: str) -> None:
        if self._dismissing:
            return
        try:
            super()._action_command_list(action)
        except (KeyError, NoMatches):
            pass  # still not laid out, or closed meanwhile: the key does nothing, the app carries on


    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's search worker, which fails (and takes the app down) when its list is gone or not yet
        composed: keys typed while the palette opens or closes (NoMatches: CommandList). Then it stops."""
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)
        except NoMatches:
            pass


_OPEN_RETRIES = 20  # x 50 ms: how long ctrl+p waits for a closing palette to go


def open_palette(app, tries: int = _OPEN_RETRIES) -> None:
    """What App.action_command_palette does, with the guarded palette. While the last palette is still
    being removed (its id is taken: DuplicateIds), wait for it: the key is not lost."""
    if not app.use_command_palette or CommandPalette.is_open(app):
        return
    closing = getattr(app, "_last_palette", None)
    if closing is not None and closing.is_attached:
        if tries:
            app.set_timer(0.05, lambda: open_palette(app, tries - 1))
        return
    app._last_palette = SafeCommandPalette(id="--command-palette")
    app.push_screen(app._last_palette)
