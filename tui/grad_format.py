"""Numbers given by their log10, printed even when float64 cannot hold them (10^9999)."""

from __future__ import annotations

import math

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _split(log10: float, digits: int) -> tuple[float, int]:
    """(mantissa, exponent) with 1 ≤ mantissa < 10 after rounding to ``digits`` decimals."""
    exp = math.floor(log10)
    mant = round(10 ** (log10 - exp), digits)
    if mant >= 10:
        mant, exp = mant / 10, exp + 1
    return mant, exp


def _special(log10: float) -> str | None:
    if math.isnan(log10):
        return "n/a"
    if log10 == -math.inf:
        return "0"
    if log10 == math.inf:
        return "∞"
    return None


def sci(log10: float) -> str:
    """3.21e-09: plain scientific notation (tables, JSON-friendly text)."""
    special = _special(log10)
    if special:
        return special
    mant, exp = _split(log10, 2)
    return f"{mant:.2f}e{exp:+03d}"


def pretty(log10: float) -> str:
    """3.2×10⁻⁹, or a plain number such as 0.25 or 1234 when it is not too small or large."""
    special = _special(log10)
    if special:
        return special
    if -3 <= log10 < 4:
        value = 10**log10
        return f"{value:.3g}" if value < 1000 else f"{value:.0f}"
    mant, exp = _split(log10, 1)
    return f"{mant:.1f}×10{str(exp).translate(SUPERSCRIPT)}"


def pretty_value(x: float) -> str:
    """``pretty`` for an ordinary float (its sign kept)."""
    if x == 0 or not math.isfinite(x):
        return pretty(math.log10(abs(x))) if x else "0"
    return ("−" if x < 0 else "") + pretty(math.log10(abs(x)))
