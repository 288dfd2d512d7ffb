"""A repository's ``.adrtui.toml`` (or ``[tool.adrtui]``): what adrtui cannot guess.

Each test builds a small repository (with a ``.git`` folder, as a real one has)
and checks what a user sees: which files are listed, with which status and
number, and what is said on stderr when the settings are broken.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection.discovery import find_adr_dir, scan
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.collection.settings import (
    DEFAULT_SETTINGS,
    StatusColour,
    find_settings_file,
    glob_to_regex,
    load_settings,
)

NYGARD = "# {n}. {title}\n\nDate: 2024-01-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"


def _repo(tmp_path: Path, settings: str | None = None, *, pyproject: str | None = None) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    if settings is not None:
        (repo / ".adrtui.toml").write_text(settings, encoding="utf-8")
    if pyproject is not None:
        (repo / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return repo


def _write(folder: Path, name: str, n: int = 1, status: str = "Accepted", title: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        NYGARD.format(n=n, title=title or name.split(".")[0], status=status), encoding="utf-8"
    )
    return path


def _list(directory: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[dict], str]:
    assert main(["list", str(directory), "--json"]) == 0
    out = capsys.readouterr()
    return json.loads(out.out), out.err


# --- absent: everything as without it ---------------------------------------------------------


def test_no_settings_file_means_the_defaults(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _write(repo / "docs" / "adr", "0001-a.md")
    assert load_settings(repo) == DEFAULT_SETTINGS
    assert load_collection(repo / "docs" / "adr").settings == DEFAULT_SETTINGS


def test_a_pyproject_without_a_tool_adrtui_table_is_not_settings(tmp_path: Path) -> None:
    repo = _repo(tmp_path, pyproject='[project]\nname = "x"\n\n[tool.ruff]\nline-length = 90\n')
    assert find_settings_file(repo) is None
    assert load_settings(repo) == DEFAULT_SETTINGS


# --- folders ------------------------------------------------------------------------------------


def test_folders_name_the_adr_folder_before_any_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, 'folders = ["handbook/records"]\n')
    _write(repo / "docs" / "adr", "0001-conventional.md")
    _write(repo / "handbook" / "records", "0001-chosen.md")
    assert find_adr_dir(repo).folder == (repo / "handbook" / "records").resolve()
    records, err = _list(repo, capsys)
    assert [r["path"] for r in records] == ["0001-chosen.md"]
    assert err == ""


def test_folders_in_pyproject_tool_adrtui(tmp_path: Path) -> None:
    repo = _repo(tmp_path, pyproject='[project]\nname = "x"\n\n[tool.adrtui]\nfolders = "kb"\n')
    _write(repo / "kb", "0001-a.md")
    assert find_adr_dir(repo).folder == (repo / "kb").resolve()


def test_several_folders_are_read_together_from_their_common_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, 'folders = ["services/billing/adr", "services/search/adr"]\n')
    _write(repo / "services" / "billing" / "adr", "0001-invoices.md", 1)
    _write(repo / "services" / "search" / "adr", "0002-engine.md", 2)
    _write(repo / "services" / "search" / "docs", "0003-not-a-decision.md", 3)
    records, _ = _list(repo, capsys)
    assert sorted(r["path"] for r in records) == [
        "billing/adr/0001-invoices.md",
        "search/adr/0002-engine.md",
    ]


def test_run_from_inside_a_configured_folder_reads_that_folder(tmp_path: Path) -> None:
    repo = _repo(tmp_path, 'folders = ["records"]\n')
    _write(repo / "records" / "security", "0001-a.md")
    start = repo / "records" / "security"
    assert find_adr_dir(start).folder == start.resolve()


def test_folders_never_lead_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, 'folders = ["../elsewhere", "/etc", "missing"]\n')
    _write(tmp_path / "elsewhere", "0001-outside.md")
    _write(repo / "docs" / "adr", "0001-inside.md")
    settings = load_settings(repo)
    assert settings.folders == ()
    assert len(settings.problems) == 3
    records, err = _list(repo, capsys)
    assert [r["path"] for r in records] == ["0001-inside.md"]
    assert "'../elsewhere' leads outside" in err
    assert "'missing' is not a folder" in err


# --- ignore ---------------------------------------------------------------------------------------


def test_ignore_globs_skip_files_and_say_so(tmp_path: Path) -> None:
    repo = _repo(tmp_path, 'ignore = ["**/drafts/**", "*.wip.md", "docs/adr/old/0002-*"]\n')
    folder = repo / "docs" / "adr"
    _write(folder, "0001-kept.md")
    _write(folder / "drafts", "0003-draft.md")
    _write(folder / "team" / "drafts", "0004-draft.md")
    _write(folder / "team", "0005-idea.wip.md")
    _write(folder / "old", "0002-old.md")
    result = scan(folder)
    assert [p.name for p in result.files] == ["0001-kept.md"]
    reasons = {i.rel_path: i.reason for i in result.ignored}
    assert reasons == {
        "drafts/0003-draft.md": "ignored by .adrtui.toml (**/drafts/**)",
        "team/drafts/0004-draft.md": "ignored by .adrtui.toml (**/drafts/**)",
        "team/0005-idea.wip.md": "ignored by .adrtui.toml (*.wip.md)",
        "old/0002-old.md": "ignored by .adrtui.toml (docs/adr/old/0002-*)",
    }


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("**/drafts/**", "drafts/a.md", True),
        ("**/drafts/**", "x/y/drafts/a.md", True),
        ("**/drafts/**", "drafts.md", False),
        ("*.md", "a/b.md", False),
        ("a/*.md", "a/b.md", True),
        ("a/?.md", "a/bc.md", False),
        ("[0-9]*-x.md", "7-x.md", True),
        ("[!0-9]*-x.md", "7-x.md", False),
        ("archive/", "archive/2020/a.md", True),
        ("a+b(c).md", "a+b(c).md", True),
    ],
)
def test_glob_semantics(pattern: str, path: str, matches: bool) -> None:
    import re

    assert bool(re.match(glob_to_regex(pattern), path)) is matches


# --- statuses and colours -----------------------------------------------------------------------


def test_extra_status_words_map_to_canonical_statuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, '[statuses]\nimplemented = "accepted"\n"In Review" = "proposed"\n')
    folder = repo / "docs" / "adr"
    _write(folder, "0001-a.md", 1, "Implemented")
    _write(folder, "0002-b.md", 2, "In review")
    _write(folder, "0003-c.md", 3, "Rejected")
    records, _ = _list(repo, capsys)
    assert [r["status"] for r in records] == ["accepted", "proposed", "rejected"]
    assert main(["list", str(repo), "--status", "accepted", "--json"]) == 0
    assert [r["number"] for r in json.loads(capsys.readouterr().out)] == [1]
    collection = load_collection(folder)
    first = collection.adrs[0]
    assert first.status == "accepted"
    assert first.status_raw is not None and first.status_raw.strip() == "Implemented"
    source = next(item for item in first.provenance if item.field == "status")
    assert source.source == ".adrtui.toml [statuses] implemented"


def test_the_mapping_survives_a_replace_after_an_edit(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[statuses]\nimplemented = "accepted"\n')
    folder = repo / "docs" / "adr"
    _write(folder, "0001-a.md", 1, "Implemented")
    collection = load_collection(folder)
    from adrtui.domain.parsing import parse_file

    again = collection.replace([parse_file(folder / "0001-a.md", folder.resolve())])
    assert again.adrs[0].status == "accepted"
    assert again.settings is collection.settings


def test_colours_are_exposed_for_the_ui(tmp_path: Path) -> None:
    repo = _repo(
        tmp_path,
        "[colours]\n"
        'implemented = "green"\n'
        'Rejected = { colour = "white", background = "#aa0000", bold = true }\n',
    )
    _write(repo / "docs" / "adr", "0001-a.md")
    settings = load_collection(repo / "docs" / "adr").settings
    assert settings.colour_of("implemented") == StatusColour("green")
    assert settings.colour_of("rejected") == StatusColour("white", "#aa0000", True)
    assert settings.colour_of("accepted") is None


def test_colors_is_accepted_too(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[colors]\naccepted = "bright_green"\n')
    assert load_settings(repo).colour_of("Accepted") == StatusColour("bright_green")


# --- the number pattern --------------------------------------------------------------------------


def test_the_number_pattern_reads_numbers_from_file_and_folder_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, "folders = ['rfcs']\nnumber = 'RFC-(\\d+)'\n")
    _write(repo / "rfcs", "text-RFC-0042-streaming.md", 1)
    _write(repo / "rfcs", "2023-05-01-RFC-7-auth.md", 2)
    _write(repo / "rfcs" / "2024-01-10-RFC-0099-cache", "README.md", 3)
    _write(repo / "rfcs", "no-number-here.md", 4)
    records, _ = _list(repo, capsys)
    numbers = {r["path"]: r["number"] for r in records}
    assert numbers["text-RFC-0042-streaming.md"] == 42
    assert numbers["2023-05-01-RFC-7-auth.md"] == 7
    assert numbers["2024-01-10-RFC-0099-cache/README.md"] == 99
    collection = load_collection(repo / "rfcs")
    adr = next(a for a in collection.adrs if a.number == 7)
    assert next(i for i in adr.provenance if i.field == "number").source.startswith(
        ".adrtui.toml number pattern"
    )


# --- broken settings: a clear message and the defaults -------------------------------------------


def test_invalid_toml_is_reported_on_stderr_and_the_defaults_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path, 'folders = ["kb"\n[statuses\n')
    _write(repo / "docs" / "adr", "0001-a.md")
    records, err = _list(repo, capsys)
    assert [r["path"] for r in records] == ["0001-a.md"]
    assert "adrtui: warning:" in err
    assert ".adrtui.toml: not valid TOML" in err
    assert "at line 2" in err
    assert "using the defaults" in err


def test_each_broken_setting_is_named_and_the_good_ones_still_apply(tmp_path: Path) -> None:
    repo = _repo(
        tmp_path,
        "folders = 3\n"
        "ignore = [1]\n"
        "number = '(RFC)-(\\d+)'\n"
        "colour = 'red'\n"
        "[statuses]\n"
        'implemented = "accepted"\n'
        'shipped = "done"\n'
        "[colours]\n"
        'implemented = "green"\n'
        'rejected = "not a colour!"\n',
    )
    settings = load_settings(repo)
    text = "\n".join(settings.problems)
    assert "folders must be a list of folder paths, not a number" in text
    assert "ignore must be a list of glob patterns" in text
    assert "must have exactly one group" in text
    assert "unknown setting 'colour' (did you mean 'colours'?)" in text
    assert "[statuses] 'shipped' must map to one of proposed, accepted" in text
    assert "[colours] 'rejected' must be a colour name" in text
    assert len(settings.problems) == 6
    assert dict(settings.statuses) == {"implemented": "accepted"}
    assert settings.colour_of("implemented") == StatusColour("green")
    assert settings.number is None and settings.folders == () and settings.ignore == ()


def test_a_bad_regex_is_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "number = 'RFC-(\\d+'\n")
    (problem,) = load_settings(repo).problems
    assert "is not a valid regular expression" in problem


def test_problems_reach_the_collection_for_the_app_to_show(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "number = 5\n")
    _write(repo / "docs" / "adr", "0001-a.md")
    collection = load_collection(repo / "docs" / "adr")
    assert collection.settings.problems == (
        f"{repo.resolve() / '.adrtui.toml'}: number must be a regular expression (a string), "
        "not a number; ignored",
    )
    assert [a.number for a in collection.adrs] == [1]


# --- where the settings are looked for ----------------------------------------------------------


def test_settings_are_found_from_a_sub_folder_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = _repo(tmp_path, '[statuses]\nimplemented = "accepted"\n')
    folder = repo / "docs" / "adr"
    _write(folder, "0001-a.md", 1, "Implemented")
    assert find_settings_file(folder) == ((repo / ".adrtui.toml").resolve(), False)
    assert load_collection(folder).adrs[0].status == "accepted"


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".adrtui.toml").write_text('[statuses]\nimplemented = "accepted"\n')
    repo = _repo(tmp_path)
    _write(repo / "docs" / "adr", "0001-a.md")
    assert find_settings_file(repo / "docs" / "adr") is None


def test_the_adrtui_file_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    repo = _repo(
        tmp_path,
        '[statuses]\nimplemented = "accepted"\n',
        pyproject='[tool.adrtui.statuses]\nimplemented = "rejected"\n',
    )
    assert dict(load_settings(repo).statuses) == {"implemented": "accepted"}


def test_a_huge_settings_file_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "# padding\n" * 40_000)
    (problem,) = load_settings(repo).problems
    assert "too large" in problem
