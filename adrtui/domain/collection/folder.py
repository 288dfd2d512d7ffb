"""An ADR folder as a whole: its records, the files it skipped, and lookups by reference.

This is what the CLI and the app hold, and the one way to get it:

* :func:`load_collection` scans the folder (:mod:`.discovery`, the repository's
  settings), reads each file through the record cache (:mod:`.records`: unchanged
  files are not opened) or the guarded parser, then :func:`finish` settles what
  only the whole collection can (date order, settings) and resolves links;
* :func:`apply_changes` folds changed paths (or records the app just wrote) into a
  collection, and ends in the same :func:`finish`, so links are re-resolved the
  same way whether a change comes from the watcher, the editor, a new ADR or a
  reload; :meth:`Collection.replace` is the same step for records given whole.

Lookups by a user's reference (``12``, ``0012-foo.md``, ``docs/adr/0012-foo.md``,
``decision:0003:v1``) live here so every front end answers them the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.select import by_number
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
#: ``parse(path, root)``: reads one file into a record (never raises on bad content).
Parse = Callable[[Path, Path], Adr]
#: A cold read that takes longer than this (seconds) shows what it has read so far.
PARTIAL_AFTER = 0.3


@dataclass
class Collection:
    """The parsed ADRs of one folder, sorted by number then path, links resolved.

    ``settings`` are the repository's own (``.adrtui.toml``), already applied
    to the records; the UI reads ``settings.colours`` (via
    ``settings.colour_of(status)``) and shows ``settings.problems``.
    ``notices`` are what the user should be told once about this load (a
    record cache refused as unsafe, say). A *partial* collection (the first
    records of a slow cold load, see :func:`load_collection`) has its links not
    yet resolved.
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

    def __iter__(self) -> Iterator[Adr]:
        return iter(self.adrs)

    def get(self, rel_path: str) -> Adr | None:
        return self._by_path.get(rel_path)

    def find(self, ref: str) -> list[Adr]:
        """All records a user's reference names (several when numbers clash)."""
        return find_refs(self.adrs, ref, self.root)

    def replace(self, adrs: Iterable[Adr]) -> Collection:
        """A new collection holding exactly these records (finished: see :func:`finish`)."""
        return self._with(finish(adrs, self.settings))

    def _with(self, finished: list[Adr]) -> Collection:
        return Collection(
            self.root,
            sorted(finished, key=by_number),
            self.ignored,
            self.is_example,
            self.settings,
            self.notices,
        )


def finish_reading(adrs: Iterable[Adr], settings: Settings) -> list[Adr]:
    """What only the whole collection can settle, after each file is parsed on its own.

    Ambiguous day/month dates take the order the collection writes dates in
    (:func:`adrtui.domain.parsing.settle_date_order`), names that all start with a
    year carry no number (:func:`adrtui.domain.parsing.settle_year_names`), then the
    repository's own settings apply (status meanings, number pattern). Idempotent.
    """
    from adrtui.domain.parsing import settle_date_order, settle_year_names

    return apply_settings(settle_year_names(settle_date_order(list(adrs))), settings)


def finish(adrs: Iterable[Adr], settings: Settings) -> list[Adr]:
    """Every way records reach a collection ends here: settled, then links resolved.

    Links are resolved last, after the settings' number pattern (links name ADRs
    by number), and over the whole collection, so an inverse (``superseded-by``)
    appears or goes whichever record changed. Resolving is idempotent, so records
    that were resolved before may be finished again. Being the last step also lets
    :func:`adrtui.domain.relations.build_graph` reuse this resolution.
    """
    return _resolve_links(finish_reading(adrs, settings))


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
    candidates: list[Callable[[Adr], bool]] = [
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


def _parse_file(path: Path, root: Path) -> Adr:
    """The guarded reader and parser (imported on first use: ``adrtui search`` may not need it)."""
    from adrtui.domain.parsing import parse_file

    return parse_file(path, root)


def load_collection(
    folder: Path | str,
    *,
    progress: Progress | None = None,
    is_example: bool = False,
    use_cache: bool = True,
    cache_dir: Path | str | None = None,
    settings: Settings | None = None,
    on_partial: Callable[[Collection], None] | None = None,
    partial_after: float = PARTIAL_AFTER,
) -> Collection:
    """Scan, read, settle and resolve every ADR under ``folder``. Never raises on bad files.

    The one loader: the CLI calls it, and so does the browser (in a worker). With
    ``use_cache`` (the default) records of files unchanged since the last load
    come from the record cache (:mod:`adrtui.domain.collection.records`): unchanged
    files are stat'ed, not read, and when no file changed the links resolved last
    time are reused. ``cache_dir`` overrides the cache root. A cache refused as
    unsafe is read from nor written to, and said in ``notices``.

    ``settings`` default to the repository's own ``.adrtui.toml`` (found from
    ``folder`` upwards; none for the bundled example). They are applied after
    parsing, so the cache holds the parser's reading and a settings change takes
    effect without re-parsing.

    ``progress(done, total)`` is called while files are read. ``on_partial`` gets
    a partial collection (sorted, settled, links not yet resolved) so that a list
    can paint before everything is known: the records read so far, when reading
    takes longer than ``partial_after`` seconds with less than 80 % done (a cold
    start on a big folder), and every record once all are read, when their links
    must be resolved (not when the record cache holds them resolved).
    """
    from adrtui.domain.collection.records import load_records

    root = Path(folder).resolve()
    if settings is None:
        settings = DEFAULT_SETTINGS if is_example else load_settings(root)
    found = scan(root, settings)
    notices: list[str] = []
    loaded = Collection(root, [], found.ignored, is_example, settings, notices)

    def settle(adrs: list[Adr]) -> list[Adr]:
        return finish_reading(adrs, settings)

    def partial(adrs: list[Adr]) -> None:
        if on_partial is not None:
            on_partial(loaded._with(settle(adrs)))

    def settled(adrs: list[Adr]) -> None:
        if on_partial is not None:
            on_partial(loaded._with(adrs))

    if use_cache:
        adrs = load_records(
            root,
            found.files,
            _parse_file,
            settle=settle,
            resolve=_resolve_links,
            resolve_key=settings.number.pattern if settings.number is not None else "",
            progress=progress,
            cache_dir=cache_dir,
            on_partial=None if on_partial is None else partial,
            partial_after=partial_after,
            on_settled=None if on_partial is None else settled,
            notices=notices,
        )
    else:
        adrs = finish(_read_all(root, found.files, progress), settings)
    return loaded._with(adrs)


def _resolve_links(adrs: list[Adr]) -> list[Adr]:
    """Links resolved, the records in number order: the order every collection holds
    them in, so that resolving a changed collection can reuse the last resolution (it
    does when the records the resolver knows of are the same, in the same order)."""
    from adrtui.domain.relations import resolve_links

    return resolve_links(sorted(adrs, key=by_number))


def _read_all(root: Path, files: Iterable[Path], progress: Progress | None) -> list[Adr]:
    """Every file parsed, without the record cache."""
    files = list(files)
    total = len(files)
    adrs = []
    for done, path in enumerate(files, 1):
        adrs.append(_parse_file(path, root))
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    return adrs


def apply_changes(
    collection: Collection,
    rel_paths: Iterable[str],
    *,
    records: Mapping[str, Adr] | None = None,
    parse: Parse = _parse_file,
) -> Collection | None:
    """``collection`` with ``rel_paths`` re-read (gone ones removed), or ``None`` if unchanged.

    The one update path, whichever way a change arrives: paths the watcher
    reports (added, modified or deleted files), ``records`` already parsed by the
    app (its own edits: they are used instead of reading their files), a new ADR.
    Each named file is read by ``parse`` (the guarded reader and parser) and the
    result goes through :func:`finish` like a full load: settled, and links
    resolved across the whole collection. A file whose content hash is the one
    already held keeps its record, so re-reading after the app's own write is
    free and changes nothing. The record cache is not written here: the next
    full load re-reads the changed files (their stats differ).
    """
    root = collection.root
    current = {adr.rel_path: adr for adr in collection.adrs}
    changed = False
    for rel_path in dict.fromkeys(rel_paths):
        given = records.get(rel_path) if records else None
        if given is None and rel_path not in current and _is_folder_readme(rel_path):
            continue  # a README the scan judged no ADR (new ones come with a rescan)
        path = root / rel_path
        if given is None and not path.is_file():
            if current.pop(rel_path, None) is not None:
                changed = True
            continue
        try:
            adr = given if given is not None else parse(path, root)
        except OSError:
            continue  # vanished between the check and the read: the next batch says so
        old = current.get(rel_path)
        if old is not None and _same(old, adr):
            continue
        current[rel_path] = adr
        changed = True
    if records:
        for rel_path, adr in records.items():
            old = current.get(rel_path)
            if old is None or not _same(old, adr):
                current[rel_path] = adr
                changed = True
    if not changed:
        return None
    return collection.replace(current.values())


def _is_folder_readme(rel_path: str) -> bool:
    folder, _, name = rel_path.rpartition("/")
    return bool(folder) and name.lower().rpartition(".")[0] in ("readme", "index")


def _same(old: Adr, new: Adr) -> bool:
    """The same file content (by hash when both have one; links aside: they are resolved)."""
    if old.sha1 and new.sha1:
        return old.sha1 == new.sha1 and old.size == new.size
    return dataclasses.replace(old, links=new.links) == new
