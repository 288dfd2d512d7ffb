"""`adrtui show REF --explain`: each field's value, where it came from, and what lost.

Until the parser fills ``provenance`` itself, these tests describe the records
as it will (``dataclasses.replace``), so they pin what a user reads, not how
the parser finds it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain import parsing
from adrtui.domain.collection.folder import EXAMPLE_DIR
from adrtui.domain.model import FieldSource
from adrtui.domain.parsing.explanation import EXPLAINED_FIELDS

ADR = """---
status: proposed
---
# ADR 3: Use Kafka

Date: March 2024
Deciders: Ana Lima, Bo Chen

**Status:** Accepted

We decided to use Kafka.
"""

PROVENANCE = (
    FieldSource(
        "number", "12", "file name 0012-use-kafka.md", (("3", "line 4: # ADR 3: heading"),)
    ),
    FieldSource("title", "Use Kafka", "line 4: # heading"),
    FieldSource(
        "status", "accepted", "line 9: **Status:**", (("proposed", "front matter status:"),)
    ),
    FieldSource("date", "", "", (("March 2024", "line 6: Date: (month only)"),)),
    FieldSource("deciders", "Ana Lima, Bo Chen", "line 7: Deciders:"),
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One ADR whose parser says where each field came from."""
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0012-use-kafka.md").write_text(ADR, encoding="utf-8")
    real = parsing.parse_file

    def explaining(path: Path, root: Path):
        return dataclasses.replace(
            real(path, root),
            number=12,
            title="Use Kafka",
            status="accepted",
            status_raw="Accepted",
            date=None,
            deciders=("Ana Lima", "Bo Chen"),
            authors=(),
            consulted=(),
            informed=(),
            tags=(),
            provenance=PROVENANCE,
        )

    monkeypatch.setattr(parsing, "parse_file", explaining)
    return folder


def explain(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["show", "12", "--dir", str(folder), "--explain", *extra]) == 0
    return capsys.readouterr().out


def row(out: str, field: str) -> tuple[str, list[str]]:
    """The line of ``field`` and the continuation lines under it."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [field])
    rest = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        rest.append(line.strip())
    return lines[start], rest


def test_each_field_says_its_value_and_source(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(folder, capsys)
    number, under = row(out, "number")
    assert re.fullmatch(r"number +12 +file name 0012-use-kafka\.md", number)
    assert under == ["rejected: 3 (line 4: # ADR 3: heading)"]
    status, under = row(out, "status")
    assert re.fullmatch(r"status +accepted +line 9: \*\*Status:\*\*", status)
    assert under == ["rejected: proposed (front matter status:)"]
    title, _ = row(out, "title")
    assert re.fullmatch(r"title +Use Kafka +line 4: # heading", title)
    deciders, _ = row(out, "deciders")
    assert re.fullmatch(r"deciders +Ana Lima, Bo Chen +line 7: Deciders:", deciders)


def test_values_and_sources_line_up_in_columns(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(folder, capsys)
    number, (rejected,) = row(out, "number")
    status, _ = row(out, "status")
    assert number.index("12") == status.index("accepted")
    assert number.index("file name") == status.index("line 9")
    line = next(line for line in out.splitlines() if "rejected: 3" in line)
    assert line.index("rejected") == number.index("file name")


def test_a_field_without_a_value_says_where_it_looked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(folder, capsys)
    date, under = row(out, "date")
    assert re.fullmatch(r"date +— +not found; looked in: line 6: Date: \(month only\)", date)
    assert under == ["rejected: March 2024 (line 6: Date: (month only))"]
    informed, under = row(out, "informed")
    assert re.fullmatch(r"informed +— +not found", informed)
    assert under == []


def test_every_field_is_listed_once_in_a_fixed_order(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(folder, capsys)
    firsts = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert [f for f in firsts if f in EXPLAINED_FIELDS] == list(EXPLAINED_FIELDS)
    assert "We decided to use Kafka" not in out  # the explanation, not the body


def test_explain_json_lists_the_provenance(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(explain(folder, capsys, "--json"))
    assert record["path"] == "0012-use-kafka.md"
    by_field = {entry["field"]: entry for entry in record["provenance"]}
    assert [entry["field"] for entry in record["provenance"]] == list(EXPLAINED_FIELDS)
    assert by_field["status"] == {
        "field": "status",
        "value": "accepted",
        "source": "line 9: **Status:**",
        "rejected": [{"value": "proposed", "source": "front matter status:"}],
    }
    assert by_field["number"]["value"] == 12  # the value as `show --json` gives it
    assert by_field["deciders"]["value"] == ["Ana Lima", "Bo Chen"]
    assert by_field["date"]["value"] is None and by_field["date"]["source"] is None
    assert by_field["date"]["rejected"] == [
        {"value": "March 2024", "source": "line 6: Date: (month only)"}
    ]
    assert by_field["tags"] == {"field": "tags", "value": [], "source": None, "rejected": []}


def test_text_from_the_adr_stays_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-x.md").write_text("# Evil\n", encoding="utf-8")
    real = parsing.parse_file

    def hostile(path: Path, root: Path):
        return dataclasses.replace(
            real(path, root),
            title="Evil\x1b]0;pwned\x07 title",
            provenance=(
                FieldSource(
                    "title",
                    "Evil",
                    "line 1:\x1b[2J # heading",
                    (("bad\x1b[31mred\x9b", "front\nmatter\x07 title:"),),
                ),
            ),
        )

    monkeypatch.setattr(parsing, "parse_file", hostile)
    assert main(["show", "1", "--dir", str(folder), "--explain"]) == 0
    out = capsys.readouterr().out
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    title, under = row(out, "title")
    assert re.fullmatch(r"title +Evil title +line 1: # heading", title)
    assert under == ["rejected: badred (front matter title:)"]


def test_explain_works_on_any_collection(capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever the parser records today, every field is explained and nothing fails."""
    assert main(["show", "2", "--dir", str(EXAMPLE_DIR), "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "0002-use-postgresql-for-persistence.md"
    status, _ = row(out, "status")
    assert status.split()[:2] == ["status", "superseded"]
    date, _ = row(out, "date")
    assert date.split()[:2] == ["date", "2024-01-15"]


def test_a_status_written_otherwise_shows_how_it_was_written(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    explaining = parsing.parse_file
    monkeypatch.setattr(
        parsing,
        "parse_file",
        lambda path, root: dataclasses.replace(explaining(path, root), status_raw="Akzeptiert"),
    )
    status, under = row(explain(folder, capsys), "status")
    assert re.fullmatch(r"status +accepted +line 9: \*\*Status:\*\*", status)
    assert under == ["as written: Akzeptiert", "rejected: proposed (front matter status:)"]


def test_the_parsers_own_not_found_reason_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    explaining = parsing.parse_file
    reason = "not found (no number in the file name, title or id)"

    def parse(path: Path, root: Path):
        adr = explaining(path, root)
        return dataclasses.replace(
            adr, number=None, provenance=(FieldSource("number", "", reason), *adr.provenance[1:])
        )

    monkeypatch.setattr(parsing, "parse_file", parse)
    assert main(["show", "0012-use-kafka.md", "--dir", str(folder), "--explain"]) == 0
    number, under = row(capsys.readouterr().out, "number")
    assert re.fullmatch(r"number +— +" + re.escape(reason), number)
    assert under == []
