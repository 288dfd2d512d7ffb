"""Inline HTML and images in an ADR's Markdown, as tokens Rich draws (see :mod:`.html`).

``<br>`` becomes a line break, ``<img>`` and Markdown images a visible
``[image: alt] (path)`` placeholder, ``<b>``/``<i>``/``<code>``/``<a href>`` their
Markdown styles and links, and any other tag goes while its text stays. Style
tags are kept balanced, so an unmatched ``</b>`` never restyles the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Literal

from markdown_it.token import Token

#: The elements of HTML (and SVG/MathML roots): any other lowercase tag is a placeholder.
HTML_ELEMENTS = frozenset(
    {
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base",
        "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas",
        "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd",
        "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed",
        "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i",
        "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "listing",
        "main", "map", "mark", "marquee", "math", "menu", "meta", "meter", "nav", "nobr",
        "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
        "plaintext", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script",
        "search", "section", "select", "slot", "small", "source", "span", "strike",
        "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track",
        "tt", "u", "ul", "var", "video", "wbr", "xmp",
    }
)  # fmt: skip
#: Inline tags drawn with a Markdown style (Rich styles these by the token's tag).
_STYLE_TAGS = {
    "b": "strong",
    "strong": "strong",
    "i": "em",
    "em": "em",
    "cite": "em",
    "s": "s",
    "del": "s",
    "strike": "s",
    "code": "code",
    "kbd": "code",
    "tt": "code",
}
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)")


def image_text(src: str, alt: str) -> str:
    """The placeholder shown for an image: ``[image: alt] (path)``."""
    alt = _SPACE.sub(" ", alt).strip()
    src = src.strip()
    if src.startswith("data:"):
        src = src[: src.find(",")] if "," in src[:80] else src[:40]
        src += ",…"
    label = f"[image: {alt}]" if alt else "[image]"
    return f"{label} ({src})" if src else label


def make_token(
    kind: str,
    tag: str,
    nesting: Literal[-1, 0, 1],
    *,
    content: str = "",
    markup: str = "",
    attrs: dict[str, str | int | float] | None = None,
    children: list[Token] | None = None,
) -> Token:
    """A markdown-it token as the parser would make it (what Rich's renderer reads)."""
    return Token(
        kind, tag, nesting, content=content, markup=markup, attrs=attrs or {}, children=children
    )


def text_token(content: str) -> Token:
    return make_token("text", "", 0, content=content)


def image_tokens(src: str, alt: str) -> list[Token]:
    """An image as an italic placeholder (a text a search and a reader can find)."""
    return [
        make_token("em_open", "em", 1, markup="*"),
        text_token(image_text(src, alt)),
        make_token("em_close", "em", -1, markup="*"),
    ]


class InlineStyles:
    """Open/close tokens for inline HTML tags, always balanced.

    A close tag without its open one is dropped; what is still open at the end
    of the run is closed there (Rich would otherwise style the rest of the
    document, or fail on an unmatched close).
    """

    def __init__(self) -> None:
        self.open: list[tuple[str, str]] = []  # (html tag, markdown tag)

    def start(self, tag: str, attrs: dict[str, str | None], out: list[Token]) -> bool:
        """Emit the open token for ``tag``; False when it is not a styling tag."""
        if tag == "a":
            href = attrs.get("href")
            if not href:
                return True  # an anchor (``<a name>``): its text flows on
            out.append(make_token("link_open", "a", 1, attrs={"href": href}))
            self.open.append(("a", "a"))
            return True
        kind = _STYLE_TAGS.get(tag)
        if kind is None:
            return False
        out.append(make_token(f"{kind}_open", kind, 1))
        self.open.append((tag, kind))
        return True

    def end(self, tag: str, out: list[Token]) -> bool:
        if tag != "a" and tag not in _STYLE_TAGS:
            return False
        if not any(name == tag for name, _ in self.open):
            return True
        while self.open:
            name, kind = self.open.pop()
            out.append(close_token(kind))
            if name == tag:
                break
        return True

    def close_all(self, out: list[Token]) -> None:
        while self.open:
            out.append(close_token(self.open.pop()[1]))


def close_token(kind: str) -> Token:
    return make_token("link_close" if kind == "a" else f"{kind}_close", kind, -1)


def convert_inline(children: Iterable[Token]) -> list[Token]:
    """An inline run with its HTML tags and images made visible (``<br>``, ``<img>``, ``<b>``…)."""
    out: list[Token] = []
    styles = InlineStyles()
    after_break = False
    children = list(children)
    closed = {
        match.group(2).lower()
        for child in children
        if child.type == "html_inline" and (match := _TAG.match(child.content)) and match.group(1)
    }
    for child in children:
        kind = child.type
        if kind == "image":
            alt = "".join(c.content for c in child.children or ()) or child.content
            out.extend(image_tokens(str(child.attrs.get("src", "")), alt))
        elif kind == "html_inline":
            _inline_tag(child.content, styles, out, closed)
            if out and out[-1].type == "hardbreak":
                after_break = True
                continue
        elif kind == "softbreak" and after_break:
            pass  # ``<br>`` at the end of a line: one break, no leading space
        else:
            out.append(child)
        after_break = False
    styles.close_all(out)
    return out


def is_placeholder(name: str, *, closed: bool) -> bool:
    """``<module>``, ``<tipo>``, ``<module-name>``: a lowercase word no HTML knows is prose.

    Components (``<Tabs>``, MDX) and custom elements that are closed
    (``<custom-note>…</custom-note>``) are markup: their tags go, their text stays.
    """
    return name.islower() and name not in HTML_ELEMENTS and ("-" not in name or not closed)


def _inline_tag(html: str, styles: InlineStyles, out: list[Token], closed: set[str]) -> None:
    match = _TAG.match(html)
    if match is None:  # a comment, a declaration, a processing instruction
        return
    closing, tag = match.group(1) == "/", match.group(2).lower()
    if is_placeholder(match.group(2), closed=tag in closed):
        out.append(text_token(html))  # shown as written
        return
    if closing:
        styles.end(tag, out)
        return
    attrs = _attributes(html)
    if tag == "br":
        out.append(make_token("hardbreak", "br", 0))
    elif tag == "img":
        out.extend(image_tokens(attrs.get("src") or "", attrs.get("alt") or ""))
    else:
        styles.start(tag, attrs, out)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            self.attrs = dict(attrs)


def _attributes(html: str) -> dict[str, str | None]:
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.attrs


def trimmed(children: list[Token]) -> list[Token]:
    """Inline tokens without leading/trailing blanks and breaks."""
    items = list(children)
    while items and (
        items[0].type == "hardbreak" or (items[0].type == "text" and not items[0].content.strip())
    ):
        items.pop(0)
    while items and (
        items[-1].type == "hardbreak"
        or (items[-1].type == "text" and not items[-1].content.strip())
    ):
        items.pop()
    if items and items[0].type == "text":
        items[0] = text_token(items[0].content.lstrip())
    if items and items[-1].type == "text":
        items[-1] = text_token(items[-1].content.rstrip())
    return items
