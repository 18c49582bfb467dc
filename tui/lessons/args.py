"""The arguments a check, a quantity or a setter takes, declared once (the parser validates a lesson
file against them; the functions receive them as keyword arguments)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Arg:
    """One argument: its name, its type (int, float, str or bool), the values it may take (None: any)."""

    name: str
    kind: type
    choices: tuple | None = None
    required: bool = True

    def problem(self, value) -> str | None:
        """Why ``value`` will not do (None: it will)."""
        kind = self.kind
        fits = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            fits = True
        if not fits:
            return f"{self.name} must be {KIND_WORDS[kind]}, not {value!r}"
        if self.choices is not None and value not in self.choices:
            return f"{self.name} must be one of {', '.join(map(str, self.choices))}, not {value!r}"
        return None


KIND_WORDS = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}


def problems(declared: tuple[Arg, ...], given: dict) -> list[tuple[str, str]]:
    """(argument name, why) for each given argument that is unknown or wrong and each required one missing."""
    known = {a.name: a for a in declared}
    out = [(name, f"unknown argument {name!r} (it takes: {', '.join(known) or 'none'})")
           for name in given if name not in known]
    for arg in declared:
        if arg.name in given:
            why = arg.problem(given[arg.name])
            if why:
                out.append((arg.name, why))
        elif arg.required:
            out.append((arg.name, f"missing argument {arg.name!r}"))
    return out
