"""Files from outside the folder, and special files, are never opened (issue 12, item 6).

A symlink in the ADR folder to ``/etc/passwd`` or ``/proc/self/environ`` is listed
as ignored with the reason, never read, shown, indexed or cached; a FIFO named
like an ADR never hangs a command; nothing under ``/proc``, ``/sys`` or ``/dev``
is read, even through a symlinked folder or a repository's config file. A symlink
to a file inside the folder keeps working. Every run that could hang or blow up
goes through :func:`tests.hostile.capped.run_capped` (memory cap and time limit).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.watch import classify
from adrtui.domain.files.reading import Refused, read_regular
from adrtui.domain.parsing import parse_file
from tests.hostile.capped import assert_clean, run_capped
from tests.hostile.corpus import SECRET

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="FIFOs, /proc and /dev/zero as Linux has them"
)

ADR = "# {title}\n\n## Status\n\nAccepted\n\nWe decided on {title}.\n"
PASSWD = b"root:x:0:0"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An ADR folder with two real ADRs and every way out of it."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = repo / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-real.md").write_text(ADR.format(title="Real one"), encoding="utf-8")
    (repo / "docs" / "outside.md").write_text(f"# Outside\n\n{SECRET}\n", encoding="utf-8")
    os.symlink("/etc/passwd", folder / "0003-passwd.md")
    os.symlink("/proc/self/environ", folder / "0004-environ.md")
    os.symlink("/dev/zero", folder / "0005-zero.md")
    os.symlink("../outside.md", folder / "0006-outside.md")
    os.symlink("/proc/self", folder / "0007-proc-folder")
    os.mkfifo(folder / "0009-fifo.md")
    # A symlink to a file inside the folder (hidden store: the scan lists only the link).
    (folder / ".store").mkdir()
    (folder / ".store" / "b.md").write_text(ADR.format(title="Linked one"), encoding="utf-8")
    os.symlink(".store/b.md", folder / "0002-linked.md")
    return folder


REFUSED = {
    "0003-passwd.md": "outside",
    "0004-environ.md": "outside",
    "0005-zero.md": "outside",
    "0006-outside.md": "outside",
    "0007-proc-folder/": "outside",
    "0009-fifo.md": "not a regular file",
}


def run(folder: Path, *args: str):
    done = run_capped(
        [a.replace("{dir}", str(folder)) for a in args],
        folder.parent.parent.parent,
        cwd=folder.parent.parent,
        env={"ADRTUI_TEST_SECRET": SECRET},
        timeout=60,  # a FIFO opened for reading would block forever
    )
    assert_clean(done)
    for leaked in (SECRET.encode(), PASSWD):
        assert leaked not in done.stdout + done.stderr, "a file outside the folder was read"
    return done


def cache_bytes(base: Path) -> bytes:
    cache = base / "cache"
    return b"".join(p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file())


def test_list_names_every_refused_file_with_its_reason_and_reads_none(folder: Path) -> None:
    for json_output in (False, True):
        done = run(folder, "list", "{dir}", *(["--json"] if json_output else []))
        assert done.returncode == 0, done.stderr.decode()
        stderr = done.stderr.decode()
        for name, reason in REFUSED.items():
            assert f"{name} (" in stderr and reason in stderr.split(f"{name} (", 1)[1][:60]
        if json_output:
            records = json.loads(done.stdout)  # stderr notes never spoil stdout
            assert [r["path"] for r in records] == ["0001-real.md", "0002-linked.md"]
            assert [r["title"] for r in records] == ["Real one", "Linked one"]
        else:
            assert b"Linked one" in done.stdout


def test_show_index_and_search_never_read_them(folder: Path) -> None:
    base = folder.parent.parent.parent
    for args in (["show", "3", "--dir", "{dir}"], ["show", "0004-environ.md", "--dir", "{dir}"]):
        done = run(folder, *args)
        assert done.returncode == 1 and b"no ADR matches" in done.stderr
    assert run(folder, "index", "{dir}").returncode == 0
    for word in ("root", SECRET, "Linked"):
        done = run(folder, "search", word, "--dir", "{dir}", "--json")
        # As grep: 0 with hits, 1 without (the outside files' words are never found).
        assert done.returncode == (0 if word == "Linked" else 1), done.stderr.decode()
        hits = json.loads(done.stdout)
        paths = [hit["path"] for hit in hits["hits"]] if isinstance(hits, dict) else hits
        assert all("0002" in str(p) for p in paths) if word == "Linked" else not paths
    for leaked in (SECRET.encode(), PASSWD):
        assert leaked not in cache_bytes(base), "outside content reached the cache"


def test_a_fifo_named_like_an_adr_does_not_hang_list(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-real.md").write_text(ADR.format(title="Real"), encoding="utf-8")
    os.mkfifo(folder / "0009-fifo.md")
    done = run_capped(["list", str(folder)], tmp_path, timeout=60)
    assert done.returncode == 0
    assert b"0009-fifo.md (not a regular file)" in done.stderr


def test_titles_padded_with_whitespace_do_not_hang_list(tmp_path: Path) -> None:
    """A title with a long run of spaces, tabs or no-break spaces, wherever it is written,
    is read in linear time (a pattern that tried ``\\s*`` at every space took 10 s for
    20 KB and would hang on these 300 KB titles)."""
    folder = tmp_path / "adr"
    folder.mkdir()
    pad = 300_000
    titles = {
        "0001-front-matter.md": '---\ntitle: "Use' + " " * pad + 'queues"\n---\nStatus: accepted\n',
        "0002-field.md": "**Title**: Use" + "\t" * pad + "queues\n\nStatus: accepted\n",
        "0003-table.md": "| Title | Use" + " \u00a0" * (pad // 2) + "queues |\n|---|---|\n",
        "0004-heading.md": "# Use" + " (" * (pad // 2) + " ADR 4)\n",
    }
    for name, text in titles.items():
        (folder / name).write_text(text, encoding="utf-8")
    done = run_capped(["list", str(folder), "--json"], tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    listed = {row["path"]: row["title"] for row in json.loads(done.stdout)}
    assert listed["0001-front-matter.md"] == "Use queues"
    assert listed["0002-field.md"] == "Use queues"
    assert listed["0003-table.md"] == "Use queues"


@pytest.mark.parametrize("name", [".adrtui.toml", ".adr-dir", ".log4brains.yml", "pyproject.toml"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/proc/self/environ"])
def test_repository_config_files_that_are_not_files_are_never_read(
    tmp_path: Path, name: str, kind: str
) -> None:
    """A FIFO ``.adrtui.toml`` hung every command; ``/dev/zero`` never ends."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "adr").mkdir(parents=True)
    (repo / "docs" / "adr" / "0001-real.md").write_text(ADR.format(title="Real"), "utf-8")
    if kind == "fifo":
        os.mkfifo(repo / name)
    else:
        os.symlink(kind, repo / name)
    done = run_capped(
        ["list", "--json"], tmp_path, cwd=repo, env={"ADRTUI_TEST_SECRET": SECRET}, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    assert_clean(done)
    assert [r["title"] for r in json.loads(done.stdout)] == ["Real"]
    assert SECRET.encode() not in done.stdout + done.stderr


#: A log4brains config whose aliases stand for 9**8 strings (a "billion laughs").
LAUGHS_LOG4BRAINS = (
    'w: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]\n'
    + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefg", "bcdefgh", strict=True)
    )
    + "project:\n  name: laughs\n  adrFolder: ./knowledge\n  extra: *h\n"
)


@pytest.mark.parametrize("text", [LAUGHS_LOG4BRAINS, "project: [adrFolder: knowledge\n"])
def test_a_refused_log4brains_config_is_named_with_a_warning(tmp_path: Path, text: str) -> None:
    """Refused or broken, ``.log4brains.yml`` is reported as ``.adrtui.toml`` is; the
    ADRs are still found by convention."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for folder in ("docs/adr", "knowledge"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "0001-real.md").write_text(ADR.format(title=folder), "utf-8")
    (repo / ".log4brains.yml").write_text(text, "utf-8")
    done = run_capped(["list", "--json"], tmp_path, cwd=repo, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert_clean(done)
    assert [r["title"] for r in json.loads(done.stdout)] == ["docs/adr"]
    warnings = [line for line in done.stderr.decode().splitlines() if "warning" in line]
    assert len(warnings) == 1, done.stderr.decode()
    assert warnings[0].startswith(f"adrtui: warning: {repo.resolve() / '.log4brains.yml'}: ")
    assert "not valid YAML" in warnings[0] and warnings[0].endswith("; not used")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/proc/self/environ"])
def test_a_user_config_that_is_not_a_file_is_a_problem_not_a_hang(
    tmp_path: Path, kind: str
) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(config)
    else:
        os.symlink(kind, config)
    code = (
        "import sys; from pathlib import Path; from adrtui.ui.config import load_config; "
        "print(load_config(Path(sys.argv[1])).problems)"
    )
    done = run_capped([str(config)], tmp_path, code=code, env={"ADRTUI_TEST_SECRET": SECRET})
    assert done.returncode == 0, done.stderr.decode()
    assert b"cannot read" in done.stdout and str(config).encode() in done.stdout
    assert SECRET.encode() not in done.stdout


# -- the one reader -------------------------------------------------------------------


def test_read_regular_refuses_what_is_not_a_regular_file_inside(folder: Path) -> None:
    code = (
        "import sys; from adrtui.domain.files.reading import read_regular\n"
        "for path in sys.argv[2:]:\n"
        "    try:\n"
        "        read_regular(path, 1 << 20, sys.argv[1]); print('READ', path)\n"
        "    except OSError as error:\n"
        "        print('refused', error.strerror)\n"
    )
    names = ["0003-passwd.md", "0004-environ.md", "0005-zero.md", "0006-outside.md", "0009-fifo.md"]
    paths = [str(folder / name) for name in names]
    done = run_capped([str(folder), *paths, "/proc/self/environ", "/dev/zero"], folder, code=code)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert lines == [
        "refused a symlink to a file outside the folder",
        "refused a file in /proc: never read",
        "refused not a regular file: not read",
        "refused a symlink to a file outside the folder",
        "refused not a regular file: not read",
        "refused a file in /proc: never read",
        "refused not a regular file: not read",
    ]


def test_read_regular_reads_a_symlink_to_a_file_inside(folder: Path) -> None:
    data, info = read_regular(folder / "0002-linked.md", 100, folder)
    assert data.startswith(b"# Linked one") and info.st_size == len(ADR.format(title="Linked one"))
    assert read_regular(folder / "0001-real.md", 5)[0] == b"# Rea"  # at most ``limit`` bytes


def test_a_file_swapped_for_a_symlink_after_the_scan_is_not_read(folder: Path) -> None:
    """The scan saw a plain file; by the time it is read it points at /etc/passwd."""
    listed = scan(folder).files
    victim = folder / "0001-real.md"
    assert victim in listed
    victim.unlink()
    os.symlink("/etc/passwd", victim)
    with pytest.raises(Refused):
        read_regular(victim, 1 << 20, folder)


def test_parse_file_never_reads_a_file_swapped_out_of_the_folder(folder: Path) -> None:
    victim = folder / "0001-real.md"
    victim.unlink()
    os.symlink("/etc/passwd", victim)
    adr = parse_file(victim, folder)
    assert "root" not in (adr.body or "") and "root" not in adr.title
    assert any("outside the folder" in warning for warning in adr.warnings)


def test_a_folder_in_proc_is_never_scanned() -> None:
    result = scan(Path("/proc/self"))
    assert result.files == []
    assert [(i.rel_path, i.reason) for i in result.ignored] == [
        ("./", "a folder in /proc: never read")
    ]


# -- the watcher ----------------------------------------------------------------------


class _Change:
    def __init__(self, name: str) -> None:
        self.name = name


def test_the_watcher_leaves_new_symlinks_and_fifos_to_the_scanner(folder: Path) -> None:
    """Live reload read what the watcher reported: a new symlink to /etc/passwd was shown."""
    os.symlink("/etc/shadow", folder / "0010-new.md")
    (folder / "0011-plain.md").write_text(ADR.format(title="Plain"), encoding="utf-8")
    events = [
        (_Change("added"), str(folder / "0010-new.md")),
        (_Change("added"), str(folder / "0003-passwd.md")),
        (_Change("added"), str(folder / "0009-fifo.md")),
        (_Change("added"), str(folder / "0011-plain.md")),
    ]
    changes = classify(folder, events)
    assert changes.changed == ("0011-plain.md",)
    assert changes.rescan  # the scanner lists the others as ignored, with reasons


def test_fifos_and_devices_are_never_even_opened(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a FIFO can block and opening a device can act on it: refused by stat."""
    from adrtui.domain.files import reading as decoding

    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(decoding.os, "open", spy)
    for path in (folder / "0009-fifo.md", folder / "0005-zero.md", Path("/dev/null")):
        with pytest.raises(Refused, match="not a regular file"):
            read_regular(path, 100, folder)
    assert opened == []
