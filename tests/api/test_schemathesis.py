"""A bounded, deterministic schemathesis run against the app in process: every operation of the OpenAPI document
(uploads included), a fixed number of derandomized examples each, all of schemathesis' checks (no server error,
status codes and bodies as documented, content types, negative data rejected, …)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ecer.api.app import create_app
from ecer.storage import Store
from tests import handcase

MAX_EXAMPLES = 8  # per operation: the whole run takes well under a minute


def _app(tmp: Path) -> object:
    path = tmp / "fuzz.duckdb"
    with Store.open(path) as s:
        for name, frame in (("regions", handcase.REGIONS), ("energy", handcase.ENERGY),
                            ("targets", handcase.TARGETS)):
            s.load(name, frame, file=f"{name}.csv", who="t", why="seed")
    return create_app(path, max_upload_bytes=200_000)


# Built at collection (schemathesis parametrizes from a schema object); the store lives in a temporary folder.
_TMP = Path(tempfile.mkdtemp(prefix="ecer-fuzz-"))
# /docs is the Swagger page (HTML, 503 without the vendor files), not an API operation
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(_TMP)).exclude(path="/docs")


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    shutil.rmtree(_TMP, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_document(case: schemathesis.Case) -> None:
    # An upload's body is "a binary file" to the document: whether its bytes are a filled template is beyond any
    # schema, so a schema-valid upload may rightly be refused (422 with its row errors) — the one check left out there.
    # The analysis routes likewise refuse some schema-valid parameters on their meaning (an end year not after the
    # start, a national target the regional bounds cannot reach, a sign change in the data): 422 with the finding.
    refusing = ("/api/uploads/{template}", "/api/analysis/lmdi", "/api/analysis/allocation")
    excluded = [positive_data_acceptance] if case.operation.path in refusing else []
    case.call_and_validate(excluded_checks=excluded)
