"""The pure parts of editing in the app: folding changes in, where the selection goes,
which file line a search hit comes from, and how lint findings read."""

from __future__ import annotations

import shutil
from pathlib import Path

from adrtui.domain.parsing import parse_file
from adrtui.domain.relations import ERROR, WARNING, Problem
from adrtui.ui.rendering.markdown import render_document
from adrtui.ui.screens.lint_report import status_text, summary
from adrtui.ui.services.editor import hit_line
from adrtui.ui.services.live_reload import apply_changes
from adrtui.ui.services.loading import read_collection
from adrtui.ui.state import spans_of_words
from adrtui.ui.state.browse import neighbour
from adrtui.ui.theme import build_palette

FIXTURES = Path(__file__).parent / "fixtures" / "decisions"


def copy(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_apply_changes_rereads_only_the_named_files(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    collection = read_collection(folder)
    parsed: list[str] = []

    def parse(path: Path, root: Path):
        parsed.append(path.name)
        return parse_file(path, root)

    (folder / "0003-services-talk-http.md").write_text(
        "---\nstatus: deprecated\n---\n# Services talk gRPC\n"
    )
    (folder / "0007-new.md").write_text("# 7. New one\n\n## Status\n\nProposed\n")
    (folder / "0006-authenticate-with-oidc.md").unlink()
    updated = apply_changes(
        collection,
        ["0003-services-talk-http.md", "0007-new.md", "0006-authenticate-with-oidc.md"],
        parse=parse,
    )
    assert updated is not None
    assert sorted(parsed) == ["0003-services-talk-http.md", "0007-new.md"]
    paths = [adr.rel_path for adr in updated.adrs]
    assert "0006-authenticate-with-oidc.md" not in paths
    assert paths[-1] == "0007-new.md"  # kept in number order
    changed = updated.get("0003-services-talk-http.md")
    assert changed is not None and changed.status == "deprecated"
    # Untouched records are the very same objects (no re-parse, no re-render).
    assert updated.get("0001-record-architecture-decisions.md") is collection.get(
        "0001-record-architecture-decisions.md"
    )


def test_apply_changes_after_an_own_write_changes_nothing(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    collection = read_collection(folder)
    # The watcher reports a file whose content the app already holds (its own write,
    # or a touch): nothing visible changes, so there is no second reload.
    (folder / "0001-record-architecture-decisions.md").touch()
    assert apply_changes(collection, ["0001-record-architecture-decisions.md"]) is None
    assert apply_changes(collection, ["0099-never-existed.md"]) is None


def test_apply_changes_takes_given_records(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    collection = read_collection(folder)
    path = folder / "0004-markup-in-title.md"
    path.write_text(path.read_text().replace("Proposed", "Accepted"))
    record = parse_file(path, collection.root)
    updated = apply_changes(collection, [], records={record.rel_path: record})
    assert updated is not None and updated.get(record.rel_path) is record


def test_neighbour_is_the_next_row_still_there_else_the_previous() -> None:
    rows = ["a", "b", "c", "d"]
    assert neighbour(rows, "b", {"b"}) == "c"
    assert neighbour(rows, "b", {"b", "c"}) == "d"
    assert neighbour(rows, "d", {"d"}) == "c"
    assert neighbour(rows, "a", {"a", "b", "c", "d"}) is None
    assert neighbour(rows, "x", {"x"}) is None


def test_hit_line_finds_the_hit_in_the_file(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    adr = parse_file(folder / "0006-authenticate-with-oidc.md", folder)
    finder = spans_of_words(["authentication"])
    palette = build_palette({}, dark=True)
    document = render_document(adr.body, 60, palette, finder)
    assert len(document.hits) == 3
    lines = (folder / "0006-authenticate-with-oidc.md").read_text().splitlines()
    found = [hit_line(adr, document, index, finder) for index in range(3)]
    assert all(n is not None for n in found)
    # Each hit opens at a line holding the word, in order, and the first hit is the default.
    assert [("uthentication" in lines[n - 1].lower()) for n in found if n] == [True] * 3
    assert found == sorted(found) and len(set(found)) == 3
    assert hit_line(adr, document, -1, finder) == found[0]
    assert hit_line(adr, render_document(adr.body, 60, palette), -1, None) is None


def test_hit_line_counts_front_matter(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = folder / "0003-services-talk-http.md"
    adr = parse_file(path, folder)
    finder = spans_of_words(["readable"])
    document = render_document(adr.body, 80, build_palette({}, dark=True), finder)
    line = hit_line(adr, document, 0, finder)
    assert line is not None
    assert "readable" in path.read_text().splitlines()[line - 1]


def test_lint_texts() -> None:
    problems = [
        Problem("0001-a.md", 3, "broken-link", "0009-x.md names no ADR", "fix it", ERROR),
        Problem("0001-a.md", 1, "parser-warning", "could not read", "", WARNING),
        Problem("0002-b.md", 1, "missing-date", "no date", "add one", WARNING),
    ]
    assert summary(problems) == "3 problems in 2 ADRs: 1 error, 2 warnings"
    assert summary([]).startswith("No problems")
    assert status_text(problems) == "⚠ 3 lint problems · L"
    assert status_text(problems[:1]) == "⚠ 1 lint problem · L"
    assert status_text([]) == ""
