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

from core.gradients import (
    CELLS,
    MAX_HIDDEN,
    MAX_LENGTH,
    MAX_SEED,
    GradientError,
    Gradients,
    GradientSpec,
    compute,
)
from core.gradients.spec import GATE_BIAS
from tui.cli.args import Parser, fail_setting, finite_float, int_in
from tui.grad_format import sci

PROG = "rnn-tui gradients"
TABLE_EDGE = 25  # a long table shows the first and last TABLE_EDGE steps


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Backpropagate from the last output o_T to every input x_t and print ‖∂o_T/∂x_t‖.",
               epilog="per_step: the factor the gradient changes by per step further back, from a least-squares "
                      "line through log10 norms against t. Verdict from that trend over the T-1 steps "
                      "(per_step^(T-1)): below 1e-2 vanishing, above 1e2 exploding, otherwise stable; "
                      "ratio = norms[0]/norms[T-1] is the first bar over the last. --json prints null for a "
                      "value beyond float64's range; log10_norms and log10_ratio keep its exact size.")
    p.add_argument("--cell", choices=CELLS, default="rnn", help="scalar (the tutorial's), rnn (tanh), lstm or gru (default rnn)")
    p.add_argument("--length", type=int_in(1, MAX_LENGTH), default=30, help=f"time steps T, 1..{MAX_LENGTH} (default 30)")
    p.add_argument("--scale", type=finite_float, default=1.0,
                   help="rnn/lstm/gru: recurrent weights × scale, 0..100 (default 1: torch's init, ±1/√H)")
    g = p.add_argument_group("scalar cell: s_t = x_t·u + s_{t-1}·w, o_t = s_t·v")
    g.add_argument("--u", type=finite_float, default=1.0, help="input weight (default 1)")
    g.add_argument("--w", type=finite_float, default=1.0, help="recurrent weight (default 1)")
    g.add_argument("--v", type=finite_float, default=2.0, help="output weight (default 2)")
    g = p.add_argument_group("rnn / lstm / gru")
    g.add_argument("--hidden", type=int_in(1, MAX_HIDDEN), default=32, help=f"hidden units H, 1..{MAX_HIDDEN} (default 32)")
    g.add_argument("--seed", type=int_in(0, MAX_SEED), default=0, help="seed of the weights and inputs (default 0)")
    g.add_argument("--forget-bias", type=_gate_bias, default=GATE_BIAS, dest="gate_bias",
                   help=f"bias of the LSTM's forget gate and the GRU's update gate (default {GATE_BIAS:g}; "
                        "'none': torch's plain init)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return p


# The flag behind each GradientSpec field (a GradientError names its field).
FLAGS = {"cell": "--cell", "length": "--length", "scale": "--scale", "u": "--u", "w": "--w", "v": "--v",
         "hidden": "--hidden", "seed": "--seed", "gate_bias": "--forget-bias"}


def spec_from(args) -> GradientSpec:
    return GradientSpec(cell=args.cell, length=args.length, scale=args.scale, u=args.u, w=args.w, v=args.v,
                        hidden=args.hidden, seed=args.seed, gate_bias=args.gate_bias)


def _gate_bias(text: str) -> float | None:
    return None if text.strip().lower() == "none" else finite_float(text)


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
        res = compute(spec_from(args))
    except GradientError as exc:
        fail_setting(exc, FLAGS, PROG)
    if res.overflow:
        sys.stderr.write(f"{PROG}: note: {res.overflow} of {res.length} norms are beyond float64's range "
                         f"(1.8e308); they print as inf/0 (null in JSON), log10_norms has their exact size\n")
    if args.json:
        json.dump(to_json(res), sys.stdout, allow_nan=False)
        sys.stdout.write("\n")
    else:
        _table(res)
    return 0
