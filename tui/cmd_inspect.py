"""``rnn-tui inspect FILE [--json]``: say what a model file is, or refuse it in one line.

For a model handed over by someone else: the file is checked the way the app loads it
(``core.model_file``: bounded, pickle-free, checksum over everything) without keeping
its tensors, so it takes constant memory and a few seconds whatever the file holds.
Exit 0 with its kind, config, steps trained and "checksum ok"; exit 2 with one line.
"""

from __future__ import annotations

import importlib
import json
import re
import sys

from core.model_file import shown
from tui.args import Parser, add_version, fail

PROG = "rnn-tui inspect"

# kind -> the module that reads it: it has spec(kind, meta) for read_model_file and summary(meta)
READERS = {
    "train": ("core.checkpoint", "train_spec", "train_summary"),  # the Context tab's kind joins here
}
KIND_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")
TITLES = {"train": "a Train model (sin -> cos)"}


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Check an rnn-tui model file and say what it holds.",
               epilog="exit codes: 0 a valid model file; 2 anything else (one line on stderr).")
    p.add_argument("file", metavar="FILE", help="a model file saved by rnn-tui (Train tab, rnn-tui train --save)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_version(p)
    return p


class _NoReader(Exception):
    """The file's kind has no reader here: check it as the header declares it."""


def _spec(kind: str, meta: dict):
    if kind not in READERS:
        raise _NoReader
    module, spec, _ = READERS[kind]
    return getattr(importlib.import_module(module), spec)(kind, meta)


def inspect(path: str) -> dict:
    """What the file at ``path`` holds, as JSON-ready data. Raises ModelFileError."""
    from core.model_file import VERSION, read_model_file

    try:
        f = read_model_file(path, _spec, arrays=False)
    except _NoReader:
        f = read_model_file(path, None, arrays=False)
    out = {"file": path, "format": "rnn-tui", "version": VERSION,
           "kind": f.kind if KIND_NAME.fullmatch(f.kind) else None, "known_kind": f.kind in READERS,
           "checksum_ok": True, "tensor_bytes": f.nbytes}
    if f.kind in READERS:
        module, _, summary = READERS[f.kind]
        out |= getattr(importlib.import_module(module), summary)(f.meta)
    return out


def _text(info: dict) -> str:
    kind = info["kind"] or "unnamed"
    what = TITLES.get(kind, f"a '{kind}' model (this rnn-tui has no reader for it: tensors checked only)")
    lines = [f"{shown(info['file'])}: {what}, rnn-tui model file version {info['version']}, checksum ok"]
    if "steps" in info:
        lines.append(f"  steps trained: {info['steps'] if info['steps'] is not None else 'not recorded'}")
    if "config" in info:
        lines.append("  config: " + ", ".join(f"{k} {v}" for k, v in info["config"].items()))
    lines.append(f"  tensor data: {info['tensor_bytes']:,} bytes")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from core.model_file import ModelFileError

    args = build_parser().parse_args(argv)
    try:
        info = inspect(args.file)
    except ModelFileError as exc:
        fail(str(exc), PROG)
    sys.stdout.write(json.dumps(info, ensure_ascii=False) + "\n" if args.json else _text(info))
    return 0
