"""YAML front matter: found by plain string search, loaded safely, read line by line if broken.

python-frontmatter is not used here: it costs more per file than the whole rest of
parsing, and it gives up on the first YAML error. Real front matter is often not
valid YAML (MADR 4's template line ``status: "{proposed | rejected | …}"``, an
impossible ``date: 2022-02-30``), yet its ``key: value`` lines are still readable,
so a failed load falls back to reading them one by one, with a warning.

Only the safe loader is used: a ``!!python/object`` tag is an error, never code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml's loader is several times faster; same safe constructor.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

#: Front matter larger than this is not given to the YAML loader (read line by line).
MAX_YAML_CHARS = 64 * 1024
#: Flow brackets (``[``, ``{``) beyond this count, or nested ``- ``/``? `` indicators on
#: one line beyond the second limit, keep the text away from the YAML loader: libyaml
#: recurses once per level and overflows the C stack (a segfault, not an exception)
#: past a few ten thousand levels, fewer in threads with small stacks.
MAX_FLOW_BRACKETS = 256
MAX_INLINE_NESTING = 32

_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_$@][^:#\n]{0,80}?)[ \t]*:(?:[ \t]+(.*))?$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$")


@dataclass
class FrontMatter:
    """What the front matter holds: its mapping, where it sits, and what went wrong.

    ``lines`` maps each top-level key to its 1-based line in the file.
    ``body_offset`` is the index in the text where the Markdown body starts and
    ``body_line`` the 0-based line it starts on.
    """

    mapping: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_offset: int = 0
    body_line: int = 0
    present: bool = False
    line_by_line: bool = False
    warnings: list[str] = field(default_factory=list)


def split(text: str) -> tuple[str, int, int] | None:
    """``(front matter text, body offset, body line)`` when ``text`` opens with one."""
    if not text.startswith("---"):
        return None
    opening = _OPENING.match(text)
    if opening is None:
        return None
    start = opening.end()
    closing = _CLOSING.search(text, start)
    if closing is None:
        return None
    raw = text[start : closing.start()]
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    body_line = text.count("\n", 0, end)
    if end == len(text) and not text.endswith("\n"):
        body_line += 1
    return raw, end, body_line


def _unquote(value: str) -> str:
    value = value.strip()
    if value[:1] in ('"', "'"):
        quote = value[0]
        value = value[1:]
        end = value.find(quote)
        if end >= 0:
            value = value[:end]
    else:
        # A `` #`` starts a comment (found without a regex: no backtracking on long runs).
        cut = min((i for i in (value.find(" #"), value.find("\t#")) if i >= 0), default=-1)
        if cut >= 0:
            value = value[:cut]
    return value.strip()


def _scalar_or_list(value: str) -> Any:
    value = value.strip()
    if value.startswith("["):
        inner = value.strip("[]")
        return [item for item in (_unquote(part) for part in inner.split(",")) if item]
    return _unquote(value)


def read_line_by_line(raw: str) -> dict[str, Any]:
    """The top-level ``key: value`` lines (and ``- item`` lists under them) of ``raw``."""
    mapping: dict[str, Any] = {}
    current: str | None = None
    for line in raw.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] in " \t":
            item = _LIST_ITEM.match(line)
            if item and current is not None:
                value = mapping.get(current)
                if not isinstance(value, list):
                    value = [] if value in (None, "") else [value]
                    mapping[current] = value
                text = _unquote(item[1])
                if text and not text.startswith("!"):
                    value.append(text)
            continue
        match = _TOP_LEVEL_KEY.match(line)
        if match is None:
            current = None
            continue
        key = match[1].strip()
        value = (match[2] or "").strip()
        if value.startswith(("!", "&", "*", "|", ">")):
            # Tags are never honoured; anchors, aliases and block scalars are skipped.
            mapping[key] = None
            current = None
            continue
        mapping[key] = _scalar_or_list(value) if value else None
        current = key
    return mapping


def key_lines(raw: str, first_line: int) -> dict[str, int]:
    """Each top-level key of ``raw`` and its 1-based line (``raw`` starts on ``first_line``)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), first_line):
        if line[:1] not in ("", " ", "\t", "#", "-"):
            colon = line.find(":")
            if colon > 0:
                lines.setdefault(line[:colon].strip().strip("\"'"), number)
    return lines


def _describe(error: Exception) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or getattr(error, "context", None)
    if isinstance(error, yaml.YAMLError) and problem:
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return f"{problem}{where}"
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:120]


def _too_risky(raw: str) -> str | None:
    """Why ``raw`` must not reach the YAML loader (size, nesting depth), else ``None``."""
    if len(raw) > MAX_YAML_CHARS:
        return "is too large to read as YAML"
    if raw.count("[") + raw.count("{") > MAX_FLOW_BRACKETS:
        return "nests too deeply to read as YAML"
    if "- " in raw or "? " in raw:
        for line in raw.split("\n"):
            if line.count("- ") + line.count("? ") > MAX_INLINE_NESTING:
                return "nests too deeply to read as YAML"
    return None


def parse(text: str) -> FrontMatter:
    """Find and read the front matter at the start of ``text`` (newlines already ``\\n``)."""
    found = split(text)
    if found is None:
        return FrontMatter()
    raw, offset, body_line = found
    result = FrontMatter(body_offset=offset, body_line=body_line, present=True)
    if not raw.strip():
        return result
    refusal = _too_risky(raw)
    if refusal is not None:
        result.warnings.append(f"front matter {refusal}; fields read line by line")
        result.mapping = read_line_by_line(raw)
        result.line_by_line = True
    else:
        try:
            loaded = yaml.load(raw, Loader=_SafeLoader)  # noqa: S506 - a safe loader
        except Exception as error:  # noqa: BLE001 - YAML, dates, recursion: all mean "broken"
            if "!!python" in raw or "!<tag:yaml.org,2002:python" in raw:
                reason = "it uses a Python object tag, which is never executed"
            else:
                reason = _describe(error)
            result.warnings.append(
                f"front matter is not valid YAML ({reason}); fields read line by line"
            )
            result.mapping = read_line_by_line(raw)
            result.line_by_line = True
        else:
            if isinstance(loaded, dict):
                result.mapping = {str(k): v for k, v in loaded.items() if isinstance(k, str | int)}
            elif loaded is not None:
                # ``---`` used as a rule above plain text: not front matter after all.
                return FrontMatter()
    result.lines = key_lines(raw, 2)
    return result
