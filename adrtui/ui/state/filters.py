"""The quick filters above the list (status, tag, decider, author) and the ``s`` cycle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from adrtui.domain.collection import NO_STATUS, RecordFilter
from adrtui.domain.model import CANONICAL_STATUSES, Adr


@dataclass(frozen=True)
class ListFilter(RecordFilter):
    """The quick filters (status, tag, decider, author) applied on top of any search.

    Matching is the domain's (:class:`adrtui.domain.collection.RecordFilter`, also
    behind ``adrtui list --status``); the list adds how the filter reads above it.
    """

    def describe(self) -> str:
        """``status:accepted tag:api`` as shown above the list (empty when inactive)."""
        parts = []
        if self.status is not None:
            parts.append(f"status:{self.status}")
        if self.tag is not None:
            parts.append(f"tag:{self.tag}")
        if self.decider is not None:
            parts.append(f"decider:{self.decider}")
        if self.author is not None:
            parts.append(f"author:{self.author}")
        return " ".join(parts)


def status_cycle(adrs: Iterable[Adr]) -> list[str | None]:
    """The values `s` steps through: all, then the statuses present (canonical first)."""
    present = {adr.status or NO_STATUS for adr in adrs}
    ordered = [s for s in CANONICAL_STATUSES if s in present]
    ordered += sorted(present - set(CANONICAL_STATUSES))
    return [None, *ordered]


def next_status(current: str | None, adrs: Iterable[Adr]) -> str | None:
    cycle = status_cycle(adrs)
    try:
        index = cycle.index(current)
    except ValueError:
        return None
    return cycle[(index + 1) % len(cycle)]
