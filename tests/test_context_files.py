"""Your own data files and the saved Context model: what loads, what is refused, and the messages."""

import numpy as np
import pytest

import core.context.data as data
from core.context import ContextConfig, ContextTrainer, read, segment
from core.context.data import DataError, load_corpus, stream_corpus
from core.context.modelfile import ModelFileError, load_models, save_models
from core.io.container import write_model_file


def _labelled(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _sentences(n, start=0):
    return [(i % 2, f"sentence number {i} is {'good' if i % 2 else 'bad'}") for i in range(start, start + n)]


def test_a_csv_with_header_quotes_and_every_label_spelling(tmp_path):
    lines = ["label,text", '1,"I like cats, really"', "neg,我不喜欢美女", "POSITIVE,I love jazz", "negative,I hate rain", "0,x", ""]
    lines += [f"{y},{t}" for y, t in _sentences(20)]
    corpus = load_corpus(ContextConfig(data=_labelled(tmp_path, "mine.csv", lines), seed=1))
    everything = {e.tokens: e.label for e in corpus.train + corpus.test}
    assert len(everything) == 25 and len(corpus.test) == 5  # test_fraction 0.2
    assert everything[("i", "like", "cats", ",", "really")] == 1  # a clause mark is a token
    assert everything[("我", "不", "喜欢", "美女")] == 0
    assert everything[("i", "love", "jazz")] == 1 and corpus.same_words == ()


def test_a_tsv_and_two_plain_files(tmp_path):
    tsv = _labelled(tmp_path, "mine.tsv", [f"{y}\t{t}, with a comma" for y, t in _sentences(12)])
    assert len(load_corpus(ContextConfig(data=tsv)).train) == 10
    pos = _labelled(tmp_path, "pos.txt", ["我喜欢猫", "I like it"] * 6)
    neg = _labelled(tmp_path, "neg.txt", ["我不喜欢猫", "", "I don't like it"] * 6)
    corpus = load_corpus(ContextConfig(data=pos, data_negative=neg))
    labels = {e.tokens: e.label for e in corpus.train + corpus.test}
    assert labels == {("我", "喜欢", "猫"): 1, ("i", "like", "it"): 1, ("我", "不", "喜欢", "猫"): 0, ("i", "don't", "like", "it"): 0}


@pytest.mark.parametrize("content, message", [
    (b"1,good\nmaybe,bad\n", "bad.csv, line 2: the label 'maybe' is not 1/0, pos/neg or positive/negative"),
    (b"1,good\n0\n", "bad.csv, line 2: expected 'label,text', found no comma"),
    (b"1,good\n0,\xff\xfe\n", "bad.csv, line 2: not UTF-8 text"),
    (b"1,good\n0,a\x00b\n", "bad.csv, line 2: not a text line"),
    (b"1,good\n0,!!!\n", "bad.csv, line 2: no words in the sentence"),
    (b"", "bad.csv: 0 sentences; at least 10 are needed"),
    (b"1,good\n" * 20, "bad.csv: every sentence is positive; both labels are needed"),
])
def test_a_bad_file_gets_one_line_naming_the_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as err:
        load_corpus(ContextConfig(data=str(path)))
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataError, match="^no file at "):
        load_corpus(ContextConfig(data=str(tmp_path / "nope.csv")))
    with pytest.raises(DataError, match="is a folder"):
        load_corpus(ContextConfig(data=str(tmp_path)))


def test_a_large_file_streams_progress_and_keeps_a_bounded_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "MAX_SENTENCES", 300)
    monkeypatch.setattr(data, "MAX_WORDS", 4)
    monkeypatch.setattr(data, "PROGRESS_LINES", 500)
    path = _labelled(tmp_path, "big.csv", [f"{y},{t}" for y, t in _sentences(5000)])
    records = list(stream_corpus(ContextConfig(data=path)))
    assert len(records) == 11 and all(r.corpus is None for r in records[:-1])
    assert [r.lines for r in records[:-1]] == list(range(500, 5001, 500))
    assert all(r.kept <= 300 for r in records) and records[-1].sentences == 5000
    assert records[-1].bytes_read == records[-1].bytes_total
    corpus = records[-1].corpus
    assert len(corpus.train) + len(corpus.test) == 300 and records[-1].truncated == 5000
    assert all(len(e.tokens) == 4 for e in corpus.train)
    numbers = sorted(int(e.tokens[2]) for e in corpus.train + corpus.test)
    assert numbers[-1] > 4000  # a sample of the whole file, not its first lines


def test_training_on_a_file(tmp_path):
    lines = [f"1,{s}" for s in ("我喜欢猫", "I like dogs", "我很喜欢音乐", "we enjoy jazz")] * 5
    lines += [f"0,{s}" for s in ("我讨厌猫", "I hate dogs", "我很讨厌音乐", "we loathe jazz")] * 5
    config = ContextConfig(data=_labelled(tmp_path, "mine.csv", lines), epochs=30)
    records = list(ContextTrainer(config))
    assert records[-1].same_acc_rnn is None and records[-1].acc_rnn == 1.0


@pytest.fixture(scope="module")
def trained():
    trainer = ContextTrainer(ContextConfig(lang="en", epochs=2, hidden=8))
    list(trainer)
    return trainer.models


def test_save_and_load_round_trip(tmp_path, trained):
    path = tmp_path / "ctx.model"
    save_models(path, trained)
    back = load_models(path)
    assert back.vocab == trained.vocab and back.config == trained.config
    assert back.trained and back.steps == trained.steps
    for a, b in ((back.rnn.U, trained.rnn.U), (back.rnn.W, trained.rnn.W), (back.bag.E, trained.bag.E), (back.bag.c, trained.bag.c)):
        assert np.array_equal(a, b)
    tokens = segment("I don't like cats")
    assert np.array_equal(read(back, tokens).p_positive, read(trained, tokens).p_positive)
    assert [p.name for p in tmp_path.iterdir()] == ["ctx.model"]  # no temp file left


def test_bad_model_files_are_refused_in_one_line(tmp_path, trained):
    path = tmp_path / "ctx.model"
    save_models(path, trained)
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0xFF
    (tmp_path / "flipped").write_bytes(bytes(raw))
    (tmp_path / "short").write_bytes(bytes(raw[: len(raw) // 2]))
    write_model_file(tmp_path / "train", "train", {"config": {}, "steps": 1}, {})
    meta = {"config": trained.config.to_dict(), "vocab": ["a", "a"], "steps": 1, "trained": True}
    write_model_file(tmp_path / "repeated", "context", meta, {})
    meta = {"config": {**trained.config.to_dict(), "hidden": 10**9}, "vocab": ["a"], "steps": 1, "trained": True}
    write_model_file(tmp_path / "huge", "context", meta, {})
    for name, message in [("flipped", "is corrupt"), ("short", "truncated"), ("train", "not a Context model file"),
                          ("repeated", "invalid vocabulary"), ("huge", "hidden must be between"),
                          ("missing", "no model file at")]:
        with pytest.raises(ModelFileError, match=message) as err:
            load_models(tmp_path / name)
        assert "\n" not in str(err.value)
    with pytest.raises(ModelFileError, match="it is a directory"):
        save_models(tmp_path, trained)
    with pytest.raises(ModelFileError, match="cannot save"):
        save_models(tmp_path / "no" / "such" / "folder.model", trained)


def test_records_score_a_sample_of_a_big_held_out_split_and_the_last_scores_all(tmp_path, monkeypatch):
    import core.context.train as train

    monkeypatch.setattr(train, "LIVE_WORDS", 40)
    lines = [f"{i % 2},{'we like' if i % 2 else 'we hate'} thing {i % 7}" for i in range(200)]
    trainer = ContextTrainer(ContextConfig(data=_labelled(tmp_path, "mine.csv", lines), epochs=2))
    assert len(trainer._live_set) == 10 and len(trainer.test_set) == 40  # 4 words a sentence
    records = list(trainer)
    assert all(abs(r.acc_rnn * 10 - round(r.acc_rnn * 10)) < 1e-9 for r in records[:-1])  # scored on 10 sentences
    assert records[-1].acc_rnn == trainer.score()[0]
