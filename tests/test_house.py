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
