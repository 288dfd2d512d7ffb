"""A key typed while a pane had the focus acts there, even if the focus moves before it runs.

Textual forwards a key to the widget focused when the key arrives, but looks its
binding up only after the key has bubbled up to the app, along the chain of the
widget focused *then*. A priority binding that moves the focus (``/`` to the
search box) can run in between: ``j/`` typed in one go lost the ``j``, because by
the time it reached the app the search box had the focus and nothing there knew
``j``. The pane that received the key runs its own binding for it on arrival, as
the chain would have done first; keys it has no enabled binding for bubble on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    # Not a DOMNode at run time: Textual inherits CSS along the first DOMNode base
    # only, so a Widget mixin listed first would hide ScrollView's styles.
    _Base = object


class KeysTypedWhileFocused(_Base):
    """Mixin (listed first) for focusable panes: their bindings run for keys forwarded
    to them while they had the focus."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            # Priority bindings ran at the app before the key was forwarded here.
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.prevent_default()
                event.stop()
                return
