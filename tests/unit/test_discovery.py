"""Finding the ADR folder the way adr-tools and log4brains do, and scanning it.

The fixtures under ``tests/fixtures/discovery`` are small hand-written ADR
trees, one per way real collections are kept: nested by area with only a
README at the top, one folder per ADR, design proposals in MDX, and a folder
full of things that are not ADRs (templates under other names, project files,
guides, indexes, an ADR's own resources folder).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection.discovery import (
    CONVENTIONAL_DIRS,
    find_adr_dir,
    path_skip_reason,
    scan,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "discovery"


def _adr(folder: Path, name: str = "0001-first.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("# 1. First\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n", encoding="utf-8")
    return path


def test_adr_dir_file_wins_over_conventional_folders(tmp_path: Path) -> None:
    _adr(tmp_path / "doc" / "adr")
    _adr(tmp_path / "architecture" / "records")
    (tmp_path / ".adr-dir").write_text("architecture/records\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "architecture" / "records").resolve()
    assert found.how == ".adr-dir"


def test_log4brains_config_names_the_folder(tmp_path: Path) -> None:
    _adr(tmp_path / "docs" / "adr")
    _adr(tmp_path / "knowledge" / "decisions")
    (tmp_path / ".log4brains.yml").write_text(
        "project:\n  name: x\n  tz: Europe/Paris\n  adrFolder: ./knowledge/decisions\n",
        encoding="utf-8",
    )
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "knowledge" / "decisions").resolve()


def test_broken_log4brains_config_falls_back_to_conventions(tmp_path: Path) -> None:
    _adr(tmp_path / "docs" / "decisions")
    (tmp_path / ".log4brains.yml").write_text("project: [unclosed\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "docs" / "decisions").resolve()
    # The broken file names itself, with the reason, among the settings' problems.
    assert len(found.problems) == 1
    assert ".log4brains.yml: not valid YAML (" in found.problems[0]
    assert found.problems[0].endswith("; not used")


def test_a_usable_marker_file_is_no_problem_and_a_missing_one_is_silent(tmp_path: Path) -> None:
    _adr(tmp_path / "knowledge")
    (tmp_path / ".log4brains.yml").write_text("project:\n  adrFolder: knowledge\n")
    assert find_adr_dir(tmp_path).problems == ()
    (tmp_path / ".log4brains.yml").unlink()
    _adr(tmp_path / "docs" / "adr")
    assert find_adr_dir(tmp_path).problems == ()


def test_adr_dir_and_log4brains_cannot_point_outside_the_repository(tmp_path: Path) -> None:
    _adr(tmp_path / "outside")
    repo = tmp_path / "repo"
    _adr(repo / "docs" / "adr")
    (repo / ".adr-dir").write_text("../outside\n", encoding="utf-8")
    (repo / ".log4brains.yml").write_text("project:\n  adrFolder: ../outside\n")
    found = find_adr_dir(repo)
    assert found.folder == (repo / "docs" / "adr").resolve()
    # Each is named with what it pointed at, not silently passed over.
    assert found.problems == (
        f"{repo / '.adr-dir'}: names '../outside', outside the repository; not used",
        f"{repo / '.log4brains.yml'}: names '../outside', outside the repository; not used",
    )


def test_a_marker_naming_no_folder_says_so(tmp_path: Path) -> None:
    _adr(tmp_path / "doc" / "adr")
    (tmp_path / ".adr-dir").write_text("docs/arch\n", encoding="utf-8")
    (tmp_path / ".log4brains.yml").write_text("project:\n  name: x\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "doc" / "adr").resolve()
    assert found.problems == (
        f"{tmp_path / '.adr-dir'}: names 'docs/arch', which is not a folder; not used",
        f"{tmp_path / '.log4brains.yml'}: names no project.adrFolder; not used",
    )


@pytest.mark.parametrize("name", CONVENTIONAL_DIRS)
def test_each_conventional_folder_is_found(tmp_path: Path, name: str) -> None:
    _adr(tmp_path / name)
    assert find_adr_dir(tmp_path).folder == (tmp_path / name).resolve()


def test_conventional_order_prefers_doc_adr(tmp_path: Path) -> None:
    _adr(tmp_path / "decisions")
    _adr(tmp_path / "doc" / "adr")
    assert find_adr_dir(tmp_path).folder == (tmp_path / "doc" / "adr").resolve()


def test_an_adr_folder_given_directly_is_used(tmp_path: Path) -> None:
    _adr(tmp_path)
    assert find_adr_dir(tmp_path).folder == tmp_path.resolve()


def test_nothing_found_names_every_place_tried(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a repository root: nothing above it is tried
    (tmp_path / "README.md").write_text("# hi\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder is None
    assert any(t.endswith(".adr-dir") for t in found.tried)
    assert any(t.endswith("docs/decisions") for t in found.tried)
    assert len(found.tried) == len(CONVENTIONAL_DIRS) + 4
    assert any("sub-folders" in t for t in found.tried)


def test_scan_skips_templates_readme_index_and_images_with_reasons(tmp_path: Path) -> None:
    for name in ["0001-a.md", "use-kafka.markdown"]:
        _adr(tmp_path, name)
    for name in [
        "template.md",
        "adr-template.md",
        "adr-template-short.md",
        "0000-template.md",
        "README.md",
        "index.md",
        "diagram.png",
    ]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".TEMPLATE.md").write_text("tpl", encoding="utf-8")
    result = scan(tmp_path)
    assert [p.name for p in result.files] == ["0001-a.md", "use-kafka.markdown"]
    reasons = {item.rel_path: item.reason for item in result.ignored}
    assert reasons == {
        ".TEMPLATE.md": "a template",
        "0000-template.md": "a template",
        "README.md": "a README",
        "adr-template-short.md": "a template",
        "adr-template.md": "a template",
        "diagram.png": "an image",
        "index.md": "an index page",
        "template.md": "a template",
    }


def test_scan_is_recursive_and_symlink_loop_safe(tmp_path: Path) -> None:
    _adr(tmp_path / "a", "0001-a.md")
    _adr(tmp_path / "a" / "b", "0002-b.md")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    result = scan(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in result.files] == [
        "a/0001-a.md",
        "a/b/0002-b.md",
    ]
    assert any("symlink loop" in item.reason for item in result.ignored)


def test_scan_reports_broken_symlinks(tmp_path: Path) -> None:
    _adr(tmp_path)
    os.symlink(tmp_path / "missing.md", tmp_path / "0002-gone.md")
    result = scan(tmp_path)
    assert [p.name for p in result.files] == ["0001-first.md"]
    assert {i.rel_path: i.reason for i in result.ignored} == {"0002-gone.md": "broken symlink"}


def _listed(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in scan(folder).files]


def _reasons(folder: Path) -> dict[str, str]:
    return {item.rel_path: item.reason for item in scan(folder).ignored}


def _cli_paths(directory: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["list", str(directory), "--json"]) == 0
    return sorted(record["path"] for record in json.loads(capsys.readouterr().out))


# --- 1. ADRs nested by area under a folder that holds only a README/template ---------------


def test_a_repository_root_with_adrs_only_in_area_folders_is_the_adr_folder() -> None:
    root = FIXTURES / "nested-by-area"
    found = find_adr_dir(root)
    assert found.folder == root.resolve()
    assert "sub-folders" in found.how


def test_nested_area_collection_lists_every_adr_and_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = FIXTURES / "nested-by-area"
    assert _cli_paths(root, capsys) == [
        "dados/modelagem/adr-005-modelagem-de-dados.md",
        "pagamentos/adr-001-provedor-de-cartao.md",
        "pagamentos/adr-004-reembolsos.md",
        "plataforma/adr-002-kubernetes.md",
    ]
    reasons = _reasons(root)
    assert reasons["README.md"] == "a README"
    assert reasons["template.md"] == "a template"
    assert "only an image" in reasons["plataforma/adr-003-nuvem-gcp.md"]


def test_nested_adrs_in_a_code_repository_give_their_own_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for rel in ["README.md", "CONTRIBUTING.md", "docs/guide/setup.md", "src/notes.md"]:
        _adr(repo / Path(rel).parent, Path(rel).name)
    _adr(repo / "architecture" / "records", "0001-use-events.md")
    _adr(repo / "architecture" / "records", "0002-use-kafka.md")
    _adr(repo / "node_modules" / "pkg" / "docs" / "adr", "0001-vendored.md")
    assert find_adr_dir(repo).folder == (repo / "architecture" / "records").resolve()


def test_test_fixtures_and_build_output_are_not_the_repository_decisions(tmp_path: Path) -> None:
    """A tool's own test data (adrtui's, say) holds ADR-named files that decide nothing."""
    repo = tmp_path / "repo"
    (repo / "README.md").parent.mkdir(parents=True)
    (repo / "README.md").write_text("# Tool\n", encoding="utf-8")
    for folder in ("tests/fixtures/styles", "test/data", "dist/site/adr"):
        _adr(repo / folder, "adr-001-sample.md")
        _adr(repo / folder, "0002-another.md")
    assert find_adr_dir(repo).folder is None
    _adr(repo / "architecture", "adr-001-real.md")
    assert find_adr_dir(repo).folder == (repo / "architecture").resolve()


def test_nested_adrs_in_several_areas_give_their_common_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _adr(repo / "knowledge" / "payments", "adr-001-cards.md")
    _adr(repo / "knowledge" / "platform" / "infra", "ADR-002-cloud.md")
    (repo / "README.md").write_text("# Repo\n", encoding="utf-8")
    assert find_adr_dir(repo).folder == (repo / "knowledge").resolve()


def test_the_nested_search_is_bounded_in_depth(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*[f"d{i}" for i in range(12)])
    _adr(deep, "0001-too-deep.md")
    _adr(deep, "0002-too-deep.md")
    assert find_adr_dir(tmp_path).folder is None


def test_a_hostile_tree_does_not_hang_discovery(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"area{i}" / "sub").mkdir(parents=True)
    os.symlink(tmp_path, tmp_path / "area0" / "sub" / "loop")
    _adr(tmp_path / "area7" / "sub", "adr-001-found.md")
    assert find_adr_dir(tmp_path).folder == (tmp_path / "area7" / "sub").resolve()


def test_a_root_with_other_documents_is_not_taken_for_the_adr_folder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _adr(repo, "ARCHITECTURE.md")
    _adr(repo, "DEVELOPMENT.md")
    _adr(repo / "architecture" / "records", "0001-use-events.md")
    _adr(repo / "architecture" / "records", "0002-use-kafka.md")
    assert find_adr_dir(repo).folder == (repo / "architecture" / "records").resolve()


def test_a_folder_of_unnumbered_adrs_is_still_the_adr_folder(tmp_path: Path) -> None:
    _adr(tmp_path, "use-postgres.md")
    _adr(tmp_path, "use-kafka.md")
    assert find_adr_dir(tmp_path).folder == tmp_path.resolve()


def test_numbered_files_elsewhere_do_not_outweigh_adr_named_ones(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _adr(repo / "docs" / "releases", "10-first-release.md")
    _adr(repo / "docs" / "releases", "11-second-release.md")
    _adr(repo / "knowledge", "adr-001-use-events.md")
    assert find_adr_dir(repo).folder == (repo / "knowledge").resolve()


def test_numbered_files_in_a_decisions_folder_outweigh_numbered_chapters(
    tmp_path: Path,
) -> None:
    """A tutorial of numbered steps beside the ADRs is not part of the collection."""
    repo = tmp_path / "repo"
    for step in ("01-install.md", "02-configure.md", "03-deploy.md"):
        _adr(repo / "docs" / "tutorial", step)
    _adr(repo / "handbook" / "decision-log", "0001-use-events.md")
    _adr(repo / "handbook" / "decision-log", "0002-use-kafka.md")
    assert find_adr_dir(repo).folder == (repo / "handbook" / "decision-log").resolve()
    # adr-tools' own documented folder is a conventional one.
    _adr(repo / "doc" / "architecture" / "decisions", "0001-record-decisions.md")
    assert find_adr_dir(repo).folder == (repo / "doc" / "architecture" / "decisions").resolve()


def test_nested_folder_per_adr_collections_are_found_from_the_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "README.md").write_text("# Service\n", encoding="utf-8")
    _adr(repo / "design" / "2023-01-10-queue", "README.md")
    _adr(repo / "design" / "2023-02-01-cache", "index.md")
    found = find_adr_dir(repo)
    assert found.folder == (repo / "design").resolve()
    assert _listed(found.folder) == ["2023-01-10-queue/README.md", "2023-02-01-cache/index.md"]


# --- 2. One folder per ADR: the README/index inside it is the ADR ----------------------------


def test_folder_per_adr_lists_each_folders_readme_or_index(
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = FIXTURES / "folder-per-adr"
    assert _cli_paths(repo, capsys) == [
        "0003-edge-cache/index.mdx",
        "0004-search-engine/README.md",
        "2022-03-15-policy-scopes/README.md",
        "2022-04-02-audit-trail/index.md",
    ]


def test_folder_per_adr_still_skips_the_collections_own_readme_and_an_adrs_inner_readme() -> None:
    reasons = _reasons(FIXTURES / "folder-per-adr" / "docs" / "decisions")
    assert reasons["README.md"] == "a README"
    assert (
        "inside the folder of ADR 0004-search-engine"
        in reasons["0004-search-engine/benchmark/README.md"]
    )
    assert reasons["2022-03-15-policy-scopes/appendix.md"] == (
        "a supporting file of ADR 2022-03-15-policy-scopes"
    )


def test_an_area_readme_beside_adrs_is_not_an_adr(tmp_path: Path) -> None:
    _adr(tmp_path / "payments", "0001-cards.md")
    (tmp_path / "payments" / "README.md").write_text("# Payments area\n", encoding="utf-8")
    assert _listed(tmp_path) == ["payments/0001-cards.md"]
    assert _reasons(tmp_path) == {"payments/README.md": "a README"}


def test_an_area_folder_named_with_a_number_keeps_its_adrs(tmp_path: Path) -> None:
    _adr(tmp_path / "01-payments", "0001-cards.md")
    _adr(tmp_path / "01-payments", "0002-refunds.md")
    (tmp_path / "01-payments" / "README.md").write_text("# Payments\n", encoding="utf-8")
    assert _listed(tmp_path) == ["01-payments/0001-cards.md", "01-payments/0002-refunds.md"]


# --- 3. Design-proposal folders and MDX --------------------------------------------------------


def test_design_proposals_in_mdx_are_found_from_the_repository_root(
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = FIXTURES / "proposals"
    assert find_adr_dir(repo).folder == (repo / "docs" / "proposals").resolve()
    assert _cli_paths(repo, capsys) == ["0001-plugin-api.md", "0002-async-loading.mdx"]


@pytest.mark.parametrize(
    "name",
    [
        "docs/proposals",
        "docs/rfcs",
        "proposals-accepted",
        "docs/design/adr",
        "docs_src/design/adr",
        "architecture-decision-records",
        "docs/architecture-decisions",
        "docs/architecture/adr",
    ],
)
def test_common_homes_of_design_records_are_conventional(name: str) -> None:
    assert name in CONVENTIONAL_DIRS


def test_adr_folders_are_preferred_to_proposal_folders(tmp_path: Path) -> None:
    _adr(tmp_path / "docs" / "rfcs")
    _adr(tmp_path / "docs" / "proposals")
    _adr(tmp_path / "docs" / "adr")
    assert find_adr_dir(tmp_path).folder == (tmp_path / "docs" / "adr").resolve()


# --- 4. Things that are not ADRs are skipped, each with a reason -----------------------------


def test_non_adrs_are_not_listed_and_adrs_with_similar_words_are() -> None:
    folder = FIXTURES / "non-adrs"
    assert _listed(folder) == [
        "0001-record-decisions.md",
        "0002-use-project-templates.md",
        "0003-dashboard-guidelines.md",
        "ADR-0005-summary-emails.md",
        "adr-004-glossary-service.md",
        "areas/billing/0006-invoice-numbers.md",
        "use-postgres.md",
    ]


@pytest.mark.parametrize(
    ("rel_path", "reason"),
    [
        ("adr.template.md", "a template"),
        ("_template.md", "a template"),
        ("template-lightweight.md", "a template"),
        ("TEMPLATE.md", "a template"),
        ("adr-template-madr.md", "a template"),
        ("0000-template.md", "a template"),
        ("adr000-template.md", "a template"),
        ("CONTRIBUTING.md", "a project file (CONTRIBUTING)"),
        ("CHANGELOG.md", "a project file (CHANGELOG)"),
        ("CODE_OF_CONDUCT.md", "a project file (CODE_OF_CONDUCT)"),
        ("LICENSE.md", "a project file (LICENSE)"),
        ("LICENSE.txt", "not Markdown"),
        ("SUMMARY.md", "an index page"),
        ("toc.md", "an index page"),
        ("_index.md", "an index page"),
        ("index.md", "an index page"),
        ("000-index.md", "an index page"),  # a zero number is none: kept first in a listing
        ("intro.md", "an index page"),  # a docs site's landing page
        ("GLOSSARY.md", "a glossary"),
        ("writing-guide.md", "a guide"),
        ("areas/billing/design/onboarding-guide.md", "a guide"),
        ("resources/ADR-0001/interview-notes.md", "a supporting file (in resources/)"),
        ("resources/ADR-0001/whiteboard.png", "an image"),
        ("assets/appendix.md", "a supporting file (in assets/)"),
        ("images/README.md", "a supporting file (in images/)"),
    ],
)
def test_each_non_adr_is_reported_with_its_reason(rel_path: str, reason: str) -> None:
    assert _reasons(FIXTURES / "non-adrs")[rel_path] == reason


def test_one_path_at_a_time_gets_the_same_answer_as_a_scan() -> None:
    folder = FIXTURES / "non-adrs"
    reasons = _reasons(folder)
    for rel, reason in reasons.items():
        if not rel.endswith("/"):
            assert path_skip_reason(rel) == reason, rel
    for rel in _listed(folder):
        assert path_skip_reason(rel) is None, rel
    assert path_skip_reason("2022-03-15-policy-scopes/README.md") is None


# --- 5. Symlinks never lead outside the collection ----------------------------------------------


def test_symlinks_pointing_outside_the_adr_folder_are_reported_not_followed(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    _adr(outside, "0009-secret.md")
    folder = tmp_path / "docs" / "adr"
    _adr(folder, "0001-a.md")
    os.symlink(outside, folder / "linked-dir")
    os.symlink(outside / "0009-secret.md", folder / "0002-linked.md")
    assert _listed(folder) == ["0001-a.md"]
    reasons = _reasons(folder)
    assert reasons["linked-dir/"] == "a symlink pointing outside the ADR folder"
    assert reasons["0002-linked.md"] == "a symlink pointing outside the ADR folder"


def test_the_nested_search_does_not_follow_symlinks_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _adr(outside / "2023-01-10-queue", "README.md")
    _adr(outside / "2023-02-01-cache", "README.md")
    _adr(outside / "area", "adr-001-x.md")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(outside, repo / "linked")
    os.symlink(outside / "area", repo / "area-link")
    assert find_adr_dir(repo).folder is None


def test_symlinks_inside_the_adr_folder_are_followed_once(tmp_path: Path) -> None:
    _adr(tmp_path / "area", "0001-a.md")
    os.symlink(tmp_path / "area", tmp_path / "alias")
    assert _listed(tmp_path) == ["area/0001-a.md"]
    assert _reasons(tmp_path) == {"alias/": "a symlink to a folder already scanned (area/)"}


def test_a_symlinked_adr_folder_is_read_through_its_own_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _adr(real, "0001-a.md")
    os.symlink(real, tmp_path / "link")
    assert _listed(tmp_path / "link") == ["0001-a.md"]


# --- the real collections (skipped when ../shared/corpora is absent) ---------------------------


@pytest.mark.corpora
@pytest.mark.parametrize(
    "name", ["opendatahub", "emblem", "edgex", "tiagonpsilva", "letterbook", "arachne", "backstage"]
)
def test_real_collections_list_exactly_their_adrs(
    corpora: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = json.loads((corpora / "expected" / f"{name}.truth.json").read_text(encoding="utf-8"))
    expected = sorted(item["file"] for item in truth["adrs"])
    assert sorted(_cli_paths(corpora / name, capsys)) == expected


def test_an_adr_kept_in_several_languages_is_listed_once() -> None:
    """``0001-x.md`` beside ``0001-x.fr.md``: one ADR and its translation (MkDocs i18n)."""
    folder = FIXTURES / "translations"
    assert _listed(folder) == ["0001-queues.md", "0002-cache.en.md", "0003-adopt-node.js.md"]
    reasons = _reasons(folder)
    assert reasons["0001-queues.fr.md"] == "a translation of 0001-queues.md"
    assert reasons["0002-cache.de.md"] == "a translation of 0002-cache.en.md"  # English first
    assert reasons["index.en.md"] == "an index page"
    assert reasons["README.pt-br.md"] == "a README"
    assert path_skip_reason("docs/index.es.md") == "an index page"


def test_a_copy_of_an_adr_beside_it_is_not_a_second_adr() -> None:
    """``0249-x.expired.md`` beside ``0249-x.md``: one ADR 249, and a copy set aside."""
    folder = FIXTURES / "copies"
    # a draft with no page beside it is the only copy there is: listed
    assert _listed(folder) == [
        "0249-v2-experiments.md",
        "0250-search-cache.md",
        "0251-key-rotation.draft.md",
    ]
    reasons = _reasons(folder)
    assert reasons["0249-v2-experiments.expired.md"] == "a copy of 0249-v2-experiments.md (expired)"
    assert reasons["0250-search-cache.bak.md"] == "a copy of 0250-search-cache.md (bak)"
    # the one-path rule never lists what the scan sets aside by name (the folder decides)
    assert path_skip_reason("0249-v2-experiments.expired.md") is None


def test_a_folder_named_as_an_adr_beside_it_holds_that_adrs_material() -> None:
    """``0001-queues.md`` and ``0001-queues/alternative.md``: one ADR and its appendix."""
    folder = FIXTURES / "companion"
    assert _listed(folder) == ["0001-queues.md", "0002-cache.md", "0003-sign-releases.md"]
    reasons = _reasons(folder)
    assert reasons["0001-queues/alternative.md"] == "a supporting file of ADR 0001-queues.md"
    assert reasons["0002-cache/notes/load-test.md"] == "a supporting file of ADR 0002-cache.md"
