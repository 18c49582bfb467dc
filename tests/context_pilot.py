"""Shared by the Context tab's Pilot and snapshot tests: a tiny seeded corpus and config,
and opening the tab with them (training then takes well under a second)."""

from screen import wait_for_tab, wait_until

from core.context import ContextConfig, ContextTrainer, Corpus, make_corpus
from tui.tabs.context import ContextTab

TINY = ContextConfig(lang="zh", hidden=16, epochs=4, seed=0)  # about 1.5 s of training


def tiny_corpus() -> Corpus:
    """8,000 seeded Chinese training sentences; 200 held-out single sentences and 100 same-words pairs."""
    corpus = make_corpus("zh", 0)
    pairs = corpus.same_words[:100]
    test = tuple(e for e in corpus.test if e.pair is None)[:200] + tuple(e for p in pairs for e in p)
    return Corpus(corpus.train[:8000], test, pairs)


async def open_context(pilot, config: ContextConfig = TINY) -> ContextTab:
    """Show the tab, wait until its corpus is built, then swap in the tiny corpus for training."""
    tab = await wait_for_tab(pilot, ContextTab, "#ctx-sentence")
    await pilot.press("2")
    await wait_until(pilot, lambda: tab.state == "idle", what="the corpus built")
    tab.use_trainer(ContextTrainer(config, tiny_corpus()))
    await pilot.pause()
    return tab
