"""Served to a browser (``--files DIR``), the file fields reach one folder only: /etc/passwd, ``../``, an
absolute save path and a symlink out are refused with one line saying where files go; a plain name works."""

from __future__ import annotations

import os

import pytest
from screen import wait_for_tab, wait_until
from textual.widgets import Input

from tui.app import RnnTui
from tui.file_root import FileRoot, Refused
from tui.widgets.context.files import ContextFiles

OUTSIDE = ["/etc/passwd", "../secret.pt", "sub/../../x.pt", "~/.bashrc", "/tmp/evil.pt", ".", ""]


def test_a_confined_root_takes_plain_names_only(tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink("/etc/passwd", tmp_path / "out" / "link.pt")
    root = FileRoot(tmp_path / "out")
    assert root.path("model.pt") == (tmp_path / "out" / "model.pt").resolve()
    for text in OUTSIDE + ["link.pt"]:
        with pytest.raises(Refused) as info:
            root.path(text)
        assert "files live in" in str(info.value) and "\n" not in str(info.value)
    free = FileRoot(None, base=tmp_path)
    assert free.path("m.pt") == tmp_path / "m.pt" and free.path("/etc/x") == FileRoot().path("/etc/x")


def test_the_app_flag_checks_its_folder(tmp_path, capsys):
    from tui.cli.launch import main

    with pytest.raises(SystemExit) as info:
        main(["--files", str(tmp_path / "missing")])
    assert info.value.code == 2 and "not a folder" in capsys.readouterr().err


async def test_train_and_context_file_fields_stay_in_the_folder(tmp_path):
    from context_pilot import open_context

    from tui.tabs.train import TrainTab

    folder = tmp_path / "session"
    folder.mkdir()
    os.symlink("/etc/passwd", folder / "passwd.pt")
    before = open("/etc/passwd", "rb").read()
    app = RnnTui(files=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await wait_for_tab(pilot, TrainTab, "#epochs")
        await pilot.press("3")
        await app.workers.wait_for_complete()
        field = tab.query_one("#file-path", Input)
        for text in ["/etc/passwd", "../x.pt", str(tmp_path / "abs.pt"), "passwd.pt"]:
            field.value = text
            tab.action_load()
            await pilot.pause()
            assert "files live in" in tab.status_text and str(folder) in tab.status_text, text
        ctx = await open_context(pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: ctx.state == "finished" and "Trained in" in ctx.status_text, 60, "trained and shown")
        files = ctx.query_one(ContextFiles)
        for field_id, act in (("#ctx-data", files.load_data), ("#ctx-model", files.save_model),
                              ("#ctx-model", files.load_model)):
            for text in ["/etc/passwd", "../x.pt", "passwd.pt"]:
                ctx.query_one(field_id, Input).value = text
                act()
                await wait_until(pilot, lambda: "files live in" in ctx.status_text, what=f"{field_id} {text} refused")
                ctx.say("")
        ctx.query_one("#ctx-model", Input).value = "mine.pt"  # a plain name: saved inside the folder
        files.save_model()
        await wait_until(pilot, lambda: (folder / "mine.pt").exists(), what="the model saved in the folder")
    assert open("/etc/passwd", "rb").read() == before
    assert sorted(os.listdir(folder)) == ["mine.pt", "passwd.pt"] and not (tmp_path / "abs.pt").exists()
