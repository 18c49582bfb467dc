"""The distribution ships every module: a non-editable install must run."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_folder_is_a_listed_package():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {str(p.parent.relative_to(ROOT)).replace("/", ".")
               for top in ("core", "tui") for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts}
    assert folders == listed
    for name in listed:
        assert (ROOT / name.replace(".", "/") / "__init__.py").exists(), name


def test_the_stylesheet_ships_with_the_app():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "*.tcss" in data["tui"] and (ROOT / "tui" / "app.tcss").exists()
