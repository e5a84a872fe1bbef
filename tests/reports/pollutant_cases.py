"""The hand-worked pollutant case (tests/pollutant_handcase.py) through the core, as the report input the service
hands over: ledger, percentage progress against 国发〔2021〕33号, quantity progress against the synthetic quota, the
measures counted and every finding."""

from __future__ import annotations

import polars as pl

from ecer.core.pollutants import account, measure_reductions, percentage_progress, quantity_progress
from ecer.core.pollutants import accounting as ac
from ecer.core.pollutants.targets import national_targets
from ecer.reports.pollutant_report import PollutantReportInput
from tests import pollutant_handcase as hc


def increments() -> pl.DataFrame:
    years = [2021, 2022]
    return pl.DataFrame({"region_code": [hc.REGION] * 2, "pollutant": ["COD"] * 2, "year": years}).with_columns(
        new_emissions=pl.Series(
            [ac.domestic_increment(hc.POPULATION[y], hc.COD_PER_CAPITA, hc.POPULATION[y - 1], hc.COD_PER_CAPITA)
             for y in years]
        )
    )


def handcase_input(**changes: object) -> PollutantReportInput:
    measures = measure_reductions(hc.MEASURES)
    ledger, f1 = account(hc.BASE, measures, increments())
    progress, f2 = percentage_progress(ledger, national_targets())
    quantity, f3 = quantity_progress(ledger, hc.QUOTA)
    args: dict[str, object] = {
        "ledger": ledger, "progress": progress, "quantity": quantity, "measures": measures,
        "findings": [*f1, *f2, *f3], "data_origin": "synthetic", "as_of": "2026-12-02",
        "data_source": "手算示例 / hand-worked case",
    }
    args.update(changes)
    return PollutantReportInput(**args)  # type: ignore[arg-type]
