"""The Concepts tab: the tutorial's ideas in short bilingual Markdown, each
pointing to the tab that shows it live. The tab scrolls itself, so the arrow
keys work as soon as it is shown."""

from __future__ import annotations

from textual.app import ComposeResult

from core.forward.scalar import ScalarParams, walk
from tui.i18n import t
from tui.i18n.concepts import SECTIONS
from tui.keys import Bind, bindings, key
from tui.tabs.base import Tab
from tui.widgets.notation import num
from tui.widgets.prose import ProseMarkdown

WALK_IDS = (1, 2, 3)  # 我爱中国's ids, as the text says


def scalar_facts() -> dict[str, str]:
    """The walk-through's numbers for the text: u, w, v, s0 (the defaults) and s1..s3, o1..o3."""
    p = ScalarParams()
    facts = {"u": num(p.u), "w": num(p.w), "v": num(p.v), "s0": num(p.s0)}
    for step in walk(("",) * len(WALK_IDS), WALK_IDS, p):
        facts[f"s{step.t}"], facts[f"o{step.t}"] = num(step.s), num(step.o)
    return facts


def concepts_markdown() -> str:
    """The whole text in the current language."""
    facts = scalar_facts()
    return "\n\n".join(t(f"concepts.{name}", **facts) for name in SECTIONS)


class ConceptsTab(Tab):
    """One scrollable Markdown document."""

    KEYS = (
        key("↑ ↓ PgUp PgDn", "concepts.k.scroll", Bind("up,k", "scroll_up", "key.label.Up"),
            Bind("down,j", "scroll_down", "key.label.Down"), Bind("pageup", "page_up", "key.label.Page up"),
            Bind("pagedown", "page_down", "key.label.Page down")),
        key("home end", "concepts.k.ends", Bind("home", "scroll_home", "key.label.Top"),
            Bind("end", "scroll_end", "key.label.Bottom")),
    )
    BINDINGS = bindings(KEYS)
    DEFAULT_CSS = """
    ConceptsTab { overflow-y: auto; padding: 0 1; }
    ConceptsTab Markdown { max-width: 110; margin: 0; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield ProseMarkdown(concepts_markdown())  # Chinese lines broken by its rules
