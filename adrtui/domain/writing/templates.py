"""The text of a new ADR: a built-in template or the folder's own, in the house style.

* **Template**: an explicit choice (``nygard``, ``madr``) wins; else a template
  file in the folder (adr-tools' ``templates/template.md``, MADR's
  ``adr-template.md``, log4brains' ``template.md``) is filled in the way those
  tools do (:func:`fill_template`); else the style the recent records use (status
  section, front matter, bullets or bold fields: :func:`detect_style`) picks a
  built-in template (:func:`render_builtin`).
* **Title heading**: ``# 12. Title`` (adr-tools), ``# ADR-012: Title`` or a bare
  ``# Title`` (MADR), as the recent records write it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from adrtui.domain.collection import skip_reason
from adrtui.domain.markdown import first_heading, split_lines
from adrtui.domain.text import clean_line, scrub_line
from adrtui.domain.writing.checked import EditingError
from adrtui.domain.writing.naming import RECENT, digits_width, vote
from adrtui.domain.writing.status import find_status, front_matter_end

#: Template names accepted by :func:`~adrtui.domain.writing.new.new_adr` (the CLI offers
#: the first two).
BUILTIN_TEMPLATES: tuple[str, ...] = ("nygard", "madr", "madr-bullets", "bold")

#: Template files looked for in the ADR folder, in order (adr-tools, MADR, log4brains).
TEMPLATE_FILES: tuple[str, ...] = (
    "templates/template.md",
    "template.md",
    "adr-template.md",
    "templates/adr-template.md",
)


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    """How a title heading carries the number: ``{prefix}{number:0{width}}{suffix}{title}``."""

    prefix: str = ""
    width: int = 0
    suffix: str = ". "

    def heading(self, number: int | None, title: str) -> str:
        if number is None:
            return title
        digits = f"{number:0{self.width}d}" if self.width else str(number)
        return f"{self.prefix}{digits}{self.suffix}{title}"


_HEADING_NUMBER = re.compile(
    r"^(?P<prefix>(?:ADR|adr|Adr|Decision)[- ]?)?(?P<digits>\d{1,6})"
    r"(?P<suffix>\s*[.:)]\s+|\s+[-–—]\s+)"
)


@dataclass(frozen=True, slots=True)
class Style:
    """The house style of a collection, learnt from its recent records."""

    template: str = "nygard"
    heading: HeadingStyle | None = HeadingStyle()
    status_case: str = "Proposed"
    bullet: str = "*"


def _heading_style(heading: str) -> HeadingStyle | None:
    m = _HEADING_NUMBER.match(heading)
    if not m:
        return None
    return HeadingStyle(m.group("prefix") or "", digits_width(m.group("digits")), m.group("suffix"))


_STYLE_TEMPLATE = {
    "section": "nygard",
    "heading": "nygard",
    "field": "nygard",
    "table": "nygard",
    "frontmatter": "madr",
    "yaml-block": "bold",
    "bullet": "madr-bullets",
    "bold": "bold",
}


def detect_style(texts: Sequence[str]) -> Style:
    """The template family, heading numbering and status case of ``texts`` (oldest first)."""
    if not texts:
        return Style()
    templates: list[str] = []
    headings: list[HeadingStyle | None] = []
    cases: list[str] = []
    bullets: list[str] = []
    for text in texts[-RECENT:]:
        spot = find_status(text)
        if spot is not None:
            templates.append(_STYLE_TEMPLATE.get(spot.kind, "nygard"))
            if spot.marker:
                bullets.append(spot.marker)
            letters = [c for c in spot.value if c.isalpha()]
            if letters:
                if len(letters) > 1 and all(c.isupper() for c in letters):
                    cases.append("PROPOSED")
                elif letters[0].islower():
                    cases.append("proposed")
                else:
                    cases.append("Proposed")
        heading = first_heading(text)
        if heading is not None:
            headings.append(_heading_style(heading[1]))
    template = str(vote(templates, "nygard"))
    default_heading = HeadingStyle() if template == "nygard" else None
    heading_style: HeadingStyle | None = (
        vote(headings, default_heading) if headings else default_heading
    )
    default_case = "proposed" if template in ("madr", "madr-bullets") else "Proposed"
    return Style(
        template=template,
        heading=heading_style,
        status_case=str(vote(cases, default_case)),
        bullet=str(vote(bullets, "*")),
    )


# --------------------------------------------------------------------------- templates


TEMPLATE_DEFAULTS: dict[str, Style] = {
    "nygard": Style("nygard", HeadingStyle(), "Proposed"),
    "madr": Style("madr", None, "proposed"),
    "madr-bullets": Style("madr-bullets", None, "proposed"),
    "bold": Style("bold", HeadingStyle("ADR-", 3, ": "), "Proposed"),
}


def status_word(style: Style, word: str = "proposed") -> str:
    if style.status_case.isupper():
        return word.upper()
    if style.status_case[:1].islower():
        return word.lower()
    return word.capitalize()


def _yaml_scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain when safe, else a JSON (YAML-compatible) string."""
    if re.fullmatch(r"[A-Za-z0-9][\w .,()/+-]*", value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def render_builtin(name: str, *, heading: str, title: str, status: str, today: date) -> str:
    """The text of a built-in template, filled in (always ``\\n`` line endings)."""
    day = today.isoformat()
    if name == "nygard":
        return (
            f"# {heading}\n\nDate: {day}\n\n## Status\n\n{status}\n\n"
            "## Context\n\nThe issue motivating this decision, and any context that "
            "influences or constrains the decision.\n\n"
            "## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n"
            "## Consequences\n\nWhat becomes easier or more difficult to do and any risks "
            "introduced by the change that will need to be mitigated.\n"
        )
    madr_body = (
        "## Context and Problem Statement\n\n{Describe the context and problem statement, "
        "e.g., in free form using two to three sentences.}\n\n"
        "## Considered Options\n\n* {title of option 1}\n* {title of option 2}\n\n"
        '## Decision Outcome\n\nChosen option: "{title of option 1}", because '
        "{justification}.\n\n"
        "### Consequences\n\n* Good, because {positive consequence}\n"
        "* Bad, because {negative consequence}\n"
    )
    if name == "madr":
        # Front matter values are lowercase in MADR, whatever the prose style.
        return f"---\nstatus: {status.lower()}\ndate: {day}\n---\n\n# {heading}\n\n{madr_body}"
    if name.startswith("madr-bullets"):
        bullet = "-" if name.endswith("-") else "*"
        body = madr_body.replace("\n* ", f"\n{bullet} ")
        return f"# {heading}\n\n{bullet} Status: {status}\n{bullet} Date: {day}\n\n{body}"
    if name == "bold":
        return (
            f"# {heading}\n\n**Status:** {status}\n**Date:** {day}\n\n"
            "## Context\n\nWhat is the issue that we're seeing that is motivating this "
            "decision or change?\n\n"
            "## Decision\n\nWhat is the change that we're proposing and/or doing?\n\n"
            "## Consequences\n\nWhat becomes easier or more difficult to do because of "
            "this change?\n"
        )
    raise EditingError(
        f"Unknown template {clean_line(name)!r}; choose one of {', '.join(BUILTIN_TEMPLATES)}."
    )


_PLACEHOLDER = re.compile(r"^\s*(?:\{.*\}|\[.*\]|.*\|.*|YYYY.*|)\s*$")
_ADR_TOOLS_WORDS = re.compile(r"\b(NUMBER|TITLE|DATE|STATUS)\b")
_DATE_FIELD = re.compile(
    r"^(?P<lead>\s*(?:[*+-]\s+)?(?:\*\*|__)?date(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)?\s*:))"
    r"(?P<value>.*)$",
    re.IGNORECASE,
)
_COMMENT_TAIL = re.compile(r"\s*<!--.*?(?:-->|$)\s*$")


def _is_placeholder(value: str) -> bool:
    value = _COMMENT_TAIL.sub("", value).strip().strip("\"'")
    return bool(_PLACEHOLDER.match(value))


def _literal(value: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` replacement inserting ``value`` as it is (its backslashes too)."""
    return lambda _match: value


def fill_template(
    template: str, *, number: int | None, heading: str, title: str, status: str, today: date
) -> str:
    """Fill a folder's own template the way the tool that wrote it would.

    adr-tools templates use the words ``NUMBER``, ``TITLE``, ``DATE`` and
    ``STATUS`` (first of each per line, as its ``sed`` does). MADR and
    log4brains templates use ``{…}``/``[…]`` placeholders: the first title
    heading, the status and the date fields are filled, front matter ``title:``
    and ``nav_order:`` follow the new record, the rest is left for the author.
    """
    text = template.replace("\r\n", "\n")
    if re.search(r"\bNUMBER\b", text) and re.search(r"\bTITLE\b", text):
        values = {
            "NUMBER": str(number) if number is not None else "",
            "TITLE": scrub_line(title),
            "DATE": today.isoformat(),
            "STATUS": status,
        }
        out = []
        for line in split_lines(text):
            for word, value in values.items():
                line = re.sub(rf"\b{word}\b", _literal(value), line, count=1)
            out.append(line)
        return "".join(out)

    lines = split_lines(text)
    fm_end = front_matter_end(lines)
    status_done = date_done = False
    if fm_end > 0:
        for i in range(1, fm_end):
            body = lines[i].rstrip("\n")
            m = re.match(r"^(#\s*)?([A-Za-z_][\w-]*)\s*:(.*)$", body)
            if not m:
                continue
            commented, key, value = m.group(1), m.group(2).lower(), m.group(3)
            if key == "status" and (not commented or not status_done):
                lines[i] = f"status: {status.lower()}\n"
                status_done = True
            elif key == "date" and (not commented or not date_done):
                lines[i] = f"date: {today.isoformat()}\n"
                date_done = True
            elif commented:
                continue
            elif key == "title":
                lines[i] = f"title: {_yaml_scalar(scrub_line(title))}\n"
            elif key == "nav_order" and number is not None and value.strip().isdigit():
                lines[i] = f"nav_order: {number}\n"
    found = first_heading("".join(lines))
    if found is not None:
        lines[found[0]] = f"# {heading}\n"
    else:
        at = fm_end + 1 if fm_end > 0 else 0
        lines[at:at] = [f"# {heading}\n", "\n"]
    text = "".join(lines)
    if not status_done:
        spot = find_status(text)
        if spot is not None:
            lines = split_lines(text)
            if spot.empty_section:
                lines[spot.line + 1 : spot.line + 1] = ["\n", f"{status}\n"]
            else:
                line = lines[spot.line].rstrip("\n")
                tail = line[spot.end :]
                if spot.kind in ("bullet", "bold", "field", "heading"):
                    tail = _COMMENT_TAIL.sub("", tail)
                lines[spot.line] = line[: spot.start] + status + tail + "\n"
                if spot.kind == "section":
                    # The template's guidance paragraph goes; the status replaces it.
                    j = spot.line + 1
                    while j < len(lines) and lines[j].strip():
                        j += 1
                    del lines[spot.line + 1 : j]
            text = "".join(lines)
    out = []
    for line in split_lines(text):
        m = _DATE_FIELD.match(line.rstrip("\n"))
        if m and not date_done and _is_placeholder(m.group("value")):
            line = f"{m.group('lead')} {today.isoformat()}\n"
            date_done = True
        out.append(line)
    return "".join(out)


def first_section_line(text: str) -> int | None:
    """The 1-based line where the author starts writing: the first paragraph under the
    first ``##`` section that is not ``Status`` (where editors open a new ADR)."""
    lines = split_lines(text)
    for i, line in enumerate(lines):
        m = re.match(r"^ {0,3}##\s+(.*)$", line.rstrip("\r\n"))
        if m and m.group(1).strip().lower().rstrip(":") != "status":
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    return j + 1
            return i + 1
    return None


def find_template_file(folder: Path) -> Path | None:
    """The folder's own ADR template, if it keeps one (adr-tools, MADR, log4brains)."""
    for name in TEMPLATE_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    try:
        others = sorted(
            p for p in folder.iterdir() if p.is_file() and skip_reason(p.name) == "a template"
        )
    except OSError:
        return None
    return others[0] if others else None
