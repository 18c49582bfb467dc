"""``rnn-tui serve``: serve the app to a web browser with textual-serve.

Each browser tab gets its own rnn-tui process. Binds to 127.0.0.1 unless told
otherwise: anyone who can reach the address gets the app.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys

from core.forward import MODES
from core.tokens import DEFAULT_SENTENCE
from core.tokens import MODES as TOKEN_MODES
from tui.args import Parser, fail, int_in
from tui.i18n import LANGS

INSTALL_HINT = "textual-serve is not installed: pip install 'rnn-tui[serve]' (or pip install textual-serve)"


def build_parser() -> Parser:
    p = Parser(prog="rnn-tui serve", description="Serve rnn-tui to a web browser (textual-serve).")
    p.add_argument("sentence", nargs="?", default=None, help=f"the Forward tab's sentence (default: {DEFAULT_SENTENCE})")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int_in(1, 65535), default=8000, help="port (default 8000)")
    p.add_argument("--tokens", choices=TOKEN_MODES, default=None, help="passed to the app")
    p.add_argument("--mode", choices=MODES, default=None, help="passed to the app")
    p.add_argument("--lang", choices=LANGS, default=None, help="passed to the app")
    p.add_argument("--demo", action="store_true", help="start the app in demo mode")
    return p


def app_command(args) -> str:
    """The shell command each browser session runs."""
    argv = [sys.executable, "-m", "tui.cli"]
    if args.sentence is not None:
        argv.append(args.sentence)
    for flag in ("tokens", "mode", "lang"):
        value = getattr(args, flag)
        if value is not None:
            argv += [f"--{flag}", value]
    if args.demo:
        argv.append("--demo")
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        from textual_serve.server import Server
    except ImportError:
        fail(INSTALL_HINT, "rnn-tui serve")
    if not is_loopback(args.host):
        sys.stderr.write(
            f"rnn-tui serve: warning: bound to {args.host}: anyone who can reach this address gets the app\n"
        )
    url = f"http://{args.host}:{args.port}"
    print(f"Serving rnn-tui at {url}  (Ctrl+C to stop)", flush=True)
    server = Server(app_command(args), host=args.host, port=args.port, title="rnn-tui", public_url=url)
    try:
        server.serve()
    except OSError as exc:
        fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", "rnn-tui serve")
    print("rnn-tui serve: stopped", flush=True)
    return 0
