"""The Context tab's engine: a trained RNN reads 我不喜欢美女 word by word (issues 10 and 11).

NumPy only (torch is imported inside save/load alone). Usage:

    from core.context import ContextConfig, ContextTrainer, PRESETS, read, segment

    trainer = ContextTrainer(ContextConfig())      # the generated corpus, seed 0
    for rec in trainer:                            # ContextStep records, ~25 per second of training
        rec.step, rec.steps, rec.acc_rnn, rec.acc_bag, rec.same_acc_rnn, rec.same_acc_bag
    models = trainer.models                        # trained RNN + bag-of-words model
    random = trainer.random                        # the same models at their initial, random weights
    r = read(models, segment("我不喜欢美女"))       # Reading: everything the tab draws
    r.tokens, r.unknown, r.s, r.p_positive, r.p_start, r.bag_p, r.bag_p_positive, r.flip, r.trained

The app drives the trainer with ``core.runner.batches(trainer, ...)``; headless
commands iterate it directly. Records are small frozen dataclasses.

What each piece is:
- ``make_corpus(lang="both", seed=0) -> Corpus`` (.train, .test, .same_words);
  ``Example`` (tokens, label, lang, kind, pair); ``label(tokens)`` decides every
  label; ``PRESETS`` (sentences to cycle through) and ``COMPARE_PRESETS`` (pairs).
- ``segment(text)``: Chinese runs by the Forward tab's segmenter, English by
  the rule in core/context/segment.py ("Don't" -> ``don't``); mixed text works.
- ``ContextConfig`` (frozen; ``.validate()`` raises ContextConfigError naming the field).
- ``ContextTrainer(config, corpus=None)``; ``ContextStep``; ``ContextDiverged``.
- ``random_models(config, vocab)``: the initial weights for any vocabulary.
- ``read(models, tokens, clamp=None) -> Reading``; ``Clamp(unit, value, start)``.

Modules imported on demand (not re-exported, to keep this import light):
- ``core.context.data``: your own file. ``stream_corpus(config)`` yields DataProgress
  records (lines, bytes_read, bytes_total, sentences, kept, truncated) and the last
  one has ``.corpus``: pass it as ``ContextTrainer(config, corpus)``. Set
  ``ContextConfig(data=PATH)`` for a labelled CSV/TSV, or ``data=POS, data_negative=NEG``
  for two plain files. A bad file raises ``DataError`` (one line naming the line).
  Its corpus has no same-words pairs: ``same_acc_*`` are None.
- ``core.context.modelfile``: ``save_models(path, models)``, ``load_models(path) -> Models``;
  ``ModelFileError`` (one line). The container is core.io.container (safetensors, no
  pickle, no torch), as for the Train tab's model; ``rnn-tui inspect`` reads it.
- ``core.context.units`` (issue 11): ``FEATURES`` (name -> one-line meaning),
  ``rank_units(models, feature, examples=None) -> [UnitScore(unit, score, correlation)]``
  best first; ``clamp(models, tokens, unit, value, start) -> (before, after)`` Readings;
  ``matches(models, tokens, unit, count=5, sign=1) -> [Match(example, values, on, distance)]``;
  ``features(tokens)``; ``negation_figures(models)``. Without ``examples`` they use the
  generated corpus's held-out split (built in ~0.2 s): cache the ranking per model.

Changes from the brief's sketch (tell the Context tab):
- ``segment`` takes no ``lang``: the split is the same for every model.
- Same-words accuracies are ``same_acc_rnn`` / ``same_acc_bag``; the step-0 record
  (random weights, before any training) has ``loss_rnn = loss_bag = None``.
- ``Reading`` also has ``p_start`` (P before any word), ``bag_p_positive`` (the bag
  model's answer after each word, from the words so far: order-blind too),
  ``trained`` and ``p_final``; ``bag_p`` is None for an empty sentence.
- ``trainer.random`` is the random-weights twin of ``trainer.models``.
"""

from __future__ import annotations

import importlib

# name -> the module that defines it. Imported on first use (PEP 562), so that
# ``import core.context.config`` (no NumPy) stays cheap for the app's first frame.
_HOME = {
    "ContextConfig": "config", "ContextConfigError": "config",
    "COMPARE_PRESETS": "corpus", "KINDS": "corpus", "PRESETS": "corpus", "Corpus": "corpus", "Example": "corpus",
    "label": "lexicon", "make_corpus": "corpus",
    "UNKNOWN": "models", "BagWeights": "models", "Models": "models", "random_models": "models",
    "Clamp": "nets",
    "ContextDiverged": "train", "ContextStep": "train", "ContextTrainer": "train",
}
__all__ = sorted([*_HOME, "Reading", "read", "segment"])

# Eager: these modules load no NumPy, and their names equal the functions' (a lazy
# function would be shadowed by its module once someone imports core.context.read).
from core.context.read import Reading, read  # noqa: E402, F401
from core.context.segment import segment  # noqa: E402, F401


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'core.context' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"core.context.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
