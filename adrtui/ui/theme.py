"""Colours derived from the active Textual theme, so every theme (light or dark) works.

Status badges are drawn as a word on a coloured background with a contrasting
text colour computed from that background, so they stay readable in light and
dark themes, and the word itself carries the meaning when ``NO_COLOR`` turns
everything grey. Rendered Markdown gets a Rich theme built from the same colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from rich.theme import Theme
from textual.color import Color

#: Which theme variable colours each status's badge. Others get the neutral panel colour.
STATUS_COLOURS: Mapping[str, str] = {
    "accepted": "success",
    "proposed": "warning",
    "draft": "secondary",
    "rejected": "error",
    "superseded": "primary",
    "deprecated": "muted",
}


def _colour(variables: Mapping[str, str], name: str, fallback: str) -> Color:
    try:
        return Color.parse(variables.get(name) or fallback)
    except Exception:  # a theme with an odd value must not break drawing
        return Color.parse(fallback)


@dataclass(frozen=True)
class Palette:
    """Rich styles for everything the browser draws itself (badges, hits, Markdown)."""

    statuses: Mapping[str, Style]
    unknown_status: Style
    hit: Style
    current_hit: Style
    muted: Style
    warning: Style
    broken: Style
    link: Style
    dark: bool
    markdown: Theme

    def status(self, status: str | None) -> Style:
        return self.statuses.get(status or "", self.unknown_status)

    @property
    def code_theme(self) -> str:
        return "monokai" if self.dark else "friendly"


def _badge(background: Color) -> Style:
    return Style(
        color=background.get_contrast_text(1.0).rich_color,
        bgcolor=background.rich_color,
        bold=True,
    )


def build_palette(variables: Mapping[str, str], dark: bool) -> Palette:
    """The palette for a theme, from ``App.theme_variables`` and ``App.current_theme.dark``."""
    background = _colour(variables, "background", "#1e1e1e" if dark else "#f5f5f5")
    foreground = _colour(variables, "foreground", "#e0e0e0" if dark else "#202020")
    primary = _colour(variables, "primary", "#0178d4")
    accent = _colour(variables, "accent", "#ffa62b")
    panel = _colour(variables, "panel", "#2c2c2c" if dark else "#dddddd")
    muted = background.blend(foreground, 0.55)
    colours = {
        "success": _colour(variables, "success", "#4ebf71"),
        "warning": _colour(variables, "warning", "#ffa62b"),
        "error": _colour(variables, "error", "#ba3c5b"),
        "primary": primary,
        "secondary": _colour(variables, "secondary", "#004578"),
        "muted": background.blend(foreground, 0.35),
    }
    statuses = {status: _badge(colours[name]) for status, name in STATUS_COLOURS.items()}
    warning = colours["warning"]
    heading = primary if not dark else primary.lighten(0.15)
    markdown = Theme(
        {
            "markdown.h1": Style(color=heading.rich_color, bold=True, underline=True),
            "markdown.h2": Style(color=heading.rich_color, bold=True),
            "markdown.h3": Style(color=heading.rich_color, bold=True, italic=True),
            "markdown.h4": Style(color=foreground.rich_color, bold=True, italic=True),
            "markdown.h5": Style(color=foreground.rich_color, italic=True),
            "markdown.h6": Style(color=muted.rich_color, italic=True),
            "markdown.link": Style(color=accent.rich_color, underline=True),
            "markdown.link_url": Style(color=accent.rich_color, underline=True),
            "markdown.code": Style(color=accent.rich_color, bgcolor=panel.rich_color),
            "markdown.block_quote": Style(color=muted.rich_color, italic=True),
            "markdown.hr": Style(color=muted.rich_color),
            "markdown.item.bullet": Style(color=primary.rich_color, bold=True),
            "markdown.item.number": Style(color=primary.rich_color, bold=True),
            "markdown.table.border": Style(color=muted.rich_color),
            "markdown.table.header": Style(color=foreground.rich_color, bold=True),
        },
        inherit=True,
    )
    return Palette(
        statuses=statuses,
        unknown_status=Style(
            color=panel.get_contrast_text(1.0).rich_color, bgcolor=panel.rich_color
        ),
        hit=Style(color=warning.get_contrast_text(1.0).rich_color, bgcolor=warning.rich_color),
        current_hit=Style(
            color=accent.get_contrast_text(1.0).rich_color,
            bgcolor=accent.rich_color,
            bold=True,
            underline=True,
        ),
        muted=Style(color=muted.rich_color),
        warning=Style(color=warning.rich_color),
        broken=Style(color=colours["error"].rich_color, strike=True),
        link=Style(color=accent.rich_color, underline=True),
        dark=dark,
        markdown=markdown,
    )


_PALETTES: dict[tuple[int, str], Palette] = {}


def palette_for(app: object) -> Palette:
    """The palette of ``app``'s current theme (cached per app and theme name)."""
    theme_name = str(getattr(app, "theme", ""))
    key = (id(app), theme_name)
    palette = _PALETTES.get(key)
    if palette is None:
        current = getattr(app, "current_theme", None)
        try:
            assert current is not None
            variables = {**current.to_color_system().generate(), **current.variables}
        except Exception:  # an unusual theme object: fall back to the app's variables
            variables = dict(getattr(app, "theme_variables", {}) or {})
        dark = bool(getattr(current, "dark", True))
        palette = build_palette(variables, dark)
        if len(_PALETTES) > 64:
            _PALETTES.clear()
        _PALETTES[key] = palette
    return palette
