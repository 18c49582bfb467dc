"""Writing files: never damage what is not ours (devices, FIFOs, symlinks, modes), clean our own temp files."""

import os
import socket
import subprocess
import sys
import time

import pytest

from core.io.files import write_text_atomic
from tui.cli import main


def _temps(folder) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(".rnn-tui-"))


def _train(tmp_path, *flags) -> list[str]:
    return ["train", "--engine", "numpy", "--epochs", "2", "--seed", "0", "--quiet", *flags]


def test_a_fifo_is_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as info:
        write_text_atomic(fifo, "x")
    assert "not a regular file" in info.value.strerror
    assert os.path.exists(fifo) and not os.path.isfile(fifo)  # still a FIFO
    assert _temps(tmp_path) == []


def test_a_socket_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(OSError):
            write_text_atomic(path, "x")
        assert not os.path.isfile(path)


@pytest.mark.parametrize("flag", ["--save", "--metrics"])
def test_cli_refuses_a_fifo_before_training(tmp_path, capsys, flag):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(SystemExit) as info:
        main(_train(tmp_path, flag, str(fifo)))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err == f"rnn-tui train: error: {flag} {fifo}: not a regular file (a device, pipe or socket): left alone\n"
    assert not os.path.isfile(fifo)


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path):
    target = tmp_path / "sub" / "made.json"
    target.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_a_replaced_file_keeps_its_mode(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text("old")
    path.chmod(0o600)
    write_text_atomic(path, "new")
    assert path.read_text() == "new" and (path.stat().st_mode & 0o777) == 0o600


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "new.json", "x")
    finally:
        os.umask(old)
    assert ((tmp_path / "new.json").stat().st_mode & 0o777) == 0o640


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_ours_are_removed_on_the_next_write(tmp_path):
    dead = tmp_path / f".rnn-tui-{_dead_pid()}-abc.tmp"  # left by a killed rnn-tui
    legacy = tmp_path / ".rnn-tui-k3j4.tmp"  # an older rnn-tui's name, an hour old
    live = tmp_path / ".rnn-tui-1-xyz.tmp"  # pid 1 is alive: maybe being written now
    other = tmp_path / ".other-1.tmp"
    for p in (dead, legacy, live, other):
        p.write_text("half")
    os.utime(legacy, (time.time() - 3600, time.time() - 3600))
    write_text_atomic(tmp_path / "out.json", "x")
    assert sorted(os.listdir(tmp_path)) == sorted([live.name, other.name, "out.json"])


def test_sigterm_during_a_write_leaves_no_temp_file(tmp_path):
    code = (
        "import sys, time\n"
        "from tui.cli.signals import exit_on_signals\n"
        "from core.io.files import write_atomic\n"
        "exit_on_signals()\n"
        "def slow(fh):\n"
        "    fh.write(b'half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        f"write_atomic({str(tmp_path / 'out.bin')!r}, slow)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "writing\n"
    assert _temps(tmp_path)  # the temp file exists while writing
    proc.terminate()
    assert proc.wait(timeout=30) == 128 + 15
    assert os.listdir(tmp_path) == []


def test_a_failed_metrics_write_keeps_the_model(tmp_path, capsys, monkeypatch):
    import tui.cli.train

    def full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tui.cli.train, "write_text_atomic", full)
    model, metrics = tmp_path / "m.pt", tmp_path / "m.json"
    with pytest.raises(SystemExit) as info:
        main(_train(tmp_path, "--save", str(model), "--metrics", str(metrics)))
    assert info.value.code == 2
    assert capsys.readouterr().err == (f"rnn-tui train: error: --metrics {metrics}: cannot write (no space left on device); "
                                       f"the model was saved to {model}\n")
    assert os.listdir(tmp_path) == ["m.pt"]


def test_metrics_and_save_through_a_link_to_the_same_file_are_refused(tmp_path, capsys):
    real = tmp_path / "same.json"
    (tmp_path / "link.json").symlink_to(real)
    with pytest.raises(SystemExit):
        main(_train(tmp_path, "--metrics", str(real), "--save", str(tmp_path / "link.json")))
    assert capsys.readouterr().err == "rnn-tui train: error: --metrics and --save name the same file\n"
    assert sorted(os.listdir(tmp_path)) == ["link.json"]
