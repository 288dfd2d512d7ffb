"""The user's settings file: remapped keys and a theme, in TOML.

The file is ``config.toml`` in the user config directory (platformdirs'
``adrtui`` folder, e.g. ``~/.config/adrtui``); ``ADRTUI_CONFIG_DIR`` points
elsewhere (tests, portable setups). Example::

    theme = "gruvbox"

    [keymap]
    search = "slash,f"        # binding id = comma-separated keys
    history-back = "h"

A broken file never stops the app: :func:`load_config` returns the defaults
plus messages saying what was wrong, and the app shows them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from adrtui.domain.collection import MAX_BYTES
from adrtui.domain.files import read_regular
from adrtui.domain.parsing import load_toml

CONFIG_FILE_NAME = "config.toml"


def config_dir() -> Path:
    override = os.environ.get("ADRTUI_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("adrtui", appauthor=False))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE_NAME


@dataclass
class Config:
    """Settings read from the file; defaults when the file is missing or broken."""

    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    #: Problems found in the file, one sentence each, for the user.
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def load_config(path: Path | None = None, *, binding_ids: Collection[str] | None = None) -> Config:
    """Read the config file. Unknown binding ids and bad values become ``problems``."""
    path = path or config_path()
    config = Config(path=path)
    try:
        raw, _ = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        return config
    except OSError as error:
        config.problems.append(f"cannot read {path}: {error.strerror or error}")
        return config
    if len(raw) > MAX_BYTES:
        config.problems.append(f"{path} is too large; using the default settings")
        return config
    try:
        data = load_toml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        config.problems.append(f"{path} is not UTF-8 text; using the default settings")
        return config
    except tomllib.TOMLDecodeError as error:
        config.problems.append(f"{path} is not valid TOML ({error}); using the default settings")
        return config

    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()
        else:
            config.problems.append(f"{path}: 'theme' must be a theme name (a string)")

    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        config.problems.append(f'{path}: [keymap] must be a table of binding-id = "keys"')
        return config
    for binding_id, keys in keymap.items():
        if binding_ids is not None and binding_id not in binding_ids:
            config.problems.append(
                f"{path}: unknown binding id {binding_id!r} in [keymap] "
                "(the help screen, '?', lists the ids)"
            )
            continue
        if not isinstance(keys, str) or not keys.strip():
            config.problems.append(
                f'{path}: [keymap] {binding_id} must be a string of keys, like "ctrl+f,slash"'
            )
            continue
        config.keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return config
