"""An ADR folder as a whole: its records, the files it skipped, and lookups by reference.

This is what the CLI and the app hold. Loading scans the folder, parses each
file once (:mod:`adrtui.domain.parsing`), then resolves links across the
collection (:mod:`adrtui.domain.relations.resolve`). Lookups by a user's reference
(``12``, ``0012-foo.md``, ``docs/adr/0012-foo.md``, ``decision:0012:v1``) live
here so every front end answers them the same way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.settings import (
    DEFAULT_SETTINGS,
    Settings,
    apply_settings,
    load_settings,
)
from adrtui.domain.model import Adr, IgnoredFile

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "decisions"

#: ``progress(done, total)`` callback for long loads.
Progress = Callable[[int, int], None]


@dataclass
class Collection:
    """The parsed ADRs of one folder, sorted by number then path.

    ``settings`` are the repository's own (``.adrtui.toml``), already applied
    to the records; the UI reads ``settings.colours`` (via
    ``settings.colour_of(status)``) and shows ``settings.problems``.
    ``notices`` are what the user should be told once about this load (a
    record cache refused as unsafe, say).
    """

    root: Path
    adrs: list[Adr] = field(default_factory=list)
    ignored: list[IgnoredFile] = field(default_factory=list)
    is_example: bool = False
    settings: Settings = DEFAULT_SETTINGS
    notices: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_path = {adr.rel_path: adr for adr in self.adrs}

    def __len__(self) -> int:
        return len(self.adrs)

    def __iter__(self):
        return iter(self.adrs)

    def get(self, rel_path: str) -> Adr | None:
        return self._by_path.get(rel_path)

    def find(self, ref: str) -> list[Adr]:
        """All records a user's reference names (several when numbers clash)."""
        return find_refs(self.adrs, ref, self.root)

    def replace(self, adrs: Iterable[Adr]) -> Collection:
        """A new collection with these records (settings applied, links re-resolved), same root."""
        from adrtui.domain.relations import resolve_links

        adrs = finish_reading(adrs, self.settings)
        return Collection(
            self.root,
            _sorted(resolve_links(adrs)),
            self.ignored,
            self.is_example,
            self.settings,
            self.notices,
        )


def finish_reading(adrs: Iterable[Adr], settings: Settings) -> list[Adr]:
    """What only the whole collection can settle, after each file is parsed on its own.

    Ambiguous day/month dates take the order the collection writes dates in
    (:func:`adrtui.domain.parsing.settle_date_order`), then the repository's own
    settings apply (status meanings, number pattern). Every loader ends here.
    """
    from adrtui.domain.parsing import settle_date_order

    return apply_settings(settle_date_order(list(adrs)), settings)


def _sort_key(adr: Adr) -> tuple[int, int, str]:
    return (adr.number is None, adr.number or 0, adr.rel_path)


def _sorted(adrs: list[Adr]) -> list[Adr]:
    return sorted(adrs, key=_sort_key)


def find_refs(adrs: Iterable[Adr], ref: str, root: Path | None = None) -> list[Adr]:
    """Match ``ref`` against path, file name, file stem, id or number, most exact first."""
    ref = ref.strip()
    if not ref:
        return []
    adrs = list(adrs)
    as_path = Path(ref)
    if root is not None and as_path.is_absolute():
        with contextlib.suppress(ValueError, OSError):
            ref = as_path.resolve().relative_to(root.resolve()).as_posix()
    candidates = [
        lambda a: a.rel_path == ref,
        lambda a: a.rel_path.endswith("/" + ref) or a.name == ref,
        lambda a: a.path.stem == ref,
        lambda a: a.adr_id is not None and a.adr_id == ref,
    ]
    for test in candidates:
        hits = [a for a in adrs if test(a)]
        if hits:
            return hits
    digits = ref.lower().removeprefix("adr").lstrip("-_ #")
    if digits.isdigit():
        number = int(digits)
        return [a for a in adrs if a.number == number]
    # A relative path given from the current directory (``docs/adr/0001-x.md``).
    if root is not None and as_path.exists():
        try:
            rel = as_path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            return []
        return [a for a in adrs if a.rel_path == rel]
    return []


def load_collection(
    folder: Path | str,
    *,
    progress: Progress | None = None,
    is_example: bool = False,
    use_cache: bool = True,
    cache_dir: Path | str | None = None,
    settings: Settings | None = None,
) -> Collection:
    """Scan, parse and resolve every ADR under ``folder``. Never raises on bad files.

    With ``use_cache`` (the default) records of files unchanged since the last
    load come from the record cache (:mod:`adrtui.domain.collection.records`): unchanged
    files are stat'ed, not read. ``cache_dir`` overrides the cache root.

    ``settings`` default to the repository's own ``.adrtui.toml`` (found from
    ``folder`` upwards; none for the bundled example). They are applied after
    parsing, so the cache holds the parser's reading and a settings change
    takes effect without re-parsing; a number pattern is applied before links
    are resolved, since links name ADRs by number.
    """
    from adrtui.domain.parsing import parse_file
    from adrtui.domain.relations import resolve_links

    root = Path(folder).resolve()
    if settings is None:
        settings = DEFAULT_SETTINGS if is_example else load_settings(root)
    found = scan(root, settings)
    resolve_first = settings.number is None
    notices: list[str] = []
    if use_cache:
        from adrtui.domain.collection.records import load_records

        adrs = load_records(
            root,
            found.files,
            parse_file,
            resolve=resolve_links if resolve_first else None,
            progress=progress,
            cache_dir=cache_dir,
            notices=notices,
        )
    else:
        total = len(found.files)
        adrs = []
        for done, path in enumerate(found.files, 1):
            adrs.append(parse_file(path, root))
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total)
        if resolve_first:
            adrs = resolve_links(adrs)
    adrs = finish_reading(adrs, settings)
    if not resolve_first:
        adrs = resolve_links(adrs)
    return Collection(root, _sorted(adrs), found.ignored, is_example, settings, notices)
