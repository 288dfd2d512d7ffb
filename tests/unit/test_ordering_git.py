"""The list's ``changed`` order: last commit first, offered only once the history is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

from adrtui.domain.gitlog import ADDED, Change, Commit, FileHistory, RepoHistory
from adrtui.domain.model import Adr
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.state.ordering import SortOrder, sort_adrs


def record(number: int) -> Adr:
    name = f"{number:04d}-x.md"
    return Adr(path=Path("/r/adr") / name, rel_path=name, number=number, title=f"ADR {number}")


def history(*dated: tuple[int, str]) -> RepoHistory:
    files = {}
    for number, day in dated:
        when = f"{day}T12:00:00+00:00"
        stamp = int(dt.datetime.fromisoformat(when).timestamp())
        path = f"{number:04d}-x.md"
        change = Change(Commit(str(number) * 40, when, stamp, "A"), path, ADDED)
        files[path] = FileHistory(path, (change,))
    return RepoHistory(Path("/r"), Path("/r/adr"), "h" * 40, MappingProxyType(files))


ADRS = [record(1), record(2), record(3), record(4)]
GIT = history((1, "2022-01-01"), (2, "2024-05-01"), (4, "2023-03-03"))


def numbers(adrs: list[Adr]) -> list[int | None]:
    return [adr.number for adr in adrs]


def test_changed_is_newest_first_and_unknown_last_either_way() -> None:
    assert numbers(sort_adrs(ADRS, "changed", history=GIT)) == [2, 4, 1, 3]
    assert numbers(sort_adrs(ADRS, "changed", reverse=True, history=GIT)) == [1, 4, 2, 3]


def test_o_offers_changed_after_date_only_with_a_history() -> None:
    browse = BrowseState()
    seen = []
    for _ in range(5):
        order = browse.cycled_sort()
        browse.set_sort(order.order, order.reverse)
        seen.append(order.order)
    assert "changed" not in seen
    browse.use_history(GIT, None)
    browse.set_sort("date", False)
    assert browse.cycled_sort() == SortOrder("changed")


def test_sorting_by_changed_needs_the_history_and_goes_when_it_does() -> None:
    browse = BrowseState()
    assert not browse.set_sort("changed", False)
    browse.use_history(GIT, None)
    assert browse.set_sort("changed", False)
    assert numbers(browse.rows_of(ADRS)) == [2, 4, 1, 3]
    browse.use_history(None, "no git history: not a git repository")
    assert browse.sort == SortOrder()
    assert numbers(browse.rows_of(ADRS)) == [1, 2, 3, 4]


def test_a_new_history_reorders_the_same_records() -> None:
    browse = BrowseState()
    browse.use_history(GIT, None)
    browse.set_sort("changed", False)
    assert numbers(browse.rows_of(ADRS)) == [2, 4, 1, 3]
    browse.use_history(history((1, "2022-01-01"), (2, "2024-05-01"), (3, "2025-01-01")), None)
    assert numbers(browse.rows_of(ADRS)) == [3, 2, 1, 4]


def test_the_filter_bar_says_why_changed_is_left_out() -> None:
    browse = BrowseState()
    browse.type_search("changed:2024")
    assert "needs git history (reading it…)" in browse.explanation()
    browse.use_history(None, "no git history: shallow clone (git fetch --unshallow)")
    assert "(shallow clone (git fetch --unshallow)): left out" in browse.explanation()
    browse.use_history(GIT, None)
    assert browse.explanation() == ""
