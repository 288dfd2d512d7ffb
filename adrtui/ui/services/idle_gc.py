"""Full garbage collections between keystrokes, never in the middle of one.

CPython's full (generation 2) collection walks every object it tracks. With
10,000 ADRs open it takes 15–35 ms and, left to its own schedule, lands on a
keystroke every few seconds of typing: most of the search box's 95th-percentile
latency was those pauses. So while the browser runs:

* what lives as long as the collection (records, graph, the index's tables) is
  moved out of the collector's sight with :func:`gc.freeze` once it is loaded
  (:func:`keep_long_lived`, called by the jobs that load it: the only place);
* automatic full collections are made rare (young collections are unchanged:
  they are quick and keep short-lived garbage in check);
* :class:`IdleCollector` runs the full collection itself once input has
  paused, when nobody is waiting for a frame.

The thresholds are restored (and frozen objects released) when the app stops,
so a process that runs several apps (the test suite) is left as it was.
"""

from __future__ import annotations

import gc
import time

#: No input for this long counts as a pause worth collecting in.
IDLE_SECONDS = 0.8
#: Young (generation 1) collections between automatic full ones (CPython: 10).
FULL_EVERY = 1000


class IdleCollector:
    """Owns the process's full collections for the lifetime of one app."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._saved: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()
        self._pending = False
        #: How many full collections ran in a pause (tests read it).
        self.collections = 0

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, FULL_EVERY)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None
        gc.unfreeze()

    def input_seen(self) -> None:
        """A key or mouse event arrived: garbage is coming, and the user is busy."""
        self._last_input = time.monotonic()
        self._pending = True

    def tick(self) -> bool:
        """Collect if input has paused since the last collection; True if it did."""
        if not self._pending or time.monotonic() - self._last_input < self.idle_seconds:
            return False
        self._pending = False
        gc.collect()
        self.collections += 1
        return True


def keep_long_lived() -> None:
    """A collection (records, graph, index tables) settled: hide it from full collections.

    Everything alive now lives as long as the collection; every full collection
    would walk it all (≈0.1 s pauses while typing on 10,000 ADRs).
    """
    gc.freeze()


def release_long_lived() -> None:
    """A new collection is coming: the old one may be collected once replaced."""
    gc.unfreeze()
