"""Back and forward over the ADRs the user visited."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class History:
    """Browser-style back/forward over visited ADRs (by ``rel_path``).

    ``visit`` is an explicit navigation (following a link, a palette jump): it
    pushes the current ADR. ``move`` is a plain cursor move in the list: it
    changes the current ADR without growing the history.
    """

    current: str | None = None
    back_stack: list[str] = field(default_factory=list)
    forward_stack: list[str] = field(default_factory=list)
    limit: int = 200

    @property
    def can_go_back(self) -> bool:
        return bool(self.back_stack)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.forward_stack)

    def visit(self, rel_path: str) -> None:
        if rel_path == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[: -self.limit]
        self.forward_stack.clear()
        self.current = rel_path

    def move(self, rel_path: str | None) -> None:
        self.current = rel_path

    def back(self) -> str | None:
        if not self.back_stack:
            return None
        if self.current is not None:
            self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        return self.current

    def forward(self) -> str | None:
        if not self.forward_stack:
            return None
        if self.current is not None:
            self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        return self.current

    def forget(self, existing: set[str]) -> None:
        """Drop entries for ADRs that no longer exist (after a reload)."""
        self.back_stack = [p for p in self.back_stack if p in existing]
        self.forward_stack = [p for p in self.forward_stack if p in existing]
        if self.current not in existing:
            self.current = None
