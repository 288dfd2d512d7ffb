"""Find the ADR folder the way users' own tools do, and list its ADR files.

Order of precedence (first hit wins): the repository's ``.adrtui.toml``
``folders``, adr-tools' ``.adr-dir`` file, log4brains' ``.log4brains.yml``
(``project.adrFolder``), then the folder names conventionally used across ADR
tooling and design-proposal processes. A folder that itself holds ADR-like
Markdown files is taken as the ADR folder directly. When none of that exists,
the sub-folders are searched (bounded in depth and work) for ADR-like file
names, and the folder that holds them all is the ADR folder: collections kept
by area, with only a README at the top, are common.

Which files are ADRs is decided by names and folder roles, not by content
(one cheap exception: a tiny file that holds nothing but an image):

- templates, project files (CONTRIBUTING, CHANGELOG, LICENSE…), index and
  table-of-contents pages, glossaries and guides are not ADRs — unless the name
  carries an ADR number, because ``0012-dashboard-guidelines.md`` is an ADR;
- files in an ADR's supporting folders (``resources/``, ``assets/``,
  ``images/``…) are not ADRs;
- a ``README.md`` / ``index.md`` is the folder's index page, except in a
  sub-folder that holds no other ADR: one folder per ADR
  (``2022-03-15-policy-scopes/README.md``) makes that README the ADR.

Scanning is recursive and loop-safe (each real folder once), never leaves the
ADR folder through a symlink, and reports every file it skips with the
reason, so nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from adrtui.domain import vocabulary as V
from adrtui.domain.collection.settings import DEFAULT_SETTINGS, Settings, load_settings
from adrtui.domain.files import decode, read_regular, system_path
from adrtui.domain.files import is_within as _is_within
from adrtui.domain.model import IgnoredFile
from adrtui.domain.parsing import describe_error, load_yaml, plain_name
from adrtui.domain.vocabulary import status_meaning

#: Conventional ADR folder names, in the order they are tried: ADR folders
#: first, then decision-record folders, then design proposals and RFCs.
CONVENTIONAL_DIRS: tuple[str, ...] = (
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "doc/architecture/decisions",
    "docs/architecture/adr",
    "docs/architecture-decisions",
    "docs/architecture-decision-records",
    "docs/design/adr",
    "docs_src/design/adr",
    "docs/adrs",
    "doc/adrs",
    "docs/decision-records",
    "adr",
    "adrs",
    "decisions",
    "architecture-decision-record",
    "architecture-decision-records",
    "architecture/decisions",
    "docs/rfcs",
    "rfcs",
    "docs/proposals",
    "proposals-accepted",
    "proposals",
)

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

#: Discovery looks this many folders below the start for nested collections.
NESTED_MAX_DEPTH = 5
#: …and reads at most this many folders doing so (a huge tree is not searched to the end).
NESTED_MAX_DIRS = 3000

_TEMPLATE_NAMES = re.compile(
    r"^(?:template|adr-template.*|0+-template|\.template|_?template-.*)\.(?:md|markdown|mdx)$",
    re.IGNORECASE,
)
#: Stems (lowercased, separators removed) of index and table-of-contents pages.
_INDEX_STEMS = {
    "index",
    "intro",  # a docs site's landing page for the section (Docusaurus ``intro.md``)
    "introduction",
    "overview",
    "welcome",
    "toc",
    "summary",
    "sidebar",
    "tableofcontents",
    "contents",
    "adrlog",
    "decisionlog",
    "adrindex",
}
#: Stems of working notes kept beside the ADRs (``notes.md``, ``meeting-notes.md``); a
#: record about notes has more words in its name (``notes-on-caching.md``).
_NOTES_STEMS = {"notes", "meetingnotes", "releasenotes", "worknotes", "todo"}
#: Stems of a repository's own project files, as they conventionally spell them.
_PROJECT_STEMS = {
    "contributing": "CONTRIBUTING",
    "changelog": "CHANGELOG",
    "changes": "CHANGES",
    "history": "HISTORY",
    "codeofconduct": "CODE_OF_CONDUCT",
    "license": "LICENSE",
    "licence": "LICENCE",
    "copying": "COPYING",
    "authors": "AUTHORS",
    "maintainers": "MAINTAINERS",
    "codeowners": "CODEOWNERS",
    "security": "SECURITY",
    "notice": "NOTICE",
    "support": "SUPPORT",
    "governance": "GOVERNANCE",
}
#: Words that make an un-numbered file a guide or a glossary (``onboarding-guide.md``).
_DOC_WORDS = {
    "guide": "a guide",
    "howto": "a guide",
    "glossary": "a glossary",
    "faq": "a guide",
    "template": "a template",
    "templates": "a template",
    "tmpl": "a template",
}
#: Folders that hold an ADR's supporting files, never ADRs themselves.
RESOURCE_DIRS = frozenset(
    {
        "resources",
        "resource",
        "assets",
        "_assets",
        "asset",
        "images",
        "image",
        "img",
        "imgs",
        "_images",
        "media",
        "attachments",
        "figures",
        "figs",
        "diagrams",
        "static",
        "files",
        "screenshots",
        "pictures",
        "pics",
        "_static",
        "supporting-files",
    }
)
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico"}
_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "__pycache__",
    ".venv",
    "venv",
    "site-packages",
    "vendor",
}
#: Folders the nested search never looks in: tests' fixtures and build output hold
#: ADR-like files that are not the repository's decisions (a tool's own test data).
_NOT_DECISIONS = {
    "test",
    "tests",
    "testing",
    "__tests__",
    "testdata",
    "test-data",
    "fixtures",
    "__fixtures__",
    "build",
    "dist",
    "target",
    "coverage",
    "htmlcov",
}
_README_STEMS = {"readme"}
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"\d+")
#: A name that says it is an ADR: an ``adr``/``rfc``/``decision`` word and a number.
_STRONG_ADR_NAME = re.compile(
    r"(?:^|[^a-z])(?:adrs?|rfcs?|decisions?|proposals?)(?:[^a-z]|$).*?\d|^(?:adr|rfc)\d",
    re.IGNORECASE,
)
#: A name that looks like one among others: a leading number or date, then a word.
_WEAK_ADR_NAME = re.compile(r"^\d{2,8}(?:[-_]\d{1,2}){0,2}[-_ ]+[A-Za-z]")
#: A file this small whose text is only images is a stub, not an ADR.
_STUB_BYTES = 512
_IMAGE_MARKUP = re.compile(
    r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>|<!--.*?-->|\[[^\]]*\]:\s*\S+", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True)
class Discovery:
    """Where the ADR folder is (``folder``) and every place that was tried.

    ``settings`` are the repository's own (:mod:`adrtui.domain.collection.settings`);
    their ``problems`` are for the front end to show, with ``refused``: each marker
    file (``.adr-dir``, ``.log4brains.yml``) that was read and not used, and why
    (broken, refused YAML, a folder outside the repository).
    """

    folder: Path | None
    tried: tuple[str, ...] = ()
    how: str = ""
    settings: Settings = DEFAULT_SETTINGS
    refused: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """Everything wrong with the repository's settings and marker files."""
        return self.settings.problems + self.refused


@dataclass
class ScanResult:
    """The ADR files of a folder (sorted) and the files skipped, with reasons."""

    files: list[Path] = field(default_factory=list)
    ignored: list[IgnoredFile] = field(default_factory=list)


#: Repository config files (``.adr-dir``, ``.log4brains.yml``) larger than this are not read.
_CONFIG_BYTES = 256 * 1024


def _read_config_text(path: Path) -> str:
    """A small repository config file's text; OSError for a FIFO, device or system file."""
    data, _ = read_regular(path, _CONFIG_BYTES)
    return decode(data).text  # as ADRs are read: PowerShell's `echo x > .adr-dir` is UTF-16


def _read_adr_dir_file(root: Path, problems: list[str]) -> Path | None:
    marker = root / ".adr-dir"
    try:
        text = _read_config_text(marker).strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _refused(marker, f"cannot be read ({exc.strerror or exc})", problems)
        return None
    if not text:
        _refused(marker, "is empty", problems)
        return None
    named = text.splitlines()[0].strip()
    return _named_folder(marker, root, named, problems)


def _read_log4brains(root: Path, problems: list[str]) -> Path | None:
    config = root / ".log4brains.yml"
    try:
        data = load_yaml(_read_config_text(config))
    except FileNotFoundError:
        return None
    except OSError as exc:
        _refused(config, f"cannot be read ({exc.strerror or exc})", problems)
        return None
    except yaml.YAMLError as exc:
        _refused(config, f"not valid YAML ({describe_error(exc, 1)})", problems)
        return None
    project = data.get("project") if isinstance(data, dict) else None
    folder = project.get("adrFolder") if isinstance(project, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        _refused(config, "names no project.adrFolder", problems)
        return None
    return _named_folder(config, root, folder.strip(), problems)


def _named_folder(marker: Path, root: Path, named: str, problems: list[str]) -> Path | None:
    """The folder a repository's marker file names, if it is one inside the repository."""
    candidate = (root / named).resolve()
    if _inside_dir(candidate, root):
        return candidate
    if not _is_within(os.fspath(candidate), os.path.realpath(root)):
        _refused(marker, f"names {named!r}, outside the repository", problems)
        return None
    _refused(marker, f"names {named!r}, which is not a folder", problems)
    return None


def _refused(marker: Path, reason: str, problems: list[str]) -> None:
    """Note why a marker file (``.adr-dir``, ``.log4brains.yml``) was not used, as a
    settings problem: the file names itself, and the search goes on without it."""
    message = f"{marker}: {reason}; not used"
    if message not in problems:
        problems.append(message)


def _inside_dir(candidate: Path, root: Path) -> bool:
    """A folder named by a repository's config, and inside that repository (a cloned
    repository's ``.adr-dir`` must not make adrtui read ``~/.ssh``)."""
    return candidate.is_dir() and _is_within(os.fspath(candidate), os.path.realpath(root))


def _looks_like_adr_folder(folder: Path, *, named_only: bool = False) -> bool:
    """True when the folder directly holds a Markdown file that is not skipped.

    ``named_only``: only a file named like an ADR counts (``0007-x.md``,
    ``adr-12-x.md``), so a repository root with an ``ARCHITECTURE.md`` is not
    taken for the ADR folder before its sub-folders are searched.
    """
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if (
                    name.lower().endswith(MARKDOWN_SUFFIXES)
                    and not name.startswith(".")
                    and skip_reason(name) is None
                    and (not named_only or _adr_like_name(name))
                ):
                    return True
    except OSError:
        return False
    return False


#: The walk up from a sub-folder goes at most this many folders up.
MAX_PARENT_LEVELS = 40


def find_adr_dir(start: Path | str | None = None, settings: Settings | None = None) -> Discovery:
    """Locate the ADR folder from ``start`` (a repo root, the ADR folder itself, or, as
    git does, any folder below the repository root).

    ``settings`` default to the repository's own (found from ``start``
    upwards); their ``folders`` win over every guess. When nothing is found at
    ``start``, its parents are tried (:func:`_parents_to_search`), nearest first.
    """
    root = Path(start) if start is not None else Path.cwd()
    here = _find_adr_dir_at(root, settings)
    if here.folder is not None or not root.is_dir():
        return here
    tried = list(here.tried)
    refused = list(here.refused)
    for parent in _parents_to_search(root.resolve()):
        if not _owned_by_user(parent):
            tried.append(f"{parent} (not searched: owned by another user)")
            break
        at_top = _is_repository_root(parent)
        what = f"{len(CONVENTIONAL_DIRS)} conventional folders"
        if at_top:
            what += f", sub-folders ({NESTED_MAX_DEPTH} levels)"
        tried.append(f"{parent} (.adr-dir, .log4brains.yml, {what})")
        hit = _find_in_parent(parent, refused, nested=at_top)
        if hit is not None and not _owned_by_user(hit[0]):
            tried.append(f"{hit[0]} (not used: owned by another user)")
            break
        if hit is not None:
            folder, how = hit
            return Discovery(
                folder, tuple(tried), f"{how} in {parent}", here.settings, tuple(refused)
            )
    # The weakest guess last: any Markdown file at the start (not only ADR-like
    # names) makes it the ADR folder, when nothing above says otherwise.
    if _looks_like_adr_folder(root):
        found = Discovery(root.resolve(), tuple(tried), "the folder itself", here.settings)
    else:
        found = Discovery(None, tuple(tried), "", here.settings)
    return dataclasses.replace(found, refused=tuple(refused))


def _is_repository_root(folder: Path) -> bool:
    return (folder / ".git").exists()


def _owned_by_user(folder: Path) -> bool:
    """Whether a folder found by walking up belongs to the user running adrtui (or root).

    As git's ``safe.directory`` check: on a shared machine anyone can create
    ``/tmp/docs/adr``, and starting adrtui in ``/tmp/mine/x`` must not open
    another user's files as if they were this project's decisions. (A folder the
    user names, or starts in, is theirs to choose and is not checked.)
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no owners to compare (Windows)
        return True
    try:
        owner = folder.stat().st_uid
    except OSError:
        return False
    return owner in (getuid(), 0)


def _parents_to_search(start: Path) -> list[Path]:
    """The folders above ``start`` where its ADRs may be, nearest first.

    Like git looking for ``.git``: up to and including the repository root (the
    first folder holding ``.git``). Outside a repository there is nothing to walk
    up to (``/tmp/scratch`` must not pick up a ``/tmp/decisions``), and the home
    directory and the filesystem root are never a repository root here
    (``~/docs`` or ``/adr`` are not this project's decisions, even under a
    dotfiles repository). A start that is itself a repository root has nothing
    above it. :func:`find_adr_dir` also stops at a folder owned by another user.
    """
    try:
        home: Path | None = Path.home().resolve()
    except (OSError, RuntimeError, KeyError):
        home = None
    if start == home or _is_repository_root(start):
        return []
    parents: list[Path] = []
    current = start
    for _ in range(MAX_PARENT_LEVELS):
        parent = current.parent
        if parent in (current, home) or parent.parent == parent:
            break
        parents.append(parent)
        if _is_repository_root(parent):
            return parents
        current = parent
    return []  # not inside a repository


def _find_in_parent(parent: Path, refused: list[str], *, nested: bool) -> tuple[Path, str] | None:
    """What :func:`find_adr_dir` would find at ``parent`` without its settings (already
    applied from the start): the same order, the nested search only when ``nested``."""
    folder = _read_adr_dir_file(parent, refused)
    if folder:
        return folder, ".adr-dir"
    folder = _read_log4brains(parent, refused)
    if folder:
        return folder, ".log4brains.yml"
    for name in CONVENTIONAL_DIRS:
        candidate = parent / name
        if candidate.is_dir():
            return candidate, name
    if _looks_like_adr_folder(parent, named_only=True):
        return parent, "the folder itself"
    if nested:
        found = _find_nested(parent)
        if found is not None:
            return found, "ADRs in sub-folders"
    return None


def _find_adr_dir_at(start: Path, settings: Settings | None) -> Discovery:
    """The ADR folder at ``start`` itself (settings, markers, conventional folders,
    ``start`` itself, then its sub-folders)."""
    root = start
    tried: list[str] = []
    if not root.is_dir():
        return Discovery(None, (f"{root} (not a directory)",))
    root = root.resolve()
    if settings is None:
        settings = load_settings(root)
    refused: list[str] = []

    def found(folder: Path | None, how: str) -> Discovery:
        return Discovery(folder, tuple(tried), how, settings, tuple(refused))

    if settings.folders:
        label = settings.source.name if settings.source else "settings"
        tried.append(f"{settings.source} (folders)")
        for configured in settings.folders:
            if _is_within(str(root), str(configured)):
                return found(root, label)
        if len(settings.folders) == 1:
            return found(settings.folders[0], label)
        return found(Path(os.path.commonpath([str(f) for f in settings.folders])), label)

    tried.append(str(root / ".adr-dir"))
    folder = _read_adr_dir_file(root, refused)
    if folder:
        return found(folder, ".adr-dir")

    tried.append(str(root / ".log4brains.yml"))
    folder = _read_log4brains(root, refused)
    if folder:
        return found(folder, ".log4brains.yml")

    for name in CONVENTIONAL_DIRS:
        candidate = root / name
        tried.append(str(candidate))
        if candidate.is_dir():
            return found(candidate, name)

    tried.append(f"{root} itself")
    if _looks_like_adr_folder(root, named_only=True):
        return found(root, "the folder itself")

    tried.append(f"sub-folders of {root} (ADR-like file names, {NESTED_MAX_DEPTH} levels)")
    nested = _find_nested(root)
    if nested is not None:
        return found(nested, "ADRs in sub-folders")
    return found(None, "")


def _find_nested(root: Path) -> Path | None:
    """The folder holding every sub-folder with ADR-like files, or ``None``.

    Breadth-first, at most :data:`NESTED_MAX_DEPTH` levels and
    :data:`NESTED_MAX_DIRS` folders, each real folder once, never through a
    symlink that leaves ``root``, skipping hidden, vendored and resource
    folders. A folder counts when it holds a file whose name says ADR
    (``adr-012-x.md``, ``ODH-ADR-Operator-0001-x.md``), or two files named with
    a leading number or date (``0007-x.md``), or folders named so holding a
    README/index (one folder per ADR). Folders of the first kind win: the
    answer is the folder holding all of them, else all of the others.
    """
    root_real = os.path.realpath(root)
    seen = {root_real}
    queue: deque[tuple[Path, int]] = deque([(root, 0)])
    # Folders whose names say ADR (``adr-012-x.md``) outweigh folders of
    # merely numbered files (release notes, book chapters) elsewhere in a repository.
    strong_hits: list[str] = []
    weak_hits: list[str] = []
    named_hits: list[str] = []
    visited = 0
    while queue and visited < NESTED_MAX_DIRS:
        current, depth = queue.popleft()
        visited += 1
        strong = weak = 0
        try:
            with os.scandir(current) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                continue
            if is_dir:
                lower = name.lower()
                if lower in _SKIP_DIRS or lower in RESOURCE_DIRS or lower in _NOT_DECISIONS:
                    continue
                real = os.path.realpath(entry.path) if entry.is_symlink() else None
                if real is not None and not _is_within(real, root_real):
                    continue  # never read outside the folder searched
                if _adr_like_name(name) and _holds_readme(entry.path):
                    weak += 1
                if depth + 1 >= NESTED_MAX_DEPTH:
                    continue
                real = real or os.path.realpath(entry.path)
                if real in seen:
                    continue
                seen.add(real)
                queue.append((Path(entry.path), depth + 1))
                continue
            if strong or weak >= 2:
                continue  # this folder counts already; only its sub-folders matter now
            if not name.lower().endswith(MARKDOWN_SUFFIXES) or skip_reason(name) is not None:
                continue
            plain = plain_name(name)
            if _STRONG_ADR_NAME.search(plain.rpartition(".")[0]):
                strong += 1
            elif _WEAK_ADR_NAME.match(plain):
                weak += 1
        if current == root:
            continue
        if weak < 2 and status_meaning(current.name) is not None and _holds_markdown(entries):
            weak = 2  # ``Accepted/``, ``proposed/``: a folder of ADRs kept by their status
        if strong:
            strong_hits.append(os.fspath(current))
            if len(strong_hits) > 1 and os.path.commonpath(strong_hits) == os.fspath(root):
                return root  # the common folder cannot get any higher
        elif weak >= 2:
            weak_hits.append(os.fspath(current))
            relative = current.relative_to(root)
            if _names_decisions(relative) or any(status_meaning(p) for p in relative.parts):
                named_hits.append(os.fspath(current))  # ``adr/``, ``decisions/``, ``Accepted/``
    # ``doc/architecture/decisions/0001-x.md`` beside ``docs/tutorial/01-step.md``: numbered
    # files in a folder whose path names decisions outweigh numbered chapters elsewhere.
    hits = strong_hits or named_hits or weak_hits
    if not hits:
        return None
    return Path(os.path.commonpath(hits))


#: A folder name that says it keeps decisions (``adr``, ``decisions``, ``architecture``…).
_DECISION_FOLDER = re.compile(
    r"(?:^|[-_ .])(?:adrs?|decisions?|architecture|arch|rfcs?|proposals?)(?:$|[-_ .])",
    re.IGNORECASE,
)


def _names_decisions(relative: Path) -> bool:
    return any(_DECISION_FOLDER.search(part) for part in relative.parts)


def _adr_like_name(name: str) -> bool:
    """A file or folder named like an ADR: ``0007-x``, ``2021-03-x``, ``adr-12-x``, ``RFC-7``."""
    name = plain_name(name)  # ``ADR%2D001-x`` (an Azure DevOps wiki page) is ``ADR-001-x``
    return bool(_WEAK_ADR_NAME.match(name) or _STRONG_ADR_NAME.search(name))


def _holds_markdown(entries: list[os.DirEntry[str]]) -> bool:
    """True when one of ``entries`` is a Markdown file that could be an ADR."""
    return any(
        entry.name.lower().endswith(MARKDOWN_SUFFIXES)
        and not entry.name.startswith(".")
        and skip_reason(entry.name) is None
        and entry.is_file()
        for entry in entries
    )


def _holds_readme(path: str) -> bool:
    try:
        with os.scandir(path) as it:
            return any(_is_readme_or_index(entry.name) for entry in it)
    except OSError:
        return False


def _stem(name: str) -> str:
    """The lowercased name without its Markdown suffix and separators (``code-of-conduct``)."""
    lower = name.lower()
    for suffix in MARKDOWN_SUFFIXES:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
            break
    return _WORD_SPLIT.sub("", lower)


def _is_readme_or_index(name: str) -> bool:
    """``README.md`` / ``index.mdx`` exactly (a Hugo ``_index.md`` is a section page)."""
    lower = name.lower()
    stem, dot, suffix = lower.rpartition(".")
    return bool(dot) and "." + suffix in MARKDOWN_SUFFIXES and stem in ("readme", "index")


def _inner_word(name: str) -> tuple[str, str] | None:
    """``0001-x.en.md`` → ``("0001-x.md", "en")``: a Markdown name's page without the
    word before its suffix, and that word lowercased (``None`` when there is none)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or "." + suffix.lower() not in MARKDOWN_SUFFIXES:
        return None
    base, dot, word = stem.rpartition(".")
    if not dot or not base:
        return None
    return f"{base}.{suffix}", word.lower()


def language_of(name: str) -> tuple[str, str] | None:
    """``0001-x.en.md`` → ``("0001-x.md", "en")``: the page a translation belongs to.

    Docs sites keep a page's translations beside it with the language before the
    suffix (``index.es.md``, ``README.pt-br.md``); ``node.js.md`` is no translation.
    """
    split = _inner_word(name)
    if split is None:
        return None
    page, code = split
    lang, _, variant = code.replace("_", "-").partition("-")
    if lang not in V.LANGUAGE_CODES or (variant and variant not in V.LANGUAGE_VARIANTS):
        return None
    return page, code


_VERSION = re.compile(r"v\d{1,3}")


def copy_of(name: str) -> tuple[str, str] | None:
    """``0249-x.expired.md`` → ``("0249-x.md", "expired")``: the page it may be a copy of.

    The word before the suffix is a copy's (``old``, ``bak``…), a status (``draft``,
    ``superseded``) or a version (``v2``). Whether it is a copy is the folder's call:
    only when the page itself lies beside it (:func:`scan`).
    """
    split = _inner_word(name)
    if split is None:
        return None
    page, word = split
    if word in V.COPY_WORDS or V.status_meaning(word) is not None or _VERSION.fullmatch(word):
        return page, word
    return None


def _has_adr_number(name: str) -> bool:
    """True when the name carries a non-zero number (an ADR number or a date)."""
    return any(int(d) for d in _DIGITS.findall(name[:120]) if len(d) <= 18)


def skip_reason(name: str) -> str | None:
    """Why a file with this name is not an ADR, or ``None`` when it may be one.

    Decided on the name alone; :func:`scan` adds what the folder says (a
    README in a folder of its own is an ADR, a resources folder holds none).
    """
    lower = name.lower()
    if _TEMPLATE_NAMES.match(name):
        return "a template"
    translated = language_of(name)
    if translated is not None and not _has_adr_number(translated[0]):
        # ``index.en.md``, ``README.de.md``: the page's own kind, in another language
        reason = skip_reason(translated[0])
        if reason is not None:
            return reason
    suffix = "." + lower.rpartition(".")[2]
    if suffix in _IMAGE_SUFFIXES:
        return "an image"
    if not lower.endswith(MARKDOWN_SUFFIXES):
        return "not Markdown"
    if _has_adr_number(lower):
        # An ADR number or a date (``0012-dashboard-guidelines.md``): an ADR
        # whatever its words; project files, indexes and guides carry none.
        return None
    # A zero number is no ADR number: ``000-index.md`` is the index, kept first in a listing.
    stem = _stem(lower).lstrip("0")
    if stem in _README_STEMS:
        return "a README"
    if stem in _INDEX_STEMS:
        return "an index page"
    if stem in _PROJECT_STEMS:
        return f"a project file ({_PROJECT_STEMS[stem]})"
    if stem in _NOTES_STEMS:
        return "working notes"
    words = set(_WORD_SPLIT.split(lower.rsplit(".", 1)[0])) - {""}
    for word in sorted(words):
        reason = _DOC_WORDS.get(word)
        if reason is not None:
            return reason
    return _about_the_collection(words)


#: Words that name the collection itself (``adrs.md``, ``architecture-decisions.md``).
_COLLECTION_WORDS = frozenset(
    {"adr", "adrs", "decision", "decisions", "records", "architecture", "architectural"}
)
#: Words that make such a page a list of the records (``decision-register.md``).
_LISTING_WORDS = frozenset(
    {"index", "log", "list", "register", "overview", "catalog", "catalogue", "all", "of"}
)
#: Words that make it a page about the practice (``how-to-write-an-adr.md``).
_PRACTICE_WORDS = frozenset(
    {"process", "lifecycle", "how", "to", "write", "writing", "an", "a", "about", "intro"}
)


def _about_the_collection(words: set[str]) -> str | None:
    """A name made only of words about ADRs in general: the collection's index or guide.

    ``decisions.md``, ``adr-register.md``, ``index-of-decisions.md`` list the
    records; ``adr-process.md`` and ``how-to-write-an-adr.md`` explain them. A
    record's own name says what it decides (``adr-for-billing.md`` has more words).
    """
    if not words or not words & _COLLECTION_WORDS:
        return None
    rest = words - _COLLECTION_WORDS
    if rest <= _LISTING_WORDS:
        return "an index page"
    if rest <= _LISTING_WORDS | _PRACTICE_WORDS:
        return "a guide"
    return None


def path_skip_reason(rel_path: str, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """Why the file at ``rel_path`` (POSIX, from the ADR folder) is not an ADR, or ``None``.

    The per-path part of :func:`scan`'s rules, for callers that see one path
    at a time (a file watcher): the name, the supporting-files folders and the
    ``ignore`` globs. A README/index in a sub-folder gives ``None``: it may be
    that folder's ADR, which only a scan of its folder can tell. Symlinks and
    the image-only stubs are not judged here (that needs the disk).
    """
    rel_dir, _, name = rel_path.rpartition("/")
    own_folder = bool(rel_dir) and _is_readme_or_index(name)
    reason = None if own_folder else skip_reason(name)
    resource = _resource_dir(rel_dir)
    if resource is not None and reason in (None, "a README", "an index page"):
        reason = f"a supporting file (in {resource}/)"
    if reason is None and settings.ignore:
        pattern = settings.ignored_by(rel_path)
        if pattern is not None:
            reason = f"ignored by {_settings_name(settings)} ({pattern})"
    return reason


def scan(folder: Path, settings: Settings | None = None) -> ScanResult:
    """List ADR files under ``folder`` recursively; never raises on odd trees.

    ``settings`` default to the repository's own (found from ``folder``
    upwards): their ``ignore`` globs skip files, and when ``folder`` holds
    several of their ``folders`` only those are read. Pass
    :data:`~adrtui.domain.collection.settings.DEFAULT_SETTINGS` to scan without them.

    Each real directory is read once (a symlink loop ends), and a symlink that
    leads outside ``folder`` is reported, not followed. Symlinked folders are
    read after the real ones, so a file is listed under its own path.
    Unreadable directories are reported as ignored. Hidden files and
    directories (``.adr-dir``, ``.git``) are skipped without a report, as
    every file tool does.
    """
    folder = Path(folder)
    if settings is None:
        settings = load_settings(folder)
    files: list[tuple[str, Path]] = []
    ignored: list[IgnoredFile] = []
    root_real = os.path.realpath(folder)
    base = os.fspath(settings.base) if settings.base is not None else None
    seen: dict[str, str] = {}
    # Each entry: (path, its POSIX path relative to ``folder``: "" for ``folder`` itself).
    stack: list[tuple[Path, str]] = _start_folders(folder, root_real, settings)
    deferred: list[tuple[Path, str]] = []
    readmes: list[tuple[str, Path]] = []
    while stack or deferred:
        current, rel_dir = stack.pop() if stack else deferred.pop(0)
        try:
            real = os.path.realpath(current)
        except (OSError, ValueError):
            continue
        if rel_dir and not _is_within(real, root_real):
            ignored.append(IgnoredFile(rel_dir + "/", "a symlink pointing outside the ADR folder"))
            continue
        system = system_path(real)
        if system is not None:
            ignored.append(IgnoredFile((rel_dir or ".") + "/", f"a folder in {system}: never read"))
            continue
        if real in seen:
            first = seen[real]
            if _is_within(os.path.realpath(current.parent), real):
                reason = f"a directory already scanned (symlink loop to {first}/)"
            else:
                reason = f"a symlink to a folder already scanned ({first}/)"
            ignored.append(IgnoredFile(rel_dir + "/", reason))
            continue
        seen[real] = rel_dir or "."
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            ignored.append(
                IgnoredFile((rel_dir or ".") + "/", f"unreadable directory ({exc.strerror})")
            )
            continue
        resource = _resource_dir(rel_dir)
        prefix = rel_dir + "/" if rel_dir else ""
        subdirs: list[tuple[Path, str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith(".") and not _TEMPLATE_NAMES.match(name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if name.lower() in _SKIP_DIRS:
                    continue
                pair = (Path(entry.path), prefix + name)
                if entry.is_symlink():
                    deferred.append(pair)
                else:
                    subdirs.append(pair)
                continue
            rel = prefix + name
            own_folder = bool(rel_dir) and resource is None and _is_readme_or_index(name)
            why = _file_reason(entry, rel, root_real, resource, settings, base, own_folder)
            if why is not None:
                ignored.append(IgnoredFile(rel, why))
            elif own_folder:
                readmes.append((rel, Path(entry.path)))
            else:
                files.append((rel, Path(entry.path)))
        stack.extend(reversed(subdirs))
    _adopt_folder_readmes(files, ignored, readmes)
    _set_aside_translations(files, ignored)
    _set_aside_copies(files, ignored)
    _set_aside_companion_folders(files, ignored)
    files.sort(key=lambda pair: pair[0])
    ignored.sort(key=lambda i: i.rel_path)
    return ScanResult([path for _, path in files], ignored)


def _start_folders(folder: Path, root_real: str, settings: Settings) -> list[tuple[Path, str]]:
    """``folder`` itself, or only the settings' ADR folders when it holds several."""
    inside = [
        f
        for f in settings.folders
        if _is_within(os.fspath(f), root_real) and os.fspath(f) != root_real
    ]
    if not inside or any(_is_within(root_real, os.fspath(f)) for f in settings.folders):
        return [(folder, "")]
    outermost = [
        f
        for f in inside
        if not any(g != f and _is_within(os.fspath(f), os.fspath(g)) for g in inside)
    ]
    starts = []
    for real in sorted(outermost, reverse=True):
        rel = Path(os.path.relpath(real, root_real)).as_posix()
        starts.append((folder / rel, rel))
    return starts


def _file_reason(
    entry: os.DirEntry[str],
    rel: str,
    root_real: str,
    resource: str | None,
    settings: Settings,
    base: str | None,
    own_folder: bool = False,
) -> str | None:
    """Why this file is not an ADR, or ``None`` when it may be one.

    ``own_folder``: a README/index in a sub-folder, which may be that folder's
    ADR (decided once the whole tree is scanned), so its name is no reason.
    """
    name = entry.name
    reason = None if own_folder else skip_reason(name)
    if resource is not None and reason in (None, "a README", "an index page"):
        reason = f"a supporting file (in {resource}/)"
    if reason is None and settings.ignore:
        from_base = None
        if base is not None:
            with_base = os.path.relpath(entry.path, base)
            from_base = None if with_base.startswith("..") else with_base.replace(os.sep, "/")
        pattern = settings.ignored_by(rel, from_base)
        if pattern is not None:
            reason = f"ignored by {_settings_name(settings)} ({pattern})"
    if reason is not None:
        return reason
    if entry.is_symlink():
        try:
            target = os.path.realpath(entry.path)
        except (OSError, ValueError):
            return "broken symlink"
        if not os.path.exists(target):
            return "broken symlink"
        if not _is_within(target, root_real):
            return "a symlink pointing outside the ADR folder"
    if not _is_file(entry):
        return "broken symlink" if entry.is_symlink() else "not a regular file"
    if _is_image_stub(entry):
        return "only an image, no text"
    return None


def _adopt_folder_readmes(
    files: list[tuple[str, Path]], ignored: list[IgnoredFile], readmes: list[tuple[str, Path]]
) -> None:
    """Decide for each sub-folder README/index whether it is the folder's ADR.

    It is when no other ADR file lives anywhere under its folder, or when the
    folder is named like an ADR (``2022-03-15-policy-scopes/``) and nothing under
    it is: the other Markdown there (``appendix.md``) is then that ADR's
    supporting material. A README in a folder above which an ADR's own folder
    already lies is one of that ADR's supporting files too.
    """
    if not readmes:
        return
    holding: set[str] = set()
    for rel, _ in files:
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            holding.add("/".join(parts[:i]))
    adopted: set[str] = set()
    for rel, path in sorted(readmes, key=lambda pair: (pair[0].count("/"), pair[0])):
        rel_dir = rel.rsplit("/", 1)[0]
        parts = rel_dir.split("/")
        above = ("/".join(parts[:i]) for i in range(1, len(parts)))
        owner = next((d for d in above if d in adopted), None)
        if owner is not None:
            name = owner.rsplit("/", 1)[-1]
            ignored.append(IgnoredFile(rel, f"a README inside the folder of ADR {name}"))
            continue
        if rel_dir in adopted:
            ignored.append(IgnoredFile(rel, skip_reason(path.name) or "a README"))
            continue
        if rel_dir in holding:
            inside = [pair for pair in files if pair[0].startswith(rel_dir + "/")]
            folder_name = rel_dir.rsplit("/", 1)[-1]
            if not _adr_like_name(folder_name) or any(
                _adr_like_name(pair[0].rsplit("/", 1)[-1]) for pair in inside
            ):
                ignored.append(IgnoredFile(rel, skip_reason(path.name) or "a README"))
                continue
            for pair in inside:
                files.remove(pair)
                ignored.append(IgnoredFile(pair[0], f"a supporting file of ADR {folder_name}"))
        adopted.add(rel_dir)
        files.append((rel, path))


def _set_aside_companion_folders(files: list[tuple[str, Path]], ignored: list[IgnoredFile]) -> None:
    """A folder named as an ADR beside it (``0095-cognito.md`` and ``0095-cognito/``)
    holds that ADR's supporting material (a working-backwards README, an alternative),
    not ADRs of its own."""
    stems: dict[str, str] = {}
    for rel, _ in files:
        stem, dot, suffix = rel.rpartition(".")
        if (
            dot
            and "." + suffix.lower() in MARKDOWN_SUFFIXES
            and _adr_like_name(rel.rsplit("/")[-1])
        ):
            stems[stem] = rel.rsplit("/", 1)[-1]
    if not stems:
        return
    for pair in list(files):
        parts = pair[0].split("/")[:-1]
        owner = next(
            (
                stems["/".join(parts[:i])]
                for i in range(1, len(parts) + 1)
                if "/".join(parts[:i]) in stems
            ),
            None,
        )
        if owner is not None:
            files.remove(pair)
            ignored.append(IgnoredFile(pair[0], f"a supporting file of ADR {owner}"))


def _set_aside_copies(files: list[tuple[str, Path]], ignored: list[IgnoredFile]) -> None:
    """``0249-x.expired.md`` beside ``0249-x.md``: a copy of that ADR, not a second ADR 249.

    Alone, such a file is listed (it may be the only copy of a draft).
    """
    listed = {rel for rel, _ in files}
    for pair in list(files):
        folder, slash, name = pair[0].rpartition("/")
        copied = copy_of(name)
        if copied is None:
            continue
        page = f"{folder}{slash}{copied[0]}"
        if page in listed and page != pair[0]:
            files.remove(pair)
            ignored.append(IgnoredFile(pair[0], f"a copy of {copied[0]} ({copied[1]})"))


def _set_aside_translations(files: list[tuple[str, Path]], ignored: list[IgnoredFile]) -> None:
    """One ADR kept in several languages (``0001-x.md``, ``0001-x.en.md``) is listed once.

    The page without a language wins; when every copy names one, the English
    copy, else the first. The others are reported as its translations.
    """
    pages: dict[str, list[tuple[str, str, tuple[str, Path]]]] = {}
    for pair in files:
        folder, _, name = pair[0].rpartition("/")
        translated = language_of(name)
        base, lang = translated if translated is not None else (name, "")
        pages.setdefault(f"{folder}/{base}", []).append((lang, name, pair))
    for copies in pages.values():
        if len(copies) < 2 or all(not lang for lang, _, _ in copies):
            continue
        copies.sort(key=lambda c: (c[0] != "", c[0] != "en", c[1]))
        kept = copies[0][1]
        for _, _, pair in copies[1:]:
            files.remove(pair)
            ignored.append(IgnoredFile(pair[0], f"a translation of {kept}"))


def _resource_dir(rel_dir: str) -> str | None:
    """The supporting-files folder (``resources``, ``images``…) ``rel_dir`` is in, if any."""
    if not rel_dir:
        return None
    for part in rel_dir.split("/"):
        if part.lower() in RESOURCE_DIRS:
            return part
    return None


def _is_image_stub(entry: os.DirEntry[str]) -> bool:
    """A tiny file with no text at all besides images (a placeholder for a diagram)."""
    try:
        size = entry.stat(follow_symlinks=True).st_size
    except OSError:
        return False
    if size == 0 or size > _STUB_BYTES:
        return False
    try:
        text = decode(read_regular(entry.path, _STUB_BYTES)[0]).text
    except OSError:
        return False
    if not _IMAGE_MARKUP.search(text):
        return False
    rest = _IMAGE_MARKUP.sub("", text)
    return not any(ch.isalnum() for ch in rest)


def _settings_name(settings: Settings) -> str:
    if settings.source is None:
        return "the settings"
    name = settings.source.name
    return f"{name} [tool.adrtui]" if name == "pyproject.toml" else name


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=True)
    except OSError:
        return False
