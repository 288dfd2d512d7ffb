"""A repository's own word on its ADRs: ``.adrtui.toml`` (or ``[tool.adrtui]``).

adrtui guesses where ADRs live, which files are ADRs, what a status word means
and where the number is. A repository that knows better says so once, in an
optional file at its root, and every front end (CLI, browser) reads it the same
way::

    # .adrtui.toml                      (or [tool.adrtui] in pyproject.toml)
    folders = ["docs/decisions"]        # the ADR folders, from this file's folder
    ignore = ["**/drafts/**"]           # globs of files that are not ADRs
    number = 'RFC-(\\d+)'               # one group: the number in the file name

    [statuses]                          # extra status words -> canonical status
    implemented = "accepted"

    [colours]                           # a colour per status word (or "colors")
    implemented = "green"
    rejected = { colour = "white", background = "red", bold = true }

Why it is forgiving: a settings file must never stop anyone from reading their
decisions. Absent, everything works as without it. Broken (not TOML, a wrong
type, a bad regex), each broken setting is reported in :attr:`Settings.problems`
and falls back to its default, while the settings that are fine still apply.

Why the search stops at the repository root: the file is the repository's, so
it is looked for from the given folder upwards to the first folder holding
``.git``, and never above the user's home directory or the filesystem root.
Nothing outside that walk is read.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from adrtui.domain.files import read_regular
from adrtui.domain.model import CANONICAL_STATUSES, Adr, FieldSource
from adrtui.domain.parsing import load_toml

#: The settings file's name, looked for in each folder from the start upwards.
SETTINGS_FILE = ".adrtui.toml"
#: The Python project file whose ``[tool.adrtui]`` table is read the same way.
PYPROJECT_FILE = "pyproject.toml"
#: The keys a settings table may hold (``colors`` is an alias of ``colours``).
KNOWN_KEYS: tuple[str, ...] = ("folders", "ignore", "statuses", "colours", "number")
#: How many folders upwards the search goes at most (deep trees end sooner at ``.git``).
MAX_LEVELS = 40
#: A settings file larger than this is not a settings file (a stray dump): it is refused.
MAX_BYTES = 256 * 1024

_COLOUR = re.compile(
    r"^(?:#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z][a-zA-Z0-9_]*"
    r"|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$"
)


@dataclass(frozen=True, slots=True)
class StatusColour:
    """How the UI should paint one status word: a colour name or ``#rrggbb``.

    The names are Rich/Textual colour names (``green``, ``bright_red``,
    ``#5fafff``); the domain only checks their shape, the UI checks the rest.
    """

    colour: str | None = None
    background: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class Settings:
    """What a repository says about its ADRs; the defaults when it says nothing.

    ``source`` is the file the settings came from (``None``: no file found) and
    ``base`` the folder that relative ``folders`` and ``ignore`` globs start
    from (the file's folder). ``problems`` holds one message per setting that
    was broken and therefore left at its default.
    """

    source: Path | None = None
    base: Path | None = None
    folders: tuple[Path, ...] = ()
    ignore: tuple[str, ...] = ()
    statuses: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    colours: Mapping[str, StatusColour] = field(default_factory=lambda: MappingProxyType({}))
    number: re.Pattern[str] | None = None
    problems: tuple[str, ...] = ()

    @property
    def changes_records(self) -> bool:
        """True when loading must touch the parsed records (statuses or numbers)."""
        return bool(self.statuses) or self.number is not None

    def ignored_by(self, rel_path: str, from_base: str | None = None) -> str | None:
        """The ``ignore`` glob that matches this file, or ``None``.

        A glob is matched against the path from the ADR folder (``rel_path``)
        and from the settings file's folder (``from_base``); a glob without a
        ``/`` also matches the bare file name at any depth, as in ``.gitignore``.
        """
        name = rel_path.rsplit("/", 1)[-1]
        for pattern, compiled in zip(self.ignore, _compiled_globs(self.ignore), strict=True):
            if compiled.match(rel_path) or (from_base is not None and compiled.match(from_base)):
                return pattern
            if "/" not in pattern and compiled.match(name):
                return pattern
        return None

    def status_for(self, status: str | None, status_raw: str | None) -> str | None:
        """The canonical status a repository maps this status word to, or ``None``.

        The word is looked up as the parser read it and as it was written
        (lowercased, surrounding punctuation and emoji stripped).
        """
        if not self.statuses:
            return None
        for candidate in (_status_key(status_raw), _status_key(status)):
            if candidate and candidate in self.statuses:
                return self.statuses[candidate]
        return None

    def number_from(self, name: str) -> int | None:
        """The number the ``number`` pattern finds in a file or folder name, or ``None``."""
        if self.number is None:
            return None
        match = self.number.search(name)
        if match is None or match.group(1) is None:
            return None
        digits = re.sub(r"\D", "", match.group(1))
        return int(digits) if digits and len(digits) <= 18 else None

    def colour_of(self, status: str | None) -> StatusColour | None:
        """The repository's colour for a status word (canonical or its own), if any."""
        key = _status_key(status)
        return self.colours.get(key) if key else None


#: The settings of a repository that has none.
DEFAULT_SETTINGS = Settings()


def apply_settings(adrs: Iterable[Adr], settings: Settings) -> list[Adr]:
    """The records with the repository's status meanings and number pattern applied.

    Applied after parsing (and after the record cache), so editing the settings
    never needs a re-parse. A mapped status keeps its word as written in
    ``status_raw``; the number comes from the file name, or from the folder
    name for a README/index ADR, and stays the parser's when the pattern does
    not match. Each change is recorded in the record's provenance, so
    ``adrtui show --explain`` names the setting. Idempotent: applying twice
    gives the same records.
    """
    adrs = list(adrs)
    if not settings.changes_records:
        return adrs
    where = _settings_label(settings)
    changed: list[Adr] = []
    for adr in adrs:
        updates: dict[str, Any] = {}
        sources: list[FieldSource] = []
        status = settings.status_for(adr.status, adr.status_raw)
        if status is not None and status != adr.status:
            word = _status_key(adr.status_raw) or _status_key(adr.status)
            if word not in settings.statuses:
                word = _status_key(adr.status)
            updates["status"] = status
            if adr.status_raw is None:
                updates["status_raw"] = adr.status
            sources.append(_source(adr, "status", status, f"{where} [statuses] {word}"))
        if settings.number is not None:
            name = adr.path.name
            if _is_folder_adr(name):
                name = adr.path.parent.name
            number = settings.number_from(name)
            if number is not None and number != adr.number:
                updates["number"] = number
                sources.append(
                    _source(adr, "number", str(number), f"{where} number pattern on {name!r}")
                )
        if updates:
            kept = tuple(item for item in adr.provenance if item.field not in updates)
            updates["provenance"] = tuple(sources) + kept
            adr = dataclasses.replace(adr, **updates)
        changed.append(adr)
    return changed


def _source(adr: Adr, name: str, value: str, where: str) -> FieldSource:
    """The new source of a field, with the parser's own reading as the first rejected one."""
    old = next((item for item in adr.provenance if item.field == name), None)
    previous = getattr(adr, name)
    rejected: tuple[tuple[str, str], ...] = ()
    if old is not None:
        rejected = ((str(old.value), old.source), *old.rejected)
    elif previous is not None:
        rejected = ((str(previous), "the parser"),)
    return FieldSource(name, value, where, rejected)


def _is_folder_adr(name: str) -> bool:
    stem, _, _suffix = name.lower().rpartition(".")
    return stem in ("readme", "index")


def _settings_label(settings: Settings) -> str:
    if settings.source is None:
        return "settings"
    if settings.source.name == PYPROJECT_FILE:
        return f"{PYPROJECT_FILE} [tool.adrtui]"
    return settings.source.name


def find_settings_file(start: Path | str) -> tuple[Path, bool] | None:
    """``(path, is_pyproject)`` of the settings for ``start``, or ``None``.

    Walks from ``start`` upwards: in each folder ``.adrtui.toml`` first, then a
    ``pyproject.toml`` that has a ``[tool.adrtui]`` table. Stops after the first
    folder holding ``.git`` (the repository root), at the home directory and at
    the filesystem root.
    """
    try:
        current = Path(start).resolve()
    except (OSError, RuntimeError):
        return None
    if not current.is_dir():
        current = current.parent
    home = _home()
    for _ in range(MAX_LEVELS):
        candidate = current / SETTINGS_FILE
        if candidate.is_file():
            return candidate, False
        pyproject = current / PYPROJECT_FILE
        if pyproject.is_file() and _mentions_tool_table(pyproject):
            return pyproject, True
        if (current / ".git").exists() or current == home or current.parent == current:
            return None
        current = current.parent
    return None


def load_settings(start: Path | str | None) -> Settings:
    """The settings that apply to ``start`` (a repository root or an ADR folder).

    Never raises: a missing file gives :data:`DEFAULT_SETTINGS`, a broken one
    the defaults for whatever is broken, with :attr:`Settings.problems` saying
    what and where.
    """
    if start is None:
        return DEFAULT_SETTINGS
    found = find_settings_file(start)
    if found is None:
        return DEFAULT_SETTINGS
    path, is_pyproject = found
    label = f"{path} [tool.adrtui]" if is_pyproject else str(path)
    try:
        raw, _ = read_regular(path, MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return Settings(source=path, base=path.parent, problems=(f"{label}: too large",))
        data = load_toml(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return Settings(
            source=path,
            base=path.parent,
            problems=(f"{label}: not valid TOML ({exc}); using the defaults",),
        )
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return Settings(
            source=path,
            base=path.parent,
            problems=(f"{label}: cannot be read ({reason}); using the defaults",),
        )
    if is_pyproject:
        tool = data.get("tool")
        table = tool.get("adrtui") if isinstance(tool, dict) else None
        if table is None:
            return DEFAULT_SETTINGS
        if not isinstance(table, dict):
            return Settings(
                source=path,
                base=path.parent,
                problems=(f"{label}: must be a table; using the defaults",),
            )
        data = table
    return parse_settings(data, path.parent, source=path, label=label)


def parse_settings(
    data: Mapping[str, Any], base: Path, *, source: Path | None = None, label: str = ""
) -> Settings:
    """Settings from an already-parsed TOML table; ``base`` is where relative paths start."""
    label = label or str(source or SETTINGS_FILE)
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(f"{label}: {message}")

    folders = _folders(data.get("folders"), base, problem)
    ignore = _ignore(data.get("ignore"), problem)
    statuses = _statuses(data.get("statuses"), problem)
    colours_value = data.get("colours", data.get("colors"))
    if "colours" in data and "colors" in data:
        problem("both [colours] and [colors] are set; [colours] is used")
    colours = _colours(colours_value, problem)
    number = _number(data.get("number"), problem)
    for key in data:
        if key not in KNOWN_KEYS and key != "colors":
            close = difflib.get_close_matches(str(key), (*KNOWN_KEYS, "colors"), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(KNOWN_KEYS)
            problem(f"unknown setting {key!r} ({hint}); ignored")
    return Settings(
        source=source,
        base=base,
        folders=folders,
        ignore=ignore,
        statuses=MappingProxyType(statuses),
        colours=MappingProxyType(colours),
        number=number,
        problems=tuple(problems),
    )


def _folders(value: Any, base: Path, problem: Any) -> tuple[Path, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problem(f"folders must be a list of folder paths, not {_kind(value)}; using the default")
        return ()
    base_real = os.path.realpath(base)
    folders: list[Path] = []
    for text in value:
        relative = Path(text.strip())
        if not text.strip() or relative.is_absolute():
            problem(f"folders: {text!r} must be a path relative to {base}; skipped")
            continue
        folder = Path(os.path.realpath(base / relative))
        if not _is_within(str(folder), base_real):
            problem(f"folders: {text!r} leads outside {base}; skipped")
            continue
        if not folder.is_dir():
            problem(f"folders: {text!r} is not a folder; skipped")
            continue
        if folder not in folders:
            folders.append(folder)
    return tuple(folders)


def _ignore(value: Any, problem: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problem(f"ignore must be a list of glob patterns, not {_kind(value)}; using the default")
        return ()
    return tuple(v.strip().lstrip("/") for v in value)


def _statuses(value: Any, problem: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problem(f"[statuses] must be a table of word = status, not {_kind(value)}; ignored")
        return {}
    mapped: dict[str, str] = {}
    canonical = ", ".join(CANONICAL_STATUSES)
    for word, meaning in value.items():
        key = _status_key(word)
        target = meaning.strip().lower() if isinstance(meaning, str) else None
        if not key or target not in CANONICAL_STATUSES:
            problem(f"[statuses] {word!r} must map to one of {canonical}; ignored")
            continue
        mapped[key] = target
    return mapped


def _colours(value: Any, problem: Any) -> dict[str, StatusColour]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problem(f"[colours] must be a table of status = colour, not {_kind(value)}; ignored")
        return {}
    colours: dict[str, StatusColour] = {}
    for word, spec in value.items():
        key = _status_key(word)
        colour = _colour(spec)
        if not key or colour is None:
            problem(
                f"[colours] {word!r} must be a colour name, '#rrggbb', or a table "
                "{ colour = ..., background = ..., bold = true }; ignored"
            )
            continue
        colours[key] = colour
    return colours


def _colour(spec: Any) -> StatusColour | None:
    if isinstance(spec, str):
        return StatusColour(colour=spec.strip()) if _COLOUR.match(spec.strip()) else None
    if not isinstance(spec, dict) or not spec:
        return None
    if set(spec) - {"colour", "color", "background", "bold"}:
        return None
    colour = spec.get("colour", spec.get("color"))
    background = spec.get("background")
    bold = spec.get("bold", False)
    for text in (colour, background):
        if text is not None and not (isinstance(text, str) and _COLOUR.match(text.strip())):
            return None
    if not isinstance(bold, bool):
        return None
    return StatusColour(
        colour=colour.strip() if colour else None,
        background=background.strip() if background else None,
        bold=bold,
    )


def _number(value: Any, problem: Any) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        problem(f"number must be a regular expression (a string), not {_kind(value)}; ignored")
        return None
    try:
        compiled = re.compile(value)
    except re.error as exc:
        problem(f"number {value!r} is not a valid regular expression ({exc}); ignored")
        return None
    if compiled.groups != 1:
        problem(
            f"number {value!r} must have exactly one group, around the digits "
            f"(it has {compiled.groups}); ignored"
        )
        return None
    return compiled


def _status_key(word: str | None) -> str:
    """A status word as settings compare it: lowercased, spaces collapsed, ends trimmed."""
    if not word or not isinstance(word, str):
        return ""
    text = " ".join(word.lower().split())
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def _kind(value: Any) -> str:
    names = {
        bool: "a true/false value",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _is_within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (OSError, RuntimeError, KeyError):
        return None


def _mentions_tool_table(pyproject: Path) -> bool:
    """Cheap pre-check before parsing a project file that is mostly about other tools."""
    try:
        raw, _ = read_regular(pyproject, MAX_BYTES + 1)
    except OSError:
        return False
    return len(raw) <= MAX_BYTES and b"tool.adrtui" in raw


_GLOB_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], ...]] = {}


def _compiled_globs(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = _GLOB_CACHE.get(patterns)
    if compiled is None:
        compiled = tuple(re.compile(glob_to_regex(p)) for p in patterns)
        if len(_GLOB_CACHE) > 64:
            _GLOB_CACHE.clear()
        _GLOB_CACHE[patterns] = compiled
    return compiled


def glob_to_regex(pattern: str) -> str:
    """A ``/``-separated glob as a regex: ``**`` spans folders, ``*`` and ``?`` do not.

    ``**/`` at the start or middle also matches no folder at all, so
    ``**/drafts/**`` matches ``drafts/x.md`` as well as ``a/b/drafts/x.md``; a
    pattern ending in ``/`` matches everything under that folder.
    """
    if pattern.endswith("/"):
        pattern += "**"
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return "(?s:" + "".join(out) + r")\Z"
