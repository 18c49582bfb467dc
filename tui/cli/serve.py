"""``rnn-tui serve``: serve the app to a web browser with textual-serve.

Each browser tab gets its own rnn-tui process. Binds to 127.0.0.1 unless told
otherwise: anyone who can reach the address gets the app. On top of textual-serve:

- the websocket refuses a foreign ``Origin`` (any web page the user opens could
  otherwise start an app and type into it): a browser's origin must be this server's
  own (the ``--public-url``, or the address the page was loaded from; on a loopback
  bind that address must be a loopback one too, which stops DNS rebinding);
- at most ``--max-sessions`` apps at once; a browser's terminal size is clamped to
  ``COLUMNS`` x ``ROWS``; malformed messages are ignored;
- the port is bound before the banner (a port in use fails first); SIGINT, SIGTERM and
  SIGHUP stop every app (killed after ``QUIT_GRACE`` s) before the server exits;
- a request that fails logs one line, never a traceback;
- ``--host 0.0.0.0`` pages point browsers at the address they used (or ``--public-url``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import shlex
import signal
import socket
import sys
from urllib.parse import urlsplit

from core.forward.steps import MODES
from core.forward.tokens import DEFAULT_SENTENCE
from core.forward.tokens import MODES as TOKEN_MODES
from tui.cli.args import Parser, fail, int_in
from tui.i18n import LANGS

PROG = "rnn-tui serve"
MAX_SESSIONS = 8  # apps at once by default
# Each session is its own rnn-tui process. Measured (RSS, this machine): about 80 MB with the Forward tab only,
# about 300 MB once its Train tab has imported torch (370 MB seen elsewhere). The start-up line says what
# --max-sessions can add up to.
SESSION_MB, SESSION_TORCH_MB = 80, 350
COLUMNS, ROWS = (20, 400), (8, 200)  # the terminal sizes a browser may ask for
MAX_MESSAGE_CHARS = 1 << 20  # a websocket message longer than this is ignored (a paste of 1 MB is fine)
QUIT_GRACE = 2.0  # seconds an app gets to quit at shutdown before it is killed
INSTALL_HINT = "textual-serve is not installed: pip install textual-serve (it is one of rnn-tui's dependencies)"


def build_parser() -> Parser:
    p = Parser(prog=PROG, description="Serve rnn-tui to a web browser (textual-serve).")
    p.add_argument("sentence", nargs="?", default=None, help=f"the Forward tab's sentence (default: {DEFAULT_SENTENCE})")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0: every address)")
    p.add_argument("--port", type=int_in(1, 65535), default=8000, help="port (default 8000)")
    p.add_argument("--public-url", metavar="URL", default=None,
                   help="the address browsers use, e.g. http://192.168.1.20:8000 (default: the one the page came from)")
    p.add_argument("--max-sessions", type=int_in(1, 100), default=MAX_SESSIONS,
                   help=f"apps running at once, one per browser tab (default {MAX_SESSIONS})")
    p.add_argument("--tokens", choices=TOKEN_MODES, default=None, help="passed to the app")
    p.add_argument("--mode", choices=MODES, default=None, help="passed to the app")
    p.add_argument("--lang", choices=LANGS, default=None, help="passed to the app")
    p.add_argument("--demo", action="store_true", help="start the app in demo mode (with --learn: the lesson plays itself)")
    p.add_argument("--learn", action="store_true", help="start each session in the lesson (rnn-tui learn), its progress "
                   "kept per session")
    p.add_argument("--files", metavar="DIR", default=None,
                   help="the one folder the sessions' file fields may read and write (default: a fresh, empty "
                        "folder per session, so a browser never reaches this account's files)")
    return p


def app_command(args) -> str:
    """The shell command each browser session runs (``exec``: the app is the process textual-serve stops)."""
    argv = [sys.executable, "-m", "tui.cli"] + (["learn"] if args.learn else [])
    if args.sentence is not None and not args.learn:
        argv.append(args.sentence)
    for flag in ("tokens", "mode", "lang"):
        value = getattr(args, flag)
        if value is not None:
            argv += [f"--{flag}", value]
    if args.demo:
        argv.append("--demo")
    # the session's file fields reach only this folder: the one given, or a fresh one per session
    folder = shlex.quote(os.path.abspath(args.files)) if args.files else '"$(mktemp -d -t rnn-tui-session.XXXXXX)"'
    # a lesson's progress is kept per session (a fresh state folder), never shared between visitors
    state = 'XDG_STATE_HOME="$(mktemp -d -t rnn-tui-lesson.XXXXXX)" ' if args.learn else ""
    return state + "exec " + shlex.join(argv) + " --files " + folder


# -- addresses (pure) ------------------------------------------------------------------


def numeric_host(host: str) -> str | None:
    """The canonical form of a numeric address ('127.1' -> '127.0.0.1', '::1'), else None (a name)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        return str(ipaddress.ip_address(socket.inet_aton(host)))  # the short forms: 127.1, 2130706433
    except OSError:
        return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (no DNS lookup: only numeric addresses and 'localhost')."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    numeric = numeric_host(host)
    return numeric is not None and ipaddress.ip_address(numeric).is_loopback


def is_wildcard(host: str) -> bool:
    numeric = numeric_host(host.strip("[]"))
    return numeric is not None and ipaddress.ip_address(numeric).is_unspecified


def url_of(host: str, port: int) -> str:
    """``http://host:port`` with an IPv6 address bracketed."""
    host = numeric_host(host) or host
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def host_allowed(host_header: str | None, loopback_bind: bool, public_url: str | None) -> bool:
    """Whether a request's Host header names this server (rebinding: a foreign name resolving to us)."""
    if not host_header:
        return False
    if public_url is not None and host_header.lower() == urlsplit(public_url).netloc.lower():
        return True
    name = urlsplit(f"http://{host_header}").hostname or ""
    return is_loopback(name) or not loopback_bind


def origin_allowed(origin: str | None, host_header: str | None, loopback_bind: bool, public_url: str | None) -> bool:
    """A websocket may come from no browser (no Origin) or from this server's own page only."""
    if origin is None:
        return True
    if public_url is not None and origin.lower() == origin_of(public_url):
        return True
    return host_allowed(host_header, loopback_bind, public_url) and origin.lower() == f"http://{host_header}".lower()


def clamp_size(width, height) -> tuple[int, int]:
    """A terminal size a browser asked for, as whole numbers within COLUMNS x ROWS (80x24 if unreadable)."""
    def whole(value, default: int) -> int:
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            return default
    return (min(max(whole(width, 80), COLUMNS[0]), COLUMNS[1]),
            min(max(whole(height, 24), ROWS[0]), ROWS[1]))


def _font_size(text) -> int:
    try:
        return min(max(int(text), 6), 64)
    except (TypeError, ValueError):
        return 16


def check_public_url(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fail(f"--public-url {url!r}: give a URL such as http://192.168.1.20:8000", PROG)
    return f"{parts.scheme}://{parts.netloc}"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or exit 2 with one line (before any banner)."""
    if not host.strip():
        fail("--host '': give an address, e.g. 127.0.0.1 (this machine) or 0.0.0.0 (every address)", PROG)
    address = numeric_host(host.strip("[]")) or host
    try:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        if numeric_host(address) is None:  # a name: its first address
            family, _, _, _, sockaddr = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)[0]
            address = sockaddr[0]
        return socket.create_server((address, port), family=family, backlog=64)
    except socket.gaierror:  # its errno is a resolver code (-2), not an OS error: strerror calls it "unknown error"
        fail(f"--host {host}: the host name could not be resolved (give an address such as 127.0.0.1, "
             "or a name this machine knows)", PROG)
    except OSError as exc:
        why = os.strerror(exc.errno) if exc.errno else str(exc)  # create_server appends the address to strerror
        fail(f"cannot listen on {url_of(host, port)[7:]}: {why.lower()}", PROG)


# -- the server ------------------------------------------------------------------------


class _OneLine(logging.Filter):
    """A log record with a traceback becomes one line: the message and the error's type and first line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc = record.exc_info[1]
            first = (str(exc).splitlines() or [""])[0][:120]
            record.msg, record.args = f"{record.getMessage()}: {type(exc).__name__}: {first}", ()
            record.exc_info = record.exc_text = None
        return True


def make_server(command: str, sock: socket.socket, public_url: str | None, max_sessions: int, banner: str):
    import aiohttp_jinja2
    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    class RnnTuiServer(Server):
        def __init__(self) -> None:
            host, port = sock.getsockname()[:2]
            super().__init__(command, host=host, port=port, title="rnn-tui", public_url=public_url or "")
            self.loopback = is_loopback(host)
            self.sessions: dict = {}  # AppService -> its websocket

        def initialize_logging(self) -> None:
            super().initialize_logging()
            for handler in logging.getLogger().handlers:
                handler.addFilter(_OneLine())

        async def on_startup(self, app) -> None:
            print(banner, flush=True)

        def base_url(self, request) -> str:
            return public_url or f"{request.scheme}://{request.host}"

        async def handle_index(self, request):
            if not host_allowed(request.headers.get("Host"), self.loopback, public_url):
                raise web.HTTPMisdirectedRequest(text="this server does not answer to that host name")
            base = self.base_url(request)
            ws = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1]
            context = {
                "font_size": _font_size(request.query.get("fontsize")),
                "app_websocket_url": f"{ws}/ws",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": self.title},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_websocket(self, request):
            if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host"), self.loopback, public_url):
                logging.getLogger("rnn-tui").warning("refused a websocket from a foreign page")
                raise web.HTTPForbidden(text="this page may not open rnn-tui sessions")
            if len(self.sessions) >= max_sessions:
                raise web.HTTPServiceUnavailable(text=f"rnn-tui is serving {max_sessions} sessions already")
            width, height = clamp_size(request.query.get("width"), request.query.get("height"))
            websocket = web.WebSocketResponse(heartbeat=15)
            service = AppService(command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            self.sessions[service] = websocket
            try:
                await websocket.prepare(request)
                await service.start(width, height)
                await self.relay(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # one line (the _OneLine filter)
                logging.getLogger("rnn-tui").error("a session failed", exc_info=error)
            finally:
                await self.end(service)
            return websocket

        async def relay(self, websocket, service) -> None:
            """Browser messages to the app: our own loop (textual-serve's private _process_messages is not used),
            which ignores a malformed, huge or deeply nested message instead of closing the session."""
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                if len(message.data) > MAX_MESSAGE_CHARS:
                    continue  # no real keystroke or resize is this long: ignored
                try:
                    kind, data = message.json()[:2]
                except (ValueError, TypeError, KeyError, RecursionError):
                    continue  # not a [type, data] envelope (or nested past Python's limit): ignored
                if kind == "stdin" and isinstance(data, str):
                    await service.send_bytes(data.encode("utf-8", "replace"))
                elif kind == "resize" and isinstance(data, dict):
                    await service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await service.blur()
                elif kind == "focus":
                    await service.focus()

        async def end(self, service) -> None:
            """Stop one app: ask it to quit, kill it after QUIT_GRACE s."""
            self.sessions.pop(service, None)
            try:
                await asyncio.wait_for(service.stop(), QUIT_GRACE)
            except Exception:  # a timeout, or an app that already died
                pass
            process = getattr(service, "_process", None)  # textual-serve keeps it private; no public handle
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()

        async def on_shutdown(self, app) -> None:
            sessions = list(self.sessions.items())
            await asyncio.gather(*(self.end(service) for service, _ in sessions), return_exceptions=True)
            await asyncio.gather(*(ws.close() for _, ws in sessions), return_exceptions=True)

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self.request_exit)
            web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop, shutdown_timeout=QUIT_GRACE + 3,
                        print=lambda *args: None, access_log=None)

    return RnnTuiServer()


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.learn and (args.sentence is not None or args.tokens or args.mode):
        fail("--learn opens the lesson, which sets the sentence, --tokens and --mode itself: drop them", PROG)
    public_url = check_public_url(args.public_url)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        fail(INSTALL_HINT, PROG)
    if args.files is not None and not os.path.isdir(args.files):
        fail(f"--files {args.files}: not a folder", PROG)
    sock = bind(args.host, args.port)
    if is_wildcard(args.host):
        where = public_url or f"http://<this machine's address>:{args.port}"
        sys.stderr.write(f"{PROG}: warning: bound to every address: anyone who can reach port {args.port} gets the app\n")
    elif not is_loopback(args.host):
        where = public_url or url_of(args.host, args.port)
        sys.stderr.write(f"{PROG}: warning: bound to {args.host}: anyone who can reach this address gets the app\n")
    else:
        where = public_url or url_of(args.host, args.port)
    banner = f"Serving rnn-tui at {where}  (Ctrl+C to stop)"
    sys.stderr.write(f"{PROG}: each browser tab runs its own app: about {SESSION_MB} MB, about {SESSION_TORCH_MB} MB "
                     f"once its Train tab loads torch; {args.max_sessions} sessions at most (--max-sessions): up to "
                     f"~{args.max_sessions * SESSION_TORCH_MB / 1000:.1f} GB\n")
    sys.stderr.write(f"{PROG}: file fields reach " + (f"only {args.files}" if args.files else
                     "only a fresh, empty folder per session (--files DIR to choose one)") + "\n")
    make_server(app_command(args), sock, public_url, args.max_sessions, banner).serve()
    print("rnn-tui serve: stopped", flush=True)
    return 0
