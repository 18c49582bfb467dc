"""The fit chart: target vs prediction over the last few windows, or every window (textual-plotext).

By default it shows the last RECENT windows as lines, the prediction drawn on top
of the target: where they agree the prediction's colour covers the target, where
they part both show, so a good fit and a bad one look different at a glance (a
tab's error strip below it shows every window's error); ``z`` shows every
window trained so far, like the tutorial's final figure;
after training, the model's prediction on a stretch it never saw is added in
another colour, right of a vertical line. A plotext render costs about 22 ms,
so the chart is redrawn at most REDRAW_HZ times a second (less often if a
render is slow), draws a dense history as each column's envelope (see
``envelope``), and it keeps at most
WINDOW_CAP windows: past that, every other window is dropped (decimated by
whole windows, see tui.train.history), so each kept window still draws its true arc.
The legend is drawn by the tab (plotext miscounts CJK width), the chart holds
no text but its axes.
"""

from __future__ import annotations

import time

import numpy as np
from textual_plotext import PlotextPlot

from tui.colors import is_monochrome
from tui.i18n import t
from tui.train.history import Decimated
from tui.widgets.train.window import PREDICTION_RGB, TARGET_RGB, UNSEEN_RGB

REDRAW_HZ = 4
MAX_SHARE = 0.1  # ...and slower, so that rendering takes at most this share of the time
BUSY_INTERVAL = 0.5  # while training flat out, at most two redraws a second (the engine needs the GIL)
WINDOW_CAP = 256  # windows kept (2,560 points per line at time_step 10)
RECENT = 6  # windows shown in the "recent" view


def envelope(t: np.ndarray, y: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most 2 * ``buckets`` points of (t, y): each bucket's lowest and highest point, in order.

    The chart has about two braille dots per column, so thousands of points
    cost render time and show nothing more; the envelope keeps what is drawn
    (the band the curve sweeps) at a fraction of the cost.
    """
    n = len(y)
    if n <= 2 * buckets:
        return t, y
    size = -(-n // buckets)  # points per bucket, rounded up
    pad = size * buckets - n
    yy = np.concatenate([y, np.full(pad, y[-1])]).reshape(buckets, size)
    lo, hi = yy.argmin(axis=1), yy.argmax(axis=1)
    base = np.arange(buckets) * size
    idx = np.minimum(np.sort(np.stack([base + lo, base + hi], axis=1), axis=1).reshape(-1), n - 1)
    return t[idx], y[idx]


def pi_ticks(low: float, high: float, most: int = 6) -> tuple[list[float], list[str]]:
    """Ticks at round multiples of π between ``low`` and ``high`` (the windows start at kπ)."""
    span = max(high - low, 1e-9) / np.pi
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10**4, 10**5, 10**6, 10**7)
                if span / s <= most - 1)
    first = int(np.ceil(low / np.pi / step)) * step
    ks = list(range(first, int(np.floor(high / np.pi)) + 1, step))
    return [k * np.pi for k in ks], [f"{k}π" if k else "0" for k in ks]


# In colour every series is a thin braille line. Without colour (NO_COLOR, a grey
# projector) the prediction and the unseen stretch get glyphs of their own.
MARKERS = {"target": "braille", "prediction": "braille", "unseen": "braille"}
MONO_MARKERS = {"target": "braille", "prediction": "hd", "unseen": "dot"}
LEGEND_GLYPHS = {"target": "━", "prediction": "━", "unseen": "━"}
MONO_LEGEND_GLYPHS = {"target": "⠒⠒", "prediction": "▄▄", "unseen": "••"}


def markers(app) -> tuple[dict, dict]:
    """(plotext markers, legend glyphs) for the app's colour mode."""
    return (MONO_MARKERS, MONO_LEGEND_GLYPHS) if is_monochrome(app) else (MARKERS, LEGEND_GLYPHS)


class FitChart(PlotextPlot):
    """Target and prediction over the run; ``recent`` shows only the last few windows."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.windows: Decimated[tuple[np.ndarray, np.ndarray, np.ndarray]] = Decimated(WINDOW_CAP)
        self.recent_windows: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # bounded: RECENT
        self.unseen: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.recent = True  # the default view: the last few windows as lines; z shows every window
        self.busy = False  # set by the tab while training flat out
        self.draws = 0  # how many times the data was rebuilt (for tests and the bench)
        self._dirty = True
        self._render_seconds = 0.0  # how long the last plotext render took
        self._last_flush = 0.0

    def render(self):
        start = time.perf_counter()
        try:
            return super().render()
        finally:
            self._render_seconds = time.perf_counter() - start

    def on_mount(self) -> None:
        super().on_mount()
        self.plt.xlabel("")
        self.set_interval(1 / REDRAW_HZ, self._tick)
        self.flush()

    def add(self, windows: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        """Append trained windows (t, target, prediction); drawn at the next tick."""
        for w in windows:
            self.windows.append(w)
            self.recent_windows.append(w)
        del self.recent_windows[:-RECENT]
        self._dirty = True

    def set_unseen(self, t: np.ndarray, target: np.ndarray, prediction: np.ndarray) -> None:
        """Show the evaluation on the unseen stretch after the trained windows."""
        self.unseen = (t, target, prediction)
        self.flush()

    def clear(self) -> None:
        self.windows.clear()
        self.recent_windows.clear()
        self.unseen = None
        self.flush()

    def toggle_recent(self) -> None:
        self.recent = not self.recent
        self.flush()

    def _tick(self) -> None:
        """Redraw if data came in, no more often than a render's cost allows."""
        wait = max(self._render_seconds / MAX_SHARE, BUSY_INTERVAL if self.busy else 0.0)
        if self._dirty and time.perf_counter() - self._last_flush >= wait:
            self.flush()

    def _series(self, t: np.ndarray, y: np.ndarray, color, marker: str) -> None:
        """One line; a dense history is cut to each column's envelope (lowest and highest point).

        plotext draws line segments pixel by pixel in Python, so the cost grows
        with the points of a fast-swinging curve; the envelope draws the same
        band with one up-and-down stroke per column.
        """
        buckets = max(8, self.size.width)
        self.plt.plot(*envelope(t, y, buckets), color=color, marker=marker)

    def flush(self) -> None:
        """Rebuild the plot's data now and repaint."""
        self._dirty = False
        self._last_flush = time.perf_counter()
        self.draws += 1
        plt = self.plt
        plt.clear_data()
        shown = self.recent_windows if self.recent else self.windows.items
        marks = markers(self.app)[0]
        series = []  # (t, y, colour, marker)
        if shown:
            t = np.concatenate([w[0] for w in shown])
            series += [(t, np.concatenate([w[1] for w in shown]), TARGET_RGB, marks["target"]),
                       (t, np.concatenate([w[2] for w in shown]), PREDICTION_RGB, marks["prediction"])]  # prediction on top
        if self.unseen is not None:
            t, target, prediction = self.unseen[:3]
            series += [(t, target, TARGET_RGB, marks["target"]), (t, prediction, UNSEEN_RGB, marks["unseen"])]
            plt.vline(float(t[0]), color="gray")
        for t, y, colour, marker in series:
            self._series(t, y, colour, marker)
        if series:
            low, high = float(min(s[0][0] for s in series)), float(max(s[0][-1] for s in series))
            ylow = min(-1.25, *(float(np.nanmin(s[1])) for s in series))
            yhigh = max(1.25, *(float(np.nanmax(s[1])) for s in series))
        else:
            low, high, ylow, yhigh = 0.0, 10 * np.pi, -1.25, 1.25
        plt.xlim(low, high)
        plt.xticks(*pi_ticks(low, high))
        plt.ylim(ylow, yhigh)
        if yhigh - ylow <= 4:  # a short chart gets two ticks: three on two rows would overlap
            plt.yticks([-1, 1] if self.size.height < 9 else [-1, 0, 1])
        else:
            plt.yticks(None)
        self.refresh()


def legend(app, unseen: bool = False) -> str:
    """The chart's legend as Textual markup (drawn outside the chart: plotext miscounts CJK width)."""
    glyphs = markers(app)[1]
    parts = [(TARGET_RGB, "target"), (PREDICTION_RGB, "prediction")] + ([(UNSEEN_RGB, "unseen")] if unseen else [])
    return "  ".join(f"[rgb({r},{g},{b})]{glyphs[name]} {t(f'train.legend.{name}')}[/]" for (r, g, b), name in parts)
