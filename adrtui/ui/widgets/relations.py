"""The relationship pane: links out of and into the selected ADR, and its supersession chain.

``enter`` on a link (or a chain entry) asks the screen to open that ADR with
:class:`~adrtui.ui.messages.OpenAdr`; the screen records it in the history so
``backspace`` comes back. Broken links are drawn struck through and say so.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from adrtui.domain.relations import ChainNode
from adrtui.domain.text import clean_line
from adrtui.ui.messages import OpenAdr
from adrtui.ui.rendering.repo_settings import StatusStyles, with_status_styles
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.state.relation_rows import RelationRow, RelationsView
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.widgets.adr_list import cell_text


class RelationList(OptionList):
    """Links grouped under headings; headings are disabled options the cursor skips."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Follow", id="follow-link"),
        Binding("j,down", "cursor_down", "Down", show=False, id="relations-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="relations-up"),
        Binding("g,home", "first", "First", show=False, id="relations-first"),
        Binding("G,end", "last", "Last", show=False, id="relations-last"),
    ]


class ChainTree(Tree[str]):
    """The supersession chain: what this ADR replaced and what replaced it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Follow", id="follow-chain"),
        Binding("j,down", "cursor_down", "Down", show=False, id="chain-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="chain-up"),
    ]


def _adr_label(
    number: int | None, title: str, status: str | None, palette: Palette, *, current: bool = False
) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if number is not None:
        text.append(f"{number:04d} ", style=palette.muted)
    text.append(cell_text(title) or "(untitled)", style=Style(bold=current))
    if status:
        text.append(" ")
        text.append(f" {clean_line(status)[:12]} ", style=palette.status(status))
    return text


def row_label(row: RelationRow, palette: Palette) -> Text:
    """One link as drawn: the ADR it names, or the target and why it cannot be opened."""
    if row.path is not None:
        label = _adr_label(row.number, row.title, row.status, palette)
        label.pad_left(2)
        return label
    text = Text("  ", no_wrap=True, overflow="ellipsis")
    if row.external:
        text.append(clean_line(row.target), style=palette.muted)
        text.append(" (external, not opened)", style=palette.muted)
    else:
        text.append(clean_line(row.target), style=palette.broken)
        text.append(" (broken link)", style=palette.warning)
    return text


class RelationsPane(Vertical):
    """The screen sets ``view``; the pane draws it and reports ``enter`` upward."""

    DEFAULT_CSS = stylesheet(__file__)

    view: var[RelationsView | None] = var(None, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[str, RelationRow] = {}
        self._status_styles: StatusStyles | None = None

    def use_status_styles(self, styles: StatusStyles | None) -> None:
        """The repository's status colours (``None``: the theme's) for the linked ADRs."""
        if styles is not self._status_styles:
            self._status_styles = styles
            self._draw()

    def compose(self) -> ComposeResult:
        yield Static(Text("No relationships."), id="relations-empty", markup=False)
        yield RelationList(id="relations-list")
        yield ChainTree(Text("Supersession chain"), id="chain-tree")

    def on_mount(self) -> None:
        self.query_one(ChainTree).auto_expand = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())
        self._draw()

    def watch_view(self, view: RelationsView | None) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        palette = with_status_styles(palette_for(self.app), self._status_styles)
        view = self.view
        options = self.query_one(RelationList)
        tree = self.query_one(ChainTree)
        empty = self.query_one("#relations-empty", Static)
        self._rows = {}
        # Labels are cut to the pane by the stylesheet (``text-wrap: nowrap``), not
        # here: a resize then costs no redraw of the links.
        prompts: list[Option] = []
        if view is not None:
            for direction, groups in (("Links out", view.outgoing), ("Links in", view.incoming)):
                if not groups:
                    continue
                prompts.append(
                    Option(Text(direction, style=Style(bold=True, underline=True)), disabled=True)
                )
                for group in groups:
                    prompts.append(
                        Option(Text(group.heading, style=Style(bold=True)), disabled=True)
                    )
                    for row in group.rows:
                        option_id = f"row-{len(self._rows)}"
                        self._rows[option_id] = row
                        label = row_label(row, palette)
                        prompts.append(Option(label, id=option_id))
        options.clear_options()
        options.add_options(prompts)
        options.display = bool(prompts)
        if self._rows:
            options.highlighted = next(i for i, option in enumerate(prompts) if not option.disabled)
        empty.display = not prompts
        empty.update(Text("No relationships." if view else "", style=palette.muted))
        self._draw_chain(tree, view, palette)

    def _draw_chain(self, tree: ChainTree, view: RelationsView | None, palette: Palette) -> None:
        tree.clear()
        chain = view.chain if view is not None else None
        tree.display = chain is not None
        if chain is None or view is None:
            return
        root = tree.root
        root.expand()
        if chain.predecessors:
            branch = root.add(Text("supersedes", style=Style(bold=True)), expand=True)
            for node in chain.predecessors:
                self._add_chain_node(branch, node, palette)
        root.add_leaf(Text("▶ this ADR", style=Style(bold=True)), data=view.rel_path)
        if chain.successors:
            branch = root.add(Text("superseded by", style=Style(bold=True)), expand=True)
            for node in chain.successors:
                self._add_chain_node(branch, node, palette)

    def _add_chain_node(self, parent: TreeNode[str], node: ChainNode, palette: Palette) -> None:
        """Add ``node`` and its descendants (iteratively: a chain may be very long)."""
        stack: list[tuple[TreeNode[str], ChainNode]] = [(parent, node)]
        while stack:
            into, item = stack.pop()
            label = _adr_label(item.number, item.title, item.status, palette)
            if item.repeated:
                label.append(" (cycle)", style=palette.warning)
            if item.children:
                branch = into.add(label, data=item.path, expand=True)
                stack.extend((branch, child) for child in reversed(item.children))
            else:
                into.add_leaf(label, data=item.path)

    # -- upward --------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _follow(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self._rows.get(event.option.id or "")
        if row is None:
            return
        if row.path is not None:
            self.post_message(OpenAdr(row.path))
        elif row.external:
            self.notify(f"External reference, not opened: {clean_line(row.target)}", timeout=4)
        else:
            self.notify(
                f"Broken link: {clean_line(row.target)} names no ADR in this folder.",
                severity="warning",
                timeout=4,
            )

    @on(Tree.NodeSelected)
    def _follow_chain(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        path = event.node.data
        if path and self.view is not None and path != self.view.rel_path:
            self.post_message(OpenAdr(path))
