"""The grid holding the list, detail and relations panes, and the keys that arrange them.

``z`` (or ``+``) maximises the focused pane and restores it, ``R`` shows or
hides the relations, ``<``/``>`` give the list less or more of the screen. The
choices live in a plain :class:`~adrtui.ui.state.layout.PaneLayout`; this
container applies them for the terminal's breakpoint (the screen's ``-narrow``,
``-medium``, ``-wide`` classes) as screen classes the stylesheet
(``screens/main.tcss``) draws from, and as grid proportions. It follows the
focus (a zoom follows ``tab``; at narrow the focused pane takes the second
row) and re-applies on a resize, which costs a few class and style changes,
never a redraw of the panes' content.

When the relations are out of sight, the detail's border says how many the ADR
has and which key shows them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widget import Widget

from adrtui.ui.state.layout import MEDIUM, NARROW, WIDE, Pane, PaneLayout
from adrtui.ui.state.relation_rows import RelationsView

#: The pane each of the grid's children is.
PANE_IDS: dict[str, Pane] = {
    "list-pane": "list",
    "detail-pane": "detail",
    "relations-pane": "relations",
}
_RELATIONS_KEY = "R"


class PaneGrid(Container):
    """The three panes; ``state`` says which are shown and how wide."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z,plus", "zoom", "Zoom", id="zoom-pane", key_display="z"),
        Binding(
            _RELATIONS_KEY,
            "toggle_relations",
            "Show or hide relations",
            show=False,
            id="toggle-relations",
        ),
        Binding("greater_than_sign", "resize_list(1)", "Wider list", show=False, id="widen-list"),
        Binding("less_than_sign", "resize_list(-1)", "Narrower list", show=False, id="narrow-list"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = PaneLayout()
        self._applied: tuple[object, ...] | None = None
        self._relation_count = 0

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_changed, init=False)
        relations = self._pane("relations")
        if relations is not None:
            self.watch(relations, "view", self._relations_changed, init=False)
        self.apply()

    # -- what the keys do --------------------------------------------------------------

    def action_zoom(self) -> None:
        self.state.toggle_zoom(self.pane_of(self.screen.focused))
        self.apply()

    def action_toggle_relations(self) -> None:
        self.state.toggle_relations(self.breakpoint)
        self.apply()

    def action_resize_list(self, steps: int) -> None:
        if self.state.resize_list(steps, self.breakpoint):
            self.apply()

    # -- following the terminal and the focus -----------------------------------------------

    @property
    def breakpoint(self) -> str:
        screen = self.screen
        return next((name for name in (NARROW, MEDIUM) if screen.has_class(name)), WIDE)

    def pane_of(self, widget: Widget | None) -> Pane | None:
        """The pane ``widget`` is in (``None``: outside the grid, the search box)."""
        node = widget
        while node is not None and node is not self:
            pane = PANE_IDS.get(node.id or "")
            if pane is not None:
                return pane
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def visitable(self, widget: Widget) -> bool:
        """Whether ``tab`` may move the focus to ``widget`` (not into hidden relations)."""
        pane = self.pane_of(widget)
        return pane is None or self.state.visitable(pane, self.breakpoint)

    def on_resize(self) -> None:
        self.apply()

    def _focus_changed(self, focused: Widget | None) -> None:
        self.state.focus_moved(self.pane_of(focused))
        self.apply()

    def _relations_changed(self, view: RelationsView | None) -> None:
        count = 0
        if view is not None:
            count = sum(len(group.rows) for group in (*view.outgoing, *view.incoming))
        if count != self._relation_count:
            self._relation_count = count
            self._show_hint(self.breakpoint)

    # -- drawing --------------------------------------------------------------------------

    def _pane(self, pane: Pane) -> Widget | None:
        for child in self.children:
            if PANE_IDS.get(child.id or "") == pane:
                return child
        return None

    def apply(self) -> None:
        """Put the layout on screen for the current breakpoint (nothing if unchanged)."""
        state, breakpoint = self.state, self.breakpoint
        applied = (breakpoint, state.zoomed, state.relations, state.list_steps, state.focus)
        if applied == self._applied:
            return
        self._applied = applied
        screen = self.screen
        for name, value in state.classes().items():
            screen.set_class(value, name)
        self.styles.grid_columns = state.grid_columns(breakpoint)
        self.styles.grid_rows = state.grid_rows(breakpoint)
        self._show_hint(breakpoint)
        self._keep_focus_visible(breakpoint)

    def _show_hint(self, breakpoint: str) -> None:
        detail = self._pane("detail")
        if detail is not None:
            hint = self.state.relations_hint(
                breakpoint, self._relation_count, self._relations_key()
            )
            detail.border_subtitle = hint or None

    def _relations_key(self) -> str:
        """The key that shows the relations, as the user's keymap has it."""
        keymap: dict[str, str] = getattr(self.app, "_keymap", None) or {}  # set_keymap's
        keys = keymap.get("toggle-relations", _RELATIONS_KEY).split(",")
        key = keys[0].strip() or _RELATIONS_KEY
        return self.app.get_key_display(Binding(key, "toggle_relations"))

    def _keep_focus_visible(self, breakpoint: str) -> None:
        """Hiding the focused pane (``R`` on the relations) hands the focus to a shown one."""
        focused = self.screen.focused
        pane = self.pane_of(focused)
        visible = self.state.visible(breakpoint)
        if pane is None or pane in visible:
            return
        for other in (p for p in ("detail", "list", "relations") if p in visible):
            widget = self._pane(other)
            target = next((w for w in widget.query("*") if w.can_focus), None) if widget else None
            if target is not None:
                self.screen.set_focus(target)
                return
