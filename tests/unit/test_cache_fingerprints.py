"""The caches' fingerprints are declared by module (:mod:`adrtui.domain.fingerprints`):
any change to the code that shapes a record invalidates the record cache, whatever the
module's name, and every module that code imports is covered."""

from __future__ import annotations

import ast
import importlib.util
import os
import time
from pathlib import Path

import pytest

from adrtui.domain import fingerprints
from adrtui.domain.collection import index_fingerprint, parser_fingerprint
from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.records import load_records
from adrtui.domain.parsing import parse_file
from adrtui.domain.relations import resolve_links


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    fingerprints.forget()
    yield
    fingerprints.forget()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    past = time.time() - 60  # fresh files are re-read on purpose (racy stats)
    for number in (1, 2, 3):
        path = folder / f"{number:04d}-x.md"
        path.write_text(f"# {number}. Decision {number}\n\n## Status\n\nAccepted\n")
        os.utime(path, (past, past))
    return folder


def load(folder: Path) -> list[str]:
    """Load through the record cache; the names of the files really parsed."""
    read: list[str] = []

    def parse(path: Path, root: Path):
        read.append(path.name)
        return parse_file(path, root)

    load_records(folder, scan(folder).files, parse, resolve=resolve_links)
    return read


def origin(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin)


@pytest.mark.parametrize(
    "module",
    ["adrtui.domain.parsing.dates", "adrtui.domain.parsing", "adrtui.domain.markdown"],
)
def test_a_change_to_the_parser_invalidates_the_record_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    assert len(load(folder)) == 3
    assert load(folder) == []  # warm: nothing parsed
    fingerprints.forget()
    assert load(folder) == []  # the same sources give the same fingerprint
    changed = origin(module)
    real = fingerprints._source

    def edited(path: str | None) -> bytes:
        source = real(path)
        return source + b"\n# an edit\n" if path is not None and Path(path) == changed else source

    monkeypatch.setattr(fingerprints, "_source", edited)
    fingerprints.forget()
    assert len(load(folder)) == 3  # records of the old parser are not served


def test_the_index_fingerprint_covers_the_parser_and_the_search_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parser, index = parser_fingerprint(), index_fingerprint()
    search_modules = fingerprints.covered_modules(fingerprints.INDEX_MODULES)
    assert "adrtui.domain.search" in search_modules
    assert set(fingerprints.covered_modules(fingerprints.PARSER_MODULES)) < set(search_modules)
    changed = origin("adrtui.domain.search")
    real = fingerprints._source
    monkeypatch.setattr(
        fingerprints,
        "_source",
        lambda path: real(path) + (b"#" if path is not None and Path(path) == changed else b""),
    )
    fingerprints.forget()
    assert parser_fingerprint() == parser
    assert index_fingerprint() != index


def test_a_missing_module_fails_loudly() -> None:
    with pytest.raises(ModuleNotFoundError):
        fingerprints.fingerprint("test-missing", ("adrtui.domain.no_such_module",))


def _imported(module: str) -> set[str]:
    """The adrtui modules ``module`` imports (anywhere in its source), as written."""
    tree = ast.parse(origin(module).read_text(encoding="utf-8"))
    package = module if origin(module).name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
    return {name for name in found if name.startswith("adrtui.")}


@pytest.mark.parametrize(
    "kind", ["PARSER_MODULES", "RELATIONS_MODULES"], ids=["parser", "relations"]
)
def test_every_module_the_fingerprinted_code_imports_is_fingerprinted(kind: str) -> None:
    """A module the parser (or the resolver) starts to use is covered, or this fails."""
    covered = set(fingerprints.covered_modules(getattr(fingerprints, kind)))
    missing = {
        (module, name)
        for module in covered
        for name in _imported(module)
        if name not in covered and name != "adrtui.domain" and name != "adrtui"
    }
    assert not missing, f"declare these in adrtui/domain/fingerprints.py: {sorted(missing)}"
