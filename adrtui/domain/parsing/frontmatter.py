"""Front matter: YAML ``---``, TOML ``+++`` and JSON, read through python-frontmatter.

python-frontmatter supplies what it does well: the formats and their fences (its
``YAMLHandler`` boundary and safe YAML loading, its ``JSONHandler`` and the
``BaseHandler`` protocol a TOML handler on the standard library's :mod:`tomllib`
plugs into), and format detection (:func:`frontmatter.detect_format`). Its
``parse``/``loads`` are not used: they strip the text and return the body alone,
while adrtui needs where the body starts, each key's line, and what went wrong.

Real front matter is often not valid YAML (MADR 4's template line
``status: "{proposed | rejected | …}"`` half filled in, an unclosed ``[``), yet
its ``key: value`` lines are still readable, so a failed load falls back to
reading them one by one, with a warning (TOML and JSON likewise). A malformed ADR
is still listed.

Safety: only the safe YAML loader is used (a ``!!python/object`` tag is an error,
never code); an impossible date (``2022-02-30``) stays a string instead of breaking
the whole document; text that would overflow libyaml's C stack never reaches it;
a document whose aliases expand beyond :data:`MAX_EXPANDED_NODES` ("billion
laughs", in sequences or through ``<<`` merge keys) is refused before it is built;
and lists or tables nested deeper than :data:`MAX_DEPTH` (in any of the three
formats) are refused too, so nothing downstream (the cache, the index, JSON
output) ever recurses through them. Every other YAML or TOML file adrtui reads
from a repository or the user (``.log4brains.yml``, ``.adrtui.toml``,
``config.toml``) goes through the same bounds: :func:`load_yaml`, :func:`load_toml`.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import frontmatter as _fm
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

try:  # libyaml's loader is several times faster; same safe constructor.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

#: Front matter larger than this is not given to a loader (read line by line).
MAX_YAML_CHARS = 64 * 1024
#: Flow brackets (``[``, ``{``) beyond this count, or nested ``- ``/``? `` indicators on
#: one line beyond the second limit, keep the text away from the YAML loader: libyaml
#: recurses once per level and overflows the C stack (a segfault, not an exception)
#: past a few ten thousand levels, fewer in threads with small stacks.
MAX_FLOW_BRACKETS = 256
MAX_INLINE_NESTING = 32
#: A YAML document with aliases may not stand for more nodes than this once its
#: aliases are expanded (a 400-byte "billion laughs" stands for 10**9).
MAX_EXPANDED_NODES = 10_000
#: Nor use more aliases than this.
MAX_ALIASES = 1_000
#: Lists and tables nested deeper than this are refused (real front matter and
#: settings nest two or three levels; Python code recursing through a value
#: thousands deep raises RecursionError).
MAX_DEPTH = 64

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_$@][^:#\n]{0,80}?)[ \t]*:(?:[ \t]+(.*))?$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$")
_TOML_KEY = re.compile(r"""^[ \t]*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*)$""")
_TOML_TABLE = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")
_JSON_KEY = re.compile(r'^[ \t]*"((?:[^"\\\n]|\\.)*)"[ \t]*:[ \t]*(.*?)[ \t]*,?[ \t]*$')


class _TooComplex(yaml.YAMLError):
    """A YAML document whose aliases expand too far (or loop), or that nests too deeply."""


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply lists and mappings nest in ``value``; counting stops past ``limit``.

    Iterative, so a value too deep for recursion is measured too.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
        stack.extend((child, depth) for child in children)
    return deepest


_DEEP = f"nests more than {MAX_DEPTH} levels deep"
#: A dotted key or table header (``a.b.c``) of more than MAX_DEPTH parts. tomllib
#: nests a table per part in quadratic time (20,000 parts: 14 s), so such text is
#: refused before it is loaded. Possessive, and tried at word starts only: linear.
_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')[ \t]*+\.[ \t]*+"""
_TOML_LONG_KEY = re.compile(rf"(?<![\w-])(?:{_TOML_KEY_PART}){{{MAX_DEPTH}}}")


def _too_deep(value: Any) -> str | None:
    return _DEEP if nesting_depth(value) > MAX_DEPTH else None


def load_yaml(text: str) -> Any:
    """YAML from a file adrtui does not control, within every bound front matter has.

    Safe tags only, aliases bounded (count and expansion), size and nesting
    bounded; raises :class:`yaml.YAMLError` for broken or refused text.
    """
    refusal = _too_risky(text)
    if refusal is not None:
        raise _TooComplex(refusal)
    value = _YAML.load(text)
    refusal = _too_deep(value)
    if refusal is not None:
        raise _TooComplex(refusal)
    return value


def load_toml(text: str) -> dict[str, Any]:
    """TOML from a file adrtui does not control, nesting bounded.

    Raises :class:`tomllib.TOMLDecodeError` for broken text and for tables or
    arrays nested deeper than :data:`MAX_DEPTH` (``a.a.a…`` keys build them
    without recursion; ``[[[…]]]`` would raise RecursionError).
    """
    if _TOML_LONG_KEY.search(text):
        raise tomllib.TOMLDecodeError(f"it {_DEEP}")
    try:
        value = tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError(f"it {_DEEP}") from None
    refusal = _too_deep(value)
    if refusal is not None:
        raise tomllib.TOMLDecodeError(f"it {refusal}")
    return value


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes ``root`` stands for with every alias expanded (memoised: cheap)."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in busy:
            raise _TooComplex("has an alias that refers to itself")
        busy.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        busy.discard(key)
        sizes[key] = total
        if total > MAX_EXPANDED_NODES:
            raise _TooComplex(f"has aliases that expand to over {MAX_EXPANDED_NODES:,} values")
        return total

    return size(root)


class _Loader(_SafeLoader):
    """The safe loader, with impossible dates kept as text."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # ``2022-02-30``: the parser reports it; the rest still loads
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _BoundedLoader(_Loader):
    """For documents with aliases: their expansion is measured before anything is built."""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _expanded_size(node)  # raises _TooComplex
        return self.construct_document(node)


class _Yaml(YAMLHandler):
    """YAML between ``---`` fences (Jekyll's ``...`` may close it too)."""

    FM_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
    CLOSING = re.compile(r"^(?:-{3,}|\.\.\.)[ \t]*$", re.MULTILINE)
    name = "YAML"

    def load(self, fm: str, **kwargs: object) -> Any:
        if "*" not in fm:  # no alias, nothing shared: nothing to expand
            return super().load(fm, Loader=_Loader)
        if len(_ALIAS.findall(fm)) > MAX_ALIASES:
            raise _TooComplex(f"uses over {MAX_ALIASES:,} aliases")
        return super().load(fm, Loader=_BoundedLoader)


class _Toml(BaseHandler):
    """Hugo's TOML between ``+++`` fences (python-frontmatter's own wants ``toml``)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}[ \t]*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"
    name = "TOML"

    def load(self, fm: str, **kwargs: object) -> Any:
        return load_toml(fm)


class _Json(JSONHandler):
    """Hexo's JSON between ``;;;`` fences: the object's members without braces."""

    FM_BOUNDARY = re.compile(r"^;;;[ \t]*$", re.MULTILINE)
    name = "JSON"


class _HugoJson(JSONHandler):
    """Hugo's JSON front matter: an object at the very top, closed by its own brace."""

    FM_BOUNDARY = re.compile(r"^\{", re.MULTILINE)
    name = "JSON"


_YAML, _TOML, _JSON, _HUGO_JSON = _Yaml(), _Toml(), _Json(), _HugoJson()
HANDLERS: tuple[BaseHandler, ...] = (_YAML, _TOML, _JSON, _HUGO_JSON)
_FIRST_CHARS = "-+;{"
_JSON_CLOSING = re.compile(r"^\}[ \t]*$", re.MULTILINE)
_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s,\[\]{}]")


@dataclass
class FrontMatter:
    """What the front matter holds: its mapping, where it sits, and what went wrong.

    ``lines`` maps each top-level key to its 1-based line in the file.
    ``body_offset`` is the index in the text where the Markdown body starts and
    ``body_line`` the 0-based line it starts on. ``format`` is ``yaml``, ``toml``
    or ``json``.
    """

    mapping: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_offset: int = 0
    body_line: int = 0
    present: bool = False
    line_by_line: bool = False
    warnings: list[str] = field(default_factory=list)
    format: str = ""


@dataclass(frozen=True, slots=True)
class _Found:
    handler: BaseHandler
    raw: str
    raw_start: int
    body_offset: int


def _body_start(text: str, end: int) -> int:
    return end + 1 if text.startswith("\n", end) else end


def _find(text: str) -> _Found | None:
    """The front matter fence opening ``text`` and what it encloses, or ``None``."""
    if text.startswith("\ufeff"):  # a byte-order mark before the fence (``^`` fails after it)
        found = _find(text[1:])
        if found is None:
            return None
        return _Found(found.handler, found.raw, found.raw_start + 1, found.body_offset + 1)
    handler = _fm.detect_format(text[:8], HANDLERS)
    if handler is None:
        return None
    if handler is _HUGO_JSON:
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except (ValueError, RecursionError) as error:
            # One JSON value too deep to decode is front matter all the same (refused
            # later); else it is only if a lone ``}`` line closes it.
            deep_end = _json_end(text) if isinstance(error, RecursionError) else None
            closing = _JSON_CLOSING.search(text) if text.startswith("{\n") else None
            if deep_end is not None:
                end = deep_end
            elif closing is not None:
                end = closing.end()
            else:
                return None
        return _Found(handler, text[:end], 0, _body_start(text, end))
    assert handler.FM_BOUNDARY is not None
    opening = handler.FM_BOUNDARY.match(text)
    if opening is None or not text.startswith("\n", opening.end()):
        return None
    raw_start = opening.end() + 1
    closing = getattr(handler, "CLOSING", handler.FM_BOUNDARY).search(text, raw_start)
    if closing is None:
        return None
    raw = text[raw_start : closing.start()]
    return _Found(handler, raw, raw_start, _body_start(text, closing.end()))


def _json_end(text: str) -> int | None:
    """Where the JSON object opening ``text`` ends, found without recursing; None if never."""
    depth = 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def split(text: str) -> tuple[str, int, int] | None:
    """``(front matter text, body offset, body line)`` when ``text`` opens with one."""
    found = _find(text)
    if found is None:
        return None
    return found.raw, found.body_offset, _line_of(text, found.body_offset)


def _line_of(text: str, offset: int) -> int:
    line = text.count("\n", 0, offset)
    if offset == len(text) and text and not text.endswith("\n"):
        line += 1
    return line


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


def _toml_line_by_line(raw: str) -> dict[str, Any]:
    """The top-level ``key = value`` lines of broken TOML, each read on its own."""
    mapping: dict[str, Any] = {}
    for line in raw.split("\n"):
        if _TOML_TABLE.match(line):
            break  # keys below a ``[table]`` header are not top-level
        match = _TOML_KEY.match(line)
        if match is None:
            continue
        key = match[1].strip("\"'")
        try:
            mapping[key] = load_toml(f"v = {match[2]}")["v"]
        except tomllib.TOMLDecodeError:
            mapping[key] = _scalar_or_list(match[2]) or None
    return mapping


def _json_line_by_line(raw: str) -> dict[str, Any]:
    """The ``"key": value`` lines of broken JSON, each value read on its own."""
    mapping: dict[str, Any] = {}
    for line in raw.split("\n"):
        match = _JSON_KEY.match(line)
        if match is None:
            continue
        value = match[2].rstrip(",").strip()
        try:
            loaded = json.loads(value) if value else None
            if _too_deep(loaded):
                raise ValueError(_DEEP)
            mapping.setdefault(match[1], loaded)
        except (ValueError, RecursionError):
            mapping.setdefault(match[1], _scalar_or_list(value) or None)
    return mapping


def key_lines(raw: str, first_line: int) -> dict[str, int]:
    """Each top-level YAML key of ``raw`` and its 1-based line (``raw`` opens ``first_line``)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), first_line):
        if line[:1] not in ("", " ", "\t", "#", "-"):
            colon = line.find(":")
            if colon > 0:
                lines.setdefault(line[:colon].strip().strip("\"'"), number)
    return lines


def _toml_key_lines(raw: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    table = False
    for number, line in enumerate(raw.split("\n"), first_line):
        header = _TOML_TABLE.match(line)
        if header is not None:
            table = True
            lines.setdefault(header[1].split(".")[0].strip().strip("\"'"), number)
        elif not table and (match := _TOML_KEY.match(line)):
            lines.setdefault(match[1].strip("\"'"), number)
    return lines


def _json_key_lines(raw: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), first_line):
        for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"[ \t]*:', line):
            lines.setdefault(match[1], number)
    return lines


def describe_error(error: Exception, first_line: int = 2) -> str:
    """A YAML/TOML/JSON error in one short line, its line counted from ``first_line``
    (front matter starts on the line after its ``---``; a whole file on line 1)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or getattr(error, "context", None)
    if isinstance(error, yaml.YAMLError) and problem:
        where = f" at line {mark.line + first_line}" if mark is not None else ""
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


def _lenient(handler: BaseHandler, raw: str) -> dict[str, Any]:
    if handler is _TOML:
        return _toml_line_by_line(raw)
    if handler in (_JSON, _HUGO_JSON):
        return _json_line_by_line(raw)
    return read_line_by_line(raw)


def _load(handler: BaseHandler, raw: str) -> Any:
    if handler is _HUGO_JSON:
        return json.loads(raw)
    if handler is _JSON and not raw.lstrip().startswith("{"):
        return handler.load("{" + raw + "}")  # Hexo: the members, without braces
    return handler.load(raw)


def parse(text: str) -> FrontMatter:
    """Find and read the front matter at the start of ``text`` (newlines already ``\\n``)."""
    head = text[1:2] if text.startswith("\ufeff") else text[:1]
    if not head or head not in _FIRST_CHARS:
        return FrontMatter()
    found = _find(text)
    if found is None:
        return FrontMatter()
    handler, raw = found.handler, found.raw
    kind = str(getattr(handler, "name", "YAML"))
    result = FrontMatter(
        body_offset=found.body_offset,
        body_line=_line_of(text, found.body_offset),
        present=True,
        format=kind.lower(),
    )
    if not raw.strip() or (handler is _HUGO_JSON and raw.strip() == "{}"):
        return result
    refusal = _too_risky(raw) if handler is _YAML else None
    if refusal is None and len(raw) > MAX_YAML_CHARS:
        refusal = f"is too large to read as {kind}"
    if refusal is not None:
        result.warnings.append(f"front matter {refusal}; fields read line by line")
        result.mapping = _lenient(handler, raw)
        result.line_by_line = True
    else:
        try:
            loaded = _load(handler, raw)
            deep = _too_deep(loaded)
            if deep is not None:
                raise _TooComplex(deep)
        except Exception as error:  # noqa: BLE001 - YAML, dates, recursion: all mean "broken"
            if isinstance(error, _TooComplex):
                problem = f"front matter {error}"
            elif isinstance(error, RecursionError) or str(error).endswith(_DEEP):
                problem = f"front matter {_DEEP}"
            elif "!!python" in raw or "!<tag:yaml.org,2002:python" in raw:
                problem = (
                    f"front matter is not valid {kind} "
                    "(it uses a Python object tag, which is never executed)"
                )
            else:
                problem = f"front matter is not valid {kind} ({describe_error(error)})"
            result.warnings.append(f"{problem}; fields read line by line")
            result.mapping = _lenient(handler, raw)
            result.line_by_line = True
        else:
            if isinstance(loaded, dict):
                result.mapping = {str(k): v for k, v in loaded.items() if isinstance(k, str | int)}
            elif loaded is not None:
                # ``---`` used as a rule above plain text: not front matter after all.
                return FrontMatter()
    first_line = text.count("\n", 0, found.raw_start) + 1
    if handler is _TOML:
        result.lines = _toml_key_lines(raw, first_line)
    elif handler in (_JSON, _HUGO_JSON):
        lines = _json_key_lines(raw, first_line)
        result.lines = {key: lines[key] for key in result.mapping if key in lines}
    else:
        result.lines = key_lines(raw, first_line)
    return result
