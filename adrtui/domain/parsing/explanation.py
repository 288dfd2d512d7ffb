"""Why a record says what it says: each field's value, its source, and what lost.

The parser records, per field, where the value came from and which other
candidates it turned down (:class:`~adrtui.domain.model.FieldSource`). This
module turns that into one explanation per field, in a fixed order, for both
faces that show it: ``adrtui show --explain`` (text and JSON) and the
browser's provenance view. Keeping the wording here means the two never
disagree about what "not found" or "rejected" means.

A field the parser recorded nothing for is still listed: with its value and no
source when it has one, or as "not found". Values are the record's own (what
the list and ``--json`` show), so the explanation never contradicts the
record. All text for display passes through :func:`clean_line`: sources quote
the ADR, and ADR text is data, never terminal control.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from adrtui.domain.model import Adr, FieldSource
from adrtui.domain.parsing.fields import DATE, PEOPLE, STATUS, TAGS, TITLE
from adrtui.domain.text import clean_line

#: The fields explained, in the order they are shown.
EXPLAINED_FIELDS: tuple[str, ...] = ("number", TITLE, STATUS, DATE, *PEOPLE, TAGS)

#: Shown for a field without a value (the CLI's and the detail header's dash).
MISSING = "—"
#: A raw status longer than this is shortened after the canonical word.
_RAW_STATUS_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Explanation:
    """One field of one record: the value shown, where it came from, what lost.

    ``value`` is the field as ``adrtui show --json`` gives it (an int, a string,
    a list, or ``None``); ``text`` is the same on one clean line, empty when the
    field has no value. ``source`` is ``None`` when the parser did not say.
    """

    field: str
    value: Any
    text: str
    source: str | None
    rejected: tuple[tuple[str, str], ...] = ()
    #: The value as the ADR wrote it, when that reads differently (``Akzeptiert``).
    written: str = ""

    @property
    def found(self) -> bool:
        return bool(self.text)

    def to_json(self) -> dict[str, Any]:
        """The machine form (``show --explain --json``), keys in a stable order."""
        return {
            "field": self.field,
            "value": self.value,
            "source": self.source,
            "rejected": [{"value": value, "source": source} for value, source in self.rejected],
        }

    def shown_value(self) -> str:
        """The value for display, or the dash when there is none."""
        return self.text or MISSING

    def shown_source(self) -> str:
        """Where the value came from, or that it was not found and where adrtui looked."""
        if self.found:
            return clean_line(self.source) if self.source else "source not recorded"
        said = clean_line(self.source or "")
        # The parser may say why itself: "not found (no number in the file name, title or id)".
        base = said if said.lower().startswith("not found") else "not found"
        places = _unique(clean_line(source) for _, source in self.rejected)
        places = [place for place in places if place]
        return f"{base}; looked in: {', '.join(places)}" if places else base

    def shown_notes(self) -> list[str]:
        """What goes under the source: the value as written, then what lost, best first.

        ``rejected: VALUE (SOURCE)`` per candidate. A field that was not found
        lists only the candidates that had a value: the places without one are
        already named by :meth:`shown_source`.
        """
        lines = [f"as written: {self.written}"] if self.written else []
        for value, source in self.rejected:
            shown = clean_line(value)
            if not shown and not self.found:
                continue
            where = clean_line(source)
            lines.append(f"rejected: {shown or '(empty)'}" + (f" ({where})" if where else ""))
        return lines


def explain(adr: Adr) -> list[Explanation]:
    """Every field of ``adr`` explained, known fields first, in :data:`EXPLAINED_FIELDS` order.

    Fields the parser explains beyond those (an id, a link) follow in its order.
    """
    sources: dict[str, FieldSource] = {}
    for item in adr.provenance:
        sources.setdefault(item.field, item)
    record = adr.to_json()
    explained = [
        _explanation(name, record.get(name), _text(record.get(name)), sources.get(name))
        for name in EXPLAINED_FIELDS
    ]
    status = next(row for row in explained if row.field == "status")
    written = _written(adr, status.text)
    if written:
        explained[explained.index(status)] = replace(status, written=written)
    for name, item in sources.items():
        if name not in EXPLAINED_FIELDS:
            explained.append(_explanation(name, item.value, clean_line(item.value), item))
    return explained


def _explanation(name: str, value: Any, text: str, item: FieldSource | None) -> Explanation:
    if item is None:
        return Explanation(name, value, text, None)
    rejected = tuple((str(v), str(s)) for v, s in item.rejected)
    return Explanation(name, value, text, item.source or None, rejected)


def _text(value: Any) -> str:
    """The record's value on one clean line ("" when absent)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return clean_line(", ".join(str(v) for v in value))
    return clean_line(str(value))


def _written(adr: Adr, status: str) -> str:
    """The status as written when it is not just the canonical word (shortened)."""
    raw = clean_line(adr.status_raw or "")
    if not raw or raw.lower() == status.lower():
        return ""
    if len(raw) > _RAW_STATUS_WIDTH:
        raw = raw[: _RAW_STATUS_WIDTH - 1].rstrip() + "…"
    return raw


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def format_explanation(adr: Adr, *, value_width: int = 32) -> list[str]:
    """The explanation as aligned plain-text lines (``adrtui show --explain``).

    Three columns: field, value, source; the candidates that lost sit under the
    source. Values longer than ``value_width`` push their source right rather
    than being cut, since a truncated title would hide the very thing to check.
    """
    rows = explain(adr)
    name_width = max(len(row.field) for row in rows)
    width = min(value_width, max(len(row.shown_value()) for row in rows))
    indent = " " * (name_width + 2 + width + 2)
    lines = []
    for row in rows:
        value = row.shown_value()
        lines.append(f"{row.field:<{name_width}}  {value:<{width}}  {row.shown_source()}".rstrip())
        lines.extend(indent + line for line in row.shown_notes())
    return lines
