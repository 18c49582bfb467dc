"""Where the app's file fields may read and write: anywhere (the app in your own terminal), or one folder.

Under ``rnn-tui serve`` the app runs as the server's account for whoever opens the page, so its file
fields (Train and Context: load, save, data) must not reach that account's files: ``rnn-tui --files DIR``
confines them to DIR. A name is then a plain file name in DIR: no folder part, no ``..``, no ``~``, and
no symlink (a link could point out of DIR). Everything else is refused with one line that says where
files go.
"""

from __future__ import annotations

import os
from pathlib import Path

from core.io.visible import shown


class Refused(ValueError):
    """A file name the folder does not allow; the message is one line for the user."""


class FileRoot:
    """Resolves what a file field holds. ``folder`` None: anywhere, relative to ``base`` (default: the current
    folder); else only plain names inside ``folder``."""

    def __init__(self, folder: str | os.PathLike | None = None, base: str | os.PathLike | None = None):
        self.folder = Path(folder).resolve() if folder is not None else None
        self.base = Path(base) if base is not None else None

    @property
    def confined(self) -> bool:
        return self.folder is not None

    def path(self, text: str) -> Path:
        """The path ``text`` names. Raises Refused when it is not allowed (confined only)."""
        text = text.strip()
        if self.folder is None:
            path = Path(text).expanduser()
            return path if path.is_absolute() or self.base is None else self.base / path
        where = f"files live in {shown(self.folder)}"
        if not text or text in (".", "..") or "/" in text or "\\" in text or text.startswith("~") or "\0" in text:
            raise Refused(f"give a file name only, e.g. sincos.safetensors ({where})")
        path = self.folder / text
        if path.is_symlink() or path.resolve().parent != self.folder:
            raise Refused(f"{shown(text)} is a link or leads out of the folder ({where})")
        return path
