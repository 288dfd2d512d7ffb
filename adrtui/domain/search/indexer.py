"""Turning ADRs into a Whoosh index: text analysis, the schema, and writing it safely.

Analysis is ours, not Whoosh's, for speed and so that indexing, querying and
highlighting agree on what a word is: a run of letters or digits
(:data:`TOKEN`), case-folded and stripped of accents (:func:`fold_word`),
stemmed with Porter2 plus a few derivational rules (:func:`stem`), so that
``deciding`` finds ``decision``. Each field computes its BM25 term weights at
index time (see :class:`RankedText`); the query engine in
:mod:`adrtui.domain.search.service` only multiplies them by the term's IDF.

On disk, one folder's cache directory (:mod:`adrtui.domain.collection.records`) holds::

    state.json     which index directory is current, its schema and generation
    write.lock     held by whoever writes (one writer per folder, across processes)
    index-<n>/     a Whoosh index, plus vocab.txt (every indexed word and its stem)

A rebuild writes a new ``index-<n+1>`` and then switches ``state.json`` to it,
so a crash mid-build leaves the old index usable and readers never see a
half-written one. Big writes run in a child process (``python -m
adrtui.domain.search.indexer``, fed a pickled :class:`Job` on stdin) so the app's UI
thread keeps the GIL; small ones run in-process.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from adrtui.domain.collection import index_fingerprint
from adrtui.domain.files import FolderLock, atomic_write
from adrtui.domain.model import Adr

# Whoosh 2.7.4 has invalid escape sequences and ``is`` comparisons with literals:
# compiling it warns (SyntaxWarning on 3.12+, DeprecationWarning on 3.11). Import
# every Whoosh module we use here, once, with those warnings silenced, so a run
# with ``-W error`` stays clean and nothing compiles them later.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import whoosh.analysis
    import whoosh.collectors
    import whoosh.multiproc
    import whoosh.searching
    import whoosh.writing
    from whoosh import fields as wfields
    from whoosh import formats
    from whoosh import index as windex
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.lang.porter2 import stem as _porter2
    from whoosh.system import pack_uint

#: Bumped whenever the schema or the analysis changes: older indexes are rebuilt.
SCHEMA_VERSION = 4

# -- analysis --------------------------------------------------------------------------

#: A word: a run of letters and digits (underscores, hyphens and dots split words).
TOKEN = re.compile(r"[^\W_]+")
#: Shorter or longer words are not indexed (single letters; hashes and base64 blobs).
MIN_WORD = 2
MAX_WORD = 40
#: Words too common to be worth indexing (Whoosh's English list, frozen here).
STOP_WORDS: frozenset[str] = frozenset(whoosh.analysis.STOP_WORDS)

# Porter2 leaves a verb and its -sion/-tion noun apart (decide/decision →
# decid/decis). These rewrite the noun's stem to the verb's, for the patterns
# common in technical prose; both forms of a word always share one stem, so the
# rules only merge, never split.
_DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("cis", "cid"),  # decision → decide
    ("vis", "vid"),  # division, provision → divide, provide
    ("clus", "clud"),  # conclusion, inclusion → conclude, include
    ("miss", "mit"),  # permission, submission → permit, submit
    ("umpt", "um"),  # assumption, consumption → assume, consume
    ("olut", "olv"),  # resolution, solution → resolve, solve
    ("cript", "crib"),  # description, subscription → describe, subscribe
    ("xtens", "xtend"),  # extension → extend
    ("pans", "pand"),  # expansion → expand
)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``word`` case-folded, without accents (``Café`` → ``cafe``)."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (the same split everywhere)."""
    if text.isascii():
        return TOKEN.findall(text.lower())
    return [fold_word(token) for token in TOKEN.findall(text)]


def normalize_value(text: str) -> str:
    """A metadata value as filters compare it (``Ana  Lima`` → ``ana lima``)."""
    return " ".join(words(text))


def indexable(word: str) -> bool:
    return MIN_WORD <= len(word) <= MAX_WORD and word not in STOP_WORDS


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of a folded word; words with digits or non-Latin letters are kept."""
    if not (word.isascii() and word.isalpha()) or len(word) < 3:
        return word
    root = _porter2(word)
    for suffix, replacement in _DERIVATIONS:
        if root.endswith(suffix) and len(root) > len(suffix):
            return root[: -len(suffix)] + replacement
    return root


# -- the schema ------------------------------------------------------------------------


def encode(term: str) -> bytes:
    """A term as index bytes. File names may hold undecodable bytes (surrogate
    escapes): they are kept, never an error."""
    return term.encode("utf-8", "surrogatepass")


#: BM25 parameters; term weights are computed at index time with these.
K1 = 1.2
B = 0.75
#: Typical field lengths in indexed words (the BM25 length normalisation pivot).
TITLE_AVERAGE = 6.0
BODY_AVERAGE = 300.0
#: Title words are indexed for prefixes of this many letters (shorter prefixes
#: than the query engine expands through the vocabulary).
TITLE_PREFIX_LENGTH = 2


class RankedText(wfields.FieldType):
    """Stemmed words, each posting weighted with its BM25 term-frequency factor.

    ``weight = tf·(k1+1) / (tf + k1·(1 − b + b·len/average))`` depends only on
    the document, so it is computed once here; at query time a score is
    ``Σ boost · idf · weight``. Whoosh's own analyzer is bypassed (it is slow
    and would not match :func:`words`): counting is done with ``Counter``.
    """

    def __init__(self, average_length: float, stored: bool = False) -> None:
        super().__init__(
            formats.Frequency(), whoosh.analysis.IDTokenizer(), scorable=False, stored=stored
        )
        self.average_length = average_length

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        counts: Counter[str] = Counter()
        for word, count in Counter(words(value)).items():
            if indexable(word):
                counts[stem(word)] += count
        length = sum(counts.values())
        norm = K1 * (1.0 - B + B * length / self.average_length)
        return [
            (encode(term), tf, tf * (K1 + 1.0) / (tf + norm), pack_uint(tf))
            for term, tf in counts.items()
        ]


class WordPrefixes(wfields.FieldType):
    """The first 1..``max_length`` letters of every word (title prefixes as terms)."""

    def __init__(self, max_length: int) -> None:
        super().__init__(formats.Existence(), whoosh.analysis.IDTokenizer(), scorable=False)
        self.max_length = max_length

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        grams = {
            word[:size]
            for word in set(words(value))
            for size in range(1, min(len(word), self.max_length) + 1)
        }
        return [(encode(gram), 1, 1.0, b"") for gram in grams]


class Keywords(wfields.FieldType):
    """Exact, already-normalised terms (a string or a sequence of strings)."""

    def __init__(self, stored: bool = False) -> None:
        super().__init__(
            formats.Existence(), whoosh.analysis.IDTokenizer(), scorable=False, stored=stored
        )

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        terms = {value} if isinstance(value, str) else set(value)
        return [(encode(term), 1, 1.0, b"") for term in terms if term]


def make_schema() -> wfields.Schema:
    return wfields.Schema(
        path=Keywords(stored=True),
        title=RankedText(TITLE_AVERAGE, stored=True),
        body=RankedText(BODY_AVERAGE),
        tprefix=WordPrefixes(TITLE_PREFIX_LENGTH),
        status=Keywords(stored=True),
        date=Keywords(stored=True),
        number=Keywords(stored=True),
        tags=Keywords(),
        deciders=Keywords(),
        authors=Keywords(),
        consulted=Keywords(),
        informed=Keywords(),
        stat=wfields.STORED(),
    )


#: Status term indexed for records without a status (``status:none`` finds them).
NO_STATUS = "none"


def number_term(number: int) -> str:
    """Numbers are indexed zero-padded so that term order is numeric order."""
    return f"{number:010d}"


def content_key(adr: Adr) -> str:
    """The record's content hash: the file's SHA-1, or a hash of its fields."""
    if adr.sha1:
        return adr.sha1
    digest = hashlib.sha1()
    for value in (
        adr.title,
        adr.status,
        adr.date,
        adr.number,
        adr.deciders,
        adr.tags,
        adr.body,
        adr.authors,
        adr.consulted,
        adr.informed,
    ):
        digest.update(repr(value).encode("utf-8", "surrogatepass") + b"\0")
    return "fields:" + digest.hexdigest()


#: The fields that hold people's names, each indexed like ``deciders``.
PEOPLE_FIELDS: tuple[str, ...] = ("deciders", "authors", "consulted", "informed")


def name_terms(names: Iterable[str]) -> tuple[str, ...]:
    """Index terms of people's names: each whole name folded, and each of its words.

    ``decider:"ana lima"``, ``decider:lima`` and ``decider:ana`` all find Ana Lima.
    """
    terms: set[str] = set()
    for name in names:
        folded = words(name)
        if folded:
            terms.add(" ".join(folded))
            terms.update(folded)
    return tuple(terms)


def document(adr: Adr) -> dict[str, Any]:
    """The Whoosh document of a record (values Whoosh stores are shown in hits)."""
    title = adr.title or ""
    doc: dict[str, Any] = {
        "path": adr.rel_path,
        "title": title,
        "body": adr.body or "",
        "tprefix": title,
        "status": normalize_value(adr.status) if adr.status else NO_STATUS,
        "_stored_status": adr.status,
        "tags": tuple(normalize_value(tag) for tag in adr.tags),
        "deciders": name_terms(adr.deciders),
        "authors": name_terms(adr.authors),
        "consulted": name_terms(adr.consulted),
        "informed": name_terms(adr.informed),
        "stat": (adr.mtime_ns, adr.size, content_key(adr)),
    }
    if adr.date:
        doc["date"] = adr.date.strip().lower()
        doc["_stored_date"] = adr.date
    if adr.number is not None and adr.number >= 0:
        doc["number"] = number_term(adr.number)
        doc["_stored_number"] = adr.number
    return doc


#: The fields Whoosh stores (shown in hits without reading the file).
STORED_FIELDS: tuple[str, ...] = ("path", "title", "status", "date", "number", "stat")


def stored_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """What Whoosh stores of :func:`document`'s ``doc`` (``_stored_x`` wins over ``x``)."""
    stored = {}
    for name in STORED_FIELDS:
        key = f"_stored_{name}"
        if key in doc:
            stored[name] = doc[key]
        elif name in doc:
            stored[name] = doc[name]
    return stored


def vocabulary(docs: Iterable[dict[str, Any]]) -> set[str]:
    """Every indexable word of the documents' titles and bodies (unstemmed)."""
    found: set[str] = set()
    for doc in docs:
        found.update(words(doc.get("title", "")))
        found.update(words(doc.get("body", "")))
    return {word for word in found if indexable(word)}


# -- storage: state, lock, index directories --------------------------------------------

STATE_FILE = "state.json"
LOCK_FILE = "write.lock"
INDEX_PREFIX = "index-"
VOCAB_FILE = "vocab.txt"
#: Block layout: bigger uncompressed blocks are faster to read in bulk.
CODEC_OPTIONS = {"blocklimit": 256, "compression": 0}
#: Memory for each writer's posting pool before it spills to disk.
LIMIT_MB = 96


class StateError(Exception):
    """``state.json`` exists but cannot be read."""


class StaleIndex(Exception):
    """The index is not the generation a job was planned against."""


@dataclass(frozen=True)
class IndexState:
    """What ``state.json`` says: the current index directory and how it was built."""

    schema: int
    fingerprint: str
    index: str
    generation: int = 1
    folder: str = ""
    #: Size of every file of the index when this state was written. Index files
    #: are immutable once written, so a different size means damage.
    files: dict[str, int] = field(default_factory=dict)
    #: A checksum of samples of every file (see :func:`sample_sum`): a file
    #: zero-filled or overwritten in place (a crash, a bad disk) keeps its size.
    sums: dict[str, int] = field(default_factory=dict)

    @property
    def current(self) -> bool:
        """True when built by this adrtui (same schema and parser)."""
        return self.schema == SCHEMA_VERSION and self.fingerprint == index_fingerprint()

    @property
    def key(self) -> tuple[str, int]:
        return (self.index, self.generation)


def file_sizes(index_dir: Path) -> dict[str, int]:
    """The size of each file of an index directory (the lock file aside)."""
    sizes = {}
    for path in index_dir.iterdir():
        if "WRITELOCK" not in path.name and not path.name.startswith("."):
            sizes[path.name] = path.stat().st_size
    return sizes


#: Bytes read at each sample point of :func:`sample_sum`, and the distance between them.
SAMPLE_SIZE = 4096
SAMPLE_EVERY = 1 << 18


def sample_sum(path: Path) -> int:
    """CRC-32 of a file's first and last 4 KiB and of 4 KiB every 256 KiB between.

    Reading a few KiB per file keeps the check cheap enough for every open
    (a whole 60 MB index would cost a tenth of a second), and still catches a
    file zero-filled by a crash or overwritten with other bytes.
    """
    crc = 0
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        for offset in (*range(0, size, SAMPLE_EVERY), max(size - SAMPLE_SIZE, 0)):
            handle.seek(offset)
            crc = zlib.crc32(handle.read(SAMPLE_SIZE), crc)
    return crc


def file_sums(index_dir: Path, names: Iterable[str]) -> dict[str, int]:
    return {name: sample_sum(index_dir / name) for name in names}


def check_files(index_dir: Path, state: IndexState) -> str | None:
    """Why the index files disagree with ``state``, or ``None`` when they agree."""
    for name, size in state.files.items():
        try:
            actual = os.stat(index_dir / name).st_size
        except OSError:
            return f"{name} is missing"
        if actual != size:
            return f"{name} has {actual} bytes instead of {size}"
    for name, expected in state.sums.items():
        try:
            if sample_sum(index_dir / name) != expected:
                return f"{name} was overwritten"
        except OSError:
            return f"{name} is unreadable"
    return None


class IndexStore:
    """The files of one folder's index cache (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.state_path = self.root / STATE_FILE
        self.lock_path = self.root / LOCK_FILE

    def lock(self) -> FolderLock:
        return FolderLock(self.lock_path)

    def read_state(self) -> IndexState | None:
        """The current state, ``None`` when there is none; StateError when unreadable."""
        try:
            raw = self.state_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StateError(error.strerror or type(error).__name__) from error
        try:
            data = json.loads(raw.decode("utf-8"))
            state = IndexState(**data)
            if not state.index.startswith(INDEX_PREFIX) or "/" in state.index:
                raise ValueError(f"bad index name {state.index!r}")
            return state
        except Exception as error:  # noqa: BLE001 - any garbage means unreadable
            raise StateError(type(error).__name__) from error

    def write_state(self, state: IndexState) -> None:
        atomic_write(self.state_path, json.dumps(asdict(state), indent=1).encode("utf-8"))

    def stamp(self) -> tuple[int, int, int] | None:
        """Changes whenever ``state.json`` is replaced (cheap: one stat)."""
        try:
            info = os.stat(self.state_path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def index_dirs(self) -> list[Path]:
        try:
            return sorted(
                path
                for path in self.root.iterdir()
                if path.name.startswith(INDEX_PREFIX) and path.is_dir()
            )
        except OSError:
            return []

    def new_index_dir(self) -> Path:
        numbers = [0]
        for path in self.index_dirs():
            suffix = path.name[len(INDEX_PREFIX) :]
            if suffix.isdigit():
                numbers.append(int(suffix))
        target = self.root / f"{INDEX_PREFIX}{max(numbers) + 1}"
        target.mkdir(parents=True)
        return target

    def remove_other_indexes(self, keep: str) -> None:
        """Delete every index directory but ``keep`` (call with the lock held)."""
        for path in self.index_dirs():
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)


def read_vocab(index_dir: Path) -> tuple[list[str], list[str]]:
    """The sorted vocabulary of an index and the stem of each word (raises if damaged)."""
    text = (index_dir / VOCAB_FILE).read_text(encoding="utf-8")
    header, _, rest = text.partition("\n")
    parts = header.split()
    if parts[:3] != ["#", "adrtui", "vocabulary"] or parts[3:4] != [str(SCHEMA_VERSION)]:
        raise ValueError("vocabulary file has no valid header")
    vocab: list[str] = []
    stems: list[str] = []
    for line in rest.split("\n"):
        if not line:
            continue
        word, _, root = line.partition("\t")
        vocab.append(word)
        stems.append(root or word)
    if len(parts) != 5 or parts[4] != str(len(vocab)) or vocab != sorted(vocab):
        raise ValueError("vocabulary file is incomplete")
    return vocab, stems


def write_vocab(index_dir: Path, stems: Mapping[str, str]) -> None:
    """Write the vocabulary (``{word: stem}``) of an index, sorted by word."""
    lines = [f"# adrtui vocabulary {SCHEMA_VERSION} {len(stems)}"]
    for word in sorted(stems):
        root = stems[word]
        lines.append(word if root == word else f"{word}\t{root}")
    atomic_write(index_dir / VOCAB_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def vocab_stamp(index_dir: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(index_dir / VOCAB_FILE)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def open_index(index_dir: Path) -> Any:
    """Open the Whoosh index in ``index_dir`` (raises on any damage)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return windex.open_dir(os.fspath(index_dir))


# -- writing ---------------------------------------------------------------------------

Progress = Callable[[int, int], None]


@dataclass
class Job:
    """One write to a folder's index: a full rebuild or an incremental update.

    ``base`` is the ``(index, generation)`` the changes were computed against;
    an update refuses to apply them to anything else (``stale``).
    """

    root: str
    mode: str  # "rebuild" | "update"
    docs: list[dict[str, Any]] = field(default_factory=list)
    #: Documents to delete (removed or changed records), as ``(docnum, path)``.
    delete: list[tuple[int, str]] = field(default_factory=list)
    folder: str = ""
    base: tuple[str, int] | None = None
    lock_timeout: float = 0.0
    procs: int = 1
    #: Rebuild even if the index changed since ``base`` (an explicit request).
    force: bool = False


@dataclass
class JobResult:
    """``status`` is ``ok``, ``locked`` (another writer), ``stale`` or ``error``."""

    status: str
    message: str = ""
    state: IndexState | None = None


#: ``on_writing(seconds_so_far, done, total)``: the silent commit phase starts.
WritingHook = Callable[[float, int, int], None]


def execute(
    job: Job, progress: Progress | None = None, on_writing: WritingHook | None = None
) -> JobResult:
    """Run ``job`` under the folder's write lock. Never raises."""
    store = IndexStore(Path(job.root))
    lock = store.lock()
    if not lock.acquire(job.lock_timeout):
        return JobResult("locked", "another adrtui process is writing the search index")
    try:
        try:
            current = store.read_state()
        except StateError:
            current = None
        # While we waited for the lock another process may have done the work:
        # then the caller re-reads the index and plans again.
        if not job.force and (current.key if current else None) != job.base:
            return JobResult("stale", "the index changed since the changes were computed")
        if job.mode == "rebuild":
            state = _rebuild(store, current, job, progress, on_writing)
        else:
            assert current is not None
            state = _update(store, current, job, progress)
        return JobResult("ok", state=state)
    except StaleIndex:
        return JobResult("stale", "the index changed since the changes were computed")
    except Exception as error:  # noqa: BLE001 - reported to the caller as a notice
        return JobResult("error", f"{type(error).__name__}: {error}")
    finally:
        lock.release()


class Codec(W3Codec):
    """Whoosh's codec without per-posting field-length statistics.

    No field here is "scorable" (BM25 weights are precomputed), yet at commit the
    stock codec looks up each posting's field length, and for a field without
    lengths that is a ``stat`` system call per posting: half the build time.
    """

    length_stats = False


def _writer(ix: Any, procs: int, limitmb: int = LIMIT_MB) -> Any:
    # Separate files per segment, not Whoosh's "compound" file: a reader of a
    # compound segment copies each sub-file into memory (BytesIO of the mmap),
    # which would put the whole index in every process's RSS.
    options = {"limitmb": limitmb, "codec": Codec(**CODEC_OPTIONS), "compound": False}
    if procs > 1:
        return ix.writer(procs=procs, multisegment=True, **options)
    return ix.writer(**options)


def _rebuild(
    store: IndexStore,
    previous: IndexState | None,
    job: Job,
    progress: Progress | None,
    on_writing: WritingHook | None = None,
) -> IndexState:
    target = store.new_index_dir()
    count = len(job.docs)
    # Progress counts the documents, then a final "writing" stretch (Whoosh
    # writes every posting at commit, which takes about as long as reading the
    # documents did and reports nothing: it is estimated from elapsed time).
    writing = max(count // 2, 1)
    total = count + writing
    try:
        ix = windex.create_in(os.fspath(target), make_schema())
        writer = _writer(ix, job.procs if count >= 2 * 256 else 1)
        started = time.monotonic()
        try:
            for done, doc in enumerate(job.docs, 1):
                writer.add_document(**doc)
                if progress is not None and done % 100 == 0:
                    progress(done, total)
            write_vocab(target, {word: stem(word) for word in vocabulary(job.docs)})
        except BaseException:
            writer.cancel()
            raise
        if on_writing is not None:
            on_writing(time.monotonic() - started, count, total)
        writer.commit()
        ix.close()
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    generation = (previous.generation + 1) if previous is not None else 1
    state = IndexState(
        SCHEMA_VERSION,
        index_fingerprint(),
        target.name,
        generation,
        job.folder,
        sizes := file_sizes(target),
        file_sums(target, sizes),
    )
    store.write_state(state)
    store.remove_other_indexes(keep=target.name)
    if progress is not None:
        progress(total, total)
    return state


def _update(
    store: IndexStore, current: IndexState, job: Job, progress: Progress | None
) -> IndexState:
    index_dir = store.root / current.index
    vocab, stems = read_vocab(index_dir)
    known = dict(zip(vocab, stems, strict=True))
    new_words = vocabulary(job.docs) - known.keys()
    if new_words:  # written first: a superset of the index's words is harmless
        known.update((word, stem(word)) for word in new_words)
        write_vocab(index_dir, known)
    ix = open_index(index_dir)
    writer = _writer(ix, 1, limitmb=32)
    total = len(job.docs) + len(job.delete)
    try:
        with ix.reader() as reader:
            for docnum, path in job.delete:
                # Docnums come from the caller's view of this generation; a path
                # that does not match means the index moved on: plan again.
                if reader.is_deleted(docnum) or reader.stored_fields(docnum)["path"] != path:
                    raise StaleIndex(path)
        for docnum, _ in job.delete:
            writer.delete_document(docnum)
        for done, doc in enumerate(job.docs, len(job.delete) + 1):
            writer.add_document(**doc)
            if progress is not None and done % 100 == 0:
                progress(done, total + 1)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    state = IndexState(
        current.schema,
        current.fingerprint,
        current.index,
        current.generation + 1,
        job.folder,
        sizes := file_sizes(index_dir),
        file_sums(index_dir, sizes),
    )
    store.write_state(state)
    if progress is not None:
        progress(total + 1, total + 1)
    return state


# -- running a job in a child process ---------------------------------------------------


def run_job_in_subprocess(
    job: Job, progress: Progress | None = None, *, cancel: threading.Event | None = None
) -> JobResult:
    """Run ``job`` in ``python -m adrtui.domain.search.indexer`` and relay its progress.

    Indexing is CPU-bound pure Python; in a thread it would hold the GIL and
    stall the UI, in a child process it only costs a core.
    """
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore::SyntaxWarning,ignore::DeprecationWarning"
    with tempfile.TemporaryFile() as errors:
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "adrtui.domain.search.indexer"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=env,
            )
        except OSError as error:
            return JobResult("error", f"cannot start the indexer: {error}")
        result: JobResult | None = None
        try:
            feeder = threading.Thread(target=_feed, args=(child, payload), daemon=True)
            feeder.start()
            assert child.stdout is not None
            ticker: _Estimate | None = None
            for raw in child.stdout:
                line = raw.decode("utf-8", "replace").strip()
                kind, _, rest = line.partition(" ")
                if ticker is not None:
                    ticker.stop()
                    ticker = None
                if kind == "progress" and progress is not None:
                    done, _, total = rest.partition(" ")
                    with contextlib.suppress(ValueError):
                        progress(int(done), int(total))
                elif kind == "writing" and progress is not None:
                    with contextlib.suppress(ValueError):
                        seconds, done, total = rest.split()
                        ticker = _Estimate(progress, int(done), int(total), float(seconds))
                elif kind == "result":
                    result = _result_from_json(rest)
                if cancel is not None and cancel.is_set():
                    child.kill()
                    break
            if ticker is not None:
                ticker.stop()
            feeder.join()
            child.wait()
        except BaseException:
            child.kill()
            child.wait()
            raise
        if result is None:
            errors.seek(0)
            detail = errors.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit status {child.returncode}"
            return JobResult("error", f"the indexer failed: {reason}")
        return result


class _Estimate:
    """Progress through the commit, during which Whoosh reports nothing.

    Writing the postings takes about as long as reading the documents did, so a
    helper thread moves the bar from ``done`` towards ``total`` by elapsed time
    (never past 95% of the way) until the child's next line arrives.
    """

    def __init__(self, progress: Progress, done: int, total: int, expected: float) -> None:
        self._finished = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(progress, done, total, max(expected, 0.5)),
            name="adrtui-index-progress",
            daemon=True,
        )
        self._thread.start()

    def _run(self, progress: Progress, done: int, total: int, expected: float) -> None:
        start = time.monotonic()
        while not self._finished.wait(0.25):
            share = min(0.95, (time.monotonic() - start) / expected)
            progress(done + int((total - done) * share), total)

    def stop(self) -> None:
        self._finished.set()
        self._thread.join()


def _feed(child: subprocess.Popen[bytes], payload: bytes) -> None:
    assert child.stdin is not None
    with contextlib.suppress(OSError):
        child.stdin.write(payload)
    with contextlib.suppress(OSError):
        child.stdin.close()


def _result_from_json(text: str) -> JobResult:
    try:
        data = json.loads(text)
        state = IndexState(**data["state"]) if data.get("state") else None
        return JobResult(str(data["status"]), str(data.get("message", "")), state)
    except Exception as error:  # noqa: BLE001
        return JobResult("error", f"unreadable indexer result: {error}")


def _child_main() -> int:
    job = pickle.load(sys.stdin.buffer)
    if not isinstance(job, Job):
        print('result {"status": "error", "message": "bad job"}', flush=True)
        return 2

    def report(done: int, total: int) -> None:
        with contextlib.suppress(OSError):
            print(f"progress {done} {total}", flush=True)

    def writing(seconds: float, done: int, total: int) -> None:
        with contextlib.suppress(OSError):
            print(f"writing {seconds:.3f} {done} {total}", flush=True)

    result = execute(job, report, writing)
    data = {
        "status": result.status,
        "message": result.message,
        "state": asdict(result.state) if result.state else None,
    }
    print("result " + json.dumps(data), flush=True)
    return 0 if result.status == "ok" else 1


if __name__ == "__main__":
    # Run the importable module's code, not this ``__main__`` copy, so the pickled
    # Job and the schema's field classes resolve to one module.
    from adrtui.domain.search.indexer import _child_main as child_main

    sys.exit(child_main())
