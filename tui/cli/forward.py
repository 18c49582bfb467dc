"""``rnn-tui forward``: print the tutorial's walk-through (or the vector RNN's trace)."""

from __future__ import annotations

import math
import sys

from core.forward.scalar import ScalarParams
from core.forward.steps import MODES, build_scalar
from core.forward.tokens import DEFAULT_SENTENCE, tokenize
from core.forward.tokens import MODES as TOKEN_MODES
from core.forward.vector_params import ACTIVATION_NAMES, HIDDEN_MAX, MAX_PRINTED_STEPS, MAX_SEED, VectorParams, validate
from core.io.visible import json_text
from tui.cli.args import Parser, fail, finite_float, int_in
from tui.widgets.notation import drawable

SCALAR = ScalarParams()  # the tutorial's u, w, v and prevS
VECTOR = VectorParams()


def build_parser() -> Parser:
    p = Parser(prog="rnn-tui forward", description="Run the RNN over a sentence and print every time step.")
    p.add_argument("sentence", nargs="?", default=DEFAULT_SENTENCE, help=f"text to run (default: {DEFAULT_SENTENCE})")
    p.add_argument("--tokens", choices=TOKEN_MODES, default=TOKEN_MODES[0], help="split into words (rjieba) or characters")
    p.add_argument("--mode", choices=MODES, default=MODES[0], help="the tutorial's scalar RNN, or the vector RNN")
    g = p.add_argument_group("scalar mode (numbers u, w, v): s_t = u·x_t + w·s_{t-1}, o_t = v·s_t (prevS holds s_t)")
    g.add_argument("--u", type=finite_float, default=SCALAR.u, help=f"input→hidden weight (default {SCALAR.u:g})")
    g.add_argument("--w", type=finite_float, default=SCALAR.w, help=f"hidden→hidden weight, the memory (default {SCALAR.w:g})")
    g.add_argument("--v", type=finite_float, default=SCALAR.v, help=f"hidden→output weight (default {SCALAR.v:g})")
    g.add_argument("--s0", type=finite_float, default=SCALAR.s0, help=f"prevS before the first step, s_0 (default {SCALAR.s0:g})")
    g = p.add_argument_group("vector mode (matrices U, W, V): s_t = f(U·x_t + W·s_{t-1} + b), o_t = V·s_t + c")
    g.add_argument("--hidden", type=int_in(1, HIDDEN_MAX), default=VECTOR.hidden, help=f"hidden units H (default {VECTOR.hidden})")
    g.add_argument("--seed", type=int_in(0, MAX_SEED), default=VECTOR.seed, help=f"weight seed (default {VECTOR.seed})")
    g.add_argument("--activation", choices=ACTIVATION_NAMES, default=VECTOR.activation, help=f"f (default {VECTOR.activation})")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return p


def _scalar(args) -> dict:
    run = build_scalar(args.sentence, args.tokens, ScalarParams(args.u, args.w, args.v, args.s0))
    return {"tokens": list(run.tk.tokens), "ids": list(run.tk.ids), "steps": [r.__dict__ for r in run.steps]}


def _vector(args) -> dict:
    from core.forward.vector import steps  # NumPy: only for vector mode

    tk = tokenize(args.sentence, args.tokens)
    params = VectorParams(hidden=args.hidden, seed=args.seed, activation=args.activation)
    validate(params)
    if len(tk.ids) > MAX_PRINTED_STEPS:
        raise ValueError(f"vector mode prints at most {MAX_PRINTED_STEPS:,} steps; this text has {len(tk.ids):,} "
                         "tokens: shorten it (scalar mode has no such limit)")
    recs = [  # x is the one-hot input's position (the token id), as in scalar mode
        {"t": r.t, "token": r.token, "id": r.id, "x": r.x, "prev_s": r.prev_s.tolist(), "s": r.s.tolist(), "o": r.o.tolist()}
        for r in steps(tk.tokens, tk.ids, tk.vocab_size, params)
    ]
    return {"tokens": list(tk.tokens), "ids": list(tk.ids), "steps": recs}


def _fmt(value) -> str:
    if isinstance(value, list):
        return "[" + " ".join(f"{v:+.2f}" for v in value[:6]) + (" …]" if len(value) > 6 else "]")
    return f"{value:g}"


def _table(result: dict, mode: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"RNN forward ({mode})", header_style="bold",
                  caption="prevS is the tutorial's: the new state s_t")
    for col in ("t", "token", "id (x)", "s_{t-1}", "prevS = s_t", "o"):
        table.add_column(col, justify="right" if col not in ("token",) else "left")
    for r in result["steps"]:
        x = r["id"] if mode == "vector" else r["x"]
        table.add_row(str(r["t"]), drawable(r["token"]), _fmt(x), _fmt(r["prev_s"]), _fmt(r["s"]), _fmt(r["o"]))
    Console().print(table)


def _json_safe(value):
    """``value`` with every NaN/infinite float replaced by None (JSON has no infinity)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def _count_overflow(result: dict) -> int:
    """Steps whose numbers went beyond float64's range (inf or NaN)."""
    def bad(v) -> bool:
        return any(map(bad, v)) if isinstance(v, list) else isinstance(v, float) and not math.isfinite(v)

    return sum(1 for r in result["steps"] if any(bad(r[k]) for k in ("prev_s", "s", "o")))


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = _scalar(args) if args.mode == "scalar" else _vector(args)
    except ValueError as exc:
        fail(str(exc), "rnn-tui forward")
    if not result["steps"]:
        fail(f"the sentence is empty: give some text, e.g. rnn-tui forward {DEFAULT_SENTENCE}", "rnn-tui forward")
    overflow = _count_overflow(result)
    if overflow:
        sys.stderr.write(f"rnn-tui forward: note: {overflow} of {len(result['steps'])} steps overflow float64 "
                         f"(beyond 1.8e308): shown as inf, null in JSON; try smaller weights\n")
    if args.json:
        sys.stdout.write(json_text(_json_safe(result)) + "\n")
    else:
        _table(result, args.mode)
    return 0
