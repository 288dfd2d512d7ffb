"""Command palette (``ctrl+p``): actions, filters, sort orders, and jumping to any ADR.

Commands are built from the collection the main screen holds; choosing one
posts a request message (``RunAction``, ``SetFilter``, ``SetSort``,
``OpenAdr``) to that screen. Filters are multi-select: a value of a field
already filtered is added (either matches), one in force is offered for
removal. Actions are offered only when their key would work now (the
screen's ``check_action``), with the key as it is bound. ADR titles are
shown as ``Content`` built from plain text, never as markup (Textual's own
``Matcher.highlight`` parses markup, so it is not used).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.message import Message

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line, scrub_line
from adrtui.ui.messages import OpenAdr, RunAction, SetFilter, SetSort
from adrtui.ui.state import SORT_ORDERS, ListFilter, status_cycle
from adrtui.ui.state.ordering import GIT_ORDER

#: Above this many candidates only prefix/number matches are tried for ADR jumps.
_MAX_FUZZY = 3000

#: Key-bound actions the palette offers too: (text, help, action).
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Edit the selected ADR", "Open it in $VISUAL / $EDITOR", "edit_adr"),
    ("New ADR", "Create the next ADR and open it in your editor", "new_adr"),
    ("Supersede the selected ADR", "Write a new ADR that replaces it", "supersede_adr"),
    ("Lint report", "Every problem lint found, to jump to", "lint_report"),
    (
        "History of the selected ADR",
        "Its commits from git: who, when, how its status moved; enter shows a diff",
        "adr_history",
    ),
    (
        "Timeline of the decisions",
        "What happened to which ADR, by month or year, since a date or a tag",
        "timeline",
    ),
    (
        "Why: where each field of the selected ADR came from",
        "Its number, title, status, date… with their sources and what lost",
        "explain_fields",
    ),
    ("Copy the path of the selected ADR", "To the clipboard (works over SSH)", "copy_path"),
    (
        "Copy the number, title or a Markdown link of the selected ADR",
        "Choose what to copy: ADR-0007, its title, [ADR-0007: Title](path.md), its path",
        "copy_menu",
    ),
    ("Read the selected ADR in a pager", "glow when installed, else $PAGER or less", "open_pager"),
    ("Clear the search and all filters", "Show every ADR", "clear_filters"),
    ("Reload the folder", "Read every ADR again", "reload"),
    ("Help: every key", "All bindings and where to remap them", "app.help"),
)


@dataclass(frozen=True)
class PaletteCommand:
    text: str
    help: str
    message: Message
    #: True for commands worth listing before anything is typed.
    discover: bool = False


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` as plain Content with the fuzzy-matched characters styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


#: Quick filters on a list field: (filter name, help, ``Adr`` attribute).
_LIST_FILTERS: tuple[tuple[str, str, str], ...] = (
    ("tag", "Only ADRs with this tag", "tags"),
    ("decider", "Only ADRs this person decided", "deciders"),
    ("author", "Only ADRs this person wrote", "authors"),
)


def filter_commands(
    adrs: Sequence[Adr], active: ListFilter | None = None
) -> Iterator[PaletteCommand]:
    """Quick filters for the statuses, tags, deciders, authors and years present in ``adrs``.

    With the filters ``active`` now: a value in force is offered for removal, and
    a value of a field already filtered is added to it (``status:accepted|proposed``).
    """
    active = active or ListFilter()
    statuses = [s for s in status_cycle(adrs)[1:] if s is not None]
    yield from _field_commands(active, "status", statuses, "Only ADRs with this status")
    for field, help_text, attribute in _LIST_FILTERS:
        values = _distinct(value for adr in adrs for value in getattr(adr, attribute))
        yield from _field_commands(active, field, values, help_text)
    years = sorted({adr.date[:4] for adr in adrs if adr.date}, reverse=True)
    yield from _field_commands(active, "date", years, "Only ADRs dated this year")


def _field_commands(
    active: ListFilter, field: str, values: Iterable[str], help_text: str
) -> Iterator[PaletteCommand]:
    current = active.values(field)
    for value in values:
        shown = clean_line(value)
        if active.has(field, value):
            text, op, help_text_now = f"Remove filter: {field} {shown}", "remove", "Keep the others"
        else:
            text, op, help_text_now = f"Filter: {field} {shown}", "add", help_text
            if current:
                either = "|".join(clean_line(v) for v in (*current, value))
                help_text_now = f"Either matches: {field}:{either}"
        yield PaletteCommand(text, help_text_now, SetFilter(field, value, op))


def _distinct(values: Iterable[str]) -> list[str]:
    """Cleaned values, once each whatever their case (the first spelling wins), sorted."""
    seen: dict[str, str] = {}
    for value in values:
        text = scrub_line(value)
        if text:
            seen.setdefault(text.casefold(), text)
    return sorted(seen.values(), key=str.casefold)


class AdrCommands(Provider):
    """Filter, sort and jump commands for the main screen's collection."""

    def _commands(self) -> Iterator[PaletteCommand]:
        screen = self.screen
        collection = getattr(screen, "collection", None)
        if collection is None:
            return
        adrs = collection.adrs
        yield from self._actions()
        active = getattr(screen, "browse", None)
        yield from filter_commands(adrs, getattr(active, "list_filter", None))
        orders = SORT_ORDERS if getattr(screen, "git", None) is None else (*SORT_ORDERS, GIT_ORDER)
        for order in orders:
            yield PaletteCommand(
                f"Sort by {order}", "Order the list", SetSort(order, False), discover=True
            )
            yield PaletteCommand(
                f"Sort by {order} (reversed)", "Order the list", SetSort(order, True)
            )
        for adr in adrs:
            title = clean_line(adr.title) or clean_line(adr.name)
            number = f"ADR {adr.display_number}: " if adr.number is not None else ""
            yield PaletteCommand(
                f"Open {number}{title}",
                escape(clean_line(adr.rel_path)),
                OpenAdr(adr.rel_path),
            )

    def _actions(self) -> Iterator[PaletteCommand]:
        screen = self.screen
        keys = {
            active.binding.action: self.app.get_key_display(active.binding)
            for active in reversed(list(screen.active_bindings.values()))
        }
        for text, help_text, action in ACTIONS:
            if not action.startswith("app.") and not screen.check_action(action, ()):
                continue  # not possible now (read-only folder, nothing selected, …)
            key = keys.get(action.removeprefix("app."))
            yield PaletteCommand(
                text,
                f"{help_text} (key: {key})" if key else help_text,
                RunAction(action),
                discover=True,
            )

    def _send(self, message: Message) -> None:
        # Messages are single-use; post a fresh copy each time a command runs.
        self.screen.post_message(_copy(message))

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.discover:
                yield DiscoveryHit(
                    Content(command.text),
                    partial(self._send, command.message),
                    text=command.text,
                    help=command.help,
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        commands = list(self._commands())
        digits = query.strip().lower().removeprefix("adr").strip(" -#:")
        fuzzy = len(commands) <= _MAX_FUZZY
        for command in commands:
            text = command.text
            if fuzzy:
                score = matcher.match(text)
            else:
                lowered = text.lower()
                score = 1.0 if query.lower() in lowered else 0.0
            if digits.isdigit() and isinstance(command.message, OpenAdr):
                number = text.removeprefix("Open ADR ").split(":", 1)[0]
                if number.isdigit() and int(number) == int(digits):
                    score = max(score, 1.0)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, text),
                    partial(self._send, command.message),
                    text=text,
                    help=command.help,
                )


def _copy(message: Message) -> Message:
    cls: Callable[..., Message] = type(message)
    fields = getattr(message, "__dataclass_fields__", {})
    return cls(**{name: getattr(message, name) for name in fields if not name.startswith("_")})
