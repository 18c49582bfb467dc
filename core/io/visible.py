"""Text from outside (sentences, file names, file contents, model headers) made safe to show.

A terminal obeys the control characters in what it is sent: ESC starts sequences that
move the cursor, clear the screen, set the window title or write the clipboard (OSC 52),
and C1 characters (U+0080-U+009F) do the same on many terminals. Bidirectional overrides
and line separators make a line read differently from what it holds. So every string that
did not come from rnn-tui itself goes through ``visible`` (or ``shown``, ``json_text``)
before it reaches stdout, stderr, JSON or the screen: such a character becomes its
escape (``\\x1b``, ``\\u202e``), which reads as text and does nothing.
"""

from __future__ import annotations

import json
import os
import re

# What a terminal may act on: C0 controls, DEL and C1 (Unicode's category Cc, exactly), then the bidi
# embeddings, overrides, isolates and marks and the line and paragraph separators, which make a line read
# differently from what it holds. One pattern, so whole strings are scanned at C speed.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def unsafe(ch: str) -> bool:
    """True for a character a terminal may act on (see UNSAFE)."""
    return UNSAFE.match(ch) is not None


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _picture(ch: str) -> str:
    return chr(0x2400 + ord(ch)) if ch < " " else ("\u2421" if ch == "\x7f" else "\ufffd")


def pictured(text: str) -> str:
    """``text`` with each unsafe character as one visible cell: a C0 control as its Unicode control
    picture (ESC -> ␛), DEL as ␡, anything else unsafe as �. Same length, for a screen line whose
    layout is already measured."""
    return UNSAFE.sub(lambda m: _picture(m[0]), text)


def visible(text: str, keep: str = "") -> str:
    """``text`` with every unsafe character written as its escape (those in ``keep`` stay, e.g. "\\n")."""
    return UNSAFE.sub(lambda m: m[0] if m[0] in keep else _escape(m[0]), text)


def shown(path, limit: int = 120) -> str:
    """A path (or any outside text) as it goes into a one-line message: visible, at most ``limit`` characters."""
    text = os.fspath(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = visible(text)
    half = (limit - 4) // 2
    return text if len(text) <= limit else text[:half] + "…" + text[-half:]


def json_text(obj, **kwargs) -> str:
    """``json.dumps(obj, ensure_ascii=False)`` with DEL, C1 and bidi controls escaped too
    (json escapes only U+0000-U+001F): valid JSON that is safe to print."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, **kwargs)
    # a raw newline is indent's layout (json writes one inside a string as \n); every other one is in a string
    return UNSAFE.sub(lambda m: m[0] if m[0] == "\n" else f"\\u{ord(m[0]):04x}", text)


def first_line(exc: BaseException) -> str:
    """An exception as one line of a message: its first line, or its type's name when it says nothing."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
