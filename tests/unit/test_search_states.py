"""One answer in every state of the cache: usable, unwritable, read-only, locked, unsafe.

When the index cannot be written the records in memory answer the same query
the same way (same analysis, same ranking); a read-only cache that is current
is used as it is; a cache someone else could write is never opened.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import whoosh
from whoosh.filedb.structfile import StructFile
from whoosh.index import _CURRENT_TOC_VERSION, _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

import adrtui.domain.search.service as search_module
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.files.cache import folder_cache_dir
from adrtui.domain.files.locks import FolderLock
from adrtui.domain.search.service import SearchIndex
from adrtui.domain.search.store import LOCK_FILE, STATE_FILE
from benchmarks.corpus import generate

QUERIES = ("deciding", "kafka ", "number:7", "status:acc", "auth -kafka", "de")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("states") / "adrs"
    generate(folder, 60, seed=3)
    return folder


@pytest.fixture(scope="module")
def truth(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The answers of a freshly built index."""
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=tmp_path_factory.mktemp("truth")) as index:
        index.sync(adrs)
        return {q: list(index.search(q, limit=None).paths) for q in QUERIES}


def answers(index: SearchIndex) -> dict[str, list[str]]:
    return {q: list(index.search(q, limit=None).paths) for q in QUERIES}


def test_the_unstemmed_fallback_is_gone(corpus: Path, truth: dict, tmp_path: Path) -> None:
    """``deciding`` finds every ADR (decision, decided…) with no usable cache too."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=blocker) as index:
        assert index.sync(adrs).read_only
        assert answers(index) == truth
        assert len(truth["deciding"]) == 60
        assert index.ready and not index.search("deciding").approximate


def test_a_lock_held_by_another_process_gives_the_same_answer(
    corpus: Path, truth: dict, tmp_path: Path
) -> None:
    cache = folder_cache_dir(corpus.resolve(), tmp_path)
    cache.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(cache / "write.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        adrs = load_collection(corpus, use_cache=False).adrs
        with SearchIndex.open(corpus, cache_dir=tmp_path, lock_timeout=0.1) as index:
            assert index.sync(adrs).read_only
            assert answers(index) == truth
    finally:
        holder.communicate("")


_HOLD = """
import sys
from pathlib import Path
from adrtui.domain.files.locks import FolderLock
lock = FolderLock(Path(sys.argv[1]))
assert lock.acquire(5)
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_read_only_current_cache_is_used_as_it_is(
    corpus: Path, truth: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        index.sync(adrs)
    # As root, permission bits do not stop writes: say the folder is read-only.
    monkeypatch.setattr(search_module, "private_dir", lambda path: "not writable")
    monkeypatch.setattr(search_module, "MemoryEngine", None)  # must not be needed
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        report = index.sync(adrs)
        assert not report.read_only and not report.rebuilt and index.notices == []
        assert index.root == folder_cache_dir(corpus.resolve(), tmp_path)
        assert answers(index) == truth


def test_a_read_only_cache_behind_the_files_answers_from_memory(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "adrs"
    shutil.copytree(corpus, folder)
    adrs = load_collection(folder, use_cache=False).adrs
    with SearchIndex.open(folder, cache_dir=tmp_path / "c") as index:
        index.sync(adrs)
    edited = adrs[0].path
    edited.write_text(edited.read_text() + "\nA zeppelin appears.\n")
    monkeypatch.setattr(search_module, "private_dir", lambda path: "not writable")
    with SearchIndex.open(folder, cache_dir=tmp_path / "c") as index:
        assert index.sync(load_collection(folder, use_cache=False).adrs).read_only
        assert index.search("zeppelin").paths == (edited.name,)
        assert len(index.notices) == 1 and "cannot write" in index.notices[0]


@pytest.mark.parametrize("target", ["root", "index", "toc", "state", "extra"])
def test_a_cache_others_can_write_is_never_opened(
    corpus: Path, truth: dict, tmp_path: Path, target: str
) -> None:
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        index.sync(adrs)
    cache = folder_cache_dir(corpus.resolve(), tmp_path)
    state = json.loads((cache / STATE_FILE).read_text())
    index_dir = cache / state["index"]
    toc = next(index_dir.glob("*.toc"))
    marker = tmp_path / "pwned"
    if target == "extra":  # a newer table of contents, which Whoosh would prefer
        toc = index_dir / "_MAIN_99.toc"
    # A table of contents that runs code when unpickled, left by someone else.
    plant_toc(toc, marker)
    victims = {"root": cache, "index": index_dir, "state": cache / STATE_FILE}
    victim = victims.get(target, toc)
    os.chmod(victim, 0o777 if victim.is_dir() else 0o666)
    if target != "extra":
        state["files"][toc.name] = toc.stat().st_size  # the attacker can fix sizes too
    state["sums"] = {}
    (cache / STATE_FILE).write_text(json.dumps(state))
    os.chmod(cache / STATE_FILE, 0o666 if target == "state" else 0o600)
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        index.sync(adrs)
        assert answers(index) == truth
        assert not marker.exists()
        assert len(index.notices) == 1
        assert "not private" in index.notices[0] and "temporary folder" in index.notices[0]
        temporary = index.root
        assert temporary != cache
    assert not temporary.exists() and not marker.exists()


def plant_toc(toc: Path, marker: Path) -> None:
    """A table of contents Whoosh reads up to its pickled schema, which touches
    ``marker`` when unpickled (a bare pickle fails Whoosh's header check first)."""
    buffer = io.BytesIO()
    stream = StructFile(buffer)
    for size in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
        stream.write_varint(size)
    stream.write_int(-12345)
    stream.write_int(_CURRENT_TOC_VERSION)
    for number in whoosh.__version__[:3]:
        stream.write_varint(number)
    stream.write_string(pickle.dumps(_Planted(str(marker))))
    toc.write_bytes(buffer.getvalue())


class _Planted:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (Path(self.marker),))


def test_a_zero_filled_postings_file_is_rebuilt_in_the_same_sync(
    corpus: Path, truth: dict, tmp_path: Path
) -> None:
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        index.sync(adrs)
    cache = folder_cache_dir(corpus.resolve(), tmp_path)
    postings = next(cache.glob("index-*/*.pst"))
    postings.write_bytes(bytes(postings.stat().st_size))
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        report = index.sync(adrs)
        assert report.rebuilt
        assert answers(index) == truth
        assert len(index.notices) == 1 and "damaged" in index.notices[0]


def test_a_fifo_where_a_hit_was_indexed_never_blocks_the_excerpt(tmp_path: Path) -> None:
    """Excerpts of a file the records do not hold are read through the guarded reader:
    a FIFO swapped in for an indexed ADR gives no excerpt instead of a hang."""
    import threading

    folder = tmp_path / "adrs"
    generate(folder, 3, seed=5)
    name = sorted(p.name for p in folder.iterdir())[0]
    (folder / name).unlink()
    os.mkfifo(folder / name)
    with SearchIndex.open(folder, cache_dir=tmp_path / "cache") as index:
        texts: list[str] = []
        reader = threading.Thread(target=lambda: texts.append(index._text_of(name)), daemon=True)
        reader.start()
        reader.join(timeout=20)
        if reader.is_alive():  # unblock the reader so the test process can end
            with open(folder / name, "wb"):
                pass
        assert texts == [""], "reading the FIFO blocked"


def test_a_first_build_in_progress_elsewhere_is_not_called_half_written(
    corpus: Path, truth: dict, tmp_path: Path
) -> None:
    """Another adrtui building the first index (its folder there, no state yet, the
    write lock held) is a build to wait for, not a leftover: no 'half-written' notice,
    and once it has finished its index answers."""
    cache = folder_cache_dir(corpus.resolve(), tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    (cache / "index-1").mkdir()
    builder = FolderLock(cache / LOCK_FILE)
    assert builder.acquire()
    try:
        index = SearchIndex.open(corpus, cache_dir=tmp_path)
        assert index.notices == []
    finally:
        builder.release()
    shutil.rmtree(cache / "index-1")  # the other build, finished: ours replaces it
    adrs = load_collection(corpus, use_cache=False).adrs
    with index:
        index.sync(adrs)
        assert answers(index) == truth
        assert index.notices == []


def test_a_folder_left_by_a_build_that_died_is_still_called_half_written(
    corpus: Path, tmp_path: Path
) -> None:
    cache = folder_cache_dir(corpus.resolve(), tmp_path)
    cache.mkdir(parents=True, mode=0o700)
    (cache / "index-1").mkdir()  # nobody holds the lock: its builder is gone
    with SearchIndex.open(corpus, cache_dir=tmp_path) as index:
        assert len(index.notices) == 1 and "half-written" in index.notices[0]


@pytest.mark.parametrize("above", ["folders", "cache root"])
def test_a_cache_folder_others_could_swap_is_never_opened(
    corpus: Path, truth: dict, tmp_path: Path, above: str
) -> None:
    """Whoever can write the folders above ours (``folders`` or the cache root) can
    rename our private folder away and put theirs in its place between a check and
    an open: its table of contents is a pickle, so it is not opened at all."""
    root = tmp_path / "cache"
    adrs = load_collection(corpus, use_cache=False).adrs
    with SearchIndex.open(corpus, cache_dir=root) as index:
        index.sync(adrs)
    cache = folder_cache_dir(corpus.resolve(), root)
    state = json.loads((cache / STATE_FILE).read_text())
    toc = next((cache / state["index"]).glob("*.toc"))
    marker = tmp_path / "pwned"
    plant_toc(toc, marker)  # what a folder swapped in for ours would hold
    state["files"][toc.name] = toc.stat().st_size
    state["sums"] = {}
    (cache / STATE_FILE).write_text(json.dumps(state))
    (cache.parent if above == "folders" else root).chmod(0o777)
    with SearchIndex.open(corpus, cache_dir=root) as index:
        index.sync(adrs)
        assert answers(index) == truth
        assert not marker.exists()
        assert index.root != cache
        assert len(index.notices) == 1 and "writable by others" in index.notices[0]
    assert not marker.exists()
