"""Is the decision log consistent? Rules over a collection, each problem with a fix hint.

Every problem names a file (ADR-folder-relative), a 1-based line (the line
to look at, or 1 when the fix is to add something), a stable rule id for
scripts and ``--ignore``, a message saying what is wrong and a hint saying
how to fix it. ``error`` means the log says something false or unreachable
(a link to nothing, a cycle, two ADRs with one number); ``warning`` means it
is incomplete or unusual (a gap in the numbers, no date).

The rules read records and the relation graph only; no file is opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from adrtui.domain.model import CANONICAL_STATUSES, Adr
from adrtui.domain.parsing import number_series
from adrtui.domain.relations.resolve import RelationGraph, Resolver, body_line_offset, build_graph
from adrtui.domain.text import describe, hidden_characters

ERROR = "error"
WARNING = "warning"

#: Every rule id, with its severity and what it checks (shown by ``adrtui lint --rules``).
RULES: dict[str, tuple[str, str]] = {
    "broken-link": (ERROR, "a link names no ADR of the collection"),
    "ambiguous-link": (WARNING, "a link names several ADRs (their numbers clash)"),
    "self-link": (ERROR, "an ADR links to itself"),
    "supersession-cycle": (ERROR, "ADRs supersede each other in a circle"),
    "superseded-without-successor": (WARNING, "status superseded, but nothing supersedes it"),
    "successor-not-superseded": (WARNING, "an ADR supersedes one whose status says otherwise"),
    "duplicate-number": (ERROR, "two or more ADRs share a number"),
    "number-gap": (WARNING, "numbers are missing between the lowest and the highest"),
    "missing-number": (WARNING, "an ADR has no number while others have one"),
    "missing-title": (WARNING, "no title heading or title field"),
    "missing-status": (WARNING, "no status"),
    "missing-date": (WARNING, "no date"),
    "unknown-status": (WARNING, "a status word adrtui does not know"),
    "bad-date": (ERROR, "a date that cannot be read or cannot exist"),
    "parser-warning": (WARNING, "the file could not be read completely"),
    "hidden-characters": (
        WARNING,
        "bidi controls or invisible characters (text that reads differently from its bytes)",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one file."""

    rel_path: str
    line: int
    rule: str
    message: str
    hint: str
    severity: str = WARNING

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.rel_path,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def problems_by_file(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems grouped by ADR file, in line order (for a detail pane or a badge count)."""
    grouped: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: (p.rel_path, p.line, p.rule)):
        grouped.setdefault(problem.rel_path, []).append(problem)
    return grouped


_DATE_WARNING = re.compile(r"\b(?:impossible|unreadable|unparseable|invalid)\s+date\b", re.I)
_QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"")
_STATUS_WORDS = ", ".join(CANONICAL_STATUSES)


def lint(
    source: Iterable[Adr] | Any,
    graph: RelationGraph | None = None,
    *,
    ignore: Iterable[str] = (),
) -> list[Problem]:
    """Every problem of a collection (a :class:`Collection` or its records), sorted by file.

    ``graph`` is built when not given; pass the one you already hold to save
    the work. ``ignore`` lists rule ids to leave out.
    """
    adrs: list[Adr] = list(getattr(source, "adrs", source))
    if graph is None:
        graph = build_graph(adrs)
    problems: list[Problem] = []
    resolver = Resolver(adrs)
    for adr in adrs:
        problems.extend(_link_problems(adr, graph, resolver))
        problems.extend(_field_problems(adr))
        problems.extend(_hidden_problems(adr))
    problems.extend(_supersession_problems(adrs, graph))
    problems.extend(_cycle_problems(graph))
    problems.extend(_number_problems(adrs))
    skip = set(ignore)
    kept = {p for p in problems if p.rule not in skip}
    return sorted(kept, key=lambda p: (p.rel_path, p.line, p.rule, p.message))


def _problem(rel_path: str, line: int | None, rule: str, message: str, hint: str) -> Problem:
    return Problem(rel_path, line or 1, rule, message, hint, RULES[rule][0])


def _describe(adr: Adr | None, path: str) -> str:
    if adr is None:
        return path
    return f"{adr.display_number} {adr.title}".strip() if adr.number is not None else path


# ------------------------------------------------------------------------- links


def _link_problems(adr: Adr, graph: RelationGraph, resolver: Resolver) -> list[Problem]:
    problems: list[Problem] = []
    for edge in graph.edges_from(adr.rel_path):
        if edge.derived or edge.external:
            continue
        if edge.path == adr.rel_path:
            if "#" in edge.target and edge.kind in ("relates-to", "mentions"):
                continue  # a link to one of its own sections
            problems.append(
                _problem(
                    adr.rel_path,
                    edge.line,
                    "self-link",
                    f"{edge.kind} {edge.target!r} points at this ADR itself",
                    "point the link at the other ADR, or remove it",
                )
            )
            continue
        if edge.path is not None:
            continue
        resolution = resolver.resolve(edge.target, adr.rel_path)
        if resolution.candidates:
            names = ", ".join(resolution.candidates)
            problems.append(
                _problem(
                    adr.rel_path,
                    edge.line,
                    "ambiguous-link",
                    f"{edge.kind} {edge.target!r} matches several ADRs: {names}",
                    "link the file itself ([title](file.md)), or renumber the duplicates",
                )
            )
            continue
        problem = _problem(
            adr.rel_path,
            edge.line,
            "broken-link",
            f"{edge.kind} {edge.target!r} names no ADR in this collection",
            _broken_hint(edge.target),
        )
        if edge.kind == "mentions":
            # A number in prose may name another team's ADR: worth a look, not an error.
            problem = replace(problem, severity=WARNING)
        problems.append(problem)
    return problems


def _broken_hint(target: str) -> str:
    if target.strip().lower().endswith((".md", ".markdown", ")")) or "/" in target:
        return "fix the file name (was the ADR renamed or moved?) or remove the link"
    return "use the number or file name of an ADR that exists, or remove the reference"


# ------------------------------------------------------------------- supersession


def _supersession_problems(adrs: Sequence[Adr], graph: RelationGraph) -> list[Problem]:
    problems: list[Problem] = []
    for adr in adrs:
        successors = graph.successors(adr.rel_path)
        if adr.status == "superseded" and not successors:
            broken = [
                e
                for e in graph.edges_from(adr.rel_path)
                if e.kind == "superseded-by" and e.path is None
            ]
            if not broken:  # a broken successor link is reported as broken-link
                problems.append(
                    _problem(
                        adr.rel_path,
                        adr.status_line,
                        "superseded-without-successor",
                        "status is superseded, but no ADR supersedes this one",
                        "write 'Superseded by [N. Title](000N-title.md)' in the status, "
                        "or 'Supersedes' in the successor",
                    )
                )
        if successors and adr.status != "superseded":
            problems.extend(_unmarked_predecessor(adr, graph))
    return problems


def _unmarked_predecessor(adr: Adr, graph: RelationGraph) -> list[Problem]:
    """``adr`` is superseded (someone says so) but its status does not say it."""
    shown = adr.status_raw or adr.status or "no status"
    problems = []
    for edge in graph.edges_from(adr.rel_path):
        if edge.kind != "superseded-by" or edge.path in (None, adr.rel_path):
            continue
        successor = graph.adrs.get(edge.path)
        link = _link_text(successor, edge.path)
        fix = f"set the status of {adr.rel_path} to 'Superseded by {link}'"
        if edge.derived:
            # The successor says it; report it where it is said.
            where, line = edge.stated_in, edge.line
            message = f"supersedes {_describe(adr, adr.rel_path)}, whose status is {shown!r}"
        else:
            where, line = adr.rel_path, adr.status_line
            message = f"says it is superseded by {edge.target!r}, but its status is {shown!r}"
        problems.append(_problem(where, line, "successor-not-superseded", message, fix))
    return problems


def _link_text(adr: Adr | None, path: str) -> str:
    if adr is None:
        return f"[{path}]({path})"
    prefix = f"{adr.number}. " if adr.number is not None else ""
    return f"[{prefix}{adr.title}]({path})"


def _cycle_problems(graph: RelationGraph) -> list[Problem]:
    """One problem per circle of supersession (Tarjan's strongly connected components)."""
    nodes = sorted(graph.adrs)
    succ = {path: sorted(set(graph.predecessors(path)) - {path}) for path in nodes}
    problems = []
    for component in _strongly_connected(nodes, succ):
        if len(component) < 2:
            continue
        members = sorted(component)
        first = members[0]
        edge = next(
            (
                e
                for e in graph.edges_from(first)
                if e.kind in ("supersedes", "superseded-by") and e.path in component
            ),
            None,
        )
        line = edge.line if edge is not None and not edge.derived else None
        circle = " → ".join(_cycle_order(first, component, succ)) + f" → {first}"
        problems.append(
            _problem(
                first,
                line,
                "supersession-cycle",
                f"supersession cycle: {circle}",
                "decide which ADR is the newest and remove the supersedes link that points "
                "back at it",
            )
        )
    return problems


def _cycle_order(first: str, component: set[str], succ: dict[str, list[str]]) -> list[str]:
    order = [first]
    current = first
    while True:
        nxt = next((n for n in succ[current] if n in component and n not in order), None)
        if nxt is None:
            return order
        order.append(nxt)
        current = nxt


def _strongly_connected(nodes: list[str], succ: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (chains can be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[set[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child_index = work.pop()
            if child_index == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = succ.get(node, [])
            recursed = False
            for i in range(child_index, len(children)):
                child = children[i]
                if child not in index:
                    work.append((node, i + 1))
                    work.append((child, 0))
                    recursed = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if recursed:
                continue
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


# ------------------------------------------------------------------------ numbers


def _number_problems(adrs: Sequence[Adr]) -> list[Problem]:
    """Duplicates and gaps within each numbering series (folder and id letters)."""
    problems: list[Problem] = []
    series: dict[tuple[str, str], dict[int, list[Adr]]] = {}
    keys = _series_keys([adr for adr in adrs if adr.number is not None])
    for adr in adrs:
        if adr.number is not None:
            by_number = series.setdefault(keys[adr.rel_path], {})
            by_number.setdefault(adr.number, []).append(adr)
    for by_number in series.values():
        problems.extend(_series_problems(by_number))
    numbers = sorted({number for by_number in series.values() for number in by_number})
    if numbers:
        for adr in adrs:
            if adr.number is None:
                problems.append(
                    _problem(
                        adr.rel_path,
                        adr.title_line,
                        "missing-number",
                        "this ADR has no number, while the others have one",
                        f"rename it with the next free number ({numbers[-1] + 1:04d}-…)",
                    )
                )
    return problems


def _series_keys(adrs: Sequence[Adr]) -> dict[str, tuple[str, str]]:
    """Each numbered record's series: (folder or "", id letters)."""
    located = {adr.rel_path: number_series(adr.rel_path) for adr in adrs}
    by_prefix: dict[str, dict[int, set[str]]] = {}
    for adr in adrs:
        folder, prefix = located[adr.rel_path]
        by_prefix.setdefault(prefix, {}).setdefault(adr.number or 0, set()).add(folder)
    per_folder = {prefix for prefix, folders_of in by_prefix.items() if _restarts(folders_of)}
    return {
        rel_path: (folder if prefix in per_folder else "", prefix)
        for rel_path, (folder, prefix) in located.items()
    }


def _restarts(folders_of: dict[int, set[str]]) -> bool:
    """Whether each folder numbers on its own: several folders start at the same first number.

    ``automl/ODH-ADR-0001`` and ``autorag/ODH-ADR-0001`` are two areas' first
    records; ``core/0003`` and ``security/0003`` in a collection numbered across
    folders (its 0001 in one folder only) are a real clash.
    """
    first = min(folders_of)
    return len(folders_of[first]) > 1


def _toml_key(word: str) -> str:
    """A status word as a TOML key: bare when it can be, quoted otherwise."""
    return word if re.fullmatch(r"[A-Za-z0-9_-]+", word) else '"' + word.replace('"', "") + '"'


def _series_problems(by_number: dict[int, list[Adr]]) -> list[Problem]:
    problems: list[Problem] = []
    for number, group in by_number.items():
        if len(group) < 2:
            continue
        for adr in group:
            others = ", ".join(a.rel_path for a in group if a is not adr)
            problems.append(
                _problem(
                    adr.rel_path,
                    adr.title_line,
                    "duplicate-number",
                    f"number {number} is also used by {others}",
                    "give one of them the next free number (file name and title)",
                )
            )
    numbers = sorted(by_number)
    for low, high in zip(numbers, numbers[1:], strict=False):
        if high - low < 2:
            continue
        missing = f"{low + 1}" if high - low == 2 else f"{low + 1}–{high - 1}"
        after = by_number[high][0]
        problems.append(
            _problem(
                after.rel_path,
                None,
                "number-gap",
                f"no ADR numbered {missing} (between {low} and {high})",
                "if those numbers were withdrawn, keep a short ADR saying so; otherwise renumber",
            )
        )
    return problems


# ------------------------------------------------------------------------- fields


def _field_problems(adr: Adr) -> list[Problem]:
    problems: list[Problem] = []
    path = adr.rel_path
    if not adr.title.strip() or (adr.title_line is None and not adr.front_matter.get("title")):
        shown = f" (shown as {adr.title!r}, from the file name)" if adr.title.strip() else ""
        problems.append(
            _problem(
                path,
                None,
                "missing-title",
                f"no title heading{shown}",
                "add a '# N. Title' heading (or a 'title:' field) at the top",
            )
        )
    if adr.status is None:
        problems.append(
            _problem(
                path,
                adr.status_line,
                "missing-status",
                "no status",
                f"add a '## Status' section or a 'status:' field ({_STATUS_WORDS})",
            )
        )
    elif adr.status not in CANONICAL_STATUSES:
        problems.append(
            _problem(
                path,
                adr.status_line,
                "unknown-status",
                f"unknown status {adr.status!r}",
                f"use one of: {_STATUS_WORDS}; or say which it means in .adrtui.toml "
                f"([statuses] {_toml_key(adr.status)} = one of them)",
            )
        )
    date_warnings = [w for w in adr.warnings if _DATE_WARNING.search(w)]
    for warning in date_warnings:
        problems.append(
            _problem(
                path,
                _line_of_quoted(adr, warning),
                "bad-date",
                warning,
                "write the date as YYYY-MM-DD",
            )
        )
    # A date git filled in (the browser, once the history is read) is not the file's.
    if (adr.date is None or "date" in adr.git_filled) and not date_warnings:
        problems.append(
            _problem(
                path,
                None,
                "missing-date",
                "no date",
                "add 'Date: YYYY-MM-DD' under the title or a 'date:' field",
            )
        )
    for warning in adr.warnings:
        if warning in date_warnings:
            continue
        problems.append(
            _problem(
                path,
                _line_of_quoted(adr, warning),
                "parser-warning",
                warning,
                "check the file in an editor; adrtui shows what it could read",
            )
        )
    return problems


def _line_of_quoted(adr: Adr, warning: str) -> int | None:
    """The file line of a value quoted in a parser warning (``line N`` or ``'value'``)."""
    line = re.search(r"\bline (\d+)", warning)
    if line:
        return int(line.group(1))
    quoted = _QUOTED.search(warning)
    if not quoted or not adr.body:
        return None
    value = (quoted.group(1) or quoted.group(2)).rstrip("…")
    at = adr.body.find(value) if value else -1
    if at == -1:
        return None
    return body_line_offset(adr) + adr.body.count("\n", 0, at) + 1


# ------------------------------------------------------------- hidden characters

#: Problems per file at most (a file full of zero-width spaces is one finding, not 10,000).
_HIDDEN_LIMIT = 20
#: Characters named in one message at most.
_HIDDEN_NAMED = 4
#: Front-matter strings looked at per file at most (a huge list is not worth more).
_FRONT_MATTER_STRINGS = 10_000


def _hidden_problems(adr: Adr) -> list[Problem]:
    """Bidi controls and invisible characters ("Trojan Source") in the file name, the
    front matter and the text: one problem per place, naming the characters.

    The characters are the ones the app and the commands show as ``⟨U+202E⟩``
    (:func:`adrtui.domain.text.hidden_characters`): a zero-width joiner inside an
    emoji or between Persian or Indic letters is writing, not hiding.
    """
    found: list[tuple[int | None, str, list[str]]] = []
    if not adr.rel_path.isascii():
        chars = [c for _, c in hidden_characters(adr.rel_path)]
        if chars:
            found.append((None, "the file name", chars))
    front_matter = {} if _plain(adr.front_matter) else adr.front_matter
    for key, value in front_matter.items():
        chars = [c for text in _non_ascii(key, value) for _, c in hidden_characters(text)]
        if chars:
            line = adr.status_line if key == "status" and _in_front_matter(adr) else None
            found.append((line, f"the front matter's {key!r}", chars))
    if not adr.body.isascii():
        found.extend(_hidden_in_body(adr))
    if not found:
        return []
    problems = [
        _problem(
            adr.rel_path,
            line,
            "hidden-characters",
            f"{_names(chars)} in {where}",
            f"remove {_it(chars)} unless the text needs {_it(chars)}: "
            "such characters make text read differently from its bytes",
        )
        for line, where, chars in found[:_HIDDEN_LIMIT]
    ]
    if len(found) > _HIDDEN_LIMIT:
        last = problems[-1]
        more = f" (and {len(found) - _HIDDEN_LIMIT} more places with hidden characters)"
        problems[-1] = replace(last, message=last.message + more)
    return problems


def _hidden_in_body(adr: Adr) -> list[tuple[int | None, str, list[str]]]:
    """One ``(line, where, characters)`` per body line holding hidden characters."""
    by_line: dict[int, list[str]] = {}
    offset, newlines, counted = body_line_offset(adr), 0, 0
    for at, char in hidden_characters(adr.body):
        newlines += adr.body.count("\n", counted, at)
        counted = at
        by_line.setdefault(offset + newlines + 1, []).append(char)
    found: list[tuple[int | None, str, list[str]]] = []
    for line, chars in by_line.items():
        if line == adr.title_line:
            where = "the title"
        elif line == adr.status_line:
            where = "the status"
        else:
            where = "the text"
        found.append((line, where, chars))
    return found


def _in_front_matter(adr: Adr) -> bool:
    return adr.status_line is not None and adr.status_line < adr.body_line


def _plain(front_matter: Any) -> bool:
    """True for flat ASCII front matter, the common case, without walking it (fast)."""
    for key, value in front_matter.items():
        if type(key) is not str or not key.isascii():
            return False
        if type(value) is str:
            if not value.isascii():
                return False
        elif type(value) is list:
            if not all(type(item) is str and item.isascii() for item in value):
                return False
        elif isinstance(value, (dict, list, tuple)):  # noqa: UP038 - nested: walk it
            return False
    return True


def _non_ascii(*values: Any) -> list[str]:
    """The strings in ``values`` (keys and values of nested lists and mappings) that are
    not plain ASCII, the only ones that can hide anything.

    Bounded: YAML aliases can make a few lines a tree of millions of nodes, so
    at most :data:`_FRONT_MATTER_STRINGS` nodes are visited or waiting.
    """
    out: list[str] = []
    stack = list(values)
    seen = 0
    while stack and seen < _FRONT_MATTER_STRINGS:
        value = stack.pop()
        seen += 1
        if isinstance(value, str):
            if not value.isascii():
                out.append(value)
        elif isinstance(value, (list, tuple)):  # noqa: UP038 - a tuple is faster here
            stack.extend(value[: _FRONT_MATTER_STRINGS - len(stack)])
        elif isinstance(value, dict) and len(stack) < _FRONT_MATTER_STRINGS:
            stack.extend(islice(value.items(), _FRONT_MATTER_STRINGS - len(stack)))
    return out


def _names(chars: list[str]) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE) and U+200B (ZERO WIDTH SPACE)``, each once."""
    unique = list(dict.fromkeys(chars))
    named = [describe(c) for c in unique[:_HIDDEN_NAMED]]
    if len(unique) > _HIDDEN_NAMED:
        named.append(f"{len(unique) - _HIDDEN_NAMED} more")
    text = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return ("hidden character " if len(chars) == 1 else "hidden characters ") + text


def _it(chars: list[str]) -> str:
    return "it" if len(chars) == 1 else "them"
