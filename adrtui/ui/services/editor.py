"""Handing the terminal to the user's editor, and finding the line to open it at.

The app runs editors through a *launcher*, ``launcher(app, argv) ->
EditorResult``. The real one (:func:`terminal_launcher`) suspends the app
(``App.suspend()``), runs the editor with an argument list (never a shell)
and redraws on return. Pilot cannot suspend (``SuspendNotSupported``), so
tests give the app a launcher that runs the editor directly
(:func:`direct_launcher`); everything around it (re-parsing, re-indexing,
keeping the selection, the messages) is the same code.

Also here: which file line a search hit in the detail pane comes from, so
``e`` opens the editor at the hit the user is looking at (``+LINE`` or ``FILE:LINE``, per editor).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from adrtui.domain.markdown import split_lines
from adrtui.domain.writing import EditorResult, run_editor

if TYPE_CHECKING:
    from textual.app import App

    from adrtui.domain.model import Adr
    from adrtui.ui.rendering.markdown import RenderedDocument
    from adrtui.ui.state import SpanFinder

#: Runs an external program (the editor) with the terminal handed over.
Launcher = Callable[["App[Any]", Sequence[str]], EditorResult]


def terminal_launcher(app: App[Any], argv: Sequence[str]) -> EditorResult:
    """Suspend ``app``, run ``argv`` in the terminal, resume and redraw. Never raises."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            result = run_editor(argv)
    except SuspendNotSupported:
        return EditorResult(
            tuple(argv),
            None,
            "This terminal cannot be handed to an editor from adrtui (suspend is not "
            "supported here); open the file yourself, adrtui reloads it on save.",
        )
    # The screen is not always redrawn after a resume; ask for it.
    app.refresh(layout=True)
    return result


def direct_launcher(app: App[Any], argv: Sequence[str]) -> EditorResult:
    """Run ``argv`` without suspending (tests, and editors that open their own window)."""
    return run_editor(argv)


def hit_line(
    adr: Adr,
    document: RenderedDocument | None,
    current_hit: int,
    find_spans: SpanFinder | None,
) -> int | None:
    """The 1-based file line of the search hit the detail pane points at, or ``None``.

    ``current_hit`` is the hit ``n``/``N`` moved to (-1: none yet, then the
    first hit counts). Rendered lines are not file lines (Markdown is laid out
    and wrapped), so the hit is found again in the source: the k-th occurrence
    of the same matched text, where k is its rank among the rendered hits with
    that text. Falls back to the first matching source line.
    """
    if document is None or not document.hits or find_spans is None:
        return None
    index = current_hit if 0 <= current_hit < len(document.hits) else 0
    line, start, end = document.hits[index]
    plain = document.plain
    if not 0 <= line < len(plain):
        return None
    word = plain[line][start:end].casefold()
    if not word:
        return None
    rank = sum(
        1
        for other_line, other_start, other_end in document.hits[:index]
        if 0 <= other_line < len(plain)
        and plain[other_line][other_start:other_end].casefold() == word
    )
    first: int | None = None
    seen = 0
    for number, text in enumerate(split_lines(adr.body)):
        if number in document.hidden:
            continue  # left out of the body (the header shows it): its hits were not drawn
        for span_start, span_end in find_spans(text):
            if text[span_start:span_end].casefold() != word:
                continue
            if first is None:
                first = number
            if seen == rank:
                return adr.body_line + number
            seen += 1
    if first is not None:
        return adr.body_line + first
    return _line_of_word(adr, word)


def _line_of_word(adr: Adr, word: str) -> int | None:
    """The first body line holding ``word`` at all (the span finder may not agree)."""
    pattern = re.compile(re.escape(word), re.IGNORECASE)
    for number, text in enumerate(split_lines(adr.body)):
        if pattern.search(text):
            return adr.body_line + number
    return None
