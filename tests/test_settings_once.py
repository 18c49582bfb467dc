"""A setting is declared once, on its config (core.checks.setting): a throwaway setting added there,
and nowhere else, gets its command-line flag and help, its range check, its Train form row and its
error messages on both, in the app's language."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from textual.app import App
from textual.widgets import Input, Label

from core.checks import setting
from core.sincos.config import ConfigError, TrainConfig, validate
from tui import i18n
from tui.cli.train import build_parser, config_from
from tui.widgets.train.form import TrainForm


@dataclass(frozen=True)
class WithMomentum(TrainConfig):
    """TrainConfig plus one throwaway setting, declared in this one place."""

    momentum: float = setting(0.9, kind="positive", high=1.0, flag="--momentum", label="train.f.momentum",
                              help="a throwaway setting")


@pytest.fixture
def momentum_words(monkeypatch):
    """The setting's name in both languages (the one i18n row a real setting would add)."""
    monkeypatch.setitem(i18n.TABLES["en"], "train.f.momentum", "momentum")
    monkeypatch.setitem(i18n.TABLES["zh"], "train.f.momentum", "动量")


def test_the_core_check_takes_the_range_from_the_declaration():
    assert validate(WithMomentum(momentum=0.5)).momentum == 0.5
    with pytest.raises(ConfigError) as caught:
        validate(WithMomentum(momentum=2.0))
    assert (caught.value.field, caught.value.rule, str(caught.value)) == (
        "momentum", "at_most", "momentum must be at most 1, got 2.0")


def test_the_command_line_gets_its_flag_help_and_error(capsys):
    parser = build_parser(WithMomentum)
    assert "a throwaway setting (default 0.9)" in " ".join(parser.format_help().split())
    assert config_from(parser.parse_args(["--momentum", "0.25"]), WithMomentum).momentum == 0.25
    assert config_from(parser.parse_args([]), WithMomentum).momentum == 0.9
    with pytest.raises(SystemExit) as code:
        config_from(parser.parse_args(["--momentum", "2"]), WithMomentum)
    assert code.value.code == 2
    assert capsys.readouterr().err.strip() == "rnn-tui train: error: --momentum: momentum must be at most 1, got 2.0"


class FormApp(App):
    def compose(self):
        yield TrainForm(config_cls=WithMomentum)


@pytest.mark.parametrize("lang, label, error", [
    ("en", "momentum", "momentum must be at most 1, got 2.0"),
    ("zh", "动量", "动量 最大为 1，当前为 2.0"),
])
async def test_the_train_form_gets_its_row_and_error(momentum_words, lang, label, error):
    i18n.set_language(lang)
    try:
        app = FormApp()
        async with app.run_test(size=(60, 20)) as pilot:
            form = app.query_one(TrainForm)
            assert str(form.query_one("#label-momentum", Label).render()) == label
            assert form.query_one("#momentum", Input).value == "0.9"
            form.query_one("#momentum", Input).value = "2"
            await pilot.pause()
            config, message = form.check()
            assert (config, message) == (None, error)
            assert form.query_one("#momentum").has_class("-bad") and form.query_one("#label-momentum").has_class("-bad")
            form.query_one("#momentum", Input).value = "0.5"
            await pilot.pause()
            config, message = form.check()
            assert message is None and config.momentum == 0.5 and not form.query(".-bad")
            form.fill(WithMomentum(momentum=0.75))
            assert form.query_one("#momentum", Input).value == "0.75"
    finally:
        i18n.set_language("en")
