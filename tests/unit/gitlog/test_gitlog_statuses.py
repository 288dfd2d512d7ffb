"""The status of every version, read only where it can move, equals reading every version.

Real ADRs (the shared corpora, in all their styles: Nygard sections, front matter,
tables, bold labels, other languages) are committed, then edited commit after
commit: the status flipped in the file's own format, sentences put anywhere,
lines changed. The history read with the shortcut (parse a version only when its
changed lines could touch the status) must equal the one that parses them all.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import adrtui.domain.gitlog.logpass as logpass
from adrtui.domain.gitlog import read_history
from adrtui.domain.parsing import parse_bytes
from tests.gitrepo import GitRepo, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]

WORDS = ["Accepted", "Rejected", "Deprecated", "Superseded", "Proposed", "Draft", "Piloting"]
SENTENCE = "A sentence about caching, tenants and latency."


def _edit(text: str, rng: random.Random) -> str:
    adr = parse_bytes(text.encode("utf-8"), Path("/x/0001-x.md"), Path("/x"))
    lines = text.split("\n")
    roll = rng.random()
    if roll < 0.4 and adr.status_line and adr.status_raw and adr.status_raw.split():
        at = adr.status_line - 1
        old = adr.status_raw.split()[0]
        new = rng.choice([word for word in WORDS if word.lower() != (adr.status or "")])
        if at < len(lines) and old in lines[at]:
            lines[at] = lines[at].replace(old, new, 1)
    elif roll < 0.75:
        lines.insert(rng.randrange(len(lines) + 1), SENTENCE)
    else:
        at = rng.randrange(len(lines))
        lines[at] = lines[at] + " (edited)"
    return "\n".join(lines)


def test_the_shortcut_reads_the_statuses_parsing_every_version_reads(
    corpora: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(15)
    sources = sorted(path for path in corpora.rglob("*.md") if "expected" not in path.parts)
    texts: dict[str, str] = {}
    for index, path in enumerate(rng.sample(sources, min(60, len(sources)))):
        try:
            texts[f"adr/{index:04d}-{path.stem[:30]}.md"] = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
    repo = GitRepo(tmp_path / "repo")
    repo.commit("All", when="2024-01-01T00:00:00+00:00", files=texts)
    for step in range(40):
        batch = {}
        for name in rng.sample(sorted(texts), 5):
            texts[name] = _edit(texts[name], rng)
            batch[name] = texts[name]
        repo.commit(f"Edit {step}", when=f"2024-02-{1 + step % 28:02d}T00:00:00+00:00", files=batch)

    shortcut = read_history(repo.root / "adr", cache_dir=tmp_path / "a").history
    monkeypatch.setattr(logpass, "_touches_status", lambda difference: True)
    every = read_history(repo.root / "adr", cache_dir=tmp_path / "b").history
    assert shortcut is not None and every is not None
    moved = sum(len(item.transitions) for item in every)
    assert moved > len(texts)  # the edits did move statuses
    for rel, item in every.files.items():
        assert shortcut.of(rel) == item, rel
