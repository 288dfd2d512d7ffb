"""The repository's ``.adrtui.toml`` in the browser: status colours, problems, the watcher.

The domain reads the settings (:mod:`adrtui.domain.collection.settings`) and checks only
the shape of a colour; Rich decides whether it is one. Here each colour is
turned into a Rich :class:`~rich.style.Style` once per collection
(:func:`status_styles`), because the list draws a status badge per visible
row on every keystroke and must not parse colours there. A colour Rich cannot
parse is dropped and reported with the settings' own problems.

``NO_COLOR`` needs nothing here: Textual filters every colour out of what it
draws, these included, and the status word still says what it is.

:func:`show_settings` is the one call the browser screen makes when a
collection arrives: it hands the styles to the panes and the settings to the
folder watcher, and shows a broken settings file once (not on every reload).
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.color import Color
from rich.style import Style

from adrtui.domain.collection import Collection, Settings, StatusColour
from adrtui.domain.model import CANONICAL_STATUSES
from adrtui.ui.theme import Palette

#: How long the "settings are broken" notification stays (it may list several problems).
NOTICE_SECONDS = 12
_SHORT_HEX = re.compile(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$")


@dataclass(eq=False)
class StatusStyles:
    """The repository's status colours as Rich styles, looked up per record cheaply.

    ``style_for`` remembers its answer per ``(status as written, status)``
    pair: a collection has a handful of distinct pairs, so after the first row
    each lookup is one dict access.
    """

    settings: Settings
    styles: Mapping[str, Style]
    problems: tuple[str, ...] = ()
    _memo: dict[tuple[str | None, str | None], Style | None] = field(
        default_factory=dict, repr=False
    )

    def style_for(self, status_raw: str | None, status: str | None) -> Style | None:
        """The repository's style for a record's status, or ``None`` (use the theme's).

        The word as written wins over the canonical status, so ``implemented``
        can look different from a plain ``accepted``.
        """
        key = (status_raw, status)
        try:
            return self._memo[key]
        except KeyError:
            pass
        style = None
        for word in (status_raw, status):
            colour = self.settings.colour_of(word)
            if colour is not None:
                style = self.styles.get(_colour_key(colour))
                if style is not None:
                    break
        if len(self._memo) > 4096:  # statuses written as free text: keep it bounded
            self._memo.clear()
        self._memo[key] = style
        return style


def _colour_key(colour: StatusColour) -> str:
    return f"{colour.colour}|{colour.background}|{colour.bold}"


def _rich_colour(text: str | None) -> Color | None:
    """``text`` as a Rich colour (``#rgb`` widened to ``#rrggbb``); raises when it is none."""
    if text is None:
        return None
    match = _SHORT_HEX.match(text)
    if match:
        text = "#" + "".join(digit * 2 for digit in match.groups())
    return Color.parse(text)


def build_status_styles(settings: Settings) -> StatusStyles | None:
    """Styles for the settings' colours, or ``None`` when the repository gives none."""
    if not settings.colours:
        return None
    label = str(settings.source) if settings.source is not None else "settings"
    styles: dict[str, Style] = {}
    problems: list[str] = []
    for word, colour in settings.colours.items():
        key = _colour_key(colour)
        if key in styles:
            continue
        try:
            style = Style(
                color=_rich_colour(colour.colour),
                bgcolor=_rich_colour(colour.background),
                bold=colour.bold or None,
            )
        except Exception:  # noqa: BLE001 - Rich's parse errors vary; any of them means "not a colour"
            shown = " on ".join(c for c in (colour.colour, colour.background) if c)
            problems.append(f"{label}: [colours] {word!r}: {shown!r} is not a colour; ignored")
            continue
        styles[key] = style
    return StatusStyles(settings, styles, tuple(problems))


_LAST: list[tuple[Settings, StatusStyles | None]] = []
_PALETTES: dict[tuple[int, int], tuple[Palette, StatusStyles, Palette]] = {}


def with_status_styles(palette: Palette, styles: StatusStyles | None) -> Palette:
    """``palette`` with the repository's colours for the canonical statuses.

    For what knows only a record's canonical status (the relations pane); the
    list and the detail header also honour the word as written.
    """
    if styles is None:
        return palette
    key = (id(palette), id(styles))
    cached = _PALETTES.get(key)
    if cached is not None and cached[0] is palette and cached[1] is styles:
        return cached[2]
    statuses = dict(palette.statuses)
    for status in CANONICAL_STATUSES:
        style = styles.style_for(None, status)
        if style is not None:
            statuses[status] = style
    merged = dataclasses.replace(palette, statuses=statuses)
    if len(_PALETTES) > 16:
        _PALETTES.clear()
    _PALETTES[key] = (palette, styles, merged)
    return merged


def status_styles(settings: Settings) -> StatusStyles | None:
    """:func:`build_status_styles`, the same object again while the settings are equal.

    A reload reads the settings file anew; when it says the same, the panes
    get the very same styles and need not redraw.
    """
    if _LAST and (_LAST[0][0] is settings or _LAST[0][0] == settings):
        return _LAST[0][1]
    styles = build_status_styles(settings)
    _LAST[:] = [(settings, styles)]
    return styles


def problems_of(settings: Settings) -> tuple[str, ...]:
    """Everything wrong with the settings: the domain's findings and unusable colours."""
    styles = status_styles(settings)
    return settings.problems + (styles.problems if styles is not None else ())


#: Per screen, the problems last shown (so a reload of the same broken file is quiet).
_SHOWN: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()


def show_settings(screen: Any, collection: Collection, refused: tuple[str, ...] = ()) -> None:
    """Apply ``collection.settings`` to the browser ``screen``; say once if they are broken.

    ``screen`` is the main screen: its ``adr_list`` and ``detail`` panes take
    the status styles and its folder watcher the settings (which files are
    ADRs). Problems are notified when they differ from the last ones shown,
    so the same broken file is reported once, and again only after it was
    fixed and broken anew. ``refused``: the repository's marker files that were not
    used (:attr:`~adrtui.domain.collection.Discovery.refused`), shown with them.
    """
    settings = collection.settings
    styles = status_styles(settings)
    screen.adr_list.use_status_styles(styles)
    screen.detail.use_status_styles(styles)
    screen.relations.use_status_styles(styles)
    from adrtui.ui.services.live_reload import FolderWatcher

    for watcher in screen.query(FolderWatcher):
        watcher.settings = settings
    problems = problems_of(settings) + refused
    if problems == _SHOWN.get(screen, ()):
        return
    _SHOWN[screen] = problems
    if problems:
        screen.notify(
            "\n".join(problems),
            title="Repository settings",
            severity="warning",
            timeout=NOTICE_SECONDS,
            markup=False,
        )
