"""``rnn-tui gradients``: how much o_T reacts to each earlier input x_t.

    rnn-tui gradients --cell scalar --w 0.5 --length 20 --json

JSON has no infinity: a norm beyond float64's range (above 1.8e308, e.g. w = 10
over 10000 steps) is written as null in "norms", with its exact size kept in
"log10_norms"; a note on stderr says how many. The same holds for "ratio" and
"log10_ratio". The exit code stays 0: the numbers are right, only too big to print.
"""

from __future__ import annotations

import json
import math
import sys

from core.gradients import GradientError, Gradients, GradientSpec, compute
from core.gradients.result import EXPLODING, FADING, GROWING, VANISHING
from tui.cli.args import Parser, fail_setting
from tui.cli.settings import add_flags, flags
from tui.grad_format import sci

PROG = "rnn-tui gradients"
TABLE_EDGE = 25  # a long table shows the first and last TABLE_EDGE steps


EPILOG = (f"per_step: the factor the gradient changes by per step further back, from a least-squares line "
          f"through log10 norms against t. Verdict from that trend over the T-1 steps (per_step^(T-1)): below "
          f"{VANISHING:g} vanishing, below {FADING:g} fading, up to {GROWING:g} stable, up to {EXPLODING:g} growing, "
          f"above it exploding; ratio = norms[0]/norms[T-1] is the first bar over the last. --json prints null for "
          f"a value beyond float64's range; log10_norms and log10_ratio keep its exact size.")


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Backpropagate from the last output o_T to every input x_t and print ‖∂o_T/∂x_t‖.",
               epilog=EPILOG)
    add_flags(p, GradientSpec)
    add_flags(p.add_argument_group("scalar cell: s_t = x_t·u + s_{t-1}·w, o_t = s_t·v"), GradientSpec, section="scalar")
    add_flags(p.add_argument_group("rnn / lstm / gru"), GradientSpec, section="gated")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return p


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def to_json(res: Gradients) -> dict:
    """The result as JSON-safe values (null where float64 has no number)."""
    return {
        "cell": res.cell,
        "length": res.length,
        "norms": [_finite(x) for x in res.norms],
        "log10_norms": [_finite(x) for x in res.log10_norms],
        "ratio": _finite(res.ratio),
        "log10_ratio": _finite(res.log10_ratio),
        "per_step": _finite(res.per_step),
        "log10_per_step": _finite(res.log10_per_step),
        "verdict": res.verdict,
    }


def verdict_lines(res: Gradients) -> list[str]:
    """The first bar over the last, then the trend and the verdict it gives."""
    per = f"{res.per_step:.3g}" if -3 < res.log10_per_step < 4 else sci(res.log10_per_step)
    return [f"ratio norms[0]/norms[{res.length - 1}] (step 1 vs step {res.length}) = {sci(res.log10_ratio)}",
            f"trend: ×{per} per step back (least-squares fit over all {res.length} steps): {res.verdict}"]


def _table(res: Gradients) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{res.cell}, T={res.length}", header_style="bold")
    table.add_column("t", justify="right")
    table.add_column("‖∂o_T/∂x_t‖", justify="right")
    table.add_column("log10", justify="right")
    T = res.length
    shown = range(T) if T <= 2 * TABLE_EDGE else [*range(TABLE_EDGE), *range(T - TABLE_EDGE, T)]
    for i in shown:
        if T > 2 * TABLE_EDGE and i == T - TABLE_EDGE:
            table.add_row("…", f"{T - 2 * TABLE_EDGE} more (--json has all)", "")
        table.add_row(str(i + 1), sci(res.log10_norms[i]), f"{res.log10_norms[i]:.2f}")
    console = Console()
    console.print(table)
    for line in verdict_lines(res):
        console.print(line)


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        res = compute(GradientSpec(**{name: getattr(args, name) for name in flags(GradientSpec)}))
    except GradientError as exc:
        fail_setting(exc, flags(GradientSpec), PROG)
    if res.overflow:
        sys.stderr.write(f"{PROG}: note: {res.overflow} of {res.length} norms are beyond float64's range "
                         f"(1.8e308); they print as inf/0 (null in JSON), log10_norms has their exact size\n")
    if args.json:
        json.dump(to_json(res), sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
    else:
        _table(res)
    return 0
