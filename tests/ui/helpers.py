"""Helpers for Pilot tests: wait for a condition, never for a fixed time.

``settle`` lets workers finish and the messages they posted be handled;
``wait_until`` (async, in the app) and ``poll_until`` (plain code, another
process) wait for a condition with a generous deadline: a hang guard, never
a timing assertion. They are the only places that pause between checks.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from textual import events
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from adrtui.ui.widgets.detail import DetailPane

#: How long a condition may take on a loaded machine before the test fails.
DEADLINE = 30.0
#: Between two checks (each check is cheap).
POLL = 0.05


async def workers_done(pilot: Pilot[object]) -> None:
    """Wait until no worker runs. A worker the app cancelled (an index sync replaced by
    a newer one: its group is exclusive) counts as done; a failed one still fails."""
    for _ in range(1000):
        try:
            await pilot.app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await pilot.pause()  # the manager drops the cancelled worker; wait for the rest
    await pilot.app.workers.wait_for_complete()


async def settle(pilot: Pilot[object], rounds: int = 3) -> None:
    """Let workers finish and every message they posted be handled."""
    for _ in range(rounds):
        await pilot.pause()
        await workers_done(pilot)
        for detail in pilot.app.screen.query(DetailPane):
            while detail.pending:
                await pilot.pause(POLL)
                await workers_done(pilot)
    await pilot.pause()


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], object], what: str, seconds: float = DEADLINE
) -> None:
    """Let the app run until ``condition()`` holds; fail after ``seconds``."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            await settle(pilot)
            if condition():
                return
            pytest.fail(f"timed out waiting for {what}")
        await pilot.pause(POLL)


def poll_until(condition: Callable[[], object], what: str, seconds: float = DEADLINE) -> None:
    """Check ``condition()`` until it holds (for another process); fail after ``seconds``."""
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(POLL)


async def palette_offers(pilot: Pilot[object], text: str) -> None:
    """Wait until the open command palette has found, and highlighted, a command with ``text``."""

    def found() -> bool:
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return False
        commands = screen.query_one(CommandList)
        index = commands.highlighted
        return index is not None and text in str(commands.get_option_at_index(index).prompt)

    await wait_until(pilot, found, f"the palette to offer {text!r}")


#: The characters of the named keys the burst tests send.
_CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b"}


def post_keys(app: App[object], *keys: str) -> None:
    """Post every key to the app at once, before any is handled (one terminal read of a
    fast typist or ``tmux send-keys``): what each key acts on is decided as it arrives."""
    for key in keys:
        character = _CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))
