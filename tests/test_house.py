"""The shape of the house (issue 21): what a stranger relies on when reading or changing the UI."""

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "tui"


def _classes():
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:  # a nested message is named by its widget
            if isinstance(node, ast.ClassDef):
                yield path, node


def test_no_two_widgets_share_a_class_name():
    """Textual matches DEFAULT_CSS by class name across the whole app: two widgets named alike style each
    other (a Gradients view named like Forward's CompareView got its border). Messages are namespaced."""
    seen: dict[str, Path] = {}
    for path, node in _classes():
        if any(isinstance(d, ast.keyword) and d.arg == "namespace" for d in node.keywords):
            continue  # a message with its own namespace: its handler name says whose it is
        assert node.name not in seen, f"class {node.name} in {path} and {seen[node.name]}"
        seen[node.name] = path


def test_no_widget_of_ours_shadows_a_private_name_of_textual():
    """A method named like Textual's own private state breaks it (a ``_running()`` helper on the Train tab
    replaced MessagePump's ``_running`` flag). Deliberate overrides are listed here."""
    import importlib
    import inspect
    import pkgutil

    from textual.widget import Widget

    import tui

    overrides = {"_on_mount", "_on_click", "_action_command_list", "_gather_commands", "_move_page", "_on_key"}  # Tab: relabel first;
    # the palette (tui/palette.py) and the select menu (tui/widgets/select.py) guard these against mashed keys;
    # Field (tui/widgets/field.py) runs its editing keys in the order typed

    class Probe(Widget):
        pass

    per_class = set(vars(Probe))  # what Textual itself puts on every subclass (_reactives, _css_type_name, ...)
    state = set(vars(Probe()))  # and on every widget it builds (_running, _parent, ...)
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.name.endswith("__main__"):
            continue  # (running it starts the app)
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, Widget) and cls.__module__ == info.name:
                theirs = {n for base in cls.__mro__ if base.__module__.startswith("textual") for n in vars(base)}
                own = {n for n in vars(cls) if n.startswith("_") and not n.startswith("__")} - per_class - overrides
                assert not own & (theirs | state), f"{cls.__qualname__}: {own & (theirs | state)}"


def test_each_tab_is_one_short_class_and_no_module_is_long():
    """Issue 21's limits: a tab is one class (its parts are child widgets, not mixins) of at most 300 lines;
    no module of the app or the engine is over 350 lines (the i18n tables aside)."""
    root = TUI.parent
    for path in sorted((TUI / "tabs").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and node.name.endswith("Tab"):
                assert len(node.bases) == 1, f"{path.name}: {node.name} has {len(node.bases)} bases"
                assert node.end_lineno - node.lineno + 1 <= 300, f"{path.name}: {node.name} is over 300 lines"
    for path in sorted([*TUI.rglob("*.py"), *(root / "core").rglob("*.py")]):
        if "i18n" not in path.parts:
            assert len(path.read_text(encoding="utf-8").splitlines()) <= 350, f"{path.relative_to(root)} is over 350 lines"
