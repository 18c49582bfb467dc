"""Where each lesson was left, kept between runs in the XDG state folder
($XDG_STATE_HOME/rnn-tui/lessons.json, by default ~/.local/state/rnn-tui/lessons.json), written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

MAX_BYTES = 256 * 1024  # a progress file larger than this is not ours: it is ignored


def state_file(environ=None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "rnn-tui" / "lessons.json"


class Progress:
    """{lesson name: {"chapter": c, "step": s, "done": [chapters completed]}}."""

    def __init__(self, path: Path | None = None):
        self.path = path or state_file()
        self.data: dict[str, dict] = {}

    def load(self) -> str | None:
        """Read the file; None, or why it could not be read (then progress starts empty)."""
        from core.io.reading import read_regular

        if not self.path.exists():
            return None
        try:
            data = json.loads(read_regular(self.path, MAX_BYTES).decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            return str(exc) if not isinstance(exc, json.JSONDecodeError) else "not JSON"
        self.data = {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}
        return None

    def place(self, name: str) -> tuple[int, int]:
        entry = self.data.get(name, {})
        c, s = entry.get("chapter", 0), entry.get("step", 0)
        return (c, s) if isinstance(c, int) and isinstance(s, int) and c >= 0 and s >= 0 else (0, 0)

    def done(self, name: str) -> set[int]:
        done = self.data.get(name, {}).get("done", [])
        return {c for c in done if isinstance(c, int)} if isinstance(done, list) else set()

    def keep(self, name: str, chapter: int, step: int, done: set[int]) -> str | None:
        """Remember the place and write the file; None, or why it could not be written."""
        self.data[name] = {"chapter": chapter, "step": step, "done": sorted(done)}
        return self.keep_all()

    def forget(self, name: str) -> str | None:
        """Start ``name`` over (rnn-tui learn --restart)."""
        self.data.pop(name, None)
        return self.keep_all()

    def keep_all(self) -> str | None:
        """Write the file (a temp file, then renamed); None, or why it could not be written."""
        from core.io.files import write_text_atomic

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(self.data, ensure_ascii=False, indent=1) + "\n")
        except (OSError, ValueError) as exc:
            return getattr(exc, "strerror", None) or str(exc)
        return None
