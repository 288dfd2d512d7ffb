"""The messages the browser's parts exchange.

Facts are named in the past tense (``CollectionLoaded``, ``IndexProgress``):
something happened, whoever cares reacts. Requests are imperative
(``OpenAdr``, ``SetFilter``): a part asks the screen, which owns the state, to
change it. Workers only ever post these; they never touch widgets.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from adrtui.domain.collection import Collection
from adrtui.domain.relations import RelationGraph, Resolver
from adrtui.domain.search import SearchResult


class FeedReport(Message):
    """What the background jobs and the folder watcher report about the collection.

    The screen hands every one of these to its
    :class:`~adrtui.ui.services.feed.CollectionFeed`.
    """


@dataclass
class CollectionLoaded(FeedReport):
    """A folder was scanned and parsed (at start-up or on reload)."""

    collection: Collection
    #: The relation graph, when already known (else :class:`RelationsBuilt` follows).
    graph: RelationGraph | None = None
    #: Why it was loaded: ``start``, ``reload`` or ``change`` (live reload).
    reason: str = "start"
    #: True for the first records of a slow cold start (the rest follow).
    partial: bool = False
    #: Set by the screen once the list is painted; background work waits for it
    #: so that the first paint does not compete with it for the interpreter.
    painted: threading.Event | None = None
    #: For an update (live reload, the app's own edit): the collection it was
    #: computed from (stale when that is no longer the screen's) and the paths
    #: it accounts for. ``None`` for a full load.
    base: Collection | None = None
    applied: frozenset[str] = frozenset()


@dataclass
class NothingChanged(FeedReport):
    """An update re-read ``applied`` and found nothing a user could see (e.g. own writes)."""

    base: Collection
    applied: frozenset[str]


@dataclass
class RelationsBuilt(FeedReport):
    """The relationships of ``collection`` were resolved (after its list was painted)."""

    collection: Collection
    graph: RelationGraph
    resolver: Resolver
    #: Lint findings per ADR (``rel_path`` → one line per problem).
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Every lint problem (``adrtui.domain.relations.lint.Problem``), for a lint report.
    problems: list[Any] = field(default_factory=list)
    #: False until lint has run (the first message carries relationships only).
    linted: bool = False


@dataclass
class CollectionFailed(FeedReport):
    """The folder could not be read at all (deleted, unreadable)."""

    error: str


@dataclass
class IndexProgress(FeedReport):
    """The search index is being built or refreshed: ``done`` of ``total`` files."""

    done: int
    total: int
    #: ``reading`` (parsing files) or ``indexing`` (building the search index).
    phase: str = "indexing"

    def can_replace(self, message: Message) -> bool:
        # Only the latest progress matters; coalesce a burst of updates.
        return isinstance(message, IndexProgress) and message.phase == self.phase


@dataclass
class IndexReady(FeedReport):
    """The search index is up to date; ``summary`` says what changed (may be empty)."""

    summary: str = ""
    #: Problems the index met (damaged cache, read-only dir), one sentence each.
    notices: tuple[str, ...] = ()


@dataclass
class IndexFailed(FeedReport):
    """The index could not be built; search falls back to scanning titles and text."""

    error: str


@dataclass
class SearchAnswered(Message):
    """A query finished. ``generation`` tells stale answers from the latest one."""

    generation: int
    outcome: SearchResult


@dataclass
class AdrsChanged(FeedReport):
    """ADR files changed on disk; the listed paths must be re-read (none: rescan all)."""

    rel_paths: tuple[str, ...] = ()


@dataclass
class AdrHighlighted(Message):
    """The list cursor moved onto an ADR (``None`` when the list is empty)."""

    rel_path: str | None


@dataclass
class OpenAdr(Message):
    """Show this ADR in the detail pane, as a navigation recorded in the history."""

    rel_path: str
    #: Move the focus to the detail pane after opening.
    focus_detail: bool = False


@dataclass
class SearchChanged(Message):
    """The text in the search box changed (each keystroke)."""

    text: str


@dataclass
class SearchDone(Message):
    """The user left the search box (``enter`` keeps the query, ``escape`` clears it)."""

    cleared: bool


@dataclass
class SetFilter(Message):
    """Set one quick filter (``status``, ``tag``, ``decider``, ``author``, ``date``;
    ``all`` with ``None`` clears them all); ``None`` clears the field."""

    field: str
    value: str | None
    #: ``set`` (replace the field's values), ``add`` (one more: either matches) or
    #: ``remove`` (drop this value, keep the others).
    op: str = "set"


@dataclass
class SetSort(Message):
    """Sort the list by ``order`` (see :data:`adrtui.ui.state.SORT_ORDERS`)."""

    order: str
    reverse: bool = False


@dataclass
class RunAction(Message):
    """Run the screen's ``action`` (a palette command for a key binding)."""

    action: str


@dataclass
class OpenLink(Message):
    """A link in a document was followed (clicked or chosen); resolve it in-app."""

    href: str
    #: The ADR the link was found in (relative links resolve against it).
    source_path: str | None = None
