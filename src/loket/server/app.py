"""The central server's HTTP API (FastAPI on uvicorn).

``POST /api/v1/branches/{code}/events``   a batch of outbox events → each one held or refused
``GET  /api/v1/branches/{code}/reference`` what changed after a cursor (participants of
                                          other branches, conflicts, reference documents)
``GET  /api/v1/branches/{code}/registry-key`` the key of the registry's NIK hashes
``GET  /api/v1/branches/{code}/conflicts/{id}/people`` both sides of a NIK conflict
``GET  /api/v1/whoami``                   the branch a token belongs to (test connection)
``GET  /health``                          liveness, database included (for monitors)
``GET  /``                                the branches' status, for a regional user signed in
                                          as for ``/region``
``GET  /api/v1/region/summary``           the branches' closed days added up (regional role)
``GET  /region``                          the same as a page, after signing in with a
                                          regional user's token (``loket-server regional add``)

A regional user's token is not a branch's: it reads the regional summary and nothing else,
and a branch token cannot read the summary. A branch authenticates with
``Authorization: Bearer <token>`` (401 without a known token);
it may push and read only as itself (403 otherwise). A malformed batch (not the envelope
the schema describes, or one UUID for two different events) is refused whole with 422 naming
the event and field; one over the limits (events per batch, bytes per body) with 413.
Nothing of a refused request is stored. In a well-formed batch each event is answered on
its own — held, or refused with its reason (``loket.server.checks``) — so one bad event
never stops the ones behind it. Error answers never echo the body.
"""

import html
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
)
from sqlalchemy import Engine, select, text

from loket import __version__
from loket.domain.bundle import token_hash
from loket.domain.text import has_control_characters
from loket.server import region, store
from loket.server.schema import branch, regional_user

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    max_events: int = 1000  # per push
    max_body_bytes: int = 4 * 1024 * 1024
    max_pull: int = 5000  # items per reference page


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    uuid: UUID
    branch: str = Field(pattern=r"^[A-Z0-9]{2,8}$")
    seq: int = Field(ge=1, le=2**63 - 1)
    type: str = Field(min_length=3, max_length=64, pattern=r"^[a-z_]+(\.[a-z_]+)+$")
    created_at: AwareDatetime
    payload: dict[str, Any]

    def as_row(self) -> dict[str, Any]:
        """What ``store.receive_events`` reads."""
        return {
            "uuid": str(self.uuid),
            "seq": self.seq,
            "type": self.type,
            "created_at": self.created_at,
            "payload": self.payload,
        }


class AnchorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=1, le=2**63 - 1)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    # the branch restored a backup whose chain ended at this entry (see store.receive_anchor)
    restored_from: int | None = Field(default=None, ge=0, le=2**63 - 1)


_TICKET = r"^[A-Z][0-9]{3,4}$"


def _plain(value: str) -> str:
    if has_control_characters(value):
        raise ValueError("contains a control character (e.g. NUL)")
    return value


# text shown on the public queue page: no control characters (a NUL would also end in a
# database error), like every text of an event
PlainText = Annotated[str, AfterValidator(_plain)]


class CallIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=_TICKET)
    counter: PlainText = Field(min_length=1, max_length=60)


class QueueServiceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prefix: str = Field(pattern=r"^[A-Z]$")
    name: PlainText = Field(min_length=1, max_length=80)
    waiting: list[Annotated[str, Field(pattern=_TICKET)]] = Field(max_length=2000)
    serving: list[CallIn] = Field(max_length=100)


class QueueIn(BaseModel):
    """A branch's queue now (``services.queue.snapshot``)."""

    model_config = ConfigDict(extra="forbid")

    business_date: date
    taken_at: AwareDatetime
    services: list[QueueServiceIn] = Field(max_length=26)


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[EventIn]


_EVENTS = TypeAdapter(list[EventIn])


class _BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413 before the app sees any of it,
    whether or not the client announced its length."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await _too_large(self.limit)(scope, receive, send)
                return
            if not message.get("more_body"):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)


class _QuietErrors:
    """The outermost layer: an error nothing answered becomes a plain 500, logged as its
    class and SQLSTATE only. An exception's text may quote personal data (PostgreSQL's
    "Failing row contains (…)" holds the row: a NIK, a name, a birth date), and uvicorn
    would log it whole with the traceback."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            state = getattr(getattr(exc, "orig", None), "sqlstate", None)
            log.error(
                "%s %s failed: %s%s",
                scope.get("method", ""),
                scope.get("path", ""),
                type(exc).__name__,
                f" (SQLSTATE {state})" if state else "",
            )
            if not started:
                await JSONResponse({"detail": "internal error"}, status_code=500)(
                    scope, receive, send
                )


class _Headers:
    """Every answer: never stored by a browser or proxy (pages and answers carry branch and
    regional figures, reference data carries people), never framed by another site."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADER_LINES]
            await send(message)

        await self.app(scope, receive, with_headers)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"body larger than {limit} bytes"}, status_code=413)


def create_app(engine: Engine, limits: Limits | None = None) -> Any:
    limits = limits or Limits()
    app = build_api(engine, limits)
    return _QuietErrors(_Headers(_BodyLimit(app, limits.max_body_bytes)))


PUSH_PATH = "/api/v1/branches/{code}/events"


def openapi_schema(engine: Engine) -> dict[str, Any]:
    """The API's OpenAPI description (not served: a caller without a token learns nothing;
    the tests fuzz the API from it). The push's body is read by hand, so its schema is
    added here."""
    doc = dict(build_api(engine, Limits()).openapi())
    body = PushIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(body.pop("$defs", {}))
    schemas["PushIn"] = body
    doc["paths"][PUSH_PATH]["post"]["requestBody"] = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushIn"}}},
    }
    return doc


def build_api(engine: Engine, limits: Limits) -> FastAPI:
    app = FastAPI(
        title="Loket central server",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # where and what, never the input itself (a body may be megabytes of personal data)
        detail = [
            {
                "loc": list(e.get("loc", ())),
                "msg": str(e.get("msg", ""))[:300],
                "type": e.get("type"),
            }
            for e in list(exc.errors())[:20]
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    def authenticated(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "missing branch token", {"WWW-Authenticate": "Bearer"})
        with engine.connect() as conn:
            code = conn.scalar(
                select(branch.c.code).where(branch.c.token_hash == token_hash(token))
            )
        if code is None:
            raise HTTPException(401, "unknown branch token", {"WWW-Authenticate": "Bearer"})
        return str(code)

    Caller = Annotated[str, Depends(authenticated)]  # noqa: N806 (a type)

    def same_branch(code: str, caller: str) -> None:
        if code != caller:
            raise HTTPException(403, f"this token belongs to branch {caller}, not {code}")

    @app.get("/health")
    def health() -> JSONResponse:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})  # for monitors: no more

    @app.get("/api/v1/whoami")
    def whoami(caller: Caller) -> dict[str, str]:
        with engine.connect() as conn:
            name = conn.scalar(select(branch.c.name).where(branch.c.code == caller))
        return {"branch": caller, "name": str(name)}

    def store_batch(code: str, body: PushIn) -> bytes:
        events = [e.as_row() for e in body.events]
        rows = _EVENTS.dump_json(body.events).decode()  # the stored rows, serialised once
        with engine.begin() as conn:
            got = store.receive_events(
                conn, code, events, via="push", now=datetime.now(UTC), rows_json=rows
            )
        refused = [{"uuid": u, "reason": r} for u, r in got.refused.items()]
        return json.dumps({"stored": got.held, "new": got.new, "refused": refused}).encode()

    @app.post(PUSH_PATH)
    async def push(code: str, request: Request, caller: Caller) -> Response:
        same_branch(code, caller)
        try:  # parsed and checked in one pass (pydantic-core), then stored off the loop
            body = PushIn.model_validate_json(await request.body())
        except ValidationError as exc:
            raise RequestValidationError(
                [{**err, "loc": ("body", *err["loc"])} for err in exc.errors()]
            ) from None
        if len(body.events) > limits.max_events:
            raise HTTPException(413, f"at most {limits.max_events} events per batch")
        seen: dict[UUID, int] = {}
        for i, e in enumerate(body.events):
            if e.branch != code:
                raise HTTPException(403, f"events[{i}].branch is {e.branch}, not {code}")
            first = seen.setdefault(e.uuid, i)
            if first != i and body.events[first] != e:
                loc = ["body", "events", i, "uuid"]
                msg = f"the UUID of events[{first}], for another event"
                raise HTTPException(422, [{"loc": loc, "msg": msg, "type": "value_error"}])
        # the same event twice in one batch is one event
        body.events = [e for i, e in enumerate(body.events) if seen[e.uuid] == i]
        try:
            answer = await run_in_threadpool(store_batch, code, body)
        except store.SequenceHeld as exc:
            raise HTTPException(409, str(exc)) from None
        return Response(answer, media_type="application/json")

    @app.post("/api/v1/branches/{code}/anchor")
    def anchor(code: str, body: AnchorIn, caller: Caller) -> dict[str, Any]:
        """The head of the branch's audit chain, kept outside the branch."""
        same_branch(code, caller)
        try:
            with engine.begin() as conn:
                store.receive_anchor(
                    conn,
                    code,
                    body.seq,
                    body.hash,
                    datetime.now(UTC),
                    restored_from=body.restored_from,
                )
        except store.ChainWentBack as exc:
            raise HTTPException(409, str(exc)) from None
        return {"seq": body.seq, "hash": body.hash}

    @app.get("/api/v1/branches/{code}/anchor")
    def anchors(code: str, caller: Caller) -> dict[str, Any]:
        same_branch(code, caller)
        with engine.connect() as conn:
            return {"anchors": store.anchors(conn, code)}

    @app.get("/api/v1/branches/{code}/events")
    def own_events(
        code: str,
        caller: Caller,
        after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
    ) -> dict[str, Any]:
        """The branch's own events after sequence ``after``: what a restored copy lacks. The
        server keeps the asking as a recovery (a restart of the chain needs one)."""
        same_branch(code, caller)
        with engine.begin() as conn:
            return {"events": store.own_events(conn, code, after, limit, datetime.now(UTC))}

    @app.get("/api/v1/branches/{code}/reference")
    def reference(
        code: str,
        caller: Caller,
        cursor: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
        limit: Annotated[int, Query(ge=1, le=2**31 - 1)] = 1000,
    ) -> dict[str, Any]:
        same_branch(code, caller)
        with engine.connect() as conn:
            page = store.reference_for(conn, code, cursor, min(limit, limits.max_pull))
        return {"items": page.items, "cursor": page.cursor, "more": page.more}

    @app.get("/api/v1/branches/{code}/registry-key")
    def registry_key(code: str, caller: Caller) -> dict[str, str]:
        """The key of the NIK hashes in the reference data: a branch hashes a NIK typed at
        its counter with it to find it in the registry (kept in its OS keyring)."""
        same_branch(code, caller)
        with engine.connect() as conn:
            return {"key": store.registry_key(conn).hex()}

    @app.get("/api/v1/branches/{code}/conflicts/{conflict_id}/people")
    def conflict_people(
        code: str, conflict_id: Annotated[int, Path(ge=1, le=2**31 - 1)], caller: Caller
    ) -> dict[str, Any]:
        """The name and birth date of both participants of one of the branch's NIK
        conflicts, for its supervisor deciding it (the only time a branch reads another
        branch's person); logged."""
        same_branch(code, caller)
        with engine.connect() as conn:
            people = store.conflict_people(conn, code, conflict_id)
        if not people:
            raise HTTPException(404, "no such conflict of this branch")
        return {"people": people}

    @app.put("/api/v1/branches/{code}/queue")
    def queue_now(code: str, body: QueueIn, caller: Caller) -> dict[str, Any]:
        """The branch's queue as it is, for the page behind its tickets' QR codes."""
        same_branch(code, caller)
        with engine.begin() as conn:
            store.receive_queue(
                conn, code, body.business_date, body.model_dump_json(), datetime.now(UTC)
            )
        return {"business_date": body.business_date.isoformat()}

    @app.get("/antrean/{code}/{day}/{ticket}", response_class=HTMLResponse)
    def queue_page(code: str, day: date, ticket: str) -> HTMLResponse:
        """What a person who scanned their ticket sees: their place in the queue, as the
        branch last said. Public: a ticket carries no personal data."""
        with engine.connect() as conn:
            known = conn.scalar(select(branch.c.name).where(branch.c.code == code))
            found = store.queue_of(conn, code) if known else None
        if known is None:
            return HTMLResponse(_queue_html("Cabang tidak dikenal.", ""), status_code=404)
        if not TICKET_SHAPE.fullmatch(ticket.upper()):  # never echo other text on this page
            return HTMLResponse(_queue_html("Nomor antrean tidak dikenal.", ""), status_code=404)
        return HTMLResponse(_queue_html(*_queue_state(known, day, ticket.upper(), found)))

    def period(first: date | None, last: date | None) -> tuple[date, date]:
        last = last or datetime.now(UTC).date()
        first = first or last.replace(month=1, day=1)
        if first > last:
            raise HTTPException(422, "first is after last")
        return first, last

    def regional(request: Request) -> str:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "missing regional token", {"WWW-Authenticate": "Bearer"})
        with engine.connect() as conn:
            username = region.regional_reader(conn, token)
        if username is None:
            raise HTTPException(401, "not a regional user's token", {"WWW-Authenticate": "Bearer"})
        return username

    @app.get("/api/v1/region/summary")
    def region_summary(
        reader: Annotated[str, Depends(regional)],
        first: date | None = None,
        last: date | None = None,
    ) -> dict[str, Any]:
        first, last = period(first, last)
        with engine.connect() as conn:
            return region.as_json(first, last, region.summary(conn, first, last))

    sessions = region.Sessions()

    def page_reader(request: Request) -> str | None:
        username = sessions.reader(request.cookies.get(region.Sessions.NAME))
        if username is None:
            return None
        with engine.connect() as conn:  # a user disabled since signing in is out at once
            active = conn.scalar(
                select(regional_user.c.username).where(
                    regional_user.c.username == username, regional_user.c.active
                )
            )
        return username if active else None

    def sign_in(then: str, message: str = "") -> HTMLResponse:
        return HTMLResponse(_SIGN_IN.format(message=message, then=then), status_code=401)

    @app.get("/region", response_class=HTMLResponse)
    def region_page(
        request: Request, first: date | None = None, last: date | None = None
    ) -> Response:
        username = page_reader(request)
        if username is None:
            return sign_in("/region")
        first, last = period(first, last)
        with engine.connect() as conn:
            rows = region.summary(conn, first, last)
        return HTMLResponse(_region_html(username, first, last, rows))

    @app.post("/region/login")
    async def region_login(request: Request) -> Response:
        _same_origin(request)
        form = parse_qs((await request.body())[:4096].decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        then = (form.get("then") or [""])[0]
        then = then if then in _AFTER_SIGN_IN else "/region"
        with engine.connect() as conn:
            username = region.regional_reader(conn, token) if token.strip() else None
        if username is None:
            message = "<p class=err>Token tidak dikenal atau pengguna dinonaktifkan.</p>"
            return sign_in(then, message)
        response = RedirectResponse(then, status_code=303)
        response.set_cookie(
            region.Sessions.NAME,
            sessions.issue(username),
            max_age=region.Sessions.LIFETIME,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @app.post("/region/logout")
    def region_logout(request: Request) -> Response:
        _same_origin(request)
        sessions.end(request.cookies.get(region.Sessions.NAME))
        response = RedirectResponse("/region", status_code=303)
        response.delete_cookie(region.Sessions.NAME)
        return response

    @app.get("/", response_class=HTMLResponse)
    def status_page(request: Request) -> Response:
        """The branches, their traffic, conflicts and restores: for the regional office."""
        if page_reader(request) is None:
            return sign_in("/")
        with engine.connect() as conn:
            rows = store.branch_statuses(conn)
        cells = "".join(
            _ROW.format(
                html.escape(r.code),
                html.escape(r.name),
                r.events_received,
                _utc(r.last_contact_at),
                r.open_conflicts,
                _utc(r.restored_at),
            )
            for r in rows
        )
        return HTMLResponse(_STATUS_PAGE.format(version=__version__, rows=cells or _NO_BRANCHES))

    return app


_AFTER_SIGN_IN = ("/", "/region")  # where a sign-in may lead: never an address given


def _same_origin(request: Request) -> None:
    """A sign-in or sign-out comes from the server's own pages: a browser says where a form
    was posted from (``Origin``, else ``Sec-Fetch-Site``); another site's is refused."""
    origin = request.headers.get("origin")
    if origin is not None:
        if origin == "null" or urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403, "a form of another site")
    elif request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise HTTPException(403, "a form of another site")


_HEADER_LINES = [
    (name.encode(), value.encode())
    for name, value in (
        ("Cache-Control", "no-store"),
        ("X-Frame-Options", "DENY"),  # no page of the server inside another site's frame
        ("Content-Security-Policy", "frame-ancestors 'none'; form-action 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        # not no-referrer: under it a browser posts the sign-in form with "Origin: null"
        ("Referrer-Policy", "same-origin"),
    )
]


# a ticket's number: the service's letter and three (past 999, four) digits
TICKET_SHAPE = re.compile(r"[A-Z][0-9]{3,4}")


def _queue_state(
    branch_name: str, day: date, ticket: str, found: tuple[date, dict[str, Any], datetime] | None
) -> tuple[str, str]:
    """(what to say, when the branch said it) for ``ticket`` of ``day``."""
    if found is None or found[0] != day:
        return f"{branch_name}: belum ada data antrean untuk {day:%d-%m-%Y}.", ""
    _, queue, _ = found
    said = datetime.fromisoformat(queue["taken_at"]).strftime("%H:%M")
    for service in queue["services"]:
        serving = ", ".join(f"{c['code']} ({c['counter']})" for c in service["serving"])
        for call in service["serving"]:
            if call["code"] == ticket:
                return f"Nomor {ticket} dipanggil ke {call['counter']}: silakan ke loket.", said
        if ticket in service["waiting"]:
            ahead = service["waiting"].index(ticket)
            now = f" Sedang dilayani: {serving}." if serving else ""
            return (
                f"Nomor {ticket} · {service['name']}: {ahead} orang sebelum Anda.{now}",
                said,
            )
    return (
        f"Nomor {ticket} tidak sedang menunggu (sudah dilayani, atau bukan nomor hari itu).",
        said,
    )


def _queue_html(message: str, said: str) -> str:
    when = f"<p class=s>Diperbarui cabang pukul {html.escape(said)}.</p>" if said else ""
    return _QUEUE_PAGE.format(message=html.escape(message), when=when)


_QUEUE_PAGE = """<!doctype html>
<html lang=id><head><meta charset=utf-8><meta http-equiv=refresh content=30>
<meta name=viewport content="width=device-width, initial-scale=1"><title>Antrean</title>
<style>body{{font:20px system-ui,sans-serif;margin:1.5em;color:#1e3a2b}}
.s{{font-size:15px;color:#555}}</style></head><body><h1>Antrean</h1>
<p>{message}</p>{when}<p class=s>Halaman ini menyegarkan sendiri tiap 30 detik.</p>
</body></html>"""


def _utc(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "—"


_ROW = (
    "<tr><td>{}</td><td>{}</td><td class=n>{:,}</td><td>{}</td><td class=n>{}</td><td>{}</td></tr>"
)
_NO_BRANCHES = "<tr><td colspan=6>No branch yet: loket-server branch add CODE NAME</td></tr>"
_STATUS_PAGE = """<!doctype html>
<html lang=en><head><meta charset=utf-8><meta http-equiv=refresh content=60>
<title>Loket central server</title>
<style>body{{font:15px system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ccc;padding:.3em .8em;text-align:left}}.n{{text-align:right}}
</style></head><body><h1>Loket central server</h1>
<table><tr><th>Branch</th><th>Name</th><th class=n>Events received</th><th>Last contact</th>
<th class=n>Open NIK conflicts</th><th>Restored from a backup</th></tr>{rows}</table>
<p>loket {version} · refreshes every minute</p></body></html>"""


def _rupiah(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _region_html(username: str, first: date, last: date, rows: list[region.BranchFigures]) -> str:
    def cells(r: region.BranchFigures | None, code: str, name: str, closed: str) -> str:
        def f(field: str) -> int:
            if r is not None:
                return int(getattr(r, field))
            return sum(int(getattr(x, field)) for x in rows)

        return (
            f"<td>{html.escape(code)}</td><td>{html.escape(name)}</td>"
            f"<td class=n>{_count(f('days_closed'))}</td><td>{closed}</td>"
            f"<td class=n>{_count(f('receipts'))}</td><td class=n>{_rupiah(f('paid'))}</td>"
            f"<td class=n>{_rupiah(f('relief'))}</td>"
            f"<td class=n>{_count(f('claims_paid'))}</td>"
            f"<td class=n>{_rupiah(f('claims_paid_amount'))}</td>"
            f"<td class=n>{_count(f('registrations'))}</td>"
            f"<td class=n>{_count(f('participants'))}</td>"
            f"<td class=n>{_rupiah(f('cash_difference'))}</td>"
        )

    body = "".join(
        "<tr>" + cells(r, r.code, r.name,
                       r.last_closed.strftime("%d-%m-%Y") if r.last_closed else "—") + "</tr>"
        for r in rows
    ) or "<tr><td colspan=12>Belum ada cabang.</td></tr>"  # fmt: skip
    total = "<tr class=total>" + cells(None, "", "Jumlah wilayah", "") + "</tr>"
    return _REGION_PAGE.format(
        user=html.escape(username),
        first=first.isoformat(),
        last=last.isoformat(),
        period=f"{first.strftime('%d-%m-%Y')} s.d. {last.strftime('%d-%m-%Y')}",
        rows=body,
        total=total,
        version=__version__,
    )


_STYLE = """<style>body{{font:15px system-ui,sans-serif;margin:2em;color:#1f1f1f}}
h1{{color:#1f7042}}table{{border-collapse:collapse;margin-top:1em}}
td,th{{border-bottom:1px solid #ccc;padding:.3em .7em;text-align:left}}
td{{white-space:nowrap}}.n{{text-align:right}}
th{{background:#1f7042;color:#fff}}tr.total td{{font-weight:bold;background:#eef5ef}}
.err{{color:#b3261e}}form.inline{{display:inline}}</style>"""
_SIGN_IN = (
    """<!doctype html>
<html lang=id><head><meta charset=utf-8><title>Ringkasan wilayah — masuk</title>"""
    + _STYLE
    + """
</head><body><h1>Ringkasan wilayah</h1>{message}
<form method=post action=/region/login><input type=hidden name=then value="{then}">
<label>Token pengguna wilayah
<input type=password name=token id=token autofocus required></label>
<button type=submit id=signin>Masuk</button></form>
<p>Token dibuat oleh admin server pusat: <code>loket-server regional add NAMA</code>.</p>
</body></html>"""
)
_REGION_PAGE = (
    """<!doctype html>
<html lang=id><head><meta charset=utf-8><title>Ringkasan wilayah {period}</title>"""
    + _STYLE
    + """
</head><body><h1>Ringkasan wilayah</h1>
<div>Masuk sebagai <b>{user}</b> ·
<form class=inline method=post action=/region/logout><button type=submit>Keluar</button></form>
· <a href="/api/v1/region/summary?first={first}&amp;last={last}">JSON (dengan token)</a></div>
<form method=get action=/region>Periode <input type=date name=first value={first}>
s.d. <input type=date name=last value={last}> <button type=submit>Tampilkan</button></form>
<table id=summary><tr><th>Cabang</th><th>Nama</th><th class=n>Hari ditutup</th>
<th>Terakhir ditutup</th><th class=n>Kuitansi</th><th class=n>Iuran diterima</th>
<th class=n>Keringanan PP 50/2025</th><th class=n>Klaim dibayar</th>
<th class=n>Nilai klaim dibayar</th><th class=n>Pendaftaran</th>
<th class=n>Peserta terdaftar</th><th class=n>Selisih kas</th></tr>
{rows}{total}</table>
<p>Periode {period}: dari rekap harian yang ditutup tiap cabang. loket {version}</p>
</body></html>"""
)
