"""Read a lesson file (TOML) and name the line of every problem in it.

    [lesson]
    title.en = "..."                 # every text has one entry per language of the lesson
    title.zh = "..."
    languages = ["en", "zh"]         # optional: the default is both

    [[chapter]]
    title.en = "..."
    title.zh = "..."

    [[chapter.step]]
    tab = "forward"                  # forward, context, train, gradients, concepts
    set = { sentence = "我爱中国", step = 1 }       # tui.lessons.scene.SETTINGS
    highlight = "prevs"              # tui.lessons.scene.HIGHLIGHTS
    text.en = "..."
    text.zh = "..."
    task = { check = "forward_step", at = 2 }     # tui.lessons.checks (optional)
    question.ask.en = "..."          # optional: asked before the task
    question.ask.zh = "..."
    question.answer = { quantity = "prev_s", step = 2 }   # tui.lessons.quantities
    question.within = 0.01           # optional: how close a number must be

A choice question lists its choices: ``question.choices = [{ id = "rnn", en = "the RNN", zh = "RNN" }, ...]``,
one per outcome of its quantity.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from tui.i18n import LANGS
from tui.lessons.args import problems as arg_problems
from tui.lessons.checks import CHECKS
from tui.lessons.model import Chapter, Choice, Lesson, Question, Step, Task
from tui.lessons.quantities import QUANTITIES
from tui.lessons.scene import HIGHLIGHTS, SETTINGS
from tui.panes import TABS

MAX_BYTES = 512 * 1024  # a lesson file larger than this is refused unread
MAX_CHAPTERS, MAX_STEPS, MAX_TEXT = 50, 100, 4000  # chapters, steps in a chapter, characters in one text


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class LessonError(Exception):
    """A lesson file that cannot be used: ``problems`` names each line at fault."""

    def __init__(self, problems: list[Problem]):
        super().__init__(str(problems[0]))
        self.problems = problems


# ----- where each key is written ---------------------------------------------------------------------

HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
KEY = re.compile(r'^\s*([A-Za-z0-9_\-]+(?:\s*\.\s*[A-Za-z0-9_\-]+)*)\s*=')


def key_lines(text: str) -> dict[tuple, int]:
    """Path of every table header and key (("chapter", 0, "step", 2, "task") ...) -> its 1-based line."""
    lines: dict[tuple, int] = {}
    counts: dict[str, int] = {}
    table: tuple = ()
    in_string = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:
            in_string = (line.count('"""') + line.count("'''")) % 2 == 0
            continue
        header = HEADER.match(line)
        if header:
            table = _table_path(header[2].split("."), header[1] == "[[", counts)
            lines.setdefault(table, number)
        elif (key := KEY.match(line)) is not None:
            parts = tuple(part.strip() for part in key[1].split("."))
            for n in range(1, len(parts) + 1):  # text.en = ... is where "text" is written too
                lines.setdefault(table + parts[:n], number)
        in_string = (line.count('"""') + line.count("'''")) % 2 == 1
    return lines


def _table_path(names: list[str], array: bool, counts: dict[str, int]) -> tuple:
    """("chapter", 1, "step", 0) for the second chapter's first [[chapter.step]]."""
    path: tuple = ()
    for depth, name in enumerate(names):
        dotted = ".".join(names[:depth + 1])
        last = depth == len(names) - 1
        if last and array:
            counts[dotted] = counts.get(dotted, -1) + 1
            for other in list(counts):  # a new chapter restarts its steps
                if other.startswith(dotted + "."):
                    del counts[other]
        path += (name,) if dotted not in counts else (name, counts[dotted])
    return path


class Reader:
    """Walks the parsed data, collecting problems with their lines."""

    def __init__(self, text: str, languages: tuple[str, ...] = LANGS):
        self.lines = key_lines(text)
        self.problems: list[Problem] = []
        self.languages = languages

    def line(self, path: tuple) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def say(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.line(path), message))

    def keys(self, data: dict, path: tuple, allowed: tuple[str, ...], what: str) -> None:
        for name in data:
            if name not in allowed:
                self.say(path + (name,), f"unknown key {name!r} in {what} (known: {', '.join(allowed)})")

    def words(self, data, path: tuple, what: str) -> dict:
        """A text in every language of the lesson."""
        if not isinstance(data, dict):
            self.say(path, f"{what} must give one text per language, e.g. {what}.en = \"...\"")
            return {}
        for lang in self.languages:
            if lang not in data:
                self.say(path, f"{what} has no {lang} text ({what}.{lang})")
            elif not isinstance(data[lang], str) or not data[lang].strip():
                self.say(path + (lang,), f"{what}.{lang} must be some text")
            elif len(data[lang]) > MAX_TEXT:
                self.say(path + (lang,), f"{what}.{lang} is longer than {MAX_TEXT} characters")
        for lang in data:
            if lang not in self.languages:
                self.say(path + (lang,), f"{what}.{lang}: not a language of this lesson ({', '.join(self.languages)})")
        return {lang: data[lang] for lang in self.languages if isinstance(data.get(lang), str)}

    # ----- the parts of a lesson ---------------------------------------------------------------------

    def lesson(self, data: dict, name: str) -> Lesson:
        self.keys(data, (), ("lesson", "chapter"), "the file")
        head = data.get("lesson")
        if not isinstance(head, dict):
            self.say((), "the file has no [lesson] table with the lesson's title")
            head = {}
        self.keys(head, ("lesson",), ("title", "languages"), "[lesson]")
        self.languages = self._languages(head.get("languages", list(LANGS)))
        title = self.words(head.get("title"), ("lesson", "title"), "title")
        chapters = data.get("chapter")
        if not isinstance(chapters, list) or not chapters:
            self.say((), "the file has no chapter: add a [[chapter]] with its [[chapter.step]]s")
            chapters = []
        if len(chapters) > MAX_CHAPTERS:
            self.say(("chapter", MAX_CHAPTERS), f"more than {MAX_CHAPTERS} chapters")
            chapters = chapters[:MAX_CHAPTERS]
        return Lesson(title, self.languages, tuple(self.chapter(c, ("chapter", i)) for i, c in enumerate(chapters)),
                      name)

    def _languages(self, value) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or any(v not in LANGS for v in value):
            self.say(("lesson", "languages"), f"languages must list some of {', '.join(LANGS)}")
            return LANGS
        return tuple(dict.fromkeys(value))

    def chapter(self, data: dict, path: tuple) -> Chapter:
        self.keys(data, path, ("title", "step"), "[[chapter]]")
        title = self.words(data.get("title"), path + ("title",), "title")
        steps = data.get("step")
        if not isinstance(steps, list) or not steps:
            self.say(path, "this chapter has no step: add a [[chapter.step]]")
            steps = []
        if len(steps) > MAX_STEPS:
            self.say(path + ("step", MAX_STEPS), f"more than {MAX_STEPS} steps in one chapter")
            steps = steps[:MAX_STEPS]
        return Chapter(title, tuple(self.step(s, path + ("step", i)) for i, s in enumerate(steps)), self.line(path))

    def step(self, data: dict, path: tuple) -> Step:
        self.keys(data, path, ("tab", "text", "set", "highlight", "task", "question"), "a step")
        tab = data.get("tab")
        if tab not in TABS:
            self.say(path + ("tab",), f"tab {tab!r} does not exist (tabs: {', '.join(TABS)})" if tab is not None
                     else "the step names no tab (tab = \"forward\", ...)")
            tab = None
        text = self.words(data.get("text"), path + ("text",), "text")
        settings = data.get("set", {})
        if not isinstance(settings, dict):
            self.say(path + ("set",), "set must be a table, e.g. set = { step = 1 }")
            settings = {}
        elif tab is not None:
            for name, why in arg_problems(SETTINGS[tab], settings):
                self.say(path + ("set", name), f"set: {why} in the {tab} tab")
        highlight = data.get("highlight")
        if highlight is not None and tab is not None and highlight not in HIGHLIGHTS[tab]:
            known = ", ".join(HIGHLIGHTS[tab]) or "none"
            self.say(path + ("highlight",), f"the {tab} tab has no part {highlight!r} to highlight (parts: {known})")
        task = self.task(data["task"], path + ("task",)) if "task" in data else None
        question = self.question(data["question"], path + ("question",)) if "question" in data else None
        return Step(tab or "forward", text, settings, highlight, task, question, self.line(path))

    def task(self, data, path: tuple) -> Task | None:
        data = {"check": data} if isinstance(data, str) else data
        if not isinstance(data, dict) or "check" not in data:
            self.say(path, "task must name a check, e.g. task = { check = \"forward_step\", at = 2 }")
            return None
        name, args = data["check"], {k: v for k, v in data.items() if k != "check"}
        if name not in CHECKS:
            self.say(path + ("check",), f"unknown check {name!r} (checks: {', '.join(CHECKS)})")
            return None
        for _, why in arg_problems(CHECKS[name].args, args):
            self.say(path, f"check {name}: {why}")
        return Task(name, args)

    def question(self, data, path: tuple) -> Question | None:
        if not isinstance(data, dict):
            self.say(path, "question must be a table with ask and answer")
            return None
        self.keys(data, path, ("ask", "answer", "choices", "within", "relative"), "a question")
        ask = self.words(data.get("ask"), path + ("ask",), "question.ask")
        answer = data.get("answer")
        if not isinstance(answer, dict) or "quantity" not in answer:
            self.say(path + ("answer",), "question.answer must name a quantity, e.g. { quantity = \"prev_s\", step = 2 }")
            return None
        name, args = answer["quantity"], {k: v for k, v in answer.items() if k != "quantity"}
        if name not in QUANTITIES:
            self.say(path + ("answer",), f"unknown quantity {name!r} (quantities: {', '.join(QUANTITIES)})")
            return None
        for _, why in arg_problems(QUANTITIES[name].args, args):
            self.say(path + ("answer",), f"quantity {name}: {why}")
        choices = self.choices(data.get("choices"), path + ("choices",), name)
        tolerance = {k: data[k] for k in ("within", "relative") if k in data}
        for key, value in tolerance.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e9:
                self.say(path + (key,), f"question.{key} must be a number, 0 or more")
                return None
        return Question(ask, name, args, choices, **{k: float(v) for k, v in tolerance.items()})

    def choices(self, data, path: tuple, name: str) -> tuple[Choice, ...]:
        outcomes = QUANTITIES[name].outcomes
        if outcomes is None:
            if data is not None:
                self.say(path, f"quantity {name} is a number: its question takes no choices")
            return ()
        if not isinstance(data, list) or not all(isinstance(c, dict) for c in data):
            self.say(path, f"quantity {name} answers one of {', '.join(outcomes)}: list them as choices")
            return ()
        ids = [c.get("id") for c in data]
        if sorted(map(str, ids)) != sorted(outcomes):
            self.say(path, f"the choices must be {', '.join(outcomes)} (one each), not {', '.join(map(str, ids))}")
        return tuple(Choice(str(c.get("id")), self.words({k: v for k, v in c.items() if k != "id"}, path,
                                                         f"choice {c.get('id')}")) for c in data)


def parse(text: str, name: str) -> Lesson:
    """The lesson in ``text``. Raises LessonError naming the line of every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise LessonError([Problem(int(found[1]) if found else 1, f"not valid TOML: {exc}")]) from None
    reader = Reader(text)
    lesson = reader.lesson(data, name)
    if reader.problems:
        raise LessonError(sorted(reader.problems, key=lambda p: p.line))
    return lesson


def read(path, name: str | None = None) -> Lesson:
    """The lesson in the file at ``path``. Raises LessonError, or ValueError with a one-line reason for a
    file that cannot be read as UTF-8 text of at most MAX_BYTES."""
    from core.io.reading import read_regular

    try:
        text = read_regular(path, MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None
    return parse(text, name or str(path))
