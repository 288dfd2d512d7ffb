"""A generated git repository with years of ADR history, for the "decisions in time" figures.

    python benchmarks/make_history_repo.py /tmp/adr-history --adrs 2000 --commits 20000
    python benchmarks/make_history_repo.py /tmp/adr-history --one-more

Issue 15 asks for the history pass to be measured on a repository of 2,000 ADRs and
20,000 commits. Making that many commits with ``git commit`` takes many minutes, so
the whole history is written as one ``git fast-import`` stream (one process).

What is in it, deterministic for a ``--seed``:

* ``docs/adr/NNNN-slug.md`` in Nygard style (``# N. Title``, a ``Date:`` line on
  most, a ``## Status`` section), written by seven authors in several time zones,
  author dates in order over ~6 years;
* every ADR is added as ``Proposed``; most are later ``Accepted``, some
  ``Rejected``, a few stay proposed; ~10% of the accepted ones are later
  ``Superseded by [ADR-N](NNNN-x.md)`` when a newer one lands; ~1% are renamed
  (delete + add with the same content in one commit, as ``git mv`` does);
* ``--commits`` counts the commits that touch ``docs/adr`` (merges aside): the
  rest of them are ordinary text edits (never the status), some also touching
  ``src/``; on top of those, one in twenty commits touches only ``README.md`` or
  ``src/``, and every ~300 commits a short branch is merged with ``--no-ff``.

``--one-more`` adds ONE ordinary commit (an edit of one ADR) to an existing
repository with plain ``git`` and a fixed environment (the benchmark's "after one
new commit" figure); :func:`add_one_commit` does the same from Python.
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Fixed authors (name, email, UTC offset as git writes it).
AUTHORS: tuple[tuple[str, str, str], ...] = (
    ("Alice Adams", "alice@example.com", "+0000"),
    ("Bob Brown", "bob@example.com", "+0100"),
    ("Carol Chen", "carol@example.com", "+0800"),
    ("Dmitri Dunaev", "dmitri@example.com", "+0300"),
    ("Eva Estrada", "eva@example.com", "-0500"),
    ("Farid Haddad", "farid@example.com", "+0530"),
    ("Grace Green", "grace@example.com", "-0800"),
)

ADR_DIR = "docs/adr"
#: 2019-01-07 09:00 UTC; the history spans ~6 years from there.
START = 1546851600
SPAN = 6 * 365 * 86400

WORDS = tuple(
    [
        "service",
        "cache",
        "latency",
        "queue",
        "schema",
        "tenant",
        "cluster",
        "deploy",
        "rollback",
        "token",
        "audit",
        "database",
        "replica",
        "index",
        "shard",
        "gateway",
        "contract",
        "event",
        "stream",
        "budget",
        "policy",
        "search",
        "billing",
        "identity",
        "storage",
        "metrics",
        "tracing",
        "logging",
        "release",
        "feature",
        "flag",
        "api",
        "client",
    ]
)
VERBS = ("Use", "Adopt", "Introduce", "Replace", "Keep", "Split", "Move to", "Drop", "Record")


def clean_env(home: Path | str) -> dict[str, str]:
    """git's environment for the builder: no user or system config, fixed locale."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "LC_ALL": "C",
        "TZ": "UTC",
    }


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


@dataclass
class Record:
    """One ADR as the generator knows it (its text is rendered from these fields)."""

    number: int
    title: str
    slug: str
    date: str | None
    status: str = "Proposed"
    sections: dict[str, list[str]] = field(default_factory=dict)
    path: str = ""

    def render(self) -> str:
        dated = f"Date: {self.date}\n\n" if self.date else ""
        parts = [f"# {self.number}. {self.title}\n\n{dated}## Status\n\n{self.status}\n"]
        for name, paragraphs in self.sections.items():
            parts.append(f"\n## {name}\n\n" + "\n\n".join(paragraphs) + "\n")
        return "".join(parts)


def _new_record(number: int, rng: random.Random, when: int) -> Record:
    topic = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))
    title = f"{rng.choice(VERBS)} {topic}"
    slug = "-".join(title.lower().split())
    date = time.strftime("%Y-%m-%d", time.gmtime(when)) if rng.random() < 0.85 else None
    sections = {
        "Context": [_sentence(rng, rng.randint(20, 50)) for _ in range(rng.randint(1, 3))],
        "Decision": [_sentence(rng, rng.randint(15, 40))],
        "Consequences": [_sentence(rng, rng.randint(10, 30)) for _ in range(rng.randint(1, 2))],
    }
    record = Record(number, title, slug, date, sections=sections)
    record.path = f"{ADR_DIR}/{number:04d}-{slug}.md"
    return record


def _edit(record: Record, rng: random.Random) -> None:
    """An ordinary edit: a paragraph rewritten or added, never the status."""
    name = rng.choice(list(record.sections))
    paragraphs = record.sections[name]
    if len(paragraphs) < 5 and rng.random() < 0.5:
        paragraphs.append(_sentence(rng, rng.randint(8, 30)))
    else:
        paragraphs[rng.randrange(len(paragraphs))] = _sentence(rng, rng.randint(10, 40))


@dataclass(order=True)
class _Event:
    due: int
    seq: int
    kind: str = field(compare=False)  # status | supersede | rename
    number: int = field(compare=False)


class _Stream:
    """Writes the fast-import stream: commits on ``main`` or on a short-lived branch."""

    def __init__(self, out) -> None:  # noqa: ANN001
        self.out = out
        self.mark = 0
        self.main_tip = 0  # mark of main's last commit
        self.branch_tip = 0
        self.branch: str | None = None
        self.branch_paths: dict[str, str | None] = {}
        self.commits = 0
        self.merges = 0

    def _data(self, text: str) -> None:
        raw = text.encode("utf-8")
        self.out.write(b"data %d\n" % len(raw))
        self.out.write(raw)
        self.out.write(b"\n")

    def commit(
        self,
        when: int,
        author: tuple[str, str, str],
        message: str,
        writes: dict[str, str],
        deletes: tuple[str, ...] = (),
        merge: int = 0,
    ) -> None:
        self.mark += 1
        name, email, offset = author
        ref = "refs/heads/main" if self.branch is None else f"refs/heads/{self.branch}"
        head = f"commit {ref}\nmark :{self.mark}\n"
        stamp = f"{name} <{email}> {when} {offset}\n"
        self.out.write((head + "author " + stamp + "committer " + stamp).encode("utf-8"))
        self._data(message)
        parent = self.main_tip if self.branch is None else self.branch_tip
        if parent:
            self.out.write(f"from :{parent}\n".encode())
        if merge:
            self.out.write(f"merge :{merge}\n".encode())
        for path in deletes:
            self.out.write(f"D {path}\n".encode())
        for path, text in writes.items():
            self.out.write(f"M 100644 inline {path}\n".encode())
            self._data(text)
        if self.branch is None:
            self.main_tip = self.mark
        else:
            self.branch_tip = self.mark
            for path in deletes:
                self.branch_paths[path] = None
            for path, text in writes.items():
                self.branch_paths[path] = text
        self.commits += 1

    def start_branch(self, name: str) -> None:
        self.branch, self.branch_tip, self.branch_paths = name, self.main_tip, {}

    def merge_branch(self, when: int, author: tuple[str, str, str]) -> None:
        """``git merge --no-ff``: main's tip and the branch's, the branch's tree."""
        name, tip, paths = self.branch, self.branch_tip, self.branch_paths
        self.branch = None
        if tip == self.main_tip:
            return
        writes = {path: text for path, text in paths.items() if text is not None}
        deletes = tuple(path for path, text in paths.items() if text is None)
        self.commit(when, author, f"Merge branch '{name}'", writes, deletes, merge=tip)
        # A branch reset to the null sha is deleted (merged, as after ``git branch -d``).
        self.out.write(f"reset refs/heads/{name}\nfrom {'0' * 40}\n\n".encode())
        self.merges += 1


def build(
    dest: Path, *, adrs: int = 2000, commits: int = 20000, seed: int = 1, git: str = "git"
) -> dict[str, int]:
    """Write the repository at ``dest`` (must not exist or be empty); returns the counts.

    ``commits`` is the number of non-merge commits touching ``docs/adr``.
    """
    rng = random.Random(seed)
    proposed_only = {n for n in range(1, adrs + 1) if rng.random() < 0.03}
    rejected = {n for n in range(1, adrs + 1) if n not in proposed_only and rng.random() < 0.12}
    deciding = [n for n in range(1, adrs + 1) if n not in proposed_only | rejected]
    # At least one supersession and one rename, even in a tiny repository.
    superseders = {n for n in deciding if n >= 3 and rng.random() < 0.11}
    if not superseders and deciding and deciding[-1] >= 3:
        superseders = {deciding[-1]}
    renamed = {n for n in deciding if rng.random() < 0.01}
    if not renamed and deciding:
        renamed = {deciding[0]}
    mandatory = adrs + (adrs - len(proposed_only)) + len(superseders) + len(renamed)
    if commits < mandatory:
        raise SystemExit(f"--commits must be at least {mandatory} for {adrs} ADRs")
    extra = commits // 20  # commits touching only README.md or src/
    total = commits + extra
    step = SPAN / max(total, 1)

    dest.mkdir(parents=True, exist_ok=True)
    env = clean_env(dest.parent)
    subprocess.run([git, "init", "-q", "-b", "main", str(dest)], env=env, check=True)
    proc = subprocess.Popen(
        [git, "fast-import", "--quiet", "--done"],
        cwd=dest,
        env=env,
        stdin=subprocess.PIPE,
    )
    assert proc.stdin is not None
    stream = _Stream(proc.stdin)
    records: dict[int, Record] = {}
    accepted: list[int] = []  # accepted and not (yet) superseded
    heap: list[_Event] = []
    seq = 0
    remaining = mandatory
    next_adr = 1
    add_gap = commits * 0.85 / adrs
    adr_commits = 0
    slot = 0
    counts = {"added": 0, "accepted": 0, "rejected": 0, "superseded": 0, "renamed": 0}
    counts |= {"edits": 0, "other": 0}
    src_files = {f"src/app/module_{i}.py": f"# module {i}\nVALUE = 0\n" for i in range(12)}

    def when_of(index: int) -> int:
        return START + int(index * step) + rng.randint(0, max(int(step) // 2, 1))

    author_of = AUTHORS
    stream.commit(
        when_of(0),
        author_of[0],
        "Initial commit: README and the application skeleton",
        {"README.md": "# Example service\n\nDecisions live in docs/adr.\n", **src_files},
    )
    slot = 1
    while adr_commits < commits:
        slack = (commits - adr_commits) - remaining
        when = START + int(slot * step) + rng.randint(0, max(int(step) // 2, 1))
        author = author_of[rng.randrange(len(author_of))]
        # Now and then a short branch merged with --no-ff (only on main).
        if stream.branch is None and adr_commits > 10 and rng.random() < 1 / 300:
            stream.start_branch(f"topic-{slot}")
            branch_left = rng.randint(2, 4)
        elif stream.branch is not None:
            branch_left -= 1
            if branch_left <= 0:
                stream.merge_branch(when, author)
                slot += 1
                continue
        if rng.random() < extra / max(total, 1) and counts["other"] < extra:
            path = rng.choice(["README.md", *src_files])
            text = src_files.get(path, "# Example service\n")
            text += f"# change {slot}\n"
            if path in src_files:
                src_files[path] = text
            stream.commit(when, author, f"Update {path}", {path: text})
            counts["other"] += 1
            slot += 1
            continue
        event: _Event | None = None
        due_add = next_adr <= adrs and (adr_commits >= (next_adr - 1) * add_gap)
        if heap and (heap[0].due <= adr_commits or (slack <= 0 and not due_add)):
            event = heapq.heappop(heap)
        if event is None and (due_add or (slack <= 0 and next_adr <= adrs)):
            number = next_adr
            next_adr += 1
            record = _new_record(number, rng, when)
            records[number] = record
            if number not in proposed_only:
                seq += 1
                gap = rng.randint(1, 40)
                heapq.heappush(heap, _Event(adr_commits + gap, seq, "status", number))
            writes = {record.path: record.render()}
            if rng.random() < 0.1:
                src = rng.choice(list(src_files))
                src_files[src] += f"# ADR-{number}\n"
                writes[src] = src_files[src]
            stream.commit(when, author, f"ADR {number}: propose {record.title}", writes)
            counts["added"] += 1
            remaining -= 1
        elif event is not None:
            record = records[event.number]
            writes = {}
            deletes: tuple[str, ...] = ()
            if event.kind == "status":
                decision = "Rejected" if event.number in rejected else "Accepted"
                record.status = decision
                writes[record.path] = record.render()
                message = f"ADR {event.number}: {decision.lower()}"
                counts[decision.lower()] += 1
                if decision == "Accepted":
                    if event.number in superseders:
                        seq += 1
                        due = adr_commits + rng.randint(1, 10)
                        heapq.heappush(heap, _Event(due, seq, "supersede", event.number))
                    if event.number in renamed:
                        seq += 1
                        due = adr_commits + rng.randint(5, 200)
                        heapq.heappush(heap, _Event(due, seq, "rename", event.number))
                    accepted.append(event.number)
            elif event.kind == "supersede":
                old_candidates = [n for n in accepted if n < event.number]
                if not old_candidates:
                    remaining -= 1
                    continue
                old = records[old_candidates[rng.randrange(len(old_candidates))]]
                accepted.remove(old.number)
                name = record.path.rsplit("/", 1)[1]
                old.status = f"Superseded by [ADR-{record.number}]({name})"
                record.sections["Context"].append(
                    f"Supersedes [ADR-{old.number}]({old.path.rsplit('/', 1)[1]})."
                )
                writes = {old.path: old.render(), record.path: record.render()}
                message = f"ADR {record.number} supersedes ADR {old.number}"
                counts["superseded"] += 1
            else:  # rename
                old_path = record.path
                record.slug = record.slug + "-" + rng.choice(WORDS)
                record.path = f"{ADR_DIR}/{record.number:04d}-{record.slug}.md"
                deletes = (old_path,)
                writes = {record.path: record.render()}
                message = f"ADR {record.number}: rename to {record.path.rsplit('/', 1)[1]}"
                counts["renamed"] += 1
            stream.commit(when, author, message, writes, deletes)
            remaining -= 1
        else:
            pool = list(records)
            if rng.random() < 0.6:
                pool = pool[-50:]
            record = records[rng.choice(pool)]
            _edit(record, rng)
            writes = {record.path: record.render()}
            if rng.random() < 0.1:
                src = rng.choice(list(src_files))
                src_files[src] += f"# see ADR-{record.number}\n"
                writes[src] = src_files[src]
            stream.commit(when, author, f"ADR {record.number}: reword", writes)
            counts["edits"] += 1
        adr_commits += 1
        slot += 1
    if stream.branch is not None:
        stream.merge_branch(START + int(slot * step) + 1, author_of[0])
    proc.stdin.write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run([git, "reset", "-q", "--hard", "main"], cwd=dest, env=env, check=True)
    counts |= {"adr_commits": adr_commits, "commits": stream.commits, "merges": stream.merges}
    return counts


def add_one_commit(dest: Path, *, seed: int = 1, git: str = "git") -> str:
    """One more ordinary commit (a paragraph added to one ADR); returns its sha.

    Plain ``git`` with a fixed environment; the ADR and the date (a day after HEAD's)
    follow from the seed and the number of commits, so repeated calls differ.
    """
    env = clean_env(dest.parent)

    def run(*args: str, extra: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [git, *args], cwd=dest, env={**env, **(extra or {})}, capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"git {args[0]} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    count = int(run("rev-list", "--count", "HEAD"))
    last = int(run("log", "-1", "--format=%at"))
    rng = random.Random(seed * 1_000_003 + count)
    files = sorted(p for p in run("ls-files", "--", ADR_DIR).splitlines() if p.endswith(".md"))
    path = files[rng.randrange(len(files))]
    target = dest / path
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{_sentence(rng, 12)}\n")
    name, email, offset = AUTHORS[rng.randrange(len(AUTHORS))]
    stamp = f"{last + 86400} {offset}"
    dated = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": stamp,
    }
    run("add", "--", path)
    run("commit", "-q", "-m", f"Reword {Path(path).name}", "--", path, extra=dated)
    return run("rev-parse", "HEAD")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="where to create the repository")
    parser.add_argument("--adrs", type=int, default=2000, help="number of ADRs (2000)")
    parser.add_argument(
        "--commits", type=int, default=20000, help="non-merge commits touching docs/adr (20000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    parser.add_argument(
        "--one-more", action="store_true", help="add one ordinary commit to the repository at DEST"
    )
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        print("git is not installed", file=sys.stderr)
        return 2
    start = time.perf_counter()
    if args.one_more:
        sha = add_one_commit(args.dest, seed=args.seed)
        print(f"one more commit {sha[:10]} in {time.perf_counter() - start:.3f} s")
        return 0
    if args.dest.exists() and any(args.dest.iterdir()):
        if not args.force:
            print(f"{args.dest} exists and is not empty (use --force)", file=sys.stderr)
            return 2
        shutil.rmtree(args.dest)
    counts = build(args.dest, adrs=args.adrs, commits=args.commits, seed=args.seed)
    elapsed = time.perf_counter() - start
    print(
        f"{args.dest}: {counts['commits']} commits ({counts['adr_commits']} touching {ADR_DIR}, "
        f"{counts['other']} only README/src, {counts['merges']} merges) in {elapsed:.1f} s"
    )
    print(
        f"ADRs: {counts['added']} added as Proposed, {counts['accepted']} accepted, "
        f"{counts['rejected']} rejected, {counts['superseded']} superseded, "
        f"{counts['renamed']} renamed; {counts['edits']} ordinary edits"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
