"""Odd locales and broken outputs: UTF-8 where the terminal can show it, one line otherwise; never a traceback,
never numbers computed on mis-decoded text; a full or closed stdout is one line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

C_LOCALE = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}
ASCII_IO = {"PYTHONIOENCODING": "ascii"}
HINT = ("rnn-tui: this terminal's encoding (ascii) cannot show rnn-tui's text (Chinese, box lines): use a UTF-8 "
        "locale, e.g. LC_ALL=C.UTF-8")


def run(args, env: dict) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING"))} | env
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], env=full, capture_output=True, timeout=120)


@pytest.mark.parametrize("args", [["--help"], ["forward", "--help"], ["gradients"], ["forward", "--mode", "vector", "我爱"],
                                  ["train", "--help"], ["inspect", "--help"], ["serve", "--help"]])
def test_c_locale_prints_utf8(args):
    res = run(args, C_LOCALE)
    assert res.returncode == 0, res.stderr
    assert b"Traceback" not in res.stderr
    res.stdout.decode("utf-8")  # what the terminal gets is UTF-8
    assert b"\\u" not in res.stdout


def test_c_locale_decodes_the_sentence_as_the_terminal_sent_it():
    res = run(["forward", "我爱中国", "--json"], C_LOCALE)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["tokens"] == ["我", "爱", "中国"] and data["ids"] == [1, 2, 3]


def test_an_argument_that_is_not_utf8_is_refused():
    res = subprocess.run([sys.executable, "-m", "tui.cli", "forward", os.fsdecode(b"caf\xe9")],
                         env=os.environ | C_LOCALE, capture_output=True, timeout=60)
    assert res.returncode == 2 and res.stdout == b""
    assert res.stderr == b"rnn-tui: error: an argument is not UTF-8 text: use a UTF-8 locale, e.g. LC_ALL=C.UTF-8\n"


@pytest.mark.parametrize("args", [["forward", "我爱"], ["--help"], ["gradients"], []])
def test_an_ascii_only_output_says_so_in_one_line(args):
    res = run(args, ASCII_IO)
    assert res.returncode == 2
    assert res.stderr.decode("ascii").splitlines()[-1] == HINT + " and unset PYTHONIOENCODING"
    assert b"Traceback" not in res.stderr


def test_ascii_text_still_works_on_an_ascii_output():
    res = run(["forward", "hello world", "--json"], ASCII_IO)
    assert res.returncode == 0 and json.loads(res.stdout)["tokens"]


def test_a_full_stdout_is_one_line_and_a_failure():
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "tui.cli", "forward", "我爱中国"], stdout=full,
                             stderr=subprocess.PIPE, timeout=60)
    assert res.returncode == 1
    assert res.stderr == b"rnn-tui: error: cannot write the output (no space left on device)\n"


def test_a_closed_stdout_is_one_line_and_a_failure():
    res = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m tui.cli forward 我爱中国 >&-'],
                         capture_output=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr == b"rnn-tui: error: standard output is closed: nothing to write to (drop '>&-')\n"
