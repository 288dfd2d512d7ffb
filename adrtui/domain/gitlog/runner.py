"""Running git: an argument list, a clean environment, a timeout, never a write.

Every git process adrtui starts goes through :class:`Git`. The environment is
rebuilt from scratch (only ``PATH``, ``HOME`` and ``XDG_CONFIG_HOME`` survive) so
that an inherited ``GIT_DIR``, ``GIT_INDEX_FILE`` or ``GIT_EXTERNAL_DIFF`` can
neither point git elsewhere nor run a program; ``GIT_OPTIONAL_LOCKS=0`` keeps
read-only commands from refreshing the index (adrtui never writes to the
repository), ``GIT_TERMINAL_PROMPT=0`` keeps git from asking for a password and
``LC_ALL=C`` keeps its messages in English for :func:`refusal_note`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Environment variable: ``0`` (or ``off``/``false``/``no``) turns git history off.
GIT_ENV = "ADRTUI_GIT"

#: Seconds any one git command may take before adrtui gives up on it.
TIMEOUT = 60.0

#: Options given to every git command: no pager, no signature checks (they run gpg),
#: no fsmonitor daemon, paths printed as they are (decoded by adrtui, never quoted).
_OPTIONS = (
    "--no-pager",
    "-c",
    "core.quotepath=off",
    "-c",
    "log.showSignature=false",
    "-c",
    "core.fsmonitor=false",
)

_KEPT = ("PATH", "HOME", "XDG_CONFIG_HOME", "SYSTEMROOT", "USERPROFILE")


def turned_off() -> bool:
    """True when the user turned git history off (``ADRTUI_GIT=0``)."""
    return os.environ.get(GIT_ENV, "").strip().lower() in {"0", "off", "false", "no"}


def clean_env() -> dict[str, str]:
    """The environment git runs in: nothing inherited but where programs and config are."""
    env = {name: os.environ[name] for name in _KEPT if name in os.environ}
    env.setdefault("PATH", os.defpath)
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", GIT_PAGER="cat")
    return env


class GitError(Exception):
    """A git command failed; ``note`` is the short reason for a status bar."""

    def __init__(self, note: str, stderr: str = "", returncode: int | None = None) -> None:
        super().__init__(note)
        self.note = note
        self.stderr = stderr
        self.returncode = returncode


def refusal_note(stderr: str) -> str:
    """One short line saying why git would not read this folder."""
    text = stderr.lower()
    if "dubious ownership" in text or "safe.directory" in text:
        return "no git history: git refuses this repository (safe.directory)"
    if "not a git repository" in text:
        return "no git history: not a git repository"
    if "cannot change to" in text:
        return "no git history: the folder is gone"
    first = next((line.strip() for line in stderr.splitlines() if line.strip()), "")
    return f"no git history: {first[:80]}" if first else "no git history: git failed"


@dataclass(frozen=True)
class Git:
    """How to run git: which executable, with which timeout."""

    executable: str = "git"
    timeout: float = TIMEOUT

    def argv(self, cwd: Path | str, args: Sequence[str]) -> list[str]:
        return [self.executable, *_OPTIONS, "-C", os.fspath(cwd), *args]

    def run(
        self,
        cwd: Path | str,
        args: Sequence[str],
        *,
        input: bytes | None = None,
        check: bool = True,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run ``git -C cwd args``; its output as bytes. Raises :class:`GitError` only."""
        try:
            done = subprocess.run(
                self.argv(cwd, args),
                input=input,
                stdin=None if input is not None else subprocess.DEVNULL,
                capture_output=True,
                env=clean_env(),
                timeout=timeout or self.timeout,
                check=False,
            )
        except FileNotFoundError as error:
            raise GitError("no git history: git is not installed") from error
        except PermissionError as error:
            raise GitError("no git history: git cannot be run") from error
        except subprocess.TimeoutExpired as error:
            raise GitError(f"no git history: git {args[0]} took too long") from error
        except OSError as error:
            raise GitError(f"no git history: {error.strerror or error}") from error
        if check and done.returncode != 0:
            stderr = done.stderr.decode("utf-8", "replace")
            raise GitError(refusal_note(stderr), stderr, done.returncode)
        return done

    def popen(
        self, cwd: Path | str, args: Sequence[str], *, stdin: Any = None, stderr: Any = None
    ) -> subprocess.Popen[bytes]:
        """Start ``git -C cwd args``, its output piped (read as it comes, or capped).

        ``stdin`` is /dev/null unless given; ``stderr`` is piped unless given (a file:
        a pipe nobody reads could fill and stall git).
        """
        try:
            return subprocess.Popen(
                self.argv(cwd, args),
                stdin=subprocess.DEVNULL if stdin is None else stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if stderr is None else stderr,
                env=clean_env(),
            )
        except FileNotFoundError as error:
            raise GitError("no git history: git is not installed") from error
        except OSError as error:
            raise GitError(f"no git history: {error.strerror or error}") from error
