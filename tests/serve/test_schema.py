"""Property tests of the whole API against its own OpenAPI document, with Schemathesis.

Schemathesis generates requests from the schema, valid and invalid, and sends them to the real app over
HTTP, on a seeded SQLite store: no answer may be a server error, and every answer must match the schema
(status codes, content types, bodies). Examples are bounded so the suite stays quick; the server has no
token, so ``POST /api/ingest`` is refused and never fetches a generated URL.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.openapi import from_dict
from schemathesis.schemas import APIOperation

from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from tests.conftest import LiveServer

EXAMPLES = 25
SPEC = create_app(settings=ServeSettings()).openapi()  # routes only: the store opens when the app starts
OPERATIONS = [result.ok() for result in from_dict(SPEC).get_all_operations()]
CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode}")
    for operation in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or operation.query or operation.path_parameters or operation.body
]  # a request without parameters or body cannot be made invalid


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_api_matches_its_schema(server: LiveServer, operation: APIOperation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: object) -> None:
        case.call_and_validate(base_url=server.url)  # type: ignore[attr-defined]

    check()
