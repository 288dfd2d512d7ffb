"""The Textual application: loads settings, applies the keymap, shows the main screen.

Kept thin on purpose: the browser lives in :class:`~adrtui.ui.screens.main.MainScreen`
(its state in plain objects, :mod:`adrtui.ui.state`; its background work in
:mod:`adrtui.ui.services`), drawing in the widgets. The app holds what is global to a session: the
folder, the config (keymap, theme), and the editor launcher, which tests
replace because Pilot cannot suspend the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from adrtui.domain.text import clean, clean_line
from adrtui.domain.writing import EditorResult
from adrtui.ui.config import Config, load_config
from adrtui.ui.screens.copy_menu import CopyMenu
from adrtui.ui.screens.help import HelpScreen, help_rows
from adrtui.ui.screens.history import CommitList, HistoryScreen
from adrtui.ui.screens.lint_report import LintList, LintReport
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.screens.provenance import ProvenanceScreen
from adrtui.ui.screens.timeline import TimelineScreen
from adrtui.ui.screens.title_prompt import TitlePrompt
from adrtui.ui.services.editor import Launcher, terminal_launcher
from adrtui.ui.services.idle_gc import IdleCollector
from adrtui.ui.state.paths import display_path, home_path
from adrtui.ui.widgets.adr_table import AdrTable
from adrtui.ui.widgets.command_palette import AdrCommands
from adrtui.ui.widgets.diff_view import DiffView
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.pane_grid import PaneGrid
from adrtui.ui.widgets.relations import ChainTree, RelationList
from adrtui.ui.widgets.search_bar import SearchBar
from adrtui.ui.widgets.timeline_list import TimelineList


class AdrApp(App[int]):
    """``adrtui [DIR]``: browse one ADR folder."""

    TITLE = "adrtui"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {AdrCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        folder: Path | str,
        *,
        is_example: bool = False,
        notice: str = "",
        config: Config | None = None,
        cache_dir: Path | None = None,
        launcher: Launcher | None = None,
        watch: bool = True,
        refused: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.folder = Path(folder)
        #: The repository's marker files found unusable (``.log4brains.yml``…), and why.
        self.refused = tuple(refused)
        self.is_example = is_example
        self.notice = notice
        self.cache_dir = cache_dir
        #: How the editor is run (``App.suspend`` around it); Pilot tests run it directly.
        self.launcher: Launcher = launcher or terminal_launcher
        #: Live reload (watching the folder for outside changes).
        self.live_reload = watch
        self.config = config if config is not None else load_config(binding_ids=all_binding_ids())
        #: Full garbage collections run in pauses between keystrokes.
        self.idle_collector = IdleCollector()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.idle_collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.idle_collector.stop()

    def on_mount(self) -> None:
        self.idle_collector.start()
        self.set_interval(0.25, self.idle_collector.tick, name="idle-gc")
        config = self.config
        if config.theme:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self.notify(
                    f"Unknown theme {config.theme!r} in {config.path}; using the default.",
                    severity="warning",
                    markup=False,
                )
        if config.keymap:
            self.set_keymap(config.keymap)
        for problem in config.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=8, markup=False)
        self.sub_title = clean_line(display_path(self.folder))
        if self.is_example:
            self.sub_title = "example collection (no ADR folder found)"
        if self.notice:
            self.notify(self.notice, timeout=8, markup=False)
        self.push_screen(
            MainScreen(
                self.folder,
                is_example=self.is_example,
                cache_dir=self.cache_dir,
                watch=self.live_reload,
                refused=self.refused,
            )
        )

    def run_external(self, argv: Sequence[str]) -> EditorResult:
        """Hand the terminal to ``argv`` via the configured launcher."""
        return self.launcher(self, argv)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications are plain text, always: they quote file names and ADR text.

        Widgets pass ``markup=True`` by default; a path like ``[@click=app.quit].md``
        must not become an action, so markup is never interpreted here.
        """
        super().notify(
            clean(str(message)),
            title=clean_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        rows = help_rows(self, help_sections(), self.config.keymap)
        where = home_path(self.config.path) if self.config.path else "config.toml"
        note = (
            f'Remap keys in {where} under [keymap] (binding id = "keys").\n'
            "A date in dim italics comes from git (the file gives none). Search the history "
            "with changed:2024, changed:<30d, since:v1.2 or since:30d; author: also finds "
            "committers."
        )
        self.push_screen(HelpScreen(rows, note))


def help_sections() -> list[tuple[str, list[type]]]:
    """Where bindings live, in the order the help screen lists them."""
    return [
        ("Everywhere", [AdrApp, MainScreen]),
        ("Panes", [PaneGrid]),
        ("List", [AdrTable]),
        ("Search box", [SearchBar]),
        ("Detail", [DocumentView]),
        ("Relations", [RelationList, ChainTree]),
        ("Lint report", [LintReport, LintList]),
        ("Field sources", [ProvenanceScreen]),
        ("History (H)", [HistoryScreen, CommitList, DiffView]),
        ("Timeline (T)", [TimelineScreen, TimelineList]),
        ("Copy menu (Y)", [CopyMenu]),
        ("New ADR prompt", [TitlePrompt]),
        ("Help", [HelpScreen]),
    ]


def all_binding_ids() -> set[str]:
    """Every binding id users may remap in the config file."""
    ids: set[str] = set()
    for _section, owners in help_sections():
        for owner in owners:
            for binding in getattr(owner, "BINDINGS", []):
                binding_id = getattr(binding, "id", None)
                if binding_id:
                    ids.add(binding_id)
    return ids
