"""Lint rules over records built by hand: one test per rule, firing and not firing."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.model import Adr, Link
from adrtui.domain.relations.checks import ERROR, RULES, WARNING, Problem, lint, problems_by_file
from adrtui.domain.relations.resolve import build_graph, resolve_links


def adr(
    rel: str,
    number: int | None,
    title: str = "A title",
    *,
    status: str | None = "accepted",
    status_line: int | None = 5,
    date: str | None = "2024-01-01",
    links: tuple[Link, ...] = (),
    body: str = "",
    warnings: tuple[str, ...] = (),
    title_line: int | None = 1,
) -> Adr:
    return Adr(
        Path("/adrs") / rel,
        rel,
        number=number,
        title=title,
        status=status,
        status_raw=status.capitalize() if status else None,
        status_line=status_line,
        date=date,
        links=links,
        body=body,
        warnings=warnings,
        title_line=title_line,
    )


def run(*records: Adr, **kwargs: object) -> list[Problem]:
    return lint(resolve_links(list(records)), **kwargs)


def rules(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.rule, p.rel_path, p.line) for p in problems]


def test_a_consistent_log_has_no_problems() -> None:
    problems = run(
        adr("0001-a.md", 1, status="superseded", links=(Link("superseded-by", "2", line=5),)),
        adr("0002-b.md", 2, links=(Link("supersedes", "0001-a.md", line=6),)),
        adr("0003-c.md", 3, body="See ADR-2 and [b](0002-b.md).\n"),
    )
    assert problems == []


def test_broken_links_are_errors_at_their_line() -> None:
    problems = run(
        adr("0001-a.md", 1, links=(Link("amends", "0009-gone.md", line=7),)),
        adr("0002-b.md", 2),
    )
    assert rules(problems) == [("broken-link", "0001-a.md", 7)]
    (problem,) = problems
    assert problem.severity == ERROR
    assert "0009-gone.md" in problem.message
    assert problem.hint


def test_broken_mentions_in_prose_are_warnings() -> None:
    problems = run(adr("0001-a.md", 1, body="Line one.\nSee [old](0042-old.md).\n"))
    assert [(p.rule, p.severity, p.line) for p in problems] == [("broken-link", WARNING, 2)]


def test_external_links_are_not_broken() -> None:
    problems = run(
        adr(
            "0001-a.md",
            1,
            links=(Link("relates-to", "https://example.com/x.md"), Link("relates-to", "../../x")),
        )
    )
    assert problems == []


def test_ambiguous_links_name_the_candidates() -> None:
    problems = run(
        adr("0001-a.md", 1, links=(Link("relates-to", "2", line=3),)),
        adr("0002-b.md", 2),
        adr("0002-c.md", 2),
    )
    ambiguous = [p for p in problems if p.rule == "ambiguous-link"]
    assert rules(ambiguous) == [("ambiguous-link", "0001-a.md", 3)]
    assert "0002-b.md" in ambiguous[0].message and "0002-c.md" in ambiguous[0].message


def test_self_links_are_reported() -> None:
    problems = run(adr("0001-a.md", 1, links=(Link("supersedes", "0001-a.md", line=4),)))
    assert ("self-link", "0001-a.md", 4) in rules(problems)
    assert not any(p.rule == "supersession-cycle" for p in problems)


def test_superseded_without_successor() -> None:
    problems = run(adr("0001-a.md", 1, status="superseded", status_line=6), adr("0002-b.md", 2))
    assert rules(problems) == [("superseded-without-successor", "0001-a.md", 6)]


def test_a_broken_successor_link_is_reported_once_as_broken() -> None:
    problems = run(
        adr("0001-a.md", 1, status="superseded", links=(Link("superseded-by", "7", line=6),))
    )
    assert rules(problems) == [("broken-link", "0001-a.md", 6)]


def test_successor_whose_target_is_not_marked_superseded() -> None:
    problems = run(
        adr("0001-a.md", 1, status="accepted"),
        adr("0002-b.md", 2, "New way", links=(Link("supersedes", "1", line=8),)),
    )
    assert rules(problems) == [("successor-not-superseded", "0002-b.md", 8)]
    assert "0001-a.md" in problems[0].hint and "Superseded by" in problems[0].hint


def test_a_superseded_by_link_under_a_status_that_says_otherwise() -> None:
    problems = run(
        adr("0001-a.md", 1, status="accepted", links=(Link("superseded-by", "2", line=9),)),
        adr("0002-b.md", 2),
    )
    assert rules(problems) == [("successor-not-superseded", "0001-a.md", 5)]


@pytest.mark.parametrize("size", [2, 3])
def test_supersession_cycles_are_reported_once(size: int) -> None:
    records = [
        adr(
            f"000{i}-x.md",
            i,
            status="superseded",
            links=(Link("supersedes", str(i % size + 1), line=3),),
        )
        for i in range(1, size + 1)
    ]
    problems = [p for p in run(*records) if p.rule == "supersession-cycle"]
    assert len(problems) == 1
    assert problems[0].rel_path == "0001-x.md"
    assert all(f"000{i}-x.md" in problems[0].message for i in range(1, size + 1))


def test_a_cycle_stated_from_the_other_side_is_found() -> None:
    problems = run(
        adr("0001-a.md", 1, status="superseded", links=(Link("superseded-by", "2"),)),
        adr("0002-b.md", 2, status="superseded", links=(Link("superseded-by", "1"),)),
    )
    assert [p.rule for p in problems] == ["supersession-cycle"]


def test_duplicate_numbers_are_reported_on_each_file() -> None:
    problems = run(adr("0002-a.md", 2), adr("0002-b.md", 2), adr("0001-c.md", 1))
    assert rules(problems) == [
        ("duplicate-number", "0002-a.md", 1),
        ("duplicate-number", "0002-b.md", 1),
    ]
    assert "0002-b.md" in problems[0].message


def test_gaps_in_the_numbers() -> None:
    problems = run(adr("0001-a.md", 1), adr("0002-b.md", 2), adr("0005-c.md", 5), adr("0007.md", 7))
    assert [(p.rule, p.rel_path, p.message) for p in problems] == [
        ("number-gap", "0005-c.md", "no ADR numbered 3–4 (between 2 and 5)"),
        ("number-gap", "0007.md", "no ADR numbered 6 (between 5 and 7)"),
    ]


def test_missing_numbers_only_when_the_others_have_one() -> None:
    assert rules(run(adr("0001-a.md", 1), adr("notes.md", None))) == [
        ("missing-number", "notes.md", 1)
    ]
    # log4brains names files by date: no ADR has a number, nothing is missing.
    assert run(adr("20200924-a.md", None), adr("20201016-b.md", None)) == []


def test_missing_title_status_and_date() -> None:
    problems = run(adr("0001-a.md", 1, "", status=None, status_line=None, date=None))
    assert sorted(p.rule for p in problems) == ["missing-date", "missing-status", "missing-title"]


def test_unknown_status_words() -> None:
    problems = run(adr("0001-a.md", 1, status="living", status_line=7))
    assert rules(problems) == [("unknown-status", "0001-a.md", 7)]
    assert "accepted" in problems[0].hint


def test_unparseable_dates_come_from_the_parser_warning() -> None:
    problems = run(
        adr(
            "0001-a.md",
            1,
            date=None,
            body="# 1. A\n\nDate: 2022-02-30\n",
            warnings=("impossible date '2022-02-30'",),
        )
    )
    assert rules(problems) == [("bad-date", "0001-a.md", 3)]
    assert problems[0].severity == ERROR


def test_other_parser_warnings_are_reported() -> None:
    problems = run(adr("0001-a.md", 1, warnings=("front matter is not valid YAML (line 3)",)))
    assert rules(problems) == [("parser-warning", "0001-a.md", 3)]


def test_rules_can_be_ignored_and_every_rule_is_documented() -> None:
    records = (adr("0001-a.md", 1, status=None), adr("0003-b.md", 3))
    assert {p.rule for p in run(*records)} == {"missing-status", "number-gap"}
    assert {p.rule for p in run(*records, ignore={"number-gap"})} == {"missing-status"}
    assert all(severity in (ERROR, WARNING) for severity, _ in RULES.values())


def test_lint_accepts_a_graph_already_built() -> None:
    records = resolve_links([adr("0001-a.md", 1, links=(Link("amends", "9", line=2),))])
    graph = build_graph(records)
    assert rules(lint(records, graph)) == [("broken-link", "0001-a.md", 2)]


def test_problems_serialise_with_file_line_rule_and_hint() -> None:
    (problem,) = run(adr("0001-a.md", 1, status=None, status_line=None))
    assert problem.to_json() == {
        "path": "0001-a.md",
        "line": 1,
        "rule": "missing-status",
        "severity": "warning",
        "message": "no status",
        "hint": problem.hint,
    }


def test_a_link_to_a_section_of_the_same_adr_is_not_a_self_link() -> None:
    problems = run(adr("0001-a.md", 1, links=(Link("relates-to", "./0001-a.md#status", line=4),)))
    assert problems == []


def test_problems_grouped_by_file_in_line_order() -> None:
    problems = run(
        adr("0001-a.md", 1, status="living", status_line=7, date=None),
        adr("0002-b.md", 2, links=(Link("amends", "9", line=4),)),
    )
    grouped = problems_by_file(problems)
    assert list(grouped) == ["0001-a.md", "0002-b.md"]
    assert [(p.line, p.rule) for p in grouped["0001-a.md"]] == [
        (1, "missing-date"),
        (7, "unknown-status"),
    ]
