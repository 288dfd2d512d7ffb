"""``p``: read the selected ADR in the user's pager, as git and man do.

``glow`` when it is on ``PATH`` (it renders Markdown; ``-p`` pages it), else
``$PAGER`` (split with :mod:`shlex`, so ``less -R`` works), else ``less -R``,
else ``more``. The file is the last argument, absolute (a name such as ``-rf`` is
never read as an option), in an argument list: no shell ever sees it, whatever it
holds. The terminal is handed over the way the editor gets it: through the app's
launcher (:func:`adrtui.ui.services.editor.terminal_launcher` suspends the app and
redraws it after), so the pager and the editor share one code path.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from textual.app import App

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.domain.writing import EditorResult
from adrtui.ui.services.editor import direct_launcher
from adrtui.ui.services.host import Notifies


class PagerNotFound(Exception):
    """No pager could be found; the message says what to set."""


def pager_argv(path: Path | str, env: Mapping[str, str] | None = None) -> list[str]:
    """The argument list that pages ``path``: glow, ``$PAGER``, ``less -R`` or ``more``."""
    env = os.environ if env is None else env
    search_path = env.get("PATH")
    target = os.path.abspath(os.fspath(path))
    glow = shutil.which("glow", path=search_path)
    if glow:
        return [glow, "-p", target]
    value = (env.get("PAGER") or "").strip()
    if value:
        try:
            parts = shlex.split(value)
        except ValueError as exc:
            raise PagerNotFound(
                f"$PAGER ({clean_line(value)!r}) cannot be read as a command: {exc}"
            ) from None
        if parts:
            return [*parts, target]
    less = shutil.which("less", path=search_path)
    if less:
        return [less, "-R", target]
    more = shutil.which("more", path=search_path)
    if more:
        return [more, target]
    raise PagerNotFound("No pager found: set $PAGER (for example `export PAGER=less`).")


class OpeningHost(Notifies, Protocol):
    @property
    def app(self) -> App[Any]: ...


def open_in_pager(host: OpeningHost, adr: Adr | None) -> None:
    """Page ``adr``'s file with the terminal handed over; problems become notifications."""
    if adr is None:
        return
    try:
        argv = pager_argv(adr.path)
    except PagerNotFound as exc:
        host.notify(str(exc), title="Pager", severity="error")
        return
    launcher = getattr(host.app, "launcher", None) or direct_launcher
    result: EditorResult = launcher(host.app, argv)
    name = clean_line(Path(argv[0]).name)
    if result.returncode is None and shutil.which(argv[0]) is None:
        message = f"The pager {name!r} could not be run; set $PAGER to one that is installed."
    elif result.returncode is None:  # found, but the terminal could not be handed over
        message = (
            f"adrtui cannot hand this terminal to {name!r} (suspend is not supported here); "
            f"open {clean_line(str(adr.path))} yourself."
        )
    elif result.returncode != 0:
        message = f"The pager {name!r} exited with status {result.returncode}."
    else:
        return
    host.notify(
        message, title="Pager", severity="error" if result.returncode is None else "warning"
    )
