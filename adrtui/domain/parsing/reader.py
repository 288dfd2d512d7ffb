"""Reading one ADR file into an :class:`~adrtui.domain.model.Adr`: the parser's pipeline.

Bytes are read safely and decoded (:mod:`adrtui.domain.files`), front matter is split
off and loaded safely (:mod:`.frontmatter`), then the Markdown body is scanned once
(:mod:`.scanner`) for the title, metadata fields in every style (:mod:`.fields`),
``Status`` sections and related-ADR links (:mod:`.links`). This module ranks the
candidates found and settles each field: status (:mod:`.status`), dates
(:mod:`.dates`), numbers (:mod:`.numbers`), with where each value came from
(:mod:`.provenance`). Neither entry point raises: a file that cannot be read as an
ADR still gives a record, with what could be read and a warning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

from adrtui.domain import vocabulary as V
from adrtui.domain.files import Refused, decode, detect_newline, read_regular
from adrtui.domain.markdown import outline
from adrtui.domain.model import Adr, Link
from adrtui.domain.parsing import fields as F
from adrtui.domain.parsing import frontmatter
from adrtui.domain.parsing.dates import DateResult, parse_date
from adrtui.domain.parsing.history import (
    entries_from_front_matter,
    is_history_key,
    offer_history,
)
from adrtui.domain.parsing.links import front_matter_links, links_from_status
from adrtui.domain.parsing.numbers import (
    identity_name,
    is_year_name,
    name_date,
    number_from_id,
    number_from_name,
    title_from_name,
)
from adrtui.domain.parsing.provenance import (
    explain_names,
    explain_number,
    explain_pick,
    explain_title,
    where,
)
from adrtui.domain.parsing.scanner import (
    RANK_FRONT_MATTER,
    RANK_PREAMBLE,
    RANK_SECTION,
    RANK_TITLE_TAG,
    Candidate,
    Findings,
    scan,
)
from adrtui.domain.parsing.status import chosen_option, is_placeholder, normalize_status
from adrtui.domain.parsing.titles import tidy_title, unescape
from adrtui.domain.text import scrub_line
from adrtui.domain.vocabulary import status_meaning

#: Files larger than this are read only this far (with a warning).
MAX_BYTES = 16 * 1024 * 1024
#: Longest status text kept for display.
_MAX_RAW = 200
#: Longest field value looked at (a status or name is never longer).
_MAX_SCAN = 2000
_RANK_NAME = 9  # a date taken from the file name: the last resort


def parse_file(path: Path, root: Path) -> Adr:
    """Read and parse the ADR at ``path``; ``root`` is the ADR folder. Never raises."""
    path, root = _as_path(path), _as_path(root)
    try:
        # Only a regular file really inside the folder is opened: never a FIFO or
        # device, /proc, or a symlink swapped in since the folder was listed.
        data, info = read_regular(path, MAX_BYTES + 1, root)
    except Refused as error:
        return _fallback(path, root, error.strerror or str(error))
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return _fallback(path, root, f"cannot read the file: {reason}")
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        warnings.append(
            f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB: only its start was read"
        )
    return _parse_safely(data, path, root, info.st_mtime_ns, info.st_size, warnings)


def parse_bytes(data: bytes, path: Path, root: Path, *, mtime_ns: int = 0) -> Adr:
    """Parse ``data`` as the content of ``path`` (in the ADR folder ``root``). Never raises."""
    return _parse_safely(bytes(data), _as_path(path), _as_path(root), mtime_ns, len(data), [])


def _as_path(path: Path | str) -> Path:
    """``path`` as a :class:`Path`, the one given when it is one (no copy to build)."""
    return path if isinstance(path, Path) else Path(path)


def settle_date_order(adrs: list[Adr]) -> list[Adr]:
    """Read ambiguous numeric dates (``04/08/2020``) the way the collection writes dates.

    Each document proves what it can (``3/25/21`` can only be month-first,
    ``25/04/2022`` only day-first); where the collection's proofs agree on month
    first, the records whose own dates prove nothing take the month-first reading.
    Day first stays the default (adr-tools wrote ``10/04/18`` for 10 April).
    """
    month_first = sum(adr.date_order == "mdy" for adr in adrs)
    day_first = sum(adr.date_order == "dmy" for adr in adrs)
    if month_first <= day_first or not any(adr.date_other for adr in adrs):
        return adrs
    return [_month_first(adr) if adr.date_other else adr for adr in adrs]


def settle_year_names(adrs: list[Adr]) -> list[Adr]:
    """Names that all start with a year (``2019-drop-node8/``) carry a year, not a number.

    ``2019-x`` alone may be ADR 2019 of a long series; when every name of the
    collection that gives a number starts with a year (at least two of them:
    ``designs/2019-…``, ``designs/2020-…``), those are years, and the records
    have no number (a year is no date either). One name numbered otherwise
    (``0001-x``) keeps them numbers. Idempotent.
    """
    years: list[int] = []
    for index, adr in enumerate(adrs):
        name, _ = identity_name(Path(adr.rel_path), Path("."))
        if is_year_name(name):
            years.append(index)
        elif adr.number is not None and _number_source(adr) in _NAME_SOURCES:
            return adrs
    if len(years) < 2:
        return adrs
    settled = list(adrs)
    for index in years:
        adr = adrs[index]
        if adr.number is not None and _number_source(adr) in _NAME_SOURCES:
            settled[index] = _no_year_number(adr)
    return settled


_NAME_SOURCES = ("file name", "folder name")


def _number_source(adr: Adr) -> str:
    return next((s.source for s in adr.provenance if s.field == "number"), "")


def _no_year_number(adr: Adr) -> Adr:
    provenance = tuple(
        dataclasses.replace(
            source,
            value="",
            source="not found (the name starts with a year, as every numbered name here)",
            rejected=((source.value, source.source), *source.rejected),
        )
        if source.field == "number"
        else source
        for source in adr.provenance
    )
    return dataclasses.replace(adr, number=None, provenance=provenance)


def _month_first(adr: Adr) -> Adr:
    date = adr.date_other or ""
    provenance = tuple(
        dataclasses.replace(
            source,
            value=date,
            source=f"{source.source} (read month first, as this collection writes dates)",
            rejected=((source.value, "day first"), *source.rejected),
        )
        if source.field == "date"
        else source
        for source in adr.provenance
    )
    return dataclasses.replace(
        adr, date=date, date_other=None, date_order="mdy", provenance=provenance
    )


def _parse_safely(
    data: bytes, path: Path, root: Path, mtime_ns: int, size: int, warnings: list[str]
) -> Adr:
    try:
        return _parse(data, path, root, mtime_ns, size, warnings)
    except Exception as error:  # noqa: BLE001 - the contract: a record, never an exception
        return _fallback(
            path,
            root,
            f"could not be parsed ({type(error).__name__}); shown as plain text",
            data=data,
            mtime_ns=mtime_ns,
            size=size,
        )


def _locate(path: Path, root: Path) -> tuple[Path, str]:
    """The absolute path and the POSIX path relative to ``root`` (the record's identity)."""
    # The usual case, a file listed below its folder, read off the two (normalised) names.
    name, top = str(path), str(root)
    if name.startswith("/") and top != "/" and name.startswith(top + "/"):
        return path, name[len(top) + 1 :]
    if not path.is_absolute():
        parts = path.parts
        if ".." not in parts:
            return root / path, path.as_posix()
        path = Path.cwd() / path
    try:
        return path, path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path, path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path, path.name or path.as_posix()


def _fallback(
    path: Path,
    root: Path,
    warning: str,
    *,
    data: bytes = b"",
    mtime_ns: int = 0,
    size: int = 0,
) -> Adr:
    """A minimal record for a file that could not be parsed at all."""
    absolute, rel_path = _locate(path, root)
    try:
        body = data.decode("utf-8", "replace")
    except Exception:  # noqa: BLE001
        body = ""
    return Adr(
        path=absolute,
        rel_path=rel_path,
        number=number_from_name(path.name),
        title=scrub_line(title_from_name(path.stem)),
        body=body,
        warnings=(warning,),
        mtime_ns=mtime_ns,
        size=size,
        sha1=hashlib.sha1(data).hexdigest(),
    )


def _parse(
    data: bytes, path: Path, root: Path, mtime_ns: int, size: int, warnings: list[str]
) -> Adr:
    absolute, rel_path = _locate(path, root)
    decoded = decode(data)
    if decoded.warning:
        warnings.append(decoded.warning)
    text = decoded.text
    newline = detect_newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    base: dict[str, Any] = {
        "path": absolute,
        "rel_path": rel_path,
        "encoding": decoded.encoding,
        "newline": newline,
        "mtime_ns": mtime_ns,
        "size": size,
        "sha1": hashlib.sha1(data).hexdigest(),
    }
    ident, from_folder = identity_name(path, root)
    file_number = number_from_name(ident)
    if decoded.binary or not text.strip():
        if not decoded.binary:
            warnings.append("empty file")
        return Adr(
            **base,
            number=file_number,
            title=scrub_line(title_from_name(Path(ident).stem)),
            date=name_date(ident),
            body="" if decoded.binary else text,
            warnings=tuple(warnings),
        )

    front = frontmatter.parse(text)
    warnings.extend(front.warnings)
    body = text[front.body_offset :] if front.present else text
    findings = Findings()
    _offer_front_matter(front.mapping, front.lines, findings)
    scan(outline(body, front_matter=False), front.body_line if front.present else 0, findings)

    title_pick = _title(findings, ident, file_number)
    title, title_line, title_number = title_pick.text, title_pick.line, title_pick.number
    if title_pick.status is not None:
        findings.offer_value(F.STATUS, RANK_TITLE_TAG, title_pick.status, title_line, "title")
    offer_history(findings, RANK_SECTION)
    findings.rank()  # every field's candidates best first from here on
    number = file_number
    if number is None:
        number = title_number
    elif title_number is not None and title_number != number:
        warnings.append(f"the title says number {title_number}, the file name {number}")
    adr_id = _adr_id(front.mapping)
    number_pick: Candidate | None = None
    if number is None:
        number, number_pick = _number_from_ids(findings.ids)

    status_pick = _pick_status(findings.status, warnings) or _folder_status(rel_path)
    status, status_raw, status_from = status_pick or (None, None, None)
    date_pick = _pick_date(findings.date, ident, warnings)
    date = date_pick.iso
    people = {
        category: _pick_names(getattr(findings, category), spaces=False) for category in F.PEOPLE
    }
    tags = _pick_names(findings.tags, spaces=True)
    name_source = "folder name" if from_folder else "file name"
    provenance = (
        explain_number(number, file_number, name_source, title_number, title_pick, number_pick),
        explain_title(title, title_pick, findings.titles, findings.h1, name_source),
        explain_pick("status", status_raw, status_from, findings.status),
        explain_pick("date", date, date_pick.candidate, findings.date, name_source),
        *(
            explain_names(
                category, people[category][0], people[category][1], getattr(findings, category)
            )
            for category in F.PEOPLE
        ),
        explain_names("tags", tags[0], tags[1], findings.tags),
    )
    links = _dedupe(front_matter_links(front.mapping, front.lines) + findings.links)
    return Adr(
        **base,
        number=number,
        title=title,
        status=status,
        status_raw=status_raw,
        date=date,
        date_other=date_pick.other,
        date_order=date_pick.order,
        deciders=people[F.DECIDERS][0],
        authors=people[F.AUTHORS][0],
        consulted=people[F.CONSULTED][0],
        informed=people[F.INFORMED][0],
        tags=tags[0],
        links=links,
        body=body,
        warnings=tuple(dict.fromkeys(warnings)),
        adr_id=adr_id,
        style=_style(status_from or date_pick.candidate, findings),
        status_line=status_from.line if status_from else None,
        title_line=title_line,
        body_line=front.body_line + 1 if front.present else 1,
        front_matter=MappingProxyType(front.mapping),
        provenance=provenance,
    )


#: Fields read from a namespace in front matter (``dct: {title: …, issued: …}``).
_NAMESPACED = frozenset({F.TITLE, F.DATE, F.STATUS})


def _namespaced(key: object) -> bool:
    meaning = F.classify_key(str(key))
    return meaning is not None and meaning[0] in _NAMESPACED


def _offer_front_matter(
    mapping: dict[str, Any],
    lines: dict[str, int],
    findings: Findings,
    group: tuple[str, int | None] | None = None,
) -> None:
    """Offer the front matter's fields; fields one level down are read after the top
    level, so a top-level field wins over the same field inside them: all of a site
    generator's group of custom fields (Zola ``[extra]``, Hugo ``params:``, an ``adr:``
    block), and the title, date and status under any other namespace (Dublin Core's
    ``dct: {title: …, issued: …}``)."""
    groups: list[tuple[str, dict[str, Any]]] = []
    for key, value in mapping.items():
        if group is None and isinstance(value, dict):
            if V.fold(str(key)) in V.FIELD_GROUPS:
                groups.append((str(key), value))
                continue
            if F.classify_key(str(key)) is None:
                inner = {k: v for k, v in value.items() if _namespaced(k)}
                if inner:
                    groups.append((str(key), inner))
                continue
        meaning = F.classify_key(key)
        if meaning is None and isinstance(value, list) and is_history_key(key):
            line = lines.get(key)
            label = f"front matter {key}"
            findings.history.extend(
                (status, date, line, label) for status, date in entries_from_front_matter(value)
            )
            continue
        if meaning is None or meaning[0] == F.LINK:
            continue
        category, detail = meaning
        line = lines.get(key) if group is None else group[1]
        if category == F.ID:
            value = (F.normalize_key(key), value)
        elif category == F.STATUS and isinstance(value, str) and not is_placeholder(value):
            # ``status: superseded by ADR-0006`` states a link too.
            findings.links.extend(links_from_status(value, line))
        findings.offer_value(
            category,
            RANK_FRONT_MATTER,
            value,
            line,
            "frontmatter",
            detail if isinstance(detail, int) else 0,
            str(key) if group is None else f"{group[0]}.{key}",
        )
    for name, fields in groups:
        _offer_front_matter(fields, lines, findings, (name, lines.get(name)))


class _TitlePick:
    """The chosen title, the line it came from, and what its prefix carried."""

    __slots__ = ("text", "line", "number", "status", "source")

    def __init__(
        self, text: str, line: int | None, number: int | None, status: str | None, source: str
    ) -> None:
        self.text = text
        self.line = line
        self.number = number
        self.status = status
        self.source = source


def _title(findings: Findings, ident: str, file_number: int | None) -> _TitlePick:
    """The title: front matter ``title:``, else the ``#`` heading, else the name's words.

    A front-matter title is the one the authors' site shows, so it wins over a body
    heading such as ``# Subject`` or ``# Abstract`` — unless it is only the record's
    id (``title: ADR-004`` above ``## ADR-004: GitHub as upstream``).
    """
    choices: list[tuple[str, int | None, str]] = []
    fm_title = next(
        (c for c in sorted(findings.titles, key=Candidate.key) if _scalar_text(c.value)), None
    )
    if fm_title is not None:
        source = where(fm_title)
        # ``title_line`` is the heading's line (editing puts the cursor there), not the
        # front-matter key's; a ``**Title**:`` field in the body is where the title is.
        line = None if fm_title.form == "frontmatter" else fm_title.line
        choices.append((_scalar_text(fm_title.value) or "", line, source))
    if findings.h1 is not None:
        choices.append((findings.h1[0], findings.h1[1], f"line {findings.h1[1]}: # heading"))
    if findings.h2 is not None:  # alone, or under an id-only ``# ADR-012``
        choices.append((findings.h2[0], findings.h2[1], f"line {findings.h2[1]}: ## heading"))
    for index, (raw, line, source) in enumerate(choices):
        tidy = tidy_title(F.strip_markup(unescape(raw)), bare=file_number is not None)
        title = scrub_line(tidy.text)
        if tidy.only_id and index + 1 < len(choices):
            continue  # ``title: ADR-004`` names the record; the heading says what it decides
        if title and not _is_template_title(title):
            return _TitlePick(title, line, tidy.number, tidy.status, source)
    return _TitlePick(scrub_line(title_from_name(Path(ident).stem)), None, None, None, "")


_TEMPLATE_TITLE_WORDS = frozenset(
    ["adr", "template", "title", "decision", "record", "architecture", "architectural", "the", "of"]
)
_BRACES = re.compile(r"[{}\[\]<>]")


def _is_template_title(title: str) -> bool:
    """A title left as the template's (``ADR Template``, ``{TITLE}``): no title at all.

    A plain ``Title`` may be one (a test page, a tutorial); only braced it is the
    template's placeholder.

    Copied from the template and never changed (``title: ADR Template`` over
    ``# ADR 004: Denom DOS fixes``), it names no decision; the next choice does.
    """
    words = _BRACES.sub(" ", title).lower().split()
    placeholder = "template" in words or ("title" in words and _BRACES.search(title) is not None)
    return bool(words) and set(words) <= _TEMPLATE_TITLE_WORDS and placeholder


def _scalar_text(value: object) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _adr_id(mapping: dict[str, Any]) -> str | None:
    """The front matter's own id (``id:``, else ``adr:``), as written."""
    for wanted in ("id", "adr-id", "adr"):
        for key, value in mapping.items():
            if F.normalize_key(key) == wanted:
                text = _scalar_text(value)
                if text is not None:
                    return scrub_line(text)[:200] or None
    return None


def _number_from_ids(candidates: list[Candidate]) -> tuple[int | None, Candidate | None]:
    for candidate in candidates:  # best first (Findings.rank)
        value = candidate.value
        if isinstance(value, tuple):
            value = value[1]
        number = number_from_id(value)
        if number is not None:
            return number, candidate
    return None, None


#: A status field filled in as "none" on purpose.
_NO_STATUS = frozenset({"-", "--", "–", "—", "n/a", "none"})


def _pick_status(
    candidates: list[Candidate], warnings: list[str]
) -> tuple[str, str, Candidate] | None:
    for candidate in candidates:  # best first (Findings.rank)
        value = candidate.value
        if isinstance(value, list) and value and isinstance(value[0], str):
            value = value[0]
        if isinstance(value, dict):  # YAML reads ``{proposed | rejected}`` as a mapping
            warnings.append("the status is an unfilled template placeholder")
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            continue
        text = chosen_option(scrub_line(str(value)[:_MAX_SCAN]))
        status = normalize_status(text)
        if status is None:
            if is_placeholder(text):
                warnings.append("the status is an unfilled template placeholder")
            elif candidate.rank <= RANK_PREAMBLE and text.strip().lower() in _NO_STATUS:
                # ``RFC Status: -`` at the top says "none yet": a ``# Status`` section
                # further down (often a legend of the status words) does not overrule it.
                return None
            continue
        return status, (F.strip_markup(text) or text)[:_MAX_RAW], candidate
    return None


def _folder_status(rel_path: str) -> tuple[str, str, Candidate] | None:
    """The status of a record kept in a folder named by it (``Accepted/x.md``), nearest first.

    Some teams file their ADRs by status (``Platform/Accepted/``, ``adr/proposed/``)
    instead of writing it in the record; the record's own status wins.
    """
    folders = rel_path.split("/")[:-1]
    for folder in reversed(folders[-3:]):
        status = normalize_status(folder) if status_meaning(folder) else None
        if status is not None:
            return status, folder, Candidate(_RANK_NAME, 0, 0, folder, None, "folder", folder)
    return None


class _DatePick:
    """The chosen date, where it came from, and how sure its day/month order is.

    ``other`` is the month-first reading of an ambiguous numeric date (``04/08/2020``)
    that nothing in this document settles; ``order`` is what the document's
    other dates prove (``"mdy"``, ``"dmy"`` or ``""``). The collection decides
    between the two readings (:func:`settle_date_order`).
    """

    __slots__ = ("iso", "candidate", "other", "order")

    def __init__(
        self, iso: str | None, candidate: Candidate | None, other: str | None, order: str
    ) -> None:
        self.iso = iso
        self.candidate = candidate
        self.other = other
        self.order = order


def _pick_date(candidates: list[Candidate], name: str, warnings: list[str]) -> _DatePick:
    chosen: tuple[DateResult, Candidate] | None = None
    orders: set[str] = set()
    for candidate in candidates:  # best first (Findings.rank)
        result = parse_date(candidate.value)
        if result.order:
            orders.add(result.order)
        if result.iso is not None:
            if chosen is None:
                chosen = (result, candidate)
        elif result.problem and chosen is None:
            warnings.append(scrub_line(result.problem))
    order = next(iter(orders)) if len(orders) == 1 else ""
    if chosen is not None:
        result, candidate = chosen
        if result.other is not None and order == "mdy":
            return _DatePick(result.other, candidate, None, order)
        other = result.other if not order else None
        return _DatePick(result.iso, candidate, other, order)
    from_name = name_date(name)
    if from_name is not None:
        return _DatePick(from_name, Candidate(_RANK_NAME, 0, 0, from_name, None, "name"), None, "")
    return _DatePick(None, None, None, order)


def _pick_names(
    candidates: list[Candidate], *, spaces: bool
) -> tuple[tuple[str, ...], Candidate | None]:
    for candidate in candidates:  # best first (Findings.rank)
        names = F.as_names(candidate.value, spaces=spaces)
        if names:
            cleaned = (scrub_line(name)[:_MAX_RAW] for name in names[:100])
            return tuple(name for name in cleaned if name), candidate
    return (), None


def _dedupe(links: list[Link]) -> tuple[Link, ...]:
    seen: set[tuple[str, str]] = set()
    kept: list[Link] = []
    for link in links:
        target = scrub_line(link.target)
        if not target:
            continue
        key = (link.kind, target)
        if key in seen:
            continue
        seen.add(key)
        kept.append(link if target == link.target else Link(link.kind, target, line=link.line))
    return tuple(kept)


_STYLE_BY_FORM = {
    "section": "nygard",
    F.BOLD: "bold",
    F.TABLE: "table",
    "yaml-block": "yaml-block",
}


def _style(source: Candidate | None, findings: Findings) -> str:
    """Which style family the metadata was written in (where the status, else date, was)."""
    if source is None or source.form == "name":
        if findings.status_section:
            return "nygard"
        return "madr" if findings.madr else "plain"
    form = source.form
    if form in _STYLE_BY_FORM:
        return _STYLE_BY_FORM[form]
    if form == "frontmatter":
        return "madr" if findings.madr else "frontmatter"
    if form == F.BULLET:
        return "madr" if findings.madr else "bullets"
    return "madr" if findings.madr and not findings.status_section else "nygard"
