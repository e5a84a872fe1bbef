"""Shared paths and the small known-regions set of the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
KNOWN = {"110000", "120000", "130000", "130100"}


@pytest.fixture
def good() -> Path:
    return DATA / "good"


@pytest.fixture
def bad() -> Path:
    return DATA / "bad"


@pytest.fixture
def known() -> set[str]:
    return set(KNOWN)
