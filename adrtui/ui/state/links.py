"""What following a link in a document does: open an ADR, scroll to a heading, open a
web page (or copy it where no browser can open), or say why not."""

from __future__ import annotations

import os
import posixpath
import re
import webbrowser
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from adrtui.domain.relations import Resolver
from adrtui.domain.text import clean_line


@dataclass(frozen=True)
class LinkOutcome:
    """Open ``path``, or tell the user ``message`` (with this severity and timeout)."""

    path: str | None = None
    message: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


_HREF_FRAGMENT = re.compile(r"#.*$")


def strip_fragment(href: str) -> str:
    """``0005-x.md#context`` → ``0005-x.md`` (the app opens ADRs, not sections)."""
    return _HREF_FRAGMENT.sub("", href)


def follow_link(resolver: Resolver, written: str, source: str) -> LinkOutcome | None:
    """Where the link ``written`` in the ADR ``source`` leads (``None``: to a section of it)."""
    href = strip_fragment(written.strip())
    if not href:
        return None
    resolution = resolver.resolve(href, source)
    if resolution.path is not None:
        return LinkOutcome(path=resolution.path)
    if resolution.external:
        return LinkOutcome(message=f"External link, not opened: {clean_line(written)}", timeout=4)
    if resolution.candidates:
        return LinkOutcome(
            message=f"{clean_line(href)} names several ADRs: "
            + ", ".join(clean_line(c) for c in resolution.candidates),
            severity="warning",
        )
    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), href))
    return LinkOutcome(
        message=f"Broken link: {clean_line(target)} is not an ADR of this folder.",
        severity="warning",
    )


_SLUG_DROP = re.compile(r"[^\w\- ]")
_EXTERNAL = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


def heading_slug(text: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces → ``-``."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


@dataclass(frozen=True)
class LinkAction:
    """What ``enter`` on a link does: ``anchor`` (scroll to ``target``, a slug),
    ``web`` (open ``target`` in a browser) or ``app`` (ask the screen to follow it)."""

    kind: Literal["anchor", "web", "app"]
    target: str


def link_action(href: str, source: str | None) -> LinkAction:
    """Classify a link written in the ADR ``source``: its own headings are scrolled to."""
    written = href.strip()
    if _EXTERNAL.match(written):
        return LinkAction("web", written)
    path, hash_mark, fragment = written.partition("#")
    if hash_mark and fragment:
        same = not path
        if path and source is not None and "://" not in path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
            same = target == posixpath.normpath(source)
        if same:
            return LinkAction("anchor", fragment.lower())
    return LinkAction("app", written)


def can_open_browser(environ: Mapping[str, str] | None = None) -> bool:
    """True when a graphical browser can open a page here (not over SSH, not a
    console browser, which would take over the terminal adrtui is drawing on)."""
    env = os.environ if environ is None else environ
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return False
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.BackgroundBrowser):
        return True
    return bool(getattr(browser, "background", False))
