"""Results the report tests share (made once per session by the real service from small files)."""

from __future__ import annotations

import pytest

from ecer.services.dual_control import AssessmentResult
from tests.reports import cases


@pytest.fixture(scope="session")
def handcase_result(tmp_path_factory: pytest.TempPathFactory) -> AssessmentResult:
    return cases.handcase(tmp_path_factory.mktemp("handcase"))


@pytest.fixture(scope="session")
def levels_result(tmp_path_factory: pytest.TempPathFactory) -> AssessmentResult:
    return cases.levels(tmp_path_factory.mktemp("levels"))
