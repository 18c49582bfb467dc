"""Textual 8.2.8's command palette with two crashes guarded (the app must not exit on them).

Both need input that arrives in one read from the terminal, so Pilot's paced presses do not show
them; tests/test_palette.py replays them in tmux. No upstream issue or fix was found for either
(searched the Textualize/textual tracker; the nearest is kagan-sh/kagan-legacy#31, the same
KeyError from OptionList.action_page_down in a Select overlay). This module is the one place
that overrides the palette's private methods (``_on_click``, ``_action_command_list``).
"""

from __future__ import annotations

from textual.command import CommandPalette


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

    def _retry_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            pass  # still not laid out: the key does nothing, the app carries on


def open_palette(app) -> None:
    """What App.action_command_palette does, with the guarded palette."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(SafeCommandPalette(id="--command-palette"))
