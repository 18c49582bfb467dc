"""A tab's keys, declared once: each ``Key`` is one row of the help screen and the bindings behind it.

From one tuple of Keys a tab derives its Textual BINDINGS (``bindings``), the labels the footer and the
palette show in the interface language (``labels``, applied by Tab's mount) and its help rows
(``help_rows``). A key the app binds (space) is a Key with no bindings of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from tui.i18n import TABLES


@dataclass(frozen=True)
class Bind:
    """One Textual binding: ``keys`` (comma-separated key names) run ``action``."""

    keys: str
    action: str
    label: str | None = None  # i18n id of its footer/palette label (None: unlabelled)
    footer: bool = False  # shown in the footer


@dataclass(frozen=True)
class Key:
    """One help row: how the keys are written, the i18n id of what they do, and their bindings."""

    shown: str  # "→ / n"
    help: str  # i18n id of the help row
    binds: tuple[Bind, ...] = ()


def key(shown: str, help: str, *binds: Bind) -> Key:
    return Key(shown, help, binds)


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    """Textual's bindings, labelled in English until ``labels`` puts them in the interface language."""
    return [Binding(b.keys, b.action, TABLES["en"].get(b.label, b.label) if b.label else "", show=b.footer)
            for k in keys for b in k.binds]


def labels(keys: tuple[Key, ...]) -> dict[str, str]:
    """action -> i18n id of its label (what relabel_bindings reads)."""
    return {b.action: b.label for k in keys for b in k.binds if b.label}


def help_rows(keys: tuple[Key, ...]) -> list[tuple[str, str]]:
    """(keys as written, i18n id of what they do) for the help screen."""
    return [(k.shown, k.help) for k in keys]
