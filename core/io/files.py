"""Files rnn-tui writes: atomically (a temp file in the same folder, then
os.replace), so a failed or interrupted write never leaves a half-written file;
and the metrics document shared by ``rnn-tui train --metrics`` and the Train tab.

What a write may replace (``resolve_target``): a regular file (its mode is kept) or
nothing; a symlink is followed and its target replaced (a dangling link's target is
created, as a shell's ``>`` would); a device, FIFO or socket is refused and left alone,
as are an empty path, a trailing slash and a name too long. Temp files are named
``.rnn-tui-<pid>-*.tmp``: the next write to a folder removes those of ours whose
process is gone; ``remove_temps()`` (run at exit and by the CLI's signal handlers)
removes this process's unfinished ones.
"""

from __future__ import annotations

import atexit
import errno
import json
import math
import os
import re
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from typing import IO

from core.sincos.config import TrainConfig

TEMP_PREFIX, TEMP_SUFFIX = ".rnn-tui-", ".tmp"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?:(\d+)-)?[^/]*" + re.escape(TEMP_SUFFIX) + "$")
LEGACY_STALE_SECONDS = 600  # a temp name without a pid (older rnn-tui) is stale after this
_in_progress: set[str] = set()  # this process's temp files being written
_lock = threading.Lock()


def _umask() -> int:
    with _lock:  # os.umask sets it too: keep two threads from racing
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _name_max(folder: str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def resolve_target(path: str | os.PathLike) -> str:
    """The file a write to ``path`` replaces: ``path``, or the final target of a symlink.

    Raises:
        OSError: with a one-line ``strerror``: an empty path, a trailing slash, a name too
            long, a directory, or an existing file that is not a regular file.
    """
    text = os.fspath(path)
    if text == "":
        raise FileNotFoundError(errno.ENOENT, "the path is empty", text)
    if text.endswith(os.sep) or (os.altsep and text.endswith(os.altsep)):
        raise IsADirectoryError(errno.EISDIR, "the path ends with a slash: give a file name", text)
    target = os.path.realpath(text)  # follows every link; a dangling one gives its target
    if len(os.fsencode(os.path.basename(target))) > _name_max(os.path.dirname(target) or "."):
        raise OSError(errno.ENAMETOOLONG, "file name too long", text)
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # a new file (its folder is checked by the write)
        return target
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", text)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EEXIST, "not a regular file (a device, pipe or socket): left alone", text)
    return target


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: someone else's live process
        return True
    return True


def remove_stale_temps(folder: str) -> None:
    """Remove our temp files in ``folder`` left by a process that is gone (or, without a pid, old)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid == os.getpid():
            stale = entry.path not in _in_progress
        elif pid is not None:
            stale = not _alive(pid)
        else:
            stale = now - info.st_mtime > LEGACY_STALE_SECONDS
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def remove_temps() -> None:
    """Remove this process's unfinished temp files (at exit, or from a signal handler)."""
    for tmp in list(_in_progress):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _in_progress.discard(tmp)


atexit.register(remove_temps)


def _keep_owner_and_mode(tmp: str, target: str) -> None:
    """Give the temp file the replaced file's mode (and owner, when root), else a new file's mode."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
        return
    if os.geteuid() == 0 and (old.st_uid, old.st_gid) != (0, 0):
        os.chown(tmp, old.st_uid, old.st_gid)
    os.chmod(tmp, stat.S_IMODE(old.st_mode))


def write_atomic(path: str | os.PathLike, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write(fh)`` on a temp file beside the target (``resolve_target``), then rename it over it.

    Raises:
        OSError: a target ``resolve_target`` refuses, or its folder is missing or unwritable;
            the temp file is removed whatever went wrong.
    """
    target = resolve_target(path)
    folder = os.path.dirname(target)
    remove_stale_temps(folder)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    _in_progress.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        _keep_owner_and_mode(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        _in_progress.discard(tmp)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """``write_atomic`` for UTF-8 text."""
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def _finite(value: float) -> float | None:
    """JSON has no NaN or infinity: those become null."""
    value = float(value)
    return value if math.isfinite(value) else None


def metrics_dict(config: TrainConfig, losses: Sequence[float], grad_norms: Sequence[float],
                 diverged_at: int | None = None, first: int = 1) -> dict:
    """``{"config": {...}, "steps": [{"step": 1, "loss": ..., "grad_norm": ...}, ...]}`` (steps from
    ``first``: a continued run's from the step after the loaded ones); with ``"diverged_at": k`` when
    the run diverged at step k."""
    steps = [{"step": i + first, "loss": _finite(loss), "grad_norm": _finite(g)}
             for i, (loss, g) in enumerate(zip(losses, grad_norms))]
    data = {"config": config.to_dict(), "steps": steps}
    if diverged_at is not None:
        data["diverged_at"] = diverged_at
    return data


def metrics_json(data: dict) -> str:
    return json.dumps(data, indent=1, allow_nan=False) + "\n"


def metrics_csv(losses: Sequence[float], grad_norms: Sequence[float], first: int = 1) -> str:
    rows = ["step,loss,grad_norm"] + [f"{i + first},{loss!r},{g!r}" for i, (loss, g) in enumerate(zip(losses, grad_norms))]
    return "\n".join(rows) + "\n"
