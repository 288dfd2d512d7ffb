"""Creating the next ADR: number reserved, file written whole, the old one superseded.

:func:`plan_new_adr` decides the path, number and text (naming from
:mod:`~adrtui.domain.writing.naming`, text from :mod:`~adrtui.domain.writing.templates`)
without writing anything. :func:`new_adr` creates the file (atomically, never over an
existing one) and, with ``supersedes``, marks the old record superseded via
:mod:`adrtui.domain.writing.supersede`. Nothing else in the folder is created. The
number is reserved under the folder's write lock (in the cache) from the scan of
the folder to the file's creation, and checked again after it, so adrtuis
started together (or another tool writing meanwhile) never share a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from adrtui.domain.collection import by_number
from adrtui.domain.files import detect_newline
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line, scrub_line
from adrtui.domain.writing.checked import (
    EditingError,
    ReadOnlyError,
    create_file,
    folder_write_lock,
    read_file,
    remove_created,
    writable_reason,
)
from adrtui.domain.writing.naming import (
    RECENT,
    detect_naming,
    folder_names,
    name_number,
    next_number,
    vote,
)
from adrtui.domain.writing.supersede import (
    add_supersedes_text,
    check_supersedable,
    href,
    link_label,
    supersede,
)
from adrtui.domain.writing.templates import (
    TEMPLATE_DEFAULTS,
    Style,
    detect_style,
    fill_template,
    find_template_file,
    render_builtin,
    status_word,
)

#: Numbers tried before :func:`new_adr` gives up (each taken by another writer).
CREATE_ATTEMPTS = 20


class NewAdrIncomplete(EditingError):
    """The new ADR was created but the old one could not be marked superseded."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class NewAdrPlan:
    """What :func:`new_adr` will write: where, which number, and the text."""

    path: Path
    number: int | None
    text: str
    template: str


def _recent(adrs: Sequence[Adr], root: Path) -> list[Adr]:
    """The records in the folder itself (not sub-folders), oldest first."""
    top = [a for a in adrs if "/" not in a.rel_path]
    return sorted(top or list(adrs), key=by_number)


def _read_texts(adrs: Sequence[Adr]) -> list[str]:
    texts = []
    for adr in adrs[-RECENT:]:
        try:
            texts.append(read_file(adr.path).text)
        except OSError:
            continue
    return texts


def plan_new_adr(
    root: Path,
    adrs: Sequence[Adr],
    title: str,
    *,
    template: str | Path | None = None,
    supersedes: Adr | None = None,
    today: date | None = None,
    in_use: Sequence[str] = (),
    at_least: int = 1,
) -> NewAdrPlan:
    """Decide the new ADR's path, number and text without writing anything.

    ``in_use`` are file names the folder holds now (the collection may be
    minutes old); the number is past theirs too, and at least ``at_least``.
    """
    # One line, no controls; undecodable command-line bytes (lone surrogates) become U+FFFD.
    title = scrub_line(title)
    if not title:
        raise EditingError("A new ADR needs a title.")
    today = today or date.today()
    ordered = _recent(adrs, root)
    names = [a.path.name for a in ordered]
    naming = detect_naming(names)
    number = max(next_number(adrs, [*names, *in_use]), at_least)
    texts = _read_texts(ordered)
    if texts or not isinstance(template, str):
        style = detect_style(texts)
    else:
        # An empty folder takes the chosen template's own conventions.
        style = TEMPLATE_DEFAULTS.get(template, Style(template))
    if naming.date_prefix:
        # Date-named collections (log4brains) identify records by slug, not number.
        style = Style(style.template, None, style.status_case, style.bullet)

    file_name = naming.file_name(number, title, today)
    path = root / file_name
    bump = 2
    while path.exists() or path.is_symlink():
        if naming.date_prefix:
            stem = file_name[: -len(naming.suffix)]
            path = root / f"{stem}{naming.word_separator}{bump}{naming.suffix}"
            bump += 1
        else:
            number += 1
            path = root / naming.file_name(number, title, today)
    heading_number = None if naming.date_prefix else number
    heading = style.heading.heading(heading_number, title) if style.heading else title

    status = status_word(style)
    template_file: Path | None = None
    if isinstance(template, Path):
        template_file = template
    elif template is None:
        template_file = find_template_file(root)
    if template_file is not None:
        try:
            raw = read_file(template_file).text
        except OSError as exc:
            raise EditingError(
                f"Cannot read the template {clean_line(str(template_file))}: {exc.strerror}"
            ) from None
        text = fill_template(
            raw,
            number=heading_number,
            heading=heading,
            title=title,
            status=status,
            today=today,
        )
        used = str(template_file)
    else:
        name = template if isinstance(template, str) and template else style.template
        if name == "madr-bullets" and style.bullet == "-":
            name = "madr-bullets-"
        text = render_builtin(name, heading=heading, title=title, status=status, today=today)
        used = name.rstrip("-")
    if supersedes is not None:
        label = link_label(supersedes, _safe_text(supersedes))
        text = add_supersedes_text(text, href(path, supersedes.path), label)
    if texts and vote([detect_newline(t) for t in texts], "\n") == "\r\n":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")  # a Windows team's folder
    return NewAdrPlan(path, number if not naming.date_prefix else None, text, used)


def _safe_text(adr: Adr) -> str | None:
    try:
        return read_file(adr.path).text
    except OSError:
        return None


def new_adr(
    collection_or_folder: object,
    title: str,
    *,
    template: str | Path | None = None,
    supersedes: Adr | None = None,
    today: date | None = None,
    cache_dir: Path | str | None = None,
) -> Path:
    """Create the next ADR in a collection (or folder) and return its path.

    With ``supersedes`` the old record is checked first (unchanged since it was
    read, writable), then the new file is created, then the old one is marked
    superseded. Raises :class:`~adrtui.domain.writing.checked.EditingError` subclasses
    with a message for the user; :class:`NewAdrIncomplete` (carrying ``path``)
    when the new file exists but the old one could not be updated.

    Picking the number, creating the file and marking the old record happen
    under :func:`~adrtui.domain.writing.checked.folder_write_lock` (``cache_dir``: the
    cache root, default the user's), so parallel ``adrtui new`` and in-app
    creations get distinct numbers and supersessions never interleave.
    """
    root, adrs = _collection_parts(collection_or_folder)
    if not root.is_dir():
        raise EditingError(f"The ADR folder {clean_line(str(root))} does not exist.")
    reason = writable_reason(root)
    if reason:
        raise ReadOnlyError(reason)
    at_least = 1
    for _attempt in range(CREATE_ATTEMPTS):
        with folder_write_lock(root, cache_dir):
            if supersedes is not None:
                # Under the lock: a supersession that just won the race is seen here,
                # and the losers create nothing.
                check_supersedable(supersedes)
            plan = _create_next(
                root,
                adrs,
                title,
                template=template,
                supersedes=supersedes,
                today=today,
                at_least=at_least,
            )
            if isinstance(plan, int):
                at_least = plan  # that number was taken meanwhile: the next one
                continue
            if supersedes is not None:
                _mark_superseded(supersedes, plan.path, root)
            return plan.path
    raise EditingError(
        "Could not find a free number for the new ADR: other writers kept taking them; "
        "nothing was created. Try again."
    )


def _create_next(
    root: Path,
    adrs: Sequence[Adr],
    title: str,
    *,
    template: str | Path | None,
    supersedes: Adr | None,
    today: date | None,
    at_least: int,
) -> NewAdrPlan | int:
    """Create the next ADR's file; the plan, or the number to try from when it was taken.

    The folder is listed again right before the file is created, because the
    collection may be older than another writer's new file. After the exclusive
    create it is listed once more: a file with the same number and another
    slug that appeared meanwhile (a writer that does not take our lock) wins,
    and ours is given back.
    """
    before = folder_names(root)
    plan = plan_new_adr(
        root,
        adrs,
        title,
        template=template,
        supersedes=supersedes,
        today=today,
        in_use=before,
        at_least=at_least,
    )
    try:
        written = create_file(plan.path, plan.text)
    except FileExistsError:
        return at_least if plan.number is None else plan.number + 1
    if (
        plan.number is not None
        and _number_taken_meanwhile(root, plan, before)
        and remove_created(plan.path, written)
    ):
        return plan.number + 1
    return plan


def _number_taken_meanwhile(root: Path, plan: NewAdrPlan, before: Sequence[str]) -> bool:
    """Whether another file with ``plan``'s number appeared while it was being created."""
    seen = set(before)
    return any(
        name != plan.path.name and name not in seen and name_number(name) == plan.number
        for name in folder_names(root)
    )


def _mark_superseded(old: Adr, new_path: Path, root: Path) -> None:
    """Mark ``old`` superseded by the ADR just created; refusals keep the new file."""
    from adrtui.domain.parsing import parse_file

    try:
        supersede(old, parse_file(new_path, root))
    except EditingError as exc:
        raise NewAdrIncomplete(
            f"Created {clean_line(str(new_path))}, but {clean_line(old.rel_path)} was not "
            f"marked superseded: {exc}",
            new_path,
        ) from exc


def _collection_parts(collection_or_folder: object) -> tuple[Path, list[Adr]]:
    root = getattr(collection_or_folder, "root", None)
    adrs = getattr(collection_or_folder, "adrs", None)
    if isinstance(root, Path) and adrs is not None:
        return root, list(adrs)
    folder = Path(collection_or_folder)  # type: ignore[arg-type]
    if not folder.is_dir():
        return folder, []
    from adrtui.domain.collection import load_collection

    collection = load_collection(folder)
    return collection.root, list(collection.adrs)
