"""The one rule for tests that need something the machine may lack (Java for Spark, Chromium, built assets).

Outside CI such a test is skipped with its reason. With ``CI=true`` (``.ci/run`` exports it) it *fails*
instead: CI installs Java and Chromium and builds the assets, so a test that cannot run there is a broken
pipeline, never a silent skip (DESIGN.md §8). Every such skip in the suite goes through
:func:`skip_unless_able` or :func:`import_or_skip` (``tests/test_no_silent_skips.py`` checks it).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """``CI`` is set to true (``true``, ``1``, ``yes``; any case)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def cannot_run(reason: str) -> NoReturn:
    """Skip the current test with ``reason`` — or fail it when running in CI."""
    if in_ci():
        pytest.fail(f"CI=true and this test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def skip_unless_able(reason: str | None) -> None:
    """:func:`cannot_run` when ``reason`` says why the test cannot run here (``None``: it can)."""
    if reason:
        cannot_run(reason)


def import_or_skip(module: str, reason: str) -> ModuleType:
    """Import ``module``, or :func:`cannot_run` with ``reason`` when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        cannot_run(f"{reason} ({exc})")
