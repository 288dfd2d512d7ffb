"""Issue 11: collections filed by status (``Area/Accepted/x.md``) with files named by title.

Councils and platform teams keep ADRs in folders named by their status, one set
per area, without numbers in the names. The repository root is the ADR folder,
and a record that does not say its status has the one its folder names.
"""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.collection.discovery import find_adr_dir
from adrtui.domain.collection.folder import load_collection

BY_STATUS = Path(__file__).resolve().parents[1] / "fixtures" / "discovery" / "by-status"


def test_status_folders_are_found_from_the_root() -> None:
    found = find_adr_dir(BY_STATUS)
    assert found.folder is not None and found.folder.resolve() == BY_STATUS.resolve()
    assert found.how == "ADRs in sub-folders"


def test_each_record_reads_its_status_and_ordinal_date() -> None:
    adrs = {adr.rel_path: adr for adr in load_collection(BY_STATUS, use_cache=False).adrs}
    assert set(adrs) == {
        "Payments/Accepted/Card-Tokens.md",
        "Payments/Proposed/Refund-Queue.md",
        "Identity/Superseded/Session-Cookies.md",
    }
    tokens = adrs["Payments/Accepted/Card-Tokens.md"]
    # the fields are written as headings: ``### **Date:** 4th May 2021``
    assert (tokens.title, tokens.status, tokens.date) == (
        "Tokenise card numbers at the edge",
        "accepted",
        "2021-05-04",
    )
    refunds = adrs["Payments/Proposed/Refund-Queue.md"]
    assert (refunds.status, refunds.date) == ("proposed", "2022-01-11")
    source = {s.field: s for s in refunds.provenance}["status"]
    assert source.source == "the folder it is filed in (Proposed/)"
    assert adrs["Identity/Superseded/Session-Cookies.md"].status == "superseded"


def test_the_record_own_status_wins_over_its_folder() -> None:
    from adrtui.domain.parsing import parse_bytes

    adr = parse_bytes(b"# X\n\n**Status:** Rejected\n", Path("/r/Accepted/X.md"), Path("/r"))
    assert adr.status == "rejected"
    unfiled = parse_bytes(b"# X\n\nNo status here.\n", Path("/r/Ops/X.md"), Path("/r"))
    assert unfiled.status is None


def test_working_notes_beside_the_adrs_are_not_adrs(tmp_path: Path) -> None:
    from adrtui.domain.collection.discovery import scan

    for name, text in {
        "0001-use-postgres.md": "# 1. Use Postgres\n\nStatus: Accepted\n",
        "notes.md": "## Notes\n- open questions from the workshop\n",
        "meeting-notes.md": "# Meeting 3\n",
        "notes-on-caching.md": "# Notes on caching\n\nStatus: Proposed\n",
    }.items():
        (tmp_path / name).write_text(text)
    result = scan(tmp_path)
    assert sorted(p.name for p in result.files) == ["0001-use-postgres.md", "notes-on-caching.md"]
    reasons = {i.rel_path: i.reason for i in result.ignored}
    assert reasons == {"notes.md": "working notes", "meeting-notes.md": "working notes"}


AZURE_WIKI = Path(__file__).resolve().parents[1] / "fixtures" / "discovery" / "azure-wiki"


def test_an_azure_devops_wiki_export_reads_its_page_names() -> None:
    """Wiki pages have no heading: the page name is the file name, ``-`` for a space
    and ``%2D`` for a hyphen (``ADR%2D0003-Cache-reference-data.md``)."""
    found = find_adr_dir(AZURE_WIKI)
    assert found.folder is not None and found.folder.name == "Architecture-Decisions"
    adrs = load_collection(AZURE_WIKI, use_cache=False).adrs
    assert [(a.number, a.title, a.status) for a in adrs] == [
        (3, "Cache reference data", "accepted"),
        (4, 'Retire the "legacy" queue', "proposed"),
    ]


def test_pages_about_the_collection_itself_are_not_adrs(tmp_path: Path) -> None:
    from adrtui.domain.collection.discovery import scan

    pages = {
        "decisions.md": "an index page",
        "decision-register.md": "an index page",
        "architecture-decision-log.md": "an index page",
        "index-of-decisions.md": "an index page",
        "adr-process.md": "a guide",
        "how-to-write-an-adr.md": "a guide",
    }
    records = ["record-architecture-decisions.md", "adr-for-billing.md", "Observability.md"]
    for name in [*pages, *records]:
        (tmp_path / name).write_text("# Page\n\nStatus: Accepted\n")
    result = scan(tmp_path)
    assert sorted(p.name for p in result.files) == sorted(records)
    assert {i.rel_path: i.reason for i in result.ignored} == pages
