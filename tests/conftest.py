"""Shared test set-up: a fixed language and no colour surprises."""

import os

import pytest

os.environ.pop("NO_COLOR", None)  # NO_COLOR changes every snapshot (see FACTS.md)


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English; tests that want Chinese pass lang='zh'."""
    from tui.i18n import set_language

    set_language("en")
    yield
    set_language("en")
