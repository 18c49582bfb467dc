"""Writing the Train tab's metrics file (the same form as ``rnn-tui train --metrics``).

    {"config": {...}, "steps": [{"step": 1, "loss": ..., "grad_norm": ...}, ...]}

Written atomically: a temp file in the same folder, then os.replace, so a
failed write leaves nothing half-written.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence

from core.config import TrainConfig

MODEL_NAME = "rnn-tui-model.pt"
METRICS_NAME = "rnn-tui-metrics.json"


def metrics_dict(config: TrainConfig, losses: Sequence[float], grad_norms: Sequence[float]) -> dict:
    """The metrics document for steps 1..len(losses)."""
    steps = [{"step": i + 1, "loss": float(loss), "grad_norm": float(g)}
             for i, (loss, g) in enumerate(zip(losses, grad_norms))]
    return {"config": config.to_dict(), "steps": steps}


def write_json_atomic(path: str | os.PathLike, data: dict) -> None:
    """Write ``data`` as JSON to ``path`` via a temp file and os.replace.

    Raises:
        OSError: the folder is missing or not writable (no file is left behind).
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        raise IsADirectoryError(21, "is a directory", path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".rnn-tui-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.write("\n")
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
