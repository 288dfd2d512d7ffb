"""One vocabulary: every layer reads statuses, labels and link kinds from one table."""

from __future__ import annotations

import pytest

from adrtui.domain import vocabulary as V
from adrtui.domain.parsing.fields import classify_key
from adrtui.domain.parsing.links import kind_of
from adrtui.domain.parsing.status import normalize_status
from adrtui.domain.relations.resolve import inverse_kind, normalize_kind

# One status word per language (en, de, fr, es, pt, it, nl, ja, zh) and meaning.
WORDS = {
    "accepted": ["Approved", "Akzeptiert", "Accepté", "Aceptado", "Aceito", "Approvato",
                 "Geaccepteerd", "承認済み", "已接受"],
    "proposed": ["Pending", "Vorgeschlagen", "Proposé", "Propuesto", "Proposto", "Proposta",
                 "Voorgesteld", "提案中", "提议"],
    "rejected": ["Declined", "Abgelehnt", "Rejeté", "Rechazado", "Rejeitado", "Respinto",
                 "Afgewezen", "却下", "已拒绝"],
    "deprecated": ["Obsolete", "Veraltet", "Obsolète", "Obsoleto", "Descontinuado",
                   "Deprecato", "Verouderd", "非推奨", "已弃用"],
    "superseded": ["Superceded", "Ersetzt", "Remplacé", "Reemplazado", "Substituído",
                   "Sostituito", "Vervangen", "置換済み", "已取代"],
    "draft": ["WIP", "Entwurf", "Brouillon", "Borrador", "Rascunho", "Bozza", "Concept",
              "下書き", "草稿"],
}  # fmt: skip
# ...and in Norwegian, Danish and Swedish (no, da, sv).
NORDIC = {
    "accepted": ["Akseptert", "Godkjent", "Vedtatt", "Godkendt", "Accepteret", "Godkänd",
                 "Beslutad"],
    "proposed": ["Foreslått", "Foreslået", "Föreslagen"],
    "rejected": ["Avvist", "Afvist", "Avvisad"],
    "deprecated": ["Utgått", "Forældet", "Föråldrad"],
    "superseded": ["Erstattet", "Ersatt"],
    "draft": ["Utkast", "Udkast"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("meaning", "word"),
    [(m, w) for words in (WORDS, NORDIC) for m, ws in words.items() for w in ws],
)
def test_status_words_in_nine_languages_mean_a_canonical_status(meaning: str, word: str) -> None:
    assert normalize_status(word) == meaning
    assert normalize_status(f"**{word}** (2024-01-02)") == meaning


@pytest.mark.parametrize(
    ("written", "meaning"),
    [
        ("accepted, superseded by [ADR-0010](0010-x.md)", "superseded"),
        ("Proposed (2020-01-01), Accepted (2020-02-03)", "accepted"),
        ("Proposed → Accepted", "accepted"),
        ("Accepted; deprecated in favour of ADR-7", "deprecated"),
        ("Accepted, with caveats", "accepted"),  # no status listed after the first
        ("Accepted, amended by [ADR 5](0005-x.md)", "accepted"),  # amended: still accepted
    ],
)
def test_statuses_listed_in_turn_end_where_the_decision_stands(written: str, meaning: str) -> None:
    assert normalize_status(written) == meaning


def test_unknown_status_words_are_kept_lowercased() -> None:
    assert normalize_status("Implemented") == "implemented"
    assert normalize_status("on hold") == "on hold"


@pytest.mark.parametrize(
    ("label", "meaning"),
    [
        ("Status", "status"),
        ("Estado", "status"),
        ("Statut", "status"),
        ("ステータス (Status)", "status"),
        ("状态", "status"),
        ("Datum", "date"),
        ("Data", "date"),
        ("Fecha", "date"),
        ("日時", "date"),
        ("Dato", "date"),
        ("Forfatter", "authors"),
        ("Författare", "authors"),
        ("Beslutningstakere", "deciders"),
        ("Authors", "authors"),
        ("Autor", "authors"),
        ("Entscheider", "deciders"),
        ("Decision Makers", "deciders"),
        ("Consulted", "consulted"),
        ("Informed", "informed"),
    ],
)
def test_field_labels_in_other_languages(label: str, meaning: str) -> None:
    found = classify_key(label)
    assert found is not None and found[0] == meaning


def test_replaces_means_supersedes_everywhere() -> None:
    """Once split across modules that disagreed; now one answer."""
    assert classify_key("Replaces") == ("link", "supersedes")
    assert kind_of("Replaces") == "supersedes"
    assert normalize_kind("replaces") == "supersedes"
    assert normalize_kind("Replaced by") == "superseded-by"
    assert kind_of("Deprecate in favor of") == "superseded-by"
    assert classify_key("Updates") == ("link", "amends")


def test_every_kind_with_an_inverse_inverts_back() -> None:
    for kind, other in V.INVERSE_KINDS.items():
        assert V.INVERSE_KINDS[other] == kind
        assert inverse_kind(kind) == other
    assert set(V.LINK_KINDS) <= set(V.INVERSE_KINDS)
