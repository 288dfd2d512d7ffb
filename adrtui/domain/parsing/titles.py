"""A title as its authors mean it: without the id, label and date that prefix it.

Real titles carry their record's bookkeeping in front: ``ADR 12:``,
``ODH-ADR-MS-0002 -``, ``Architecture Decision Record: Use ADRs``,
``Project Architecture Decision Record #9: …``, ``2021-06: Proposal Process``,
``[superseded] Proper use of …``, ``ADR - Eval-Hub …``. The list shows number,
status and date in columns of their own, so the title keeps only the words.
Leading emoji are the authors' decoration and stay (``🎨 Arquitetura``); a project
name before a dash stays too (``Open Data Hub - Default licence``).
"""

from __future__ import annotations

import re

from adrtui.domain.parsing.numbers import split_title_number
from adrtui.domain.vocabulary import TITLE_LABELS, fold, status_meaning

#: CommonMark backslash escapes of ASCII punctuation (``bb\_worker`` → ``bb_worker``).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_STATUS_TAG = re.compile(r"^\[([^\]\s]{2,30})\]\s*")
_DATE_PREFIX = re.compile(r"^(?:19|20)\d{2}-\d{2}(?:-\d{2})?\s*(?:[:\-–—|.]\s+|\s+)")
_LABEL = (
    r"(?:architectur(?:e|al)\s+decision\s+records?|decision\s+records?|design\s+decisions?|adr)"
)
#: ``Architecture Decision Record #9:``, ``ADR:``, ``ADR -`` (with its number, if any).
_LABEL_PREFIX = re.compile(
    r"^" + _LABEL + r"\s*(?:#?\s*0*(\d{1,6}))?\s*(?:[:.|]|\s[-–—]|-(?=\s))\s*", re.IGNORECASE
)
#: ``Project Architecture Decision Record #9: Title`` (the words qualify the label).
_QUALIFIED_LABEL = re.compile(
    r"^[^:\-–—|]{1,40}?\s" + _LABEL + r"\s*#?\s*0*(\d{1,6})?\s*:\s+", re.IGNORECASE
)
#: ``xx. Title``, ``ADR-XXX: Title``, ``NNNN - Title``: a number not given yet (a draft
#: copied from the template); it goes, and gives no number.
_PLACEHOLDER_NUMBER = re.compile(
    r"^(?:(?:adr|rfc|decision)[-_ ]?#?\s?)?(?:[xX]{2,6}|[nN]{3,6}|\?{1,4})"
    r"(?:\s*[:.)]|\s+[-–—|])\s+",
    re.IGNORECASE,
)
#: ``[ADR] Title`` (the label alone in brackets; ``[RFC] X`` names a kind of document, stays).
_BRACKETED_LABEL = re.compile(r"^\[\s*" + _LABEL + r"\s*\]\s*", re.IGNORECASE)
#: ``ADR Title`` (the bare label word, then words).
_BARE_LABEL = re.compile(r"^adr\s+(?=[^\s\d:\-–—])", re.IGNORECASE)
#: ``Title: X``, ``Title – X``, ``Titel - X``: the field's label written into the heading.
_TITLE_LABEL = re.compile(r"^([^\W\d_]{2,12})\s*(?:[:：]|\s[-–—]|-(?=\s))\s*(?=\S)")
#: ``Use Kafka (ADR-0012)``, ``Use Kafka [ADR 12]``, ``Use Kafka — ADR-0012``: an id after.
_ID_SUFFIX = re.compile(
    r"(?:\s*[(\[]\s*|\s+[-–—|]\s+)(?:adr|decision|rfc|ad|dr)[-_ ]?#?0*(\d{1,6})\s*[)\]]?\s*$",
    re.IGNORECASE,
)
#: ``Project - ODH-ADR-0003 - Title`` / ``Project - Architecture Decision Record: Title``.
_INNER_SEPARATOR = re.compile(r"\s[-–—|]\s")


class Title:
    """A tidied title: its text, the number it carried and a status word it carried.

    ``only_id`` says the title was nothing but the record's id (``ADR-004``): the
    text kept is the id itself, which another title (a heading) should replace.
    """

    __slots__ = ("text", "number", "status", "only_id")

    def __init__(
        self, text: str, number: int | None, status: str | None, only_id: bool = False
    ) -> None:
        self.text = text
        self.number = number
        self.status = status
        self.only_id = only_id


def unescape(text: str) -> str:
    """CommonMark backslash escapes undone: ``bb\\_worker`` → ``bb_worker``."""
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def tidy_title(raw: str, *, bare: bool = False) -> Title:
    """``🎨 ADR-021: Arquitetura`` → ``Title("🎨 Arquitetura", 21, None)``.

    ``bare`` also takes a leading bare number (``23 X``), for numbered file names.
    """
    # Runs of whitespace are one space, as the title is shown. It also keeps the
    # patterns below linear: ``\s*`` before an id tried at every space of a long run
    # is quadratic (a 20 KB title of spaces took 10 s, a hang on a hostile file).
    text = " ".join(unescape(raw).split())
    lead_end = 0
    while lead_end < len(text) and not (text[lead_end].isalnum() or text[lead_end] in "[#"):
        lead_end += 1
    lead, text = text[:lead_end], text[lead_end:]
    number: int | None = None
    status: str | None = None
    only_id = False
    for _ in range(3):  # prefixes come in any order: ``ADR013: [superseded] X``
        before = text
        tag = _STATUS_TAG.match(text)
        if tag and status_meaning(tag[1]) is not None:
            status = tag[1]
            text = text[tag.end() :]
        text = _DATE_PREFIX.sub("", text, count=1) if text[:1].isdigit() else text
        label = _LABEL_PREFIX.match(text) or _QUALIFIED_LABEL.match(text)
        if label:
            if label[1] and number is None:
                number = int(label[1])
            text = text[label.end() :]
        else:
            found, rest = split_title_number(text, bare=bare)
            if found is not None:
                number = number if number is not None else found
                if rest == text:  # nothing but the id (``ADR-004``): kept, and said so
                    only_id = True
                text = rest
            elif _BRACKETED_LABEL.match(text):
                text = _BRACKETED_LABEL.sub("", text, count=1)
            elif _PLACEHOLDER_NUMBER.match(text):
                text = _PLACEHOLDER_NUMBER.sub("", text, count=1)
            elif _BARE_LABEL.match(text):
                text = _BARE_LABEL.sub("", text, count=1)
            else:
                field_label = _TITLE_LABEL.match(text)
                if field_label and fold(field_label[1]) in TITLE_LABELS:
                    text = text[field_label.end() :]
        if text == before:
            break
    text = _drop_inner_label(text)
    suffix = _ID_SUFFIX.search(text)
    if suffix is not None and suffix.start() > 0 and _closed(text, suffix):
        number = number if number is not None else int(suffix[1])
        text = text[: suffix.start()]
    text = text.strip()
    if not text:
        return Title((lead + before).strip() or raw.strip(), number, status, number is not None)
    if lead and not lead.strip():
        lead = ""
    return Title(lead + text, number, status, only_id)


def _closed(text: str, suffix: re.Match[str]) -> bool:
    """A bracketed id suffix has both brackets (``(ADR-12)``); a dashed one has none."""
    opened = suffix[0].lstrip()[:1]
    closing = {"(": ")", "[": "]"}.get(opened)
    return closing is None or text.rstrip().endswith(closing)


def _drop_inner_label(text: str) -> str:
    """``Open Data Hub - ODH-ADR-0003 - X`` → ``Open Data Hub - X`` (the id between dashes)."""
    separator = _INNER_SEPARATOR.search(text)
    if separator is None or separator.start() > 60:
        return text
    head, tail = text[: separator.start()], text[separator.end() :]
    label = _LABEL_PREFIX.match(tail)
    if label:
        return f"{head}{separator[0]}{tail[label.end() :]}"
    number, rest = split_title_number(tail)
    if number is not None and rest != tail and not tail[:1].isdigit():
        return f"{head}{separator[0]}{rest}"
    return text
