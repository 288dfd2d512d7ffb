"""Superseding an ADR: the old one says so in its own style, and nothing else in it moves."""

from __future__ import annotations

import codecs
import difflib
import shutil
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_file
from adrtui.domain.writing import supersede as supersede_module
from adrtui.domain.writing.checked import EditingError, FileChangedError, ReadOnlyError
from adrtui.domain.writing.new import new_adr
from adrtui.domain.writing.supersede import (
    add_supersedes_text,
    find_status,
    mark_superseded_text,
    supersede,
)

STYLES = Path(__file__).resolve().parents[1] / "fixtures" / "editing" / "styles"
STYLE_FILES = sorted(p.name for p in STYLES.glob("*.md"))


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines (split on LF, CR kept) removed from ``before`` and added in ``after``."""
    a, b = before.split(b"\n"), after.split(b"\n")
    removed: list[bytes] = []
    added: list[bytes] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def _new_record(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Adr:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return parse_file(path, folder)


def _copy_style(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    shutil.copy(STYLES / name, folder / name)
    return folder


@pytest.mark.parametrize("name", STYLE_FILES)
def test_supersede_changes_only_the_status_in_each_style(tmp_path: Path, name: str) -> None:
    folder = _copy_style(tmp_path, name)
    before = (folder / name).read_bytes()
    old = parse_file(folder / name, folder)
    new = _new_record(
        folder, "0100-replacement.md", "# 100. Replacement\n\n## Status\n\nProposed\n"
    )

    result = supersede(old, new)

    assert result.old_changed and result.new_changed
    removed, added = changed_lines(before, (folder / name).read_bytes())
    assert len(removed) <= 1, removed
    assert 1 <= len(added) <= 4, added
    assert all(
        b"0100-replacement.md" in line
        or b"superseded" in line.lower()
        or line.strip() in (b"", b"## Status")
        for line in added
    ), added
    if removed:
        assert b"ccepted" in removed[0] or b"CCEPTED" in removed[0]
    collection = load_collection(folder)
    old_after = collection.get(name)
    new_after = collection.get("0100-replacement.md")
    assert old_after is not None and new_after is not None
    assert old_after.status == "superseded"
    assert old_after.title == old.title
    assert old_after.number == old.number
    assert [(link.kind, link.path) for link in old_after.links if not link.derived].count(
        ("superseded-by", "0100-replacement.md")
    ) == 1
    assert ("supersedes", name) in [(link.kind, link.path) for link in new_after.links]
    assert new_after.status == "proposed"


@pytest.mark.parametrize(
    "encoding", ["latin-1", "utf-8-sig", "utf-16"], ids=["latin1", "utf8-bom", "utf16"]
)
def test_crlf_and_legacy_encodings_are_kept_byte_for_byte(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    text = (
        "# 3. Décider où stocker les données\r\n\r\nDate: 2021-02-03\r\n\r\n"
        "## Status\r\n\r\nAccepté\r\n\r\n## Context\r\n\r\nÉté, façade, naïve, £5.\r\n"
    )
    path = folder / "0003-decider.md"
    path.write_bytes(codecs.encode(text, encoding))
    before = path.read_bytes()
    old = parse_file(path, folder)
    assert old.encoding.startswith(encoding.split("-sig")[0][:5])
    new = _new_record(folder, "0004-adopt.md", "# 4. Adopt 🚀 rockets\n\n## Status\n\nProposed\n")

    supersede(old, new)

    after = path.read_bytes()
    if encoding == "utf-16":
        before_text, after_text = before.decode("utf-16"), after.decode("utf-16")
        assert after[:2] == before[:2]  # same BOM, same byte order
        before, after = before_text.encode("utf-8"), after_text.encode("utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ["Accepté\r".encode(encoding if encoding == "latin-1" else "utf-8")]
    assert len(added) == 1 and added[0].endswith(b"\r")
    assert b"Superseded by [4. Adopt " in added[0] and b"](0004-adopt.md)" in added[0]
    assert after.count(b"\n") == after.count(b"\r\n")
    reparsed = parse_file(path, folder)
    assert reparsed.status == "superseded"
    assert reparsed.title == old.title
    if encoding == "latin-1":
        assert b"&#128640;" in added[0]  # no Latin-1 emoji: an HTML reference instead


def test_conflicting_external_change_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    folder = _copy_style(tmp_path, "0001-nygard-section.md")
    old = parse_file(folder / "0001-nygard-section.md", folder)
    new = _new_record(folder, "0002-new.md", "# 2. New\n\n## Status\n\nProposed\n")
    (folder / "0001-nygard-section.md").write_text("# 1. Rewritten by a git pull\n")
    new_before = (folder / "0002-new.md").read_bytes()

    with pytest.raises(FileChangedError, match="changed on disk"):
        supersede(old, new)

    assert (folder / "0001-nygard-section.md").read_text() == "# 1. Rewritten by a git pull\n"
    assert (folder / "0002-new.md").read_bytes() == new_before


def test_superseding_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    folder = _copy_style(tmp_path, "0003-madr-bullets.md")
    old_path = folder / "0003-madr-bullets.md"
    new = _new_record(folder, "0004-new.md", "# New\n\n* Status: proposed\n")
    supersede(parse_file(old_path, folder), new)
    first = old_path.read_bytes(), (folder / "0004-new.md").read_bytes()

    result = supersede(parse_file(old_path, folder), parse_file(folder / "0004-new.md", folder))

    assert not result.old_changed and not result.new_changed
    assert (old_path.read_bytes(), (folder / "0004-new.md").read_bytes()) == first


def test_the_status_the_parser_shows_is_the_one_changed(tmp_path: Path) -> None:
    """With a bullet status and a later section, whichever the parser reports is edited."""
    folder = tmp_path / "adr"
    folder.mkdir()
    old = _new_record(
        folder,
        "0001-two.md",
        "# 1. Two statuses\n\n* Status: accepted\n\n## Context\n\nx\n\n## Status\n\nAccepted\n",
    )
    new = _new_record(folder, "0002-new.md", "# 2. New\n")
    supersede(old, new)
    reparsed = parse_file(folder / "0001-two.md", folder)
    assert reparsed.status == "superseded"
    assert reparsed.status_line == old.status_line


def test_supersede_refuses_a_read_only_file_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy_style(tmp_path, "0001-nygard-section.md")
    old = parse_file(folder / "0001-nygard-section.md", folder)
    new = _new_record(folder, "0002-new.md", "# 2. New\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.setattr(
        supersede_module,
        "writable_reason",
        lambda path: "read-only" if Path(path).name.startswith("0001") else None,
    )
    with pytest.raises(ReadOnlyError):
        supersede(old, new)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_new_adr_checks_the_old_one_before_creating_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy_style(tmp_path, "0001-nygard-section.md")
    collection = load_collection(folder)
    (folder / "0001-nygard-section.md").write_text("# 1. Changed meanwhile\n")
    with pytest.raises(FileChangedError):
        new_adr(collection, "Replacement", supersedes=collection.adrs[0])
    assert sorted(p.name for p in folder.iterdir()) == ["0001-nygard-section.md"]


def test_an_adr_cannot_supersede_itself(tmp_path: Path) -> None:
    folder = _copy_style(tmp_path, "0001-nygard-section.md")
    old = parse_file(folder / "0001-nygard-section.md", folder)
    with pytest.raises(Exception, match="itself"):
        supersede(old, old)


# --------------------------------------------------------------------------- text level


def test_front_matter_block_scalar_status_is_replaced_whole() -> None:
    text = "---\nstatus: >\n  accepted\n  by all\ndate: 2024-01-01\n---\n# X\n"
    out = mark_superseded_text(text, "0002-y.md", "Y")
    assert out == "---\nstatus: superseded\nsuperseded-by: 0002-y.md\ndate: 2024-01-01\n---\n# X\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("superseded_by: old.md", "superseded_by: 0002-y.md"),
        ("superseded-by: ''", "superseded-by: '0002-y.md'"),
    ],
)
def test_existing_superseded_by_key_is_updated_not_duplicated(line: str, expected: str) -> None:
    text = f"---\nstatus: accepted\ntitle: X\n{line}\n---\n"
    out = mark_superseded_text(text, "0002-y.md", "Y")
    assert out == f"---\nstatus: superseded\ntitle: X\n{expected}\n---\n"


def test_status_in_an_html_commented_bullet_keeps_the_comment() -> None:
    text = "# X\n\n- Status: accepted <!-- optional -->\n"
    out = mark_superseded_text(text, "b.md", "B")
    assert out == "# X\n\n- Status: superseded by [B](b.md) <!-- optional -->\n"


def test_no_status_in_front_matter_file_gets_a_status_key() -> None:
    text = "---\ntitle: X\n---\n# X\n"
    out = mark_superseded_text(text, "b.md", "B")
    assert out == "---\ntitle: X\nstatus: superseded\nsuperseded-by: b.md\n---\n# X\n"


def test_prose_status_words_in_code_blocks_are_not_the_status() -> None:
    text = "# X\n\n```\nStatus: accepted\n```\n\n## Status\n\nProposed\n"
    spot = find_status(text)
    assert spot is not None and spot.kind == "section" and spot.value == "Proposed"


def test_supersedes_link_goes_after_the_bullet_group() -> None:
    text = "# X\n\n* Status: proposed\n* Date: 2024-01-01\n\n## Context\n"
    out = add_supersedes_text(text, "0001-a.md", "A")
    assert out == (
        "# X\n\n* Status: proposed\n* Date: 2024-01-01\n* Supersedes: [A](0001-a.md)\n\n"
        "## Context\n"
    )


def test_link_target_with_spaces_is_escaped() -> None:
    assert supersede_module.href(Path("/a/x.md"), Path("/a/my adr (v2).md")) == (
        "my%20adr%20%28v2%29.md"
    )


def test_label_brackets_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    old = _new_record(folder, "0001-a.md", "# 1. A\n\n## Status\n\nAccepted\n")
    new = _new_record(folder, "0002-b.md", "# 2. Use [brackets] and \x1b[2J escapes\n")
    supersede(old, new)
    text = (folder / "0001-a.md").read_text()
    assert "Superseded by [2. Use (brackets) and " in text
    assert "\x1b" not in text
    assert parse_file(folder / "0001-a.md", folder).links_of("superseded-by")[0].target == (
        "0002-b.md"
    )


def test_status_written_in_its_heading_is_replaced_there() -> None:
    text = "# 10. X\n\n## Status: Accepted\n\n## Context\n"
    assert mark_superseded_text(text, "0011-y.md", "11. Y") == (
        "# 10. X\n\n## Status: Superseded by [11. Y](0011-y.md)\n\n## Context\n"
    )


def test_hostile_files_are_superseded_or_refused_never_crash(tmp_path: Path) -> None:
    """Every file of the hostile corpus: marked superseded, or refused with nothing written."""
    from tests.hostile.corpus import make_hostile_corpus

    folder = tmp_path / "hostile"
    make_hostile_corpus(folder, large=False)
    refused: list[str] = []
    for old in load_collection(folder).adrs:
        collection = load_collection(folder)
        current = collection.get(old.rel_path)
        assert current is not None
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        try:
            path = new_adr(collection, "Replacement", supersedes=current)
        except EditingError as exc:
            assert str(exc)
            assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
            refused.append(old.rel_path)
            continue
        reloaded = load_collection(folder)
        old_after = reloaded.get(old.rel_path)
        new_rel = path.relative_to(folder).as_posix()
        assert old_after is not None and old_after.status == "superseded", old.rel_path
        assert any(
            link.kind == "superseded-by" and link.path == new_rel for link in old_after.links
        ), old.rel_path
        assert path.read_text(encoding="utf-8").count("Supersedes") == 1
    # Only files that are not text may be refused.
    assert set(refused) <= {"0006-binary.md", "0016-nul-and-controls.md"}


# ----------------------------------------------- the structure comes from the outline


def test_a_longer_fence_is_not_closed_by_a_shorter_one() -> None:
    text = "# X\n\n````md\n```\n## Status\n\nAccepted\n```\n````\n\n## Status\n\nProposed\n"
    spot = find_status(text)
    assert spot is not None and spot.value == "Proposed" and spot.line == 12


def test_a_commented_out_status_is_not_the_status() -> None:
    text = "# X\n\n<!--\n* Status: proposed\n-->\n* Status: accepted\n"
    spot = find_status(text)
    assert spot is not None and spot.line == 5 and spot.value == "accepted"


def test_an_underlined_status_heading_is_a_section() -> None:
    text = "Title\n=====\n\nStatus\n------\n\nAccepted\n\nContext\n-------\n"
    out = mark_superseded_text(text, "b.md", "B")
    assert out == text.replace("\nAccepted\n", "\nSuperseded by [B](b.md)\n")


def test_toml_front_matter_comments_are_not_the_title() -> None:
    text = '+++\n# not a heading\ntitle = "x"\n+++\n\n# Use C#\n'
    assert supersede_module.first_heading(text) == (5, "Use C#")


# --- TOML and JSON front matter (Hugo) ---------------------------------------------------

_TOML = '+++\ntitle = "Use Kafka"\nstatus = "accepted"\ndate = 2024-05-06\n+++\n\nWe use Kafka.\n'
_JSON = '{\n  "title": "Use Redis",\n  "status": "accepted"\n}\n\nWe use Redis.\n'


def _front(text: str, syntax: str) -> dict:
    import json
    import tomllib

    if syntax == "toml":
        return tomllib.loads(text.split("+++")[1])
    return json.loads(text[: text.index("\n}") + 2])


@pytest.mark.parametrize(("text", "syntax"), [(_TOML, "toml"), (_JSON, "json")])
def test_toml_and_json_front_matter_are_superseded_in_their_own_syntax(
    text: str, syntax: str
) -> None:
    out = mark_superseded_text(text, "0003-new.md", "3. New")
    front = _front(out, syntax)
    assert (front["status"], front["superseded-by"]) == ("superseded", "0003-new.md")
    assert out.endswith("\n\nWe use " + text.rsplit("We use ", 1)[1])  # the body is untouched
    assert "## Status" not in out


@pytest.mark.parametrize("syntax", ["toml", "json"])
def test_front_matter_without_a_status_gets_one_in_its_syntax(syntax: str) -> None:
    text = (
        '+++\ntitle = "X"\n+++\n\nBody.\n'
        if syntax == "toml"
        else '{\n  "title": "X"\n}\n\nBody.\n'
    )
    out = mark_superseded_text(text, "0002-y.md", "Y")
    assert _front(out, syntax)["status"] == "superseded"
    added = add_supersedes_text(text, "0001-x.md", "X")
    assert _front(added, syntax)["supersedes"] == "0001-x.md"


def test_a_toml_adr_superseded_through_the_collection_reads_superseded(tmp_path: Path) -> None:
    (tmp_path / "0001-use-kafka.md").write_text(_TOML)
    old = parse_file(tmp_path / "0001-use-kafka.md", tmp_path)
    assert old.status == "accepted"
    new_path = new_adr(tmp_path, "Use Pulsar", supersedes=old)
    again = load_collection(tmp_path, use_cache=False)
    by_name = {adr.name: adr for adr in again.adrs}
    assert by_name["0001-use-kafka.md"].status == "superseded"
    assert [(link.kind, link.path) for link in by_name["0001-use-kafka.md"].links] == [
        ("superseded-by", Path(new_path).name)
    ]
