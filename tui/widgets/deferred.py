"""Mount a widget just after the first frame, importing its module only then."""

from __future__ import annotations

import importlib

from textual.widget import MountError, Widget


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
        if self.parent is None or not self.parent.is_attached:
            return
        try:
            await self.parent.mount(widget, after=self)
        except MountError:  # the app quit (q at once) while the module was being imported
            return
        await self.remove()
