"""Front matter in every form real ADR collections use: YAML, TOML (Hugo), JSON (Hugo, Hexo).

Fixtures in tests/fixtures/frontmatter were written for these tests. The two
"billion laughs" fixtures are read under a memory cap in a child process: the
front matter must be refused with a warning, never expanded.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrtui.domain.model import Adr
from adrtui.domain.parsing import frontmatter, parse_bytes, parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "frontmatter"


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _adr(name: str) -> Adr:
    return parse_file(FIXTURES / name, FIXTURES)


def _body(text: str, front: frontmatter.FrontMatter) -> str:
    return text[front.body_offset :]


# --- TOML -----------------------------------------------------------------------------


def test_hugo_toml_front_matter_is_read_with_types_and_lines() -> None:
    text = _text("0001-hugo-toml.md")
    front = frontmatter.parse(text)
    assert front.present and front.format == "toml" and not front.warnings
    assert front.mapping["title"] == "Use TOML front matter for the docs site"
    assert front.mapping["date"] == dt.date(2024, 3, 5)
    assert front.mapping["authors"] == ["Ana Lima", "Bo Chen"]
    assert front.mapping["params"] == {"status": "ignored: not a top-level key"}
    assert front.lines["status"] == 3 and front.lines["date"] == 4
    assert _body(text, front).startswith("\n# Use TOML front matter")
    assert front.body_line == 10


def test_hugo_toml_adr_is_listed_right_not_read_as_body_text() -> None:
    adr = _adr("0001-hugo-toml.md")
    assert adr.title == "Use TOML front matter for the docs site"
    assert (adr.status, adr.date) == ("accepted", "2024-03-05")
    assert not adr.body.startswith("+++") and "title =" not in adr.body
    assert adr.warnings == ()


def test_broken_toml_is_read_line_by_line_with_a_warning() -> None:
    front = frontmatter.parse(_text("0004-broken-toml.md"))
    assert front.present and front.line_by_line
    assert front.mapping["status"] == "accepted"
    assert front.mapping["date"] == dt.date(2021, 9, 14)
    assert any("not valid TOML" in w for w in front.warnings)
    adr = _adr("0004-broken-toml.md")
    assert (adr.status, adr.date) == ("accepted", "2021-09-14")
    assert any("not valid TOML" in w for w in adr.warnings)


# --- JSON -----------------------------------------------------------------------------


def test_hugo_json_front_matter_top_level_keys_only() -> None:
    text = _text("0002-hugo-json.md")
    front = frontmatter.parse(text)
    assert front.present and front.format == "json" and not front.warnings
    assert front.mapping["status"] == "proposed"
    assert front.mapping["tags"] == ["docs"]
    assert front.lines["status"] == 3  # not the nested "status" on line 7
    assert _body(text, front).lstrip().startswith("# Publish decisions")
    adr = _adr("0002-hugo-json.md")
    assert (adr.title, adr.status, adr.date) == (
        "Publish decisions as JSON-fronted pages",
        "proposed",
        "2023-11-20",
    )


def test_one_line_json_object_on_top() -> None:
    front = frontmatter.parse('{"status": "accepted"}\n# T\n')
    assert front.mapping == {"status": "accepted"} and front.lines == {"status": 1}
    assert front.body_line == 1


def test_hexo_json_between_semicolon_fences() -> None:
    text = _text("0003-hexo-json.md")
    front = frontmatter.parse(text)
    assert front.format == "json" and not front.warnings
    assert front.mapping == {
        "title": "Hexo-style JSON front matter",
        "status": "deprecated",
        "date": "2022-07-01",
    }
    assert front.lines == {"title": 2, "status": 3, "date": 4}
    assert _adr("0003-hexo-json.md").status == "deprecated"


def test_broken_json_is_read_line_by_line_with_a_warning() -> None:
    front = frontmatter.parse('{\n  "status": "accepted",\n  "tags": ["a",\n}\n# T\n')
    assert front.present and front.line_by_line
    assert front.mapping["status"] == "accepted"
    assert any("not valid JSON" in w for w in front.warnings)


@pytest.mark.parametrize(
    "text",
    ["{% include note.html %}\n# T\n", "{#anchor}\n# T\n", "{ not json\n# T\n", "+++ text\n"],
)
def test_braces_and_pluses_that_are_not_front_matter(text: str) -> None:
    front = frontmatter.parse(text)
    assert not front.present and front.body_offset == 0 and not front.warnings


# --- YAML -----------------------------------------------------------------------------


def test_yaml_dates_stay_dates_and_keys_keep_their_lines() -> None:
    front = frontmatter.parse("---\nstatus: accepted\n\ndate: 2024-01-02\n---\n# T\n")
    assert front.format == "yaml"
    assert front.mapping == {"status": "accepted", "date": dt.date(2024, 1, 2)}
    assert front.lines == {"status": 2, "date": 4}


def test_an_impossible_date_does_not_lose_the_rest_of_the_front_matter() -> None:
    front = frontmatter.parse(_text("0007-impossible-date.md"))
    assert not front.line_by_line and not front.warnings
    assert front.mapping["date"] == "2022-02-30"
    assert front.mapping["tags"] == ["security", "api"]
    adr = _adr("0007-impossible-date.md")
    assert adr.tags == ("security", "api") and adr.date is None
    assert any("2022-02-30" in w for w in adr.warnings)


def test_jekyll_three_dots_close_the_front_matter() -> None:
    text = _text("0005-jekyll-dots.md")
    front = frontmatter.parse(text)
    assert front.mapping == {"status": "superseded", "date": dt.date(2020, 2, 2)}
    assert _body(text, front).startswith("\n# A YAML document")


def test_a_byte_order_mark_before_the_fence() -> None:
    text = "\ufeff---\nstatus: accepted\n---\n# T\n"
    front = frontmatter.parse(text)
    assert front.present and front.mapping == {"status": "accepted"}
    assert front.lines == {"status": 2} and _body(text, front) == "# T\n"
    data = b"\xef\xbb\xbf---\nstatus: rejected\ndate: 2024-02-03\n---\n# Title\n"
    adr = parse_bytes(data, Path("/adrs/0001-x.md"), Path("/adrs"))
    assert (adr.title, adr.status, adr.date) == ("Title", "rejected", "2024-02-03")


def test_madr4_people_in_any_yaml_form_reach_the_mapping() -> None:
    front = frontmatter.parse(_text("0006-madr4-people.md"))
    assert not front.warnings
    assert front.mapping["decision-makers"] == "Ana Lima, Bo Chen"
    assert front.mapping["consulted"] == "Security team\n"
    assert front.mapping["informed"] == ["Platform team", "Support"]
    assert front.lines["informed"] == 7


def test_people_in_front_matter_reach_the_record_in_every_format() -> None:
    madr = _adr("0006-madr4-people.md")
    assert madr.deciders == ("Ana Lima", "Bo Chen")
    assert madr.consulted == ("Security team",)
    assert madr.informed == ("Platform team", "Support")
    assert _adr("0001-hugo-toml.md").authors == ("Ana Lima", "Bo Chen")


def test_merge_keys_within_limits_still_work() -> None:
    front = frontmatter.parse("---\nbase: &b {status: accepted}\nme:\n  <<: *b\n  x: 1\n---\n")
    assert front.mapping["me"] == {"status": "accepted", "x": 1} and not front.warnings


def test_python_tags_are_never_executed() -> None:
    front = frontmatter.parse(
        "---\nstatus: accepted\nx: !!python/object/apply:os.system [id]\n---\n"
    )
    assert front.mapping["status"] == "accepted" and front.mapping["x"] is None
    assert any("never executed" in w for w in front.warnings)


def test_too_many_aliases_are_refused() -> None:
    aliases = ", ".join(["*x"] * 1_001)
    front = frontmatter.parse(f"---\nstatus: accepted\nx: &x 1\ny: [{aliases}]\n---\n")
    assert front.mapping["status"] == "accepted"
    assert any("over 1,000 aliases" in w for w in front.warnings)


def test_an_alias_to_itself_is_refused() -> None:
    front = frontmatter.parse("---\nstatus: accepted\na: &a [*a]\n---\n")
    assert front.mapping["status"] == "accepted"
    assert any("refers to itself" in w for w in front.warnings)


@pytest.mark.parametrize("name", ["0008-billion-laughs.md", "0009-merge-key-laughs.md"])
def test_billion_laughs_is_refused_with_a_warning(name: str) -> None:
    text = _text(name)
    assert len(text) < 512
    front = frontmatter.parse(text)
    assert front.present and front.mapping["status"] == "accepted"
    assert any("expand to over" in w for w in front.warnings)
    assert len(json.dumps(front.mapping, default=str)) < 1000


_CAPPED = """
import json, resource, sys
from pathlib import Path
limit = 768 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from adrtui.domain.parsing import parse_file
path = Path(sys.argv[1])
adr = parse_file(path, path.parent)
print(json.dumps({"json": len(json.dumps(adr.to_json())),
                  "front": len(json.dumps(dict(adr.front_matter), default=str)),
                  "warnings": list(adr.warnings), "status": adr.status}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize("name", ["0008-billion-laughs.md", "0009-merge-key-laughs.md"])
def test_billion_laughs_under_a_memory_cap(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CAPPED, str(FIXTURES / name)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["status"] == "accepted"
    assert out["json"] < 5000 and out["front"] < 5000
    assert any("expand to over" in w for w in out["warnings"])


@pytest.mark.parametrize("fence", ["---", "+++", ";;;", "{"])
def test_deep_nesting_in_any_format_is_a_warning_not_a_crash(fence: str) -> None:
    head = {"---": "---\na: ", "+++": "+++\na = ", ";;;": ';;;\n"a": ', "{": '{\n"a": '}[fence]
    closing = "\n}\n" if fence == "{" else f"\n{fence}\n"
    for depth in (3_000, 100_000):
        text = head + "[" * depth + closing + "# T\n"
        front = frontmatter.parse(text)  # never raises
        assert front.present and "a" in front.mapping
        assert front.line_by_line and front.warnings


_PIECES = st.sampled_from(
    [
        "---",
        "+++",
        ";;;",
        "{",
        "}",
        "...",
        "\ufeff",
        "\n",
        ": ",
        " = ",
        '"',
        "'",
        "[",
        "]",
        "&a ",
        "*a",
        "<<: ",
        "!!python/object:x",
        "2022-02-30",
        "2024-01-01",
        "- ",
        "    ",
        "status",
        "title",
        "authors",
        "# T",
        "|",
        ">",
        ",",
        "#",
        "\t",
        "é",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_gives_a_sane_front_matter(text: str) -> None:
    front = frontmatter.parse(text)
    assert 0 <= front.body_offset <= len(text)
    assert front.body_line == text.count("\n", 0, front.body_offset) + (
        front.body_offset == len(text) and bool(text) and not text.endswith("\n")
    )
    if not front.present:
        assert front.body_offset == 0 and not front.mapping and not front.warnings
    assert all(isinstance(key, str) for key in front.mapping)
    assert all(1 <= line <= text.count("\n") + 1 for line in front.lines.values())
