"""What following a link in a document does: open an ADR, or say why not."""

from __future__ import annotations

import posixpath
import re
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
