"""``rnn-tui inspect FILE [--json]``: say what a model file is, or refuse it in one line.

For a model handed over by someone else: the file is checked the way the app loads it
(``core.io.container``: bounded, pickle-free, checksum over everything) without keeping
its tensors, so it takes constant memory and a few seconds whatever the file holds.
Exit 0 with its kind, config, steps trained and "checksum ok"; exit 2 with one line.
"""

from __future__ import annotations

import importlib
import re
import sys

from core.io.visible import json_text, shown, visible
from tui.cli.args import Parser, add_version, fail

PROG = "rnn-tui inspect"

# kind -> the module that reads it: it has spec(kind, meta) for read_model_file and summary(meta)
READERS = {
    "train": ("core.sincos.checkpoint", "train_spec", "train_summary"),
    "context": ("core.context.modelfile", "context_spec", "context_summary"),
}
KIND_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
TITLES = {"train": "a Train model (sin -> cos)", "context": "a Context model (word-order sentiment)"}


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Check an rnn-tui model file and say what it holds.",
               epilog="exit codes: 0 a valid model file; 2 anything else (one line on stderr).")
    p.add_argument("file", metavar="FILE", help="a model file saved by rnn-tui (Train tab, rnn-tui train --save)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_version(p)
    return p


class _NoReader(Exception):
    """The file's kind has no reader here: check it as the header declares it."""


def _reader(kind: str, index: int):
    """The function READERS names for ``kind`` (1: spec, 2: summary), or None if this install lacks it."""
    if kind not in READERS:
        return None
    try:
        return getattr(importlib.import_module(READERS[kind][0]), READERS[kind][index])
    except (ImportError, AttributeError):
        return None


def _spec(kind: str, meta: dict):
    spec = _reader(kind, 1)
    if spec is None:
        raise _NoReader
    return spec(kind, meta)


def inspect(path: str) -> dict:
    """What the file at ``path`` holds, as JSON-ready data. Raises ModelFileError."""
    from core.io.container import VERSION, read_model_file

    try:
        f = read_model_file(path, _spec, arrays=False)
    except _NoReader:
        f = read_model_file(path, None, arrays=False)
    summary = _reader(f.kind, 2)
    out = {"file": path, "format": "rnn-tui", "container": "safetensors", "version": VERSION,
           "kind": f.kind if KIND_NAME.fullmatch(f.kind) else None, "known_kind": summary is not None,
           "checksum_ok": True, "tensor_bytes": f.nbytes}
    return out | (summary(f.meta) if summary is not None else {})


def _text(info: dict) -> str:
    kind = info["kind"] or "unnamed"
    what = TITLES[kind] if info["known_kind"] else f"a '{kind}' model (this rnn-tui has no reader for it: tensors checked only)"
    lines = [f"{shown(info['file'])}: {what} in a safetensors file (rnn-tui model format version {info['version']}), "
             "checksum ok"]
    if info["file"].lower().endswith((".pt", ".pth")):
        lines.append("  name: .pt is an older rnn-tui's default name; the file is safetensors, not a torch pickle")
    if "steps" in info:
        lines.append(f"  steps trained: {info['steps'] if info['steps'] is not None else 'not recorded'}")
    if "continues" in info:
        lines.append(f"  can continue: {_continues(info['continues'])}")
    if "config" in info:
        lines.append("  config: " + ", ".join(f"{k} {v}" for k, v in info["config"].items()))
    base = {"file", "format", "container", "version", "kind", "known_kind", "checksum_ok", "tensor_bytes", "steps", "config",
            "continues"}
    lines += [f"  {key}: {_short(value)}" for key, value in info.items() if key not in base]  # a reader's own summary
    lines.append(f"  tensor data: {info['tensor_bytes']:,} bytes")
    return "\n".join(visible(line) for line in lines) + "\n"  # header values are the file's: shown, not obeyed


def _continues(state: dict | None) -> str:
    """Whether loading continues the run: from which step, with which saved state."""
    if state is None:
        return "no (weights only: an older file without the training state; a new run from these weights)"
    optimizer = f"Adam's state after {state['adam_step']} steps" if state["adam_step"] else "no optimizer state (plain SGD)"
    hidden = "the carried hidden state" if state["hidden_state"] else "h from zeros (carry h off)"
    return f"yes, from step {state['next_step']} with {optimizer} and {hidden}"


def _short(value) -> str:
    text = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def main(argv: list[str]) -> int:
    from core.io.container import ModelFileError

    args = build_parser().parse_args(argv)
    try:
        info = inspect(args.file)
    except ModelFileError as exc:
        fail(str(exc), PROG)
    sys.stdout.write(json_text(info) + "\n" if args.json else _text(info))
    return 0
