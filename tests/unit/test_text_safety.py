"""Text never lies and never controls the terminal (issue 12, item 8).

C1 controls (U+009B CSI, U+009D OSC) pass ``json.dumps(ensure_ascii=False)``
untouched, and bidi overrides or zero-width characters let an ADR title read
differently from its bytes ("Trojan Source"). JSON escapes them and keeps the
exact data; text output and the app show them as ``⟨U+202E⟩``; lint warns.
A zero-width joiner that is writing (emoji, Persian, Indic) is left alone.
"""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adrtui.cli import main
from adrtui.cli.common import styled
from adrtui.domain.model import Adr
from adrtui.domain.relations import lint
from adrtui.domain.text import clean, clean_line, hidden_characters, json_text, reveal, scrub
from tests.hostile.capped import TIME_LIMIT, isolated_env, limits

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
ZWSP = "\u200b"  # ZERO WIDTH SPACE
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧, joined by ZWJ
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # می‌خواهم, with ZWNJ
DEVANAGARI = "\u0915\u094d\u200d\u0937"  # क्‍ष, half form by ZWJ
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
#: UTF-8 bytes that must never reach a terminal from a file: C1 CSI/OSC, ESC, and the
#: bidi override itself (text output shows it as ⟨U+202E⟩, JSON as \u202e).
C1_CSI, C1_OSC, ESC, RLO_BYTES = b"\xc2\x9b", b"\xc2\x9d", b"\x1b", RLO.encode()

ADR = (
    f"# 1. Use {RLO}Postgres\n"
    "\n"
    "Date: 2024-01-01\n"
    "\n"
    "## Status\n"
    "\n"
    "Accepted\n"
    "\n"
    "## Context\n"
    "\n"
    f"CSI \x9b31m and OSC \x9d0;pwned\x07 in the text; a zero{ZWSP}width space.\n"
    f"The family {FAMILY}, {PERSIAN}, {DEVANAGARI} and {SCOTLAND} are writing.\n"
)
FRONT = f"---\ntitle: Fine\nstatus: accepted\ndate: 2024-01-02\ntags: [a{ZWSP}b]\n---\n# Fine\n"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    adrs = tmp_path / "repo" / "docs" / "adr"
    adrs.mkdir(parents=True)
    (adrs / "0001-use-postgres.md").write_text(ADR, encoding="utf-8")
    (adrs / "0002-fine.md").write_text(FRONT, encoding="utf-8")
    return adrs


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> bytes:
    main(list(args))
    return capsysbinary.readouterr().out


# ------------------------------------------------------------------------ the rule


def test_bidi_and_invisible_characters_are_shown() -> None:
    assert clean(f"Use {RLO}Postgres") == "Use ⟨U+202E⟩Postgres"
    assert clean_line(f"zero{ZWSP}width\u2066x\u2069") == "zero⟨U+200B⟩width⟨U+2066⟩x⟨U+2069⟩"
    assert reveal("x\U000e0041y") == "x⟨U+E0041⟩y"  # tag characters smuggle ASCII
    assert reveal("soft\u00adhyphen\ufeff") == "soft⟨U+00AD⟩hyphen⟨U+FEFF⟩"


@pytest.mark.parametrize("writing", [FAMILY, PERSIAN, DEVANAGARI, SCOTLAND, "👍🏽", "🏳️‍🌈"])
def test_joiners_that_are_writing_stay(writing: str) -> None:
    assert clean(writing) == writing
    assert clean_line(f"a {writing} b") == f"a {writing} b"
    assert hidden_characters(writing) == []


def test_a_joiner_inside_a_latin_word_or_at_an_edge_is_shown() -> None:
    assert clean("pass\u200dword") == "pass⟨U+200D⟩word"
    assert clean("\u200d" + FAMILY) == "⟨U+200D⟩" + FAMILY
    assert clean("\u0645\u200c") == "\u0645⟨U+200C⟩"


def test_scrub_keeps_the_characters_for_records() -> None:
    assert scrub(f"a\x9b31m{RLO}b\x1b]0;t\x07") == f"a{RLO}b"


@given(st.text())
def test_shown_text_has_no_control_and_no_hidden_character(text: str) -> None:
    shown = clean(text)
    assert not any(0x7F <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in "\t\n") for c in shown)
    assert hidden_characters(shown) == []
    assert clean(shown) == shown  # showing twice changes nothing


@given(st.recursive(st.text(), lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids)))
def test_json_round_trips_and_is_terminal_safe(data: object) -> None:
    text = json_text(data)
    assert json.loads(text) == data
    raw = text.encode("utf-8")  # lone surrogates are escaped: valid UTF-8
    assert C1_CSI not in raw and C1_OSC not in raw and ESC not in raw
    assert hidden_characters(text) == [] and "\u200d" not in text and "\u200c" not in text


# ---------------------------------------------------------------------------- JSON


def test_show_json_escapes_c1_and_keeps_the_body_exact(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = run(capsysbinary, "show", "1", "--dir", str(folder), "--json")
    for forbidden in (C1_CSI, C1_OSC, ESC, RLO_BYTES):
        assert forbidden not in out
    assert b"\\u009b31m" in out and b"\\u009d0;pwned" in out and b"\\u202e" in out
    assert json.loads(out)["body"] == ADR


def test_json_titles_keep_the_exact_characters(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = run(capsysbinary, "list", str(folder.parent.parent), "--json")
    assert json.loads(out)[0]["title"] == f"Use {RLO}Postgres"


@pytest.mark.parametrize(
    "command",
    [
        ("list", "{root}", "--json"),
        ("lint", "{root}", "--json"),
        ("graph", "{root}", "--format", "json"),
        ("show", "3", "--dir", "{root}", "--json"),
    ],
)
def test_every_json_writer_escapes_c1_bidi_and_undecodable_names(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes], command: tuple[str, ...]
) -> None:
    name = os.fsencode(folder) + b"/0003-caf\xe9-\xe2\x80\xae.md"
    with open(name, "wb") as handle:
        handle.write(f"# 3. Caf\x9d0;x\x07 {RLO}\n\nStatus: accepted\n".encode())
    out = run(capsysbinary, *(part.format(root=folder) for part in command))
    for forbidden in (C1_CSI, C1_OSC, ESC, RLO_BYTES):
        assert forbidden not in out, f"{forbidden!r} in {command[0]} JSON"
    data = json.loads(out.decode("utf-8"))  # strict: valid UTF-8
    paths = json.dumps(data)
    # The undecodable byte comes back as the same surrogate Python uses for the name.
    assert "\\udce9" in paths, "the file name did not round-trip"


def test_a_new_adr_gets_the_title_as_typed(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    title = f"Use {FAMILY} for zero{ZWSP}width"
    out = run(capsysbinary, "new", title, "--dir", str(folder), "--no-edit")
    created = Path(out.decode().strip())
    assert f"# {title}\n" in created.read_text(encoding="utf-8")
    assert created.name == "0003-use-for-zero-width.md"


# ---------------------------------------------------------------------------- text


def test_text_output_shows_hidden_characters_and_keeps_writing(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    shown = run(capsysbinary, "show", "1", "--dir", str(folder))
    listed = run(capsysbinary, "list", str(folder))
    graph = run(capsysbinary, "graph", str(folder), "--format", "dot")
    for out in (shown, listed, graph):
        for forbidden in (C1_CSI, C1_OSC, ESC, RLO_BYTES):
            assert forbidden not in out
        assert "Use ⟨U+202E⟩Postgres".encode() in out
    text = shown.decode("utf-8")
    assert "zero⟨U+200B⟩width" in text
    for writing in (FAMILY, PERSIAN, DEVANAGARI, SCOTLAND):
        assert writing in text


def test_mermaid_labels_show_hidden_characters(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = run(capsysbinary, "graph", str(folder), "--format", "mermaid").decode()
    assert f"#{ord('⟨')};U+202E#{ord('⟩')};Postgres" in out
    assert f"#{ord(RLO)};" not in out


# ---------------------------------------------------------------------------- lint


def test_lint_warns_about_hidden_characters_with_line_and_name(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = run(capsysbinary, "lint", str(folder), "--json")
    found = [
        (p["path"], p["line"], p["message"])
        for p in json.loads(out)["problems"]
        if p["rule"] == "hidden-characters"
    ]
    rlo, zwsp = "U+202E (RIGHT-TO-LEFT OVERRIDE)", "U+200B (ZERO WIDTH SPACE)"
    assert found == [
        ("0001-use-postgres.md", 1, f"hidden character {rlo} in the title"),
        ("0001-use-postgres.md", 11, f"hidden character {zwsp} in the text"),
        ("0002-fine.md", 1, f"hidden character {zwsp} in the front matter's 'tags'"),
    ]  # line 12 (emoji, Persian, Devanagari, a flag) is writing: no warning
    text = run(capsysbinary, "lint", str(folder)).decode()
    assert "hidden-characters" in text and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in text
    assert RLO not in text


def test_lint_says_how_many_more_places_instead_of_flooding(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    adrs = tmp_path / "adr"
    adrs.mkdir()
    lines = "".join(f"line {i}{ZWSP}\n\n" for i in range(500))
    (adrs / "0001-many.md").write_text(f"# 1. Many\n\nStatus: accepted\n\n{lines}")
    data = json.loads(run(capsysbinary, "lint", str(adrs), "--json"))
    hidden = [p for p in data["problems"] if p["rule"] == "hidden-characters"]
    assert len(hidden) == 20
    assert hidden[-1]["message"].endswith("(and 480 more places with hidden characters)")


def test_the_rule_is_listed_and_can_be_ignored(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert b"hidden-characters" in run(capsysbinary, "lint", "--rules")
    out = run(capsysbinary, "lint", str(folder), "--json", "--ignore", "hidden-characters")
    assert all(p["rule"] != "hidden-characters" for p in json.loads(out)["problems"])


# ------------------------------------------------------------ plain output (TERM=dumb)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": ""}, False),
        ({}, False),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, False),
    ],
)
def test_only_a_capable_terminal_gets_styling(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert styled(_Terminal()) is expected
    assert styled(io.StringIO()) is False  # a pipe or a file: never


def _on_a_terminal(args: list[str], env: dict[str, str], base: Path) -> bytes:
    """What ``adrtui *args`` writes to a pseudo-terminal (stdout and stderr), capped."""
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "adrtui", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
            env=isolated_env(base, env),
            cwd=base,
            timeout=TIME_LIMIT,
            preexec_fn=limits(),
            check=False,
        )
    finally:
        os.close(slave)
    out = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child side is closed: everything was read
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert done.returncode in (0, 1), out.decode("utf-8", "replace")[-2000:]
    return out


@pytest.mark.parametrize(
    "command",
    [
        ["list", "{root}"],
        ["show", "1", "--dir", "{root}"],
        ["lint", "{root}"],
        ["graph", "{root}"],
        ["search", "postgres", "--dir", "{root}"],
    ],
)
@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"TERM": "xterm", "NO_COLOR": "1"}])
def test_a_dumb_terminal_gets_plain_output(
    folder: Path, tmp_path: Path, command: list[str], env: dict[str, str]
) -> None:
    out = _on_a_terminal([part.format(root=folder) for part in command], env, tmp_path)
    assert out, "nothing was printed"
    assert ESC not in out and C1_CSI not in out and C1_OSC not in out


def test_front_matter_made_huge_by_aliases_is_looked_at_within_bounds() -> None:
    """50**9 nodes through shared references (what YAML aliases build): lint looks at a
    bounded number of them, finds the hidden character, and returns."""
    tree: object = [f"x{ZWSP}"]
    for _ in range(9):
        tree = [tree] * 50
    adr = Adr(
        Path("/adr/0001-a.md"),
        "0001-a.md",
        number=1,
        title="A",
        front_matter=MappingProxyType({"tags": tree}),
    )
    found = [p for p in lint([adr]) if p.rule == "hidden-characters"]
    assert [(p.line, p.message) for p in found] == [
        (1, "hidden characters U+200B (ZERO WIDTH SPACE) in the front matter's 'tags'")
    ]


def test_error_messages_quote_folder_names_safely(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    adrs = tmp_path / f"adr\x1b]0;pwned\x07{RLO}"
    adrs.mkdir()
    (adrs / "0001-a.md").write_text("# 1. A\n\nStatus: accepted\n")
    assert main(["show", "99", "--dir", str(adrs)]) == 1
    err = capsysbinary.readouterr().err
    assert b"no ADR matches '99'" in err
    assert ESC not in err and b"\x07" not in err and RLO_BYTES not in err
    assert "adr⟨U+202E⟩".encode() in err


def test_search_json_escapes_c1_and_bidi(
    folder: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = run(capsysbinary, "search", "width", "--dir", str(folder), "--json")
    for forbidden in (C1_CSI, C1_OSC, ESC, RLO_BYTES):
        assert forbidden not in out
    hits = json.loads(out.decode("utf-8"))
    assert [hit["path"] for hit in hits] == ["0001-use-postgres.md"]


def test_the_browser_on_a_dumb_terminal_lists_the_adrs_instead(
    folder: Path, tmp_path: Path
) -> None:
    """``adrtui`` under TERM=dumb (an Emacs shell) would draw a full-screen app as raw
    escape sequences; it prints the list, plainly, and says why."""
    out = _on_a_terminal([str(folder)], {"TERM": "dumb"}, tmp_path)
    assert b"TERM=dumb" in out and b"listing the ADRs instead" in out
    assert b"NUMBER" in out and b"0001" in out
    assert ESC not in out and C1_CSI not in out
