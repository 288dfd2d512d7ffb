"""What each derived cache depends on, declared here by module, and its fingerprint.

adrtui caches what it derives from ADR files: parsed records and their resolved
links (:mod:`adrtui.domain.collection.records`), the search index
(:mod:`adrtui.domain.search`). Each cache is tagged with a fingerprint of the code
that shaped it, so an upgrade or a code change never serves stale data. The code
is named below as modules and packages (a package stands for every module in it,
found by walking the imported package), never as file names: a module renamed
inside a package is still covered, and a package renamed away fails to import
instead of silently dropping out.

* :func:`parser_fingerprint`: what shapes a parsed record (the model, text helpers,
  vocabulary, the Markdown outline, file reading, the parser);
* :func:`relations_fingerprint`: what shapes resolved links;
* :func:`index_fingerprint`: the parser's plus the search package (analysis, schema).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import pkgutil
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from adrtui import __version__

#: What shapes a parsed record.
PARSER_MODULES: tuple[str, ...] = (
    "adrtui.domain.model",
    "adrtui.domain.text",
    "adrtui.domain.vocabulary",
    "adrtui.domain.markdown",
    "adrtui.domain.files",
    "adrtui.domain.parsing",
)
#: What shapes resolved links.
RELATIONS_MODULES: tuple[str, ...] = (
    "adrtui.domain.model",
    "adrtui.domain.markdown",
    "adrtui.domain.vocabulary",
    "adrtui.domain.relations.resolve",
)
#: What shapes the search index: parsed records, then the search package's analysis.
INDEX_MODULES: tuple[str, ...] = (*PARSER_MODULES, "adrtui.domain.search")

_lock = threading.Lock()
#: Fingerprints computed by this process, by kind (the sources do not change under it).
_memo: dict[str, str] = {}


def covered_modules(names: Iterable[str]) -> list[str]:
    """Every module the named modules and packages stand for, sorted by name."""
    return sorted({name for name, _ in _walk(names)})


def _walk(names: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """``(module name, source file)`` of each named module and of each module in a package.

    Found through the import system without importing the modules themselves (only
    their parent packages): ``adrtui search`` computes the index fingerprint on every
    call and must not pay for importing the parser. A name that no longer exists
    raises :class:`ModuleNotFoundError`.
    """
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None:
            raise ModuleNotFoundError(f"fingerprinted module {name} not found", name=name)
        yield name, spec.origin
        yield from _walk_package(name, spec.submodule_search_locations)


def _walk_package(name: str, locations: Iterable[str] | None) -> Iterator[tuple[str, str | None]]:
    if not locations:
        return
    for info in pkgutil.iter_modules(list(locations), name + "."):
        finder = info.module_finder
        if isinstance(finder, importlib.machinery.FileFinder):
            spec = finder.find_spec(info.name)
        else:  # a zip or another importer: ask the import system
            spec = importlib.util.find_spec(info.name)
        yield info.name, None if spec is None else spec.origin
        if info.ispkg and spec is not None:
            yield from _walk_package(info.name, spec.submodule_search_locations)


def fingerprint(kind: str, names: Iterable[str]) -> str:
    """A hash of adrtui's version and the source of every module ``names`` stand for."""
    with _lock:
        found = _memo.get(kind)
        if found is None:
            digest = hashlib.sha1(f"adrtui {__version__}".encode())
            for name, origin in sorted(set(_walk(names)), key=lambda item: item[0]):
                digest.update(name.encode() + b"\0" + _source(origin) + b"\0")
            found = _memo[kind] = digest.hexdigest()[:20]
        return found


def _source(origin: str | None) -> bytes:
    if origin is None:
        return b"(no source)"
    try:
        return Path(origin).read_bytes()
    except OSError:
        return b"(missing)"


def forget() -> None:
    """Compute every fingerprint again on next use (tests that change a source)."""
    with _lock:
        _memo.clear()


def parser_fingerprint() -> str:
    """A hash of what shapes a parsed record (:data:`PARSER_MODULES`) and adrtui's version.

    Caches tagged with another fingerprint are rebuilt, so improving the parser
    (or upgrading adrtui) never leaves stale records or index entries behind.
    """
    return fingerprint("parser", PARSER_MODULES)


def relations_fingerprint() -> str:
    """Like :func:`parser_fingerprint`, for link resolution (:data:`RELATIONS_MODULES`)."""
    return fingerprint("relations", RELATIONS_MODULES)


def index_fingerprint() -> str:
    """Like :func:`parser_fingerprint`, plus the search package (:data:`INDEX_MODULES`)."""
    return fingerprint("index", INDEX_MODULES)
