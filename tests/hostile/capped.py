"""Run adrtui the way a hostile repository would meet it: in a child process,
under a memory cap and a time limit, with a private cache, config and home.

A regression in a hostile-input test must fail that test, never take the
machine down with it: one uncapped ``adrtui list`` on a 408-byte YAML file once
grew to 23.7 GB. Every fault-injection test that runs adrtui on bad input goes
through :func:`run_capped`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: Address-space cap for a child: generous for a real collection, tiny next to a
#: billion laughs.
MEMORY_CAP = 1 << 30
#: Seconds a capped child may run before the test fails.
TIME_LIMIT = 120

#: Bytes that must never reach a terminal from untrusted text.
FORBIDDEN_BYTES = (b"\x1b", b"\x07", b"\x9b", b"\x9d")


def limits(memory: int = MEMORY_CAP, file_size: int | None = None) -> Callable[[], None]:
    """A ``preexec_fn`` capping address space (and, optionally, file size: a full disk)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            import signal

            # Writes past the limit fail with EFBIG instead of killing the child.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


def isolated_env(base: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child adrtui: its own cache, config and home under ``base``."""
    env = dict(os.environ)
    env["ADRTUI_CACHE_DIR"] = str(base / "cache")
    env["ADRTUI_CONFIG_DIR"] = str(base / "config")
    env["HOME"] = str(base / "home")
    env.pop("NO_COLOR", None)
    if extra:
        env.update(extra)
    return env


def run_capped(
    args: Sequence[str],
    base: Path,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    memory: int = MEMORY_CAP,
    file_size: int | None = None,
    timeout: float = TIME_LIMIT,
    code: str | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m adrtui *args`` (or ``python -c code *args``) capped; never raises
    on a non-zero exit (the caller asserts), raises ``TimeoutExpired`` on a hang."""
    head = [sys.executable, "-c", code] if code else [sys.executable, "-m", "adrtui"]
    command = [*head, *args]
    (base / "home").mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        command,
        cwd=cwd or base,
        env=isolated_env(base, env),
        capture_output=True,
        timeout=timeout,
        preexec_fn=limits(memory, file_size),
        check=False,
    )


def assert_clean(done: subprocess.CompletedProcess[bytes]) -> None:
    """No traceback and no terminal control byte in what the child printed."""
    both = done.stdout + done.stderr
    assert b"Traceback" not in both, both.decode("utf-8", "replace")[-3000:]
    for byte in FORBIDDEN_BYTES:
        assert byte not in done.stdout, f"{byte!r} reached stdout"
