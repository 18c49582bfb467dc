"""`rnn-tui serve`: the pure parts (addresses, origins, sizes) without a server, then the real server on
127.0.0.1 only: loopback binding, foreign origins refused, session and size caps, signals stop every app,
one log line for a malformed request, a port in use fails before the banner. Every wait is bounded."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import aiohttp
import pytest

from tui.cli import main
from tui.cli.serve import app_command, build_parser, clamp_size, host_allowed, is_loopback, is_wildcard, origin_allowed, url_of

# -- pure parts ----------------------------------------------------------------------


def test_serve_passes_app_flags_and_execs_the_app():
    args = build_parser().parse_args(["我不喜欢美女", "--lang", "zh", "--demo"])
    words = shlex.split(app_command(args))
    assert words[0] == "exec"  # the shell becomes the app: stopping it stops the app, not only a shell
    assert words[2:8] == ["-m", "tui.cli", "我不喜欢美女", "--lang", "zh", "--demo"]
    assert words[8:] == ["--files", "$(mktemp -d -t rnn-tui-session.XXXXXX)"]  # a fresh folder, made by the shell
    args = build_parser().parse_args(["--files", "/srv/class files"])
    assert shlex.split(app_command(args))[-2:] == ["--files", "/srv/class files"]


def test_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1", "127.9.9.9", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.0.2.1", "example.com", ""))
    assert is_wildcard("0.0.0.0") and is_wildcard("::") and not is_wildcard("127.0.0.1")
    assert url_of("::1", 8000) == "http://[::1]:8000"
    assert url_of("127.1", 8000) == "http://127.0.0.1:8000"
    assert url_of("localhost", 80) == "http://localhost:80"


def test_origins():
    own = "127.0.0.1:8000"
    assert origin_allowed(None, own, True, None)  # not a browser
    assert origin_allowed("http://127.0.0.1:8000", own, True, None)
    assert not origin_allowed("http://evil.example", own, True, None)
    assert not origin_allowed("null", own, True, None)
    # DNS rebinding: a foreign name that resolves to us, with its own matching origin
    assert not origin_allowed("http://evil.example:8000", "evil.example:8000", True, None)
    assert not host_allowed("evil.example:8000", True, None)
    # served to the room: the teacher's public URL, or the address the page came from
    assert origin_allowed("http://192.0.2.7:8000", "192.0.2.7:8000", False, "http://192.0.2.7:8000")
    assert origin_allowed("http://192.0.2.7:8000", "192.0.2.7:8000", False, None)
    assert not origin_allowed("http://evil.example", "192.0.2.7:8000", False, "http://192.0.2.7:8000")


def test_terminal_sizes_are_clamped():
    assert clamp_size(-5, 99999) == (20, 200)
    assert clamp_size("20000", "20000") == (400, 200)
    assert clamp_size("abc", None) == (80, 24)
    assert clamp_size(100, 30) == (100, 30)
    assert clamp_size(10**400, -(10**400)) == (400, 8)


@pytest.mark.parametrize("argv,line", [
    (["--host", ""], "--host '': give an address, e.g. 127.0.0.1 (this machine) or 0.0.0.0 (every address)"),
    (["--host", "  "], "--host '': give an address, e.g. 127.0.0.1 (this machine) or 0.0.0.0 (every address)"),
    (["--public-url", "192.0.2.7"], "--public-url '192.0.2.7': give a URL such as http://192.168.1.20:8000"),
    (["--max-sessions", "0"], "argument --max-sessions: 0 is not between 1 and 100"),
    (["--host", "nosuchhost.invalid"], "--host nosuchhost.invalid: the host name could not be resolved (give an "
                                       "address such as 127.0.0.1, or a name this machine knows)"),
])
def test_bad_flags_one_line(argv, line, capsys):
    with pytest.raises(SystemExit) as info:
        main(["serve", *argv])
    assert info.value.code == 2
    assert capsys.readouterr().err == f"rnn-tui serve: error: {line}\n"


# -- the server on loopback ---------------------------------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:  # 0A = LISTEN
                found.add(socket.inet_ntoa(bytes.fromhex(addr)[::-1]) if len(addr) == 8 else addr)
    return found


def children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid``."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(entry))
    return out


def wait_until(condition, seconds: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.05)
    return value


class Served:
    """``rnn-tui serve`` in a subprocess, up once its banner is printed."""

    def __init__(self, *flags: str, host: str = "127.0.0.1"):
        self.port = free_port(host)
        self.host = host
        self.proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "serve", "--host", host, "--port", str(self.port),
                                      *flags], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.banner = self.proc.stdout.readline()  # returns '' at once if the server died
        assert self.banner.startswith("Serving rnn-tui at"), self.proc.stderr.read()

    @property
    def base(self) -> str:
        return url_of(self.host, self.port)

    def stop(self, sig=signal.SIGINT) -> tuple[str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=30)
        return self.banner + out, err

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=30)


def get(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def first_bytes(ws, seconds: float = 30.0) -> bytes:
    """The first screen data an app sends (it has started and drawn)."""
    async with asyncio.timeout(seconds):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY and message.data:
                return message.data
            if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    raise AssertionError("the app sent nothing")


def test_serve_answers_on_loopback_only_and_stops_on_ctrl_c():
    with Served() as s:
        assert get(s.base + "/")[0] == 200
        assert listening_addresses(s.port) == {"127.0.0.1"}
        out, err = s.stop()
    assert s.proc.returncode == 0
    assert f"http://127.0.0.1:{s.port}" in out and "rnn-tui serve: stopped" in out
    assert "Traceback" not in err + out


def test_ipv6_loopback_gets_a_bracketed_url():
    with Served(host="::1") as s:
        assert s.banner == f"Serving rnn-tui at http://[::1]:{s.port}  (Ctrl+C to stop)\n"
        status, page = get(s.base + "/")
        assert status == 200 and f'data-session-websocket-url="ws://[::1]:{s.port}/ws"' in page
        s.stop()


def test_short_loopback_form_is_not_warned_about():
    with Served(host="127.1") as s:
        assert s.banner.startswith(f"Serving rnn-tui at http://127.0.0.1:{s.port} ")
        _, err = s.stop()
    assert "warning" not in err


def test_the_page_points_browsers_at_the_public_url():
    with Served("--public-url", "http://192.0.2.7:8123/") as s:
        assert s.banner.startswith("Serving rnn-tui at http://192.0.2.7:8123 ")
        status, page = get(s.base + "/")
        assert status == 200
        assert 'data-session-websocket-url="ws://192.0.2.7:8123/ws"' in page
        assert "http://192.0.2.7:8123/static/js/textual.js" in page
        s.stop()


def test_a_page_for_a_foreign_host_name_is_refused():
    """DNS rebinding: evil.example resolving to 127.0.0.1 must not get our page."""
    with Served() as s:
        assert get(s.base + "/", {"Host": f"evil.example:{s.port}"})[0] == 421
        s.stop()


async def _ws(s: Served, origin: str | None, query: str = ""):
    session = aiohttp.ClientSession()
    headers = {"Origin": origin} if origin else {}
    try:
        ws = await session.ws_connect(f"{s.base}/ws{query}", headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5))
    except aiohttp.WSServerHandshakeError as exc:
        await session.close()
        return exc.status, None, None
    return 101, ws, session


async def test_foreign_origin_refused_own_origin_starts_an_app():
    with Served() as s:
        status, _, _ = await _ws(s, "http://evil.example")
        assert status == 403
        assert children(s.proc.pid) == set()  # no app was started for it
        status, ws, session = await _ws(s, f"http://127.0.0.1:{s.port}")
        assert status == 101
        assert await first_bytes(ws)
        await ws.close()
        await session.close()
        s.stop()


async def test_sessions_are_capped_and_odd_sizes_clamped():
    with Served("--max-sessions", "1") as s:
        status, ws, session = await _ws(s, None, "?width=-5&height=99999")
        assert status == 101
        assert await first_bytes(ws)  # the app started at a clamped size
        assert (await _ws(s, None))[0] == 503  # one session already
        await ws.send_str('["resize", {"width": -5, "height": "x"}]')
        await ws.send_str("not json")
        await ws.send_str('["stdin"]')
        await ws.send_json(["ping", "alive?"])
        async with asyncio.timeout(20):
            while (message := await ws.receive()).type != aiohttp.WSMsgType.TEXT:
                pass
        assert message.json() == ["pong", "alive?"]  # the session survived the bad messages
        await ws.close()
        await session.close()
        s.stop()


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
async def test_a_signal_to_the_server_stops_every_app(sig):
    with Served() as s:
        status, ws, session = await _ws(s, None)
        assert await first_bytes(ws)
        apps = wait_until(lambda: children(s.proc.pid), what="the app process")
        s.proc.send_signal(sig)
        await asyncio.to_thread(s.proc.wait, 30)
        await session.close()
    wait_until(lambda: not any(_alive(pid) for pid in apps), what="every app process gone")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_malformed_request_is_one_log_line():
    with Served() as s:
        for junk in (b"\x16\x03\x01\x00\xa5\x01\x00GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
                c.sendall(junk)
                assert c.recv(100).startswith(b"HTTP/1.0 400")
        out, err = s.stop()
    log = [line for line in (out + err).splitlines() if "Error handling request" in line]
    assert 1 <= len(log) <= 2  # one line per request at most (aiohttp logs the second only)
    assert "Traceback" not in out + err and "╭" not in out + err


def test_a_port_in_use_fails_before_the_banner():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=30)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"rnn-tui serve: error: cannot listen on 127.0.0.1:{port}: address already in use\n"


def test_serve_rejects_a_bad_port():
    proc = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--port", "70000"], capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "70000" in proc.stderr


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as fh:
        return [part.decode() for part in fh.read().split(b"\0") if part]


async def test_a_malformed_deeply_nested_message_is_ignored_and_the_session_goes_on():
    with Served() as s:
        status, ws, session = await _ws(s, f"http://127.0.0.1:{s.port}")
        assert status == 101 and await first_bytes(ws)
        await ws.send_str("[" * 100_000 + "]" * 100_000)  # RecursionError in json.loads: it closed the session
        await ws.send_str('{"not": "an envelope"}')
        await ws.send_json(["ping", "still-here"])
        async with asyncio.timeout(30):
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT and "still-here" in message.data:
                    break
                assert message.type not in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR), "the session closed"
        await ws.close()
        await session.close()
        s.stop()


async def test_each_served_session_gets_a_fresh_folder_for_its_files():
    """The browser is not the server's shell: the app a session starts is confined to a new, empty folder
    (what it refuses there: tests/test_file_root.py)."""
    with Served() as s:
        status, ws, session = await _ws(s, f"http://127.0.0.1:{s.port}")
        assert status == 101 and await first_bytes(ws)
        (app,) = children(s.proc.pid)
        argv = _cmdline(app)
        folder = argv[argv.index("--files") + 1]
        assert os.path.isdir(folder) and os.path.basename(folder).startswith("rnn-tui-session.")
        assert os.listdir(folder) == [] and folder != os.getcwd()
        await ws.close()
        await session.close()
        _, err = s.stop()
    assert "file fields reach only a fresh, empty folder per session" in err


def test_serve_learn_starts_each_session_in_the_lesson_with_its_own_progress():
    args = build_parser().parse_args(["--learn", "--lang", "zh", "--demo"])
    command = app_command(args)
    assert command.startswith('XDG_STATE_HOME="$(mktemp -d -t rnn-tui-lesson.XXXXXX)" exec ')  # per session
    words = shlex.split(command.split(" exec ", 1)[1])
    assert words[1:7] == ["-m", "tui.cli", "learn", "--lang", "zh", "--demo"]
    out = subprocess.run([sys.executable, "-m", "tui.cli", "serve", "--learn", "--mode", "vector"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "--learn opens the lesson" in out.stderr
