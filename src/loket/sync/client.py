"""The HTTP client of the central server's API (see ``loket.server.app``)."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Any

import httpx

from loket import __version__
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError


class SyncError(LoketError):
    """Sync did not happen; nothing was marked sent. ``offline`` when the server could not
    be reached at all (the counter carries on and sync tries again later)."""

    offline = False


class ServerUnreachable(SyncError):
    offline = True


class TokenRefused(SyncError):
    pass


class AnchorRefused(SyncError):
    """The server holds a longer audit chain than this branch has now (entries removed,
    or a database restored from a backup): an alarm, not a reason to stop syncing."""


class SequenceHeld(SyncError):
    """The server holds other events under the numbers this branch sends: its database went
    back without a recovery. Nothing is sent until it is restored properly."""


@dataclass(frozen=True)
class PushAnswer:
    stored: list[str]  # held by the server (new or seen before)
    refused: dict[str, str]  # uuid → the server's reason; nothing of it was applied


def _refusal(response: httpx.Response) -> SyncError:
    try:
        detail = response.json().get("detail", "")
    except ValueError:
        detail = response.text[:200]
    if isinstance(detail, list) and detail:  # FastAPI's validation errors
        first = detail[0]
        detail = f"{'.'.join(str(p) for p in first.get('loc', []))}: {first.get('msg', '')}"
    if response.status_code == 401:
        return TokenRefused(
            QT_TRANSLATE_NOOP(
                "LoketError", "Server menolak token cabang ini. Periksa token di Server pusat."
            )
        )
    if response.status_code == 409 and response.request.url.path.endswith("/events"):
        return SequenceHeld(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Server pusat sudah memegang kejadian lain dengan nomor urut yang dikirim "
                "cabang ini: database cabang mundur (dipulihkan dari cadangan tanpa "
                "pemulihannya). Tidak ada yang dikirim. Pulihkan dengan 'loket-admin restore' "
                "dari cadangan terakhir, atau hubungi kantor wilayah.",
            )
        )
    if response.status_code == 409:
        return AnchorRefused(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Server pusat menolak kepala rantai audit: {detail}. Laporkan ke kantor wilayah.",
            ),
            detail=str(detail),
        )
    if response.status_code == 403:
        return TokenRefused(
            QT_TRANSLATE_NOOP("LoketError", "Token ini milik cabang lain: {detail}"),
            detail=str(detail),
        )
    return SyncError(
        QT_TRANSLATE_NOOP("LoketError", "Server menolak kiriman (HTTP {status}): {detail}"),
        status=response.status_code,
        detail=str(detail),
    )


OWN_EVENTS_PAGE = 1000


class SyncClient:
    """One connection (kept alive) to the server, authenticated as one branch."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 30.0,
        verify: bool | str = True,  # or a CA file (also: SSL_CERT_FILE in the environment)
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={
                "Authorization": f"Bearer {token.strip()}",
                "User-Agent": f"loket/{__version__}",
            },
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            verify=ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify,
        )

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc) or isinstance(
                exc.__context__ or exc.__cause__, ssl.SSLCertVerificationError
            ):
                raise ServerUnreachable(
                    QT_TRANSLATE_NOOP(
                        "LoketError",
                        "Sertifikat server pusat tidak dikenali komputer ini ({reason}). Pasang "
                        "sertifikat CA kantor pusat di sistem, atau arahkan Loket ke berkasnya "
                        "dengan variabel lingkungan SSL_CERT_FILE (lihat README).",
                    ),
                    field="url",
                    reason=str(exc).strip().splitlines()[0][:160] if str(exc).strip() else "TLS",
                ) from exc
            raise ServerUnreachable(
                QT_TRANSLATE_NOOP("LoketError", "Server pusat tidak terjangkau ({reason})."),
                reason=type(exc).__name__,
            ) from exc
        except httpx.TransportError as exc:
            raise ServerUnreachable(
                QT_TRANSLATE_NOOP("LoketError", "Server pusat tidak terjangkau ({reason})."),
                reason=type(exc).__name__,
            ) from exc
        if response.status_code >= 500:
            raise ServerUnreachable(
                QT_TRANSLATE_NOOP("LoketError", "Server pusat sedang bermasalah (HTTP {status})."),
                status=response.status_code,
            )
        if response.status_code >= 400:
            raise _refusal(response)
        return response.json()

    def whoami(self) -> dict[str, str]:
        return dict(self._call("GET", "/api/v1/whoami"))

    def push_body(self, branch: str, body: bytes) -> PushAnswer:
        """Sends one batch, already encoded as ``{"events": […]}`` (see
        ``services.sync.pending_batch``): the UUIDs the server now holds, and those it
        refused with the reason."""
        answer = self._call(
            "POST",
            f"/api/v1/branches/{branch}/events",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        refused = {str(r["uuid"]): str(r["reason"]) for r in answer.get("refused", [])}
        return PushAnswer([str(u) for u in answer["stored"]], refused)

    def send_anchor(
        self, branch: str, seq: int, hash_: str, *, restored_from: int | None = None
    ) -> None:
        """The head of the branch's audit chain, for the server to keep; ``restored_from``:
        the chain restarted from a backup that ended at that entry."""
        body: dict[str, Any] = {"seq": seq, "hash": hash_}
        if restored_from is not None:
            body["restored_from"] = restored_from
        self._call("POST", f"/api/v1/branches/{branch}/anchor", json=body)

    def anchors(self, branch: str) -> list[dict[str, Any]]:
        """Every head of the chain the server kept, in the order received: ``seq``, ``hash``,
        ``received_at`` and ``restored_from`` (set where the chain restarted from a backup)."""
        return list(self._call("GET", f"/api/v1/branches/{branch}/anchor")["anchors"])

    def put_queue(self, branch: str, queue: dict[str, Any]) -> None:
        """The branch's queue now, for the page behind its tickets' QR codes."""
        self._call("PUT", f"/api/v1/branches/{branch}/queue", json=queue)

    def registry_key(self, branch: str) -> str:
        """The key (hex) of the NIK hashes in the reference data."""
        return str(self._call("GET", f"/api/v1/branches/{branch}/registry-key")["key"])

    def conflict_people(self, branch: str, conflict_id: int) -> list[dict[str, Any]]:
        """Both participants of one of the branch's NIK conflicts: KPJ, branch, full name,
        birth date."""
        path = f"/api/v1/branches/{branch}/conflicts/{conflict_id}/people"
        return list(self._call("GET", path)["people"])

    def own_events(self, branch: str, after: int, limit: int = 1000) -> list[dict[str, Any]]:
        """The branch's own events the server holds after sequence ``after``, in order."""
        found = self._call(
            "GET", f"/api/v1/branches/{branch}/events", params={"after": after, "limit": limit}
        )
        return list(found["events"])

    def all_own_events(self, branch: str, after: int) -> list[dict[str, Any]]:
        """Every one of the branch's own events after ``after``, page by page."""
        held: list[dict[str, Any]] = []
        while page := self.own_events(branch, after, OWN_EVENTS_PAGE):
            held.extend(page)
            after = int(page[-1]["seq"])
            if len(page) < OWN_EVENTS_PAGE:
                break
        return held

    def pull(self, branch: str, cursor: int, limit: int = 1000) -> dict[str, Any]:
        return dict(
            self._call(
                "GET",
                f"/api/v1/branches/{branch}/reference",
                params={"cursor": cursor, "limit": limit},
            )
        )
