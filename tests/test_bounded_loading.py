"""Loading is bounded and every bad input gets one clear line: files that block or fail to read, lines and
vocabularies past their limits, a save that would replace its own input, a huge paste, and an empty
sentence in vector mode. Headless cases run the real command in a fresh process (peak memory measured as in
tests/test_inspect.py); app cases drive the Context and Forward tabs with Pilot."""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys

import pytest
from screen import screen_text, wait_until
from textual.widgets import Input

from tui.app import RnnTui
from tui.widgets.context.files import ContextFiles

MEASURE = (
    "import json, resource, subprocess, sys\n"
    "r = subprocess.run([sys.executable, '-m', 'tui.cli', *sys.argv[1:]], capture_output=True, text=True,"
    " timeout=300)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([r.returncode, r.stdout, r.stderr, peak]))\n"
)


def run(*argv, cwd=None) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr, peak MB) of ``rnn-tui ARGV`` alone in a fresh process."""
    res = subprocess.run([sys.executable, "-c", MEASURE, *map(str, argv)], capture_output=True, text=True,
                         timeout=400, cwd=cwd)
    assert res.returncode == 0, res.stderr
    return tuple(json.loads(res.stdout))


def one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert all(w in err for w in words), err


def labelled(path, lines: int, words_of=lambda i: "这部电影很好看") -> str:
    path.write_text("".join(f"{i % 2},{words_of(i)}\n" for i in range(lines)), encoding="utf-8")
    return str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_or_a_terminal_as_data_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would wait for ever
    code, _, err, _ = run("context", "train", "--data", fifo)
    one_line_error(code, err, "not a regular file")
    code, _, err, _ = run("context", "train", "--data", "/dev/null")
    one_line_error(code, err, "not a regular file")


def test_a_read_error_names_the_file():
    code, _, err, _ = run("context", "train", "--data", "/proc/self/mem")
    one_line_error(code, err, "/proc/self/mem")


def test_line_length_is_counted_in_characters(tmp_path):
    long = tmp_path / "long.csv"
    long.write_text("1," + "a" * 300_000 + "\n" + "0,bad\n" * 20)  # ASCII: 300,000 characters in 300,002 bytes
    code, _, err, _ = run("context", "train", "--data", long)
    one_line_error(code, err, "line 1", "100,000")


def test_a_file_whose_every_word_is_too_long_to_learn(tmp_path):
    path = labelled(tmp_path / "long.csv", 40, lambda i: "x" * 150)
    code, _, err, _ = run("context", "train", "--data", path)
    one_line_error(code, err, "every word is over 100 characters")


def test_save_onto_the_data_file_is_refused_and_the_data_kept(tmp_path):
    path = labelled(tmp_path / "mine.csv", 40)
    before = open(path, "rb").read()
    for flag in ("--save", "--metrics"):
        target = path if flag == "--save" else str(tmp_path / "mine.json")
        if flag == "--metrics":
            os.link(path, target)  # the same file under another name
        code, _, err, _ = run("context", "train", "--data", path, flag, target)
        one_line_error(code, err, "is the file --data reads")
    assert open(path, "rb").read() == before


def test_a_file_of_distinct_words_is_read_in_bounded_memory(tmp_path):
    """30,000 lines of 100 distinct words each (3 million words): 640 MB before the bounds, ~160 MB now."""
    rng = random.Random(0)
    path = labelled(tmp_path / "words.csv", 30_000,
                    lambda i: " ".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(100)))
    code, out, err, peak = run("context", "train", "--data", path, "--epochs", "1", "--json")
    assert code == 0, err
    assert "distinct words" in err and "read as unknown" in err
    assert peak <= 300, f"peak {peak:.0f} MB"


async def test_a_fifo_in_the_context_data_field_is_refused_and_q_still_quits(tmp_path):
    from context_pilot import open_context

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        tab.query_one("#ctx-data", Input).value = str(fifo)
        tab.query_one(ContextFiles).load_data()
        await wait_until(pilot, lambda: "not a regular file" in tab.status_text, what="the refusal")
        await app.workers.wait_for_complete()
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_a_huge_paste_into_the_context_sentence_is_cut_and_the_app_answers():
    from context_pilot import open_context

    from tui.tabs.context import MAX_CHARS

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        box = tab.query_one("#ctx-sentence", Input)
        box.value = "我不喜欢美女" * 20_000  # 120,000 characters, as a paste
        await wait_until(pilot, lambda: len(tab.sentence) == MAX_CHARS, what="the sentence cut")
        assert "cut to its first 2,000 characters" in tab.status_text
        assert len(box.value) == MAX_CHARS and len(tab.reading.tokens) <= 200
        await pilot.press("3")
        await wait_until(pilot, lambda: "Settings" in screen_text(app), what="the Train tab")


async def test_erasing_the_sentence_in_vector_mode_shows_an_empty_run():
    from tui.tabs.forward import ForwardTab

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = app.query_one(ForwardTab)
        await pilot.press("m")  # vector mode
        await pilot.pause()
        for text in ("", "   ", "\x01\x02"):
            tab.query_one("#fw-sentence", Input).value = text
            await pilot.pause()
            await pilot.pause(0.1)
        assert app.is_running
        await pilot.press("right", "end")
        await pilot.pause()
        assert app.is_running
