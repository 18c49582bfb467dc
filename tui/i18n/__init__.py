"""Every word the interface shows, in English and Chinese.

One table per language, assembled from one module per part of the app
(``tui/i18n/<part>.py`` holds an ``EN`` and a ``ZH`` dict with the same keys).
Tokens typed by the user are never translated.

    from tui.i18n import t
    t("app.title")               -> "rnn-tui"
    t("forward.step", t=2, n=3)  -> "step 2 of 3"
"""

from __future__ import annotations

import importlib
import locale
import os

LANGS = ("en", "zh")
PARTS = ("app", "forward", "context", "train", "gradients", "concepts")


def _load() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for part in PARTS:
        module = importlib.import_module(f"tui.i18n.{part}")
        tables["en"].update(module.EN)
        tables["zh"].update(module.ZH)
    return tables


TABLES = _load()
_current = "en"


def set_language(lang: str) -> None:
    """Make ``lang`` ('en' or 'zh') the language of every later ``t()``."""
    global _current
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use en or zh")
    _current = lang


def language() -> str:
    return _current


def t(key: str, **values) -> str:
    """The text for ``key`` in the current language, with ``values`` filled in."""
    text = TABLES[_current].get(key) or TABLES["en"].get(key) or key
    return text.format(**values) if values else text


def relabel_bindings(node, labels: dict[str, str]) -> None:
    """Give ``node``'s key bindings footer labels in the interface language.

    BINDINGS are built when the class is defined, before the language is chosen,
    so each action's description is replaced by ``t(labels[action])`` here.
    """
    from dataclasses import replace

    for bindings in node._bindings.key_to_bindings.values():
        for i, b in enumerate(bindings):
            if b.action in labels:
                bindings[i] = replace(b, description=t(labels[b.action]))


def detect_language(environ=None) -> str:
    """'zh' when the locale says Chinese (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else 'en'."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None:
        code = (locale.getlocale()[0] or "").lower()
        if code.startswith("zh"):
            return "zh"
    return "en"
