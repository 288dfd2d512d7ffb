"""Our screens and widgets never overwrite an attribute Textual itself uses.

``MainScreen.sort_order`` once held the list's sort ("number", "date"…) in the
attribute Textual sorts a widget's children by (an int). Nothing failed
loudly; this test does, for any screen or widget of the app, for both class
attributes and attributes set on the instance by our code.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widget import Widget

import adrtui.ui
from adrtui.ui.screens.main import MainScreen

PACKAGE = Path(adrtui.ui.__file__).resolve().parent

#: Textual attributes the app sets on purpose (their documented use).
INTENDED = {"border_title", "border_subtitle", "can_focus", "display", "tooltip"}


def textual_names(base: type[Widget]) -> set[str]:
    """Everything Textual defines on ``base``: class attributes and instance attributes."""
    instance = base()
    return set(dir(base)) | set(vars(instance))


def assigned_by_us(
    cls: type[Widget], *args: object, roots: tuple[Path, ...] = (PACKAGE,), **kwargs: object
) -> set[str]:
    """The attribute names code under ``roots`` (the app's) sets while constructing ``cls``."""
    names: set[str] = set()

    class Recording(cls):  # type: ignore[valid-type, misc]
        def __setattr__(self, name: str, value: object) -> None:
            caller = Path(sys._getframe(1).f_code.co_filename).resolve()
            if any(caller.is_relative_to(root) for root in roots):
                names.add(name)
            super().__setattr__(name, value)

    Recording(*args, **kwargs)
    return names


def test_the_main_screen_sets_no_textual_attribute(tmp_path: Path) -> None:
    ours = assigned_by_us(MainScreen, tmp_path, watch=False)
    assert "browse" in ours  # the recording sees the screen's own state
    assert sorted((ours & textual_names(Screen)) - INTENDED) == []


def test_the_check_catches_the_old_sort_order_bug(tmp_path: Path) -> None:
    class Shadowing(MainScreen):
        def __init__(self, folder: Path) -> None:
            super().__init__(folder, watch=False)
            self.sort_order = "number"  # type: ignore[assignment]

    ours = assigned_by_us(Shadowing, tmp_path, roots=(PACKAGE, Path(__file__).parent))
    assert "sort_order" in ours & textual_names(Screen)


def _app_widget_classes() -> list[type[Widget]]:
    for info in pkgutil.walk_packages([str(PACKAGE)], "adrtui.ui."):
        importlib.import_module(info.name)
    found = []
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("adrtui.ui."):
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Widget) and value.__module__ == module.__name__:
                found.append(value)
    return found


@pytest.mark.parametrize("cls", _app_widget_classes(), ids=lambda cls: cls.__qualname__)
def test_no_class_attribute_replaces_a_textual_one(cls: type[Widget]) -> None:
    """A name both define must be an override of the same kind (a method for a method)."""
    textual_base = next(base for base in cls.__mro__ if base.__module__.startswith("textual."))
    for name, value in vars(cls).items():
        if name.startswith("__") or name.isupper() or not hasattr(textual_base, name):
            continue
        theirs = inspect.getattr_static(textual_base, name)
        if callable(theirs) or isinstance(theirs, property):
            assert callable(value) or isinstance(value, property), (cls, name)
        else:
            # Class-level settings Textual documents for subclasses to set.
            assert name in {"DEFAULT_CSS", "COMPONENT_CLASSES", "can_focus", "ALLOW_MAXIMIZE"} or (
                type(value) is type(theirs)
            ), (cls, name, value, theirs)
