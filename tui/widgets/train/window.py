"""The current window: target (cos) and prediction on one shared scale, and the input (sin)."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from tui.i18n import t
from tui.widgets.text_line import TextLine
from tui.widgets.train.spark import ScaledSparkline

# Colours shared with the fit chart (RGB, so the chart and the sparklines match).
TARGET_RGB = (235, 94, 94)
PREDICTION_RGB = (86, 156, 245)
UNSEEN_RGB = (98, 196, 120)
INPUT_RGB = (160, 160, 160)


def _css(rgb: tuple[int, int, int]) -> str:
    return "rgb({},{},{})".format(*rgb)


class WindowPanel(Vertical):
    """Three rows of bars for the latest window; target and prediction share a scale."""

    DEFAULT_CSS = f"""
    WindowPanel {{ height: auto; }}
    WindowPanel #window-title {{ height: 1; color: $text-muted; }}
    WindowPanel Horizontal {{ height: 1; }}
    WindowPanel Label {{ width: 12; }}
    WindowPanel #spark-target {{ color: {_css(TARGET_RGB)}; }}
    WindowPanel #spark-prediction {{ color: {_css(PREDICTION_RGB)}; }}
    WindowPanel #spark-input {{ color: {_css(INPUT_RGB)}; }}
    WindowPanel #label-target {{ color: {_css(TARGET_RGB)}; }}
    WindowPanel #label-prediction {{ color: {_css(PREDICTION_RGB)}; }}
    WindowPanel #label-input {{ color: {_css(INPUT_RGB)}; }}
    """

    def compose(self) -> ComposeResult:
        yield TextLine(t("train.window_none"), id="window-title")
        for name in ("target", "prediction", "input"):
            with Horizontal(id=f"row-{name}"):
                yield Label(t(f"train.w.{name}"), id=f"label-{name}")
                yield ScaledSparkline(id=f"spark-{name}")

    def show(self, step: int, target: np.ndarray, prediction: np.ndarray, x: np.ndarray) -> None:
        """Draw window ``step`` (1-based): its target, the prediction and the input."""
        low = float(min(-1.0, np.nanmin(target), np.nanmin(prediction)))
        high = float(max(1.0, np.nanmax(target), np.nanmax(prediction)))
        self.query_one("#window-title", TextLine).update(t("train.window", k=step, a=step - 1, b=step))
        for name, values in (("target", target), ("prediction", prediction), ("input", x)):
            spark = self.query_one(f"#spark-{name}", ScaledSparkline)
            spark.scale = (low, high)
            spark.data = tuple(float(v) for v in values)

    def clear(self) -> None:
        self.query_one("#window-title", TextLine).update(t("train.window_none"))
        for name in ("target", "prediction", "input"):
            self.query_one(f"#spark-{name}", ScaledSparkline).data = ()
