"""Shared by the Context tab's Pilot and snapshot tests: a tiny seeded corpus and config,
and opening the tab with them (training then takes well under a second)."""

from core.context import ContextConfig, ContextTrainer, Corpus, make_corpus
from screen import wait_for_tab, wait_until
from tui.tabs.context import ContextTab

TINY = ContextConfig(lang="zh", hidden=16, epochs=6, seed=0)  # about 0.3 s of training


def tiny_corpus() -> Corpus:
    """1,500 seeded Chinese training sentences and 400 held-out ones, with their same-words pairs."""
    corpus = make_corpus("zh", 0)
    test = corpus.test[:400]
    kept = set(test)
    return Corpus(corpus.train[:1500], test, tuple(p for p in corpus.same_words if p[0] in kept and p[1] in kept))


async def open_context(pilot, config: ContextConfig = TINY) -> ContextTab:
    """Show the tab, wait until its corpus is built, then swap in the tiny corpus for training."""
    tab = await wait_for_tab(pilot, ContextTab, "#ctx-sentence")
    await pilot.press("2")
    await wait_until(pilot, lambda: tab.state == "untrained", what="the corpus built")
    tab.use_trainer(ContextTrainer(config, tiny_corpus()))
    await pilot.pause()
    return tab
