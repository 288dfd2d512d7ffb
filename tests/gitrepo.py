"""Git repositories made by tests: commits with fixed dates and authors, renames, merges.

``GitRepo(tmp_path / "repo")`` runs ``git init`` there; ``commit`` takes the author,
the date (ISO 8601, the commit's own offset kept) and the files to write, rename or
remove, so every field a history test checks is known in advance. Git runs with an
argument list and an environment of its own (no user or system config), like adrtui.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

#: Authors used across the history tests (name, email).
ALICE = ("Alice Adams", "alice@example.com")
BOB = ("Bob Brown", "bob@example.com")
CAROL = ("Carol Chen", "carol@example.com")

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(home: Path) -> dict[str, str]:
    """A clean environment for the tests' own git commands (no user config)."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "LC_ALL": "C",
        "TZ": "UTC",
    }


class GitRepo:
    """A repository under ``root`` with helpers to commit exactly what a test needs."""

    def __init__(self, root: Path, *, branch: str = "main") -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = git_env(root.parent)
        self.git("init", "-q", "-b", branch)

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def write(self, rel_path: str, text: str) -> Path:
        path = self.root / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(
        self,
        message: str,
        *,
        when: str,
        author: tuple[str, str] = ALICE,
        files: Mapping[str, str] | None = None,
        renames: Mapping[str, str] | None = None,
        removes: Sequence[str] = (),
    ) -> str:
        """Write ``files``, ``git mv`` each of ``renames`` (old → new), remove ``removes``,
        commit everything as ``author`` at ``when``; returns the new commit's sha."""
        for old, new in (renames or {}).items():
            (self.root / new).parent.mkdir(parents=True, exist_ok=True)
            self.git("mv", old, new)
        for rel_path, text in (files or {}).items():
            self.write(rel_path, text)
        for rel_path in removes:
            self.git("rm", "-q", rel_path)
        self.git("add", "-A")
        name, email = author
        dated = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": when,
        }
        self.git("commit", "-q", "--allow-empty", "-m", message, env=dated)
        return self.head()

    def merge(self, branch: str, *, when: str, author: tuple[str, str] = ALICE) -> str:
        """Merge ``branch`` into the current branch with a merge commit (no fast-forward)."""
        name, email = author
        dated = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": when,
        }
        self.git("merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch, env=dated)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def shallow_clone(self, dest: Path, depth: int = 1) -> Path:
        """A ``--depth`` clone of this repository at ``dest``."""
        subprocess.run(
            ["git", "clone", "-q", f"--depth={depth}", f"file://{self.root}", str(dest)],
            env=self.env,
            capture_output=True,
            check=True,
        )
        return dest


def adr(title: str, status: str, *, date: str | None = None, body: str = "") -> str:
    """A Nygard-style ADR text (``## Status`` section; a ``Date:`` line when given)."""
    dated = f"Date: {date}\n\n" if date else ""
    return (
        f"# {title}\n\n{dated}## Status\n\n{status}\n\n## Context\n\n"
        f"{body or 'Some context.'}\n\n## Decision\n\nWe decide.\n"
    )
