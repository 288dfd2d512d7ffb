"""A new ADR that looks like its neighbours: next number, same naming, same template.

People keep their collection's conventions by hand, so a new record copies them:

* **Naming** (:func:`detect_naming`): the digits' width (``0001`` / ``001`` /
  ``1``), a prefix (``ADR-``), the separator (``-`` or ``_``), log4brains'
  date prefix (``20201016-slug.md``) and whether slugs are lowercased. The
  most recent files vote, so a collection that changed its habit follows the
  new one.
* **Template**: an explicit choice (``nygard``, ``madr``) wins; else a template
  file in the folder (adr-tools' ``templates/template.md``, MADR's
  ``adr-template.md``, log4brains' ``template.md``) is filled in the way those
  tools do; else the style the recent records use (status section, front
  matter, bullets or bold fields) picks a built-in template.
* **Title heading**: ``# 12. Title`` (adr-tools), ``# ADR-012: Title`` or a bare
  ``# Title`` (MADR), as the recent records write it.

:func:`new_adr` creates the file (atomically, never over an existing one) and,
with ``supersedes``, marks the old record superseded via
:mod:`adrtui.domain.writing.supersede`. Nothing else in the folder is created. The
number is reserved under the folder's write lock (in the cache) from the scan of
the folder to the file's creation, and checked again after it, so adrtuis
started together (or another tool writing meanwhile) never share a number.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from adrtui.domain.collection import skip_reason
from adrtui.domain.markdown import first_heading
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line, scrub_line
from adrtui.domain.writing.editing import (
    EditingError,
    ReadOnlyError,
    create_file,
    detect_newline,
    folder_write_lock,
    read_file,
    remove_created,
    writable_reason,
)
from adrtui.domain.writing.supersede import (
    add_supersedes_text,
    check_supersedable,
    find_status,
    front_matter_end,
    href,
    link_label,
    split_lines,
    supersede,
)

T = TypeVar("T")

#: Template names accepted by :func:`new_adr` (the CLI offers the first two).
BUILTIN_TEMPLATES: tuple[str, ...] = ("nygard", "madr", "madr-bullets", "bold")

#: Template files looked for in the ADR folder, in order (adr-tools, MADR, log4brains).
TEMPLATE_FILES: tuple[str, ...] = (
    "templates/template.md",
    "template.md",
    "adr-template.md",
    "templates/adr-template.md",
)

#: How many of the most recent records vote on naming and style.
RECENT = 12

#: Longest slug written into a file name (file systems allow 255 bytes).
MAX_SLUG = 80

#: Numbers tried before :func:`new_adr` gives up (each taken by another writer).
CREATE_ATTEMPTS = 20


class NewAdrIncomplete(EditingError):
    """The new ADR was created but the old one could not be marked superseded."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


# --------------------------------------------------------------------------- naming


@dataclass(frozen=True, slots=True)
class Naming:
    """How a collection names its files: ``{prefix}{number:0{width}}{sep}{slug}{suffix}``."""

    prefix: str = ""
    width: int = 4
    separator: str = "-"
    word_separator: str = "-"
    date_prefix: bool = False
    lowercase: bool = True
    suffix: str = ".md"

    def file_name(self, number: int | None, title: str, today: date) -> str:
        slug = slugify(title, self.word_separator, lowercase=self.lowercase)
        if self.date_prefix:
            return f"{today:%Y%m%d}{self.separator}{slug}{self.suffix}"
        digits = f"{number or 0:0{self.width}d}" if self.width else str(number or 0)
        return f"{self.prefix}{digits}{self.separator}{slug}{self.suffix}"


_NAME = re.compile(
    r"^(?P<prefix>[A-Za-z]{1,12}[-_ ]?)?(?P<digits>\d{1,9})(?P<sep>[-_ .])(?P<slug>.+)"
    r"(?P<suffix>\.md|\.markdown)$",
    re.IGNORECASE,
)


def _date_digits(digits: str) -> bool:
    if len(digits) != 8 or not digits.startswith(("19", "20", "21")):
        return False
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True


def slugify(title: str, separator: str = "-", *, lowercase: bool = True) -> str:
    """A file-name slug: accents folded, letters and digits kept, the rest one separator."""
    text = unicodedata.normalize("NFKD", scrub_line(title))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if lowercase:
        text = text.lower()
    words = re.findall(r"[^\W_]+", text)
    slug = separator.join(words)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rstrip(separator)
        cut = slug.rfind(separator)
        if cut > MAX_SLUG // 2:
            slug = slug[:cut]
    return slug or "untitled"


def _vote(values: Sequence[T], default: T) -> T:
    """The most common value; a tie goes to the one seen last (the most recent file)."""
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    for value in reversed(values):
        if counts[value] == best:
            return value
    return default


def detect_naming(names: Sequence[str]) -> Naming:
    """The naming of ``names`` (file names, oldest first); the defaults are adr-tools'."""
    numbered: list[tuple[int, re.Match[str]]] = []
    dated: list[re.Match[str]] = []
    for name in names:
        m = _NAME.match(name)
        if not m or skip_reason(name) is not None:
            continue
        if not m.group("prefix") and _date_digits(m.group("digits")):
            dated.append(m)
        else:
            numbered.append((int(m.group("digits")), m))
    if not numbered and not dated:
        return Naming()
    if len(dated) > len(numbered):
        recent = dated[-RECENT:]
        slugs = [m.group("slug") for m in recent]
        return Naming(
            prefix="",
            width=0,
            separator=str(_vote([m.group("sep") for m in recent], "-")),
            word_separator=_word_separator(slugs),
            date_prefix=True,
            lowercase=_lowercase(slugs),
            suffix=str(_vote([m.group("suffix").lower() for m in recent], ".md")),
        )
    numbered.sort(key=lambda item: item[0])
    recent = [m for _, m in numbered[-RECENT:]]
    slugs = [m.group("slug") for m in recent]
    return Naming(
        prefix=str(_vote([m.group("prefix") or "" for m in recent], "")),
        width=_vote([_width(m.group("digits")) for m in recent], 4),
        separator=str(_vote([m.group("sep") for m in recent], "-")),
        word_separator=_word_separator(slugs),
        lowercase=_lowercase(slugs),
        suffix=str(_vote([m.group("suffix").lower() for m in recent], ".md")),
    )


def _width(digits: str) -> int:
    """Zero-padded digits fix the width (``007`` → 3); ``12`` is unpadded (0)."""
    return len(digits) if digits.startswith("0") and len(digits) > 1 else 0


def _word_separator(slugs: list[str]) -> str:
    dashes = sum(s.count("-") for s in slugs)
    underscores = sum(s.count("_") for s in slugs)
    return "_" if underscores > dashes else "-"


def _lowercase(slugs: list[str]) -> bool:
    lower = sum(1 for s in slugs if s == s.lower())
    return lower * 2 >= len(slugs)


# --------------------------------------------------------------------------- style


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
    return HeadingStyle(m.group("prefix") or "", _width(m.group("digits")), m.group("suffix"))


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
    template = str(_vote(templates, "nygard"))
    default_heading = HeadingStyle() if template == "nygard" else None
    heading_style: HeadingStyle | None = (
        _vote(headings, default_heading) if headings else default_heading
    )
    default_case = "proposed" if template in ("madr", "madr-bullets") else "Proposed"
    return Style(
        template=template,
        heading=heading_style,
        status_case=str(_vote(cases, default_case)),
        bullet=str(_vote(bullets, "*")),
    )


# --------------------------------------------------------------------------- templates


_TEMPLATE_DEFAULTS: dict[str, Style] = {
    "nygard": Style("nygard", HeadingStyle(), "Proposed"),
    "madr": Style("madr", None, "proposed"),
    "madr-bullets": Style("madr-bullets", None, "proposed"),
    "bold": Style("bold", HeadingStyle("ADR-", 3, ": "), "Proposed"),
}


def _status_word(style: Style, word: str = "proposed") -> str:
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
                line = re.sub(rf"\b{word}\b", lambda _m, v=value: v, line, count=1)
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


# --------------------------------------------------------------------------- new ADR


@dataclass(frozen=True, slots=True)
class NewAdrPlan:
    """What :func:`new_adr` will write: where, which number, and the text."""

    path: Path
    number: int | None
    text: str
    template: str


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


def _recent(adrs: Sequence[Adr], root: Path) -> list[Adr]:
    """The records in the folder itself (not sub-folders), oldest first."""
    top = [a for a in adrs if "/" not in a.rel_path]
    return sorted(top or list(adrs), key=lambda a: (a.number is None, a.number or 0, a.rel_path))


def _read_texts(adrs: Sequence[Adr]) -> list[str]:
    texts = []
    for adr in adrs[-RECENT:]:
        try:
            texts.append(read_file(adr.path, adr.encoding or None).text)
        except OSError:
            continue
    return texts


def _name_number(name: str) -> int | None:
    """The ADR number a file name carries (``0012-x.md`` → 12); dates and others: None."""
    m = _NAME.match(name)
    if m and not (not m.group("prefix") and _date_digits(m.group("digits"))):
        return int(m.group("digits"))
    return None


def next_number(adrs: Sequence[Adr], names: Sequence[str] = ()) -> int:
    """One more than the highest number in use (records or file names); 1 for an empty folder."""
    numbers = [a.number for a in adrs if a.number is not None]
    numbers += [n for n in map(_name_number, names) if n is not None]
    return max(numbers) + 1 if numbers else 1


def folder_names(folder: Path) -> list[str]:
    """The ADR file names in ``folder`` now (what another writer just created included)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [name for name in names if skip_reason(name) is None]


def plan_new_adr(
    root: Path,
    adrs: Sequence[Adr],
    title: str,
    *,
    template: str | Path | None = None,
    supersedes: Adr | None = None,
    today: date | None = None,
    in_use: Sequence[str] = (),
    at_least: int = 1,
) -> NewAdrPlan:
    """Decide the new ADR's path, number and text without writing anything.

    ``in_use`` are file names the folder holds now (the collection may be
    minutes old); the number is past theirs too, and at least ``at_least``.
    """
    # Undecodable command-line bytes arrive as lone surrogates: never write them.
    title = scrub_line(title).encode("utf-8", "replace").decode("utf-8")
    if not title:
        raise EditingError("A new ADR needs a title.")
    today = today or date.today()
    ordered = _recent(adrs, root)
    names = [a.path.name for a in ordered]
    naming = detect_naming(names)
    number = max(next_number(adrs, [*names, *in_use]), at_least)
    texts = _read_texts(ordered)
    if texts or not isinstance(template, str):
        style = detect_style(texts)
    else:
        # An empty folder takes the chosen template's own conventions.
        style = _TEMPLATE_DEFAULTS.get(template, Style(template))
    if naming.date_prefix:
        # Date-named collections (log4brains) identify records by slug, not number.
        style = Style(style.template, None, style.status_case, style.bullet)

    file_name = naming.file_name(number, title, today)
    path = root / file_name
    bump = 2
    while path.exists() or path.is_symlink():
        if naming.date_prefix:
            stem = file_name[: -len(naming.suffix)]
            path = root / f"{stem}{naming.word_separator}{bump}{naming.suffix}"
            bump += 1
        else:
            number += 1
            path = root / naming.file_name(number, title, today)
    heading_number = None if naming.date_prefix else number
    heading = style.heading.heading(heading_number, title) if style.heading else title

    status = _status_word(style)
    template_file: Path | None = None
    if isinstance(template, Path):
        template_file = template
    elif template is None:
        template_file = find_template_file(root)
    if template_file is not None:
        try:
            raw = read_file(template_file).text
        except OSError as exc:
            raise EditingError(
                f"Cannot read the template {clean_line(str(template_file))}: {exc.strerror}"
            ) from None
        text = fill_template(
            raw,
            number=heading_number,
            heading=heading,
            title=title,
            status=status,
            today=today,
        )
        used = str(template_file)
    else:
        name = template or style.template
        if name == "madr-bullets" and style.bullet == "-":
            name = "madr-bullets-"
        text = render_builtin(name, heading=heading, title=title, status=status, today=today)
        used = name.rstrip("-")
    if supersedes is not None:
        label = link_label(supersedes, _safe_text(supersedes))
        text = add_supersedes_text(text, href(path, supersedes.path), label)
    if texts and _vote([detect_newline(t) for t in texts], "\n") == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")  # a Windows team's folder
    return NewAdrPlan(path, number if not naming.date_prefix else None, text, used)


def _safe_text(adr: Adr) -> str | None:
    try:
        return read_file(adr.path, adr.encoding or None).text
    except OSError:
        return None


def new_adr(
    collection_or_folder: object,
    title: str,
    *,
    template: str | Path | None = None,
    supersedes: Adr | None = None,
    today: date | None = None,
    cache_dir: Path | str | None = None,
) -> Path:
    """Create the next ADR in a collection (or folder) and return its path.

    With ``supersedes`` the old record is checked first (unchanged since it was
    read, writable), then the new file is created, then the old one is marked
    superseded. Raises :class:`~adrtui.domain.writing.editing.EditingError` subclasses
    with a message for the user; :class:`NewAdrIncomplete` (carrying ``path``)
    when the new file exists but the old one could not be updated.

    Picking the number, creating the file and marking the old record happen
    under :func:`~adrtui.domain.writing.editing.folder_write_lock` (``cache_dir``: the
    cache root, default the user's), so parallel ``adrtui new`` and in-app
    creations get distinct numbers and supersessions never interleave.
    """
    root, adrs = _collection_parts(collection_or_folder)
    if not root.is_dir():
        raise EditingError(f"The ADR folder {clean_line(str(root))} does not exist.")
    reason = writable_reason(root)
    if reason:
        raise ReadOnlyError(reason)
    at_least = 1
    for _attempt in range(CREATE_ATTEMPTS):
        with folder_write_lock(root, cache_dir):
            if supersedes is not None:
                # Under the lock: a supersession that just won the race is seen here,
                # and the losers create nothing.
                check_supersedable(supersedes)
            plan = _create_next(
                root,
                adrs,
                title,
                template=template,
                supersedes=supersedes,
                today=today,
                at_least=at_least,
            )
            if isinstance(plan, int):
                at_least = plan  # that number was taken meanwhile: the next one
                continue
            if supersedes is not None:
                _mark_superseded(supersedes, plan.path, root)
            return plan.path
    raise EditingError(
        "Could not find a free number for the new ADR: other writers kept taking them; "
        "nothing was created. Try again."
    )


def _create_next(
    root: Path,
    adrs: Sequence[Adr],
    title: str,
    *,
    template: str | Path | None,
    supersedes: Adr | None,
    today: date | None,
    at_least: int,
) -> NewAdrPlan | int:
    """Create the next ADR's file; the plan, or the number to try from when it was taken.

    The folder is listed again right before the file is created, because the
    collection may be older than another writer's new file. After the exclusive
    create it is listed once more: a file with the same number and another
    slug that appeared meanwhile (a writer that does not take our lock) wins,
    and ours is given back.
    """
    before = folder_names(root)
    plan = plan_new_adr(
        root,
        adrs,
        title,
        template=template,
        supersedes=supersedes,
        today=today,
        in_use=before,
        at_least=at_least,
    )
    try:
        written = create_file(plan.path, plan.text)
    except FileExistsError:
        return at_least if plan.number is None else plan.number + 1
    if (
        plan.number is not None
        and _number_taken_meanwhile(root, plan, before)
        and remove_created(plan.path, written)
    ):
        return plan.number + 1
    return plan


def _number_taken_meanwhile(root: Path, plan: NewAdrPlan, before: Sequence[str]) -> bool:
    """Whether another file with ``plan``'s number appeared while it was being created."""
    seen = set(before)
    return any(
        name != plan.path.name and name not in seen and _name_number(name) == plan.number
        for name in folder_names(root)
    )


def _mark_superseded(old: Adr, new_path: Path, root: Path) -> None:
    """Mark ``old`` superseded by the ADR just created; refusals keep the new file."""
    from adrtui.domain.parsing import parse_file

    try:
        supersede(old, parse_file(new_path, root))
    except EditingError as exc:
        raise NewAdrIncomplete(
            f"Created {clean_line(str(new_path))}, but {clean_line(old.rel_path)} was not "
            f"marked superseded: {exc}",
            new_path,
        ) from exc


def _collection_parts(collection_or_folder: object) -> tuple[Path, list[Adr]]:
    root = getattr(collection_or_folder, "root", None)
    adrs = getattr(collection_or_folder, "adrs", None)
    if isinstance(root, Path) and adrs is not None:
        return root, list(adrs)
    folder = Path(collection_or_folder)  # type: ignore[arg-type]
    if not folder.is_dir():
        return folder, []
    from adrtui.domain.collection import load_collection

    collection = load_collection(folder)
    return collection.root, list(collection.adrs)
