"""What a newcomer hit outside the Context tab, as they would notice it: checkboxes that read the same on
and off, help that would not scroll, a glossary listed as a key, the target hiding the prediction, no way
back to the tutorial's settings after the clipping preset, and commands that did not say what they wrote."""

from __future__ import annotations

import re

from screen import screen_text, wait_until
from test_train_tab import TINY, finish, open_tab
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Select

from core.sincos.config import CLIP_PRESET, TrainConfig
from tui.app import RnnTui


async def test_a_checkbox_shows_an_empty_box_when_off_in_any_colours():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_tab(pilot, **TINY)
        line = next(row for row in screen_text(app).splitlines() if "carry h" in row)
        assert "▐X▌" in line
        tab.query_one("#carry", Checkbox).value = False
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "carry h" in row)
        assert "▐ ▌" in line and "X" not in line


async def test_help_scrolls_with_the_arrow_keys_at_once_and_lists_no_glossary_as_a_key():
    app = RnnTui()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: app.screen.query(VerticalScroll), what="the help screen")
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0  # at 80x24 most of it is below the fold
        await pilot.press("down", "down", "pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("home")
        seen = ""
        for _ in range(60):  # page through it all, a line at a time
            await pilot.pause()
            seen += screen_text(app)
            await pilot.press("down")
        assert "eₖ H ‖s‖" not in seen  # the glossary is a note under the keys, not a key
        assert "eₖ: one-hot" in seen


async def test_the_prediction_is_drawn_over_the_target():
    from tui.widgets.train.chart import PREDICTION_RGB, TARGET_RGB, FitChart

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_tab(pilot, **TINY)
        await pilot.press("space")
        await finish(pilot)
        chart = tab.query_one(FitChart)
        drawn = []
        chart._series = lambda t, y, colour, marker: drawn.append(colour)
        chart.flush()
        assert drawn.index(TARGET_RGB) < max(i for i, c in enumerate(drawn) if c == PREDICTION_RGB)


async def test_d_brings_the_tutorials_settings_back_after_the_clipping_preset():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_tab(pilot, **TINY)
        tab._fill(CLIP_PRESET.with_(engine="numpy"))
        await pilot.pause()
        assert tab.query_one("#optimizer", Select).value == "sgd"
        await pilot.press("d")
        await pilot.pause()
        tutorial = TrainConfig()
        assert tab.config == tutorial
        assert tab.query_one("#optimizer", Select).value == "adam" and tab.query_one("#clip", Select).value == "off"
        assert f"Adam, lr {tutorial.lr:g}, {tutorial.epochs} steps, no clipping, seed {tutorial.seed}" in tab.status_text


def test_train_and_context_train_say_which_files_they_wrote(tmp_path, capsys):
    from tui.cli import main

    model, metrics = tmp_path / "m.pt", tmp_path / "m.json"
    assert main(["train", "--engine", "numpy", "--epochs", "3", "--save", str(model), "--metrics", str(metrics)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {metrics}: loss and gradient norm of 3 steps" in out
    assert re.search(rf"wrote {re.escape(str(model))}: the model after step 3", out)
    model, metrics = tmp_path / "c.pt", tmp_path / "c.csv"
    assert main(["context", "train", "--epochs", "1", "--save", str(model), "--metrics", str(metrics)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {model}: both trained models" in out and f"wrote {metrics}:" in out


def test_seconds_are_written_in_the_interfaces_language():
    from tui.i18n import set_language
    from tui.widgets.train.progress import format_seconds, progress_text

    assert format_seconds(8.0) == "8.0 s" and format_seconds(185) == "3 min 05 s"
    set_language("zh")
    assert format_seconds(8.0) == "8.0 秒" and format_seconds(185) == "3 分 05 秒"
    assert " s" not in progress_text(100, 100, 20.0, 8.0)  # not "用时 8.0 秒 · 8.0 s"
    from tui.i18n import t

    assert t("train.f.time_step") != "time_step"


def test_decade_labels_are_evenly_spaced_with_none_missing():
    """A ten-decade chart 18 to 21 rows tall: every labelled decade is a multiple of one step and no
    multiple of it between the top and bottom labels is left out (1e-6 was, at 100x30)."""
    from tui.widgets.gradients.bars import LogBars

    bars = LogBars.__new__(LogBars)  # _labels needs no widget state
    for rows in range(12, 30):
        labels = LogBars._labels(bars, -10, -1, rows)
        exps = sorted(-int(text.split("e-")[1]) for text in labels.values())
        inner = exps[1:-1]
        every = (inner[1] - inner[0]) if len(inner) > 1 else None
        if every:
            expected = [e for e in range(-10 + 1, -1) if e % every == 0]
            assert inner == [e for e in expected if e in inner] and set(expected) - set(inner) <= {-10 + 1, -2}, (rows, labels)
        assert len(set(labels)) == len(labels) and all(b - a > 1 for a, b in zip(sorted(labels), sorted(labels)[1:]))


def test_the_context_compare_header_keeps_spaces_between_english_words():
    """(From issue 20's list.) 'i like cats', not 'ilikecats'; Chinese stays unspaced, mixed text spaced."""
    from core.context.segment import join, segment

    assert join(segment("I like cats")) == "i like cats"
    assert join(segment("我不喜欢美女")) == "我不喜欢美女"
    assert join(segment("我 love 猫")) == "我 love 猫"


async def test_the_p_chart_stays_under_a_long_sentence_at_100x30():
    """(From issue 20's list.) Seven words used to push the chart out while empty rows remained below."""
    from context_pilot import open_context

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: tab.state == "finished" and "Trained in" in tab.status_text, 60, "trained and shown")
        tab.set_sentences("我 不 觉得 这 部 电影 好看")
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "P(positive) after each word, across the sentence" in text
        assert "7 好看" in text  # the current word stays in view as the rows scroll
