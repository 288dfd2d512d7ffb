"""Copying what a user pastes elsewhere: the path (``y``), or the number, the title or a
Markdown link (``Y`` opens :class:`~adrtui.ui.screens.copy_menu.CopyMenu`).

The clipboard is the terminal's (OSC 52, so it works over SSH). What is copied is
plain text made safe to paste: a file name that is not valid UTF-8 or holds control
characters is shell-quoted (:func:`adrtui.ui.state.paths.copyable_path`), a title
has its controls shown as ``⟨U+…⟩`` (:func:`adrtui.domain.text.clean_line`), and a
link's target is percent-encoded so spaces or parentheses in a name cannot end it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from textual.app import App

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.services.host import Notifies
from adrtui.ui.state.paths import copyable_path


@dataclass(frozen=True)
class CopyChoice:
    """One thing ``Y`` offers to copy: its key in the menu, what it is, the text."""

    key: str
    label: str
    text: str
    #: Said after copying when the text differs from what the user sees (quoted path).
    warning: str = ""


class CopyHost(Notifies, Protocol):
    """What copying needs: the app (its clipboard) and notifications."""

    @property
    def app(self) -> App[Any]: ...


_LINK_TEXT_SPECIALS = re.compile(r"([\\\[\]])")


def adr_label(adr: Adr) -> str:
    """``ADR-0007``, the way the ADR is named in commit messages and links; ``""`` when
    it has no number."""
    return f"ADR-{adr.display_number}" if adr.number is not None else ""


def markdown_link(adr: Adr) -> str:
    """``[ADR-0007: Title](0007-title.md)``: the target relative to the ADR folder (how
    ADRs link each other), percent-encoded (raw bytes of an undecodable name too)."""
    title = clean_line(adr.title or adr.name)
    label = adr_label(adr)
    text = f"{label}: {title}" if label else title
    text = _LINK_TEXT_SPECIALS.sub(r"\\\1", text)
    target = quote(os.fsencode(adr.rel_path), safe="/-._~")
    return f"[{text}]({target})"


def path_choice(adr: Adr) -> CopyChoice:
    """The absolute path, shell-quoted when the name needs it (and a warning that says so)."""
    text, differs = copyable_path(adr.path)
    warning = ""
    if differs:
        warning = (
            f"Copied {text}: the file name is not valid UTF-8 or holds control "
            "characters, so it is shell-quoted ($'…', \\xNN for each such byte)."
        )
    return CopyChoice("p", "Path", text, warning)


def copy_choices(adr: Adr) -> list[CopyChoice]:
    """What ``Y`` offers for ``adr``, in menu order (no number when it has none)."""
    choices: list[CopyChoice] = []
    if adr.number is not None:
        choices.append(CopyChoice("n", "Number", adr_label(adr)))
    choices.append(CopyChoice("t", "Title", clean_line(adr.title or adr.name)))
    choices.append(CopyChoice("l", "Markdown link", markdown_link(adr)))
    choices.append(path_choice(adr))
    return choices


def copy(host: CopyHost, choice: CopyChoice) -> None:
    """Put ``choice`` on the clipboard and say what was copied."""
    host.app.copy_to_clipboard(choice.text)
    if choice.warning:
        host.notify(
            choice.warning, title=f"Copy {choice.label.lower()}", severity="warning", timeout=6
        )
    else:
        host.notify(f"Copied {clean_line(choice.text)}", timeout=2)


def copy_path(host: CopyHost, adr: Adr | None) -> None:
    """``y``: copy the selected ADR's path."""
    if adr is not None:
        copy(host, path_choice(adr))


def open_copy_menu(host: CopyHost, adr: Adr | None) -> None:
    """``Y``: choose what of the selected ADR to copy."""
    if adr is None:
        return
    from adrtui.ui.screens.copy_menu import CopyMenu

    def chosen(choice: CopyChoice | None) -> None:
        if choice is not None:
            copy(host, choice)

    host.app.push_screen(CopyMenu(adr_label(adr) or adr.name, copy_choices(adr)), chosen)
