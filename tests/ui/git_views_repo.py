"""A small ADR repository with a known history, for the history view and timeline tests.

Four ADRs over five months, three authors, fixed dates (so the shas are the same
on every run), a tag, a rename, status moves (proposed → accepted → superseded),
a last month with only a plain edit, and an ADR whose text carries an escape
sequence and Rich markup, to check that the diff shows them as text.
"""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

from adrtui.domain.gitlog import RepoHistory
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr

FOLDER = "docs/adr"
PG, KAFKA, API, API_RENAMED, PG16 = (
    "0001-use-postgres.md",
    "0002-use-kafka.md",
    "0003-rest-api.md",
    "0003-http-api.md",
    "0004-use-postgres-16.md",
)
#: What the ADR with the hostile text says (an SGR escape and Rich markup).
HOSTILE_BODY = "Colour \x1b[31mRED\x1b[0m here and [bold]not bold[/bold] there."


def build_repo(root: Path) -> GitRepo:
    """The repository under ``root``; the ADR folder is ``root / FOLDER``."""
    repo = GitRepo(root)

    def path(name: str) -> str:
        return f"{FOLDER}/{name}"

    repo.commit(
        "Propose Postgres and Kafka",
        when="2024-01-05T10:00:00+00:00",
        author=ALICE,
        files={
            path(PG): adr("1. Use Postgres", "Proposed"),
            path(KAFKA): adr("2. Use Kafka", "Proposed"),
        },
    )
    repo.commit(
        "Accept Postgres",
        when="2024-01-20T11:00:00+00:00",
        author=BOB,
        files={path(PG): adr("1. Use Postgres", "Accepted")},
    )
    repo.commit(
        "Propose a REST API",
        when="2024-02-10T09:30:00+00:00",
        author=CAROL,
        files={path(API): adr("3. REST API", "Proposed", body=HOSTILE_BODY)},
    )
    repo.commit(
        "Reject Kafka",
        when="2024-03-02T15:00:00+00:00",
        author=BOB,
        files={path(KAFKA): adr("2. Use Kafka", "Rejected")},
    )
    repo.git("tag", "v1.0")
    repo.commit(
        "Postgres 16 supersedes Postgres",
        when="2024-04-01T08:00:00+00:00",
        author=CAROL,
        files={
            path(PG16): adr("4. Use Postgres 16", "Accepted"),
            path(PG): adr("1. Use Postgres", "Superseded by [4](0004-use-postgres-16.md)"),
        },
    )
    repo.commit(
        "Accept the HTTP API",
        when="2024-04-20T16:45:00+00:00",
        author=ALICE,
        renames={path(API): path(API_RENAMED)},
        files={path(API_RENAMED): adr("3. HTTP API", "Accepted", body=HOSTILE_BODY)},
    )
    repo.commit(
        "Reword the Kafka context",
        when="2024-05-03T12:00:00+00:00",
        author=BOB,
        files={path(KAFKA): adr("2. Use Kafka", "Rejected", body="Kafka costs too much.")},
    )
    return repo


def loaded_history(screen: object) -> RepoHistory | None:
    """The history the browser read in the background (the main screen's ``git``)."""
    git = getattr(screen, "git", None)
    return git if isinstance(git, RepoHistory) else None


def drawn(screen: Screen[object], selector: str) -> str:
    """The lines the parts of ``screen`` matching ``selector`` draw now, as plain text."""
    return "\n".join(
        strip.text
        for widget in screen.query(selector)
        if widget.display and widget.region.area
        for strip in widget.render_lines(widget.region.reset_offset)
    )
