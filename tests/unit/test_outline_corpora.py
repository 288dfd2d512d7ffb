"""The outline against a CommonMark parser on real ADRs (../shared/corpora; skipped when absent).

Every document-level heading markdown-it-py finds, the outline finds on the same line
with the same level, and no other; fences agree too, except inside MkDocs admonitions
(``!!! note`` with four-space content), which CommonMark reads as indented code and
the outline, like MkDocs, as an admonition holding a fence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.markdown import outline

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"

pytestmark = pytest.mark.corpora


def _documents() -> list[Path]:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora not available")
    return sorted(p for p in CORPORA.rglob("*.md") if "expected" not in p.parts)


def test_headings_and_fences_agree_with_markdown_it_on_real_adrs() -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    differences: list[str] = []
    for path in _documents():
        text = path.read_text("utf-8", "replace").replace("\r\n", "\n")
        doc = outline(text)
        skip = doc.front_matter.end if doc.front_matter else 0
        body = "\n" * skip + "\n".join(doc.lines[skip:])  # same line numbers, no front matter
        tokens = md.parse(body)
        lines = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
        expected = [
            (t.map[0], int(t.tag[1])) for t in tokens if t.type == "heading_open" and t.level == 0
        ]
        if [(h.line, h.level) for h in doc.headings] != expected:
            differences.append(f"headings of {path}")
        in_admonition = {
            i for b in doc.blocks if b.kind == "admonition" for i in range(b.start, b.end)
        }
        fences = [(t.map[0], t.map[1]) for t in tokens if t.type == "fence"]
        ours = [(f.line, min(f.end, lines)) for f in doc.fences if f.line not in in_admonition]
        if ours != fences:
            differences.append(f"fences of {path}")
    assert not differences, differences
