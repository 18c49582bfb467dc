"""Mount a widget just after the first frame, importing its module only then."""

from __future__ import annotations

import importlib

from textual.widget import Widget


class Deferred(Widget):
    """A placeholder that imports ``module`` and mounts ``module.name()`` in its
    place after the first refresh, so neither the import nor the mount delays
    the first frame (like textual.lazy.Lazy, but the import waits too).

    Args:
        module: dotted module path, e.g. 'tui.tabs.train'.
        name: the widget class in it.
    """

    DEFAULT_CSS = "Deferred { display: none; }"

    def __init__(self, module: str, name: str):
        super().__init__()
        self.target = (module, name)

    def on_mount(self) -> None:
        self.call_after_refresh(self._replace)

    async def _replace(self) -> None:
        module, name = self.target
        widget = getattr(importlib.import_module(module), name)()
        await self.parent.mount(widget, after=self)
        await self.remove()
