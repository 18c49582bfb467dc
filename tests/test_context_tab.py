"""The Context tab as a user sees it: random weights said plainly, training both models
live, stepping through 我不喜欢美女 with the flip marked, trained vs random, compare,
unknown words, examples. Training is kept tiny (a small seeded corpus) so Pilot stays fast."""

from dataclasses import replace

import pytest
from context_pilot import TINY, open_context, tiny_corpus
from screen import screen_text, typed, wait_for_tab, wait_until
from textual.widgets import Input, TabbedContent

from core.context import COMPARE_PRESETS, PRESETS, read, segment
from tui.app import RnnTui
from tui.tabs.context import ContextTab
from tui.widgets.context.files import ContextFiles
from tui.widgets.context.why import MAX_WORDS


async def train(pilot, tab: ContextTab) -> None:
    await pilot.press("t")
    await wait_until(pilot, lambda: tab.state == "finished", what="training done")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app) -> dict[str, str]:
    """Table rows on screen by the word they start with (after the row number)."""
    out = {}
    for line in screen_text(app).splitlines():
        parts = line.strip("│ ").split()
        if len(parts) >= 2 and parts[0].isdigit():
            out.setdefault(parts[1].rstrip("?"), line)
    return out


async def test_before_training_the_weights_are_called_random_and_the_numbers_are_cores():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        text = screen_text(app)
        assert "RANDOM weights (untrained" in text and "Press t to train" in text
        expected = read(tab.trainer.random, segment("我不喜欢美女"))
        shown = rows(app)
        for word, p in zip(expected.tokens, expected.p_positive):
            assert f"{p:.2f}" in shown[word], (word, shown)
        assert f"P(positive) = {expected.bag_p:.2f}" in text  # the order-blind model's answer


async def test_training_shows_progress_then_both_models_accuracies():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await train(pilot, tab)
        last = tab.query_one("TrainPanel").last
        assert last.step == last.steps == tab.trainer.steps
        text = screen_text(app)
        assert f"step {last.steps}/{last.steps}" in text
        assert f"RNN {last.acc_rnn * 100:.0f}% · order-blind {last.acc_bag * 100:.0f}%" in text
        assert "Trained weights" in text and "RANDOM" not in text
        assert last.acc_rnn > last.acc_bag  # word order matters in this corpus


async def test_t_typed_right_after_2_trains_as_soon_as_the_corpus_is_built(monkeypatch):
    import core.context.train as engine

    real = engine.ContextTrainer
    monkeypatch.setattr(engine, "ContextTrainer", lambda config, corpus=None: real(TINY, corpus or tiny_corpus()))
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        typed(app, "2", "t")  # the tab is built, then starts building its corpus, after the t arrived
        tab = await wait_for_tab(pilot, ContextTab, "#ctx-sentence")
        await wait_until(pilot, lambda: tab.state == "finished", what="the training t asked for")
        await wait_until(pilot, lambda: "Trained in" in screen_text(app), what="the tab redrawn after it")


async def test_stepping_through_the_negation_marks_the_flip_once_it_is_read():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await train(pilot, tab)
        reading = read(tab.models, segment("我不喜欢美女"))
        assert reading.flip is not None
        await pilot.press("home")
        assert "◀ turns" not in screen_text(app) and "before any word" in screen_text(app)
        for k in range(1, len(reading.tokens) + 1):
            await pilot.press("right")
            text, shown = screen_text(app), rows(app)
            word = reading.tokens[k - 1]
            p = float(reading.p_positive[k - 1])
            assert f"{p:.2f}" in shown[word]
            said = f"after word {k} of 4 ({word})" if k < 4 else "after the whole sentence"
            assert f"{said}: P(positive) = {p:.2f}" in text
            assert ("◀ turns negative" in shown[reading.tokens[reading.flip]]) == (k > reading.flip)
            assert ("Why: without 不, P(positive) after 喜欢 would be" in text) == (k > reading.flip)
        assert "the answer turns negative here" in screen_text(app)
        await pilot.press("home", "end")  # end: straight to the last word
        assert tab.step == 4 and "after the whole sentence" in screen_text(app)


async def test_w_switches_the_same_sentence_between_trained_and_random_weights():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("w")
        assert "Nothing trained yet" in screen_text(app)
        await train(pilot, tab)
        trained = read(tab.models, segment("我不喜欢美女"))
        random = read(tab.trainer.random, segment("我不喜欢美女"))
        await pilot.press("w")
        text = screen_text(app)
        assert "RANDOM starting weights" in text and f"P(positive) = {random.p_final:.2f}" in text
        await pilot.press("w")
        assert f"P(positive) = {trained.p_final:.2f}" in screen_text(app)


async def test_compare_shows_both_sentences_aligned_with_both_models_answers():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await train(pilot, tab)
        await pilot.press("c")  # opens on the same-words pair: the order-blind model answers both alike
        text = screen_text(app)
        first, second = COMPARE_PRESETS[0]
        a, b = read(tab.models, segment(first)), read(tab.models, segment(second))
        assert "A  这家餐厅虽然很贵,但是很好吃" in text and "B  这家餐厅虽然很好吃,但是很贵" in text
        assert f"A  RNN after {len(a.tokens)}/{len(a.tokens)} words: {a.p_final:.2f}" in text
        assert f"B  RNN after {len(b.tokens)}/{len(b.tokens)} words: {b.p_final:.2f}" in text
        b_line = next(line for line in text.splitlines() if "B  RNN after" in line)
        assert f"order-blind: {b.bag_p:.2f}" in b_line and a.bag_p == b.bag_p
        await pilot.press("e")  # the next pair: 我喜欢美女 / 我不喜欢美女, 喜欢 meets 喜欢 on one row
        text = screen_text(app)
        assert "A  我喜欢美女" in text and "B  我不喜欢美女" in text
        喜欢 = [line for line in text.splitlines() if "喜欢 " in line and "│" in line[10:]]
        assert any(line.count("喜欢") == 2 for line in 喜欢)
        await pilot.press("e")  # English words keep their spaces
        assert "A  the food was great but the service was slow" in screen_text(app)
        await pilot.press("c")
        assert "B  我不喜欢美女" not in screen_text(app)


async def test_examples_cycle_and_unknown_words_are_marked_with_what_the_model_does():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("e")
        assert tab.query_one("#ctx-sentence", Input).value == PRESETS[1]
        tab.query_one("#ctx-sentence", Input).value = "我不喜欢😀"
        await pilot.pause()
        assert "😀?" in rows(app)["😀"]
        assert "never saw: both models skip it" in screen_text(app)
        tab.query_one("#ctx-sentence", Input).value = "外星人来了😀"
        await pilot.pause()
        r = read(tab.random, segment("外星人来了😀"))
        assert 2 * sum(r.unknown) >= len(r.tokens)
        assert f"{sum(r.unknown)} of {len(r.tokens)} words unknown: this answer means little." in screen_text(app)


async def test_empty_and_huge_sentences_get_a_message_not_a_freeze():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        field = tab.query_one("#ctx-sentence", Input)
        field.value = "   "
        await pilot.pause()
        assert "Type a sentence" in screen_text(app)
        field.value = "我不喜欢美女" * 2000
        await pilot.pause()
        assert len(tab.reading.tokens) == MAX_WORDS
        assert f"of {MAX_WORDS}" in screen_text(app)


async def test_t_during_training_stops_it_and_says_so():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot, replace(TINY, epochs=400))
        await pilot.press("t")
        await wait_until(pilot, lambda: tab.query_one("TrainPanel").last is not None
                         and tab.query_one("TrainPanel").last.step > 0, what="training under way")
        await pilot.press("u")  # the lens waits for the trained model
        assert not tab.lens and "let training finish" in tab.status_text
        await pilot.press("t")
        await wait_until(pilot, lambda: tab.state != "running", what="training stopped")
        assert "partly trained" in screen_text(app)


async def test_q_while_training_quits():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot, replace(TINY, epochs=400))
        await pilot.press("t")
        await wait_until(pilot, lambda: tab.state == "running", what="training")
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, what="the app quit")


@pytest.mark.parametrize("lang", ["zh"])
async def test_no_english_on_the_chinese_screen(lang):
    app = RnnTui(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await train(pilot, tab)
        text = screen_text(app)
        assert "训练后的权重" in text and "读完整句后" in text
        for english in ("Trained", "RANDOM", "positive", "order-blind", "held-out", "step "):
            assert english not in text, english
        assert app.query_one(TabbedContent).active == "context"


async def test_the_lens_needs_a_trained_model_then_ranks_units_as_core_does():
    from core.context.units import clamp, rank_units

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("u")
        assert "press t first" in screen_text(app) and not tab.lens
        await train(pilot, tab)
        await pilot.press("u")
        await wait_until(pilot, lambda: "rank 1 of 16" in screen_text(app), what="the ranking")
        ranking = rank_units(tab.models, "negation")
        best, second = ranking[0], ranking[1]
        text = screen_text(app)
        assert f"s{best.unit} · rank 1 of 16 · score {best.score:.2f}" in text and "inside a negation" in text
        await pilot.press("down")
        assert f"s{second.unit} · rank 2 of 16 · score {second.score:.2f}" in screen_text(app)
        await pilot.press("up", "home", "right", "right", "minus")  # clamp the best unit to -1 from 不 on
        before, after = clamp(tab.models, ("我", "不", "喜欢", "美女"), best.unit, -1.0, 1)
        text = screen_text(app)
        assert f"Clamp s{best.unit} = -1 from word 2 (不) on: final P(positive) {before.p_final:.2f} → {after.p_final:.2f}" in text
        flipped = (before.p_final >= 0.5) != (after.p_final >= 0.5)
        assert ("the answer flips" in text) == flipped
        assert flipped or "hardly moves" in text or "stays the same" in text  # an honest line either way
        await pilot.press("x")
        assert "Clamp s" not in screen_text(app)
        await pilot.press("f")
        await wait_until(pilot, lambda: "polarity so far" in screen_text(app), what="the next feature")
        top = rank_units(tab.models, "polarity")[0]
        await wait_until(pilot, lambda: f"s{top.unit} · rank 1 of 16 · score {top.score:.2f}" in screen_text(app),
                         what="the polarity ranking")


async def test_a_data_file_with_a_bad_line_is_named_and_a_good_one_replaces_the_corpus(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("label,text\n1,我喜欢猫\nmaybe,我不喜欢狗\n", encoding="utf-8")
    good = tmp_path / "good.tsv"
    rows_ = [f"{i % 2}\t{'我喜欢' if i % 2 else '我不喜欢'}{w}" for i, w in enumerate("猫狗鱼鸟马牛羊花树山河海" * 2)]
    good.write_text("\n".join(rows_) + "\n", encoding="utf-8")
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("d")
        field = tab.query_one("#ctx-data", Input)
        field.value = str(bad)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Could not use the data" in tab.status_text, what="the error")
        assert "line 3" in tab.status_text, tab.status_text
        field.value = str(good)
        field.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: tab.status_text.startswith("Read "), what="the file read")
        corpus = tab.trainer.corpus
        assert len(corpus.train) + len(corpus.test) == 24
        assert f"{len(corpus.train)} sentences to train on, {len(corpus.test)} held out" in tab.status_text
        assert tab.state == "idle" and "RANDOM" in screen_text(app)


async def test_save_then_load_the_model_and_a_corrupt_file_leaves_the_tab_as_it_was(tmp_path):
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("d")
        path = tmp_path / "ctx.pt"
        tab.query_one("#ctx-model", Input).value = str(path)
        tab.focus()
        tab.query_one(ContextFiles).save_model()
        await wait_until(pilot, lambda: "Nothing trained to save" in tab.status_text, what="the refusal")
        await train(pilot, tab)
        trained = read(tab.models, segment("我不喜欢美女"))
        tab.query_one(ContextFiles).save_model()
        await wait_until(pilot, lambda: tab.status_text.startswith("Saved"), what="the save")
        assert path.exists() and f"({tab.models.steps} training steps)" in tab.status_text
        corrupt = tmp_path / "corrupt.pt"
        corrupt.write_bytes(b"not a model")
        tab.query_one("#ctx-model", Input).value = str(corrupt)
        tab.query_one(ContextFiles).load_model()
        await wait_until(pilot, lambda: "Could not load" in tab.status_text, what="the load error")
        assert tab.state == "finished" and tab.models is not None
        tab.query_one("#ctx-model", Input).value = str(path)
        tab.query_one(ContextFiles).load_model()
        await wait_until(pilot, lambda: tab.status_text.startswith("Loaded"), what="the load")
        await pilot.pause()
        assert f"P(positive) = {trained.p_final:.2f}" in screen_text(app)


async def test_a_large_data_file_shows_reading_progress(tmp_path):
    big = tmp_path / "big.csv"
    words = "猫狗鱼鸟马牛羊花树山河海"
    big.write_text("".join(f"{i % 2},{'我喜欢' if i % 2 else '我不喜欢'}{words[i % 12]}{i}\n" for i in range(6000)),
                   encoding="utf-8")
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        said = []
        original = tab.say

        def record(text: str, kind: str = "info") -> None:
            said.append(text)
            original(text, kind)

        tab.say = record
        await pilot.press("d")
        tab.query_one("#ctx-data", Input).value = str(big)
        await pilot.press("enter")
        await wait_until(pilot, lambda: tab.status_text.startswith("Read "), what="the file read")
        progress = [text for text in said if text.startswith("Reading ") and "% · " in text]
        assert progress and "6,000 lines · 6,000 sentences kept" in progress[-1], said
        assert len(tab.trainer.corpus.train) + len(tab.trainer.corpus.test) == 6000
