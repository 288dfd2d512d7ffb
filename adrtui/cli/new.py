"""``adrtui new TITLE``: create the next ADR in the collection's own style, then edit it."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from adrtui.cli.common import fail, open_collection, print_json
from adrtui.domain.text import clean, clean_line
from adrtui.domain.writing import (
    EditingError,
    NewAdrIncomplete,
    first_section_line,
    new_adr,
    open_in_editor,
    read_file,
)

# Undecodable file-name bytes, as Python holds them (surrogateescape).
_SURROGATES = re.compile("[\ud800-\udfff]")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="create the next-numbered ADR and open it in your editor",
        description=(
            "Create the next-numbered ADR titled TITLE in DIR (an ADR folder or a repository "
            "root; default: here), named and laid out like the ADRs already there (or the "
            "folder's template.md / adr-template.md), then open it in $VISUAL / $EDITOR. "
            "Prints the new file's path."
        ),
    )
    parser.add_argument("title", nargs="+", metavar="TITLE", help="the decision's title")
    parser.add_argument("--dir", dest="directory", default=None, metavar="DIR")
    parser.add_argument(
        "--template",
        choices=("nygard", "madr"),
        default=None,
        help="use this built-in template instead of the folder's own style",
    )
    parser.add_argument(
        "--supersedes",
        metavar="REF",
        default=None,
        help="the ADR this one replaces (number, file name or path): it is marked "
        "superseded with a link to the new one",
    )
    parser.add_argument(
        "--no-edit", action="store_true", help="create the file but do not open an editor"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run_new)


def print_path(path: Path) -> None:
    """Print the new file's path so ``$(adrtui new …)`` names the real file.

    A folder name that is not UTF-8 is written as its own bytes (cleaning would
    put U+FFFD in, a path that does not exist); one holding control characters
    or line breaks is cleaned: the terminal's safety comes first.
    """
    text = str(path)
    if clean_line(text) != _SURROGATES.sub("\ufffd", text):
        print(clean_line(text))
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(os.fsencode(path) + b"\n")
    sys.stdout.buffer.flush()


def run_new(args: argparse.Namespace) -> int:
    title = " ".join(args.title).strip()
    if not clean_line(title):
        fail("adrtui new: the title is empty")
    collection = open_collection(args.directory)
    if collection.is_example:
        fail("adrtui new: refusing to write into the bundled example ADRs")
    old = None
    if args.supersedes:
        matches = collection.find(args.supersedes)
        if not matches:
            fail(f"adrtui new: no ADR matches {clean_line(args.supersedes)!r}", 1)
        if len(matches) > 1:
            names = ", ".join(adr.rel_path for adr in matches)
            fail(f"adrtui new: {clean_line(args.supersedes)!r} is ambiguous ({clean_line(names)})")
        old = matches[0]

    template: str | Path | None = args.template
    env_template = os.environ.get("ADR_TEMPLATE")  # adr-tools' override
    if template is None and env_template and Path(env_template).is_file():
        template = Path(env_template)

    status = 0
    try:
        path = new_adr(collection, title, template=template, supersedes=old)
    except NewAdrIncomplete as exc:
        print(clean(str(exc)), file=sys.stderr)
        path, status = exc.path, 1
    except EditingError as exc:
        fail(f"adrtui new: {clean(str(exc))}", 1)

    rel = path.relative_to(collection.root).as_posix()
    if args.json:
        print_json(
            {
                "path": rel,
                "file": str(path),
                "supersedes": old.rel_path if old is not None else None,
            }
        )
    else:
        print_path(path)
    sys.stdout.flush()
    if not args.no_edit:
        try:
            line = first_section_line(read_file(path).text)
        except OSError:
            line = None
        result = open_in_editor(path, line)
        if not result.ok:
            print(f"adrtui new: {clean(result.message)}", file=sys.stderr)
            status = 1
    return status
