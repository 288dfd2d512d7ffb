"""Changing the user's ADR files, only when asked: the editor, status edits, new ADRs.

``edit_adr`` hands a file to ``$VISUAL``/``$EDITOR`` (an argument list, never a shell)
and parses what came back (:mod:`.editor`); ``read_file`` reads an ADR as the parser
does and the writers refuse to overwrite a file that changed on disk since it was read
(:mod:`.checked`, on :mod:`adrtui.domain.files`); ``new_adr`` creates the next ADR named
(:mod:`.naming`) and laid out (:mod:`.templates`) like its neighbours (:mod:`.new`) and
may mark an old one superseded where its status is written (:mod:`.status`,
:mod:`.supersede`).
"""

from __future__ import annotations

from adrtui.domain.writing.checked import (
    EditingError,
    read_file,
    writable_reason,
)
from adrtui.domain.writing.editor import (
    EditorResult,
    edit_adr,
    open_in_editor,
    run_editor,
)
from adrtui.domain.writing.new import (
    NewAdrIncomplete,
    new_adr,
)
from adrtui.domain.writing.templates import (
    first_section_line,
)

__all__ = [
    "edit_adr",
    "EditingError",
    "EditorResult",
    "first_section_line",
    "new_adr",
    "NewAdrIncomplete",
    "open_in_editor",
    "read_file",
    "run_editor",
    "writable_reason",
]
