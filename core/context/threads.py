"""Run NumPy's matrix products on one thread while the Context models train or read.

The products here are tiny ((32, 24) @ (24, 24)); OpenBLAS still splits them
over every core, and on a busy 2-core machine its threads mostly wait for each
other: the default training run took 21 s with OpenBLAS's threads and 7.5 s
with one (measured here under load; bench/bench_context.py). It also leaves
the other core to the UI thread, as core.sincos.train_torch does for torch.

The thread count is set through OpenBLAS's own C function (what threadpoolctl
does), found among the libraries this process loaded; elsewhere (another BLAS,
no /proc) ``one_thread`` does nothing.
"""

from __future__ import annotations

import ctypes
import re
import threading
from contextlib import contextmanager

import numpy as np  # noqa: F401 (loads its BLAS, so the search below can find it)

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
            "openblas_set_num_threads")
_lock = threading.Lock()
_users = 0
_api: tuple | None | bool = False  # False: not looked up yet; None: not found


def _find():
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.so\S*)", fh.read())))
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SETTERS:
            getter = name.replace("set_", "get_")
            if hasattr(lib, name) and hasattr(lib, getter):
                return getattr(lib, name), getattr(lib, getter)
    return None


@contextmanager
def one_thread():
    """Inside: BLAS on one thread (nested and concurrent uses share one setting)."""
    global _users, _api
    with _lock:
        if _api is False:
            _api = _find()
        if _api is not None and _users == 0:
            one_thread.saved = _api[1]()
            _api[0](1)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _api is not None and _users == 0:
                _api[0](one_thread.saved)


one_thread.saved = 1
