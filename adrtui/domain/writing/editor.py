"""Handing a file to the user's editor, and taking it back.

:func:`editor_argv` resolves ``$VISUAL``, else ``$EDITOR``, else ``nano``/``vi`` on
``PATH``, splits it with :mod:`shlex` and appends the file as *one* argument
(absolute, so a name like ``-rf`` or ``+5`` is never read as an option), at a line
for the editors that take one. :func:`run_editor` runs it with an argument list,
never a shell, so ``$()``, backticks or ``;`` in a file name stay text. Failures come
back as an :class:`EditorResult` with a message, never as a traceback.
:func:`edit_adr` is the whole session: editor, then the file parsed again.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.domain.writing.checked import EditingError, Snapshot, read_file

#: Editors that accept ``+LINE`` before the file name to open at a line.
LINE_EDITORS: frozenset[str] = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "mvim",
        "view",
        "vis",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "mg",
        "micro",
        "kak",
        "joe",
        "jed",
        "ne",
        "mcedit",
    }
)
#: Editors that open ``FILE:LINE`` instead (VS Code and its forks need ``--goto``).
GOTO_EDITORS: dict[str, tuple[str, ...]] = {
    "code": ("--goto",),
    "code-insiders": ("--goto",),
    "codium": ("--goto",),
    "cursor": ("--goto",),
    "subl": (),
    "sublime_text": (),
    "hx": (),
    "helix": (),
    "zed": (),
}

#: Editors tried, in order, when neither ``$VISUAL`` nor ``$EDITOR`` is set.
FALLBACK_EDITORS: tuple[str, ...] = ("nano", "vi")


class EditorNotFound(EditingError):
    """No editor is configured and none of the fallbacks is installed."""


# --------------------------------------------------------------------------- editor


def _editor_name(program: str) -> str:
    name = Path(program).name.lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


def editor_argv(
    path: Path | str,
    line: int | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """The argument list that opens ``path`` (at ``line`` when the editor supports it).

    ``$VISUAL`` wins over ``$EDITOR`` (the Unix convention for full-screen
    editors); either may carry options (``code --wait``, ``emacs -nw``). The
    file is always the last, single argument (``FILE:LINE`` for the editors
    that take a line that way, :data:`GOTO_EDITORS`).
    """
    env = os.environ if env is None else env
    parts: list[str] = []
    for var in ("VISUAL", "EDITOR"):
        value = (env.get(var) or "").strip()
        if not value:
            continue
        try:
            parts = shlex.split(value)
        except ValueError as exc:
            raise EditorNotFound(
                f"${var} ({clean_line(value)!r}) cannot be read as a command: {exc}"
            ) from None
        if parts:
            break
    if not parts:
        search_path = env.get("PATH")
        for name in FALLBACK_EDITORS:
            found = shutil.which(name, path=search_path)
            if found:
                parts = [found]
                break
    if not parts:
        raise EditorNotFound(
            "No editor found: set $VISUAL or $EDITOR (for example `export EDITOR=nano`); "
            f"none of {', '.join(FALLBACK_EDITORS)} is on PATH."
        )
    target = os.path.abspath(os.fspath(path))
    name = _editor_name(parts[0])
    if line is not None and line > 0 and name in LINE_EDITORS:
        parts.append(f"+{int(line)}")
    elif line is not None and line > 0 and name in GOTO_EDITORS and ":" not in target:
        # (A name with a colon would be misread as FILE:LINE: then no line.)
        return [*parts, *GOTO_EDITORS[name], f"{target}:{int(line)}"]
    parts.append(target)
    return parts


@dataclass(frozen=True, slots=True)
class EditorResult:
    """How an editor run ended. ``message`` is empty on success, else says what went wrong."""

    argv: tuple[str, ...]
    returncode: int | None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.message


def run_editor(argv: Sequence[str], *, cwd: Path | str | None = None) -> EditorResult:
    """Run the editor (inheriting the terminal) and report how it ended; never raises."""
    argv = tuple(argv)
    if not argv:
        return EditorResult(argv, None, "No editor command to run.")
    name = clean_line(argv[0])
    try:
        completed = subprocess.run(list(argv), cwd=cwd, check=False)
    except FileNotFoundError:
        return EditorResult(
            argv,
            None,
            f"Editor not found: {name!r}. Check $VISUAL / $EDITOR (or install nano or vi).",
        )
    except PermissionError:
        return EditorResult(argv, None, f"Editor {name!r} cannot be run (permission denied).")
    except OSError as exc:
        return EditorResult(argv, None, f"Editor {name!r} could not start: {exc.strerror or exc}")
    if completed.returncode != 0:
        return EditorResult(
            argv,
            completed.returncode,
            f"Editor {Path(name).name!r} exited with status {completed.returncode}; "
            "the file is as the editor left it.",
        )
    return EditorResult(argv, 0)


def open_in_editor(
    path: Path | str,
    line: int | None = None,
    *,
    env: Mapping[str, str] | None = None,
    runner: Callable[[Sequence[str]], EditorResult] = run_editor,
) -> EditorResult:
    """Resolve the editor and run it on ``path``; a missing editor is a result, not an error."""
    try:
        argv = editor_argv(path, line, env)
    except EditorNotFound as exc:
        return EditorResult((), None, str(exc))
    return runner(argv)


# --------------------------------------------------------------------------- edit flow


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """An editor session on an ADR: how the editor ended and the file afterwards.

    ``adr`` is the record re-parsed from disk (``None`` when the editor deleted
    or renamed the file); ``changed`` says whether its bytes differ from before,
    so the app re-indexes only when something was saved.
    """

    result: EditorResult
    adr: Adr | None
    changed: bool


def edit_adr(
    adr: Adr,
    root: Path | str,
    *,
    line: int | None = None,
    env: Mapping[str, str] | None = None,
    runner: Callable[[Sequence[str]], EditorResult] = run_editor,
) -> EditOutcome:
    """Open ``adr`` in the user's editor, then re-parse it. Never raises.

    The app calls this inside ``App.suspend()``; tests pass a ``runner`` that
    edits the file instead of starting a terminal program (Pilot cannot suspend).
    Whatever the editor's exit status, the file is re-read: an editor that saved
    and then failed still saved.
    """
    from adrtui.domain.parsing import parse_file

    path = Path(adr.path)
    try:
        before = read_file(path).snapshot
    except OSError:
        before = Snapshot.of_adr(adr)
    result = open_in_editor(path, line, env=env, runner=runner)
    if not path.exists():
        return EditOutcome(result, None, True)
    reparsed = parse_file(path, Path(root))
    after = Snapshot(reparsed.mtime_ns, reparsed.size, reparsed.sha1)
    return EditOutcome(result, reparsed, not before.matches(after))
