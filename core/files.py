"""Files rnn-tui writes: atomically (a temp file in the same folder, then
os.replace), so a failed or interrupted write never leaves a half-written file;
and the metrics document shared by ``rnn-tui train --metrics`` and the Train tab.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from typing import IO

from core.config import TrainConfig


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(fh)`` on a temp file beside ``path``, then rename it over ``path``.

    Raises:
        OSError: ``path`` is a directory, or its folder is missing or unwritable;
            the temp file is removed whatever went wrong.
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        raise IsADirectoryError(21, "is a directory", path)
    fd, tmp = tempfile.mkstemp(prefix=".rnn-tui-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """``write_atomic`` for UTF-8 text."""
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def _finite(value: float) -> float | None:
    """JSON has no NaN or infinity: those become null."""
    value = float(value)
    return value if math.isfinite(value) else None


def metrics_dict(config: TrainConfig, losses: Sequence[float], grad_norms: Sequence[float],
                 diverged_at: int | None = None) -> dict:
    """``{"config": {...}, "steps": [{"step": 1, "loss": ..., "grad_norm": ...}, ...]}`` (steps from 1);
    with ``"diverged_at": k`` when the run diverged at step k."""
    steps = [{"step": i + 1, "loss": _finite(loss), "grad_norm": _finite(g)}
             for i, (loss, g) in enumerate(zip(losses, grad_norms))]
    data = {"config": config.to_dict(), "steps": steps}
    if diverged_at is not None:
        data["diverged_at"] = diverged_at
    return data


def metrics_json(data: dict) -> str:
    return json.dumps(data, indent=1, allow_nan=False) + "\n"


def metrics_csv(losses: Sequence[float], grad_norms: Sequence[float]) -> str:
    rows = ["step,loss,grad_norm"] + [f"{i + 1},{loss!r},{g!r}" for i, (loss, g) in enumerate(zip(losses, grad_norms))]
    return "\n".join(rows) + "\n"
