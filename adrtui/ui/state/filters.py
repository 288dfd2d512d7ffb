"""The quick filters above the list (status, tag, decider, author) and the ``s`` cycle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from adrtui.domain.model import CANONICAL_STATUSES, Adr


@dataclass(frozen=True)
class ListFilter:
    """The quick filters (status, tag, decider, author) applied on top of any search."""

    status: str | None = None
    tag: str | None = None
    decider: str | None = None
    author: str | None = None

    @property
    def active(self) -> bool:
        return any((self.status, self.tag, self.decider, self.author))

    def matches(self, adr: Adr) -> bool:
        if self.status is not None and (adr.status or "none") != self.status:
            return False
        return (
            _has(adr.tags, self.tag)
            and _has(adr.deciders, self.decider)
            and _has(adr.authors, self.author)
        )

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

    def with_field(self, name: str, value: str | None) -> ListFilter:
        return replace(self, **{name: value})


def _has(values: tuple[str, ...], wanted: str | None) -> bool:
    """No filter, or ``wanted`` is one of ``values`` (case aside)."""
    return wanted is None or wanted.casefold() in {v.casefold() for v in values}


def status_cycle(adrs: Iterable[Adr]) -> list[str | None]:
    """The values `s` steps through: all, then the statuses present (canonical first)."""
    present = {adr.status or "none" for adr in adrs}
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
