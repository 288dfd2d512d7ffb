"""Duplicate numbers and gaps are judged within a numbering series, never across them."""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_bytes
from adrtui.domain.relations.checks import lint

ROOT = Path("/adrs")


def _adr(rel_path: str) -> Adr:
    text = f"# {Path(rel_path).stem}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n"
    return parse_bytes(text.encode(), ROOT / rel_path, ROOT)


def _rules(adrs: list[Adr], rule: str) -> list[str]:
    return sorted(p.rel_path for p in lint(adrs) if p.rule == rule)


def test_area_folders_that_each_start_at_one_are_series_of_their_own() -> None:
    adrs = [
        _adr(f"{area}/ODH-ADR-{area[:2].upper()}-000{n}-x.md")
        for area in ("serving", "registry", "pipelines")
        for n in (1, 2)
    ] + [_adr("ODH-ADR-0001-a.md"), _adr("ODH-ADR-0002-b.md")]
    assert _rules(adrs, "duplicate-number") == []


def test_numbers_running_across_folders_still_clash_across_folders() -> None:
    adrs = [_adr("core/0001-a.md"), _adr("core/0002-b.md"), _adr("security/0003-c.md")]
    adrs += [_adr("security/0004-d.md"), _adr("devops/0004-e.md")]
    assert _rules(adrs, "duplicate-number") == ["devops/0004-e.md", "security/0004-d.md"]
    assert _rules(adrs, "number-gap") == []


def test_a_second_id_style_is_a_series_of_its_own() -> None:
    adrs = [_adr("0001-a.md"), _adr("0002-b.md"), _adr("ADR-002-c.md"), _adr("ADR-003-d.md")]
    assert _rules(adrs, "duplicate-number") == []


def test_date_named_records_have_no_number_to_clash() -> None:
    adrs = [_adr("2021-03-serverless.md"), _adr("2021-03-python.md"), _adr("201807-config.md")]
    assert [a.number for a in adrs] == [None, None, None]
    assert _rules(adrs, "duplicate-number") == []
    assert _rules(adrs, "bad-date") == []


def test_month_only_and_unfilled_dates_are_no_bad_date() -> None:
    for written in ("2021-03", "January , 2026", "insert date", "YYYY-MM-DD"):
        text = f"# 1. X\n\nDate: {written}\n\n## Status\n\nAccepted\n".encode()
        adr = parse_bytes(text, ROOT / "0001-x.md", ROOT)
        assert adr.date is None
        assert _rules([adr], "bad-date") == [], written
        assert _rules([adr], "missing-date") == ["0001-x.md"]


def test_areas_that_have_only_their_first_record_yet_are_series_of_their_own() -> None:
    adrs = [_adr("ODH-ADR-0001-a.md"), _adr("ODH-ADR-0002-b.md"), _adr("ODH-ADR-0003-c.md")]
    adrs += [_adr("automl/ODH-ADR-0001-automl.md"), _adr("autorag/ODH-ADR-0001-autorag.md")]
    assert _rules(adrs, "duplicate-number") == []
    clash = [*adrs, _adr("ODH-ADR-0003-again.md")]
    assert _rules(clash, "duplicate-number") == ["ODH-ADR-0003-again.md", "ODH-ADR-0003-c.md"]
