"""One style for the four settings checks (core.checks): each error names its field and says one line."""

from __future__ import annotations

import math
import string

import pytest

from core.checks import SettingError
from core.context.config import ContextConfig, ContextConfigError
from core.forward.vector_params import VectorParams, VectorParamsError
from core.forward.vector_params import validate as validate_vector
from core.gradients import GradientError, GradientSpec, validate_clip
from core.gradients import validate as validate_spec
from core.sincos.config import RULES as CONFIG_RULES
from core.sincos.config import ConfigError, TrainConfig, validate
from tui.i18n import TABLES

CASES = [  # (what the user set, the error class, the field at fault, the one line they read)
    (lambda: validate(TrainConfig(hidden_size=0)), ConfigError, "hidden_size",
     "hidden_size must be between 1 and 4096, got 0"),
    (lambda: validate(TrainConfig(lr=2e6)), ConfigError, "lr", "lr must be at most 1e6, got 2000000.0"),
    (lambda: validate(TrainConfig(clip_norm=-1.0)), ConfigError, "clip_norm",
     "clip norm must be a finite number above 0, got -1.0"),
    (lambda: TrainConfig.from_dict({"momentum": 0.9}), ConfigError, None, "unknown config key(s): momentum"),
    (lambda: validate_spec(GradientSpec(length=0)), GradientError, "length", "length must be between 1 and 10000, got 0"),
    (lambda: validate_spec(GradientSpec(hidden=600)), GradientError, "hidden",
     "hidden size must be between 1 and 512, got 600"),
    (lambda: validate_spec(GradientSpec(cell="cnn")), GradientError, "cell", "unknown cell 'cnn': use scalar, rnn, lstm, gru"),
    (lambda: validate_spec(GradientSpec(cell="scalar", w=2e6)), GradientError, "w",
     "w must be between -1e6 and 1e6, got 2e+06"),
    (lambda: validate_spec(GradientSpec(cell="scalar", v=0.0)), GradientError, "v",
     "v = 0 cuts every input off from o_T (all gradients are 0): use another value"),
    (lambda: validate_spec(GradientSpec(cell="lstm", gate_bias=math.nan)), GradientError, "gate_bias",
     "gate bias must be a finite number, got nan"),
    (lambda: validate_clip(0.0), GradientError, "clip", "clipping threshold c must be a finite number above 0, got 0.0"),
    (lambda: validate_vector(VectorParams(hidden=0)), VectorParamsError, "hidden",
     "hidden size must be between 1 and 1024, got 0"),
    (lambda: validate_vector(VectorParams(output=2000)), VectorParamsError, "output",
     "output size must be between 1 and 1024, got 2000"),
    (lambda: validate_vector(VectorParams(activation="sigmoid")), VectorParamsError, "activation",
     "unknown activation 'sigmoid': use tanh, relu, identity"),
    (lambda: validate_vector(VectorParams(seed=-1)), VectorParamsError, "seed",
     "seed must be between 0 and 4294967295, got -1"),
    (lambda: ContextConfig(lr=2.0).validate(), ContextConfigError, "lr", "lr must be at most 1, got 2.0"),
    (lambda: ContextConfig(test_fraction=0).validate(), ContextConfigError, "test_fraction",
     "test_fraction must be a finite number above 0, got 0"),
    (lambda: ContextConfig(lang="fr").validate(), ContextConfigError, "lang", "unknown lang 'fr': use zh, en, both"),
    (lambda: ContextConfig(data_negative="neg.txt").validate(), ContextConfigError, "data_negative",
     "data_negative needs data (the file of positive sentences) too"),
    (lambda: ContextConfig.from_dict({"colour": 1}), ContextConfigError, None, "unknown config key(s): colour"),
]


@pytest.mark.parametrize("check, error, field, message", CASES)
def test_each_validator_names_the_field_in_one_line(check, error, field, message):
    with pytest.raises(error) as info:
        check()
    assert isinstance(info.value, SettingError) and isinstance(info.value, ValueError)
    assert info.value.field == field
    assert str(info.value) == message


BOOLS = [  # a bool is an int to Python, but True hidden units or epochs is a typo, not a setting
    (lambda: validate(TrainConfig(epochs=True)), "epochs", "epochs must be a whole number, got True"),
    (lambda: validate_spec(GradientSpec(length=True)), "length", "length must be a whole number, got True"),
    (lambda: validate_spec(GradientSpec(scale=False)), "scale", "scale must be a number, got False"),
    (lambda: validate_vector(VectorParams(hidden=True)), "hidden", "hidden size must be a whole number, got True"),
    (lambda: ContextConfig(batch=False).validate(), "batch", "batch must be a whole number, got False"),
]


@pytest.mark.parametrize("check, field, message", BOOLS)
def test_bools_are_not_numbers(check, field, message):
    with pytest.raises(SettingError) as info:
        check()
    assert (info.value.field, str(info.value)) == (field, message)


@pytest.mark.parametrize("spec, message", [
    (GradientSpec(length=2.5), "length must be a whole number, got 2.5"),
    (GradientSpec(seed="7"), "seed must be a whole number, got '7'"),
    (GradientSpec(cell="scalar", u="1"), "u must be a number, got '1'"),
])
def test_gradients_refuse_a_non_number_instead_of_crashing(spec, message):
    with pytest.raises(GradientError, match=f"^{message}$"):
        validate_spec(spec)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("part, rule, core_template", [
    *[("train", rule, template) for rule, template in sorted(CONFIG_RULES.items())],
    *[("gradients", rule, template) for rule, template in sorted(GradientError.rules.items())],
])
def test_every_rule_has_a_template_in_both_languages(part, rule, core_template):
    """The Train and Gradients forms word a SettingError through tui.i18n.setting_error (the part's own
    template, else the shared one); a missing rule would show its key."""
    for lang in ("en", "zh"):
        template = TABLES[lang].get(f"{part}.err.{rule}") or TABLES[lang].get(f"setting.err.{rule}")
        assert template is not None, f"{lang}: no template for rule {rule}"
        assert _placeholders(template) == _placeholders(core_template), (lang, rule)
