"""New ADRs: the next number, the collection's naming and template, parsed back correctly."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.parsing import parse_file
from adrtui.domain.writing import new as new_module
from adrtui.domain.writing.checked import EditingError, ReadOnlyError
from adrtui.domain.writing.naming import Naming, detect_naming, next_number, slugify
from adrtui.domain.writing.new import new_adr
from adrtui.domain.writing.templates import fill_template

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "editing"
CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
TODAY = date(2025, 1, 2)

#: Each corpus and the file name its next ADR must get (facts about the corpus).
CORPUS_NEXT = {
    "adr-tools": r"0010-adopt-event-sourcing\.md",
    "madr": r"0019-adopt-event-sourcing\.md",
    "log4brains": r"20250102-adopt-event-sourcing\.md",
    "cloud-platform": r"050-adopt-event-sourcing\.md",
    "seeds": r"006-adopt-event-sourcing\.md",
}


def corpus_copy(tmp_path: Path, name: str) -> Path:
    source = CORPORA / name
    if not source.is_dir():
        pytest.skip(f"corpus {name} not available (../shared/corpora)")
    target = tmp_path / name
    shutil.copytree(source, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


# --------------------------------------------------------------------------- naming


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], "0001-use-x.md"),
        (["0001-a.md", "0002-b.md"], "0003-use-x.md"),
        (["001-a.md", "002-b.md"], "003-use-x.md"),
        (["1-a.md", "2-b.md"], "3-use-x.md"),
        (["ADR-001-a.md", "ADR-002-b.md"], "ADR-003-use-x.md"),
        (["adr_0001_first_one.md", "adr_0002_second_one.md"], "adr_0003_use_x.md"),
        (["0001_first_one.md"], "0002_use_x.md"),
        (["20200924-a.md", "20201016-b-c.md"], "20250102-use-x.md"),
        (["001-Use-AWS.md", "002-Use-Github.md", "003-use-ci.md"], "004-Use-X.md"),
        (["README.md", "template.md", "index.md", "0004-a.md"], "0005-use-x.md"),
    ],
)
def test_file_name_follows_the_collection_naming(names: list[str], expected: str) -> None:
    naming = detect_naming(names)
    number = next_number([], names)
    assert naming.file_name(number, "Use X", TODAY) == expected


def test_recent_files_decide_when_a_collection_changed_habits() -> None:
    names = [f"{n:03d}-Mixed-Case-{n}.md" for n in range(1, 20)] + [
        f"{n:03d}-lower-case-{n}.md" for n in range(20, 40)
    ]
    assert detect_naming(names).lowercase


def test_next_number_is_one_more_than_the_highest_even_with_gaps() -> None:
    assert next_number([], ["0001-a.md", "0007-b.md", "0003-c.md"]) == 8
    assert next_number([], []) == 1
    assert next_number([], ["20201016-a.md"]) == 1  # a date is not a number


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use PostgreSQL 16!", "use-postgresql-16"),
        ("Décision: façade naïve", "decision-facade-naive"),
        ("$(rm -rf ~) `uname`; ls", "rm-rf-uname-ls"),
        ("../../etc/passwd", "etc-passwd"),
        ("東京 office", "東京-office"),
        ("!!!", "untitled"),
        ("a" * 300, "a" * 80),
    ],
)
def test_slugs_are_safe_file_names(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_naming_dataclass_defaults_are_adr_tools() -> None:
    assert Naming().file_name(12, "Use X", TODAY) == "0012-use-x.md"


# --------------------------------------------------------------------------- templates


def test_adr_tools_template_words_are_filled() -> None:
    template = (FIXTURES / "templates" / "adr-tools" / "templates" / "template.md").read_text()
    out = fill_template(
        template, number=2, heading="2. Use X", title="Use X", status="Proposed", today=TODAY
    )
    assert out.startswith("# 2. Use X\n\nDate: 2025-01-02\n\n## Status\n\nProposed\n")
    assert "The Use X of the context" in out


def test_madr4_template_placeholders_are_filled() -> None:
    template = (FIXTURES / "templates" / "madr4" / "adr-template.md").read_text()
    out = fill_template(
        template, number=8, heading="Use X", title="Use X", status="proposed", today=TODAY
    )
    assert "status: proposed\ndate: 2025-01-02\n" in out
    assert "\n# Use X\n" in out
    assert "{short title" not in out


def test_guidance_paragraph_under_status_is_replaced() -> None:
    template = (FIXTURES / "templates" / "guidance" / "template.md").read_text()
    out = fill_template(
        template, number=1, heading="1. Use X", title="Use X", status="Proposed", today=TODAY
    )
    assert out.startswith("# 1. Use X\n\n## Status\n\nProposed\n\n## Context\n")


@pytest.mark.parametrize(
    ("folder", "number", "status_text"),
    [("adr-tools", 2, "Proposed"), ("madr4", 8, "status: proposed"), ("guidance", 1, "Proposed")],
)
def test_new_adr_uses_the_folders_template(
    tmp_path: Path, folder: str, number: int, status_text: str
) -> None:
    root = tmp_path / folder
    shutil.copytree(FIXTURES / "templates" / folder, root)
    path = new_adr(root, "Adopt event sourcing", today=TODAY)
    text = path.read_text()
    assert status_text in text
    assert "NUMBER" not in text and "{short title" not in text
    adr = parse_file(path, root)
    assert (adr.number, adr.title, adr.status) == (number, "Adopt event sourcing", "proposed")


# --------------------------------------------------------------------------- new_adr


def test_empty_folder_gets_adr_tools_style_0001(tmp_path: Path) -> None:
    path = new_adr(tmp_path, "Record architecture decisions", today=TODAY)
    assert path == tmp_path / "0001-record-architecture-decisions.md"
    adr = parse_file(path, tmp_path)
    assert (adr.number, adr.title, adr.status, adr.date) == (
        1,
        "Record architecture decisions",
        "proposed",
        "2025-01-02",
    )
    assert "## Status" in path.read_text()


def test_explicit_madr_template_in_an_empty_folder(tmp_path: Path) -> None:
    path = new_adr(tmp_path, "Use MADR", template="madr", today=TODAY)
    text = path.read_text()
    assert text.startswith("---\nstatus: proposed\ndate: 2025-01-02\n---\n")
    assert "\n# Use MADR\n" in text
    adr = parse_file(path, tmp_path)
    assert (adr.number, adr.title, adr.status) == (1, "Use MADR", "proposed")


def test_explicit_template_wins_over_the_collection_style(tmp_path: Path) -> None:
    root = tmp_path / "adr"
    shutil.copytree(FIXTURES / "templates" / "madr4", root)
    path = new_adr(root, "Go back to Nygard", template="nygard", today=TODAY)
    assert "## Status" in path.read_text()
    assert "---" not in path.read_text()


@pytest.mark.parametrize(
    ("style_file", "marker"),
    [
        ("0001-nygard-section.md", "## Status\n\nProposed"),
        ("0002-madr-front-matter.md", "status: proposed"),
        ("0003-madr-bullets.md", "* Status: proposed"),
        ("0004-bold-fields.md", "**Status:** Proposed"),
        ("0007-dash-bullets.md", "- Status: proposed"),
    ],
)
def test_new_adr_follows_the_style_of_its_neighbours(
    tmp_path: Path, style_file: str, marker: str
) -> None:
    root = tmp_path / "adr"
    root.mkdir()
    shutil.copy(FIXTURES / "styles" / style_file, root / style_file)
    path = new_adr(root, "Next one", today=TODAY)
    assert marker in path.read_text()
    adr = parse_file(path, root)
    assert adr.title == "Next one"
    assert adr.status == "proposed"
    assert adr.number == int(style_file[:4]) + 1


def test_hostile_title_is_text_not_a_command_or_a_path(tmp_path: Path) -> None:
    title = "Use $(touch PWNED) `id`; ../../escape \x1b[2J now"
    path = new_adr(tmp_path, title, today=TODAY)
    assert path.parent == tmp_path
    assert not list(tmp_path.rglob("PWNED"))
    text = path.read_text()
    assert "\x1b" not in text
    assert "# 1. Use $(touch PWNED) `id`; ../../escape now\n" in text
    assert parse_file(path, tmp_path).number == 1


def test_empty_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EditingError, match="title"):
        new_adr(tmp_path, "  \x1b[2J ", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_a_name_taken_meanwhile_gets_the_next_number(tmp_path: Path) -> None:
    (tmp_path / "0001-first.md").write_text("# 1. First\n\n## Status\n\nAccepted\n")
    collection = load_collection(tmp_path)
    (tmp_path / "0002-use-x.md").write_text("# 2. Someone else's\n")  # not in the collection
    path = new_adr(collection, "Use X", today=TODAY)
    assert path.name == "0003-use-x.md"
    assert (tmp_path / "0002-use-x.md").read_text() == "# 2. Someone else's\n"


def test_read_only_folder_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_module, "writable_reason", lambda _p: "The folder is read-only")
    with pytest.raises(ReadOnlyError, match="read-only"):
        new_adr(tmp_path, "Use X", today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_error_not_created(tmp_path: Path) -> None:
    with pytest.raises(EditingError, match="does not exist"):
        new_adr(tmp_path / "nope", "Use X", today=TODAY)
    assert not (tmp_path / "nope").exists()


# --------------------------------------------------------------------------- corpora


@pytest.mark.corpora
@pytest.mark.parametrize("name", sorted(CORPUS_NEXT))
def test_new_adr_in_each_corpus_parses_back(tmp_path: Path, name: str) -> None:
    root = corpus_copy(tmp_path, name)
    before = snapshot(root)
    collection = load_collection(root)

    path = new_adr(collection, "Adopt event sourcing", today=TODAY)

    after = snapshot(root)
    rel = path.relative_to(root).as_posix()
    assert re.fullmatch(CORPUS_NEXT[name], rel)
    assert set(after) - set(before) == {rel}
    assert {k: v for k, v in after.items() if k != rel} == before
    adr = load_collection(root).get(rel)
    assert adr is not None
    assert adr.title == "Adopt event sourcing"
    assert adr.status == "proposed"
    numbers = [a.number for a in collection.adrs if a.number is not None]
    assert adr.number == (max(numbers) + 1 if numbers else None)
    assert not adr.warnings


@pytest.mark.corpora
@pytest.mark.parametrize("name", sorted(CORPUS_NEXT))
def test_supersede_in_each_corpus_parses_back(tmp_path: Path, name: str) -> None:
    root = corpus_copy(tmp_path, name)
    collection = load_collection(root)
    old = [a for a in collection.adrs if a.status != "superseded"][-1]
    before = snapshot(root)

    path = new_adr(collection, "Adopt event sourcing", supersedes=old, today=TODAY)

    rel = path.relative_to(root).as_posix()
    after = snapshot(root)
    assert set(after) - set(before) == {rel}
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {old.rel_path}
    reloaded = load_collection(root)
    new = reloaded.get(rel)
    old_after = reloaded.get(old.rel_path)
    assert new is not None and old_after is not None
    assert new.title == "Adopt event sourcing"
    assert new.status == "proposed"
    assert ("supersedes", old.rel_path) in [(link.kind, link.path) for link in new.links]
    assert old_after.status == "superseded"
    assert ("superseded-by", rel) in [(link.kind, link.path) for link in old_after.links]
    assert (old_after.number, old_after.title) == (old.number, old.title)
    old_lines_before = before[old.rel_path].split(b"\n")
    old_lines_after = after[old.rel_path].split(b"\n")
    assert len(old_lines_after) - len(old_lines_before) in (0, 1, 2)


def test_a_crlf_collection_gets_a_crlf_adr(tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_bytes(b"# 1. A\r\n\r\n## Status\r\n\r\nAccepted\r\n")
    old = parse_file(tmp_path / "0001-a.md", tmp_path)
    path = new_adr(tmp_path, "B", supersedes=old, today=TODAY)
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 5
    assert parse_file(path, tmp_path).links_of("supersedes")[0].target == "0001-a.md"
