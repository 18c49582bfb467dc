"""Memory and output of a forward run stay bounded: vector mode keeps x as the one-hot's position (the token id),
never a dense one-hot per step (4,000 distinct characters once took 800 MB and printed 82 MB of JSON)."""

from __future__ import annotations

import json
import subprocess
import sys

MEASURE = (
    "import json, resource, subprocess, sys\n"
    "r = subprocess.run([sys.executable, '-m', 'tui.cli', *sys.argv[1:]], capture_output=True, timeout=120)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps([r.returncode, len(r.stdout), r.stdout.decode('utf-8', 'replace'), r.stderr.decode(), peak]))\n"
)


def run_measured(*args) -> tuple[int, int, str, str, float]:
    """(exit code, bytes on stdout, stdout, stderr, peak MB) of ``rnn-tui ARGS`` alone in a fresh process."""
    res = subprocess.run([sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    return tuple(json.loads(res.stdout))


DISTINCT = "".join(chr(0x4E00 + i) for i in range(4000))  # 4,000 different characters


def test_vector_json_of_4000_distinct_characters_is_small():
    code, size, out, err, peak = run_measured("forward", DISTINCT, "--tokens", "char", "--mode", "vector", "--json")
    assert code == 0, err
    assert size < 5_000_000, f"{size:,} bytes of JSON"  # 4,000 steps of s, prev_s (8 floats each) and o
    assert peak < 300, f"{peak:.0f} MB"
    steps = json.loads(out)["steps"]
    assert len(steps) == 4000 and [s["x"] for s in steps[:3]] == [1, 2, 3] and steps[-1]["x"] == 4000


def test_vector_mode_refuses_more_steps_than_it_prints():
    code, size, _, err, _ = run_measured("forward", "字" * 10_001, "--tokens", "char", "--mode", "vector", "--json")
    assert (code, size) == (2, 0)
    assert err == ("rnn-tui forward: error: vector mode prints at most 10,000 steps; this text has 10,001 tokens: "
                   "shorten it (scalar mode has no such limit)\n")
