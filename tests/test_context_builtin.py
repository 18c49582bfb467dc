"""The Context tab's built-in sentences: the corpus select (generated / real reviews / both), adding your
own file to them, the line that says what reading a file will do, and the negation check after reviews."""

from context_pilot import open_context
from screen import wait_until
from textual.widgets import Input, Label, Select

from core.context import ContextTrainer, Corpus
from tui.app import RnnTui
from tui.widgets.check import Check


async def test_the_files_row_says_what_reading_will_do_and_can_add_to_the_built_in_sentences(tmp_path):
    good = tmp_path / "good.tsv"
    words = enumerate("猫狗鱼鸟马牛羊花树山河海" * 2)
    good.write_text("\n".join(f"{i % 2}\t{'我喜欢' if i % 2 else '我不喜欢'}{w}" for i, w in words) + "\n",
                    encoding="utf-8")
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("d")
        what = tab.query_one("#ctx-what", Label)
        assert "t then trains on your sentences alone" in str(what.content) and what.region.height  # on screen
        tab.query_one("#ctx-with-builtin", Check).value = True
        await pilot.pause()
        assert "plus the built-in ones (generated" in str(what.content)
        field = tab.query_one("#ctx-data", Input)
        field.value = str(good)
        field.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: tab.status_text.startswith("Read "), what="the file read")
        corpus = tab.trainer.corpus
        assert len(corpus.train) + len(corpus.test) > 10_000  # 24 of yours plus the generated corpus
        assert tab.config.with_builtin and tab.state == "idle"
        assert any(e.kind == "user" for e in corpus.train) and any(e.kind != "user" for e in corpus.train)


async def test_choosing_real_reviews_trains_on_them_and_reports_the_negation_check():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_context(pilot)
        await pilot.press("d")
        tab.query_one("#ctx-corpus", Select).value = "reviews"
        await pilot.pause()
        assert "Loading the built-in sentences: real reviews" in tab.status_text and tab.state == "loading"
        await wait_until(pilot, lambda: tab.state == "idle", what="the reviews loaded", timeout=120)
        full = tab.trainer.corpus
        assert tab.config.corpus == "reviews" and {e.kind for e in full.train} == {"review"}
        small = Corpus(full.train[:1000], full.test[:300], ())  # one quick pass: the Pilot stays fast
        tab.use_trainer(ContextTrainer(tab.config.with_(epochs=1), small))
        tab.focus()
        await pilot.press("t")
        await wait_until(pilot, lambda: tab.state == "finished", what="trained on reviews", timeout=120)
        await wait_until(pilot, lambda: "Negation check:" in tab.status_text, what="the check")
        check = tab.negation
        assert 0 < check.edits <= 300
        assert f"{check.edits} held-out reviews with their sentiment word negated" in tab.status_text
