"""A folder of hostile ADR files, generated at test time (no binary blobs in git).

Each file is something a real repository can contain: markup and escape
sequences in titles, broken or dangerous YAML, odd encodings, huge or deeply
nested documents, loops and names a shell would love to interpret.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

#: Strings that must never reach a terminal as control sequences.
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x07\x1b[?1049l\x9b31m"

#: A deliberately modest "large" file: big enough to hit the size limits, small
#: enough to keep the suite fast.
LARGE_BYTES = 5 * 1024 * 1024


#: Put in the environment of a process reading the corpus: it must never show up in
#: any output or cache (``0031-environ.md`` links to ``/proc/self/environ``).
SECRET = "adrtui-test-secret-5f2b9c"

#: Nested YAML aliases: 408 bytes that stand for 9**9 strings ("billion laughs").
_LAUGHS_FLOW = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)
LAUGHS = '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + _LAUGHS_FLOW


def make_hostile_corpus(folder: Path, *, large: bool = True, outside: bool = False) -> list[str]:
    """Write the hostile files into ``folder``; return the names written.

    ``outside`` adds what reaches out of the folder: symlinks to ``/etc/passwd``,
    ``/proc/self/environ`` and ``/dev/zero``, and a FIFO (a reader would block on
    it forever). None of them may ever be read; they are not in the returned names.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "0001-markup-title.md": (
            b"# 1. Use [bold red]Rich[/] and [@click=app.quit]quit[/] [link=http://x]l[/link]\n\n"
            b"Date: 2024-01-01\n\n## Status\n\n[b]Accepted[/b]\n\n## Context\n\n"
            b"[@click=app.quit]Click me[/] and $(rm -rf ~) `uname` ; ls\n"
        ),
        "0002-escapes.md": (
            f"# 2. Clear {ESCAPES} screen\n\nDate: 2024-01-02\n\n## Status\n\n"
            f"Accepted{ESCAPES}\n\n## Context\n\nBody {ESCAPES} text.\n"
        ).encode(),
        "0003-invalid-yaml.md": (
            b'---\nstatus: "{proposed | rejected\ndate: 2022-02-30\ntags: [a, b\n---\n'
            b"# Invalid YAML front matter\n\nBody.\n"
        ),
        "0004-python-object.md": (
            b"---\nstatus: !!python/object/apply:os.system ['touch /tmp/adrtui-pwned']\n"
            b"title: !!python/object:builtins.dict {}\n---\n# Python tag\n"
        ),
        "0005-empty.md": b"",
        "0006-binary.md": bytes(rng.randrange(256) for _ in range(4096)) + b"\x00" * 64,
        "0007-latin1.md": "# 7. Café décision\n\nDate: 2024-01-07\n\n## Status\n\nAccepté\n".encode(
            "latin-1"
        ),
        "0008-utf16.md": "# 8. UTF-16 with BOM\n\n* Status: accepted\n* Date: 2024-01-08\n".encode(
            "utf-16"
        ),
        "0009-crlf.md": b"# 9. CRLF\r\n\r\nDate: 2024-01-09\r\n\r\n## Status\r\n\r\nProposed\r\n",
        "0011-nesting.md": (
            "# 11. Deep nesting\n\n"
            + "".join("  " * i + "- level\n" for i in range(500))
            + ">" * 500
            + " quote\n\n"
            + "[" * 500
            + "link"
            + "]" * 500
            + "\n"
        ).encode(),
        "0012-no-heading.md": b"Just some text without any heading or metadata.\n",
        "0013-front-matter-only.md": b"---\nstatus: accepted\ndate: 2024-01-13\n---\n",
        "0014-links.md": (
            b"# 14. Links out of the collection\n\n## Status\n\nSupersedes [14](0014-links.md)\n\n"
            b"See [passwd](../../etc/passwd), [web](http://example.com/x.md), "
            b"[mail](mailto:a@b.c) and [self](./0014-links.md#status).\n"
        ),
        "0015-$(touch pwned); `id` & name.md": (
            b"# 15. Shell metacharacters in the file name\n\n## Status\n\nAccepted\n"
        ),
        "0016-nul-and-controls.md": (
            b"# 16. Controls \x00\x01\x02\x7f\n\nDate: 2024-13-45\n\nBell\x07\n"
        ),
        "0017-huge-line.md": b"# 17. One huge line\n\n" + b"word " * 200_000 + b"\n",
        "0018-cycle-a.md": b"# 18. Cycle A\n\n## Status\n\nSuperseded by [19](0019-cycle-b.md)\n",
        "0019-cycle-b.md": b"# 19. Cycle B\n\n## Status\n\nSuperseded by [18](0018-cycle-a.md)\n",
        "0022-billion-laughs-flow.md": (LAUGHS + "status: accepted\n---\n# 22. Laughs\n").encode(),
        "0023-billion-laughs-block.md": (
            "---\na: &a\n" + "  - lol\n" * 9 + _LAUGHS_FLOW + "---\n# 23. Block laughs\n"
        ).encode(),
        "0024-deep-yaml.md": (
            "---\nstatus: accepted\ndeep: " + "[" * 5000 + "]" * 5000 + "\n---\n# 24. Deep YAML\n"
        ).encode(),
        "0025-deep-json.md": (
            '{"status": "accepted", "deep": '
            + "[" * 100_000
            + "]" * 100_000
            + "}\n\n# 25. Deep JSON\n"
        ).encode(),
        "0026-deep-toml.md": (
            "+++\nstatus = 'accepted'\ndeep = "
            + "[" * 5000
            + "]" * 5000
            + "\n+++\n# 26. Deep TOML\n"
        ).encode(),
        "0027-trojan-source.md": (
            "# 27. Access granted\u202e \u2066// admin only\u2069\u2066\n\n## Status\n\n"
            "Accepted\u200b\n\n## Context\n\nC1: \x9b31m red \x9d0;title\x9c and a family "
            "👨\u200d👩\u200d👧.\n"
        ).encode(),
    }
    if large:
        paragraph = b"Large ADR paragraph with words to index and render. " * 20 + b"\n\n"
        body = paragraph * (LARGE_BYTES // len(paragraph))
        files["0010-five-megabytes.md"] = (
            b"# 10. Five megabytes\n\n## Status\n\nAccepted\n\n" + body
        )
    for name, data in files.items():
        (folder / name).write_bytes(data)
    # A file name that is not valid UTF-8 (Linux allows any bytes but / and NUL).
    odd = os.fsencode(folder) + b"/0020-caf\xe9-latin1-name.md"
    with open(odd, "wb") as handle:
        handle.write(b"# 20. Non-UTF-8 file name\n\n## Status\n\nAccepted\n")
    # A directory symlink loop.
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "0021-nested.md").write_bytes(b"# 21. Nested\n\n## Status\n\nDraft\n")
    if not (folder / "sub" / "loop").exists():
        os.symlink(folder, folder / "sub" / "loop")
    if outside:
        for name, target in (
            ("0030-passwd.md", "/etc/passwd"),
            ("0031-environ.md", "/proc/self/environ"),
            ("0032-zero.md", "/dev/zero"),
            ("0033-outside.md", os.fspath(folder.parent / "outside-secret.md")),
        ):
            if not os.path.lexists(folder / name):
                os.symlink(target, folder / name)
        (folder.parent / "outside-secret.md").write_text(f"# Outside\n\n{SECRET}\n")
        if not os.path.lexists(folder / "0034-fifo.md"):
            os.mkfifo(folder / "0034-fifo.md")
    return sorted(files) + ["0020-caf\udce9-latin1-name.md", "sub/0021-nested.md"]


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with (size, mtime_ns), without following symlinks."""
    state: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, names in os.walk(folder, followlinks=False):
        for name in names:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            state[os.path.relpath(path, folder)] = (info.st_size, info.st_mtime_ns)
    return state
