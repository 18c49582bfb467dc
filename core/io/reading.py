"""Read a small text file that came from outside, refused before anything blocks or grows without bound."""

from __future__ import annotations

import os
import stat


def read_regular(path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``). A FIFO nobody writes to, a terminal or
    a socket would wait for ever: only a regular file is read. Raises ValueError with a one-line reason."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise ValueError("no such file") from None
    except OSError as exc:
        raise ValueError(f"cannot be read: {(exc.strerror or str(exc)).lower()}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ValueError("is a folder, not a file" if stat.S_ISDIR(mode) else
                         "is not a regular file (a device, a pipe or a socket)")
    with os.fdopen(fd, "rb") as f:
        os.set_blocking(fd, True)
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise ValueError(f"cannot be read: {(exc.strerror or str(exc)).lower()}") from None
    if len(data) > limit:
        raise ValueError(f"is larger than {limit // 1024} KiB")
    return data
