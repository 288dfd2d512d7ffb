"""Changing the user's ADR files, only when asked: the editor, status edits, new ADRs.

``edit_adr`` hands a file to ``$VISUAL``/``$EDITOR`` (an argument list, never a shell)
and checks what came back; ``read_file``/``write_atomic`` read and write an ADR
refusing to overwrite a file that changed on disk since it was read; ``new_adr`` creates
the next ADR in its neighbours' style; ``supersede`` marks one ADR superseded by another.
"""

from __future__ import annotations

from adrtui.domain.writing.editing import (
    EditingError,
    EditorResult,
    edit_adr,
    open_in_editor,
    read_file,
    run_editor,
    writable_reason,
)
from adrtui.domain.writing.supersede import (
    split_lines,
)
from adrtui.domain.writing.templates import (
    NewAdrIncomplete,
    first_section_line,
    new_adr,
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
    "split_lines",
    "writable_reason",
]
