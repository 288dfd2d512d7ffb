"""Live reload judges files as the scan does: folder-per-ADR READMEs, ignore globs."""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.collection import Collection
from adrtui.ui.services.live_reload import apply_changes
from tests.ui.editing_helpers import listed, main_screen, make_app, shown, wait_until, watching
from tests.ui.helpers import settle


def folder_adr(title: str, status: str) -> str:
    return f"# {title}\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"


def folder_collection(tmp_path: Path) -> Path:
    """One folder per ADR, each a README.md (or index.md), plus a drafts folder to ignore."""
    repo = tmp_path / "repo"
    root = repo / "docs" / "adr"
    for name, title, file in (
        ("0001-use-x", "1. Use X", "README.md"),
        ("0002-use-y", "2. Use Y", "index.md"),
    ):
        (root / name).mkdir(parents=True)
        (root / name / file).write_text(folder_adr(title, "Proposed"))
    (root / "drafts").mkdir()
    (repo / ".git").mkdir()
    (repo / ".adrtui.toml").write_text('ignore = ["**/drafts/**"]\n')
    return root


async def test_an_outside_edit_of_a_folder_adr_readme_is_shown(tmp_path: Path) -> None:
    root = folder_collection(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert listed(app) == ["0001-use-x/README.md", "0002-use-y/index.md"]
        readme = root / "0001-use-x" / "README.md"
        await watching(pilot)
        # Rewritten in place (no new file).
        with readme.open("r+") as handle:
            text = handle.read().replace("Proposed", "Accepted")
            handle.seek(0)
            handle.write(text)
            handle.truncate()
        await wait_until(
            pilot,
            lambda: main_screen(app).collection.get("0001-use-x/README.md").status == "accepted",
            "the outside edit",
        )
        await settle(pilot)
        assert main_screen(app).collection.get("0001-use-x/README.md").status == "accepted"
        assert shown(app) is not None


async def test_a_file_in_an_ignored_folder_does_not_appear(tmp_path: Path) -> None:
    root = folder_collection(tmp_path)
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await watching(pilot)
        (root / "drafts" / "0009-half-baked.md").write_text(folder_adr("9. Half", "Draft"))
        (root / "0004-use-w.md").write_text(folder_adr("4. Use W", "Proposed"))
        await wait_until(pilot, lambda: "0004-use-w.md" in listed(app), "the new ADR")
        await settle(pilot)
        assert "0004-use-w.md" in listed(app)
        assert "drafts/0009-half-baked.md" not in listed(app)
        batches = screen.feed.change_batches
        # A new folder with its README: the scan decides, and it is the folder's ADR.
        (root / "0003-use-z").mkdir()
        (root / "0003-use-z" / "README.md").write_text(folder_adr("3. Use Z", "Proposed"))
        await wait_until(
            pilot, lambda: "0003-use-z/README.md" in listed(app), "the new folder's ADR"
        )
        await settle(pilot)
        assert screen.feed.change_batches > batches
        assert "drafts/0009-half-baked.md" not in listed(app)


def test_an_edited_readme_that_is_no_adr_is_not_added(tmp_path: Path) -> None:
    """A folder's README beside its ADRs (an index of them) stays out on an edit."""
    root = tmp_path / "adr"
    (root / "team-a").mkdir(parents=True)
    (root / "team-a" / "0001-x.md").write_text(folder_adr("1. X", "Accepted"))
    (root / "team-a" / "README.md").write_text("# Team A decisions\n\n- 0001\n")
    from adrtui.domain.collection import load_collection

    collection = load_collection(root, use_cache=False)
    assert [adr.rel_path for adr in collection] == ["team-a/0001-x.md"]
    assert apply_changes(collection, ["team-a/README.md"]) is None
    empty = Collection(root)
    assert apply_changes(empty, ["team-a/0001-x.md"]) is not None
