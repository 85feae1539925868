"""Every event type's payload, mutated field by field, against the real server on
PostgreSQL (issue 25, finding 1): whatever a branch's token puts in a payload, the batch is
answered (never a 5xx), every event in it is held or refused on its own, a payload that fits
its type's table (``loket.domain.events``) is one the database takes, and no database text
reaches the server's log.

The payloads are drawn from the same table the server checks (hypothesis, a fixed seed):
valid ones, then each with one field made wrong — another type, too long, out of range,
null, a control character, a key too many or one missing."""

from __future__ import annotations

import re
import uuid as uuidlib
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.domain import events as ev
from loket.server.store import NOT_APPLIED
from tests.central import CentralServer, Office

pytestmark = pytest.mark.postgres


def _strategy(spec: ev.Spec) -> st.SearchStrategy[Any]:
    """Values that fit ``spec``."""
    if isinstance(spec, ev.Text):
        if spec.choices:
            return st.sampled_from(spec.choices)
        if spec.pattern:
            found = st.from_regex(spec.pattern, fullmatch=True)
            return found.filter(lambda t: spec.min_length <= len(t) <= spec.max_length)
        return st.text(
            st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
            min_size=spec.min_length,
            max_size=min(spec.max_length, 40),
        ) | st.just("x" * spec.max_length)
    if isinstance(spec, ev.Whole):
        return st.integers(spec.low, spec.high) | st.sampled_from((spec.low, spec.high))
    if isinstance(spec, ev.Day):
        return st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat)
    if isinstance(spec, ev.Instant):
        moments = st.datetimes(datetime(1900, 1, 2), datetime(2100, 12, 30), timezones=st.just(UTC))
        return moments.map(datetime.isoformat)
    if isinstance(spec, ev.Flag):
        return st.booleans()
    if isinstance(spec, ev.Nullable):
        return st.none() | _strategy(spec.inner)
    if isinstance(spec, ev.ListOf):
        return st.lists(_strategy(spec.item), max_size=min(spec.max_items, 3))
    if isinstance(spec, ev.MapOf):
        return st.dictionaries(_strategy(spec.key), _strategy(spec.value), max_size=4)
    if isinstance(spec, ev.Obj):
        return st.fixed_dictionaries(
            {k: _strategy(v) for k, v in spec.required.items()},
            optional={k: _strategy(v) for k, v in spec.optional.items()},
        )
    if isinstance(spec, ev.Scalar):
        item = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=20)
        return item | st.lists(item, max_size=3)
    raise AssertionError(f"no strategy for {spec!r}")


def _own(value: Any, code: str) -> Any:
    """Document numbers made the sending branch's own, so most payloads go all the way."""
    if isinstance(value, str):
        return re.sub(r"^(KW|KL|BA)/[A-Z0-9]{2,8}/", rf"\1/{code}/", value)
    if isinstance(value, dict):
        return {k: _own(v, code) for k, v in value.items()}
    if isinstance(value, list):
        return [_own(v, code) for v in value]
    return value


_BAD = (
    None, True, -1, 1.5, 2**31, 2**63 - 1, -(2**63), "", "7", "x" * 300, "a\x00b", "\u202e",
    {}, [], {"x": 1}, [{"x": {"y": 1}}], {"JKM": 5}, {"BPU": {"x": 1}},
)  # fmt: skip


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*path, i))
    return found


@st.composite
def _mutated(draw: st.DrawFn, kind: str, code: str) -> dict[str, Any]:
    payload = _own(draw(_strategy(ev.schema(kind))), code)
    paths = _paths(payload)
    # "none" first: the simplest example, which hypothesis tries early, is every type valid
    how = draw(st.sampled_from(("none", "replace", "remove", "add")))
    if how == "none" or not paths:
        return payload
    *parent_path, last = draw(st.sampled_from(paths))
    parent = payload
    for step in parent_path:
        parent = parent[step]
    if how == "remove":
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("extra", "segment", "programs", "x" * 200)))] = 1
    else:
        parent[last] = draw(st.sampled_from(_BAD))
    return payload


def _event(code: str, seq: int, kind: str, payload: Any) -> dict[str, Any]:
    return {
        "uuid": str(uuidlib.uuid4()),
        "branch": code,
        "seq": seq,
        "type": kind,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": payload,
    }


def test_valid_payloads_pass_and_every_mutation_is_refused_alone_never_with_a_5xx(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    central.start()
    bjm = linked["BJM"]
    seq = iter(range(1, 10**9))
    batches: list[int] = []
    failures: list[str] = []
    refused_by_db: list[str] = []

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.data())
    def push(data: st.DataObject) -> None:
        batch = [
            _event("BJM", next(seq), kind, data.draw(_mutated(kind, "BJM"), label=kind))
            for kind in ev.EVENT_TYPES
        ]
        answer = httpx.post(
            f"{central.base_url}/api/v1/branches/BJM/events",
            json={"events": batch},
            headers={"Authorization": f"Bearer {bjm.token}"},
            timeout=30,
        )
        batches.append(len(batch))
        if answer.status_code != 200:
            failures.append(f"{answer.status_code}: {answer.text[:200]}")
            return
        body = answer.json()
        answered = set(body["stored"]) | {r["uuid"] for r in body["refused"]}
        if answered != {e["uuid"] for e in batch}:
            failures.append("an event of the batch was not answered")
        for r in body["refused"]:
            if r["reason"] == NOT_APPLIED:
                kind = next(e["type"] for e in batch if e["uuid"] == r["uuid"])
                refused_by_db.append(kind)

    push()
    assert failures == []
    # what the table lets through, the database takes: the table is as strict as its columns
    assert refused_by_db == []
    assert len(batches) == 60 and sum(batches) == 60 * len(ev.EVENT_TYPES)
    held = central.scalar("SELECT count(*) FROM event WHERE status = 'applied'")
    refused = central.scalar("SELECT count(*) FROM event WHERE status = 'refused'")
    assert held > 300 and refused > 300  # both sides were reached, for every type below
    kinds = {r[0] for r in central.rows("SELECT DISTINCT type FROM event WHERE status='applied'")}
    assert kinds == set(ev.EVENT_TYPES)
    assert "Failing row" not in central.log_text() and "Traceback" not in central.log_text()


def test_an_event_the_database_refuses_is_refused_alone_and_said_without_its_row(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    """The table cannot know every rule the database holds (a CHECK added here stands in for
    one): the event the database refuses is refused alone, the one behind it is applied,
    and the log says which event and the SQLSTATE, never the row."""
    central.start()
    bjm = linked["BJM"]
    with central.engine.begin() as conn:  # a rule only the database knows, as a stand-in
        conn.exec_driver_sql(
            "ALTER TABLE participant ADD CONSTRAINT no_test_names CHECK (full_name <> 'TOLAK')"
        )
    registered = {
        "entity": "participant:1", "by": "petugas", "nik": "6371010101900001",
        "full_name": "TOLAK", "birth_date": "1990-01-01", "segment": "BPU", "programs": "JKK",
    }  # fmt: skip
    bad = _event("BJM", 1, "participant.registered", {**registered, "kpj": "63100000015"})
    good = _event(
        "BJM", 2, "participant.registered",
        {**registered, "kpj": "63100000023", "full_name": "Siti", "nik": "6371010101900002"},
    )  # fmt: skip
    answer = httpx.post(
        f"{central.base_url}/api/v1/branches/BJM/events",
        json={"events": [bad, good]},
        headers={"Authorization": f"Bearer {bjm.token}"},
    )
    assert answer.status_code == 200
    assert answer.json()["stored"] == [good["uuid"]]
    assert answer.json()["refused"] == [{"uuid": bad["uuid"], "reason": NOT_APPLIED}]
    assert central.scalar("SELECT full_name FROM participant") == "Siti"
    assert central.scalar("SELECT payload FROM event WHERE uuid = :u", u=bad["uuid"]) == "{}"
    log = central.log_text()
    assert "TOLAK" not in log and "6371010101900001" not in log
    assert f"event {bad['uuid']} (participant.registered) not applied: SQLSTATE 23514" in log
