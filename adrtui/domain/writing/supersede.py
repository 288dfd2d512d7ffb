"""Mark an ADR superseded by another, in the style its author wrote it, touching nothing else.

ADRs keep their status in many shapes: a Nygard ``## Status`` section, a MADR
``* Status:`` / ``- Status:`` bullet, a ``**Status:**`` bold field, YAML front
matter ``status:``, a fenced ``yaml`` block, a ``| Status | ... |`` table row or
a bare ``Status:`` line. :func:`find_status` locates that one region (a span in
one line); :func:`supersede` rewrites only it (plus one inserted link line where
the style keeps links apart), so a diff of the old ADR shows just the status
change and CRLF or Latin-1 files stay byte-for-byte the same elsewhere.

The same locator is used by :mod:`adrtui.domain.writing.templates` to detect a
collection's style and to put a ``Supersedes`` link into a new ADR.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from adrtui.domain.markdown import (
    CODE,
    COMMENT,
    FENCE,
    FRONT_MATTER,
    HEADING,
    UNDERLINE,
    Outline,
    first_heading,
    outline,
)
from adrtui.domain.model import Adr
from adrtui.domain.parsing import read_front_matter
from adrtui.domain.text import clean_line, scrub_line
from adrtui.domain.writing.editing import (
    EditingError,
    FileChangedError,
    FileText,
    ReadOnlyError,
    Snapshot,
    encode_text,
    read_file,
    writable_reason,
    write_atomic,
)

# --------------------------------------------------------------------------- lines


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only, keeping each line's ending (``\\r\\n`` stays with its line).

    Unlike ``str.splitlines`` this never splits on form feeds or U+2028, so
    line numbers agree with editors and with the parser.
    """
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _eol(line: str) -> str:
    return line[len(_body(line)) :]


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


def _yaml_value_span(line: str, start: int) -> tuple[int, int]:
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
    bodies = [_body(line) for line in lines]
    spots: list[StatusSpot] = []
    syntax, fm_end = front_matter(lines)
    if fm_end > 0:
        key_pattern = _FRONT_MATTER_KEYS[syntax] or _YAML_KEY
        for i in range(1, fm_end):
            m = key_pattern.match(bodies[i])
            if m and (syntax != "yaml" or not m.group("indent")):
                s, e = _yaml_value_span(bodies[i], m.end())
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
                    s, e = _yaml_value_span(text, m.end())
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


# --------------------------------------------------------------------------- wording


def case_like(words: str, sample: str) -> str:
    """``words`` in the letter case of ``sample`` (``ACCEPTED`` → ``SUPERSEDED``)."""
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return words[:1].upper() + words[1:]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return words.upper()
    if letters[0].islower():
        return words.lower()
    return words[:1].upper() + words[1:].lower()


def _key_like(key: str, sample_key: str) -> str:
    if sample_key.isupper():
        return key.upper()
    if sample_key[:1].isupper():
        return "-".join(part.capitalize() for part in key.split("-"))
    return key


def href(from_file: Path, to_file: Path) -> str:
    """A relative Markdown link target from one ADR to another (escaped only when needed)."""
    rel = os.path.relpath(os.path.abspath(to_file), os.path.abspath(from_file.parent))
    return quote_target(Path(rel).as_posix())


def quote_target(rel: str) -> str:
    """Percent-escape what would break a Markdown link target (spaces, parentheses).

    Undecodable bytes in a file name (kept as surrogates) become ``%XX``, never raw bytes.
    """
    return quote(rel, safe="/-_.~+@!$&'*,=", errors="surrogateescape")


def _label(text: str) -> str:
    """Link text on one line. Brackets become parentheses: CommonMark allows ``\\[``
    escapes, but simpler link readers (ours included) stop at the first ``]``."""
    text = scrub_line(text).translate(str.maketrans("[]", "()"))
    return text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates


def link_label(adr: Adr, text: str | None = None) -> str:
    """The visible text of a link to ``adr``: its title heading as written (``5. Use X``)."""
    heading = first_heading(text) if text is not None else None
    if heading and heading[1].strip():
        return _label(heading[1])
    if adr.title:
        if adr.number is not None:
            return _label(f"{adr.number}. {adr.title}")
        return _label(adr.title)
    return _label(adr.path.stem)


def markdown_link(label: str, target: str) -> str:
    return f"[{label}]({target})"


def encodable_label(label: str, encoding: str) -> str:
    """``label`` with characters the file's encoding lacks written as HTML references.

    A Latin-1 ADR superseded by ``Adopt 🚀`` gets ``Adopt &#128640;``, which
    Markdown renders as the emoji, instead of a refused write.
    """
    try:
        label.encode(encoding)
    except UnicodeEncodeError:
        return label.encode(encoding, "xmlcharrefreplace").decode(encoding)
    except LookupError:
        pass
    return label


# --------------------------------------------------------------------------- edits


def _replace_span(lines: list[str], spot: StatusSpot, value: str) -> None:
    body = _body(lines[spot.line])
    lines[spot.line] = body[: spot.start] + value + body[spot.end :] + _eol(lines[spot.line])
    if spot.last_line > spot.line:
        del lines[spot.line + 1 : spot.last_line + 1]


def _newline_near(lines: list[str], index: int) -> str:
    for j in (index, index - 1, index + 1):
        if 0 <= j < len(lines) and _eol(lines[j]):
            return _eol(lines[j])
    return "\n"


def _insert(lines: list[str], after: int, new_lines: list[str]) -> None:
    """Insert ``new_lines`` (bodies) after line ``after``, with the file's own line ending."""
    nl = _newline_near(lines, after)
    if after >= 0 and not _eol(lines[after]):
        lines[after] += nl
    lines[after + 1 : after + 1] = [body + nl for body in new_lines]


def _value_line_spot_end(spot: StatusSpot) -> int:
    return max(spot.line, spot.last_line)


def _mentions(text: str, target_name: str) -> bool:
    return target_name in text or quote_target(target_name) in text or unquote(target_name) in text


def mark_superseded_text(
    text: str, target: str, label: str, *, hint_line: int | None = None
) -> str:
    """``text`` with its status changed to superseded, linking ``target`` (a relative href).

    Only the status value changes, plus one ``superseded-by`` key line in YAML
    styles. A file with no status at all gets a ``## Status`` section after
    its title (or a ``status:`` key when it has front matter).
    """
    lines = split_lines(text)
    spot = find_status(text, hint_line)
    link = markdown_link(label, target)
    if spot is None:
        syntax, fm_end = front_matter(lines)
        if fm_end > 0:
            _insert_keys(
                lines, syntax, fm_end, [("status", "superseded"), ("superseded-by", target)]
            )
            return "".join(lines)
        heading = first_heading(text)
        at = heading[0] if heading else -1
        _insert(lines, at, ["", "## Status", "", f"Superseded by {link}"])
        if at + 5 < len(lines) and _body(lines[at + 5]).strip():
            _insert(lines, at + 4, [""])
        return "".join(lines)
    if spot.kind in ("frontmatter", "yaml-block"):
        key = _key_like("superseded-by", spot.key)
        existing = _yaml_key_line(lines, spot, ("superseded-by", "superseded_by", "supersededby"))
        sample = spot.value if any(c.isalpha() for c in spot.value) else "superseded"
        _replace_span(lines, spot, case_like("superseded", sample))
        if existing is not None:
            index, start, end = existing
            # The status edit may have removed continuation lines above it.
            index -= max(0, spot.last_line - spot.line) if index > spot.line else 0
            body = _body(lines[index])
            lines[index] = body[:start] + target + body[end:] + _eol(lines[index])
        elif spot.marker in ("toml", "json"):
            _insert_after_key(lines, spot, key, target)
        else:
            _insert(lines, spot.line, [f"{spot.indent}{key}: {target}"])
        return "".join(lines)
    if spot.empty_section:
        _insert(lines, spot.line, ["", f"Superseded by {link}"])
        if spot.line + 3 < len(lines) and _body(lines[spot.line + 3]).strip():
            _insert(lines, spot.line + 2, [""])
        return "".join(lines)
    _replace_span(lines, spot, f"{case_like('superseded by', spot.value)} {link}")
    return "".join(lines)


def _insert_keys(lines: list[str], syntax: str, fm_end: int, keys: list[tuple[str, str]]) -> None:
    """New keys at the end of a front matter block in its syntax (JSON: first, with commas)."""
    if syntax == "json":
        members = [front_matter_line("json", "  ", key, value) + "," for key, value in keys]
        if not any(_body(line).strip() for line in lines[1:fm_end]):
            members[-1] = members[-1][:-1]  # an empty object: no trailing comma
        _insert(lines, 0, members)
        return
    _insert(lines, fm_end - 1, [front_matter_line(syntax, "", key, value) for key, value in keys])


def _insert_after_key(lines: list[str], spot: StatusSpot, key: str, value: str) -> None:
    """A ``key = value`` (TOML) or ``"key": value`` (JSON) line after the status line."""
    new = front_matter_line(spot.marker, spot.indent, key, value)
    if spot.marker == "json":
        body = _body(lines[spot.line])
        if body.rstrip().endswith(","):
            new += ","
        else:  # the status was the last member: it needs a comma now
            lines[spot.line] = body.rstrip() + "," + _eol(lines[spot.line])
    _insert(lines, spot.line, [new])


def _yaml_key_line(
    lines: list[str], spot: StatusSpot, names: tuple[str, ...]
) -> tuple[int, int, int] | None:
    """A sibling YAML key (same block as the status) holding one scalar: (line, start, end)."""
    bodies = [_body(line) for line in lines]
    if spot.kind == "frontmatter":
        first, stop = 1, front_matter_end(lines)
    else:
        fence = outline("".join(lines)).fence_at(spot.line)
        block = fence.content if fence is not None else range(spot.line, spot.line + 1)
        first, stop = block.start, block.stop
    pattern = re.compile(r"^(\s*)([\w-]+)\s*:(?=\s|$)")
    for i in range(first, stop):
        m = pattern.match(bodies[i])
        if m and m.group(1) == spot.indent and m.group(2).lower() in names:
            s, e = _yaml_value_span(bodies[i], m.end())
            quoted = s > 0 and bodies[i][s - 1 : s] in ("'", '"')
            if s == e and not quoted:
                return None  # a block list follows: leave it, add our own key
            return i, s, e
    return None


def add_supersedes_text(text: str, target: str, label: str) -> str:
    """``text`` with a ``Supersedes`` link to ``target`` placed in the file's own style."""
    lines = split_lines(text)
    spot = find_status(text)
    link = markdown_link(label, target)
    if spot is None or spot.empty_section:
        syntax, fm_end = front_matter(lines)
        if spot is None and fm_end > 0:
            _insert_keys(lines, syntax, fm_end, [("supersedes", target)])
            return "".join(lines)
        heading = first_heading(text)
        at = spot.line if spot is not None else (heading[0] if heading else -1)
        _insert(lines, at, ["", f"Supersedes {link}"])
        if at + 3 < len(lines) and _body(lines[at + 3]).strip():
            _insert(lines, at + 2, [""])
        return "".join(lines)
    end = _value_line_spot_end(spot)
    if spot.kind == "frontmatter" and spot.marker in ("toml", "json"):
        _insert_after_key(lines, spot, _key_like("supersedes", spot.key), target)
    elif spot.kind in ("frontmatter", "yaml-block"):
        _insert(lines, end, [f"{spot.indent}{_key_like('supersedes', spot.key)}: {target}"])
    elif spot.kind == "bullet":
        last = end
        bullet = re.compile(r"^\s*[*+-]\s+\S")
        while last + 1 < len(lines) and bullet.match(_body(lines[last + 1])):
            last += 1
        word = _key_like("supersedes", spot.key)
        _insert(lines, last, [f"{spot.indent}{spot.marker} {word}: {link}"])
    elif spot.kind == "bold":
        field = f"{spot.indent}**{_key_like('supersedes', spot.key)}:** {link}"
        blank_after = end + 1 < len(lines) and not _body(lines[end + 1]).strip()
        _insert(lines, end, ["", field] if blank_after else [field])
    elif spot.kind == "table":
        _insert(lines, end, [f"| {_key_like('supersedes', spot.key)} | {link} |"])
    elif spot.kind == "field":
        _insert(lines, end, [f"{_key_like('supersedes', spot.key)}: {link}"])
    else:  # section, heading
        _insert(lines, end, ["", f"Supersedes {link}"])
    return "".join(lines)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True, slots=True)
class SupersedeResult:
    """Which files were rewritten (the old ADR, the new one when it lacked its link)."""

    old_changed: bool
    new_changed: bool


def _read_checked(adr: Adr) -> FileText:
    """Read ``adr`` and refuse when it no longer is what was parsed (no silent overwrite)."""
    try:
        current = read_file(adr.path, adr.encoding or None)
    except FileNotFoundError:
        raise FileChangedError(
            f"{clean_line(str(adr.path))} was deleted or renamed since it was read."
        ) from None
    except OSError as exc:
        raise EditingError(f"Cannot read {clean_line(str(adr.path))}: {exc.strerror}") from None
    if b"\x00" in current.data and not current.encoding.lower().startswith("utf-16"):
        raise EditingError(f"{clean_line(str(adr.path))} is not a text file; it was not changed.")
    expected = Snapshot.of_adr(adr)
    if (expected.sha1 or expected.size or expected.mtime_ns) and not expected.matches(
        current.snapshot
    ):
        raise FileChangedError(
            f"{clean_line(str(adr.path))} changed on disk since it was read; nothing was "
            "overwritten. Reload and try again."
        )
    return current


def check_supersedable(old: Adr) -> None:
    """Raise now (before anything is created) when ``old`` could not be marked superseded."""
    _read_checked(old)
    reason = writable_reason(old.path)
    if reason:
        raise ReadOnlyError(reason)


def supersede(old: Adr, new: Adr) -> SupersedeResult:
    """Mark ``old`` superseded by ``new`` (back-link included) and make ``new`` link to ``old``.

    Both files are checked against what was parsed before either is written,
    each write is atomic and keeps encoding and line endings; a file already
    carrying its link is left alone.
    """
    if old.path.resolve() == new.path.resolve():
        raise EditingError("An ADR cannot supersede itself.")
    old_file = _read_checked(old)
    new_file = _read_checked(new)
    for path in (old.path, new.path):
        reason = writable_reason(path)
        if reason:
            raise ReadOnlyError(reason)

    to_new = href(old.path, new.path)
    to_old = href(new.path, old.path)

    new_changed = False
    new_text = new_file.text
    if not _has_link(new_text, "supersedes", old.path.name):
        label = encodable_label(link_label(old, old_file.text), new_file.encoding)
        new_text = add_supersedes_text(new_text, to_old, label)
        new_changed = True

    old_changed = False
    spot = find_status(old_file.text, old.status_line)
    already = (
        spot is not None
        and "supersed" in spot.value.lower()
        and _has_link(old_file.text, "superseded", new.path.name)
    )
    if not already:
        label = encodable_label(link_label(new, new_text), old_file.encoding)
        old_text = mark_superseded_text(old_file.text, to_new, label, hint_line=old.status_line)
        if old_text != old_file.text:
            write_atomic(
                old.path,
                _encode(old_text, old_file),
                expected=old_file.snapshot,
            )
            old_changed = True
    if new_changed:
        write_atomic(new.path, _encode(new_text, new_file), expected=new_file.snapshot)
    return SupersedeResult(old_changed, new_changed)


def _has_link(text: str, word: str, name: str) -> bool:
    """A line with ``word`` (``supersedes``/``superseded``) that names the file ``name``."""
    return any(word in line.lower() and _mentions(line, name) for line in text.splitlines())


def _encode(text: str, original: FileText) -> bytes:
    return encode_text(text, original.encoding, original.data)
