"""`adrtui search` and `adrtui index`: the contract scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection.folder import EXAMPLE_DIR

JSON_KEYS = {"path", "number", "title", "status", "score", "highlights"}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["search", *args, "--dir", str(EXAMPLE_DIR), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(capsys, "postgresql")
    # The two ADRs with PostgreSQL in their title come first.
    assert {h["path"] for h in hits[:2]} == {
        "0002-use-postgresql-for-persistence.md",
        "0005-use-managed-postgresql.md",
    }
    assert all(set(h) == JSON_KEYS for h in hits)
    second = next(h for h in hits if h["number"] == 2)
    assert second["status"] == "superseded" and second["score"] > 0
    assert second["highlights"]
    for fragment in second["highlights"]:
        assert set(fragment) == {"text", "matches"}
        for start, end in fragment["matches"]:
            assert fragment["text"][start:end].lower().startswith("postgres")


def test_search_limit_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(run_json(capsys, "status:accepted", "--limit", "2")) == 2
    assert [h["number"] for h in run_json(capsys, "status:accepted")] == [1, 3, 5]


def test_a_query_starting_with_minus_excludes_without_double_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    everything = {h["number"] for h in run_json(capsys, "status:accepted")}
    # "-word" is the query's exclusion, not an unknown option, wherever the options are.
    assert (
        main(["search", "--limit", "50", "-status:accepted", "--dir", str(EXAMPLE_DIR), "--json"])
        == 0
    )
    without = {h["number"] for h in json.loads(capsys.readouterr().out)}
    assert without and not without & everything
    assert {h["number"] for h in run_json(capsys, "-status:accepted")} == without
    # An unknown long option is still an error, and the options keep their values.
    with pytest.raises(SystemExit) as stopped:
        main(["search", "--limt", "2", "x", "--dir", str(EXAMPLE_DIR)])
    assert stopped.value.code == 2


def test_search_finds_stemmed_forms(capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(capsys, "authenticating")
    assert hits and hits[0]["path"] == "0006-authenticate-users-with-oidc.md"


def test_search_text_output_and_no_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "json schema", "--dir", str(EXAMPLE_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["NUMBER", "STATUS", "TITLE", "FILE"]
    assert "Validate payloads with JSON Schema" in out
    assert "«" in out and "\x1b" not in out  # matches marked without escapes in a pipe
    assert main(["search", "zzzzqqq", "--dir", str(EXAMPLE_DIR)]) == 1  # as grep: no match
    captured = capsys.readouterr()
    assert captured.out == "" and "no ADR matches" in captured.err


@pytest.mark.parametrize("query", ['"', "AND", "(", "*", "status:", "数据", "x" * 2000])
def test_hostile_queries_do_not_fail(query: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 0 or 1 (a hit or none), never 2: a hostile query is not an error
    assert main(["search", query, "--dir", str(EXAMPLE_DIR), "--json"]) in (0, 1)
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_index_prints_a_summary_and_is_incremental(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "adrs"
    folder.mkdir()
    for number in (1, 2):
        (folder / f"000{number}-x.md").write_text(f"# {number}. Title {number}\n\nBody.\n")
    assert main(["index", str(folder)]) == 0
    assert "2 files, 2 added, 0 updated, 0 removed, 2 indexed (rebuilt)" in capsys.readouterr().out
    (folder / "0002-x.md").write_text("# 2. Title two\n\nChanged body.\n")
    (folder / "0003-x.md").write_text("# 3. Title three\n\nBody.\n")
    assert main(["index", str(folder)]) == 0
    assert "3 files, 1 added, 1 updated, 0 removed, 3 indexed," in capsys.readouterr().out
    assert main(["index", str(folder), "--rebuild"]) == 0
    assert "3 added" in capsys.readouterr().out and not list(folder.glob(".*"))


def test_search_starts_without_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from adrtui.cli import main; "
        f"main(['search', 'kafka', '--dir', {str(EXAMPLE_DIR)!r}, '--json']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"ADRTUI_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_whoosh_is_warning_free(tmp_path: Path) -> None:
    """A fresh interpreter with warnings as errors builds and queries an index."""
    code = (
        "from adrtui.domain.collection.folder import load_collection\n"
        "from adrtui.domain.search.service import SearchIndex\n"
        f"folder = {str(EXAMPLE_DIR)!r}\n"
        "adrs = load_collection(folder).adrs\n"
        "with SearchIndex.open(folder) as index:\n"
        "    index.sync(adrs)\n"
        "    assert index.search('postgres', highlight=True).total >= 2\n"
        "    assert index.search('postgresq ').fuzzy\n"
        "    index.sync(adrs, rebuild=True)\n"
    )
    subprocess.run(
        [sys.executable, "-W", "error", "-X", "dev", "-c", code],
        check=True,
        timeout=120,
        env={
            "ADRTUI_CACHE_DIR": str(tmp_path / "cache"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PATH": "/usr/bin:/bin",
        },
    )


def _copy_example(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "adrs"
    shutil.copytree(EXAMPLE_DIR, folder)
    return folder


def _search(capsys: pytest.CaptureFixture[str], folder: Path, query: str) -> list[dict]:
    assert main(["search", query, "--dir", str(folder), "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


def test_a_repeated_search_answers_from_the_index_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changed since the last sync: no record is loaded, and the answer
    (excerpts taken from the files, front matter aside) is the same."""
    import adrtui.cli.search as cli_search

    folder = _copy_example(tmp_path)
    queries = ("postgresql", "http json", "services")  # 0003 has front matter
    first = [_search(capsys, folder, query) for query in queries]
    assert any(hit["number"] == 3 for hit in first[1])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the records were loaded")

    monkeypatch.setattr(cli_search, "load_collection", refuse)
    assert [_search(capsys, folder, query) for query in queries] == first


def test_a_changed_added_or_removed_file_is_seen_by_the_next_search(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_example(tmp_path)
    assert _search(capsys, folder, "zanzibar") == []
    target = next(folder.glob("0002-*.md"))
    # Same size, same mtime would be missed (as by the record cache): change both.
    target.write_text(target.read_text(encoding="utf-8") + "\nzanzibar\n", encoding="utf-8")
    assert [h["number"] for h in _search(capsys, folder, "zanzibar")] == [2]
    (folder / "0042-zanzibar-ferries.md").write_text(
        "# 42. Zanzibar ferries\n\nStatus: accepted\n", encoding="utf-8"
    )
    assert [h["number"] for h in _search(capsys, folder, "zanzibar")] == [42, 2]
    target.unlink()
    assert [h["number"] for h in _search(capsys, folder, "zanzibar")] == [42]
