"""Editor handoff and safe writes: what a user relies on when adrtui touches their files."""

from __future__ import annotations

import codecs
import json
import os
import shlex
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adrtui.domain.files import atomic, decode, encode, text_of
from adrtui.domain.model import Adr
from adrtui.domain.writing.checked import (
    EncodingError,
    FileChangedError,
    ReadOnlyError,
    Snapshot,
    create_file,
    read_file,
    writable_reason,
    write_atomic,
)
from adrtui.domain.writing.editor import (
    EditorNotFound,
    EditorResult,
    edit_adr,
    editor_argv,
    open_in_editor,
    run_editor,
)

FAKE_EDITOR = Path(__file__).resolve().parents[1] / "fixtures" / "fake_editor.py"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

#: File names a shell would love to interpret.
HOSTILE_NAMES = [
    "0001 with spaces.md",
    "0002-$(touch PWNED).md",
    "0003-`touch PWNED`.md",
    "0004-a;touch PWNED.md",
    "-rf.md",
    "+5.md",
    "0006-'quote\".md",
]


def use_fake_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **extra: str) -> None:
    """Make the fake editor script the user's $EDITOR (run with this Python)."""
    monkeypatch.delenv("VISUAL", raising=False)
    for key in ("FAKE_EDITOR_REPLACE", "FAKE_EDITOR_APPEND", "FAKE_EDITOR_EXIT"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_EDITOR))}")
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(tmp_path / "editor.log"))
    for key, value in extra.items():
        monkeypatch.setenv(key, value)


def editor_calls(tmp_path: Path) -> list[list[str]]:
    log = tmp_path / "editor.log"
    if not log.exists():
        return []
    return [json.loads(line)["argv"] for line in log.read_text().splitlines()]


# --------------------------------------------------------------------------- editor_argv


def test_visual_wins_over_editor(tmp_path: Path) -> None:
    argv = editor_argv(tmp_path / "a.md", env={"VISUAL": "vim", "EDITOR": "nano"})
    assert argv == ["vim", str(tmp_path / "a.md")]


def test_editor_with_options_is_split_like_a_shell(tmp_path: Path) -> None:
    argv = editor_argv(tmp_path / "a.md", env={"EDITOR": "code --wait -n"})
    assert argv == ["code", "--wait", "-n", str(tmp_path / "a.md")]


def test_quoted_editor_path_with_spaces_stays_one_argument(tmp_path: Path) -> None:
    argv = editor_argv(tmp_path / "a.md", env={"EDITOR": "'/opt/My Editor/ed' -w"})
    assert argv[:2] == ["/opt/My Editor/ed", "-w"]


@pytest.mark.parametrize("editor", ["vim", "/usr/bin/nvim", "nano", "emacs -nw", "micro"])
def test_line_number_for_editors_that_take_plus_line(tmp_path: Path, editor: str) -> None:
    argv = editor_argv(tmp_path / "a.md", line=42, env={"EDITOR": editor})
    assert argv[-2:] == ["+42", str(tmp_path / "a.md")]


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("code --wait", ["code", "--wait", "--goto"]),
        ("/usr/bin/codium -w", ["/usr/bin/codium", "-w", "--goto"]),
        ("subl -w", ["subl", "-w"]),
        ("hx", ["hx"]),
    ],
)
def test_file_colon_line_for_editors_that_take_it(
    tmp_path: Path, editor: str, expected: list[str]
) -> None:
    argv = editor_argv(tmp_path / "a.md", line=42, env={"EDITOR": editor})
    assert argv == [*expected, f"{tmp_path / 'a.md'}:42"]
    # A file name with a colon in it would be misread as FILE:LINE: it opens at the top.
    odd = tmp_path / "a:b.md"
    assert editor_argv(odd, line=42, env={"EDITOR": editor})[-1] == str(odd)


@pytest.mark.parametrize("editor", ["notepad.exe", "ed", "gedit"])
def test_no_line_argument_for_other_editors(tmp_path: Path, editor: str) -> None:
    argv = editor_argv(tmp_path / "a.md", line=42, env={"EDITOR": editor})
    assert "+42" not in argv
    assert argv[-1] == str(tmp_path / "a.md")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_file_name_is_always_one_absolute_argument(tmp_path: Path, name: str) -> None:
    argv = editor_argv(tmp_path / name, line=3, env={"EDITOR": "vi"})
    assert argv == ["vi", "+3", str(tmp_path / name)]


def test_relative_name_that_looks_like_an_option_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = editor_argv(Path("-rf.md"), env={"EDITOR": "vi"})
    assert argv[-1] == str(tmp_path / "-rf.md")


def _fake_bin(folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def test_falls_back_to_nano_then_vi_on_path(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    vi = _fake_bin(bin_dir, "vi")
    assert editor_argv(tmp_path / "a.md", env={"PATH": str(bin_dir)})[0] == str(vi)
    nano = _fake_bin(bin_dir, "nano")
    assert editor_argv(tmp_path / "a.md", env={"PATH": str(bin_dir)})[0] == str(nano)


def test_blank_variables_are_ignored(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    vi = _fake_bin(bin_dir, "vi")
    env = {"VISUAL": "  ", "EDITOR": "", "PATH": str(bin_dir)}
    assert editor_argv(tmp_path / "a.md", env=env)[0] == str(vi)


def test_no_editor_anywhere_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EditorNotFound, match=r"\$EDITOR"):
        editor_argv(tmp_path / "a.md", env={"PATH": str(tmp_path / "empty")})


def test_unbalanced_quotes_in_editor_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EditorNotFound, match=r"\$EDITOR"):
        editor_argv(tmp_path / "a.md", env={"EDITOR": "vim 'unclosed"})


# --------------------------------------------------------------------------- run_editor


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_editor_edits_hostile_names_without_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    target = folder / name
    target.write_text("# Title\n\n## Status\n\nProposed\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    use_fake_editor(monkeypatch, tmp_path, FAKE_EDITOR_REPLACE="Proposed=>Accepted")
    result = open_in_editor(target, line=5)
    assert result.ok, result.message
    assert target.read_text(encoding="utf-8").endswith("Accepted\n")
    assert editor_calls(tmp_path) == [[str(target)]]
    assert not list(tmp_path.rglob("PWNED"))


def test_editor_failure_is_a_message_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("x", encoding="utf-8")
    use_fake_editor(monkeypatch, tmp_path, FAKE_EDITOR_EXIT="3")
    result = run_editor(editor_argv(target))
    assert not result.ok
    assert result.returncode == 3
    assert "status 3" in result.message


def test_missing_editor_binary_is_a_message(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    result = open_in_editor(target, env={"EDITOR": str(tmp_path / "no-such-editor") + " -w"})
    assert not result.ok
    assert "not found" in result.message
    assert "no-such-editor" in result.message


def test_non_executable_editor_is_a_message(tmp_path: Path) -> None:
    program = tmp_path / "editor"
    program.write_text("not a program")
    program.chmod(0o644)
    result = run_editor([str(program), str(tmp_path / "a.md")])
    assert not result.ok
    assert result.message


def test_no_editor_at_all_is_a_result(tmp_path: Path) -> None:
    result = open_in_editor(tmp_path / "a.md", env={"PATH": str(tmp_path)})
    assert not result.ok
    assert "No editor found" in result.message


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Décision\r\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Décision\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Décision\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Décision\n".encode("utf-16-be"), "utf-16"),
        ("# Décision\n\nProposed\n".encode("utf-16-le"), "utf-16-le"),
        ("# Décision\n\nProposed\n".encode("utf-16-be"), "utf-16-be"),
        ("Décision\n".encode("latin-1"), "latin-1"),
    ],
)
def test_text_round_trips_to_identical_bytes(data: bytes, encoding: str) -> None:
    text, found = text_of(data)
    assert found == encoding
    assert text == decode(data).text  # the parser's reading, BOM off
    assert encode(text, found, data) == data


@given(st.binary(max_size=300))
def test_any_bytes_survive_a_round_trip(data: bytes) -> None:
    text, encoding = text_of(data)
    assert encode(text, encoding, data) == data


@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=80).map(lambda t: t.encode("utf-16-le")),
        st.text(max_size=80).map(lambda t: codecs.BOM_UTF8 + t.encode()),
        st.text(max_size=80).map(lambda t: t.encode("latin-1", "replace")),
    )
)
def test_the_writer_reads_every_file_in_the_encoding_the_parser_recorded(data: bytes) -> None:
    from adrtui.domain.parsing import parse_bytes

    adr = parse_bytes(data, Path("/adr/0001-a.md"), Path("/adr"))
    text, encoding = text_of(data)
    if encoding != adr.encoding:  # only bytes that are not valid in it: kept as Latin-1
        assert encoding == "latin-1" and adr.warnings
    assert encode(text, encoding, data) == data


def test_the_writer_reads_utf16_without_a_bom_as_the_parser_does(tmp_path: Path) -> None:
    """A UTF-16 file without BOM (some Windows tools) is text to the writer, not NULs."""
    path = tmp_path / "0001-a.md"
    path.write_bytes("# A\r\n\r\n## Status\r\n\r\nProposed\r\n".encode("utf-16-le"))
    current = read_file(path)
    assert (current.encoding, current.newline) == ("utf-16-le", "\r\n")
    assert current.text.startswith("# A\r\n")
    write_atomic(path, "# A\n\n## Status\n\nAccepted\n", expected=current.snapshot)
    expected = "# A\r\n\r\n## Status\r\n\r\nAccepted\r\n".encode("utf-16-le")
    assert path.read_bytes() == expected


# --------------------------------------------------------------------------- write_atomic


def _write(path: Path, data: bytes) -> Snapshot:
    path.write_bytes(data)
    return read_file(path).snapshot


def test_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "0001-a.md"
    snap = _write(path, b"# A\n\nProposed\n")
    path.chmod(0o640)
    write_atomic(path, "# A\n\nAccepted\n", expected=snap)
    assert path.read_bytes() == b"# A\n\nAccepted\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_keeps_crlf_when_given_lf_text(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, b"# A\r\n\r\nProposed\r\n")
    write_atomic(path, "# A\n\nAccepted\n", expected=snap)
    assert path.read_bytes() == b"# A\r\n\r\nAccepted\r\n"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("café\n".encode("latin-1"), "café Ü\n".encode("latin-1")),
        (codecs.BOM_UTF8 + b"caf\xc3\xa9\n", codecs.BOM_UTF8 + "café Ü\n".encode()),
        (
            codecs.BOM_UTF16_BE + "café\n".encode("utf-16-be"),
            codecs.BOM_UTF16_BE + "café Ü\n".encode("utf-16-be"),
        ),
    ],
)
def test_write_keeps_the_encoding(tmp_path: Path, original: bytes, expected: bytes) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, original)
    write_atomic(path, "café Ü\n", expected=snap)
    assert path.read_bytes() == expected


def test_unencodable_text_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, "café\n".encode("latin-1"))
    with pytest.raises(EncodingError, match="latin-1"):
        write_atomic(path, "café 🚀\n", expected=snap)
    assert path.read_bytes() == "café\n".encode("latin-1")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_concurrent_modification_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, b"# A\n\nProposed\n")
    path.write_bytes(b"# A\n\nChanged by git pull\n")
    with pytest.raises(FileChangedError, match="changed on disk"):
        write_atomic(path, "# A\n\nAccepted\n", expected=snap)
    assert path.read_bytes() == b"# A\n\nChanged by git pull\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_modification_during_the_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, b"old\n")
    real_write_temp = atomic.write_temp

    def racing_write_temp(*args: object, **kwargs: object) -> Path:
        tmp = real_write_temp(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(b"someone else saved\n")
        return tmp

    monkeypatch.setattr(atomic, "write_temp", racing_write_temp)
    with pytest.raises(FileChangedError):
        write_atomic(path, "mine\n", expected=snap)
    assert path.read_bytes() == b"someone else saved\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_deleted_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, b"old\n")
    path.unlink()
    with pytest.raises(FileChangedError, match="deleted"):
        write_atomic(path, "new\n", expected=snap)
    assert not path.exists()


def test_touch_without_content_change_is_not_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    snap = _write(path, b"old\n")
    os.utime(path, ns=(snap.mtime_ns + 10**9, snap.mtime_ns + 10**9))
    write_atomic(path, "new\n", expected=snap)
    assert path.read_bytes() == b"new\n"


def test_symlinked_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    snap = _write(real, b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new\n", expected=snap)
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


@pytest.mark.skipif(IS_ROOT, reason="root can write into read-only folders")
def test_read_only_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    path = folder / "a.md"
    snap = _write(path, b"old\n")
    folder.chmod(0o555)
    try:
        assert writable_reason(path) is not None
        with pytest.raises(ReadOnlyError, match="read-only"):
            write_atomic(path, "new\n", expected=snap)
        assert path.read_bytes() == b"old\n"
    finally:
        folder.chmod(0o755)


def test_unwritable_folder_is_a_read_only_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the user id, a folder that refuses the temp file is reported, not crashed on."""
    path = tmp_path / "a.md"
    snap = _write(path, b"old\n")

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ReadOnlyError, match="read-only"):
        write_atomic(path, "new\n", expected=snap)
    assert path.read_bytes() == b"old\n"


def test_writable_reason_is_none_for_a_normal_folder(tmp_path: Path) -> None:
    assert writable_reason(tmp_path) is None


def test_create_file_never_replaces_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "0001-a.md"
    create_file(path, "first\n")
    with pytest.raises(FileExistsError):
        create_file(path, "second\n")
    assert path.read_text() == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0001-a.md"]


def test_create_file_uses_default_permissions(tmp_path: Path) -> None:
    path = tmp_path / "0001-a.md"
    create_file(path, "x\n")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o666 & ~atomic.umask()


# --------------------------------------------------------------------------- edit_adr


def _adr_file(tmp_path: Path, data: bytes, name: str = "0001-a.md") -> tuple[Path, Adr]:
    from adrtui.domain.parsing import parse_file

    folder = tmp_path / "adr"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return folder, parse_file(path, folder)


def test_edit_adr_reparses_what_the_editor_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, adr = _adr_file(tmp_path, b"# 1. A\r\n\r\n## Status\r\n\r\nProposed\r\n")
    use_fake_editor(monkeypatch, tmp_path, FAKE_EDITOR_REPLACE="Proposed=>Accepted")
    outcome = edit_adr(adr, folder, line=5)
    assert outcome.result.ok and outcome.changed
    assert outcome.adr is not None and outcome.adr.status == "accepted"
    assert adr.path.read_bytes() == b"# 1. A\r\n\r\n## Status\r\n\r\nAccepted\r\n"


def test_edit_adr_with_an_injected_runner_and_no_change(tmp_path: Path) -> None:
    folder, adr = _adr_file(tmp_path, b"# 1. A\n")
    seen: list[list[str]] = []

    def runner(argv: Sequence[str]) -> EditorResult:
        seen.append(list(argv))
        return EditorResult(tuple(argv), 0)

    outcome = edit_adr(adr, folder, line=1, env={"EDITOR": "vim"}, runner=runner)
    assert seen == [["vim", "+1", str(adr.path)]]
    assert outcome.result.ok and not outcome.changed
    assert outcome.adr is not None and outcome.adr.title == "A"


def test_edit_adr_reports_a_failing_editor_but_keeps_its_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, adr = _adr_file(tmp_path, b"# 1. A\n")
    use_fake_editor(monkeypatch, tmp_path, FAKE_EDITOR_APPEND="more\n", FAKE_EDITOR_EXIT="1")
    outcome = edit_adr(adr, folder)
    assert not outcome.result.ok and "status 1" in outcome.result.message
    assert outcome.changed and adr.path.read_bytes() == b"# 1. A\nmore\n"


def test_edit_adr_when_the_editor_deleted_the_file(tmp_path: Path) -> None:
    folder, adr = _adr_file(tmp_path, b"# 1. A\n")

    def runner(argv: Sequence[str]) -> EditorResult:
        Path(argv[-1]).unlink()
        return EditorResult(tuple(argv), 0)

    outcome = edit_adr(adr, folder, env={"EDITOR": "vi"}, runner=runner)
    assert outcome.adr is None and outcome.changed


def test_edit_adr_with_no_editor_changes_nothing(tmp_path: Path) -> None:
    folder, adr = _adr_file(tmp_path, b"# 1. A\n")
    outcome = edit_adr(adr, folder, env={"PATH": str(tmp_path / "none")})
    assert not outcome.result.ok and "No editor found" in outcome.result.message
    assert not outcome.changed
