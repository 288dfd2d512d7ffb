"""How ADRs refer to each other: resolve every reference, derive inverses, walk chains.

The parser states links it reads from metadata (front matter, status lines,
``Supersedes:`` bullets, Related sections) with the target *as written*. This
module turns those targets into records of the collection, adds the references
made in prose (``ADR-12``, ``[x](0005-x.md)``, ``[decision:0003:v1]``, a title
quoted in full) as ``mentions`` edges, and reconciles both sides of every
relationship: ``A supersedes B`` stated in A and ``B superseded-by A`` stated
in B are one fact, seen from two ends, never two facts.

Three strengths of reference, strongest first, and a weaker one is dropped
when a stronger one already joins the same two ADRs (in either direction):

1. links the parser stated (any kind, including free kinds such as ``clarifies``);
2. references on a ``Related:`` line or in a Related section (``relates-to``);
3. references anywhere else in the prose (``mentions``).

Prose such as "it supersedes no ADR" names no ADR, so it creates nothing: only
a number, an id, a file link or a quoted title can make a reference.
A record is also named the ways a docs site or a wiki names it: its page URL
(``https://docs…/adr/0005-Service-Self-Config/``, ``…/adrs-adr005`` by
front-matter id), an extension-less folder link (``../0005-Service-Self-Config/``),
a ``[[wiki link]]``, or its file name's own id (``ODH-ADR-ML-0002``) — always
only when exactly one record matches, so a guess never picks between two.
Other targets that leave the collection (URLs, absolute paths, ``../../etc``)
are marked external and never resolved against the file system: this module
opens no file at all.
"""

from __future__ import annotations

import gc
import posixpath
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import NamedTuple
from urllib.parse import unquote

from adrtui.domain.markdown import Outline, outline
from adrtui.domain.model import Adr, Link
from adrtui.domain.vocabulary import INVERSE_KINDS, KIND_PAIRS, LINK_SYNONYMS

# --------------------------------------------------------------------------- kinds

#: Every kind with a known inverse (from the one vocabulary). Kinds not listed
#: there (a team's own vocabulary) are kept as written but get no derived inverse:
#: they show up on the other side only as incoming edges.
INVERSES: Mapping[str, str] = INVERSE_KINDS

#: Kinds whose relationship is exported from the other side (``B superseded-by A``
#: is exported as ``A supersedes B``).
PASSIVE_KINDS: frozenset[str] = frozenset(b for _, b in KIND_PAIRS)

#: Display order of kinds in a relationship pane; free kinds sort after these.
KIND_ORDER: tuple[str, ...] = (
    "supersedes",
    "superseded-by",
    "amends",
    "amended-by",
    "relates-to",
)
_LAST_KINDS = ("mentions", "mentioned-by")

_KIND_SEPARATORS = re.compile(r"[\s_]+")


def normalize_kind(kind: str) -> str:
    """``Superceded By`` → ``superseded-by``; free kinds lowercased and dash-joined."""
    text = _KIND_SEPARATORS.sub("-", kind.strip().strip(":").strip().lower()).strip("-")
    return LINK_SYNONYMS.get(text, text)


def inverse_kind(kind: str) -> str | None:
    """The kind seen from the other end, or ``None`` for a free kind with no known inverse."""
    return INVERSES.get(kind)


def kind_sort_key(kind: str) -> tuple[int, str]:
    if kind in KIND_ORDER:
        return (KIND_ORDER.index(kind), "")
    if kind in _LAST_KINDS:
        return (len(KIND_ORDER) + 2 + _LAST_KINDS.index(kind), "")
    return (len(KIND_ORDER) + 1, kind)


# ----------------------------------------------------------------------- resolution


class Resolution(NamedTuple):
    """What a written target names: one ADR's ``path``, something external, or nothing.

    ``candidates`` lists the ADRs when the target named several and none could
    be preferred (duplicate numbers): ``path`` is then ``None``.
    """

    path: str | None
    external: bool = False
    candidates: tuple[str, ...] = ()


_UNRESOLVED = Resolution(None)
_EXTERNAL = Resolution(None, True)

_MD_LINK = re.compile(r"^!?\[(?P<text>[^\]]*)\]\((?P<url>[^)]*)\)$")
_URL_TITLE = re.compile(r"""^(\S+)\s+(?:"[^"]*"|'[^']*'|\([^)]*\))$""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_URL_SCHEMES = frozenset(
    {"http", "https", "mailto", "ftp", "ftps", "sftp", "file", "ssh", "git", "svn", "tel"}
    | {"data", "javascript", "irc", "news", "vscode", "obsidian", "slack"}
)
_ID = re.compile(r"^(?P<prefix>[A-Za-z][\w\-]*):0*(?P<number>\d+)(?::[\w.\-]+)?$")
_NUMBER = re.compile(
    r"^(?:adr|decision|rfc)?[\s#_\-]*0*(?P<number>\d{1,9})(?:(?:\s*[.:)\-–—]\s*|\s+)(?P<title>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_SPACES = re.compile(r"\s+")
#: File names that stand for their folder: a folder-per-ADR record
#: (``2022-03-15-policy-scopes/README.md``) is named by its folder.
_FOLDER_FILES = frozenset({"readme", "index", "_index"})
#: What a docs site's page may end with (``…/0005-Service-Self-Config/``, ``….html``).
_PAGE_SUFFIXES = (".html", ".htm")
#: A page name's number prefix, which docs generators drop from slugs (Docusaurus):
#: ``0005-service-self-config`` → ``service-self-config``, ``adr-004-x`` → ``x``.
_NUMBER_PREFIX = re.compile(r"^(?:[a-z]{1,12}[\-_]?)?\d{1,9}[\-_.]+(?=[^\W\d_])")
#: A folder of decisions in a URL's path (``/design/adr/``, ``/architecture-decisions/``).
_DECISIONS_FOLDER = re.compile(r"(?:^|/)[^/]*(?:adr|decision|rfc)[^/]*(?:/|$)", re.IGNORECASE)
#: The id a file name starts with: ``ODH-ADR-ML-0002-shared-workspace`` → ``ODH-ADR-ML-0002``.
_FILE_ID = re.compile(r"^(\D{0,40}?\d{2,9})(?=$|[-_. ])")  # ``v2-api`` is no id
#: Id prefixes that are ADR numbers whatever the collection writes (``decision:0003``).
_ADR_ID_PREFIXES = frozenset({"adr", "adrs", "decision", "decisions", "record"})


def _norm_title(title: str) -> str:
    return _SPACES.sub(" ", title).strip().strip(".").strip().casefold()


def _unwrap(target: str) -> str:
    """Strip what surrounds a reference as written: link syntax, brackets, quotes."""
    text = target.strip()
    match = _MD_LINK.match(text)
    if match:
        text = (match["url"] or match["text"]).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    titled = _URL_TITLE.match(text)
    if titled:
        text = titled.group(1)
    while len(text) >= 2 and text[0] + text[-1] in ('""', "''", "``", "“”", "[]", "()"):
        text = text[1:-1].strip()
    return text


class Resolver:
    """Answers "which ADR does this written reference name?" for one collection.

    Lookups are dictionary hits, cached per (target, source folder), so
    resolving tens of thousands of references stays well under a second.
    """

    def __init__(self, adrs: Iterable[Adr]) -> None:
        self.paths: dict[str, Adr] = {}
        self._folded: dict[str, list[str]] = {}
        self._names: dict[str, list[str]] = {}
        self._stems: dict[str, list[str]] = {}
        self._numbers: dict[int, list[str]] = {}
        self._ids: dict[str, list[str]] = {}
        self._id_numbers: dict[tuple[str, int], list[str]] = {}
        self._titles: dict[str, list[str]] = {}
        self._id_prefixes: set[str] = set()
        #: Page names a docs site gives each record: file stem, or folder name
        #: for ``…/README.md``, then its front-matter id, then the stem without number.
        self._pages: dict[str, list[str]] = {}
        self._page_ids: dict[str, list[str]] = {}
        self._slugs: dict[str, list[str]] = {}
        #: The id a file name starts with, when it has letters (``odh-adr-ml-0002``).
        self._file_ids: dict[str, list[str]] = {}
        #: The collection folder's own path, outermost first (for ``../adr/x.md``).
        self._root_parts: tuple[str, ...] | None = None
        self._cache: dict[tuple[str, str], Resolution] = {}
        for adr in adrs:
            rel = adr.rel_path
            self.paths[rel] = adr
            self._folded.setdefault(rel.casefold(), []).append(rel)
            name = posixpath.basename(rel)
            self._names.setdefault(name.casefold(), []).append(rel)
            stem = name.rsplit(".", 1)[0] if "." in name else name
            self._stems.setdefault(stem.casefold(), []).append(rel)
            page = stem.casefold()
            if page in _FOLDER_FILES and "/" in rel:
                page = posixpath.basename(posixpath.dirname(rel)).casefold()
            self._pages.setdefault(page, []).append(rel)
            slug = _NUMBER_PREFIX.sub("", page, count=1)
            if slug != page:
                self._slugs.setdefault(slug, []).append(rel)
            file_id = _FILE_ID.match(page)
            if file_id is not None and any(c.isalpha() for c in file_id[1]):
                self._file_ids.setdefault(file_id[1], []).append(rel)
            if self._root_parts is None:
                self._root_parts = _root_parts(adr)
            if adr.number is not None:
                self._numbers.setdefault(adr.number, []).append(rel)
            if adr.adr_id:
                self._ids.setdefault(adr.adr_id.strip().casefold(), []).append(rel)
                if any(c.isalpha() for c in adr.adr_id):
                    self._page_ids.setdefault(adr.adr_id.strip().casefold(), []).append(rel)
                id_match = _ID.match(adr.adr_id.strip())
                if id_match:
                    key = (id_match["prefix"].casefold(), int(id_match["number"]))
                    self._id_numbers.setdefault(key, []).append(rel)
                    self._id_prefixes.add(key[0])
            title = _norm_title(adr.title)
            if len(title) >= 3:
                self._titles.setdefault(title, []).append(rel)

    # -- public ---------------------------------------------------------------

    def resolve(self, target: str, source: str = "") -> Resolution:
        """Resolve ``target`` as written in the ADR at ``source`` (a rel_path)."""
        folder = source.rpartition("/")[0]
        key = (target, folder)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(target, folder)
            self._cache[key] = cached
        return cached

    def by_title(self, text: str) -> list[str]:
        return self._titles.get(_norm_title(text), [])

    def resolve_title(self, text: str) -> Resolution:
        """A quoted phrase that is an ADR's full title (``"Use X"``, ``"ADR 5: Use X"``).

        With a number the title must match too: ``"ADR 1: Record decisions"``
        in a paragraph about naming is an example, not a reference to ADR 1.
        """
        hits = self.by_title(text)
        if hits:
            return Resolution(hits[0]) if len(hits) == 1 else Resolution(None, False, tuple(hits))
        number = _NUMBER.match(text.strip())
        if number and number["title"]:
            wanted = _norm_title(number["title"])
            hits = [
                h
                for h in self._numbers.get(int(number["number"]), ())
                if _norm_title(self.paths[h].title) == wanted
            ]
            if len(hits) == 1:
                return Resolution(hits[0])
        return _UNRESOLVED

    def by_number(self, number: int) -> list[str]:
        return self._numbers.get(number, [])

    def by_id(self, text: str) -> list[str]:
        return self._ids.get(text.strip().casefold(), [])

    # -- internals ------------------------------------------------------------

    def _resolve(self, target: str, folder: str) -> Resolution:
        text = _unwrap(target)
        if not text:
            return _UNRESOLVED
        if text.startswith("#"):
            rest = text[1:].strip()
            return self._number(int(rest), rest, folder) if rest.isdigit() else _UNRESOLVED
        hits = self.by_id(text)
        if hits:
            return self._pick(hits, text, folder)
        if _SCHEME.match(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
            return self._scheme(text, folder)
        if text.startswith(("/", "\\", "~")):
            return self._rooted(text)
        if "/" in text or "\\" in text or text.lower().endswith(_MARKDOWN_SUFFIXES):
            return self._path(text, folder)
        number = _NUMBER.match(text)
        if number:
            return self._number(int(number["number"]), text, folder, number["title"])
        hits = (
            self._stems.get(text.casefold())
            or self._titles.get(_norm_title(text))
            or self._file_ids.get(text.casefold(), [])
        )
        if hits:
            return self._pick(hits, text, folder)
        return _UNRESOLVED

    def _scheme(self, text: str, folder: str) -> Resolution:
        scheme = text.split(":", 1)[0].lower()
        if scheme in ("http", "https") and "://" in text:
            # A docs site's page for a record of this collection, or somewhere else.
            path = text.split("://", 1)[1].partition("/")[2]
            return self._page(path, other_site=True) or _EXTERNAL
        if scheme in _URL_SCHEMES or "://" in text:
            return _EXTERNAL
        id_match = _ID.match(text)
        if id_match:
            key = (id_match["prefix"].casefold(), int(id_match["number"]))
            hits = self._id_numbers.get(key)
            if hits:
                return self._pick(hits, text, folder)
            if key[0] in _ADR_ID_PREFIXES and key[0] not in self._id_prefixes:
                # The collection writes no ids of this kind: the number is the reference.
                return self._number(key[1], str(key[1]), folder)
            if key[0] in self._id_prefixes or key[0] in _ADR_ID_PREFIXES:
                # Ids of this kind name the other records: this one is written in
                # another style (no id, a number in its file name). Only a number
                # that one record alone holds (or one in this folder) is safe.
                numbered = self._numbers.get(key[1], [])
                if len(numbered) > 1:
                    numbered = [h for h in numbered if posixpath.dirname(h) == folder]
                if len(numbered) == 1:
                    return Resolution(numbered[0])
        # Something like ``decision:0099:v1`` that names no ADR here: broken, not external.
        return _UNRESOLVED

    def _path(self, text: str, folder: str) -> Resolution:
        text = text.replace("\\", "/")
        for sep in ("#", "?"):
            text = text.split(sep, 1)[0]
        text = unquote(text).strip()
        if not text:
            return _UNRESOLVED
        joined = posixpath.normpath(posixpath.join(folder, text))
        markdown = text.lower().endswith(_MARKDOWN_SUFFIXES)
        if joined == ".." or joined.startswith("../"):
            # ``../adr/0005-x.md`` from the ``adr`` folder itself comes back in.
            inside = self._back_inside(joined)
            if inside is None:
                return (None if markdown else self._page(text)) or _EXTERNAL
            joined = inside
        if joined in self.paths:
            return Resolution(joined)
        folded = self._folded.get(joined.casefold())
        if folded and len(folded) == 1:
            return Resolution(folded[0])
        if "/" not in text:
            # A bare file name: the ADR may live in another sub-folder of the collection.
            hits = self._names.get(text.casefold()) or self._stems.get(text.casefold())
            if hits:
                return self._pick(hits, text, folder)
        if not markdown:
            # ``../0005-Service-Self-Config/``: a docs site's page, named by the record.
            return self._page(text) or _UNRESOLVED
        return _UNRESOLVED

    def _page(self, path: str, *, other_site: bool = False) -> Resolution | None:
        """The record a docs-site page path names by its last segment, if exactly one.

        ``…/design/adr/0005-Service-Self-Config/`` is the record whose file stem
        (or folder, for ``…/README.md``) is ``0005-Service-Self-Config``;
        ``…/architecture-decisions/adrs-adr005`` the one whose front-matter id is
        ``adrs-adr005``; ``…/adr/service-self-config`` the one whose stem is that
        after its number. A Markdown file's URL is a source file, perhaps in
        another repository, and numbers alone (``…/issues/20``) name no page.
        On ``other_site`` (a full URL) a name without its number counts only
        under a decisions folder: Nygard's ``…/blog/…/documenting-architecture-decisions``
        is not this collection's ``0001-documenting-architecture-decisions.md``.
        """
        for sep in ("#", "?"):
            path = path.split(sep, 1)[0]
        segment = unquote(path.rstrip("/").rpartition("/")[2]).strip().casefold()
        for suffix in _PAGE_SUFFIXES:
            if segment.endswith(suffix):
                segment = segment[: -len(suffix)]
                break
        if "." in segment or not any(c.isalpha() for c in segment):
            return None
        tables = [self._pages, self._page_ids]
        if not other_site or _DECISIONS_FOLDER.search(path.rstrip("/").rpartition("/")[0]):
            tables.append(self._slugs)
        for table in tables:
            hits = table.get(segment)
            if hits:
                return Resolution(hits[0]) if len(set(hits)) == 1 else None
        return None

    def _rooted(self, text: str) -> Resolution:
        """``/docs/decisions/x.md``: written from the repository root (as GitHub reads it).

        The repository root is unknown here, so the file name must name exactly
        one record; anything else (``/etc/passwd``, ``~/x``) leaves the collection.
        """
        if text.startswith(("\\", "~")):
            return _EXTERNAL
        path = unquote(text.split("#", 1)[0].split("?", 1)[0])
        if path.lower().endswith(_MARKDOWN_SUFFIXES):
            hits = self._names.get(posixpath.basename(path).casefold(), [])
            return Resolution(hits[0]) if len(hits) == 1 else _EXTERNAL
        return self._page(path) or _EXTERNAL

    def _back_inside(self, joined: str) -> str | None:
        """``../adr/x.md`` seen from the collection folder ``…/adr``: ``x.md``, else None."""
        parts = self._root_parts
        if not parts:
            return None
        rest = joined.split("/")
        ups = 0
        while ups < len(rest) and rest[ups] == "..":
            ups += 1
        if ups > len(parts) or len(rest) <= ups:
            return None
        tail = parts[len(parts) - ups :]
        if tuple(rest[ups : ups + ups]) != tail:
            return None
        inside = "/".join(rest[2 * ups :])
        return inside or None

    def _number(
        self, number: int, written: str, folder: str, title: str | None = None
    ) -> Resolution:
        hits = self._numbers.get(number)
        if not hits:
            return _UNRESOLVED
        if len(hits) > 1 and title:
            wanted = _norm_title(title)
            titled = [h for h in hits if _norm_title(self.paths[h].title) == wanted]
            if titled:
                hits = titled
        return self._pick(hits, written, folder)

    def _pick(self, hits: list[str], written: str, folder: str) -> Resolution:
        """One hit wins; among several, prefer the file named as written, then the same folder.

        ``ADR-002`` prefers ``ADR-002-x.md`` over ``002-y.md`` and ``002`` the
        other way round; ``2`` alone cannot choose, and neither can we.
        """
        if len(hits) == 1:
            return Resolution(hits[0])
        token = _LEADING_REF.match(_compact(written))
        if token is not None:
            prefix = token.group()
            named = [
                h
                for h in hits
                if _compact(posixpath.basename(h)).startswith(prefix)
                and not _compact(posixpath.basename(h))[len(prefix) : len(prefix) + 1].isdigit()
            ]
            if len(named) == 1:
                return Resolution(named[0])
        local = [h for h in hits if posixpath.dirname(h) == folder]
        if len(local) == 1:
            return Resolution(local[0])
        return Resolution(None, False, tuple(sorted(hits)))


_COMPACT = re.compile(r"[\s\-_#]+")
_LEADING_REF = re.compile(r"(?:adr|decision)?\d+")


def _compact(text: str) -> str:
    """``ADR 002`` and ``ADR-002-x.md`` compared without separators or case."""
    return _COMPACT.sub("", text).casefold()


def _root_parts(adr: Adr) -> tuple[str, ...] | None:
    """The folders of the collection root, from an ADR's absolute path and its rel_path."""
    full = adr.path.as_posix()
    if not adr.rel_path or not full.endswith("/" + adr.rel_path):
        return None
    root = full[: -len(adr.rel_path) - 1]
    return tuple(part for part in root.split("/") if part)


def number_of(target: str) -> int | None:
    """The ADR number a written reference gives (``ADR-012`` → 12), if it is one."""
    match = _NUMBER.match(_unwrap(target).lstrip("#"))
    return int(match["number"]) if match else None


# ------------------------------------------------------------------- prose scanning


class _Ref(NamedTuple):
    kind: str  # "mentions" or "relates-to"
    target: str
    line: int  # 1-based within the body
    form: str  # "link", "page", "number", "id", "hash", "title"


# Each pattern starts with a literal, so the regex engine skips ahead at C speed
# instead of trying every alternative at every character (30 MB of prose must
# scan in a fraction of a second).
_BRACKET = re.compile(
    r"""\[(?:
        (?P<id>[A-Za-z][\w\-]*:[\w.:\-]+)\](?![(\[:])
      | (?P<text>[^\]\n]{0,300}(?:\n(?![ \t]*\n)[^\]\n]{0,300}){0,3})\]
        (?:\((?P<url><[^>\n]*>|[^)\s]*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?\)
          |:[ \t]*(?P<refurl>\S+))
    )""",
    re.VERBOSE,
)
# Starts with the literal (no look-behind first) so the engine can skip ahead; the
# character before is checked in code (``superseeded-by-ADR-6`` is not a reference).
_ADR_NUMBER = re.compile(r"adr[\-_ #]?0*(\d{1,6})(?![\w\-]*\.md)(?!\d)")
_FILE_NUMBER = re.compile(r"(?:adr[\-_ ]?)?0*(\d{1,6})(?!\d)", re.IGNORECASE)
_NOT_BEFORE_ADR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_/-.")
#: ``ADR-12`` in prose, or a file id with an area between ``ADR`` and its number
#: (``ODH-ADR-ML-0002``): one pass over the text finds both.
_ADR_REFERENCE = re.compile(
    r"adr(?P<area>[\-_][a-z]{1,12}(?=[\-_]\d))?[\-_ #]?0*(\d{1,6})(?![\w\-]*\.md)(?!\d)"
)
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


def _file_id_at(body: str, lower: str, start: int, end: int) -> tuple[int, str, str]:
    """The whole id around an ADR number (``ODH-ADR-0003``), as a ``page`` reference."""
    while start > 0 and end - start < 60 and lower[start - 1] in _ID_CHARS:
        start -= 1
    while body[start] in "-_":
        start += 1
    return (start, body[start:end], "page")


_HASH_NUMBER = re.compile(r"(?<![\w&#/])#(\d{1,6})\b")
_QUOTES = (re.compile(r"\"([^\"\n]{3,200})\""), re.compile(r"“([^”\n]{3,200})”"))
_TITLED_NUMBER = re.compile(r"(?:adr|decision)[\-_ #]?\d{1,6}\s*[.:)\-–—]\s*\w", re.IGNORECASE)
_RELATED_HEADING = re.compile(r"\b(?:related|see also|links)\b", re.IGNORECASE)
_RELATED_LABEL = re.compile(
    r"[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:related|see[ \t]also)[\w \t\-]{0,30}"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?",
    re.IGNORECASE,
)
_LIST_CONTINUES = re.compile(r"[ \t]+\S|[-*+][ \t]|\d+[.)][ \t]")


def _code_ranges(body: str, doc: Outline | None = None) -> list[tuple[int, int]]:
    """Where fenced code blocks, inline code spans and HTML comments are (references
    there do not count).

    The outline decides (CommonMark fences, code spans within one block), as it
    does for the parser and the supersede writer.
    """
    return (doc or outline(body, front_matter=False)).code_ranges(comments=True)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges (a Related line inside a Related section)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    """Is ``pos`` in one of ``ranges`` (sorted and non-overlapping)?"""
    if not ranges:
        return False
    index = bisect_right(ranges, (pos, _END)) - 1
    return index >= 0 and ranges[index][0] <= pos < ranges[index][1]


_END = 1 << 62


def _related_ranges(
    body: str, lower: str, structure: Callable[[], Outline]
) -> list[tuple[int, int]]:
    """Where a ``Related`` section, a ``Related:`` line or the list under it is.

    Found from the words themselves (``str.find`` is far cheaper than visiting
    every heading of every ADR); whether a line is a heading, and where its
    section's own text ends, the outline says.
    """
    ranges: list[tuple[int, int]] = []
    for word in ("related", "see also", "links"):
        pos = lower.find(word)
        while pos != -1:
            line_start = body.rfind("\n", 0, pos) + 1
            if pos - line_start > 8 and body[line_start] not in "# \t":
                # Mid-sentence ("the related decision"): neither a label nor a heading.
                pos = lower.find(word, pos + len(word))
                continue
            line_end = body.find("\n", pos)
            line_end = len(body) if line_end == -1 else line_end
            doc = structure()
            heading = doc.heading_at(doc.line_of(line_start))
            if heading is not None:
                if _RELATED_HEADING.search(heading.text):
                    # The section's own text: up to the next heading of any level.
                    start = doc.offset_of(heading.last_line + 1) - 1
                    ranges.append((max(start, line_end), doc.offset_of(heading.content_end)))
            elif body.startswith("#", line_start):
                pass  # ``#hashtag related``: neither a heading nor a label
            elif word != "links":
                label = _RELATED_LABEL.match(body, line_start)
                if label is not None and label.start() <= pos < label.end():
                    end = line_end
                    if not body[label.end() : end].strip():
                        end = _related_block_end(body, end)
                    ranges.append((label.end(), end))
            pos = lower.find(word, line_end)
    return _merged(ranges)


def _related_block_end(body: str, line_end: int) -> int:
    """End of the nested list under an empty ``Related ADRs:`` label."""
    pos = line_end
    while pos < len(body):
        nxt = body.find("\n", pos + 1)
        nxt = len(body) if nxt == -1 else nxt
        line = body[pos + 1 : nxt]
        if line.strip() and not _LIST_CONTINUES.match(line):
            break
        pos = nxt
    return pos


def scan_body(body: str) -> list[_Ref]:
    """References to other ADRs made in prose, in order, each with its body line.

    Code (fenced blocks, inline spans) and images are skipped; a bare
    ``ADR-12`` on a line that also links a file numbered 12 is dropped in
    favour of the link (``- **ADR-2**: [Title](0002-x.md)`` is one reference).
    References in a Related section or on a ``Related:`` line are
    ``relates-to``, and only there does ``#12`` name an ADR (elsewhere it is
    an issue number).
    """
    found: list[tuple[int, str, str]] = []  # (offset, target, form)
    numbers: list[tuple[int, str, str]] = []
    url_links: list[tuple[int, int]] = []  # where links to URLs are, in order
    if "[[" in body:
        # ``[[0005-use-x]]``, ``[[ADR-5|the queue]]``: wiki links (Obsidian, Foam, wikis),
        # kept only if they name a record.
        found.extend((m.start(), m[1].strip(), "page") for m in _WIKI_LINK.finditer(body))
    if "[" in body:
        for match in _BRACKET.finditer(body):
            start = match.start()
            if match["id"] is not None:
                found.append((start, match["id"], "id"))
                continue
            if start and body[start - 1] == "!":
                continue  # an image
            if match["url"] is None and "\n" in match["text"]:
                continue  # a reference definition is one line (``[x]: y``)
            url = match["url"]
            if url is None:
                url = match["refurl"]
                line_start = body.rfind("\n", 0, start) + 1
                if url is None or body[line_start:start].strip(" ") or start - line_start > 3:
                    continue  # "[x]: y" in prose, not a reference definition
            url = url.strip("<>").strip()
            if _is_markdown_target(url):
                found.append((start, url, "link"))
            elif url:
                if _may_name_page(url):
                    # ``[Metrics ADR](https://docs…/adr/0006-Metrics-Collection/)``: kept
                    # only if it names a record (see ``_stated_edges``).
                    found.append((start, url, "page"))
                if _SCHEME.match(url):
                    url_links.append((start, match.end()))
                # A link elsewhere (a URL) whose text names an ADR: the text is the reference.
                text = match["text"] or ""
                low = text.lower()
                for inline in _ADR_NUMBER.finditer(low):
                    if inline.start() == 0 or low[inline.start() - 1] not in _NOT_BEFORE_ADR:
                        numbers.append((start, text[inline.start() : inline.end()], "number"))
    lower = body.lower()
    if "adr" in lower:
        for match in _ADR_REFERENCE.finditer(lower):
            at = match.start()
            if match["area"] is not None:  # ``ODH-ADR-ML-0002``
                found.append(_file_id_at(body, lower, at, match.end()))
            elif at == 0 or lower[at - 1] not in _NOT_BEFORE_ADR:
                numbers.append((at, body[at : match.end()], "number"))
            elif lower[at - 1] in "-_":
                # ``ODH-ADR-0003``: a file name's own id, kept only if it names a record.
                found.append(_file_id_at(body, lower, at, match.end()))
    titled_quotes: list[tuple[int, int]] = []
    for mark, pattern in zip('"“', _QUOTES, strict=True):
        if mark in body:
            for match in pattern.finditer(body):
                found.append((match.start(), match.group(1), "title"))
                if numbers and _TITLED_NUMBER.match(match.group(1)):
                    titled_quotes.append(match.span())
    if titled_quotes:
        # "ADR 1: Some title" quoted is a reference only if it is ADR 1's title
        # (decided by the quote's own resolution), never by its number alone.
        titled_quotes.sort()
        numbers = [n for n in numbers if not _inside(titled_quotes, n[0])]
    doc: Outline | None = None

    def structure() -> Outline:
        """The body's outline, made once and only when a heading or code matters."""
        nonlocal doc
        if doc is None:
            doc = outline(body, front_matter=False)  # the parser split it off
        return doc

    related: list[tuple[int, int]] = []
    if "related" in lower or "see also" in lower or "links" in lower:
        related = _related_ranges(body, lower, structure)
        if related and "#" in body:
            for start, end in related:
                for match in _HASH_NUMBER.finditer(body, start, end):
                    if url_links and _inside(url_links, match.start()):
                        continue  # ``[PR #476](https://…/pull/476)``: that URL's number
                    if url_links and _links_elsewhere(body, match.start(), url_links):
                        # ``- [eslint#10334](https://…/issues/10334) - Report … #1033``: an
                        # item about a discussion elsewhere; its numbers are that tracker's.
                        continue
                    found.append((match.start(), "#" + match.group(1), "hash"))
    if not found and not numbers:
        return []
    hidden = "`" in body or "~~~" in body or "<!--" in body
    code = _code_ranges(body, structure()) if hidden else []
    linked: set[tuple[int, int]] = set()  # (line, number of the linked file)
    refs: list[_Ref] = []
    for start, target, form in sorted(found):
        if code and _inside(code, start):
            continue
        line = body.count("\n", 0, start) + 1
        if form == "link":
            number = _FILE_NUMBER.match(target.rpartition("/")[2])
            if number:
                linked.add((line, int(number.group(1))))
        kind = "relates-to" if related and _inside(related, start) else "mentions"
        refs.append(_Ref(kind, target, line, form))
    for start, target, form in numbers:
        if code and _inside(code, start):
            continue
        line = body.count("\n", 0, start) + 1
        if linked and (line, number_of(target)) in linked:
            # "**ADR-2**: [Title](0002-x.md)": one reference, and the link says which file.
            continue
        kind = "relates-to" if related and _inside(related, start) else "mentions"
        refs.append(_Ref(kind, target, line, form))
    refs.sort(key=lambda ref: ref.line)
    return refs


def _links_elsewhere(body: str, at: int, url_links: list[tuple[int, int]]) -> bool:
    """Whether the line holding ``at`` also links to a URL (an issue, a pull request)."""
    line_start = body.rfind("\n", 0, at) + 1
    line_end = body.find("\n", at)
    line_end = len(body) if line_end < 0 else line_end
    return any(line_start <= start < line_end for start, _ in url_links)


_WIKI_LINK = re.compile(
    r"\[\[([^\[\]|#\n]{1,200})(?:#[^\[\]|\n]{0,200})?(?:\|[^\[\]\n]{0,200})?\]\](?!\()"
)


def _may_name_page(url: str) -> bool:
    """A link that may be a docs site's page for a record (``…/0005-Service-Self-Config/``).

    Cheap checks only, as every URL of every ADR passes here: no file
    extension but ``.html``, a last segment with a letter, and a number or an
    ADR word somewhere (``adrs-adr005``, ``/design/adr/``).
    """
    path = url.split("#", 1)[0].split("?", 1)[0]
    if "://" in path:
        path = path.split("://", 1)[1].partition("/")[2]
    elif _SCHEME.match(path):
        return False
    segment = path.rstrip("/").rpartition("/")[2]
    if not segment or "." in segment.removesuffix(".html"):
        return False
    low = path.lower()
    return any(c.isdigit() for c in segment) or "adr" in low or "decision" in low


def _is_markdown_target(url: str) -> bool:
    """A link that may name an ADR file: relative, and a Markdown file."""
    if not url or url.startswith("#"):
        return False
    if _SCHEME.match(url) and not re.match(r"^[A-Za-z]:[\\/]", url):
        return False
    path = url.split("#", 1)[0].split("?", 1)[0]
    return path.lower().endswith(_MARKDOWN_SUFFIXES)


def body_line_offset(adr: Adr) -> int:
    """How many file lines come before the body's first line (front matter)."""
    return max(adr.body_line - 1, 0)


# ----------------------------------------------------------------------- the graph


class Edge(NamedTuple):
    """One relationship seen from ``source``.

    ``path`` is the other ADR (``None`` when the target is broken or external).
    ``derived`` edges were inferred from the other side's statement
    (``stated_in`` names the file that says it, ``line`` is its line there).
    A named tuple rather than a dataclass: a large collection has tens of
    thousands of edges and they are built on every load.
    """

    source: str
    kind: str
    target: str
    path: str | None
    line: int | None = None
    stated_in: str = ""
    external: bool = False
    derived: bool = False

    @property
    def broken(self) -> bool:
        return self.path is None and not self.external

    def to_link(self) -> Link:
        return Link(
            self.kind,
            self.target,
            self.path,
            None if self.derived else self.line,
            self.external,
            self.derived,
        )


Grouped = dict[str, list[Edge]]


@dataclass(frozen=True, slots=True)
class ChainNode:
    """One ADR in a supersession tree; ``children`` continue away from the root.

    ``repeated`` marks an ADR already shown higher up (a cycle): it is listed
    but not expanded again.
    """

    path: str
    number: int | None
    title: str
    status: str | None
    children: tuple[ChainNode, ...] = ()
    repeated: bool = False


@dataclass(frozen=True, slots=True)
class SupersessionChain:
    """What an ADR replaced (``predecessors``) and what replaced it (``successors``)."""

    root: str
    predecessors: tuple[ChainNode, ...] = ()
    successors: tuple[ChainNode, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.predecessors and not self.successors

    def latest(self) -> list[str]:
        """The ADRs at the end of every successor branch: what is in force now."""
        ends: list[str] = []

        def walk(node: ChainNode) -> None:
            if not node.children and not node.repeated and node.path not in ends:
                ends.append(node.path)
            for child in node.children:
                walk(child)

        for node in self.successors:
            walk(node)
        return ends


@dataclass
class RelationGraph:
    """Every relationship of a collection, from both ends, reconciled.

    ``outgoing(p)`` is p's own view (``superseded-by`` what replaced it,
    whether p says so or the successor does); ``incoming(p)`` is every edge
    that arrives at p, as seen from its source.
    """

    adrs: dict[str, Adr]
    _out: dict[str, list[Edge]] = field(default_factory=dict)
    _in: dict[str, list[Edge]] = field(default_factory=dict)

    def outgoing(self, rel_path: str) -> Grouped:
        return _group(self._out.get(rel_path, ()))

    def incoming(self, rel_path: str) -> Grouped:
        return _group(self._in.get(rel_path, ()))

    def edges(self) -> Iterator[Edge]:
        """Every edge from every side (each relationship with a known inverse twice)."""
        for edges in self._out.values():
            yield from edges

    def edges_from(self, rel_path: str) -> list[Edge]:
        return list(self._out.get(rel_path, ()))

    def relationships(self) -> list[Edge]:
        """Each relationship between two ADRs once, in its active orientation.

        ``B superseded-by A`` is given as ``A supersedes B``; ``relates-to``
        once per pair; broken and external targets, and links of an ADR to
        itself (lint reports those), are left out.
        """
        result: list[Edge] = []
        seen: set[tuple[str, str, str]] = set()
        for edge in self.edges():
            if edge.path is None or edge.path == edge.source:
                continue
            source, kind, target = edge.source, edge.kind, edge.path
            if kind in PASSIVE_KINDS:
                source, kind, target = target, INVERSES[kind], source
            if kind == "relates-to" and target < source:
                source, target = target, source
            key = (source, kind, target)
            if key in seen:
                continue
            seen.add(key)
            result.append(Edge(source, kind, edge.target, target, edge.line, edge.stated_in))
        return result

    def successors(self, rel_path: str) -> list[str]:
        """The ADRs that supersede ``rel_path`` (several are allowed)."""
        return _paths(self._out.get(rel_path, ()), "superseded-by")

    def predecessors(self, rel_path: str) -> list[str]:
        """The ADRs that ``rel_path`` supersedes."""
        return _paths(self._out.get(rel_path, ()), "supersedes")

    def supersession_chain(self, rel_path: str) -> SupersessionChain:
        """The tree of what ``rel_path`` replaced and what replaced it; cycle-safe."""
        return SupersessionChain(
            rel_path,
            self._chain(rel_path, self.predecessors),
            self._chain(rel_path, self.successors),
        )

    def _node(self, path: str, children: tuple[ChainNode, ...], repeated: bool) -> ChainNode:
        adr = self.adrs.get(path)
        if adr is None:
            return ChainNode(path, None, path, None, children, repeated)
        return ChainNode(path, adr.number, adr.title, adr.status, children, repeated)

    def _chain(self, start: str, step: Callable[[str], list[str]]) -> tuple[ChainNode, ...]:
        """Children of ``start`` along ``step``, depth first, without recursion.

        An ADR already on the current branch (a cycle) is listed as ``repeated``
        and not expanded, so the walk always ends.
        """
        # Frame: (path, children still to visit, children built so far).
        stack: list[tuple[str, list[str], list[ChainNode]]] = [(start, step(start), [])]
        on_branch = {start}
        while True:
            path, pending, built = stack[-1]
            if pending:
                child = pending.pop(0)
                if child in on_branch:
                    built.append(self._node(child, (), True))
                else:
                    stack.append((child, step(child), []))
                    on_branch.add(child)
                continue
            stack.pop()
            if not stack:
                return tuple(built)
            on_branch.discard(path)
            stack[-1][2].append(self._node(path, tuple(built), False))


def _paths(edges: Iterable[Edge], kind: str) -> list[str]:
    result: list[str] = []
    for edge in edges:
        if edge.kind == kind and edge.path is not None and edge.path not in result:
            result.append(edge.path)
    return result


def _group(edges: Iterable[Edge]) -> Grouped:
    grouped: Grouped = {}
    for edge in edges:
        grouped.setdefault(edge.kind, []).append(edge)
    return {kind: grouped[kind] for kind in sorted(grouped, key=kind_sort_key)}


# --------------------------------------------------------------- building it all


def _heads(body: str, ref: _Ref) -> bool:
    """The reference opens its line's heading text (``# ADR 48: Title``)."""
    start = 0
    for _ in range(ref.line - 1):
        start = body.find("\n", start) + 1
        if start == 0:
            return False
    end = body.find("\n", start)
    text = body[start : end if end >= 0 else len(body)].lstrip("# \t").lower()
    text = text.lstrip("[(")
    return text.startswith(ref.target.lower())


def _stated_edges(adr: Adr, resolver: Resolver) -> tuple[list[Edge], list[Edge]]:
    """(strong, weak) edges of one ADR: the parser's links, then references in prose."""
    source = adr.rel_path
    offset: int | None = None
    body_refs = scan_body(adr.body) if adr.body else []
    generated: set[tuple[str, str, int | None]] = set()
    weak: list[Edge] = []
    for ref in body_refs:
        if offset is None:
            offset = body_line_offset(adr)
        line = ref.line + offset
        generated.add((ref.kind, ref.target, line))
        if (
            ref.form in ("number", "hash")
            and adr.number is not None
            and number_of(ref.target) == adr.number
        ):
            continue  # "ADR 002" inside an ADR numbered 2 names itself
        if ref.form == "number" and line == adr.title_line and _heads(adr.body, ref):
            continue  # "# ADR 48: X" in adr-49.md: the title's own id (a typo), no reference
        if ref.form == "title":
            resolution = resolver.resolve_title(ref.target)
        else:
            resolution = resolver.resolve(ref.target, source)
        if ref.form == "page" and resolution.path is None:
            continue  # a web page that is no record here: not a reference to an ADR
        if resolution.path is None and not resolution.external:
            if ref.form == "title" or (ref.form == "id" and not _ID.match(ref.target)):
                continue  # an ordinary quotation or bracketed word, not a reference
            if source in resolution.candidates:
                continue  # "ADR 002" inside ADR 002 itself, numbers clashing
        if resolution.path == source:
            continue  # an ADR naming itself in prose
        weak.append(
            Edge(source, ref.kind, ref.target, resolution.path, line, source, resolution.external)
        )
    strong: list[Edge] = []
    for link in adr.links:
        if link.derived:
            continue
        kind = normalize_kind(link.kind)
        if (kind, link.target, link.line) in generated:
            continue  # made by an earlier resolve_links from this same body
        resolution = resolver.resolve(link.target, source)
        strong.append(
            Edge(
                source,
                kind,
                link.target,
                resolution.path,
                link.line,
                source,
                resolution.external or link.external,
            )
        )
    return strong, weak


def _edge_key(edge: Edge) -> tuple[str, str, str]:
    if edge.path is not None:
        return (edge.source, edge.kind, edge.path)
    target = _unwrap(edge.target).split("#", 1)[0] or edge.target
    return (edge.source, edge.kind, "\0" + target.casefold())


def _reconcile(
    adrs: list[Adr], stated_edges: list[tuple[list[Edge], list[Edge]]]
) -> dict[str, list[Edge]]:
    """Every ADR's edges: stated, then derived inverses, then prose references.

    ``stated_edges`` are :func:`_stated_edges` of each record, in order.
    """
    out: dict[str, list[Edge]] = {adr.rel_path: [] for adr in adrs}
    seen: set[tuple[str, str, str]] = set()
    pairs: set[tuple[str, str]] = set()  # ADR pairs already joined, in sorted order
    weak_all: list[Edge] = []

    named: set[tuple[str, str]] = set()  # (source, target) of links to no ADR

    def add(edge: Edge) -> None:
        source, path = edge.source, edge.path
        key = (source, edge.kind, path) if path is not None else _edge_key(edge)
        if key in seen:
            return
        seen.add(key)
        out[source].append(edge)  # every source is a record (inverses check it)
        if path is not None:
            pairs.add((source, path) if source < path else (path, source))
        else:
            named.add((source, key[2]))

    def add_inverse(edge: Edge) -> None:
        if edge.path is None or edge.path == edge.source or edge.path not in out:
            return
        inverse = INVERSES.get(edge.kind)
        if inverse is None:
            return
        add(
            Edge(
                edge.path,
                inverse,
                edge.source,
                edge.source,
                edge.line,
                edge.stated_in,
                derived=True,
            )
        )

    stated: list[Edge] = []
    for strong, weak in stated_edges:
        stated.extend(strong)
        weak_all.extend(weak)
    for edge in stated:
        add(edge)
    for edge in stated:
        add_inverse(edge)
    # Prose: Related lines before mentions, each only where nothing joins the pair yet.
    for level in ("relates-to", "mentions"):
        accepted: list[Edge] = []
        for edge in weak_all:
            if edge.kind != level:
                continue
            source, path = edge.source, edge.path
            if path is not None and ((source, path) if source < path else (path, source)) in pairs:
                continue
            if edge.path is None and (edge.source, _edge_key(edge)[2]) in named:
                continue  # the same broken or external target, already stated
            accepted.append(edge)
        for edge in accepted:
            add(edge)
        for edge in accepted:
            add_inverse(edge)
    return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while edges are built.

    Resolution allocates ~10 small objects per reference and none of them
    form cycles, yet each burst of allocations makes the collector walk every
    live record: on 10,000 ADRs that is a third of the time. Reference
    counting still frees everything; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: The last :func:`resolve_links` result and its edges, so that :func:`build_graph`
#: on those same records (the usual next call) does not scan every body again.
#: Holding the records keeps their ``id`` values valid for the comparison.
_last_resolved: tuple[tuple[Adr, ...], frozenset[int], dict[str, list[Edge]]] | None = None


Signature = tuple[tuple[str, ...] | None, tuple[tuple[str, int | None, str | None, str], ...]]


@dataclass
class _Known:
    """What the last resolution computed, to resolve a slightly changed collection fast.

    A record's own edges (:func:`_stated_edges`) depend only on the record and on
    what the :class:`Resolver` knows of every record (path, number, id, title, in
    order: the ``signature``). While that is unchanged (an edit of a body or a
    status, the usual live update), the resolver and the edges of every record
    not replaced are reused: only the changed records' bodies are scanned again.
    ``outs`` keeps each resolved record with its edges, so a record whose edges
    did not change stays the very same object.
    """

    signature: Signature
    resolver: Resolver
    #: ``id(record) -> (record, strong, weak)`` for the records last returned.
    edges: dict[int, tuple[Adr, list[Edge], list[Edge]]]
    #: ``rel_path -> (resolved record, its edges)``.
    outs: dict[str, tuple[Adr, list[Edge]]]
    #: ``rel_path -> (strong, weak)``: each record's own edges, by path, and every
    #: record's edges after reconciling (when both are known, a change that leaves
    #: every record's own edges as they were changes no link: see resolve_links).
    stated: dict[str, tuple[list[Edge], list[Edge]]] = field(default_factory=dict)
    out: dict[str, list[Edge]] | None = None


_known: _Known | None = None


def forget() -> None:
    """Drop what the last resolution remembered (benchmarks timing a cold resolution)."""
    global _known, _last_resolved
    _known = None
    _last_resolved = None


def _signature(adrs: list[Adr]) -> Signature:
    """Everything a :class:`Resolver` reads of the records (see :meth:`Resolver.__init__`)."""
    root = next((parts for adr in adrs if (parts := _root_parts(adr)) is not None), None)
    return root, tuple((adr.rel_path, adr.number, adr.adr_id, adr.title) for adr in adrs)


def _edges_of(adrs: list[Adr]) -> tuple[Signature, Resolver, list[tuple[list[Edge], list[Edge]]]]:
    """Each record's own edges, reusing the last resolution's where they cannot differ."""
    known = _known
    signature = _signature(adrs)
    if known is not None and known.signature == signature:
        resolver, reuse = known.resolver, known.edges
    else:
        resolver, reuse = Resolver(adrs), {}
    stated = []
    for adr in adrs:
        hit = reuse.get(id(adr))
        if hit is not None and hit[0] is adr:
            stated.append((hit[1], hit[2]))
        else:
            stated.append(_stated_edges(adr, resolver))
    return signature, resolver, stated


def resolve_links(adrs: list[Adr]) -> list[Adr]:
    """The records with every link resolved, inverses derived and prose references added.

    Each record's ``links`` become exactly its outgoing edges: stated links
    with ``path`` filled (or ``external`` set), derived inverses
    (``derived=True``) and ``mentions``/``relates-to`` found in its body.
    Idempotent: resolving resolved records gives the same records. Resolving a
    collection that differs from the last one resolved by a few edited records
    scans only those (see :class:`_Known`).
    """
    global _last_resolved, _known
    with _collector_paused():
        signature, resolver, stated = _edges_of(adrs)
        out = _unchanged_out(adrs, signature, stated)
        if out is None:
            out = _reconcile(adrs, stated)
        previous = _known.outs if _known is not None else {}
        result = []
        edges: dict[int, tuple[Adr, list[Edge], list[Edge]]] = {}
        outs: dict[str, tuple[Adr, list[Edge]]] = {}
        for adr, (strong, weak) in zip(adrs, stated, strict=True):
            mine = out.get(adr.rel_path, [])
            before = previous.get(adr.rel_path)
            if before is not None and before[0] is adr and before[1] == mine:
                resolved = adr  # resolved from the same edges last time
            else:
                links = tuple(edge.to_link() for edge in mine)
                resolved = adr if links == adr.links else replace(adr, links=links)
            result.append(resolved)
            edges[id(resolved)] = (resolved, strong, weak)
            outs[adr.rel_path] = (resolved, mine)
    _last_resolved = (tuple(result), frozenset(map(id, result)), out)
    by_path = {adr.rel_path: pair for adr, pair in zip(adrs, stated, strict=True)}
    _known = _Known(signature, resolver, edges, outs, by_path, out)
    return result


def _unchanged_out(
    adrs: list[Adr], signature: Signature, stated: list[tuple[list[Edge], list[Edge]]]
) -> dict[str, list[Edge]] | None:
    """The last reconciled edges, when they cannot differ (else ``None``).

    Reconciling is a function of the records' paths in order (the signature)
    and of each record's own edges: when both are what the last resolution
    saw (an edit of prose or a status that names no ADR, the usual live
    update), its answer stands and the whole-collection pass is skipped.
    """
    known = _known
    if known is None or known.out is None or known.signature != signature:
        return None
    previous = known.stated
    for adr, pair in zip(adrs, stated, strict=True):
        if previous.get(adr.rel_path) != pair:
            return None
    return known.out


def build_graph(adrs: Iterable[Adr]) -> RelationGraph:
    """The relation graph of a collection.

    Records as :func:`resolve_links` returned them are the fast path; any
    other records work too (their links are resolved again from the targets).
    """
    global _known
    adrs = list(adrs)
    last = _last_resolved
    if last is not None and len(adrs) == len(last[0]) and frozenset(map(id, adrs)) == last[1]:
        out = last[2]
    else:
        with _collector_paused():
            signature, resolver, stated = _edges_of(adrs)
            out = _reconcile(adrs, stated)
        # Remembered for the next resolve_links (a live update after a load whose links
        # came from the record cache): these records' own edges are known now. Whether
        # their links were built from these edges is not, so ``outs`` stays empty.
        own = {
            id(adr): (adr, strong, weak) for adr, (strong, weak) in zip(adrs, stated, strict=True)
        }
        _known = _Known(signature, resolver, own, {})
    incoming: dict[str, list[Edge]] = {}
    for edges in out.values():
        for edge in edges:
            if edge.path is not None:
                incoming.setdefault(edge.path, []).append(edge)
    return RelationGraph({adr.rel_path: adr for adr in adrs}, out, incoming)
