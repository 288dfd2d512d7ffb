"""Answers while the bodies are still being analysed: titles and fields at once, all text soon.

Analysing every body for the in-memory evaluator takes seconds of this
process's time on 10,000 ADRs (the index's first build, in a child process,
takes longer still). Someone typing meanwhile must see the list answer every
keystroke, so :class:`StagedSearch` answers in two stages, through the one
evaluator (:class:`~adrtui.domain.search.engine.MemoryEngine`) and the one way
of answering (:class:`~adrtui.domain.search.answers.MemorySearch`):

1. at once (a fraction of a second to build): the records with their bodies
   left out, so titles, numbers and every metadata filter answer exactly; a
   query that needs the bodies gets the title and field matches, and the
   answer's note (:data:`PARTIAL_NOTE`) says the text is still being read;
2. after :meth:`StagedSearch.complete` (a background thread, pausing now and
   then so the thread that draws the screen is not starved): the full
   evaluator, whose answer equals the index's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from adrtui.domain.model import Adr
from adrtui.domain.search.answers import MemorySearch, SearchResult
from adrtui.domain.search.engine import MIN_BODY_PREFIX, MemoryEngine
from adrtui.domain.search.query import ParsedQuery, parse_query
from adrtui.domain.search.schema import document

#: The note of an answer given before the bodies were analysed (shown after the count).
PARTIAL_NOTE = "titles and fields only: still reading the text"


class StagedSearch(MemorySearch):
    """A :class:`MemorySearch` that answers from titles and fields until :meth:`complete`.

    Building it costs little (no body is analysed); :meth:`complete` analyses
    every body (seconds on 10,000 ADRs) and swaps the full evaluator in: an
    answer always comes from one evaluator or the other, never waits for the
    build. Not thread-safe for searches (callers serialise, as for
    :class:`MemorySearch`); :meth:`complete` may run in another thread.
    """

    def __init__(self, adrs: Sequence[Adr]) -> None:  # noqa: D107 - no super(): staged build
        self.records: dict[str, Adr] = {}
        for adr in adrs:
            self.records[adr.rel_path] = adr  # one document per path, the last one wins
        self.engine = MemoryEngine([_without_body(adr) for adr in self.records.values()])
        self.completed = False

    def complete(self, pause: Callable[[], None] | None = None) -> None:
        """Analyse every body and answer from the full evaluator from now on.

        ``pause`` is called every few dozen records: it may sleep (to let other
        threads run) or raise (to abandon a build nobody needs any more).
        """
        if self.completed:
            return
        docs = []
        for count, adr in enumerate(self.records.values(), 1):
            docs.append(document(adr))
            if pause is not None and count % 256 == 0:
                pause()
        self.engine = MemoryEngine(docs, pause=pause)
        self.completed = True

    def search(
        self,
        text: str,
        *,
        limit: int | None = 50,
        highlight: bool = False,
        ranked: bool = True,
        depth: int | None = None,
    ) -> SearchResult:
        """Like :meth:`MemorySearch.search`; before :meth:`complete`, an answer that
        needs the bodies says it holds only the title and field matches."""
        completed = self.completed  # read before the engine: it is swapped after it
        result = super().search(text, limit=limit, highlight=highlight, ranked=ranked, depth=depth)
        if completed or result.error is not None or not needs_bodies(result.query):
            return result
        return replace(result, error=PARTIAL_NOTE)


def needs_bodies(query: ParsedQuery | str) -> bool:
    """True when the answer to ``query`` depends on the ADRs' bodies (any word the
    bodies are searched for: not ``title:`` words, not one- or two-letter prefixes)."""
    if isinstance(query, str):
        query = parse_query(query)
    return any(
        not word.title_only and not (word.prefix and len(word.text) < MIN_BODY_PREFIX)
        for word in query.words
    )


def _without_body(adr: Adr) -> dict[str, object]:
    doc = document(adr)
    doc["body"] = ""
    return doc


__all__ = ["PARTIAL_NOTE", "StagedSearch", "needs_bodies"]
