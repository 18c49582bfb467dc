"""A tab's placeholder: its module is imported and the tab mounted the first time it is shown."""

from __future__ import annotations

import importlib

from textual.message import Message
from textual.widget import MountError, Widget


class Deferred(Widget):
    """Stands in for ``module.name()`` until ``load()`` (its tab is first shown), so neither the
    import nor the mount of a tab delays the first frame or the first key, and a tab never
    shown costs nothing. Posts ``Deferred.Loaded`` once the widget is mounted in its place.

    Args:
        module: dotted module path, e.g. 'tui.tabs.train'.
        name: the widget class in it.
    """

    DEFAULT_CSS = "Deferred { display: none; }"

    class Loaded(Message):
        """The widget is mounted (or the app quit before it could be)."""

    def __init__(self, module: str, name: str):
        super().__init__()
        self.target = (module, name)
        self.loading = False  # load() was called: the import or the mount is under way

    def load(self) -> None:
        """Import the module and mount the widget in this placeholder's place (once)."""
        if not self.loading:
            self.loading = True
            self.call_later(self._replace)

    async def _replace(self) -> None:
        module, name = self.target
        widget = getattr(importlib.import_module(module), name)()
        try:
            if self.parent is None or not self.parent.is_attached:
                raise MountError("the app is closing")
            await self.parent.mount(widget, after=self)
        except MountError:  # the app quit (q at once) while the module was being imported
            self.app.post_message(self.Loaded())
            return
        self.app.post_message(self.Loaded())
        await self.remove()
