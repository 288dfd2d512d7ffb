"""Where an ADR keeps its status, in whichever of the many shapes its author wrote it.

ADRs keep their status in many shapes: a Nygard ``## Status`` section, a MADR
``* Status:`` / ``- Status:`` bullet, a ``**Status:**`` bold field, YAML (or TOML, or
JSON) front matter ``status:``, a fenced ``yaml`` block, a ``| Status | ... |`` table
row or a bare ``Status:`` line. :func:`find_status` locates that one region (a span
in one line), so a writer changes only it: :mod:`adrtui.domain.writing.supersede`
marks a record superseded, :mod:`adrtui.domain.writing.templates` learns a
collection's style from it and fills a template's status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from adrtui.domain.markdown import (
    CODE,
    COMMENT,
    FENCE,
    FRONT_MATTER,
    HEADING,
    UNDERLINE,
    Outline,
    outline,
    split_lines,
)
from adrtui.domain.parsing import read_front_matter

# --------------------------------------------------------------------------- lines


def body_of(line: str) -> str:
    """A line without its ending."""
    return line.rstrip("\r\n")


def eol_of(line: str) -> str:
    """A line's ending (``\\n``, ``\\r\\n`` or nothing)."""
    return line[len(body_of(line)) :]


# --------------------------------------------------------------------------- locating


@dataclass(frozen=True, slots=True)
class StatusSpot:
    """Where a file keeps its status: ``lines[line][start:end]`` is the value.

    ``kind`` is one of ``frontmatter``, ``yaml-block``, ``section`` (value on
    the first line of a ``Status`` section), ``heading`` (``## Status: X``),
    ``bullet``, ``bold``, ``table`` or ``field``. ``marker`` is a bullet's marker,
    or a front matter's syntax (``yaml``, ``toml``, ``json``). ``last_line`` is past ``line``
    only when a YAML value continues on indented lines. An empty section has
    ``line`` on its heading and ``start == end == -1``.
    """

    kind: str
    line: int
    start: int
    end: int
    value: str
    key: str = "status"
    indent: str = ""
    marker: str = ""
    last_line: int = -1

    @property
    def empty_section(self) -> bool:
        return self.start < 0


# A heading's text (as the outline reads it) that names the status section, or holds
# the status itself (``## Status: Accepted``).
_STATUS_HEADING = re.compile(
    r"(?:\*\*|__)?status(?:\*\*|__)?\s*(?::\s*(?P<inline>.*))?", re.IGNORECASE | re.DOTALL
)
# ``Status:`` written bold in any of the usual ways, or plain.
_KEY = (
    r"(?:(?P<bold>\*\*|__)(?P<k1>status)\s*:\s*(?P=bold)"
    r"|(?P<bold2>\*\*|__)(?P<k2>status)(?P=bold2)\s*:"
    r"|(?P<k3>status)\s*:)"
)
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[*+-])\s+" + _KEY, re.IGNORECASE)
_BOLD = re.compile(r"^(?P<indent> {0,3})(?=\*\*|__)" + _KEY, re.IGNORECASE)
_FIELD = re.compile(r"^(?P<indent>)(?P<k0>status)\s*:", re.IGNORECASE)
_TABLE = re.compile(
    r"^\s*\|\s*(?:\*\*|__)?(?P<key>status)(?:\*\*|__)?\s*:?\s*\|(?P<cell>[^|]*)\|",
    re.IGNORECASE,
)
_YAML_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>status)\s*:(?=\s|$)", re.IGNORECASE)
_COMMENT = re.compile(r"\s*<!--.*?(?:-->|$)\s*$")


def _key_of(match: re.Match[str]) -> str:
    for name in ("k0", "k1", "k2", "k3", "key"):
        with_name = match.groupdict().get(name)
        if with_name:
            return with_name
    return "status"


def _value_span(line: str, start: int) -> tuple[int, int]:
    """The value after a key: from the first non-blank to before a trailing HTML comment."""
    end = len(line)
    comment = _COMMENT.search(line, start)
    if comment:
        end = comment.start()
    while start < end and line[start] in " \t":
        start += 1
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, end


def yaml_value_span(line: str, start: int) -> tuple[int, int]:
    """The span of a YAML scalar after its key (inside quotes when quoted; no comment)."""
    while start < len(line) and line[start] in " \t":
        start += 1
    if start < len(line) and line[start] in "\"'":
        quote_char = line[start]
        close = line.find(quote_char, start + 1)
        if close > start:
            return start + 1, close
    end = len(line)
    hash_at = line.find(" #", start)
    if hash_at >= 0:
        end = hash_at
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, end


def _yaml_continuation(bodies: list[str], index: int, stop: int) -> int:
    """Last line of a YAML value that continues on more-indented lines after ``index``."""
    last = index
    for j in range(index + 1, stop):
        if bodies[j].strip() == "":
            continue
        if bodies[j][:1] in " \t":
            last = j
        else:
            break
    return last


def front_matter(lines: list[str]) -> tuple[str, int]:
    """The leading front matter's syntax (``yaml``, ``toml``, ``json``) and closing line.

    ``("", -1)`` when there is none. The parser's own reading decides
    (:mod:`adrtui.domain.parsing.frontmatter`), so the writer edits exactly the
    block the parser read, in every format it reads.
    """
    found = read_front_matter("".join(lines))
    if not found.present or found.body_line < 2:
        return "", -1
    return found.format or "yaml", found.body_line - 1


def front_matter_end(lines: list[str]) -> int:
    """Index of the closing line of a leading front matter block, or -1 when there is none."""
    return front_matter(lines)[1]


_TOML_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>status)\s*=", re.IGNORECASE)
_JSON_KEY = re.compile(r'^(?P<indent>\s*)"(?P<key>status)"\s*:', re.IGNORECASE)
_FRONT_MATTER_KEYS = {"yaml": None, "toml": _TOML_KEY, "json": _JSON_KEY}


def front_matter_line(syntax: str, indent: str, key: str, value: str) -> str:
    """One ``key: value`` line in the front matter's own syntax (JSON without its comma)."""
    if syntax == "toml":
        return f'{indent}{key} = "{value}"'
    if syntax == "json":
        return f'{indent}"{key}": "{value}"'
    return f"{indent}{key}: {value}"


def _section_value(bodies: list[str], heading: int, doc: Outline) -> StatusSpot:
    """The value on the first line of the section under ``heading`` (its last line)."""
    kinds = doc.kinds
    for j in range(heading + 1, len(bodies)):
        text = bodies[j]
        kind = kinds[j]
        if not text.strip() or kind == COMMENT:
            continue
        if kind in (FENCE, CODE):
            break
        if kind == HEADING:
            found = doc.heading_at(j)
            if found is not None and not found.setext:
                break
        start = len(text) - len(text.lstrip())
        bullet = re.match(r"[*+-]\s+", text[start:])
        if bullet:
            start += bullet.end()
        s, e = _value_span(text, start)
        value = text[s:e]
        for wrap in ("**", "__", "*", "_"):
            if len(value) > 2 * len(wrap) and value.startswith(wrap) and value.endswith(wrap):
                s, e = s + len(wrap), e - len(wrap)
                value = text[s:e]
                break
        return StatusSpot("section", j, s, e, value, last_line=j)
    return StatusSpot("section", heading, -1, -1, "", last_line=heading)


def status_spots(text: str) -> list[StatusSpot]:
    """Every place in ``text`` that looks like the ADR's status, in file order."""
    lines = split_lines(text)
    bodies = [body_of(line) for line in lines]
    spots: list[StatusSpot] = []
    syntax, fm_end = front_matter(lines)
    if fm_end > 0:
        key_pattern = _FRONT_MATTER_KEYS[syntax] or _YAML_KEY
        for i in range(1, fm_end):
            m = key_pattern.match(bodies[i])
            if m and (syntax != "yaml" or not m.group("indent")):
                s, e = yaml_value_span(bodies[i], m.end())
                last = _yaml_continuation(bodies, i, fm_end) if syntax == "yaml" else i
                spots.append(
                    StatusSpot(
                        "frontmatter",
                        i,
                        s,
                        e,
                        bodies[i][s:e],
                        m.group("key"),
                        m.group("indent") if syntax != "yaml" else "",
                        syntax,
                        last,
                    )
                )
                break
    doc = outline(text)
    kinds = doc.kinds
    yaml_fences = {f.line: f for f in doc.fences if f.lang in ("yaml", "yml")}
    yaml_end = -1  # end of the open ``yaml`` fence, while one is open
    seen_h2 = False
    for i in range(fm_end + 1, len(lines)):
        text = bodies[i]
        kind = kinds[i]
        if kind in (FENCE, CODE):
            if kind == FENCE and i in yaml_fences:
                yaml_end = yaml_fences[i].end
            elif kind == CODE and i < yaml_end and not seen_h2:
                m = _YAML_KEY.match(text)
                if m:
                    s, e = yaml_value_span(text, m.end())
                    spots.append(
                        StatusSpot(
                            "yaml-block",
                            i,
                            s,
                            e,
                            text[s:e],
                            m.group("key"),
                            m.group("indent"),
                            "",
                            i,
                        )
                    )
            continue
        if kind in (COMMENT, FRONT_MATTER, UNDERLINE):
            continue
        if kind == HEADING:
            heading = doc.heading_at(i)
            assert heading is not None
            status = _STATUS_HEADING.fullmatch(heading.text)
            if not heading.setext:
                if status:
                    inline = status.group("inline")
                    if inline:
                        at = text.find(heading.text) + status.start("inline")
                        s, e = _value_span(text, at)
                        spots.append(StatusSpot("heading", i, s, e, text[s:e], last_line=i))
                    else:
                        spots.append(_section_value(bodies, i, doc))
                elif heading.level >= 2:
                    seen_h2 = True
                continue
            if status and not status.group("inline") and i == heading.line:
                # ``Status`` underlined: a section whose value follows the underline.
                spots.append(_section_value(bodies, heading.underline, doc))
                continue
        for style, pattern in (("bullet", _BULLET), ("bold", _BOLD), ("field", _FIELD)):
            m = pattern.match(text)
            if m:
                s, e = _value_span(text, m.end())
                marker = m.groupdict().get("marker") or ""
                spots.append(
                    StatusSpot(style, i, s, e, text[s:e], _key_of(m), m.group("indent"), marker, i)
                )
                break
        else:
            m = _TABLE.match(text)
            if m:
                s, e = _value_span(text, m.start("cell"))
                e = min(e, m.end("cell"))
                while e > s and text[e - 1] in " \t":
                    e -= 1
                spots.append(StatusSpot("table", i, s, e, text[s:e], m.group("key"), last_line=i))
    return spots


def find_status(text: str, hint_line: int | None = None) -> StatusSpot | None:
    """The ADR's status region: the parser's line when it names one, else front matter,
    else the first status-like line with a value (body prose comes after the header)."""
    spots = status_spots(text)
    if not spots:
        return None
    if hint_line is not None:
        for spot in spots:
            if spot.line <= hint_line - 1 <= max(spot.line, spot.last_line):
                return spot
    for spot in spots:
        if spot.kind == "frontmatter":
            return spot
    for spot in spots:
        if spot.value.strip() or spot.kind == "section":
            return spot
    return spots[0]
