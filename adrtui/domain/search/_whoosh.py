"""Every Whoosh module the index uses, imported once, with Whoosh's warnings silenced.

Whoosh 2.7.4 has invalid escape sequences and ``is`` comparisons with literals:
compiling it warns (SyntaxWarning on 3.12+, DeprecationWarning on 3.11). Whoosh
imports some of its modules lazily (a writer, a searcher); importing all of them
here, before any is used, keeps a run with ``-W error`` clean. The schema, the
store, the writer and the engine take Whoosh from here, nowhere else.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    import whoosh.analysis
    import whoosh.collectors
    import whoosh.multiproc
    import whoosh.searching
    import whoosh.writing
    from whoosh import fields as wfields
    from whoosh import formats
    from whoosh import index as windex
    from whoosh.codec.whoosh3 import STORED_COLUMN, W3Codec, W3LeafMatcher
    from whoosh.reading import TermNotFound
    from whoosh.system import pack_uint

__all__ = [
    "STORED_COLUMN",
    "TermNotFound",
    "W3Codec",
    "W3LeafMatcher",
    "formats",
    "pack_uint",
    "wfields",
    "whoosh",
    "windex",
]
