"""rnn-tui context train / predict / units: the JSON contracts, files written, one-line errors."""

import csv
import json

import pytest
from test_cli import run

from core.context.modelfile import load_models
from tui.cli import main


def one_line_error(result, text):
    code, out, err = result
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert text in err, err


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The default model, trained and saved by the command itself, and what it printed."""
    import contextlib
    import io

    from shared import once

    def build(folder):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["context", "train", "--save", str(folder / "ctx.model"), "--metrics", str(folder / "run.json"),
                         "--json"])
        assert code == 0
        (folder / "printed.json").write_text(out.getvalue())

    folder = once(tmp_path_factory, "context-cli-train", build)  # one run of the command, shared by the workers
    return folder / "ctx.model", folder / "run.json", json.loads((folder / "printed.json").read_text())


def test_train_json_contract_and_files(saved):
    model, metrics, result = saved
    assert set(result) == {"accuracy", "same_words_accuracy", "train_seconds", "examples", "corpus"}
    assert result["accuracy"]["rnn"] >= 0.97 and result["same_words_accuracy"]["rnn"] >= 0.95
    assert result["same_words_accuracy"]["bag"] == 0.5 and result["accuracy"]["bag"] < result["accuracy"]["rnn"]
    from core.context import make_corpus

    corpus = make_corpus("both", 0)
    assert result["examples"] == {"train": len(corpus.train), "test": len(corpus.test)} and result["train_seconds"] > 0
    assert result["corpus"] == "generated" and "negation_check" not in result  # the check is for real reviews
    assert load_models(model).trained
    steps = json.loads(metrics.read_text())["steps"]
    assert steps[0]["step"] == 0 and steps[0]["loss_rnn"] is None
    assert steps[-1]["acc_rnn"] == result["accuracy"]["rnn"]


def _predict(sentence, model, capsys):
    code, out, _ = run(["context", "predict", sentence, "--model", str(model), "--json"], capsys)
    assert code == 0
    return json.loads(out)


def test_predict_acceptance(saved, capsys):
    model = saved[0]
    neg, pos, double = (_predict(s, model, capsys) for s in ("我不喜欢美女", "我喜欢美女", "我不是不喜欢美女"))
    assert set(neg) == {"tokens", "p_positive", "bag_p_positive", "unknown", "known", "why"}
    assert neg["tokens"] == ["我", "不", "喜欢", "美女"] and neg["unknown"] == [False] * 4 and neg["known"] == [True] * 4
    assert neg["why"].startswith("Why: without 不, P(positive) after 喜欢 would be ")
    assert neg["p_positive"][-1] < 0.2 and pos["p_positive"][-1] > 0.8 and double["p_positive"][-1] > 0.8
    assert pos["p_positive"][1] - neg["p_positive"][1] > 0.4  # after 喜欢 decided; after 不 not yet
    english = _predict("I don't like 外星人", model, capsys)
    assert english["tokens"] == ["i", "don't", "like", "外星人"] and english["unknown"] == [False, False, False, True]
    assert english["known"] == [True, True, True, False]
    assert english["p_positive"][3] == english["p_positive"][2]  # the unknown word is skipped: P unchanged


def test_predict_without_a_model_trains_the_default_one(saved, capsys):
    code, out, _ = run(["context", "predict", "我不喜欢美女", "--json"], capsys)
    assert code == 0 and json.loads(out) == _predict("我不喜欢美女", saved[0], capsys)  # seeded: the same model


def test_predict_table(saved, capsys):
    code, out, _ = run(["context", "predict", "我不喜欢美女", "--model", str(saved[0])], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("word") and len(lines) == 7
    assert "<- turns negative" in lines[3] and lines[-2].startswith("RNN: negative")  # at 喜欢
    assert lines[-1].startswith("Why: without 不, P(positive) after 喜欢 would be ")
    code, out, _ = run(["context", "predict", "外星人 来了 好", "--model", str(saved[0])], capsys)
    assert "(unknown word: skipped, P unchanged)" in out and "2 of 4 words unknown: this answer means little." in out


def test_csv_metrics_and_own_data(tmp_path, capsys):
    data = tmp_path / "mine.tsv"
    rows = ([f"1\t{s}" for s in ("我喜欢猫", "I like dogs", "我很喜欢音乐")] * 6
            + [f"0\t{s}" for s in ("我讨厌猫", "I hate dogs", "我很讨厌音乐")] * 6)
    data.write_text("\n".join(rows), encoding="utf-8")
    metrics = tmp_path / "m.csv"
    code, out, _ = run(["context", "train", "--data", str(data), "--epochs", "3", "--metrics", str(metrics), "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["same_words_accuracy"] == {"rnn": None, "bag": None}
    assert result["examples"] == {"train": 29, "test": 7}
    table = list(csv.DictReader(metrics.open()))
    assert table[0]["loss_rnn"] == "" and int(table[-1]["epoch"]) == 3


def test_train_summary_lines(capsys):
    code, out, _ = run(["context", "train", "--lang", "en", "--epochs", "1", "--hidden", "8"], capsys)
    assert code == 0
    assert out.startswith("held-out accuracy (") and "same words, opposite labels" in out and "seed 0" in out


@pytest.mark.parametrize("argv, text", [
    (["context", "train", "--hidden", "0"], "--hidden: hidden must be between 1 and 256, got 0"),
    (["context", "train", "--epochs", "-3"], "--epochs: epochs must be between 1 and 1000"),
    (["context", "train", "--epochs", "ten"], "'ten' is not a whole number"),
    (["context", "train", "--seed", "-1"], "--seed: seed must be between"),
    (["context", "train", "--lang", "fr"], "--lang: unknown lang 'fr': use zh, en, both"),
    (["context", "train", "--data", "a", "--data", "b", "--data", "c"], "give one labelled file, or two files"),
    (["context", "train", "--data", "/nonexistent/x.csv"], "no file at /nonexistent/x.csv"),
    (["context", "train", "--metrics", "out.txt"], "must end in .json or .csv"),
    (["context", "train", "--save", "/nonexistent/m.model"], "does not exist"),
    (["context", "predict", "   "], "the sentence has no words"),
    (["context", "predict", "hi", "--model", "/nonexistent.model"], "no model file at"),
    (["context", "units", "--feature", "colour", "--model", "/nonexistent.model"], "unknown feature 'colour'"),
    (["context"], "required"),
    (["context", "fly"], "invalid choice"),
])
def test_bad_values_exit_2_with_one_line(argv, text, capsys):
    one_line_error(run(argv, capsys), text)


def test_units_lists_every_unit_best_first(saved, capsys):
    code, out, _ = run(["context", "units", "--feature", "negation", "--json", "--model", str(saved[0])], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["feature"] == "negation"
    units = result["units"]
    assert sorted(u["unit"] for u in units) == list(range(24))
    scores = [u["score"] for u in units]
    assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1
    code, out, _ = run(["context", "units", "--feature", "position", "--model", str(saved[0])], capsys)
    assert code == 0 and out.startswith("hidden units ranked") and len(out.splitlines()) == 25


def test_inspect_knows_a_context_model(saved, capsys):
    code, out, _ = run(["inspect", str(saved[0]), "--json"], capsys)
    assert code == 0
    info = json.loads(out)
    assert info["kind"] == "context" and info["known_kind"] and info["vocabulary"] > 600
    assert info["steps"] == json.loads(saved[1].read_text())["steps"][-1]["step"]
