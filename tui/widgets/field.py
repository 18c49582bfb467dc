"""Field: Textual's Input whose own editing keys keep their place among typed characters.

Ours because Textual 8.2.8 does not (textual#6605, fix open in #6631): a bound key (backspace, ctrl+u,
←) bubbles up to the app before its action runs, so a character typed right after it is inserted first
("xy", backspace, "c" gave "xy"; ctrl+u then "2" gave ""). Here the Input's own bindings run at once.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class Field(Input):
    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
