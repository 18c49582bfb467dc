"""Lesson files: rnn-tui learn --check on the shipped lesson and on a file with planted mistakes, the README's
example (sound, and done in the app), every check and quantity documented, hostile files refused cleanly."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lesson_pilot import do_step
from screen import screen_text, wait_until

from tui.app import RnnTui
from tui.lessons.checks import CHECKS
from tui.lessons.parse import LessonError, parse, read
from tui.lessons.quantities import QUANTITIES

ROOT = Path(__file__).resolve().parent.parent
MISTAKES = ROOT / "tests" / "data" / "lesson_five_mistakes.toml"


def learn(*args: str, env=None):
    return subprocess.run([sys.executable, "-m", "tui.cli", "learn", *args], capture_output=True, text=True,
                          timeout=60, env=env)


def readme_lesson() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Write your own lesson"):]
    return re.search(r"```toml\n(.*?)```", section, re.S)[1]


def test_the_shipped_lesson_checks_sound():
    out = learn("--check")
    assert out.returncode == 0 and "8 chapters" in out.stdout and out.stderr == ""


def test_check_names_the_line_of_each_of_five_planted_mistakes():
    out = learn("--check", str(MISTAKES))
    assert out.returncode == 2 and out.stdout == ""
    lines = [int(n) for n in re.findall(r", line (\d+): ", out.stderr)]
    assert lines == [14, 21, 29, 32, 40]  # the lines the file's first line names
    for words in ("unknown check 'forward_stpe'", "unknown quantity 'prevS'", "no zh text", "tab 'attention' does not exist",
                  "no part 'equation'"):
        assert words in out.stderr


def test_the_readmes_example_is_sound_and_every_check_and_quantity_is_documented(tmp_path):
    path = tmp_path / "memory.toml"
    path.write_text(readme_lesson(), encoding="utf-8")
    out = learn("--check", str(path))
    assert out.returncode == 0, out.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = readme[readme.index("### Write your own lesson"):]
    assert all(f"`{name}`" in documented for name in (*CHECKS, *QUANTITIES))


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_teachers_lesson_runs_in_the_app(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "memory.toml"
    path.write_text(readme_lesson(), encoding="utf-8")
    app = RnnTui(lang=lang, lesson=read(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.lesson_panel is not None and app.lesson_panel.ready, what="the lesson")
        panel = app.lesson_panel
        assert app.active_tab().inputs.sentence == "我爱我" and app.active_tab().inputs.scalar.w == 0.5
        while panel.phase != "complete":
            await do_step(pilot, panel)
        assert app.active_tab() is app.tab("gradients")


def test_hostile_lesson_files_get_one_clean_line(tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# " + b"x" * (600 * 1024))
    latin = tmp_path / "latin.toml"
    latin.write_bytes("title = 'caf\xe9'".encode("latin-1"))
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    escape = tmp_path / "escape.toml"
    escape.write_text('[lesson]\ntitle.en = "x"\ntitle.zh = "x"\n[[chapter]]\ntitle.en = "x"\ntitle.zh = "x"\n'
                      '[[chapter.step]]\ntab = "forward"\ntext.en = "x"\ntext.zh = "x"\ntask = "\\u001b[2J"\n')
    cases = {huge: "larger than", latin: "not UTF-8", fifo: "not a regular file", tmp_path: "a folder",
             tmp_path / "none.toml": "no such file", escape: "unknown check '\\x1b[2J'"}
    for path, words in cases.items():
        out = learn("--check", str(path))
        assert out.returncode == 2 and words in out.stderr, (path, out.stderr)
        assert "\x1b" not in out.stderr and "Traceback" not in out.stderr and out.stderr.count("\n") == 1


def test_a_choice_question_must_list_every_outcome():
    text = (ROOT / "tui" / "lessons" / "tutorial.toml").read_text(encoding="utf-8")
    broken = text.replace('  { id = "neither", en = "neither", zh = "两个都错" },\n', "", 1)
    with pytest.raises(LessonError) as caught:
        parse(broken, "broken")
    assert "the choices must be rnn, bag, both, neither" in str(caught.value.problems[0])


async def test_a_lessons_text_is_shown_with_its_control_characters_made_visible(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    lesson = parse('[lesson]\nlanguages = ["en"]\ntitle.en = "t"\n[[chapter]]\ntitle.en = "c\\u001b]0;pwned\\u0007"\n'
                   '[[chapter.step]]\ntab = "forward"\ntext.en = "before\\u001b[2Jafter"\n', "hostile")
    app = RnnTui(lang="zh", lesson=lesson)  # a Chinese interface: an English-only lesson shows its English
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "before\\x1b[2Jafter" in screen_text(app), what="the text, escaped")
        assert "c\\x1b]0;pwned\\x07" in screen_text(app) and "\x1b" not in screen_text(app)
