"""Text from strangers never drives the terminal: control characters in sentences, file names and model
headers are shown as escapes on stdout, on stderr and in JSON (core.io.visible), in every command.

Each case runs the real command in a fresh process and asserts that no byte below 0x20 other than newline
(and the table's own layout), no DEL and no C1 character reaches the terminal, and that the text it was
about still shows, escaped.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from core.context.modelfile import context_spec
from core.io.container import read_model_file, write_model_file
from core.io.visible import json_text, shown, unsafe, visible
from core.sincos.checkpoint import save_model, train_spec
from core.sincos.config import TrainConfig
from core.sincos.init import init_weights

OSC52 = "\x1b]52;c;SGVsbG8=\x07"  # writes the clipboard on many terminals
TITLE = "\x1b]2;PWNED\x1b\\"  # sets the window title
NASTY = f"好{OSC52}\b\x7f\x9b2J\u202eevil"  # ESC, BEL, backspace, DEL, C1 CSI, a bidi override


def run(*argv, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True, timeout=120, cwd=cwd)


def clean(data: bytes) -> bool:
    """No control byte but newline, no DEL and no C1 character (as UTF-8, or raw) in ``data``."""
    text = data.decode("utf-8", "replace")
    return not any(unsafe(ch) for ch in text if ch != "\n")


def test_visible_escapes_what_a_terminal_obeys_and_keeps_the_rest():
    assert visible(NASTY) == "好\\x1b]52;c;SGVsbG8=\\x07\\x08\\x7f\\x9b2J\\u202eevil"
    assert visible("我爱中国 👍🏽 café\u3000ok") == "我爱中国 👍🏽 café\u3000ok"  # CJK space, emoji, accents stay
    assert visible("a\nb\tc", keep="\n") == "a\nb\\x09c"
    assert shown("a\nb") == "a\\x0ab" and len(shown("x" * 500)) <= 120
    data = {"k\x1b": "v\x9b\u202e", "n": 1}
    assert clean(json_text(data).encode()) and json.loads(json_text(data)) == data  # still the same JSON


def test_context_predict_shows_control_characters_in_a_sentence_as_escapes_or_drops_them(tmp_path):
    model = tmp_path / "m.pt"
    assert run("context", "train", "--lang", "en", "--epochs", "1", "--save", str(model)).returncode == 0
    table = run("context", "predict", NASTY, "--model", str(model))
    assert table.returncode == 0 and clean(table.stdout) and clean(table.stderr)
    assert "好" in table.stdout.decode()
    out = run("context", "predict", NASTY, "--model", str(model), "--json")
    assert out.returncode == 0 and clean(out.stdout)
    tokens = json.loads(out.stdout)["tokens"]
    assert tokens[0] == "好" and not any(unsafe(ch) for tok in tokens for ch in tok)  # they separate words


@pytest.mark.parametrize("argv", [
    ["context", "train", "--data", f"nope{OSC52}.csv"],
    ["context", "train", "--save", "dir\x1b[2J/m.pt"],
    ["train", "--epochs", "1", "--save", "dir\x1b[2J/m.pt"],
    ["train", "--epochs", "1", "--metrics", f"x{OSC52}/m.json"],
    ["train", "--load", f"no{TITLE}.pt"],
    ["inspect", f"no{TITLE}.pt"],
    ["context", "predict", "好", "--model", f"no{TITLE}.pt"],
    ["serve", "--host", "\x1b]2;PWN\x07"],
    ["forward", "--mode", "vector", "--hidden", f"4{OSC52}"],
    ["train", "--lr", f"fast{OSC52}"],
    ["inspect", "line\nforged: checksum ok"],
], ids=["context-data", "context-save", "train-save", "train-metrics", "train-load", "inspect", "predict-model",
        "serve-host", "forward-flag", "train-flag", "newline"])
def test_an_error_quoting_outside_text_is_one_clean_line(argv, tmp_path):
    res = run(*argv, cwd=tmp_path)
    assert res.returncode == 2
    assert clean(res.stdout) and clean(res.stderr)
    assert len(res.stderr.decode().strip().splitlines()) == 1, res.stderr  # one line, even for a newline in a name
    assert b"\\x1b" in res.stderr or b"\\x0a" in res.stderr  # the name still shows, escaped


def _crafted_train_file(path, **meta_changes):
    """A valid Train model file whose JSON header holds what an attacker chose (the checksum is recomputed)."""
    config = TrainConfig(hidden_size=4, seed=0, engine="numpy", epochs=3)
    save_model(path, config, init_weights(config, 0), steps=0)
    f = read_model_file(path, train_spec)
    write_model_file(path, f.kind, f.meta | meta_changes, f.tensors)


@pytest.mark.parametrize("json_out", [False, True], ids=["text", "json"])
def test_inspect_shows_a_hostile_header_without_obeying_it(tmp_path, json_out):
    path = tmp_path / "m.pt"
    config = TrainConfig(hidden_size=4, seed=0, engine="numpy", epochs=3).to_dict()
    _crafted_train_file(path, config=config | {f"k{TITLE}": 1})  # an unknown config key
    res = run("inspect", str(path), *(["--json"] if json_out else []))
    assert res.returncode == 2 and clean(res.stderr) and len(res.stderr.splitlines()) == 1
    assert b"\\x1b]2;PWNED" in res.stderr
    _crafted_train_file(path, junk=f"x{TITLE}\nforged: checksum ok")  # a header key nothing reads
    res = run("inspect", str(path), *(["--json"] if json_out else []))
    assert res.returncode == 0 and clean(res.stdout)
    if json_out:
        json.loads(res.stdout)


def test_a_hostile_context_model_header_is_refused_cleanly(tmp_path):
    model = tmp_path / "m.pt"
    assert run("context", "train", "--lang", "en", "--epochs", "1", "--save", str(model)).returncode == 0
    f = read_model_file(model, context_spec)
    for meta in ({"config": f.meta["config"] | {f"x{TITLE}": 1}},
                 {"vocab": [f"w{TITLE}"] + f.meta["vocab"][1:]}):
        write_model_file(model, f.kind, f.meta | meta, f.tensors)
        for argv in (["context", "predict", "好", "--model", str(model)], ["context", "units", "--model", str(model)]):
            res = run(*argv)
            assert res.returncode == 2 and clean(res.stderr) and len(res.stderr.splitlines()) == 1, res.stderr


def test_a_context_model_with_huge_weights_is_refused_not_printed_as_nan(tmp_path):
    model = tmp_path / "m.pt"
    assert run("context", "train", "--lang", "en", "--epochs", "1", "--save", str(model)).returncode == 0
    f = read_model_file(model, context_spec)
    write_model_file(model, f.kind, f.meta, {k: (v * 1e300 if k == "rnn.W" else v) for k, v in f.tensors.items()})
    res = run("context", "predict", "我不喜欢美女", "--model", str(model), "--json")
    assert res.returncode == 2 and res.stdout == b""
    assert b"not finite or beyond" in res.stderr and b"Traceback" not in res.stderr and b"Warning" not in res.stderr


def test_the_train_tabs_load_message_shows_a_hostile_config_key_without_obeying_it(tmp_path):
    """In the app: a crafted model loaded from the file row; its message reaches the screen escaped."""
    import asyncio

    from tui.app import RnnTui
    from tui.widgets.status import StatusText

    path = tmp_path / "m.pt"
    config = TrainConfig(hidden_size=4, seed=0, engine="numpy", epochs=3).to_dict()
    _crafted_train_file(path, config=config | {f"k{TITLE}": 1})

    async def go():
        from screen import wait_for_tab, wait_until

        from tui.tabs.train import TrainTab

        app = RnnTui()
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_tab(pilot, TrainTab, "#epochs")
            await pilot.press("3")
            tab = app.query_one(TrainTab)
            await wait_until(pilot, lambda: tab.side.warmed, what="the Train tab shown")
            await app.workers.wait_for_complete()
            from textual.widgets import Input

            tab.query_one("#file-path", Input).value = str(path)
            tab.action_load()
            status = tab.query_one(StatusText)
            await wait_until(pilot, lambda: "PWNED" in status.text, what="the load's message")
            assert "\\x1b]2;PWNED" in status.text and not any(unsafe(ch) for ch in status.text if ch != "\n")
            svg = app.export_screenshot()
            assert "\x1b" not in svg

    asyncio.run(go())


def test_control_characters_in_a_field_are_drawn_as_pictures_not_sent_to_the_terminal():
    """Textual's Input draws its value as it is: a pasted ESC would reach the terminal. Every screen line
    passes tui.colors.VisibleControls, which draws it as ␛ (one cell, so the layout holds)."""
    import asyncio
    import io

    from rich.console import Console
    from textual.widgets import Input

    from tui.app import RnnTui

    async def go():
        app = RnnTui(sentence=f"我{OSC52}爱\x9b2J中国\u202e")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "\x1b" in app.query_one("#fw-sentence", Input).value  # the field holds what was given
            update = app.screen._compositor.render_update(full=True)  # what the driver writes
            text = "".join(seg.text for seg in Console(file=io.StringIO(), width=100).render(update) if not seg.control)
            assert "␛]52;c;" in text and not any(unsafe(ch) for ch in text if ch != "\n")

    asyncio.run(go())
