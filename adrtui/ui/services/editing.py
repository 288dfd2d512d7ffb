"""Editing ADR files from the browser: ``e`` edit, ``a`` new ADR, ``S`` supersede.

Every write starts from a key the user pressed. The editor gets the terminal
through the app's launcher (suspended app; a direct run in tests), and what it
leaves behind is re-parsed and handed back to the screen
(``apply``, the screen's feed): the record is replaced, re-indexed and
re-linted in workers, and the selection stays (or moves to the ADR just
created).

:class:`Editing` is a helper the main screen owns; the screen declares the
bindings (:data:`EDITING_BINDINGS`) and its actions call the helper.

Refusals are messages, never tracebacks: no editor, an editor that failed, a
file changed on disk since it was read (nothing is overwritten), a read-only
folder (the keys leave the footer and pressing one says why), the example
collection shipped with adrtui (never written).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from adrtui.domain.collection import Collection
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.domain.writing import EditingError, EditorResult, edit_adr, read_file
from adrtui.ui.screens.title_prompt import TitlePrompt
from adrtui.ui.services.editor import direct_launcher, hit_line
from adrtui.ui.services.host import Notifies
from adrtui.ui.state.paths import display_path
from adrtui.ui.widgets.detail import DetailPane

#: Shown (and the keys disabled) when browsing the example collection.
EXAMPLE_READ_ONLY = (
    "This is the example collection shipped with adrtui; it is read-only. "
    "Run adrtui in your own ADR folder to edit."
)

#: Actions that write; hidden (not in the footer) in a read-only folder.
WRITING_ACTIONS = frozenset({"edit_adr", "new_adr", "supersede_adr"})

#: The action of the hidden twin bindings: says why a writing key does nothing.
REFUSE_WRITE = "refuse_write"

#: The actions :meth:`Editing.allowed` answers ``check_action`` for.
EDITING_ACTIONS = WRITING_ACTIONS | {REFUSE_WRITE}

#: The keys of the writing actions (declared by the screen that owns the actions).
#:
#: In a read-only folder ``check_action`` returns ``False`` for a writing action,
#: which is what takes it out of the footer; but Textual then skips the binding and
#: the key would do nothing, silently. Each writing binding therefore has a hidden
#: twin on the same key with the same id (a ``[keymap]`` entry moves both, the help
#: lists the id once) whose action, :data:`REFUSE_WRITE`, is enabled only while the
#: folder is read-only: Textual tries the bindings of one key in order, so the twin
#: runs exactly when the writing action was refused, and says why.
EDITING_BINDINGS: list[BindingType] = [
    Binding("e", "edit_adr", "Edit", id="edit-adr"),
    Binding("a", "new_adr", "New", id="new-adr"),
    Binding("S", "supersede_adr", "Supersede", show=False, id="supersede-adr"),
    Binding("e", REFUSE_WRITE, "Edit (read-only)", show=False, id="edit-adr"),
    Binding("a", REFUSE_WRITE, "New (read-only)", show=False, id="new-adr"),
    Binding("S", REFUSE_WRITE, "Supersede (read-only)", show=False, id="supersede-adr"),
]


def writable_reason(path: Path) -> str | None:
    """Why ``path`` cannot be written, or ``None`` (a seam for tests run as root)."""
    from adrtui.domain.writing import writable_reason as reason

    return reason(path)


class EditingHost(Notifies, Protocol):
    """What :class:`Editing` needs from the screen that owns it."""

    @property
    def app(self) -> App[Any]: ...

    @property
    def collection(self) -> Collection | None: ...

    @property
    def selected(self) -> Adr | None: ...

    def query_one(self, selector: type[DetailPane]) -> DetailPane: ...

    def run_worker(
        self,
        work: Callable[[], None],
        *,
        group: str,
        exit_on_error: bool,
        exclusive: bool,
        thread: bool,
    ) -> object: ...

    def refresh_bindings(self) -> None: ...

    def status_changed(self) -> None:
        """The read-only state changed: redraw what shows it."""


class ApplyRecords(Protocol):
    def __call__(
        self,
        records: Mapping[str, Adr],
        removed: Sequence[str] = (),
        *,
        select: str | None = None,
    ) -> None:
        """Replace/add ``records``, drop ``removed``; then select ``select`` if given."""


class Editing:
    """The screen's writing actions and the folder's read-only state."""

    def __init__(
        self, host: EditingHost, folder: Path, *, is_example: bool, apply: ApplyRecords
    ) -> None:
        self.host = host
        #: Folds what the editor left behind into the collection.
        self.apply_records = apply
        self.folder = folder
        self.is_example = is_example
        #: Why writing is disabled (read-only folder, example collection), or ``None``.
        self.read_only_reason: str | None = None

    def notify(self, message: str, **kwargs: Any) -> None:
        self.host.notify(message, **kwargs)  # (title, severity, timeout, markup)

    # -- read-only folders ------------------------------------------------------------

    def check_writable(self) -> None:
        """Find out (off the UI thread) whether the folder can be written."""
        if self.is_example:
            self._writable_checked(EXAMPLE_READ_ONLY)
            return
        self.host.run_worker(
            partial(self._check_writable, self.folder),
            thread=True,
            exclusive=True,
            group="writable",
            exit_on_error=False,
        )

    def _check_writable(self, folder: Path) -> None:
        try:
            reason = writable_reason(folder) if folder.is_dir() else None
        except OSError as error:
            reason = f"The folder cannot be checked for writing: {error.strerror or error}"
        self.host.app.call_from_thread(self._writable_checked, reason)

    def _writable_checked(self, reason: str | None) -> None:
        if reason == self.read_only_reason:
            return
        self.read_only_reason = reason
        if reason and not self.is_example:
            self.notify(reason, title="Read-only", severity="warning", timeout=6, markup=False)
        self.host.refresh_bindings()
        self.host.status_changed()

    def allowed(self, action: str) -> bool | None:
        """``check_action`` for :data:`EDITING_ACTIONS`.

        A writing action that cannot run now is hidden (``False``: the footer offers
        only keys that work): while loading, with nothing selected (``e``, ``S``), and
        in a read-only folder, where :data:`REFUSE_WRITE` is enabled instead so that
        pressing one says why.
        """
        if action == REFUSE_WRITE:
            return self.read_only_reason is not None
        if self.read_only_reason or self.host.collection is None:
            return False
        return not (action in {"edit_adr", "supersede_adr"} and self.host.selected is None)

    def refuse(self) -> None:
        """A writing key pressed in a read-only folder: say why nothing happens."""
        if self.read_only_reason:
            self.notify(
                f"read-only: {self.read_only_reason}",
                title="Read-only",
                severity="warning",
                timeout=6,
                markup=False,
            )

    # -- running the editor -----------------------------------------------------------

    def _run_editor(self, argv: Sequence[str]) -> EditorResult:
        launcher = getattr(self.host.app, "launcher", None) or direct_launcher
        return launcher(self.host.app, argv)

    def _report(self, result: EditorResult) -> None:
        if result.message:
            severity = "error" if result.returncode is None else "warning"
            self.notify(result.message, title="Editor", severity=severity, markup=False)

    def _hit_line(self, adr: Adr) -> int | None:
        detail = self.host.query_one(DetailPane)
        if detail.shown_path != adr.rel_path:
            return None
        body = detail.body
        return hit_line(adr, body.document, body.current_hit, detail.highlight)

    def _edit(self, adr: Adr, line: int | None) -> Adr | None:
        """Run the editor on ``adr``; the record afterwards (``None``: the file is gone)."""
        assert self.host.collection is not None
        outcome = edit_adr(adr, self.host.collection.root, line=line, runner=self._run_editor)
        self._report(outcome.result)
        if outcome.adr is None:
            self.notify(
                f"{clean_line(adr.rel_path)} is gone (deleted or renamed in the editor).",
                severity="warning",
                markup=False,
            )
        return outcome.adr

    # -- the actions (``e``, ``a``, ``S``) ------------------------------------------------

    def edit(self) -> None:
        adr = self.host.selected
        if adr is None or self.host.collection is None:
            return
        after = self._edit(adr, self._hit_line(adr))
        if after is None:
            self.apply_records({}, (adr.rel_path,))
        elif after.sha1 != adr.sha1 or after.size != adr.size:
            self.apply_records({after.rel_path: after})

    def new(self) -> None:
        if self.host.collection is None:
            return
        where = display_path(self.folder)
        prompt = TitlePrompt(
            "New ADR",
            f"The next ADR in {where}, in the style of its neighbours; it opens in your editor.",
        )
        self.host.app.push_screen(prompt, self._create)

    def supersede(self) -> None:
        old = self.host.selected
        if old is None or self.host.collection is None:
            return
        name = f"ADR {old.display_number}" if old.number is not None else old.name
        about = (
            f"A new ADR replacing {name} “{old.title or old.name}”; "
            f"{name} will be marked superseded with a link to it."
        )
        prompt = TitlePrompt(f"Supersede {name}", about)
        self.host.app.push_screen(prompt, partial(self._create, supersedes=old))

    def _create(self, title: str | None, supersedes: Adr | None = None) -> None:
        """Create the ADR (and mark ``supersedes``), open it in the editor, select it."""
        if not title or self.host.collection is None:
            return
        from adrtui.domain.parsing import parse_file
        from adrtui.domain.writing import NewAdrIncomplete, first_section_line, new_adr

        collection = self.host.collection
        root = collection.root
        what = "Supersede" if supersedes is not None else "New ADR"
        try:
            # The app's cache holds the folder's write lock: parallel creations
            # (another adrtui, ``adrtui new``) never take the same number.
            cache_dir = getattr(self.host.app, "cache_dir", None)
            path = new_adr(collection, title, supersedes=supersedes, cache_dir=cache_dir)
        except NewAdrIncomplete as error:
            self.notify(str(error), title=what, severity="warning", markup=False)
            path = error.path
        except EditingError as error:
            self.notify(str(error), title=what, severity="error", markup=False)
            return
        except OSError as error:
            self.notify(
                f"Could not create the ADR: {error.strerror or error}",
                title=what,
                severity="error",
                markup=False,
            )
            return
        records: dict[str, Adr] = {}
        removed: list[str] = []
        if supersedes is not None and supersedes.path.exists():
            records[supersedes.rel_path] = parse_file(supersedes.path, root)
        created = parse_file(path, root)
        try:
            line = first_section_line(read_file(path).text)
        except OSError:
            line = None
        after = self._edit(created, line)
        if after is None:
            removed.append(created.rel_path)
        else:
            records[after.rel_path] = after
        self.notify(f"Created {clean_line(created.rel_path)}", timeout=3, markup=False)
        self.apply_records(records, removed, select=None if after is None else after.rel_path)
