"""Where each field came from, said the way a person would look for it.

The parser offers candidates for every field (front matter, preamble, sections,
the name) and keeps the best. This module turns that choice into
:class:`~adrtui.domain.model.FieldSource` records, the chosen value's source and
the rejected candidates with theirs, for ``adrtui show --explain`` and the
browser's provenance view. When adrtui guesses wrong, the user sees why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from adrtui.domain.model import FieldSource
from adrtui.domain.parsing.scanner import Candidate

#: Most rejected candidates listed per field.
_MAX_REJECTED = 6
_MAX_VALUE = 80

_FORMS = {
    "plain": "{label}:",
    "bullet": "- {label}:",
    "bold": "**{label}:**",
    "table": "| {label} |",
    "yaml-block": "yaml block {label}:",
    "section": "Status section",
    "field-section": "{label} section",
    "date-line": "a date alone under the title",
    "byline": "page byline (Created by …)",
    "folder": "the folder it is filed in ({label}/)",
    "history": "change log entry",
    "title": "title prefix",
    "status-text": "date in the status text",
}


class _TitleLike(Protocol):
    number: int | None
    source: str


def where(candidate: Candidate, name_source: str = "file name") -> str:
    """``line 7: **Status:**``, ``front matter status:``, ``file name``."""
    form = candidate.form
    label = _brief(candidate.label, 40) or "?"
    if form == "frontmatter":
        return f"front matter {label}:"
    if form == "name":
        return name_source
    if form == "history" and candidate.label:
        text = f"change log entry ({label})"
    else:
        text = _FORMS.get(form, form).format(label=label)
    return f"line {candidate.line}: {text}" if candidate.line else text


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value[:10])
    return _brief(str(value), _MAX_VALUE)


def _brief(text: str, width: int) -> str:
    """Whitespace collapsed and cut; control characters are left to the display layer
    (:mod:`adrtui.domain.parsing.explanation` cleans every line it shows), so parsing
    stays cheap."""
    return " ".join(text[: width * 3].split())[:width]


def _rejected(
    candidates: Sequence[Candidate], chosen: Candidate | None, name_source: str
) -> tuple[tuple[str, str], ...]:
    others = [c for c in candidates if c is not chosen]  # best first (Findings.rank)
    return tuple((_shown(c.value), where(c, name_source)) for c in others[:_MAX_REJECTED])


def explain_pick(
    field: str,
    value: object,
    chosen: Candidate | None,
    candidates: Sequence[Candidate],
    name_source: str = "file name",
) -> FieldSource:
    """A field chosen among candidates (status, date)."""
    source = where(chosen, name_source) if chosen is not None else "not found"
    shown = _shown(value) if value is not None else ""
    return FieldSource(field, shown, source, _rejected(candidates, chosen, name_source))


#: The answer for a field nobody wrote (most records lack most people fields): shared.
_NOT_FOUND: dict[str, FieldSource] = {}


def explain_names(
    field: str,
    names: Sequence[str],
    chosen: Candidate | None,
    candidates: Sequence[Candidate],
) -> FieldSource:
    """A list of names (deciders, authors, consulted, informed, tags)."""
    if not candidates:
        found = _NOT_FOUND.get(field)
        if found is None:
            found = _NOT_FOUND[field] = FieldSource(field, "", "not found")
        return found
    source = where(chosen) if chosen is not None else "not found"
    return FieldSource(field, _shown(names), source, _rejected(candidates, chosen, "file name"))


def explain_title(
    title: str,
    pick: _TitleLike,
    candidates: Sequence[Candidate],
    h1: tuple[str, int] | None,
    name_source: str,
) -> FieldSource:
    """The title, and the other title a document offered (a heading or ``title:``)."""
    source = pick.source or f"{name_source} (no title heading)"
    rejected: list[tuple[str, str]] = []
    if h1 is not None and not source.startswith(f"line {h1[1]}:"):
        rejected.append((_shown(h1[0]), f"line {h1[1]}: # heading"))
    for candidate in candidates:  # best first (Findings.rank)
        described = where(candidate, name_source)
        if described != source:
            rejected.append((_shown(candidate.value), described))
    return FieldSource("title", _brief(title, _MAX_VALUE), source, tuple(rejected))


def explain_number(
    number: int | None,
    name_number: int | None,
    name_source: str,
    title_number: int | None,
    title: _TitleLike,
    from_id: Candidate | None,
) -> FieldSource:
    """The number: the name's, else the title's, else an id's."""
    rejected: list[tuple[str, str]] = []
    if name_number is not None:
        source = name_source
        if title_number is not None and title_number != name_number:
            rejected.append((str(title_number), title.source))
    elif title_number is not None:
        source = title.source
    elif from_id is not None:
        source = where(from_id, name_source)
    else:
        source = f"not found (no number in the {name_source}, title or id)"
    shown = str(number) if number is not None else ""
    return FieldSource("number", shown, source, tuple(rejected))
