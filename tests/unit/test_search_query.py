"""The query language users type into the search box (pure parsing, no index)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adrtui.domain.search.analysis import stem, words
from adrtui.domain.search.query import (
    Filter,
    Highlighter,
    has_phrases,
    parse_query,
    within_one_edit,
)

HOSTILE = [
    "",
    " ",
    '"',
    '"unbalanced quote',
    'closed "and open',
    "AND",
    "OR",
    "NOT",
    "a AND",
    "NOT NOT NOT",
    "*",
    "**",
    "auth*",
    "(",
    ")",
    "((a OR b)",
    "status:",
    "status:accepted",
    "title:",
    "foo:bar",
    ":",
    "::::",
    "-",
    "--",
    "-status:",
    "date:>",
    "date:..",
    "number:abc",
    "number:99999999999999999999999",
    "number:1..x",
    "数据库 迁移",
    "Ünïcödé ÉCOLE",
    "שלום עולם",
    "🙂 emoji",
    "\x00\x1b[2J\x07",
    "\\",
    "'single'",
    "x" * 2000,
    "word " * 400,
    "status:" * 300,
    '"' * 1001,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_parses_without_raising(text: str) -> None:
    parsed = parse_query(text)
    assert parsed.text == text
    assert len(parsed.words) <= 32 and len(parsed.filters) <= 16


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_parses(text: str) -> None:
    parsed = parse_query(text)
    for word in parsed.words:
        assert word.text  # no empty words
    assert sum(1 for w in parsed.words if w.prefix) <= len(parsed.words)


def test_the_last_word_is_a_prefix_and_earlier_words_are_terms() -> None:
    parsed = parse_query("Kafka ordering guar")
    assert parsed.terms == ("kafka", "ordering")
    assert parsed.prefix == "guar"


def test_a_trailing_space_ends_the_word() -> None:
    assert parse_query("kafka ").prefix is None
    assert parse_query("kafka ").terms == ("kafka",)


def test_quotes_make_words_exact_but_an_open_quote_is_still_being_typed() -> None:
    assert parse_query('"event sourcing"').prefix is None
    assert parse_query('"event sourcing"').terms == ("event", "sourcing")
    assert parse_query('"event sourc').prefix == "sourc"


def test_star_makes_any_word_a_prefix() -> None:
    parsed = parse_query("auth* kafka ")
    assert parsed.prefix == "auth"
    assert parsed.terms == ("kafka",)


def test_negation_with_minus_and_not() -> None:
    parsed = parse_query("kafka -redis NOT mysql")
    assert parsed.excluded == ("redis", "mysql")
    assert parsed.terms == ("kafka",)
    assert parsed.prefix is None  # a negated last word is never a prefix


def test_operators_are_not_words() -> None:
    parsed = parse_query("kafka AND redis OR ")
    assert parsed.terms == ("kafka", "redis")


def test_filters_are_parsed_and_normalised() -> None:
    parsed = parse_query('Status:Accepted tag:Security decider:"Ana Lima" date:2024 num:12 x')
    assert parsed.filters == (
        Filter("status", "accepted"),
        Filter("tags", "security"),
        Filter("deciders", "ana lima"),
        Filter("date", "2024"),
        Filter("number", "12"),
    )
    assert parsed.prefix == "x"


def test_a_filter_being_typed_is_a_prefix_filter() -> None:
    assert parse_query("status:acc").filters == (Filter("status", "acc", prefix=True),)
    assert parse_query("-status:rejected").filters == (Filter("status", "rejected", negated=True),)


def test_unknown_fields_and_urls_are_plain_words() -> None:
    assert parse_query("foo:bar ").terms == ("foo", "bar")
    assert parse_query("https://example.com/x ").terms == ("https", "example", "com", "x")


def test_title_field_restricts_a_word_to_titles() -> None:
    (word,) = parse_query("title:kafka").words
    assert word.title_only and word.prefix and word.text == "kafka"


def test_empty_filter_values_are_ignored() -> None:
    assert parse_query("status: kafka").filters == ()


def test_text_is_folded_like_the_index() -> None:
    assert parse_query("Café RÉSUMÉ ").terms == ("cafe", "resume")
    assert words("Café déjà-vu") == ["cafe", "deja", "vu"]


def test_stemming_joins_verbs_and_their_nouns() -> None:
    assert stem("deciding") == stem("decision") == stem("decide") == stem("decisions")
    assert stem("authentication") == stem("authenticate")
    assert stem("extension") == stem("extend")
    assert stem("kafka") != stem("cache")


def test_edit_distance_of_one() -> None:
    assert within_one_edit("kafka", "kafka")
    assert within_one_edit("kafak", "kafka")  # swap
    assert within_one_edit("kafa", "kafka")  # deletion
    assert within_one_edit("kafkaa", "kafka")  # insertion
    assert within_one_edit("kafko", "kafka")  # substitution
    assert not within_one_edit("kfaak", "kafka")
    assert not within_one_edit("kaf", "kafka")


def test_highlighter_finds_stem_variants_and_prefixes() -> None:
    text = "We decided: the Decision on authentication (auth) stands."
    marker = Highlighter({stem("deciding")}, ["auth"])
    found = [text[s:e] for s, e in marker.spans(text)]
    assert found == ["decided", "Decision", "authentication", "auth"]


def test_fragments_are_plain_text_with_spans() -> None:
    body = "Intro line.\n\n" + "filler " * 60 + "The \x1b[31mKafka\x1b[0m cluster is shared.\n"
    (fragment,) = Highlighter({stem("kafka")}).fragments(body, width=80)
    assert "\x1b" not in fragment.text and "\n" not in fragment.text
    assert [fragment.text[s:e] for s, e in fragment.spans] == ["Kafka"]
    assert fragment.text.startswith("…")


def test_closed_quotes_around_several_words_make_a_phrase() -> None:
    assert parse_query('"event sourcing"').phrases == (("event", "sourcing"),)
    assert parse_query('kafka "Event  Sourcing" x').phrases == (("event", "sourcing"),)
    assert parse_query('"a b" "c d"').phrases == (("a", "b"), ("c", "d"))
    assert parse_query('"event sourcing').phrases == ()  # still being typed
    assert parse_query('"kafka"').phrases == ()  # one word is just a word
    assert parse_query("event sourcing").phrases == ()


def test_phrase_words_still_count_as_words() -> None:
    query = parse_query('"event sourcing"')
    assert [(w.text, w.prefix) for w in query.words] == [("event", False), ("sourcing", False)]


def test_has_phrases_ignores_case_accents_and_punctuation_but_not_order() -> None:
    assert has_phrases("We chose Event-Sourcing.", [("event", "sourcing")])
    assert has_phrases("Le Café Crème", [("cafe", "creme")])
    assert not has_phrases("sourcing events", [("event", "sourcing")])
    assert not has_phrases("event, then sourcing", [("event", "sourcing")])
    assert not has_phrases("prevent sourcing", [("event", "sourcing")])  # whole words


def test_a_stem_keeps_its_words_first_letter() -> None:
    """The highlighter skips stemming words whose first letter no stem has."""
    import re

    from adrtui.domain.search.analysis import _DERIVATIONS

    sample = "dying lying tying yes yelled skies idly gently ugly early only news inning "
    sample += "proceed exceed decision divisions conclusions permission assumption solution "
    sample += "descriptions extension expansion yyyy ýes çava naïve 2024 x1 ab"
    for word in {*words(sample), *re.findall(r"[a-z]+", repr(_DERIVATIONS))}:
        assert stem(word)[:1] == word[:1], word
