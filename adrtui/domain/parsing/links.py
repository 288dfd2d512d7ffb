"""The relations an ADR states: ``Superseded by [5. X](0005-x.md)``, ``* Amends ADR-0004``.

Only stated relations are read here: front-matter keys, status lines, metadata
fields, and the bullets of ``Related``/``Links`` sections. Each target is kept as
written (a relative file, ``ADR-12``, ``decision:0003:v1``); resolving it to a
record, deriving inverse links and finding plain mentions in prose is the job of
:mod:`adrtui.domain.relations`, which sees the whole collection.
"""

from __future__ import annotations

import re
from typing import Any

from adrtui.domain.model import Link
from adrtui.domain.parsing.fields import (
    FREE_LINK_KINDS,
    LINK,
    LINK_SYNONYMS,
    classify_key,
    normalize_key,
    split_items,
    strip_markup,
)

#: Only this much of one line is searched for references (bounds regex work).
MAX_LINE = 2000

_MD_LINK = re.compile(
    r"\[([^\]\n]{0,300})\]\([ \t]*<?([^)\s>]{1,500})>?(?:[ \t]+[\"'(][^)\n]{0,200})?[ \t]*\)"
)
_AUTOLINK = re.compile(r"<([^<>\s]{1,500})>")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s)>\]]{1,500}|\bwww\.[^\s)>\]]{1,500}", re.IGNORECASE)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,100})\](?!\()")
_ADR_REF = re.compile(r"(?<![\w-])ADR[-_ ]?#?\d{1,6}(?![\w])", re.IGNORECASE)
_FILE_REF = re.compile(r"(?<![\w/.-])(?:\.{0,2}/)?[\w][\w./-]{0,200}\.(?:md|markdown)(?![\w])")
_ID_REF = re.compile(r"(?<![\w:-])[A-Za-z][\w-]{0,30}:\d{1,6}(?::[\w.-]{1,20})?(?![\w:])")
_LEADING_NUMBER = re.compile(r"[ \t]*(?:#|no\.?\s*|number\s*)?(\d{1,6})(?![\w.-]\w)", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,15}://|mailto:|www\.|tel:|data:)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_BULLET = re.compile(r"^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+")

_STATUS_WORDS = frozenset(
    {
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded",
        "draft",
        "approved",
        "adopted",
        "pending",
        "status",
    }
)
_NOT_VERBS = frozenset(
    {"this", "that", "the", "a", "an", "we", "it", "our", "they", "and", "or", "also", "see"}
)
_MAX_FREE_WORDS = 3


def is_external(target: str) -> bool:
    """A URL or other scheme: it leaves the collection."""
    return bool(_EXTERNAL.match(target))


def find_refs(text: str, *, external: bool = False) -> list[str]:
    """The references in ``text``, in order: link targets, ``[ids]``, ``ADR-12``, ``x.md``."""
    return [target for _position, target in _refs_at(text, external=external)]


def _refs_at(text: str, *, external: bool) -> list[tuple[int, str]]:
    """Each reference with the position where its written form starts (``[`` of a link)."""
    text = text[:MAX_LINE]
    found: list[tuple[int, str]] = []
    blanked = text
    if "](" in text:
        for match in _MD_LINK.finditer(text):
            href = match[2]
            if not href.startswith("#") and (external or not is_external(href)):
                found.append((match.start(), href))
        blanked = _MD_LINK.sub(lambda m: " " * len(m[0]), text)
    if "<" in blanked:
        for match in _AUTOLINK.finditer(blanked):
            target = match[1]
            named = ":" in target or target.endswith((".md", ".markdown"))
            if named and (external or not is_external(target)):
                found.append((match.start(), target))
        blanked = _AUTOLINK.sub(lambda m: " " * len(m[0]), blanked)
    if "://" in blanked or "www." in blanked:
        if external:
            found.extend((m.start(), m[0].rstrip(".,;:")) for m in _URL.finditer(blanked))
        blanked = _URL.sub(lambda m: " " * len(m[0]), blanked)
    if "[" in blanked:
        for match in _BRACKETED.finditer(blanked):
            inner = match[1].strip()
            if any(c.isdigit() for c in inner) and " " not in inner.strip():
                found.append((match.start(), inner))
        blanked = _BRACKETED.sub(lambda m: " " * len(m[0]), blanked)
    for pattern in (_ADR_REF, _FILE_REF, _ID_REF):
        for match in pattern.finditer(blanked):
            found.append((match.start(), match[0]))
        if found and pattern is _ADR_REF:
            blanked = _ADR_REF.sub(lambda m: " " * len(m[0]), blanked)
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    unique: list[tuple[int, str]] = []
    for position, target in found:
        if target not in seen:
            seen.add(target)
            unique.append((position, target))
    return unique


def kind_of(phrase: str, *, free: bool = True) -> str | None:
    """The relation a phrase names: ``Superseded by`` → ``superseded-by``; else ``None``.

    With ``free``, another short verb phrase (``Clarifies``, ``Depends on``) becomes
    a free kind, dash-joined; status words and sentence starts never do.
    """
    text = strip_markup(_BULLET.sub("", phrase[:200]))
    start = 0
    while start < len(text) and not text[start].isalpha():
        start += 1
    text = text[start:].rstrip(" \t:-–—|")
    if not text:
        return None
    norm = normalize_key(text)
    for suffix in ("-adrs", "-adr", "-decisions", "-decision"):
        if norm.endswith(suffix) and norm[: -len(suffix)] in LINK_SYNONYMS:
            norm = norm[: -len(suffix)]
    kind = LINK_SYNONYMS.get(norm)
    if kind is not None:
        return kind
    if norm in FREE_LINK_KINDS:
        return norm
    if not free:
        return None
    words = text.lower().split()
    if (
        1 <= len(words) <= _MAX_FREE_WORDS
        and all(word.isalpha() for word in words)
        and words[0] not in _STATUS_WORDS
        and words[0] not in _NOT_VERBS
    ):
        return "-".join(words)
    return None


def links_from_line(
    text: str, line: int | None, default_kind: str | None, *, free: bool = True
) -> list[Link]:
    """The links one line states: the phrase before its first reference names the kind.

    Lines without a relation phrase get ``default_kind`` (``relates-to`` in a Related
    section), or nothing when it is ``None``. URLs count only after a relation phrase.
    """
    text = text[:MAX_LINE]
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    located = _refs_at(text, external=True)
    refs = [target for _position, target in located]
    if not refs:
        # ``Superseded by 12``: a relation phrase, then a bare number.
        plain = strip_markup(text)
        phrase = _PHRASE.match(plain)
        if phrase is None:
            return []
        number = _LEADING_NUMBER.match(plain, phrase.end())
        if number is None:
            return []
        return [Link(kind_of(phrase[0]) or "relates-to", number[1], line=line)]
    prefix = text[: located[0][0]]
    kind = kind_of(prefix, free=free) if prefix.strip() else None
    explicit = kind is not None
    kind = kind or default_kind
    if kind is None:
        return []
    return [Link(kind, target, line=line) for target in refs if explicit or not is_external(target)]


_PHRASE = re.compile(
    r"^[^A-Za-z]*(?:superseded|superceded|amended|replaced|obsoleted)\s+by\b|"
    r"^[^A-Za-z]*(?:supersedes|supercedes|amends|replaces|obsoletes|relates\s+to|related\s+to)\b",
    re.IGNORECASE,
)


def links_from_value(kind: str, value: Any, line: int | None) -> list[Link]:
    """Links from a field or front-matter value: a string, a number or a list of them."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [Link(kind, str(value), line=line)]
    if isinstance(value, list | tuple):
        links: list[Link] = []
        for item in value[:200]:
            # Scalars only: YAML aliases can make a list contain itself.
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                links.extend(links_from_value(kind, item, line))
        return links
    if not isinstance(value, str):
        return []
    links = []
    for item in split_items(value[:MAX_LINE]) if "](" not in value else [value[:MAX_LINE]]:
        refs = find_refs(item, external=True)
        if not refs:
            bare = strip_markup(item).strip()
            if bare and any(c.isdigit() for c in bare) and len(bare) <= 100 and " " not in bare:
                refs = [bare]
        links.extend(Link(kind, target, line=line) for target in refs)
    return links


def front_matter_links(mapping: dict[str, Any], key_lines: dict[str, int]) -> list[Link]:
    """Links stated in front matter: relation keys, and a ``links:`` mapping or list."""
    links: list[Link] = []
    for key, value in mapping.items():
        if not isinstance(key, str):
            continue
        line = key_lines.get(key)
        meaning = classify_key(key)
        if meaning is not None and meaning[0] == LINK:
            links.extend(links_from_value(str(meaning[1]), value, line))
        elif normalize_key(key) in ("links", "relations", "related-links"):
            links.extend(_links_block(value, line))
    return links


def _links_block(value: Any, line: int | None) -> list[Link]:
    links: list[Link] = []
    if isinstance(value, dict):
        for kind_key, targets in list(value.items())[:100]:
            if not isinstance(kind_key, str):
                continue
            kind = kind_of(kind_key.replace("_", " ").replace("-", " "))
            if kind is None:
                continue
            links.extend(
                link for link in links_from_value(kind, targets, line) if _adr_like(link.target)
            )
    elif isinstance(value, list):
        for item in value[:200]:
            if not isinstance(item, dict):
                continue
            kind_raw = next(
                (item[k] for k in ("kind", "type", "rel", "relation") if k in item), None
            )
            target = next(
                (
                    item[k]
                    for k in ("target", "adr", "id", "ref", "to", "href", "path")
                    if k in item
                ),
                None,
            )
            if isinstance(kind_raw, str) and target is not None:
                kind = kind_of(kind_raw.replace("_", " ").replace("-", " "))
                if kind is not None:
                    links.extend(links_from_value(kind, target, line))
    return links


def _adr_like(target: str) -> bool:
    """A target that can name an ADR (not ``GitHub issue #32``, not a URL)."""
    return (
        not is_external(target)
        and " " not in target.strip()
        and (any(c.isdigit() for c in target) or target.endswith((".md", ".markdown")))
    )
