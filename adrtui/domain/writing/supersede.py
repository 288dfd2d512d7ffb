"""Mark an ADR superseded by another, in the style its author wrote it, touching nothing else.

:func:`supersede` rewrites only the status region :func:`~adrtui.domain.writing.status.find_status`
locates (plus one inserted link line where the style keeps links apart), so a diff of
the old ADR shows just the status change and CRLF or Latin-1 files stay byte-for-byte
the same elsewhere; the new ADR gets its ``Supersedes`` link the same way. Both files
are checked against what was parsed before either is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from adrtui.domain.markdown import first_heading, outline, split_lines
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line, scrub_line
from adrtui.domain.writing.checked import (
    EditingError,
    FileChangedError,
    FileText,
    ReadOnlyError,
    Snapshot,
    read_file,
    writable_reason,
    write_atomic,
)
from adrtui.domain.writing.status import (
    StatusSpot,
    body_of,
    eol_of,
    find_status,
    front_matter,
    front_matter_end,
    front_matter_line,
    yaml_value_span,
)

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
    # (scrub_line also turns lone surrogates, undecodable file-name bytes, into U+FFFD.)
    return scrub_line(text).translate(str.maketrans("[]", "()"))


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
    body = body_of(lines[spot.line])
    lines[spot.line] = body[: spot.start] + value + body[spot.end :] + eol_of(lines[spot.line])
    if spot.last_line > spot.line:
        del lines[spot.line + 1 : spot.last_line + 1]


def _newline_near(lines: list[str], index: int) -> str:
    for j in (index, index - 1, index + 1):
        if 0 <= j < len(lines) and eol_of(lines[j]):
            return eol_of(lines[j])
    return "\n"


def _insert(lines: list[str], after: int, new_lines: list[str]) -> None:
    """Insert ``new_lines`` (bodies) after line ``after``, with the file's own line ending."""
    nl = _newline_near(lines, after)
    if after >= 0 and not eol_of(lines[after]):
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
        if at + 5 < len(lines) and body_of(lines[at + 5]).strip():
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
            body = body_of(lines[index])
            lines[index] = body[:start] + target + body[end:] + eol_of(lines[index])
        elif spot.marker in ("toml", "json"):
            _insert_after_key(lines, spot, key, target)
        else:
            _insert(lines, spot.line, [f"{spot.indent}{key}: {target}"])
        return "".join(lines)
    if spot.empty_section:
        _insert(lines, spot.line, ["", f"Superseded by {link}"])
        if spot.line + 3 < len(lines) and body_of(lines[spot.line + 3]).strip():
            _insert(lines, spot.line + 2, [""])
        return "".join(lines)
    _replace_span(lines, spot, f"{case_like('superseded by', spot.value)} {link}")
    return "".join(lines)


def _insert_keys(lines: list[str], syntax: str, fm_end: int, keys: list[tuple[str, str]]) -> None:
    """New keys at the end of a front matter block in its syntax (JSON: first, with commas)."""
    if syntax == "json":
        members = [front_matter_line("json", "  ", key, value) + "," for key, value in keys]
        if not any(body_of(line).strip() for line in lines[1:fm_end]):
            members[-1] = members[-1][:-1]  # an empty object: no trailing comma
        _insert(lines, 0, members)
        return
    _insert(lines, fm_end - 1, [front_matter_line(syntax, "", key, value) for key, value in keys])


def _insert_after_key(lines: list[str], spot: StatusSpot, key: str, value: str) -> None:
    """A ``key = value`` (TOML) or ``"key": value`` (JSON) line after the status line."""
    new = front_matter_line(spot.marker, spot.indent, key, value)
    if spot.marker == "json":
        body = body_of(lines[spot.line])
        if body.rstrip().endswith(","):
            new += ","
        else:  # the status was the last member: it needs a comma now
            lines[spot.line] = body.rstrip() + "," + eol_of(lines[spot.line])
    _insert(lines, spot.line, [new])


def _yaml_key_line(
    lines: list[str], spot: StatusSpot, names: tuple[str, ...]
) -> tuple[int, int, int] | None:
    """A sibling YAML key (same block as the status) holding one scalar: (line, start, end)."""
    bodies = [body_of(line) for line in lines]
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
            s, e = yaml_value_span(bodies[i], m.end())
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
        if at + 3 < len(lines) and body_of(lines[at + 3]).strip():
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
        while last + 1 < len(lines) and bullet.match(body_of(lines[last + 1])):
            last += 1
        word = _key_like("supersedes", spot.key)
        _insert(lines, last, [f"{spot.indent}{spot.marker} {word}: {link}"])
    elif spot.kind == "bold":
        field = f"{spot.indent}**{_key_like('supersedes', spot.key)}:** {link}"
        blank_after = end + 1 < len(lines) and not body_of(lines[end + 1]).strip()
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
        current = read_file(adr.path)
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
                old_file.encode(old_text),
                expected=old_file.snapshot,
            )
            old_changed = True
    if new_changed:
        write_atomic(new.path, new_file.encode(new_text), expected=new_file.snapshot)
    return SupersedeResult(old_changed, new_changed)


def _has_link(text: str, word: str, name: str) -> bool:
    """A line with ``word`` (``supersedes``/``superseded``) that names the file ``name``."""
    return any(word in line.lower() and _mentions(line, name) for line in text.splitlines())
