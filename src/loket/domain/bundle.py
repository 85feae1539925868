"""Branch tokens and signed bundles (the sneakernet), shared by the client and the server.

A branch token is ``<CODE>.<43 random characters>``, shown once by ``loket-server branch
add``. The server keeps only its SHA-256 (to recognise it) and the *bundle key*, a second
one-way derivation of it. A bundle — pending events going up on a USB stick, reference data
coming down — is JSON with an HMAC-SHA256 of its content under that key: whoever holds the
token (the branch, in its keyring) or the server can make one; a changed byte, another
branch's key or a bundle of the wrong kind is refused. A leaked server database lets no one
log in as a branch (the token is not in it), but it would let someone forge bundles: guard
it like the rest of the server's data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

FORMAT = "loket-bundle/1"
EVENTS, REFERENCE = "events", "reference"
_TOKEN = re.compile(r"^([A-Z0-9]{2,8})\.[A-Za-z0-9_-]{32,}$")


class BundleError(ValueError):
    """A bundle that must not be trusted or cannot be read; nothing was applied."""


def new_token(branch_code: str) -> str:
    return f"{branch_code}.{secrets.token_urlsafe(32)}"


def token_branch(token: str) -> str | None:
    """The branch a well-formed token names, or None for anything else."""
    match = _TOKEN.match(token.strip())
    return match.group(1) if match else None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def bundle_key(token: str) -> str:
    return hashlib.sha256(b"loket-bundle-v1\0" + token.strip().encode()).hexdigest()


def _canonical(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _mac(key: str, content: dict[str, Any]) -> str:
    return hmac.new(bytes.fromhex(key), _canonical(content), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Bundle:
    kind: str
    branch: str
    created_at: str
    items: list[dict[str, Any]]
    cursor: int = 0  # reference bundles: the cursor after their items
    acked_through: int = 0  # reference bundles: the server holds the branch's events 1..N


def write_bundle(bundle: Bundle, key: str) -> bytes:
    content = {
        "format": FORMAT,
        "kind": bundle.kind,
        "branch": bundle.branch,
        "created_at": bundle.created_at,
        "cursor": bundle.cursor,
        "acked_through": bundle.acked_through,
        "items": bundle.items,
    }
    return json.dumps({"content": content, "hmac": _mac(key, content)}, ensure_ascii=False).encode()


def read_bundle(data: bytes, kind: str, key_for: Any) -> Bundle:
    """Checks and opens a bundle. ``key_for(branch)`` gives the bundle key of the branch the
    bundle claims to come from (or be for), or None if unknown."""
    try:
        outer = json.loads(data)
        content, mac = outer["content"], outer["hmac"]
        branch = content["branch"]
        if content.get("format") != FORMAT:
            raise BundleError(f"not a Loket bundle ({content.get('format')!r})")
        if not isinstance(mac, str) or not isinstance(branch, str):
            raise BundleError("malformed bundle")
    except BundleError:
        raise
    except (ValueError, KeyError, TypeError):
        raise BundleError("not a Loket bundle (unreadable JSON)") from None
    key = key_for(branch)
    if key is None:
        raise BundleError(f"unknown branch {branch!r}")
    if not hmac.compare_digest(_mac(key, content), mac):
        raise BundleError(
            f"the signature does not match: the bundle was changed or is not from branch {branch}"
        )
    if content.get("kind") != kind:
        raise BundleError(f"a bundle of {content.get('kind')!r}, not {kind!r}")
    items = content.get("items")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise BundleError("malformed bundle items")
    datetime.fromisoformat(content["created_at"])
    return Bundle(
        kind,
        branch,
        content["created_at"],
        items,
        int(content.get("cursor", 0)),
        int(content.get("acked_through", 0)),
    )
