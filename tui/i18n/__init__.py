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
PARTS = ("app", "forward", "context", "train", "gradients", "concepts", "lessons")


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
    text = TABLES[_current].get(key) or TABLES["en"].get(key) or key.removeprefix("key.label.")
    return text.format(**values) if values else text


def setting_error(exc, name: str, part: str) -> str:
    """A core ``SettingError`` in the interface's language, the setting called ``name``: ``part``'s own
    template for its rule ("<part>.err.<rule>" in tui/i18n/<part>.py), else the shared one ("setting.err.<rule>")."""
    own = f"{part}.err.{exc.rule}"
    return t(own if own in TABLES["en"] else f"setting.err.{exc.rule}", name=name, **exc.values)


def binding_label(description: str) -> str:
    """A key binding's label in the current language: bindings are written with their
    English label, which is also the key (``key.label.<English>``) of the translation."""
    return t(f"key.label.{description}") if description else description


def relabel_bindings(node, labels: dict[str, str] | None = None) -> None:
    """Put ``node``'s key-binding labels in the interface language (the footer, the
    palette's key list). The Tab base and the app call it on mount, so every tab's
    bindings are covered; ``labels`` (action -> i18n key) overrides single actions.

    BINDINGS are built when a class is defined, before the language is chosen, and
    Textual has no public way to change a node's bindings afterwards: this is the one
    place that edits Textual's private ``_bindings`` map.
    """
    from dataclasses import replace

    labels = labels or {}
    table = node._bindings.key_to_bindings  # this node's own dict; its lists are shared with the class
    for key, bindings in table.items():
        table[key] = [replace(b, description=t(labels[b.action]) if b.action in labels else binding_label(b.description))
                      for b in bindings]  # new lists: the class's English labels stay as they are


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
