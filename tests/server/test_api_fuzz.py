"""The central server's API fuzzed from its OpenAPI description with schemathesis, against
the real server process on PostgreSQL: whatever a branch's token sends (a regional user's
for the regional summary), the answer is never a server error (issue 14: seq ≥ 2⁶³,
totals as 1.5 or true, strings past their columns, claims without a benefit, corrections
with a non-date all gave 500)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from loket.server.app import PUSH_PATH, openapi_schema
from tests.central import CentralServer, Office

pytestmark = pytest.mark.postgres


def test_no_request_of_a_branch_makes_the_server_fail(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    central.start()
    bjm = linked["BJM"]
    code, out, _ = central.cli("regional", "add", "kanwil", "--name", "Kanwil")
    assert code == 0
    regional = out.strip().splitlines()[-1]
    schema = schemathesis.openapi.from_dict(openapi_schema(central.engine))
    failures: list[str] = []
    calls: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=80,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def call(case: schemathesis.Case) -> None:
            if case.path_parameters and "code" in case.path_parameters:
                case.path_parameters["code"] = "BJM"  # its own branch: the deepest path
            token = regional if "region" in case.path else bjm.token  # each its own reader
            response = case.call(
                base_url=central.base_url, headers={"Authorization": f"Bearer {token}"}
            )
            key = f"{case.method.upper()} {case.path}"
            calls[key] = calls.get(key, 0) + 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        call()
    assert failures == []
    assert calls[f"POST {PUSH_PATH}"] >= 50 and len(calls) == 16  # every operation
