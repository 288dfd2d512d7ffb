"""Make the README's screenshots: ``python -m tools.screenshots [--out screenshots]``.

Runs the real app headless on the showcase collection kept in the repository
(``tests/fixtures/showcase/docs/adr``: sixteen ADRs of a made-up logistics
platform, with every status, supersession and amendment chains, related and
mentioned ADRs, tags, deciders and one broken link for the lint report), so
the shots are the same on every machine and show what adrtui does with a real
decision log rather than the plainest folder. No emoji in it: an SVG viewed on
GitHub draws with the viewer's fonts, where an emoji may be a box.

One SVG per screen: the hero (``list``: a search with hits, mixed statuses,
relations), search as you type, detail, relations, help, the list on an 80x24
terminal, the lint report and the new-ADR prompt. Cache and config go to a
temporary directory and the settings are the defaults, so the shots never
depend on (or touch) the user's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from adrtui.ui.config import Config, config_path
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.detail import DetailPane

REPO = Path(__file__).resolve().parents[1]
#: The repository the showcase ADRs belong to (the title bar shows ``docs/adr``).
SHOWCASE_REPO = REPO / "tests" / "fixtures" / "showcase"
SHOWCASE = SHOWCASE_REPO / "docs" / "adr"


@dataclass(frozen=True)
class Scene:
    """A screen to shoot: ``keys`` pressed in order (settling after each), where
    ``@0004-x.md`` selects that ADR as following a link would."""

    name: str
    folder: Path
    keys: Sequence[str] = ()
    size: tuple[int, int] = (120, 36)


def scenes(folder: Path = SHOWCASE) -> list[Scene]:
    """What to shoot, in the order the README shows them."""
    return [
        # The hero: a search with hits across statuses, an ADR with links both ways.
        Scene(
            "list", folder, ("slash", *"events", "enter", "@0004-publish-domain-events-on-kafka.md")
        ),
        Scene("search", folder, ("slash", *"postgres")),
        Scene("detail", folder, ("@0009-event-source-the-billing-ledger.md", "enter")),
        Scene("relations", folder, ("@0004-publish-domain-events-on-kafka.md", "tab", "tab")),
        Scene("help", folder, ("question_mark",)),
        Scene("list-80x24", folder, ("j", "j"), size=(80, 24)),
        Scene("lint", folder, ("L",)),
        Scene("new", folder, ("a", *"Autoscale on consumer lag")),
    ]


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for detail in pilot.app.screen.query(DetailPane):
            while detail.pending:
                await pilot.pause(0.05)
                await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shoot(scene: Scene) -> str:
    # Default settings, whatever the user's own config file says.
    app = AdrApp(scene.folder, config=Config(path=config_path()))
    async with app.run_test(size=scene.size) as pilot:
        await settle(pilot)
        for key in scene.keys:
            if key.startswith("@") and isinstance(app.screen, MainScreen):
                app.screen.navigate(key[1:], record=False)
            else:
                await pilot.press(key)
            await settle(pilot)
        await settle(pilot)
        return app.export_screenshot(title=f"adrtui — {scene.name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="adrtui-shots-") as temp:
        os.environ["ADRTUI_CACHE_DIR"] = str(Path(temp) / "cache")
        os.environ.pop("ADRTUI_CONFIG_DIR", None)
        os.environ.pop("NO_COLOR", None)
        # The showcase lives in adrtui's own repository: its history changes with every
        # commit, so the screenshots are taken without it (they stay as they are).
        os.environ["ADRTUI_GIT"] = "0"
        # Titles show the folder relative to the working directory: ``docs/adr``.
        os.chdir(SHOWCASE_REPO)
        for scene in scenes():
            svg = asyncio.run(shoot(scene))
            target = out / f"{scene.name}.svg"
            target.write_text(svg, encoding="utf-8")
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
