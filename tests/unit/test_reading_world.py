"""Issue 11: ADRs in the styles real teams write them, read as their authors mean them.

Each fixture in ``tests/fixtures/world`` stands for a class of documents seen in
several real collections (a year-month file name, a change log instead of a
status, a Portuguese status section, …); the expectations are what the list
must show for it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.parsing import fields as F
from adrtui.domain.parsing import parse_bytes, parse_file, settle_date_order, settle_year_names

WORLD = Path(__file__).resolve().parents[1] / "fixtures" / "world"

# file: (number, title, status, date)
EXPECTED: dict[str, tuple[int | None, str, str | None, str | None]] = {
    # numbers: a date prefix is no number; ids with letters give theirs
    "2021-03-serverless-functions.md": (
        None,
        "Use serverless functions for the API",
        "accepted",  # ``[approved]``
        None,  # ``2021-03``: a month is no date
    ),
    "201807-config-service.md": (None, "Central configuration service", "accepted", "2018-07-19"),
    "ODH-ADR-MS-0002-tenant-crd.md": (2, "Tenant CRD for serving", "accepted", "2023-04-11"),
    "adr011-plugin-layout.md": (11, "Plugin package layout", "superseded", None),
    # titles: labels and escapes
    "adr-003-runtime.md": (3, "Core Runtime", "proposed", None),
    "0009-escapes.md": (9, "Rename bb_worker to job_runner", "accepted", "2024-02-01"),
    # statuses and dates from change logs, status text and front-matter history
    "0017-change-log.md": (17, "Device events", "accepted", "2023-04-17"),
    "0018-tsc-vote.md": (18, "Service registry", "accepted", "2021-03-25"),
    "0019-approved-later.md": (19, "Metrics collection", "accepted", "2022-03-02"),
    "04-status-history.md": (4, "Error Reporting", "revised", "2023-06-20"),
    "0030-sentence-status.md": (30, "Split the monolith", "accepted", "2022-01-10"),
    "0031-reverted.md": (31, "Shared build cache", "reverted", None),
    # folder per ADR: the folder names it
    "2022-03-15-policy-scopes/README.md": (None, "Policy scopes", None, "2022-03-15"),
    "0012-service-config/index.md": (12, "Service self-configuration", "accepted", None),
    # other languages
    "pt/adr-029-observabilidade.md": (
        29,
        "🤖 Observabilidade com OpenTelemetry",
        "proposed",
        "2024-04-19",
    ),
    "pt/adr-021-microfrontends.md": (21, "🎨 Arquitetura de Micro-frontends", "accepted", None),
    # ``### Status: Aceito`` as a heading; the record's date in a closing ``Notas`` section
    "pt/015 - Cache em memória.md": (
        15,
        "In-memory cache / Cache em memória",
        "accepted",
        "2025-02-03",
    ),
    "de/0003-ereignisse.md": (3, "Ereignisse über Kafka", "accepted", "2024-03-12"),
    "de/0004-abgelehnt.md": (4, "Eigene Datenbank pro Dienst", "rejected", "2024-03-03"),
    "ja/0005-api.md": (5, "公開APIはRESTで提供する", "accepted", "2023-04-11"),
    "es/0006-colas.md": (6, "Usar colas para los trabajos", "accepted", "2022-09-30"),
    "fr/0007-cache.md": (7, "Cache partagé", "superseded", "2023-04-01"),
    # a Status section of dated entries (``2021-05-02 proposed`` …): the latest holds
    "fr/0013-journaux.md": (13, "Centraliser les journaux applicatifs", "accepted", "2021-05-02"),
    "it/0008-log.md": (8, "Log strutturati", "accepted", "2023-05-02"),
    "nl/0009-wachtrij.md": (9, "Berichtenwachtrij", "accepted", "2023-06-01"),
    "zh/0010-cache.md": (10, "使用 Redis 作为缓存", "accepted", "2023-07-01"),
    "pl/0016-kolejka.md": (
        16,
        "Kolejka zamówień między sklepem a magazynem",
        "accepted",
        "2025-03-11",
    ),
    "ko/0017-cache.md": (17, "상품 페이지를 1분 동안 캐시한다", "accepted", "2025-05-20"),
    "ru/0018-logs.md": (18, "Единый формат журналов", "rejected", "2024-11-05"),
    "sv/0011-koer.md": (11, "Köer för notifieringar", "accepted", "2023-10-04"),
    # a checklist of statuses: the ticked boxes are the history, the rest are options
    "no/adr-0006-meldingskoe.md": (6, "Meldingskø for varsler", "accepted", "2024-02-19"),
    "no/adr-0007-bare-foreslaatt.md": (7, "Felles loggformat", "proposed", "2024-03-01"),
    "0022-checklist-status.md": (22, "Sign release artefacts", "accepted", "2023-01-30"),
    # the template's status choices kept, the one that holds in bold
    "de/0011-sitzungen.md": (11, "Sitzungen serverseitig speichern", "accepted", "2024-02-05"),
    # a number only in front matter (``code: adr-7``); a change log with day-first dates
    "code-only-number.md": (7, "Posts data model", "accepted", "2024-01-02"),
    "0045-changelog-dates.md": (45, "Shared build cache", "accepted", "2022-05-10"),
    # metadata in a blockquote; a date in the status text
    "0042-quoted-metadata.md": (42, "Rate limits at the gateway", "accepted", "2021-03-04"),
    # setext headings; fields that CommonMark would make a heading with the ``---`` under them
    "0043-setext.md": (43, "Use Kafka for events", "accepted", "2023-02-01"),
    "0044-fields-before-rule.md": (44, "Nightly backups", "accepted", "2023-03-01"),
    # front matter in TOML
    "hugo-toml.md": (None, "Adopt TOML front matter", "accepted", "2024-05-06"),
    # a docs-site page: number and title in the front matter, people as mappings
    "0060-site-people.md": (60, "Sign every release artefact", "accepted", "2024-09-12"),
    # a docs site's own fields grouped (Zola ``[extra]``); ``**Status.**`` with a period
    "zola-extra.md": (58, "Keep secrets in the vault", "accepted", "2025-04-22"),
    "0059-bold-period.md": (59, "Publish the plan as a static site", "accepted", "2025-06-30"),
    # a "Review History" list is the record's log: its dated entry gives the date
    "0061-review-history.md": (61, "Split the notification worker", "proposed", "2024-10-02"),
    # the status as a badge: the word is in the badge's URL
    "0062-badge-status.md": (62, "Keep one API gateway per region", "accepted", None),
    # a day then the record's zero-padded number (Docusaurus blog-style names)
    "2023-02-14_024-event-log.md": (24, "Event log", "accepted", "2023-02-14"),
    # a field with a section of its own: ``## Date`` then the date on its own line
    "0046-date-section.md": (46, "Keep audit events for seven years", "accepted", "2025-11-03"),
    "0047-date-section-prose.md": (47, "Retire the nightly export", "accepted", "2024-02-14"),
    # a table whose header row names the fields (one row of values; rows as a history)
    "012-header-table.md": (12, "Header table", "accepted", "2025-06-02"),
    "0013-status-table-history.md": (13, "Split the billing database", "accepted", "2023-01-17"),
    # a title field whose paragraph is wrapped over two lines; a date-named file
    "2020-02-11-wrapped-title.md": (
        None,
        "Client libraries return errors as values instead of raising exceptions from every call.",
        "accepted",
        "2020-02-11",
    ),
    # a number not given yet; a title naming another record after its own number
    "00xx-draft-number.md": (
        None,
        "Keep build scripts beside the code they build",
        "proposed",
        "2025-11-28",
    ),
    "0021-revert-another.md": (
        21,
        "Revert ADR 7. Cache images on the build hosts",
        "accepted",
        "2025-10-27",
    ),
    # a pictograph before a label; the label alone in brackets; the id after the title
    "0023-emoji-labels.md": (23, "Move the job queue to the database", "accepted", "2024-05-14"),
    "0024-id-after-title.md": (24, "Split the search index per tenant", "proposed", "2024-06-03"),
    # people as reference links, trailing off with '...'; handles without commas
    "0025-people-as-references.md": (25, "Retry uploads with backoff", "accepted", "2025-03-18"),
    # a Status section that grew: the line added later, or the one not struck out
    "0026-accepted-then-superseded.md": (
        26,
        "Render receipts on the server",
        "superseded",
        "2019-04-02",
    ),
    "0027-struck-status.md": (27, "Nightly full re-index", "deprecated", "2019-05-10"),
    # statuses listed in turn on one line: the last one listed holds
    "0028-listed-statuses.md": (
        28,
        "Keep course content in YAML files",
        "superseded",
        "2021-02-15",
    ),
    # a date alone on the line under the title (a month alone is no date)
    "adr-29-date-line.md": (29, "Preload subject images", "accepted", "2019-08-14"),
    "adr-30-month-line.md": (30, "Offline classification queue", "proposed", None),
    # labels in code spans: - `Status`: Accepted
    "ADR-031-code-span-labels.md": (
        31,
        "Use a managed queue for referrals",
        "accepted",
        "2024-10-07",
    ),
    # a status written as a heading with a dash: ## Status - Accepted
    "0032-status-dash-heading.md": (32, "Trace requests with OpenTelemetry", "accepted", None),
    # statuses listed in turn with their dates: the acceptance's date
    "0033-listed-statuses-dates.md": (33, "Keep invoices for ten years", "accepted", "2020-02-03"),
    # labels whose values are a nested list
    "0048-nested-people.md": (48, "Move session storage to Redis", "accepted", "2023-09-12"),
    # RFCs: ``RFC Status:`` / ``Start Date:`` labels; ``#`` headings that are all sections,
    # so the title is the file's; ``RFC Status: -`` says none (the ``# Status`` is a legend)
    "0051-retire-the-legacy-queue.md": (51, "Retire the legacy queue", "accepted", "2023-05-02"),
    "0052-status-legend.md": (52, "Status legend", None, "2022-11-14"),
    # a docs-site title ``54. Use rfc7807 …``: the ``rfc7807`` in it is a word, not an id
    "0054-error-bodies.md": (54, "Use rfc7807 for error bodies", "accepted", "2024-08-30"),
    # a front-matter title left as the template's (``ADR Template``): the heading names it
    "0055-leftover-title.md": (55, "Cap the retry queue", "accepted", "2024-02-19"),
    # a metadata table whose status row is labelled ``Decision`` (and ``Decision date``)
    # the title field's label kept in the heading: ``## Title – X``
    "0072-title-label.md": (72, "Send receipts by email", "proposed", "2025-02-11"),
    # the record's fields in a closing ``Notas`` section, the author as ``Autora Original``
    "pt/022 - Filas de mensagens.md": (
        22,
        "Message queues / Filas de mensagens",
        "accepted",
        "2025-05-14",
    ),
    # a numeric date followed by the format it is written in
    "0073-stated-date-format.md": (73, "Keep build logs for ninety days", "accepted", "2024-07-03"),
    # a month's name and a two-digit year
    "0074-short-year.md": (74, "Pin the base images by digest", "accepted", "2024-03-05"),
    # people listed with their roles (``- Lead Architect: Platform Architecture Group``)
    "0075-people-roles.md": (
        75,
        "Move scheduled jobs to the workflow engine",
        "accepted",
        "2025-09-08",
    ),
    "0071-decision-row.md": (71, "Archive invoices after seven years", "accepted", "2025-06-30"),
}


def _read(name: str) -> Adr:
    return parse_file(WORLD / name, WORLD)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_the_list_reads_each_style_as_its_authors_mean_it(
    name: str, expected: tuple[int | None, str, str | None, str | None]
) -> None:
    adr = _read(name)
    assert (adr.number, adr.title, adr.status, adr.date) == expected
    assert not [w for w in adr.warnings if "could not be parsed" in w]


def test_every_fixture_is_expected() -> None:
    names = {p.relative_to(WORLD).as_posix() for p in WORLD.rglob("*.md")}
    unexpected = (
        names
        - set(EXPECTED)
        - {
            "0020-ambiguous-us-date.md",
            "0040-madr4-people.md",
            "0041-author-line.md",
        }
    )
    assert not unexpected


def test_people_are_fields_of_their_own() -> None:
    madr = _read("0040-madr4-people.md")
    assert madr.deciders == ("Ana", "Ben")
    assert madr.authors == ("Carla", "Dev Ops")  # four-space list
    assert madr.consulted == ("Security team",)  # block scalar
    assert madr.informed == ("Support", "Sales")  # zero-indent list
    assert _read("0041-author-line.md").authors == ("Fatima Zahra",)
    assert _read("ODH-ADR-MS-0002-tenant-crd.md").authors == ("Greg", "Ines")
    assert _read("de/0004-abgelehnt.md").deciders == ("Anna", "Bernd")
    assert _read("pl/0016-kolejka.md").deciders == ("Anna Nowak", "Piotr Zieliński")
    # a compound label (``Autora Original``); the sentence's period is not the name's
    assert _read("pt/022 - Filas de mensagens.md").authors == ("Marta Lopes",)
    # each person after their role; a remark after a name is no person
    assert _read("0075-people-roles.md").deciders == (
        "Platform Architecture Group",
        "Noor Haddad",
        "Kofi Mensah",
    )
    assert F.as_names(["Ana Silva: approved on 2024-01-02"]) == [
        "Ana Silva: approved on 2024-01-02"
    ]
    # Docusaurus people: ``- name: …`` mappings
    assert _read("0060-site-people.md").authors == ("Release Team", "Ivo Novak")
    record = json.loads(json.dumps(madr.to_json()))
    assert (record["authors"], record["consulted"], record["informed"]) == (
        ["Carla", "Dev Ops"],
        ["Security team"],
        ["Support", "Sales"],
    )


def test_a_section_named_by_a_field_holds_that_field() -> None:
    adr = _read("0046-date-section.md")
    assert adr.deciders == ("Priya Raman", "Tomás Ortega")
    sources = {source.field: source for source in adr.provenance}
    assert sources["date"].source == "line 9: Date section"
    assert sources["deciders"].source == "line 13: Deciders section"
    assert _read("0047-date-section-prose.md").date == "2024-02-14"  # ``## Decision Date``
    # A ``## Date`` section of prose is no date, and no warning either.
    prose = parse_bytes(
        b"# 3. Cut over\n\n## Status\n\nProposed\n\n## Date\n\n"
        b"The day of the cut-over depends on the vendor's renewal, not yet known.\n",
        Path("/adrs/0003-cut-over.md"),
        Path("/adrs"),
    )
    assert (prose.status, prose.date, prose.warnings) == ("proposed", None, ())


def test_a_table_whose_header_names_the_fields() -> None:
    adr = _read("012-header-table.md")
    assert adr.authors == ("@mirela",)
    sources = {source.field: source for source in adr.provenance}
    assert (sources["status"].source, sources["date"].source) == (
        "line 3: | Status |",
        "line 3: | Date |",
    )
    history = {s.field: s for s in _read("0013-status-table-history.md").provenance}
    assert history["status"].source == "line 6: change log entry (table)"
    # A table listing other records is no field of this one.
    listing = parse_bytes(
        b"# 4. Index decisions\n\n| ADR | Title | Status | Date |\n|---|---|---|---|\n"
        b"| 1 | Use ADRs | Accepted | 2020-01-01 |\n| 2 | Use Kafka | Rejected | 2020-02-02 |\n",
        Path("/adrs/0004-index-decisions.md"),
        Path("/adrs"),
    )
    assert (listing.status, listing.date) == (None, None)


def test_ticked_boxes_are_the_status_history() -> None:
    adr = _read("no/adr-0006-meldingskoe.md")
    sources = {source.field: source for source in adr.provenance}
    assert sources["status"].source == "line 6: change log entry (ticked box)"
    assert adr.status_raw == "Akseptert"


def test_people_given_as_reference_links_or_handles() -> None:
    adr = _read("0025-people-as-references.md")
    assert adr.deciders == ("Maren Holt", "Idris Bello")  # '...' is nobody
    assert adr.consulted == ("@storage-team", "@sre-oncall")
    # A single bracket is still an unfilled template placeholder.
    template = parse_bytes(
        b"# T\n\n* Status: proposed\n* Deciders: [list everyone involved]\n",
        Path("/adrs/0001-t.md"),
        Path("/adrs"),
    )
    assert template.deciders == ()


def test_a_title_field_in_the_body_is_where_the_title_is() -> None:
    """Editing opens there, and lint does not call it 'no title heading'."""
    from adrtui.domain.relations import lint

    adr = _read("2020-02-11-wrapped-title.md")
    assert adr.title_line == 1
    rules = {problem.rule for problem in lint([adr])}
    assert "missing-title" not in rules


def test_prose_under_a_status_is_not_a_later_status() -> None:
    adr = parse_bytes(
        b"# 4. Flags\n\n## Status\n\nAccepted\n\nDeprecated flags are listed in the appendix.\n",
        Path("/adrs/0004-flags.md"),
        Path("/adrs"),
    )
    assert adr.status == "accepted"


def test_every_item_of_a_nested_list_is_kept() -> None:
    adr = _read("0048-nested-people.md")
    assert adr.deciders == ("Hana Kim", "Olu Adeyemi")
    assert adr.consulted == ("Platform team", "Security team")


def test_a_status_and_date_on_one_line_are_two_fields() -> None:
    adr = _read("201807-config-service.md")
    assert (adr.status_raw, adr.date, adr.deciders) == ("Accepted", "2018-07-19", ("Ana", "Ben"))


def test_a_status_field_left_as_a_dash_is_no_status() -> None:
    adr = _read("0052-status-legend.md")
    assert adr.status is None
    assert adr.title == "Status legend"  # ``# Summary`` … ``# Workflow`` are sections


def test_names_that_all_start_with_a_year_carry_no_number() -> None:
    """``designs/2019-offline-mode/``: a year, not RFC 2019, when every name is one."""
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.relations import lint

    folder = WORLD.parent / "year-named"
    collection = load_collection(folder, use_cache=False)
    got = {adr.rel_path: (adr.number, adr.date) for adr in collection.adrs}
    assert got == {
        "designs/2019-offline-mode/README.md": (None, "2019-06-02"),
        "designs/2019-plugin-api/README.md": (None, "2019-09-17"),
        "designs/2020-strict-config.md": (None, "2020-02-11"),
    }
    assert [p for p in lint(collection) if p.rule == "duplicate-number"] == []
    # Beside one name numbered otherwise, a year-like prefix stays a number.
    mixed = [_read("0009-escapes.md"), parse_file(folder / "designs/2020-strict-config.md", folder)]
    assert [adr.number for adr in settle_year_names(mixed)] == [9, 2020]


def test_an_admonition_states_the_supersession() -> None:
    adr = parse_bytes(
        b"# Old cache\n\n:::note Superseded\n\nReplaced.\n\n:::\n\n## Context\n\nX.\n",
        Path("/adrs/adr007-old-cache.md"),
        Path("/adrs"),
    )
    assert (adr.number, adr.status) == (7, "superseded")


def test_a_sentence_in_a_late_bold_status_is_no_status() -> None:
    adr = parse_bytes(
        b"# Split\n\n## Notes\n\n- **Status:** This work has been completed and merged.\n",
        Path("/adrs/0002-split.md"),
        Path("/adrs"),
    )
    assert adr.status is None


def test_ambiguous_day_month_dates_follow_the_collection() -> None:
    us = [_read("0018-tsc-vote.md"), _read("0019-approved-later.md")]
    alone = _read("0020-ambiguous-us-date.md")
    assert (alone.date, alone.date_other) == ("2020-08-04", "2020-04-08")  # day first alone
    settled = {adr.rel_path: adr for adr in settle_date_order([*us, alone])}
    assert settled["0020-ambiguous-us-date.md"].date == "2020-04-08"
    source = {s.field: s for s in settled["0020-ambiguous-us-date.md"].provenance}["date"]
    assert "month first" in source.source
    # A collection writing day first (adr-tools' 10/04/18) keeps day first.
    british = parse_bytes(b"# 2. B\n\nDate: 25/04/2022\n", Path("/adrs/0002-b.md"), Path("/adrs"))
    kept = settle_date_order([british, alone])
    assert kept[1].date == "2020-08-04"
    # Dots are day first wherever they are written (12.03.2024 is 12 March).
    assert _read("de/0003-ereignisse.md").date_other is None


def test_a_change_log_date_follows_the_collection_day_month_order() -> None:
    """``* 5/9/2023: ADR created`` beside logs written ``6/13/23`` is the 9th of May."""
    from adrtui.domain.collection.folder import load_collection

    folder = WORLD.parent / "changelog-us"
    dates = {a.rel_path: a.date for a in load_collection(folder, use_cache=False).adrs}
    assert dates == {"adr-011-fee-pool.md": "2023-05-09", "adr-012-opt-out.md": "2023-06-13"}
    alone = parse_file(folder / "adr-011-fee-pool.md", folder)
    assert (alone.date, alone.date_other) == ("2023-09-05", "2023-05-09")  # day first alone


def test_provenance_says_where_each_field_came_from() -> None:
    adr = _read("0019-approved-later.md")
    sources = {source.field: source for source in adr.provenance}
    assert sources["number"].source == "file name"
    assert sources["title"].source == "line 1: # heading"
    assert sources["status"].source == "line 5: Status section"
    assert sources["date"].source == "line 7: date in the status text"
    assert ("Original proposal 10/24/2020", "line 6: date in the status text") in sources[
        "date"
    ].rejected
    folder = {s.field: s for s in _read("2022-03-15-policy-scopes/README.md").provenance}
    assert (folder["date"].value, folder["date"].source) == ("2022-03-15", "folder name")
    history = {s.field: s for s in _read("04-status-history.md").provenance}
    assert "change log entry (front matter statusHistory)" in history["status"].source


def test_provenance_survives_a_replace() -> None:
    adr = _read("0018-tsc-vote.md")
    again = dataclasses.replace(adr, title="Other")
    assert again.provenance == adr.provenance


# --- the shared real collections (skipped when ../shared is absent) ----------------------

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpora"
_TRUTHS = sorted((SHARED / "expected").glob("*.truth.json")) if SHARED.is_dir() else []


@pytest.mark.corpora
@pytest.mark.skipif(not _TRUTHS, reason="../shared/corpora is not beside the repository")
def test_hand_checked_collections_read_right() -> None:
    """Every field of every hand-checked ADR, through the same loader as ``adrtui list``."""
    from adrtui.domain.collection.folder import load_collection

    totals = {"found": 0, "number": 0, "title": 0, "status": 0, "date": 0, "n": 0}
    worst: list[tuple[float, str, str]] = []
    extras = 0
    for truth_file in _TRUTHS:
        name = truth_file.name.removesuffix(".truth.json")
        truth = json.loads(truth_file.read_text())["adrs"]
        collection = load_collection(SHARED / name, use_cache=False)
        by_path = {adr.rel_path: adr for adr in collection.adrs}
        counts = dict.fromkeys(("found", "number", "title", "status", "date"), 0)
        for entry in truth:
            adr = by_path.get(entry["file"])
            if adr is None:
                continue
            counts["found"] += 1
            for field in ("number", "title", "status", "date"):
                want = entry.get(field, getattr(adr, field))
                alternatives = want if isinstance(want, list) else [want]
                got = getattr(adr, field)
                counts[field] += any(
                    " ".join(str(got).split()) == " ".join(str(w).split())
                    if field == "title"
                    else (got or None) == (w if w != "" else None)
                    for w in alternatives
                )
        extras += len(by_path.keys() - {entry["file"] for entry in truth})
        for field, count in counts.items():
            worst.append((count / len(truth), name, field))
            totals[field] += count
        totals["n"] += len(truth)
    overall = {f: totals[f] / totals["n"] for f in ("found", "number", "title", "status", "date")}
    assert all(value >= 0.98 for value in overall.values()), overall
    assert [w for w in worst if w[0] < 0.95] == []
    assert extras == 0


@pytest.mark.corpora
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is not beside the repository")
def test_lint_on_the_shared_collections_has_no_false_number_or_date_errors() -> None:
    """Date-named files, areas numbered on their own and month-only dates are no errors."""
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.relations import lint

    reported: dict[str, list[str]] = {}
    for folder in sorted(p for p in SHARED.iterdir() if p.is_dir() and p.name != "expected"):
        problems = lint(load_collection(folder, use_cache=False))
        assert [p.message for p in problems if p.rule == "bad-date"] == [], folder.name
        duplicates = sorted(p.rel_path for p in problems if p.rule == "duplicate-number")
        if duplicates:
            reported[folder.name] = duplicates
    # The one collection that really numbers two records alike: its operator area reuses
    # 7, 9, 11 and 12 (two files each, same series, same folder).
    assert list(reported) == ["opendatahub"]
    assert len(reported["opendatahub"]) == 8
    assert all(path.startswith("operator/ODH-ADR-Operator-00") for path in reported["opendatahub"])


def test_a_decision_row_is_the_status_only_when_it_is_a_status_word() -> None:
    """``| Decision | Accepted |`` states the status; ``Decision: move to X`` is no status."""
    worded = parse_bytes(
        b"# 5. Queue\n\nDecision: move invoices to cold storage\nDate: 2025-01-02\n",
        WORLD / "0005-queue.md",
        WORLD,
    )
    assert worded.status is None
    row = parse_bytes(
        b"# 6. Queue\n\n| Decision | **Rejected** |\n|---|---|\n", WORLD / "0006-queue.md", WORLD
    )
    assert row.status == "rejected"
