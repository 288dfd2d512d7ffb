"""Property tests: whatever bytes, YAML or Markdown a file holds, parsing returns a sane record.

Issue 2's contract is "a record, never an exception"; these tests feed random
bytes, random (often broken) front matter and random Markdown built from the
pieces ADRs are made of, and check the record's invariants.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_bytes

ROOT = Path("/adrs")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(adr: Adr, rel_path: str) -> None:
    assert isinstance(adr, Adr)
    assert adr.rel_path == rel_path
    assert adr.title and "\n" not in adr.title and not CONTROL.search(adr.title)
    if adr.status is not None:
        assert adr.status == adr.status.lower() and adr.status.strip() == adr.status
        assert adr.status and not CONTROL.search(adr.status)
        assert adr.status_raw is not None and not CONTROL.search(adr.status_raw)
    if adr.date is not None:
        assert dt.date.fromisoformat(adr.date).isoformat() == adr.date
    assert adr.number is None or adr.number >= 0
    for link in adr.links:
        assert link.kind and link.target and link.path is None
        assert not CONTROL.search(link.target)
    for name in adr.deciders + adr.tags:
        assert name and not CONTROL.search(name)
    assert all(isinstance(w, str) and w for w in adr.warnings)
    # The last-resort net (an internal error turned into a warning) is never needed.
    assert not any(w.startswith("could not be parsed") for w in adr.warnings), adr.warnings
    assert adr.encoding and adr.newline in ("\n", "\r\n")
    assert len(adr.sha1) == 40


@PROFILE
@given(data=st.binary(max_size=4096), name=st.sampled_from(["0001-x.md", "x.md", "20201016-y.md"]))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    adr = parse_bytes(data, ROOT / name, ROOT)
    _check(adr, name)
    assert adr.size == len(data)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.dates().map(lambda d: d),
    st.sampled_from(["accepted", "✅ Accepted", "superseded by ADR-3", "{proposed | rejected"]),
)
_yaml_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)
_keys = st.one_of(
    st.sampled_from(
        [
            "status",
            "date",
            "deciders",
            "decision-makers",
            "tags",
            "title",
            "id",
            "adr",
            "supersedes",
            "superseded_by",
            "links",
            "clarifies",
        ]
    ),
    st.text(min_size=1, max_size=12),
)


@PROFILE
@given(mapping=st.dictionaries(_keys, _yaml_values, max_size=8), body=st.text(max_size=300))
def test_random_yaml_front_matter_never_raises(mapping: dict, body: str) -> None:
    front = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)
    text = f"---\n{front}---\n{body}"
    _check(
        parse_bytes(text.encode("utf-8", "surrogatepass"), ROOT / "0002-y.md", ROOT), "0002-y.md"
    )


_yaml_lines = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda k, v: f"{k}: {v}",
            _keys,
            st.one_of(
                st.text(max_size=30),
                st.sampled_from(['"{a | b', "[a, b", "!!python/object:os.system", "&x", "*x"]),
            ),
        ),
        st.sampled_from(["  - item", "- x", "? ", "|", "  nested: {", "---x", "..."]),
    ),
    max_size=10,
)


@PROFILE
@given(lines=_yaml_lines, body=st.text(max_size=200))
def test_broken_front_matter_never_raises(lines: list[str], body: str) -> None:
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    _check(
        parse_bytes(text.encode("utf-8", "surrogatepass"), ROOT / "0003-z.md", ROOT), "0003-z.md"
    )


_words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30)
_md_line = st.one_of(
    _words,
    st.builds(lambda n, w: "#" * n + " " + w, st.integers(1, 7), _words),
    st.builds(
        lambda key, marker, value: f"{marker}{key}: {value}",
        st.sampled_from(["Status", "Date", "Deciders", "Tags", "Supersedes", "Related ADRs"]),
        st.sampled_from(["", "* ", "- ", "**", "  - "]),
        _words,
    ),
    st.builds(lambda k, v: f"**{k}:** {v}", st.sampled_from(["Status", "Date"]), _words),
    st.builds(lambda k, v: f"| {k} | {v} |", st.sampled_from(["Status", "Date", "x"]), _words),
    st.builds(lambda t, h: f"[{t}]({h})", _words, _words),
    st.sampled_from(
        [
            "## Status",
            "### Status",
            "## Related",
            "## Links",
            "```yaml",
            "```",
            "~~~",
            "<!--",
            "-->",
            "=====",
            "Superseded by [5. X](0005-x.md)",
            "Amended by ADR-3",
            "✅ Accepted",
            "Date: 10/04/18",
            "[" * 50 + "x" + "]" * 50,
            "(" * 50,
            "> " * 30,
            "\x1b[2J\x07",
            "\x00",
            # issue 11's styles: lists with blank continuation lines, change logs,
            # admonitions, pipe-joined fields, emoji and id prefixes, other languages
            "- item",
            "  ",
            "    ",
            "  - nested",
            "## Change Log",
            "- [approved](https://x/pull/1) (2022-07-12)",
            "- 25/04/2022: initial draft",
            ":::note Superseded",
            ":::",
            '!!! warning "Deprecated"',
            "* **Status:** [approved] | **Date:** 2021-03",
            "# 🎨 ADR-021: Arquitetura",
            "## ⚡ Status",
            "### ステータス (Status)",
            "承認済み",
            "<b>日時:</b> 2023年4月11日",
            "Datum: 3. März 2024",
            "| Updates | ADR-8 |",
            "Title\n---",
        ]
    ),
)


@PROFILE
@given(
    lines=st.lists(_md_line, max_size=40),
    newline=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]),
)
def test_random_markdown_never_raises(lines: list[str], newline: str, encoding: str) -> None:
    text = newline.join(lines)
    data = text.encode(encoding, "replace")
    _check(parse_bytes(data, ROOT / "sub" / "0004-w.md", ROOT), "sub/0004-w.md")
