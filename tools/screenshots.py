"""Make the README's screenshots: ``python -m tools.screenshots [--out screenshots]``.

Runs the real app headless on the shared corpora (``../shared/corpora`` beside
the repository) when they are there, else on the example collection shipped
in the package, and writes one SVG per screen: list, search, detail,
relations, help, the list on an 80x24 terminal, the lint report and the
new-ADR prompt. Cache and config go to a temporary directory and the
settings are the defaults, so the shots never depend on (or touch) the
user's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from adrtui.domain.collection import EXAMPLE_DIR
from adrtui.ui.app import AdrApp
from adrtui.ui.config import Config, config_path
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.detail import DetailPane

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Scene:
    name: str
    folder: Path
    keys: Sequence[str] = ()
    goto: str | None = None
    size: tuple[int, int] = (120, 36)


def scenes(corpora: Path | None) -> list[Scene]:
    """What to shoot: real collections when available, else the packaged example."""
    if corpora is not None:
        return [
            Scene("list", corpora / "adr-tools"),
            Scene("search", corpora / "cloud-platform", ("slash", *"kubernetes cluster", "enter")),
            Scene("detail", corpora / "adr-tools", ("j", "j", "j", "j", "enter")),
            Scene("relations", corpora / "cloud-platform", ("tab", "tab"), "036-multi-cluster.md"),
            Scene("help", corpora / "log4brains", ("question_mark",)),
            Scene("list-80x24", corpora / "madr", ("j", "j"), size=(80, 24)),
            Scene("lint", corpora / "cloud-platform", ("L", "j")),
            Scene("new", corpora / "adr-tools", ("a", *"Use event sourcing for orders")),
        ]
    example = EXAMPLE_DIR
    return [
        Scene("list", example),
        Scene("search", example, ("slash", *"postgresql", "enter")),
        Scene("detail", example, ("j", "j", "enter")),
        Scene("relations", example, ("tab", "tab"), "0005-use-managed-postgresql.md"),
        Scene("help", example, ("question_mark",)),
        Scene("list-80x24", example, ("j",), size=(80, 24)),
        Scene("lint", example, ("L",)),
        Scene("new", example, ("a", *"Use event sourcing for orders")),
    ]


async def settle(pilot: Pilot[object]) -> None:
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
        if scene.goto is not None and isinstance(app.screen, MainScreen):
            app.screen.navigate(scene.goto, record=False)
            await settle(pilot)
        for key in scene.keys:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)
        return app.export_screenshot(title=f"adrtui — {scene.name}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args(argv)
    corpora = CORPORA.resolve() if CORPORA.is_dir() else None
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="adrtui-shots-") as temp:
        os.environ["ADRTUI_CACHE_DIR"] = str(Path(temp) / "cache")
        os.environ.pop("ADRTUI_CONFIG_DIR", None)
        os.environ.pop("NO_COLOR", None)
        # Titles show the folder relative to the working directory: keep them short.
        os.chdir(corpora if corpora is not None else EXAMPLE_DIR.parent)
        for scene in scenes(corpora):
            svg = asyncio.run(shoot(scene))
            target = out / f"{scene.name}.svg"
            target.write_text(svg, encoding="utf-8")
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
