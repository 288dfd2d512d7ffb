"""The search box's history filters: ``changed:``, ``since:``, and ``author:`` over committers.

The query language is the search's one (:func:`adrtui.domain.search.parse_query`);
the index holds no history, so it skips ``changed:`` and ``since:``. This module is
the one place they are evaluated: :func:`split_query` says what the index is asked
and which filters the history answers; :class:`GitMatcher` answers them for one
record and its :class:`FileHistory`; :func:`narrow` takes the index's answer down
to the matches that pass (the browser's search box and ``adrtui search`` both call
it, so the two cannot drift apart).

* ``changed:`` the day of the last commit, read like ``date:`` (the search's own
  :func:`date_matches`: ``2024``, ``2024-06``, ``2023..2024``, ``>=2024-01-01``)
  plus spans back from today: ``changed:30d`` and ``changed:<30d`` are "within the
  last 30 days", ``changed:>1y`` "not for over a year" (``d``, ``w``, ``m``, ``y``,
  counted as :func:`parse_since` counts them).
* ``since:`` created or changed since a day, a span or a revision
  (:class:`Since`, the rule ``list --since`` and the timeline share).
* ``author:`` with the history read: the file's authors *or* anyone who committed
  to it (without the history the index answers it, file authors only).
* ``date:`` with the history read: the record's date, git's first commit day
  where the file gives none (the list shows that date; the index holds only the
  file's).

Several values of one field are alternatives, fields must all match, ``-`` excludes
(a record git knows nothing of is never excluded for a history it lacks). A
``since:`` value that is no date, span or revision git knows is left out with a
note (the list is not emptied by a tag half typed, and says why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from adrtui.domain.gitlog.model import FileHistory, RepoHistory
from adrtui.domain.gitlog.since import Since, parse_since, span_start
from adrtui.domain.model import Adr
from adrtui.domain.search import (
    GIT_FIELDS,
    Filter,
    ParsedQuery,
    SearchResult,
    date_matches,
    normalize_value,
    without_filters,
)

__all__ = [
    "GitMatcher",
    "GitQuery",
    "Unanswered",
    "changed_bound",
    "history_note",
    "narrow",
    "split_query",
]

#: The fields the history widens (index field names): committers, dates git filled in.
AUTHORS = "authors"
DATE = "date"
_WIDENED = frozenset({AUTHORS, DATE})
#: ``changed:<30d`` (younger than 30 days) is ``changed:>DAY``: the sign turns round.
_TURNED = {"": ">=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


@dataclass(frozen=True)
class GitQuery:
    """A query split in two: ``engine_text`` for the index, ``filters`` for the history."""

    engine_text: str
    filters: tuple[Filter, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """The history's fields the query names (``changed``, ``since``, ``authors``)."""
        return tuple(dict.fromkeys(item.field for item in self.filters))

    @property
    def reads_records(self) -> bool:
        """Whether :func:`narrow` reads the records (``author:``, ``date:``): only then
        need a caller fill them from the history (~0.2 s over 2,000 ADRs)."""
        return bool(_WIDENED & set(self.fields))

    def __bool__(self) -> bool:
        return bool(self.filters)


def split_query(query: ParsedQuery, *, with_history: bool) -> GitQuery:
    """What the index evaluates and what the history does.

    ``changed:``/``since:`` are always the history's (the index skips them);
    ``author:`` and ``date:`` are the history's only ``with_history`` (committers
    too; dates git filled in too), and are then taken out of the text the index gets.
    """
    fields = GIT_FIELDS | (_WIDENED if with_history else frozenset())
    filters = tuple(item for item in query.filters if item.field in fields)
    text = query.text
    widened = {item.field for item in filters} & _WIDENED
    if widened:
        text = without_filters(text, widened)
    return GitQuery(text, filters)


def history_note(query: ParsedQuery, why: str | None, *, left_out: bool = True) -> str:
    """``changed:, since: need git history (not a git repository): left out``, or ``""``
    when the query has no history filter. ``why`` is the history's note (``None``: it
    is still being read). ``left_out=False`` drops the ``: left out`` (a command
    line that stops instead of answering without them)."""
    names = list(dict.fromkeys(f"{f.field}:" for f in query.filters if f.field in GIT_FIELDS))
    if not names:
        return ""
    verb = "needs" if len(names) == 1 else "need"
    if why is None:
        return f"{', '.join(names)} {verb} git history (reading it…)"
    reason = why.removeprefix("no git history:").strip() or why
    ending = ": left out" if left_out else ""
    return f"{', '.join(names)} {verb} git history ({reason}){ending}"


def changed_bound(value: str, today: dt.date) -> str:
    """A ``changed:`` value with its spans made days (``<30d`` → ``>2024-05-02``).

    Other values are returned as they are (``2024``, ``2023..2024``, ``>=2024-06``).
    """
    if ".." in value:
        low, _, high = value.partition("..")
        low_day, high_day = _span_day(low, today), _span_day(high, today)
        if low_day is None and high_day is None:
            return value
        low, high = low_day or low, high_day or high
        if low and high and low > high:
            low, high = high, low  # ``90d..30d`` and ``30d..90d`` mean the same
        return f"{low}..{high}"
    sign = next((s for s in (">=", "<=", ">", "<") if value.startswith(s)), "")
    day = _span_day(value[len(sign) :], today)
    return value if day is None else f"{_TURNED[sign]}{day}"


def _span_day(text: str, today: dt.date) -> str | None:
    day = span_start(text, today)
    return None if day is None else day.isoformat()


@lru_cache(maxsize=16384)
def _name_terms(names: tuple[str, ...]) -> frozenset[str]:
    """People's names as the index holds them: each name folded whole, and its words
    (remembered: a keystroke asks again for every ADR's names)."""
    terms: set[str] = set()
    for name in names:
        folded = normalize_value(name)
        if folded:
            terms.add(folded)
            terms.update(folded.split())
    return frozenset(terms)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the filters read of one ADR's history, worked out once per history."""

    changed: str
    newest: str
    committers: frozenset[str]


#: The facts of the last history asked about (a keystroke reads them for every ADR).
_facts_of: tuple[RepoHistory, dict[str, _Facts]] | None = None


def _facts(history: RepoHistory) -> dict[str, _Facts]:
    global _facts_of
    known = _facts_of
    if known is not None and known[0] is history:
        return known[1]
    facts = {
        path: _Facts(
            file.changed,
            max(change.commit.day for change in file.changes),
            _name_terms(file.authors),
        )
        for path, file in history.files.items()
        if file.changes
    }
    _facts_of = (history, facts)
    return facts


@dataclass(frozen=True)
class _Test:
    field: str
    negated: bool
    #: ``changed`` bound, ``authors`` value, or the resolved :class:`Since`.
    value: str | Since
    prefix: bool = False


@dataclass
class GitMatcher:
    """The history filters of one query, resolved once (spans, revisions), for every record.

    ``notes`` say what was left out (a ``since:`` git does not know), one line each;
    ``unanswered`` the same without the ``: left out`` (``since: 'v9' is not …``).
    """

    tests: tuple[_Test, ...] = ()
    notes: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    _fields: tuple[str, ...] = field(default=(), repr=False)
    _memo: dict[tuple[frozenset[str], str, bool], bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls,
        query: GitQuery,
        history: RepoHistory | None,
        *,
        today: dt.date | None = None,
        known: MutableMapping[tuple[str, str, str], Since | str] | None = None,
    ) -> GitMatcher:
        """Resolve ``query``'s filters against ``history`` (``None``: only ``author:`` of
        the files could be answered, so history filters are left out).

        Resolving a revision runs git: call this in a worker. ``known`` remembers
        what each ``since:`` value resolved to (per HEAD and day), so a query typed
        a letter at a time asks git once per value.
        """
        today = today or dt.date.today()
        tests: list[_Test] = []
        unanswered: list[str] = []
        for item in query.filters:
            if item.field == "changed" and history is not None:
                tests.append(_Test("changed", item.negated, changed_bound(item.value, today)))
            elif item.field == "since" and history is not None:
                since = _since(item.value, history, today, known)
                if isinstance(since, Since):
                    tests.append(_Test("since", item.negated, since))
                else:  # said even while typed: the list shows why it is not narrowed
                    unanswered.append(f"since: {since}")
            elif item.field in _WIDENED:
                tests.append(_Test(item.field, item.negated, item.value, item.prefix))
        fields = tuple(dict.fromkeys(t.field for t in tests if not t.negated))
        notes = tuple(f"{why}: left out" for why in unanswered)
        return cls(tuple(tests), notes, tuple(unanswered), fields)

    def __bool__(self) -> bool:
        return bool(self.tests)

    def matches(self, adr: Adr | None, history: FileHistory | None) -> bool:
        """True when the record (and git's history of it) passes every filter."""
        facts = None
        if history is not None and history.changes:
            facts = _Facts(
                history.changed,
                max(change.commit.day for change in history.changes),
                _name_terms(history.authors),
            )
        return self._passes(adr, history, facts)

    def _passes(self, adr: Adr | None, history: FileHistory | None, facts: _Facts | None) -> bool:
        passed: set[str] = set()
        for test in self.tests:
            if test.field == AUTHORS:
                value, prefix = str(test.value), test.prefix
                hit = (facts is not None and self._named(facts.committers, value, prefix)) or (
                    adr is not None and self._named(_name_terms(adr.authors), value, prefix)
                )
            elif test.field == DATE:
                day = adr.date.strip().lower() if adr is not None and adr.date else ""
                hit = bool(day) and date_matches(day, str(test.value))
            elif facts is None:
                hit = False
            elif isinstance(test.value, Since):
                since = test.value
                hit = facts.newest >= since.day if since.day else since.touches(history)
            else:
                hit = date_matches(facts.changed, test.value)
            if hit and test.negated:
                return False
            if hit:
                passed.add(test.field)
        return all(name in passed for name in self._fields)

    def _named(self, names: frozenset[str], value: str, prefix: bool) -> bool:
        """Whether ``value`` is one of ``names`` (starts one, for a ``prefix``); asked once
        per set of names (many ADRs share their committers)."""
        key = (names, value, prefix)
        hit = self._memo.get(key)
        if hit is None:
            hit = any(t.startswith(value) for t in names) if prefix else value in names
            self._memo[key] = hit
        return hit

    def keep(
        self,
        paths: Sequence[str],
        records: Mapping[str, Adr],
        history: RepoHistory | None,
    ) -> list[str]:
        """The ``paths`` (in their order) whose records pass."""
        if not self.tests:
            return list(paths)
        files = history.files if history is not None else {}
        facts = _facts(history) if history is not None else {}
        passes, get = self._passes, records.get
        return [p for p in paths if passes(get(p), files.get(p), facts.get(p))]


class Unanswered(ValueError):
    """A history filter :func:`narrow` could not answer (``strict``): a ``since:``
    value that is no date, span or revision git knows. The message says which."""


def narrow(
    result: SearchResult,
    git: GitQuery,
    records: Sequence[Adr],
    history: RepoHistory | None,
    *,
    known: MutableMapping[tuple[str, str, str], Since | str] | None = None,
    today: dt.date | None = None,
    strict: bool = False,
) -> SearchResult:
    """``result`` (the index's answer to ``git.engine_text``) without the matches the
    history's filters leave out; what was left out of the query joins ``error``.

    ``records`` are the collection's (filled from the history: ``date:`` finds
    what git filled in) and are read only for ``author:`` and ``date:``. Without
    ``history`` only ``author:`` and ``date:`` of the files are answered;
    ``changed:`` and ``since:`` are then the caller's to report
    (:func:`history_note`). Resolving ``since:v1.2`` runs git: call this in a
    worker. ``strict`` raises :class:`Unanswered` instead of leaving out a filter
    git cannot answer (a command line's answer would be wrong; a search box
    being typed in says why in its note and goes on).
    """
    matcher = GitMatcher.of(git, history, today=today, known=known)
    if strict and matcher.unanswered:
        raise Unanswered(" · ".join(matcher.unanswered))
    if not matcher and not matcher.notes:
        return result
    by_path = {adr.rel_path: adr for adr in records} if git.reads_records else {}
    paths = matcher.keep(result.paths, by_path, history)
    kept = set(paths)
    notes = [note for note in (result.error, *matcher.notes) if note]
    return replace(
        result,
        hits=tuple(hit for hit in result.hits if hit.rel_path in kept),
        matched=tuple(paths),
        total=len(paths),
        error=" · ".join(notes) or None,
    )


def _since(
    value: str,
    history: RepoHistory,
    today: dt.date,
    known: MutableMapping[tuple[str, str, str], Since | str] | None,
) -> Since | str:
    """``value`` as a :class:`Since`, or why it is none (a sentence)."""
    key = (history.head, value, today.isoformat())
    if known is not None and key in known:
        return known[key]
    found: Since | str
    try:
        found = parse_since(value, history, today=today)
    except ValueError as error:
        found = str(error)
    if known is not None:
        if len(known) > 256:
            known.clear()
        known[key] = found
    return found
