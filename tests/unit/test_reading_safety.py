"""Nothing a repository or a config file holds makes adrtui recurse or expand without bound.

Front matter, ``.log4brains.yml``, ``.adrtui.toml``, ``pyproject.toml`` and the
user's ``config.toml`` all go through the same bounded loaders: nesting beyond
:data:`~adrtui.domain.parsing.frontmatter.MAX_DEPTH` and YAML aliases that expand
too far are refused with a message, never a ``RecursionError`` or a memory blow-up.
Anything that could blow up runs in a child under a memory cap (``run_capped``).
"""

from __future__ import annotations

import json
import os
import time
import tomllib
from pathlib import Path

import pytest
import yaml

from adrtui.domain.collection import records as cache_module
from adrtui.domain.collection.discovery import find_adr_dir, scan
from adrtui.domain.collection.records import load_records
from adrtui.domain.collection.settings import load_settings
from adrtui.domain.files.cache import folder_cache_dir
from adrtui.domain.parsing import frontmatter, parse_bytes, parse_file
from adrtui.domain.parsing.frontmatter import MAX_DEPTH, load_toml, load_yaml, nesting_depth
from adrtui.domain.relations.resolve import resolve_links
from adrtui.ui.config import load_config
from tests.hostile.capped import assert_clean, run_capped
from tests.hostile.corpus import LAUGHS

DEPTHS = (500, 2_000, 100_000)


def _yaml_flow(depth: int) -> str:
    return "---\nstatus: accepted\ndeep: " + "[" * depth + "]" * depth + "\n---\n# Deep\n"


def _toml_arrays(depth: int) -> str:
    return "+++\nstatus = 'accepted'\ndeep = " + "[" * depth + "]" * depth + "\n+++\n# Deep\n"


def _toml_dotted(depth: int) -> str:
    # Dotted keys build nested tables without recursion: only a depth check catches them.
    return "+++\nstatus = 'accepted'\n" + ".".join(["a"] * depth) + " = 1\n+++\n# Deep\n"


def _toml_inline(depth: int) -> str:
    nested = "{a = " * depth + "1" + "}" * depth
    return "+++\nstatus = 'accepted'\ndeep = " + nested + "\n+++\n# Deep\n"


def _json(depth: int) -> str:
    return '{\n"status": "accepted", "deep": ' + "[" * depth + "]" * depth + "\n}\n\n# Deep\n"


def _json_one_line(depth: int) -> str:
    return '{"status": "accepted", "deep": ' + "[" * depth + "]" * depth + "}\n\n# Deep\n"


def _yaml_block(depth: int) -> str:
    lines = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(min(depth, 200)))
    return "---\nstatus: accepted\ndeep:\n" + lines + "---\n# Deep\n"


MAKERS = [_yaml_flow, _yaml_block, _toml_arrays, _toml_dotted, _toml_inline, _json, _json_one_line]


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("make", MAKERS, ids=lambda make: make.__name__.strip("_"))
def test_deep_front_matter_is_a_warning_and_never_kept(make, depth: int) -> None:
    adr = parse_bytes(make(depth).encode(), Path("/r/0001-deep.md"), Path("/r"))
    assert any("front matter" in warning for warning in adr.warnings), adr.warnings
    assert nesting_depth(dict(adr.front_matter)) <= MAX_DEPTH
    assert adr.title == "Deep"  # the body is found after the refused front matter


def test_front_matter_nested_within_the_bound_still_loads() -> None:
    text = "+++\nstatus = 'accepted'\n" + ".".join(["a"] * 10) + " = 1\n+++\n# Fine\n"
    adr = parse_bytes(text.encode(), Path("/r/0001-fine.md"), Path("/r"))
    assert adr.warnings == ()
    assert adr.status == "accepted"


@pytest.mark.parametrize("make", [_toml_dotted, _json, _toml_inline], ids=["toml", "json", "tbl"])
def test_deep_front_matter_is_listed_and_cached_without_recursing(
    tmp_path: Path, make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 500 levels the loaders succeed; the cache must not recurse through the result."""
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-deep.md").write_text(make(500), encoding="utf-8")
    (folder / "0002-plain.md").write_text("# Plain\n", encoding="utf-8")
    past = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (past, past))
    for _ in range(2):  # cold, then warm from the cache
        adrs = load_records(folder, scan(folder).files, parse_file, resolve=resolve_links)
        assert [a.title for a in adrs] == ["Deep", "Plain"]
        assert adrs[0].warnings
    assert (folder_cache_dir(folder) / cache_module.RECORDS_FILE).is_file()


def test_the_cache_copy_of_a_value_is_bounded_in_depth_and_size() -> None:
    deep: list = []
    for _ in range(50_000):
        deep = [deep]
    with pytest.raises(cache_module._Unsupported):
        cache_module._plain(deep)
    shared: list = ["lol"] * 9  # "billion laughs" once loaded: one list shared 9**9 times
    for _ in range(9):
        shared = [shared] * 9
    with pytest.raises(cache_module._Unsupported):
        cache_module._plain(shared)
    assert cache_module._plain({"a": [1, (2, 3)], "b": {"c"}}) == {"a": [1, (2, 3)], "b": {"c"}}


# -- every YAML and TOML load is bounded ---------------------------------------------------


def test_load_yaml_refuses_laughs_and_depth() -> None:
    for text in (
        LAUGHS,
        "a: " + "[" * 1000 + "]" * 1000,
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)),
    ):
        with pytest.raises(yaml.YAMLError, match="expand|nests|aliases"):
            load_yaml(text)
    assert load_yaml("project:\n  adrFolder: docs/adr\n") == {"project": {"adrFolder": "docs/adr"}}


@pytest.mark.parametrize("depth", DEPTHS)
def test_load_toml_refuses_depth_as_a_toml_error(depth: int) -> None:
    for text in ("a = " + "[" * depth + "]" * depth, ".".join(["a"] * depth) + " = 1"):
        with pytest.raises(tomllib.TOMLDecodeError, match=f"nests more than {MAX_DEPTH}"):
            load_toml(text)


LOG4BRAINS = "project:\n  adrFolder: docs/adr\n"


@pytest.mark.parametrize(
    "hostile",
    [LAUGHS.removeprefix("---\n"), "x: " + "[" * 100_000 + "]" * 100_000 + "\n"],
    ids=["laughs", "deep"],
)
def test_a_hostile_log4brains_file_is_refused_not_loaded(tmp_path: Path, hostile: str) -> None:
    """Discovery runs before every command: a crash here (RecursionError) broke them all."""
    (tmp_path / "repo" / "docs" / "adr").mkdir(parents=True)
    (tmp_path / "repo" / ".log4brains.yml").write_text(LOG4BRAINS + hostile, encoding="utf-8")
    code = (
        "import sys; from adrtui.domain.collection.discovery import find_adr_dir; "
        "print(find_adr_dir(sys.argv[1]).how)"
    )
    done = run_capped([str(tmp_path / "repo")], tmp_path, code=code, timeout=60)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.strip() == b"docs/adr"  # found by its conventional name instead


def test_a_plain_log4brains_file_still_names_the_folder(tmp_path: Path) -> None:
    (tmp_path / "repo" / "records").mkdir(parents=True)
    (tmp_path / "repo" / ".log4brains.yml").write_text(
        "project:\n  adrFolder: ./records\n", encoding="utf-8"
    )
    assert find_adr_dir(tmp_path / "repo").how == ".log4brains.yml"


def _deep_toml(depth: int = 500) -> str:
    return "x = " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("name", [".adrtui.toml", "pyproject.toml"])
@pytest.mark.parametrize("depth", [500, 100_000])
def test_deep_repository_settings_are_a_problem_naming_the_file(
    tmp_path: Path, name: str, depth: int
) -> None:
    head = "[tool.adrtui]\n" if name == "pyproject.toml" else ""
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(head + _deep_toml(depth), encoding="utf-8")
    settings = load_settings(tmp_path)
    assert len(settings.problems) == 1
    assert name in settings.problems[0] and "nests more than" in settings.problems[0]
    assert "using the defaults" in settings.problems[0]


@pytest.mark.parametrize("depth", [500, 100_000])
def test_a_deep_user_config_is_a_problem_and_the_defaults_apply(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "gruvbox"\n' + _deep_toml(depth), encoding="utf-8")
    config = load_config(path)
    assert config.theme is None and config.keymap == {}
    assert len(config.problems) == 1
    assert str(path) in config.problems[0] and "using the default settings" in config.problems[0]


def test_cli_carries_on_with_deep_settings_and_deep_front_matter(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = repo / "docs" / "adr"
    folder.mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / ".adrtui.toml").write_text(_deep_toml(), encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(_deep_toml(), encoding="utf-8")
    for number, make in enumerate(MAKERS, 1):
        (folder / f"{number:04d}-deep.md").write_text(make(2_000), encoding="utf-8")
    listed = run_capped(["list", "--json"], tmp_path, cwd=repo)
    assert listed.returncode == 0, listed.stderr.decode()[-2000:]
    assert_clean(listed)
    records = json.loads(listed.stdout)
    assert len(records) == len(MAKERS)
    assert all(record["warnings"] for record in records)
    assert b".adrtui.toml" in listed.stderr and b"nests more than" in listed.stderr
    for args in (["show", "1"], ["show", "3", "--json"], ["index"], ["search", "deep"]):
        done = run_capped(args, tmp_path, cwd=repo)
        assert done.returncode == 0, (args, done.stderr.decode()[-2000:])
        assert_clean(done)


def test_frontmatter_parse_never_raises_on_deep_json_in_one_line() -> None:
    front = frontmatter.parse(_json_one_line(100_000).removesuffix("\n\n# Deep\n"))
    assert front.present and front.warnings


def test_the_apps_loading_lists_deep_front_matter_with_warnings(tmp_path: Path) -> None:
    from adrtui.ui.services.loading import read_collection

    folder = tmp_path / "adr"
    folder.mkdir()
    for number, make in enumerate(MAKERS, 1):
        (folder / f"{number:04d}-deep.md").write_text(make(2_000), encoding="utf-8")
    for _ in range(2):  # cold, then from the record cache
        collection = read_collection(folder)
        assert len(collection.adrs) == len(MAKERS)
        assert all(adr.warnings and adr.title == "Deep" for adr in collection.adrs)
