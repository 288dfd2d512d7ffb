"""Turn a status as people write it into one canonical lowercase word.

ADR statuses arrive decorated: ``✅ Accepted``, ``**ACCEPTED**``, ``Accepted — stands
for the MVP``, ``Superseded by [5. X](0005-x.md)``, adr-tools' own misspelling
``Superceded by``. Lists and filters need one word, so the first word decides;
the raw text is kept elsewhere for display. Unknown words (``living``, ``on hold``)
are kept lowercased rather than guessed at.
"""

from __future__ import annotations

import re

from adrtui.domain.vocabulary import STATUS_WORDS as _SYNONYMS

# Where the status word ends and commentary begins: dashes, brackets, punctuation,
# "by"/"on"/"in"/"since" clauses (``Superseded by ADR-12``, ``Accepted on 2020-01-01``).
_CLAUSE_END = re.compile(
    r"\s+[-–—]+\s|[-–—]{2,}|[(\[,.;:!?|/<]|\s(?:by|on|since|as of|until|from|at)\s",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[*_`~]+")
_STRUCK = re.compile(r"~~.*?~~")
_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
# Console-markup-like tags (``[b]``, ``[/]``, ``[bold red]``, ``[@click=…]``) around a
# status are decoration, not the status (``[b]Accepted[/b]`` is accepted).
_TAG = re.compile(r"\[/?(?:[a-z@#][^\]\n]{0,40})?\]")

#: Where a date begins in a status (``completed 2/6/21``, ``(2021-03-04)``); another word
#: with digits (``PR#171``, ``v2``) makes the text a sentence, not a status phrase.
_DATE_WORD = re.compile(r"^\(?\d")

#: Longest "other" status phrase kept whole (``on hold``, ``work in progress``).
_MAX_PHRASE_WORDS = 3


#: Between statuses listed in turn: ``,``, ``;``, arrows, "then".
_SUCCESSION = re.compile(r"\s*(?:[,;]|→|->|=>|\sthen\s)\s*", re.IGNORECASE)


def status_clauses(text: str) -> list[str]:
    """``Proposed (2020-01-01), Accepted (2020-02-03)`` → its clauses, one status each."""
    return [part for part in _SUCCESSION.split(text[:300]) if part.strip()][:8]


def _last_listed(text: str) -> str | None:
    """The canonical status of the last clause that starts with a status word, if any
    clause after the first does (``Accepted, with caveats`` lists none)."""
    found: str | None = None
    for part in _SUCCESSION.split(text[:300])[1:8]:
        words = part.split(None, 1)
        if words:
            found = _SYNONYMS.get(words[0].lower().rstrip(".,;:!?]")) or found
    return found


_BOLD_OPTION = re.compile(r"\*\*([^*\n]{1,60})\*\*|__([^_\n]{1,60})__")
_OPTION_SEPARATORS = re.compile(r"\s[|/]\s|,\s")


_LEADING_DATE = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?[\s:,–—-]*"
)


def chosen_option(text: str) -> str:
    """The option a template's status list marks as chosen, else ``text`` unchanged.

    ``Vorgeschlagen | **Akzeptiert** | Abgelehnt`` keeps the template's choices
    and puts the one that holds in bold: that one is the status.
    """
    if "**" not in text and "__" not in text:
        return text
    if len(_OPTION_SEPARATORS.split(text[:500])) < 3:
        return text
    bold = _BOLD_OPTION.findall(text[:500])
    if len(bold) != 1:
        return text
    return (bold[0][0] or bold[0][1]).strip() or text


def is_placeholder(text: str) -> bool:
    """A template placeholder (``{proposed | rejected | …}``, ``[draft | accepted]``)."""
    stripped = text.strip().strip("\"'")
    return bool(stripped) and (
        (stripped[0] in "{[" and "|" in stripped) or (stripped[0] == "{" and "}" in stripped)
    )


def _untag(match: re.Match[str]) -> str:
    """``[approved]`` is a status in brackets; ``[b]`` or ``[/]`` is decoration."""
    inner = match[0][1:-1]
    return inner if inner.lower() in _SYNONYMS else " "


#: An image, possibly wrapped in a link: ``[![Generic badge](https://badgen…)](…)``.
_IMAGE = re.compile(
    r"\[?!\[([^\]\n]{0,100})\]\(([^)\s]{0,500})[^)\n]{0,200}\)(?:\]\([^)\n]{0,500}\))?"
)
_URL_WORDS = re.compile(r"[^/\-_.?=&%]+")


def _badge(match: re.Match[str]) -> str:
    """A status badge as its word: the alt text's, else the one its URL names, else none.

    ``![Generic badge](https://badgen.net/badge/ADR/proposed/orange/)`` and
    shields.io's ``…/badge/status-accepted-green`` carry the status in the URL.
    """
    alt, url = match[1], match[2]
    if any(word.lower() in _SYNONYMS for word in alt.split()):
        return alt
    path = url.split("://", 1)[-1].partition("/")[2]
    for word in _URL_WORDS.findall(path):
        if word.lower() in _SYNONYMS:
            return word
    return " "  # an image that names no status (a logo, a diagram) is decoration


def clean_status_text(raw: str) -> str:
    """The status text without struck-out history, links, markup, comments or emoji."""
    text = raw[:500]
    if "![" in text:
        text = _IMAGE.sub(_badge, text)
    if "~~" in text:
        text = _STRUCK.sub(" ", text)
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    if "[" in text:
        text = _TAG.sub(_untag, _LINK.sub(r"\1", text))
    text = _MARKUP.sub("", text).strip().strip("\"'")
    # Drop leading emoji, symbols and variation selectors (``⌛️ Superseded``).
    start = 0
    while start < len(text) and not text[start].isalnum():
        start += 1
    return text[start:].strip()


def normalize_status(raw: object) -> str | None:
    """The canonical status for ``raw``, another status word lowercased, or ``None``.

    >>> normalize_status("✅ Accepted — stands for the MVP")
    'accepted'
    >>> normalize_status("Superceded by [3. X](0003-x.md)")
    'superseded'
    >>> normalize_status("on hold")
    'on hold'
    """
    if raw is None or isinstance(raw, bool | dict | list | tuple | set):
        return None
    text = str(raw)
    if not text.strip() or is_placeholder(text):
        return None
    text = clean_status_text(text)
    if text[:1].isdigit():
        # ``2020-04-13 accepted``: the day it happened, then the status (the date is
        # read as the date by the caller).
        text = _LEADING_DATE.sub("", text, count=1)
    if not text:
        return None
    words = text.split(None, 1)
    first = words[0].lower().rstrip(".,;:!?]")
    canonical = _SYNONYMS.get(first)
    if canonical is not None:
        # ``accepted, superseded by [ADR-0010](…)``, ``Proposed → Accepted``: statuses
        # listed in turn; the last one listed is where the decision stands.
        return _last_listed(text) or canonical
    clause = _CLAUSE_END.split(text, maxsplit=1)[0].strip().lower()
    phrase = []
    sentence = False
    for word in clause.split():
        if _DATE_WORD.match(word):
            break  # ``completed 2/6/21``: the date is not part of the status
        if any(char.isdigit() for char in word):
            sentence = True  # ``Introduced in PR#171``: a sentence about the work
            break
        phrase.append(word)
    if not phrase:
        return None
    if len(phrase) <= _MAX_PHRASE_WORDS and not sentence:
        return " ".join(phrase)
    # A sentence (``This work has been completed …``) is no status word, unless it
    # names one (``This ADR is accepted``).
    for word in phrase[:8]:
        canonical = _SYNONYMS.get(word.strip(".,;:!?\"'"))
        if canonical is not None:
            return canonical
    return None
