"""The Textual app: a header, the tabs, a footer. Each tab lives in tui/tabs/."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from core.forward.tokens import DEFAULT_SENTENCE
from tui.colors import ColorModes
from tui.demo import Demo
from tui.file_root import FileRoot
from tui.i18n import relabel_bindings, set_language, t
from tui.panes import TABS  # only Forward is built for the first frame, the others the first time they are shown
from tui.tabs.base import Tab
from tui.tabs.forward import ForwardTab
from tui.widgets.deferred import Deferred
from tui.widgets.tabbed import AppTabs

MIN_WIDTH, MIN_HEIGHT = 80, 24
# The lesson panel sits below the tab when the terminal is narrower than this; below it, a screen shorter
# than LESSON_SHORT rows shows a Forward tab's diagram or its step panels (not both), and one shorter than
# LESSON_TINY rows hides the header.
LESSON_BELOW_UNDER, LESSON_SHORT, LESSON_TINY = 110, 40, 28
LESSON_DEMO_SECONDS = 8  # rnn-tui learn --demo: each step (or its answer) stays this long at demo speed 1


class RnnTui(ColorModes, App):
    """rnn-tui.

    Args:
        sentence: the Forward tab's sentence (default 我爱中国).
        tokens: 'word' or 'char'.
        mode: 'scalar' or 'vector'.
        lang: 'en' or 'zh'.
        screenshot_dir: where ctrl+s writes (default: the current folder).
        theme: 'dark' or 'light' (ctrl+t switches).
        demo, demo_speed, demo_once: play the demo loop (see tui/demo.py), at this pace, once; with a
            lesson, the lesson plays itself instead.
        lesson: a lesson to open at once (tui.lessons.model.Lesson; rnn-tui learn), at its saved place
            unless lesson_restart.
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    AUTO_FOCUS = "Tab"  # the Forward tab has focus from the first frame on: a key typed at launch reaches it
    THEMES = {"dark": "textual-dark", "light": "textual-light"}

    def __init__(self, sentence: str = DEFAULT_SENTENCE, tokens: str = "word", mode: str = "scalar",
                 lang: str = "en", screenshot_dir: str | Path | None = None, theme: str = "dark",
                 demo: bool = False, demo_speed: float = 1.0, demo_once: bool = False,
                 files: str | Path | None = None, lesson=None, lesson_restart: bool = False):
        set_language(lang)
        super().__init__()
        self.demo = Demo(self, demo_speed, demo_once) if demo and lesson is None else None
        self.lesson_start = (lesson, lesson_restart, LESSON_DEMO_SECONDS / demo_speed if demo else None)
        self.theme = self.THEMES.get(theme, theme)
        self.lang = lang
        self.options = {"sentence": sentence, "tokens": tokens, "mode": mode}
        self.files = FileRoot(files)  # where the file fields may read and write (tui/file_root.py)
        self.screenshot_dir = self.files.folder or (Path(screenshot_dir) if screenshot_dir else Path.cwd())
        self._caption_timer = None
        self.lesson_panel = None  # the lesson panel once a lesson is open (tui/lessons/panel.py)
        self._held_keys: list[events.Key] | None = None  # keys typed while a tab is being mounted
        self.title = t("app.title")
        self.sub_title = t("app.subtitle")

    BINDINGS = [
        *(Binding(str(key), f"show_tab('{pane_id}')", t(f"tab.{pane_id}"), show=False)
          for key, pane_id in enumerate(TABS, 1)),  # 1 Forward · 2 Context · 3 Train · 4 Gradients · 5 Concepts
        Binding("space", "play_pause", "Play/Pause"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+s", "screenshot", "Screenshot", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/Dark", show=False),
        Binding("l", "lesson", "Lesson"),
        Binding("L", "chapters", "Chapters", show=False),
        Binding("pagedown", "lesson_step(1)", "Next step", show=False, priority=True),  # a presenter's clicker
        Binding("pageup", "lesson_step(-1)", "Previous step", show=False, priority=True),
        Binding("enter", "lesson_go_on", "Go on", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+p", "command_palette", "palette", show=False, priority=True),  # Textual's, labelled by us
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with AppTabs(initial="forward"):
            for pane_id, (module, name) in TABS.items():
                with TabPane(t(f"tab.{pane_id}"), id=pane_id):
                    yield ForwardTab(**self.options) if pane_id == "forward" else Deferred(module, name)
        yield Static(id="caption")
        yield Footer()
        yield Static(id="too-small")

    def on_mount(self) -> None:
        relabel_bindings(self, {f"show_tab('{pane_id}')": f"tab.{pane_id}" for pane_id in TABS})
        self._check_size()
        self.place_lesson()
        if self.files.confined:  # served to a browser: say where the file fields read and write
            self.notify(t("app.files_here", folder=str(self.files.folder)), timeout=12)
        if self.demo is not None:
            self.demo.start()
        lesson, restart, play = self.lesson_start
        if lesson is not None:
            self.open_lesson(lesson, restart, play)

    def show_caption(self, text: str, seconds: float | None = None) -> None:
        """Show a caption above the footer (the demo's narration), for ``seconds`` or until replaced."""
        caption = self.query_one("#caption", Static)
        caption.update(text)
        caption.display = True
        if self._caption_timer is not None:
            self._caption_timer.stop()
        self._caption_timer = self.set_timer(seconds, self._hide_caption) if seconds else None

    def _hide_caption(self) -> None:
        self.query_one("#caption", Static).display = False

    async def on_event(self, event) -> None:
        if isinstance(event, events.Key) and not self.screen_stack:
            return  # typed after quitting (the screens are gone): Textual would fail looking for a screen
        if isinstance(event, events.Key) and self._held_keys is not None:
            self._held_keys.append(event)  # a tab is being mounted: the key is for it, once it is there
            return
        if self.demo is not None and self.demo.running and isinstance(event, (events.Key, events.MouseDown)):
            self.demo.stop()  # any key or click hands the controls to the user, and does its usual job
        if isinstance(event, events.Key) and (panel := self.lesson_panel) is not None and event.key != "pagedown":
            panel.stop_playing()  # a lesson playing itself: any key but the presenter's hands it over
        await super().on_event(event)

    async def on_deferred_loaded(self, message: Deferred.Loaded) -> None:
        """A tab is mounted: focus it, then hand it the keys typed meanwhile, in order."""
        held, self._held_keys = self._held_keys or [], None
        self.focus_tab()
        for key in held:
            await self.on_event(key)

    def active_tab(self) -> Tab | None:
        """The root widget of the tab on show, once mounted (None while it is being built)."""
        tabbed = self._tabbed()
        pane = tabbed.active_pane if tabbed is not None else None
        return self._root(pane)

    @staticmethod
    def _root(pane: TabPane | None) -> Tab | None:
        """The pane's tab once mounted (a child of the pane: a query would also match Textual's Tab widgets)."""
        found = [w for w in (pane.children if pane is not None else ()) if isinstance(w, Tab)]
        return found[0] if found and found[0].is_mounted else None

    def tab(self, pane_id: str) -> Tab | None:
        """The root widget of a tab, if it is mounted yet."""
        tabbed = self._tabbed()
        return self._root(tabbed.get_pane(pane_id) if tabbed is not None else None)

    def _tabbed(self) -> TabbedContent | None:
        """The tabs, on the first screen (None while the app closes)."""
        found = self.screen_stack[0].query(TabbedContent) if self.screen_stack else []
        return found.first() if found else None

    def focus_tab(self) -> None:
        """Give the tab on show the keys (or the lesson's answer field, while a question waits)."""
        panel = self.lesson_panel
        if panel is not None and panel.focus_answer():
            return
        tab = self.active_tab()
        if tab is None:
            if self._tabbed() is not None:
                self.call_after_refresh(self.focus_tab)  # still being mounted
        else:
            tab.screen.set_focus(tab)  # now, not after the queue (Widget.focus): a later tab key wins

    def prebuild(self, pane_id: str) -> None:
        """Mount a tab in the background, not shown (the demo builds its next scene's tab this way).
        Keys are not held for it: the tab on show keeps them."""
        tabbed = self._tabbed()
        placeholders = tabbed.get_pane(pane_id).query(Deferred) if tabbed is not None else []
        if placeholders and not placeholders.first().loading:
            placeholders.first().load()

    def _build(self, pane: TabPane) -> None:
        """Mount the pane's tab if it is still a placeholder; keys typed until then are held."""
        placeholders = pane.query(Deferred)
        if placeholders and not placeholders.first().loading:
            self._held_keys = self._held_keys or []
            placeholders.first().load()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self._tabbed() is None:
            return  # the app is closing
        self._build(event.pane)  # a click on the tab's label
        self.focus_tab()
        self.refresh_bindings()  # space shows in the footer only where it plays

    def check_action(self, action: str, parameters) -> bool | None:
        """Hide ``space Play/Pause`` from the footer in tabs where nothing plays."""
        if action == "play_pause":
            tab = self.active_tab()
            return tab is not None and tab.plays()
        if action in ("lesson_step", "lesson_go_on", "chapters"):
            panel = self.lesson_panel
            return panel is not None and not panel.has_class("-hidden") and self.screen is self.screen_stack[0]
        return True

    def action_show_tab(self, pane_id: str) -> None:
        tabbed = self._tabbed()
        if tabbed is None:
            return
        self._build(tabbed.get_pane(pane_id))  # at once: the next key typed waits for the tab
        tabbed.active = pane_id
        self.focus_tab()

    def action_play_pause(self) -> None:
        tab = self.active_tab()
        if tab is not None:
            tab.play_pause()

    def action_lesson(self) -> None:
        """l: open the lesson (at the place it was left), or hide and show it."""
        panel = self.lesson_panel
        if panel is None:
            self.open_lesson()
            return
        panel.toggle_class("-hidden")
        self.place_lesson()
        self.focus_tab()

    def open_lesson(self, lesson=None, restart: bool = False, play: float | None = None) -> None:
        from tui.lessons.host import open_lesson  # the lesson's modules are not needed for the first frame

        self.lesson_panel = open_lesson(self, lesson, restart, play=play)
        self.place_lesson()

    def action_lesson_step(self, delta: int) -> None:
        """page down / page up: the next or previous step, whatever it waits for (a presenter's keys)."""
        panel = self.lesson_panel
        panel.done_note = None
        panel.go(delta)

    def action_lesson_go_on(self) -> None:
        self.lesson_panel.go_on()

    def action_chapters(self) -> None:
        """L: the chapter list; pick one to jump to."""
        from tui.lessons.chapters import ChapterList

        panel = self.lesson_panel
        self.push_screen(ChapterList(panel.lesson, panel.progress.done(panel.lesson.name), panel.place[0]),
                         lambda chosen: chosen is not None and panel.open_chapter(chosen))

    def action_help(self) -> None:
        sections = []
        for pane_id, (module, name) in TABS.items():
            cls = getattr(importlib.import_module(module), name)
            sections.append((t(f"tab.{pane_id}"), cls.help_rows(), cls.help_notes()))
        from tui.screens.help import HelpScreen  # its Markdown parser is not needed for the first frame

        self.push_screen(HelpScreen(sections))

    def action_screenshot(self) -> None:
        try:
            path = self.save_screenshot(path=str(self.screenshot_dir))
        except OSError as exc:
            self.notify(t("app.screenshot_failed", error=exc.strerror or exc), severity="error")
        else:
            self.notify(t("app.screenshot_saved", path=path))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme (for this session only)."""
        self.theme = self.THEMES["light"] if self.current_theme.dark else self.THEMES["dark"]

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette with two of its crashes guarded (tui/palette.py)."""
        from tui.palette import open_palette

        open_palette(self)

    def search_commands(self, commands, placeholder: str = "Search for commands…"):
        """Textual's list of commands (e.g. Keys), in the guarded palette."""
        from textual.command import SimpleProvider

        from tui.palette import SafeCommandPalette

        return self.push_screen(SafeCommandPalette(providers=[SimpleProvider(self.screen, commands)],
                                                   placeholder=placeholder))

    def search_themes(self) -> None:
        """Textual's theme picker (the palette's Theme command), in the guarded palette."""
        from textual.theme import ThemeProvider

        from tui.palette import SafeCommandPalette

        self.push_screen(SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        """The palette's commands, with our screenshot (into screenshot_dir) in place of Textual's."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand(t("key.label.Screenshot"), t("help.k.screenshot"), self.action_screenshot)

    def on_resize(self, event) -> None:
        self._check_size(event.size)  # runs before App._on_resize updates self.size
        self.place_lesson(event.size)

    def place_lesson(self, size=None) -> None:
        """The screen's lesson classes (app.tcss): where the panel sits, and how short the screen is."""
        if not self.screen_stack:
            return
        w, h = size or self.size
        panel, screen = self.lesson_panel, self.screen_stack[0]
        below = panel is not None and w < LESSON_BELOW_UNDER  # (no lesson: no class, no restyle of the screen)
        screen.set_class(panel is not None and not panel.has_class("-hidden"), "lesson-open")
        screen.set_class(below, "lesson-below")
        screen.set_class(below and h < LESSON_SHORT, "lesson-short")
        screen.set_class(below and h < LESSON_TINY, "lesson-tiny")
        if panel is not None:  # beside: between the header and the footer (a docked 1fr ignores its margins)
            panel.styles.height = None if below else max(1, h - 2)

    def _check_size(self, size=None) -> None:
        w, h = size or self.size
        small = w < MIN_WIDTH or h < MIN_HEIGHT
        self.screen.set_class(small, "too-small")
        if small:
            self.query_one("#too-small", Static).update(t("app.too_small", w=w, h=h, min_w=MIN_WIDTH, min_h=MIN_HEIGHT))
