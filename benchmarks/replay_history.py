"""Replay a real ADR collection into a new git repository, in date order, with several authors.

    python benchmarks/replay_history.py ../shared/corpora/adr-tools /tmp/adr-tools-history
    adrtui /tmp/adr-tools-history           # created / changed / authors, the timeline

Issue 15 is checked by hand in a terminal on a repository with years of ADR
history. The shared corpora are copies of files, without their history, so this
script makes one (``SRC`` is only read; ``DEST`` is a new repository):

* the collection's files land under ``DEST/docs/adr/`` (``--into``), relative
  paths mirrored (nested folders stay nested); what is not an ADR (README,
  template, images) comes in the first commit;
* each ADR is first committed as *Proposed*: only the status of that first version
  is rewritten, generically, on the line the parser read it from
  (:attr:`Adr.status_line`, :attr:`Adr.status_raw`), and the rewrite is checked
  by parsing it again (a status it cannot rewrite is kept as written);
* its commit date is the ADR's own date (at a working hour in its author's time
  zone); an undated ADR gets a date spread between its dated neighbours (by
  number), and its file stays undated: git supplies that date, which is the point;
* for most ADRs an ordinary edit follows within days (the last paragraph, held
  back from the first version, is added), then, by another author, the commit
  that sets the status as the file has it; a superseded ADR is accepted first and
  marked superseded in the commit that accepts its successor (its
  ``superseded-by`` link, else the next ADR to land);
* ADRs without a status keep their text; they only get the edit.

Deterministic for a ``--seed``; built with one ``git fast-import``.
"""

from __future__ import annotations

import argparse
import calendar
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_history_repo import AUTHORS, clean_env  # noqa: E402

DAY = 86400
#: Where a collection with no dated ADR at all starts (2017-03-01 UTC), and the gap
#: between undated ADRs with no dated neighbour.
NO_DATE_START = 1488326400
UNDATED_GAP = 18 * DAY
MAX_OTHER_BYTES = 5 * 1024 * 1024


@dataclass
class Version:
    """One commit: when, by whom, what it says, what it writes."""

    when: int
    seq: int
    author: tuple[str, str, str]
    message: str
    writes: dict[str, bytes] = field(default_factory=dict)


def _offset_seconds(offset: str) -> int:
    sign = -1 if offset.startswith("-") else 1
    return sign * (int(offset[1:3]) * 3600 + int(offset[3:5]) * 60)


def _local(day: str, author: tuple[str, str, str], rng: random.Random) -> int:
    """A working-hour timestamp on ``day`` (YYYY-MM-DD) in the author's time zone."""
    midnight = calendar.timegm(time.strptime(day, "%Y-%m-%d"))
    hour = rng.randint(9 * 3600, 18 * 3600)
    return midnight + hour - _offset_seconds(author[2])


def _day(timestamp: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(timestamp))


def _cased(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word.capitalize()
    return word.lower()


def with_status(data: bytes, adr, word: str) -> bytes | None:  # noqa: ANN001 - an Adr
    """``data`` with the status on :attr:`Adr.status_line` replaced by ``word``.

    The whole status as written when the line holds it, else its first word. Returns
    ``None`` when the line does not hold it or the result does not read as ``word``.
    """
    from adrtui.domain.parsing import parse_bytes

    if not adr.status_line or not adr.status_raw:
        return None
    text = data.decode(adr.encoding if adr.encoding else "utf-8", errors="surrogateescape")
    lines = text.splitlines(keepends=True)
    index = adr.status_line - 1
    if index >= len(lines):
        return None
    line = lines[index]
    raw = adr.status_raw.strip()
    found = re.search(re.escape(raw), line, re.IGNORECASE)
    if found is None:
        first = raw.split()[0] if raw.split() else ""
        found = re.search(r"\b" + re.escape(first) + r"\b", line, re.IGNORECASE) if first else None
    if found is None:
        return None
    new_line = line[: found.start()] + _cased(word, found.group(0)) + line[found.end() :]
    lines[index] = new_line
    out = "".join(lines).encode(adr.encoding or "utf-8", errors="surrogateescape")
    check = parse_bytes(out, adr.path, adr.path.parent)
    return out if check.status == word.lower() else None


def held_back(data: bytes, adr) -> bytes | None:  # noqa: ANN001 - an Adr
    """``data`` without its last paragraph (added back by a later edit), or ``None``
    when the last paragraph is the status or there is too little text."""
    text = data.decode("utf-8", errors="surrogateescape")
    blocks = [m.end(1) for m in re.finditer(r"(\r?\n)[ \t]*\r?\n(?=\S)", text)]
    if len(blocks) < 3:
        return None
    cut = blocks[-1]
    if adr.status_line and text.count("\n", 0, cut) < adr.status_line + 1:
        return None
    return text[:cut].encode("utf-8", errors="surrogateescape")


def _spread(adrs: list, rng: random.Random) -> dict[str, int]:  # noqa: ANN001
    """Each ADR's day (midnight UTC): its own date, else between dated neighbours."""
    days: dict[str, int] = {}
    dated = [
        (i, calendar.timegm(time.strptime(adr.date, "%Y-%m-%d")))
        for i, adr in enumerate(adrs)
        if adr.date and not adr.git_filled
    ]
    for i, adr in enumerate(adrs):
        before = [(j, t) for j, t in dated if j <= i]
        after = [(j, t) for j, t in dated if j >= i]
        if before and before[-1][0] == i:
            days[adr.rel_path] = before[-1][1]
        elif before and after:
            (j0, t0), (j1, t1) = before[-1], after[0]
            share = (i - j0) / (j1 - j0)
            days[adr.rel_path] = t0 + int((t1 - t0) * share) // DAY * DAY
        elif before:
            days[adr.rel_path] = before[-1][1] + (i - before[-1][0]) * UNDATED_GAP
        elif after:
            days[adr.rel_path] = after[0][1] - (after[0][0] - i) * UNDATED_GAP
        else:
            days[adr.rel_path] = NO_DATE_START + i * UNDATED_GAP + rng.randint(0, 5) * DAY
    return days


def _order_key(adr) -> tuple:  # noqa: ANN001
    return (adr.number is None, adr.number or 0, adr.rel_path)


def plan(
    src: Path, *, authors: int = 4, seed: int = 1, into: str = "docs/adr"
) -> tuple[list[Version], dict[str, int]]:
    """The commits that replay ``src``, oldest first, and counts for the report."""
    from adrtui.domain.collection.folder import load_collection

    rng = random.Random(seed)
    people = AUTHORS[: max(1, min(authors, len(AUTHORS)))]
    collection = load_collection(src, use_cache=False)
    adrs = sorted(collection.adrs, key=_order_key)
    days = _spread(adrs, rng)
    prefix = into.strip("/") + "/" if into.strip("/") else ""
    versions: list[Version] = []
    seq = 0
    counts = {"adrs": len(adrs), "proposed_first": 0, "edits": 0, "status": 0, "superseded": 0}
    counts["undated"] = sum(1 for adr in adrs if not adr.date)

    def add(when: int, author: tuple[str, str, str], message: str, writes: dict) -> Version:
        nonlocal seq
        seq += 1
        version = Version(when, seq, author, message, writes)
        versions.append(version)
        return version

    decided: dict[str, Version] = {}  # rel_path -> the commit that set its status (or added it)
    superseded: list[tuple] = []
    landing: list[tuple[int, str]] = []
    for adr in adrs:
        data = adr.path.read_bytes()
        path = prefix + adr.rel_path
        owner = people[rng.randrange(len(people))]
        reviewers = [p for p in people if p != owner] or [owner]
        start = _local(_day(days[adr.rel_path]), owner, rng)
        name = adr.title or adr.rel_path
        final = adr.status
        first = data
        if final not in (None, "proposed"):
            proposed = with_status(data, adr, "Proposed")
            if proposed is not None:
                first = proposed
                counts["proposed_first"] += 1
        shorter = held_back(first, adr) if rng.random() < 0.75 else None
        verb = "Propose" if first != data or final == "proposed" else "Add"
        add(start, owner, f"{verb} {name}", {path: shorter or first})
        landing.append((start, adr.rel_path))
        when = start
        if shorter is not None:
            when += rng.randint(2 * 3600, 4 * DAY)
            add(
                when,
                owner if rng.random() < 0.7 else rng.choice(people),
                f"{name}: consequences",
                {path: first},
            )
            counts["edits"] += 1
        if first == data:
            decided[adr.rel_path] = versions[-1]
            continue
        when += rng.randint(DAY, 14 * DAY)
        reviewer = rng.choice(reviewers)
        if final == "superseded":
            accepted = with_status(data, adr, "Accepted")
            if accepted is not None:
                decided[adr.rel_path] = add(when, reviewer, f"Accept {name}", {path: accepted})
                counts["status"] += 1
            successor = next((lk.path for lk in adr.links_of("superseded-by") if lk.path), None)
            superseded.append((adr, path, data, successor, when))
            continue
        decided[adr.rel_path] = add(when, reviewer, f"{final.capitalize()}: {name}", {path: data})
        counts["status"] += 1
    landing.sort()
    for adr, path, data, successor, after in superseded:
        target = decided.get(successor) if successor else None
        if target is None or target.when <= after:
            later = [rel for when, rel in landing if when > after and rel != adr.rel_path]
            target = decided.get(later[0]) if later else None
        if target is not None and target.when > after:
            target.writes[path] = data
            target.message += f" (supersedes {adr.title or adr.rel_path})"
        else:
            add(after + DAY, people[0], f"Supersede {adr.title or adr.rel_path}", {path: data})
        counts["superseded"] += 1
    versions.sort(key=lambda v: (v.when, v.seq))
    adr_files = {adr.path.resolve() for adr in adrs}
    others: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for file_name in sorted(files):
            full = Path(folder) / file_name
            if full.is_symlink() or full.resolve() in adr_files:
                continue
            if full.stat().st_size <= MAX_OTHER_BYTES:
                others[prefix + full.relative_to(src).as_posix()] = full.read_bytes()
    if others or not versions:
        first_when = versions[0].when - DAY if versions else NO_DATE_START
        versions.insert(0, Version(first_when, 0, people[0], "Start the decision log", others))
    counts["other_files"] = len(others)
    counts["commits"] = len(versions)
    return versions, counts


def write_repo(dest: Path, versions: list[Version], *, git: str = "git") -> None:
    """Create ``dest`` and commit ``versions`` on ``main`` with one ``git fast-import``."""
    dest.mkdir(parents=True, exist_ok=True)
    env = clean_env(dest.parent)
    subprocess.run([git, "init", "-q", "-b", "main", str(dest)], env=env, check=True)
    proc = subprocess.Popen(
        [git, "fast-import", "--quiet", "--done"], cwd=dest, env=env, stdin=subprocess.PIPE
    )
    assert proc.stdin is not None
    out = proc.stdin
    for mark, version in enumerate(versions, start=1):
        name, email, offset = version.author
        stamp = f"{name} <{email}> {version.when} {offset}\n"
        message = version.message.encode("utf-8")
        out.write(f"commit refs/heads/main\nmark :{mark}\n".encode())
        out.write(f"author {stamp}committer {stamp}".encode())
        out.write(b"data %d\n%s\n" % (len(message), message))
        if mark > 1:
            out.write(f"from :{mark - 1}\n".encode())
        for path, data in version.writes.items():
            out.write(f"M 100644 inline {path}\n".encode())
            out.write(b"data %d\n%s\n" % (len(data), data))
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run([git, "reset", "-q", "--hard", "main"], cwd=dest, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="an ADR collection (only read)")
    parser.add_argument("dest", type=Path, help="the new repository (must not exist)")
    parser.add_argument("--authors", type=int, default=4, help="number of authors (4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--into", default="docs/adr", help="folder in DEST (docs/adr)")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        print("git is not installed", file=sys.stderr)
        return 2
    src, dest = args.src.resolve(), args.dest.resolve()
    if dest == src or src in dest.parents or dest in src.parents:
        print("DEST must be outside SRC (and SRC outside DEST)", file=sys.stderr)
        return 2
    if dest.exists() and any(dest.iterdir()):
        if not args.force:
            print(f"{dest} exists and is not empty (use --force)", file=sys.stderr)
            return 2
        shutil.rmtree(dest)
    start = time.perf_counter()
    versions, counts = plan(src, authors=args.authors, seed=args.seed, into=args.into)
    write_repo(dest, versions)
    span = f"{_day(versions[0].when)} .. {_day(versions[-1].when)}" if versions else "-"
    print(
        f"{dest}: {counts['commits']} commits ({span}) replaying {counts['adrs']} ADRs "
        f"({counts['undated']} undated) in {time.perf_counter() - start:.1f} s"
    )
    print(
        f"first version proposed: {counts['proposed_first']}; status set later: "
        f"{counts['status']}; superseded later: {counts['superseded']}; edits: "
        f"{counts['edits']}; other files in the first commit: {counts['other_files']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
