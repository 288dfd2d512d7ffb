"""The records every other layer shares: an ADR, its status and its links.

They are frozen dataclasses so that a parsed collection can be handed to worker
threads, cached and compared without anyone mutating it behind the UI's back.
Updating a record (a resolved link path, a re-parse after an edit) means
building a new one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

# The vocabulary lives in one table (statuses, link kinds); re-exported for the
# layers that only need these names.
from adrtui.domain.vocabulary import CANONICAL_STATUSES, INVERSE_KINDS, LINK_KINDS

__all__ = [
    "CANONICAL_STATUSES",
    "INVERSE_KINDS",
    "LINK_KINDS",
    "Adr",
    "FieldSource",
    "IgnoredFile",
    "Link",
]


@dataclass(frozen=True, slots=True)
class Link:
    """A reference from one ADR to another (or to something outside the collection).

    ``target`` is the reference exactly as written (``0005-help.md``, ``ADR-12``,
    ``decision:0003:v1``). ``path`` is the ADR-folder-relative POSIX path of the
    record it names once resolved, else ``None``. ``external`` marks targets
    that leave the collection (URLs, ``../../etc``): they are never opened.
    ``derived`` marks a link inferred from the other side (an inverse link).
    """

    kind: str
    target: str
    path: str | None = None
    line: int | None = None
    external: bool = False
    derived: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "target": self.target, "path": self.path}


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Where one field of a record came from, and what else was offered for it.

    ``source`` says it as a person would look for it: ``front matter status:``,
    ``line 7: **Status:**``, ``file name``, ``folder name``. ``rejected`` holds the
    other candidates, each as ``(value, source)``, best first, so that
    ``adrtui show --explain`` can say why adrtui chose what it chose.
    """

    field: str
    value: str
    source: str
    rejected: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Adr:
    """One ADR file, parsed. Built for every Markdown file found, even broken ones.

    ``path`` is absolute; ``rel_path`` is POSIX and relative to the ADR folder
    (it is the record's identity everywhere: index key, selection, links).
    ``status`` is canonical (see :data:`CANONICAL_STATUSES`) or another word
    lowercased, or ``None``; ``status_raw`` keeps the text as written for display.
    ``date`` is ISO ``YYYY-MM-DD`` or ``None``. ``warnings`` say what could not
    be read; a record with warnings is still listed.
    """

    path: Path
    rel_path: str
    number: int | None = None
    title: str = ""
    status: str | None = None
    status_raw: str | None = None
    date: str | None = None
    #: The month-first reading of an ambiguous numeric date (``04/08/2020``) and what
    #: the document's own dates prove about its day/month order (``mdy``, ``dmy``
    #: or ``""``); the collection settles the order (``parsing.settle_date_order``).
    date_other: str | None = None
    date_order: str = ""
    deciders: tuple[str, ...] = ()
    #: Who wrote it, who was consulted and who was informed (MADR 4's RACI fields).
    authors: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    body: str = ""
    warnings: tuple[str, ...] = ()
    #: The front matter's own id (``decision:0004:v1``, ``adr: 117``), if any.
    adr_id: str | None = None
    #: Which style family the metadata was written in: ``nygard``, ``madr``,
    #: ``frontmatter``, ``bullets``, ``bold``, ``yaml-block``, ``table`` or ``plain``.
    style: str = "plain"
    #: 1-based line of the status value in the file, when there is one.
    status_line: int | None = None
    #: 1-based line of the title heading, when there is one.
    title_line: int | None = None
    #: 1-based file line on which ``body`` starts (after any front matter).
    body_line: int = 1
    #: The file's text encoding and newline, so that edits keep them.
    encoding: str = "utf-8"
    newline: str = "\n"
    #: File stat and content hash at the time of reading (for edits and the index).
    mtime_ns: int = 0
    size: int = 0
    sha1: str = ""
    front_matter: Mapping[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False
    )
    #: Where each field's value came from (``adrtui show --explain``), one per field.
    provenance: tuple[FieldSource, ...] = field(default=(), compare=False, hash=False)
    #: Fields the file is silent about that git filled in (``date``, ``authors``):
    #: the first commit's date and author (``adrtui.domain.gitlog.fill_from_history``).
    git_filled: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def display_number(self) -> str:
        """The number as people write it in this collection (``0012``), or ``—``."""
        return f"{self.number:04d}" if self.number is not None else "—"

    def links_of(self, kind: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == kind)

    def source_of(self, name: str) -> str | None:
        """``git`` when git filled field ``name`` in, ``file`` when the file has it, else None."""
        if name in self.git_filled:
            return "git"
        return "file" if getattr(self, name) else None

    def to_json(self) -> dict[str, Any]:
        """The record as the CLI's ``--json`` prints it (a stable public shape)."""
        return {
            "path": self.rel_path,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "date": self.date,
            "date_source": self.source_of("date"),
            "deciders": list(self.deciders),
            "authors": list(self.authors),
            "authors_source": self.source_of("authors"),
            "consulted": list(self.consulted),
            "informed": list(self.informed),
            "tags": list(self.tags),
            "links": [link.to_json() for link in self.links if not link.derived],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class IgnoredFile:
    """A file in the ADR folder that is not an ADR, and why (never dropped silently)."""

    rel_path: str
    reason: str
