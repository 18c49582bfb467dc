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

    overrides = {"_on_mount", "_on_click", "_action_command_list", "_gather_commands", "_move_page"}  # Tab: relabel first;
    # the palette (tui/palette.py) and the select menu (tui/widgets/select.py) guard these against mashed keys

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
