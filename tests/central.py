"""The sync tests' setting: a real central server process on 127.0.0.1 over a throwaway
PostgreSQL database, and branch databases that work on their own.

Loaded as a pytest plugin (``tests/conftest.py``).
"""

from __future__ import annotations

import contextlib
import io
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backends import SecretService
from sqlalchemy import Engine, create_engine, text

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.server.cli import main as server_cli
from loket.services import auth, branch, users
from loket.services.actor import Actor, Role
from tests.pg_cluster import Cluster, _free_port


class MemoryKeyring(SecretService.Keyring):
    """The OS keyring is a true edge: the tests keep secrets in memory, in the place of the
    Secret Service (GNOME Keyring), whose kind Loket accepts."""

    priority = -1  # type: ignore[assignment]  # never chosen on its own: only by the fixture

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    from loket.keys import forget_keys

    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    forget_keys()  # what the keyring held is read again
    yield backend
    keyring.set_keyring(before)
    forget_keys()


def run_server_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = server_cli(list(args))
    return code, out.getvalue(), err.getvalue()


class CentralServer:
    """``loket-server serve`` in its own process, started, killed and restarted at will."""

    def __init__(self, db_url: str, log_dir: Path) -> None:
        self.db_url = db_url
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.engine: Engine = create_engine(db_url)
        self._log_dir = log_dir
        self.keys = log_dir / "server-keys"  # the branches' bundle keys, outside the database
        self._proc: subprocess.Popen[bytes] | None = None
        self.max_events = 1000
        self.tls: tuple[Path, Path] | None = None  # certificate and key files

    def cli(self, *args: str) -> tuple[int, str, str]:
        return run_server_cli("--db", self.db_url, "--keys", str(self.keys), *args)

    def add_branch(self, code: str, name: str) -> str:
        """The branch's token; a branch of :data:`BRANCHES` gets its KPJ range too."""
        ranges = ["--kpj-prefix", BRANCHES[code][2]] if code in BRANCHES else []
        code_, out, err = self.cli("branch", "add", code, name, *ranges)
        assert code_ == 0, err
        return out.strip().splitlines()[-1]

    def start(self) -> None:
        log = (self._log_dir / f"server-{self.port}.log").open("ab")
        argv = ["serve", "--db", self.db_url, "--port", str(self.port)]  # as the issue spells it
        argv += ["--max-events", str(self.max_events)]
        if self.tls is not None:
            argv += ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
            self.base_url = f"https://127.0.0.1:{self.port}"
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "loket.server", *argv], stdout=log, stderr=subprocess.STDOUT
        )
        verify = ssl.create_default_context(cafile=self.tls[0]) if self.tls else True
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"the server exited: see {log.name}")
            with contextlib.suppress(httpx.TransportError):
                health = httpx.get(f"{self.base_url}/health", timeout=1, verify=verify)
                if health.status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError("the server did not answer /health within 30 s")

    def kill(self) -> None:
        """As a power cut would: no shutdown, no cleanup."""
        if self._proc is not None:
            self._proc.send_signal(signal.SIGKILL)
            self._proc.wait(10)
            self._proc = None

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
            self._proc = None

    @contextlib.contextmanager
    def signed_in(self) -> Iterator[httpx.Client]:
        """A browser-like client signed in to the regional pages (a regional user made for
        it)."""
        code, out, err = self.cli("regional", "add", f"baca{self.port}", "--name", "Pembaca")
        assert code == 0, err
        with httpx.Client(base_url=self.base_url) as web:
            token = out.strip().splitlines()[-1]
            assert web.post("/region/login", data={"token": token}).status_code == 303
            yield web

    def log_text(self) -> str:
        """Everything the server processes started by this fixture wrote to their logs."""
        return "".join(
            f.read_text(encoding="utf-8", errors="replace")
            for f in sorted(self._log_dir.glob("server-*.log"))
        )

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))


@pytest.fixture
def central(pg_cluster: Cluster, tmp_path: Path) -> Iterator[CentralServer]:
    """An initialised server database; the process is started by the test (``start``)."""
    server = CentralServer(pg_cluster.create_database(), tmp_path)
    code, _, err = server.cli("init")
    assert code == 0, err
    yield server
    server.stop()
    server.engine.dispose()


@dataclass
class Office:
    code: str
    db: Database
    staff: Actor
    supervisor: Actor
    passwords: dict[str, str]
    token: str = ""


BRANCHES = {
    "BJM": ("KC Banjarmasin", "63", "631"),
    "PLK": ("KC Palangka Raya", "62", "621"),
}


def open_office(where: Path | str, code: str) -> Office:
    """A branch of its own: its database (a SQLite file, or a database URL), a staff member
    and a supervisor."""
    name, province, prefix = BRANCHES[code]
    db = open_database(where if isinstance(where, str) else f"sqlite:///{where}")
    admin = Actor.command_line()
    branch.initialize_branch(
        db, admin, code=code, name=name, province_code=province, address="", kpj_prefix=prefix
    )
    passwords = {"petugas": "Loket-rahasia-11", "supervisor": "Loket-rahasia-22"}
    for username, role in (("petugas", Role.STAFF), ("supervisor", Role.SUPERVISOR)):
        users.add_user(
            db,
            admin,
            username=username,
            full_name=username.title(),
            role=role,
            password=passwords[username],
        )
    counter = branch.list_counters(db)[0].id
    return Office(
        code,
        db,
        auth.login(db, "petugas", passwords["petugas"], counter),
        auth.login(db, "supervisor", passwords["supervisor"], counter),
        passwords,
    )


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[dict[str, Office]]:
    found = {code: open_office(tmp_path / f"{code}.db", code) for code in BRANCHES}
    yield found
    for office in found.values():
        office.db.close()


class LossyProxy:
    """Passes each request on to the server, waits for the server's whole answer, then hangs
    up without passing it back: the branch never hears that its batch was stored."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.answers_dropped = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with client, socket.create_connection(("127.0.0.1", self.target_port)) as server:
                request = _read_http_message(client)
                server.sendall(request)
                _read_http_message(server)  # the answer, committed and lost
                self.answers_dropped += 1

    def close(self) -> None:
        self._listener.close()


def _read_http_message(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@pytest.fixture
def linked(
    central: CentralServer, offices: dict[str, Office], memory_keyring: MemoryKeyring
) -> dict[str, Office]:
    """Branches with their tokens, on computers with a keyring (the registry's key is kept
    there at the first sync)."""
    for code, office in offices.items():
        office.token = central.add_branch(code, office.db.description)
    return offices
