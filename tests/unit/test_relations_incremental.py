"""Resolving a collection that changed a little reuses the last resolution: the answer is
exactly what resolving from scratch gives, whatever changed."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from adrtui.domain.collection import load_collection
from adrtui.domain.model import Adr
from adrtui.domain.relations import build_graph, resolve_links
from adrtui.domain.relations import resolve as resolve_module
from benchmarks.corpus import generate


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[Adr]:
    folder = tmp_path_factory.mktemp("corpus")
    generate(folder, 150, seed=3)
    return list(load_collection(folder, use_cache=False).adrs)


def fresh(adrs: list[Adr]) -> list[Adr]:
    """Resolved with nothing remembered."""
    resolve_module.forget()
    return resolve_links(adrs)


def edges(adrs: list[Adr]) -> dict[str, list[tuple[str, str, str | None, bool]]]:
    graph = build_graph(adrs)
    return {
        adr.rel_path: sorted(
            (e.kind, e.target, e.path, e.derived) for e in graph.edges_from(adr.rel_path)
        )
        for adr in adrs
    }


def edit(adrs: list[Adr], rng: random.Random) -> list[Adr]:
    """A few records changed the ways a live update changes them."""
    changed = list(adrs)
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(len(changed))
        adr = changed[index]
        other = rng.choice(adrs)
        kind = rng.choice(["body", "prose", "status", "title", "number", "delete", "add"])
        if kind == "prose":  # words that name no ADR: every record's own edges stay
            changed[index] = dataclasses.replace(adr, body=adr.body + "\nMore words.\n")
        elif kind == "status":
            changed[index] = dataclasses.replace(adr, status=rng.choice(["accepted", "deprecated"]))
        elif kind == "body":
            note = f"\n\nSee ADR-{other.number} and [that one]({other.name}).\n"
            changed[index] = dataclasses.replace(adr, body=adr.body + note)
        elif kind == "title":
            changed[index] = dataclasses.replace(adr, title=other.title)
        elif kind == "number":
            changed[index] = dataclasses.replace(adr, number=other.number)
        elif kind == "delete":
            del changed[index]
        else:
            new = dataclasses.replace(
                other,
                path=other.path.with_name("9999-new.md"),
                rel_path="9999-new.md",
                number=9999,
                body=f"Supersedes ADR-{adr.number}.\n",
            )
            changed.append(new)
    return changed


@pytest.mark.parametrize("seed", range(24))
def test_an_incremental_resolution_equals_one_from_scratch(records: list[Adr], seed: int) -> None:
    rng = random.Random(seed)
    current = resolve_links(records)
    for _ in range(3):
        changed = edit(current, rng)
        incremental = resolve_links(changed)
        expected = fresh(changed)
        assert [a.links for a in incremental] == [a.links for a in expected]
        assert edges(incremental) == edges(expected)
        current = incremental


def test_an_unchanged_record_stays_the_same_object(records: list[Adr]) -> None:
    first = resolve_links(records)
    body = dataclasses.replace(first[5], body=first[5].body + "\nMore words.\n")
    again = resolve_links([*first[:5], body, *first[6:]])
    assert all(a is b for a, b in zip(first[:5], again[:5], strict=True))
    assert all(a is b for a, b in zip(first[6:], again[6:], strict=True))


def test_resolving_resolved_records_is_idempotent(records: list[Adr], tmp_path: Path) -> None:
    once = fresh(records)
    assert [a.links for a in resolve_links(once)] == [a.links for a in once]
    assert [a.links for a in fresh(once)] == [a.links for a in once]


def test_after_a_graph_of_cached_records_an_edit_resolves_as_from_scratch(
    records: list[Adr],
) -> None:
    """A load served by the record cache builds the graph first; the next update reuses it."""
    cached = [dataclasses.replace(adr) for adr in fresh(records)]  # new objects, same links
    build_graph(cached)
    note = f"\nSee ADR-{cached[2].number}.\n"
    edited = dataclasses.replace(cached[7], body=cached[7].body + note)
    changed = [*cached[:7], edited, *cached[8:]]
    incremental = resolve_links(changed)
    assert [a.links for a in incremental] == [a.links for a in fresh(changed)]


def test_an_edit_that_names_no_adr_skips_the_whole_collection_pass(
    records: list[Adr], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(records)
    passes: list[int] = []
    whole = resolve_module._reconcile

    def counted(*args: object) -> object:
        passes.append(1)
        return whole(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(resolve_module, "_reconcile", counted)
    prose = dataclasses.replace(first[5], body=first[5].body + "\nMore words.\n")
    again = resolve_links([*first[:5], prose, *first[6:]])
    assert passes == []  # a live edit of prose costs no pass over every link
    assert again[5].body == prose.body
    monkeypatch.setattr(resolve_module, "_reconcile", whole)
    assert [a.links for a in again] == [a.links for a in fresh([*first[:5], prose, *first[6:]])]
