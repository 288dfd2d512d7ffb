"""What a word is, for indexing, querying and highlighting alike.

Analysis is ours, not Whoosh's, for speed and so that the index, the query
language and highlighting agree: a word is a run of letters or digits
(:data:`TOKEN`), case-folded and stripped of accents (:func:`fold_word`),
stemmed with Porter2 plus a few derivational rules (:func:`stem`), so that
``deciding`` finds ``decision``. Pure functions over text; the only Whoosh code
used is its Porter2 stemmer (a small pure module), so the query language can be
imported without loading the index's machinery.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import lru_cache

with warnings.catch_warnings():  # Whoosh 2.7.4 compiles with SyntaxWarnings (see schema)
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh.lang.porter2 import stem as _porter2

__all__ = [
    "MAX_WORD",
    "MIN_WORD",
    "STOP_WORDS",
    "TOKEN",
    "fold_word",
    "indexable",
    "normalize_value",
    "stem",
    "words",
]

#: A word: a run of letters and digits (underscores, hyphens and dots split words).
TOKEN = re.compile(r"[^\W_]+")
#: Shorter or longer words are not indexed (single letters; hashes and base64 blobs).
MIN_WORD = 2
MAX_WORD = 40
#: Words too common to be worth indexing (Whoosh 2.7.4's English list, frozen here so
#: that importing the analysis does not load Whoosh's analysis package).
STOP_WORDS: frozenset[str] = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have",
        "if", "in", "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the",
        "this", "to", "us", "we", "when", "will", "with", "yet", "you", "your",
    }
)  # fmt: skip

# Porter2 leaves a verb and its -sion/-tion noun apart (decide/decision →
# decid/decis). These rewrite the noun's stem to the verb's, for the patterns
# common in technical prose; both forms of a word always share one stem, so the
# rules only merge, never split.
_DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("cis", "cid"),  # decision → decide
    ("vis", "vid"),  # division, provision → divide, provide
    ("clus", "clud"),  # conclusion, inclusion → conclude, include
    ("miss", "mit"),  # permission, submission → permit, submit
    ("umpt", "um"),  # assumption, consumption → assume, consume
    ("olut", "olv"),  # resolution, solution → resolve, solve
    ("cript", "crib"),  # description, subscription → describe, subscribe
    ("xtens", "xtend"),  # extension → extend
    ("pans", "pand"),  # expansion → expand
)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``word`` case-folded, without accents (``Café`` → ``cafe``)."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


#: :data:`TOKEN` on lower-case ASCII text (the same words; a plain class is faster).
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (the same split everywhere)."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    return [fold_word(token) for token in TOKEN.findall(text)]


def normalize_value(text: str) -> str:
    """A metadata value as filters compare it (``Ana  Lima`` → ``ana lima``)."""
    return " ".join(words(text))


def indexable(word: str) -> bool:
    return MIN_WORD <= len(word) <= MAX_WORD and word not in STOP_WORDS


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of a folded word; words with digits or non-Latin letters are kept."""
    if not (word.isascii() and word.isalpha()) or len(word) < 3:
        return word
    root = _porter2(word)
    for suffix, replacement in _DERIVATIONS:
        if root.endswith(suffix) and len(root) > len(suffix):
            return root[: -len(suffix)] + replacement
    return root
