"""Writing a folder's index: full rebuilds and incremental updates, under the write lock.

A :class:`Job` (the documents to add, the documents to delete, the generation it
was planned against) runs through :func:`execute` under the folder's write lock.
Big jobs run in a child process, ``python -m adrtui.domain.search.writer``, fed
the pickled job on stdin (:func:`run_job_in_subprocess`): indexing is CPU-bound
pure Python, and in a thread it would hold the GIL and stall the browser. Small
jobs run in-process.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from adrtui.domain.collection import index_fingerprint
from adrtui.domain.search._whoosh import W3Codec, windex
from adrtui.domain.search.analysis import stem
from adrtui.domain.search.schema import SCHEMA_VERSION, make_schema, vocabulary
from adrtui.domain.search.store import (
    IndexState,
    IndexStore,
    StaleIndex,
    StateError,
    file_sizes,
    file_sums,
    open_index,
    read_vocab,
    write_vocab,
)

#: Block layout: bigger uncompressed blocks are faster to read in bulk.
CODEC_OPTIONS = {"blocklimit": 256, "compression": 0}
#: Memory for each writer's posting pool before it spills to disk.
LIMIT_MB = 96


Progress = Callable[[int, int], None]

#: Errors that say the cache has no room: the disk or a quota is full, or the file
#: would be larger than ``ulimit -f`` allows.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class ShortWrite(Exception):
    """An index was committed without every document (a worker of a parallel build
    could not write its segment, and Whoosh drops what it does not get back)."""


def no_room(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it) says the cache is out of room."""
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, ShortWrite) or getattr(seen, "errno", None) in _NO_ROOM:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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
    """``status`` is ``ok``, ``locked`` (another writer), ``stale``, ``full`` (no room
    in the cache: nothing was written) or ``error``."""

    status: str
    message: str = ""
    state: IndexState | None = None
    #: False when the write was not even tried (the cache was still full).
    retried: bool = True


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
        status = "full" if no_room(error) else "error"
        return JobResult(status, f"{type(error).__name__}: {error}")
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
        # What was committed, not what was sent: a parallel build's worker that
        # cannot write (a full disk) leaves its documents out, without an error.
        written = open_index(target).doc_count_all()
        if written != count:
            raise ShortWrite(f"only {written} of {count} ADRs were written")
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
    """Run ``job`` in ``python -m adrtui.domain.search.writer`` and relay its progress.

    Indexing is CPU-bound pure Python; in a thread it would hold the GIL and
    stall the UI, in a child process it only costs a core.
    """
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore::SyntaxWarning,ignore::DeprecationWarning"
    with tempfile.TemporaryFile() as errors:
        try:
            child = subprocess.Popen(
                [sys.executable, "-m", "adrtui.domain.search.writer"],
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
            if child.returncode == -getattr(signal, "SIGXFSZ", -1):
                return JobResult("full", "the indexer wrote past the file size limit")
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


#: The child's niceness: a build is background work (the browser builds its first
#: index while someone types), so the process drawing their screen gets the cores first.
CHILD_NICE = 10


def _child_main() -> int:
    with contextlib.suppress(OSError, AttributeError):  # (no os.nice on Windows)
        os.nice(CHILD_NICE)  # inherited by the build's own worker processes
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
    from adrtui.domain.search.writer import _child_main as child_main

    sys.exit(child_main())
