"""What a new ADR's file is called and which number it takes, as its neighbours do it.

People keep their collection's conventions by hand, so a new record copies them
(:func:`detect_naming`): the digits' width (``0001`` / ``001`` / ``1``), a prefix
(``ADR-``), the separator (``-`` or ``_``), log4brains' date prefix
(``20201016-slug.md``) and whether slugs are lowercased. The most recent files vote
(:func:`vote`), so a collection that changed its habit follows the new one.
:func:`next_number` is one past every number in use, in records or file names.
"""

from __future__ import annotations

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
from adrtui.domain.model import Adr
from adrtui.domain.text import scrub_line

T = TypeVar("T")

#: How many of the most recent records vote on naming and style.
RECENT = 12

#: Longest slug written into a file name (file systems allow 255 bytes).
MAX_SLUG = 80


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


def vote(values: Sequence[T], default: T) -> T:
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
            separator=str(vote([m.group("sep") for m in recent], "-")),
            word_separator=_word_separator(slugs),
            date_prefix=True,
            lowercase=_lowercase(slugs),
            suffix=str(vote([m.group("suffix").lower() for m in recent], ".md")),
        )
    numbered.sort(key=lambda item: item[0])
    recent = [m for _, m in numbered[-RECENT:]]
    slugs = [m.group("slug") for m in recent]
    return Naming(
        prefix=str(vote([m.group("prefix") or "" for m in recent], "")),
        width=vote([digits_width(m.group("digits")) for m in recent], 4),
        separator=str(vote([m.group("sep") for m in recent], "-")),
        word_separator=_word_separator(slugs),
        lowercase=_lowercase(slugs),
        suffix=str(vote([m.group("suffix").lower() for m in recent], ".md")),
    )


def digits_width(digits: str) -> int:
    """Zero-padded digits fix the width (``007`` → 3); ``12`` is unpadded (0)."""
    return len(digits) if digits.startswith("0") and len(digits) > 1 else 0


def _word_separator(slugs: list[str]) -> str:
    dashes = sum(s.count("-") for s in slugs)
    underscores = sum(s.count("_") for s in slugs)
    return "_" if underscores > dashes else "-"


def _lowercase(slugs: list[str]) -> bool:
    lower = sum(1 for s in slugs if s == s.lower())
    return lower * 2 >= len(slugs)


def name_number(name: str) -> int | None:
    """The ADR number a file name carries (``0012-x.md`` → 12); dates and others: None."""
    m = _NAME.match(name)
    if m and not (not m.group("prefix") and _date_digits(m.group("digits"))):
        return int(m.group("digits"))
    return None


def next_number(adrs: Sequence[Adr], names: Sequence[str] = ()) -> int:
    """One more than the highest number in use (records or file names); 1 for an empty folder."""
    numbers = [a.number for a in adrs if a.number is not None]
    numbers += [n for n in map(name_number, names) if n is not None]
    return max(numbers) + 1 if numbers else 1


def folder_names(folder: Path) -> list[str]:
    """The ADR file names in ``folder`` now (what another writer just created included)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [name for name in names if skip_reason(name) is None]
