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


# Standard-library names that need a given Python: the declared floor must cover every one the project uses.
NEEDS = {"import tomllib": (3, 11), "asyncio.timeout(": (3, 11), "ExceptionGroup": (3, 11), "StrEnum": (3, 11),
         "from typing import Self": (3, 11), "TaskGroup": (3, 11)}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_python_floor_is_true():
    floor = tuple(int(n) for n in _project()["requires-python"].removeprefix(">=").split("."))
    sources = [p for top in ("core", "tui", "tests", "bench") for p in (ROOT / top).rglob("*.py") if p.name != "test_packaging.py"]
    used = {name: need for p in sources for name, need in NEEDS.items() if name in p.read_text(encoding="utf-8")}
    assert used, "the probe finds nothing: check NEEDS"
    assert all(floor >= need for need in used.values()), f"requires-python {floor} but the code uses {used}"


def test_the_browser_demo_needs_no_extra():
    assert any(d.startswith("textual-serve") for d in _project()["dependencies"])


def test_the_pinned_ranges_hold_what_is_installed():
    """pyproject pins textual and textual-serve to the range the code adapts to; torch to the README's build."""
    from importlib.metadata import version

    deps = {d.split(">")[0].split("=")[0].split("<")[0].strip(): d for d in _project()["dependencies"]}
    major_minor = lambda v: tuple(int(n) for n in v.split("+")[0].split(".")[:2])  # noqa: E731
    assert major_minor(version("textual")) == (8, 2) and "<8.3" in deps["textual"]
    assert major_minor(version("textual-serve")) == (1, 1) and "<1.2" in deps["textual-serve"]
    pinned = deps["torch"].split("==")[1].split()[0].strip('",')
    assert f"torch=={pinned}" in (ROOT / "README.md").read_text() and f"torch=={pinned}" in (ROOT / ".ci" / "run").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
