"""A request for periods of one kind builds only that kind (and the years) from the months; without periods every
kind is built. The answers are those of the whole computation (``test_assess_narrowing.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecer.services import dual_control
from ecer.storage import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from ecer.services.demo import build_store

    path = Path(tmp_path_factory.mktemp("kinds")) / "demo.duckdb"
    build_store(path).close()
    with Store.open(path) as s:
        yield s


@pytest.fixture
def kinds_built(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    import importlib

    core = importlib.import_module("ecer.core.dual_control.assess")
    seen: list[tuple[str, ...]] = []
    real = core.derive_periods_with_findings

    def spy(frame: Any, kinds: tuple[str, ...] = ("Q", "H", "Y", "YTD"), **kw: Any) -> Any:
        seen.append(tuple(kinds))
        return real(frame, kinds, **kw)

    monkeypatch.setattr(core, "derive_periods_with_findings", spy)
    return seen


@pytest.mark.parametrize(
    ("period", "kinds"),
    [
        ("2021", ("Y",)),
        ("2022Q3", ("Q", "Y")),
        ("2023H1", ("H", "Y")),
        ("2023-05YTD", ("Y", "YTD")),
        ("2023-05", ("Y",)),
    ],
)
def test_one_kind_asked_builds_that_kind(
    store: Store, kinds_built: list[tuple[str, ...]], period: str, kinds: tuple[str, ...]
) -> None:
    result = dual_control.assess(store=store, period=period, region="110000", edition="2022")
    assert kinds_built == [kinds]
    assert result.table.get_column("period").unique().to_list() == [period]


def test_no_period_asked_builds_every_kind(store: Store, kinds_built: list[tuple[str, ...]]) -> None:
    result = dual_control.assess(store=store, region="110000", edition="2022")
    assert kinds_built == [("Q", "H", "Y", "YTD")]
    assert {p[4:] for p in result.table.get_column("period").to_list()} >= {"", "Q1", "H2", "-05YTD", "-05"}
