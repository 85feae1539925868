"""``loket-admin`` as the branch admin uses it."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from loket import __version__
from loket.cli import main
from loket.db.migrate import head_revision, open_database
from loket.services import auth, backups, branch
from loket.services.actor import Actor
from tests.central import MemoryKeyring
from tests.pg_cluster import Cluster


def run(
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, WHERE.sub("", err, count=1)


# the line every command but init and demo starts with (checked once, below)
WHERE = re.compile(r"\ADatabase: .*, (cabang|branch) \S+\n")


def test_every_command_says_which_database_and_branch_it_acts_on(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    main(["--db", sqlite_url, "counter", "add", "--name", "Loket Prioritas"])
    out, err = capsys.readouterr()
    path = sqlite_url.removeprefix("sqlite:///")
    assert err == f"Database: SQLite {path}, cabang BJM\n" and "Loket Prioritas" in out
    # init with --db, on a computer whose own database is another: says so, and what to run
    other = tmp_path / "lain.db"
    code, out, _ = run(capsys, "init", "--db", f"sqlite:///{other}")
    assert code == 0 and "Perintah lain di komputer ini memakai database lain" in out
    assert f"connect --config-only sqlite:///{other}" in out


@pytest.mark.parametrize("program", ["loket", "loket-admin"])
def test_version_of_both_programs(program: str) -> None:
    exe = Path(sys.executable).parent / program
    assert exe.exists() or shutil.which(program), f"{program} is not installed"
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"loket {__version__}"


def test_init_creates_a_branch(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, _ = run(
        capsys,
        "init",
        "--db",
        sqlite_url,
        "--branch-code",
        "smd",
        "--branch-name",
        "KC Samarinda",
        "--province",
        "64",
    )
    assert code == 0
    assert "Cabang SMD (KC Samarinda) disiapkan dengan Loket 1." in out
    code, _, err = run(capsys, "init", "--db", sqlite_url.replace("loket.db", "b.db"),
                       "--branch-code", "BPP", "--branch-name", "KC Balikpapan")  # fmt: skip
    assert code == 1 and "--province wajib diisi" in err
    assert "Database siap: SQLite" in out and f"(skema {head_revision()})" in out
    code, out, _ = run(capsys, "counter", "list", "--db", sqlite_url)
    assert out.split() == ["1", "Loket", "1", "80mm"]


def test_demo_prints_passwords_once(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, _ = run(capsys, "--db", sqlite_url, "demo")
    assert code == 0
    assert "Cabang demo KC Banjarmasin (BJM) dibuat" in out
    assert re.search(r"\d{3} peserta, \d{3} kuitansi \(dibatalkan: KW/BJM/\d{4}/\d{6}\); "
                     r"klaim KL/BJM/\d{4}/000002 menunggu persetujuan kepala; klaim "
                     r"KL/BJM/\d{4}/000001 sudah diserahterimakan\.", out)  # fmt: skip
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("  ")}
    assert set(lines) == {"petugas", "supervisor", "kepala", "admin"}
    assert all(len(pw) == 14 for pw in lines.values())
    code, out, err = run(capsys, "--db", sqlite_url, "demo")
    assert (code, out) == (1, "")
    assert err == "loket-admin: Database ini sudah milik cabang BJM (KC Banjarmasin).\n"
    code, out, _ = run(capsys, "--db", sqlite_url, "demo", "--if-new")
    assert code == 0 and "demo tidak dibuat" in out


def test_user_lifecycle(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(
        capsys,
        "user",
        "add",
        "budi",
        "--name",
        "Budi Santoso",
        "--role",
        "staff",
        "--db",
        sqlite_url,
        stdin="kopi-susu-2026\n",
        monkeypatch=monkeypatch,
    )
    assert (code, out) == (0, "Pengguna budi (staff) ditambahkan.\n")
    code, out, _ = run(capsys, "user", "disable", "budi", "--db", sqlite_url)
    assert code == 0
    code, out, _ = run(capsys, "user", "list", "--db", sqlite_url)
    assert [line.split()[:3] for line in out.splitlines()] == [
        ["admin", "admin", "aktif"],
        ["budi", "staff", "nonaktif"],
        ["kepala", "head", "aktif"],
        ["petugas", "staff", "aktif"],
        ["supervisor", "supervisor", "aktif"],
    ]
    code, out, _ = run(
        capsys,
        "user",
        "reset-password",
        "petugas",
        "--password-stdin",
        "--db",
        sqlite_url,
        stdin="teh-manis-2026\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "diatur ulang" in out
    code, out, _ = run(capsys, "user", "set-role", "petugas", "supervisor", "--db", sqlite_url)
    assert (code, out) == (0, "Peran petugas kini supervisor (berlaku saat ia masuk berikutnya).\n")
    code, _, err = run(capsys, "user", "set-role", "admin", "staff", "--db", sqlite_url)
    assert (code, err.strip()) == (1, "loket-admin: Admin aktif terakhir harus tetap admin.")


def test_mistakes_are_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, err = run(
        capsys,
        "user",
        "add",
        "sari",
        "--name",
        "Sari",
        "--role",
        "staff",
        "--db",
        sqlite_url,
        stdin="pendek\n",
        monkeypatch=monkeypatch,
    )
    assert (code, out, err) == (1, "", "loket-admin: Kata sandi minimal 10 karakter.\n")
    code, _, err = run(capsys, "user", "disable", "hantu", "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: Pengguna hantu tidak ada.\n")


def test_messages_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    monkeypatch.setenv("LOKET_LANG", "en")
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, _, err = run(capsys, "user", "disable", "hantu", "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: There is no user hantu.\n")


def test_not_a_loket_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("catatan")
    code, _, err = run(capsys, "audit", "verify", "--db", f"sqlite:///{notes}")
    assert code == 1 and "bukan database Loket" in err and "Traceback" not in err


def test_audit_verify_names_the_tampered_entry(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(capsys, "audit", "verify", "--db", sqlite_url)
    assert (code, out) == (0, "Rantai audit utuh: 7 entri diperiksa.\n")
    con = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    con.execute("UPDATE audit_entry SET username = 'penyusup' WHERE seq = 5")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "audit", "verify", "--db", sqlite_url)
    assert code == 3
    assert (
        out == "Rantai audit RUSAK pada entri 5: entry 5 was altered (4 entri sebelumnya utuh).\n"
    )


def test_participants_import_reports_rejected_rows(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    export = tmp_path / "peserta.csv"
    export.write_text(
        "kpj;nik;full_name;birth_place;birth_date;sex;address;province_code;phone;occupation;"
        "declared_income\n"
        "50000000001;6371010508900001;Ahmad Fauzi;Banjarmasin;1990-08-05;L;Jl. A;63;"
        "081234567890;ojek;1.000.000\n"
        "50000000002;6371010508900002;Budi;Banjarmasin;1990-08-05;P;Jl. B;63;081234567891;"
        "ojek;1.000.000\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "participants", "import", str(export), "--db", sqlite_url)
    assert code == 0
    assert err.strip().endswith("2 baris dibaca: 1 baru, 0 diperbarui, 0 dilewati, 1 ditolak")
    errors = tmp_path / "peserta.errors.csv"
    assert out == f"Baris yang ditolak dan alasannya: {errors}\n"
    assert errors.read_text(encoding="utf-8").splitlines() == [
        "row,reason",
        "3,Jenis kelamin tidak sama dengan NIK.",
    ]


def test_kpj_prefix(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    run(
        capsys,
        "init",
        "--db",
        sqlite_url,
        "--branch-code",
        "PLK",
        "--branch-name",
        "KC Palangkaraya",
        "--province",
        "62",
    )
    code, out, _ = run(capsys, "branch", "set-kpj-prefix", "621", "--db", sqlite_url)
    assert (code, out) == (0, "Awalan KPJ cabang PLK: 621.\n")
    code, _, err = run(capsys, "branch", "set-kpj-prefix", "62", "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: Awalan KPJ cabang harus 3 angka (100–999).\n")


def test_counter_printer_and_paper(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(
        capsys, "counter", "set-printer", "2", "--printer", "EPSON_TM_T82", "--db", sqlite_url
    )
    assert (code, out) == (0, "Loket 2: printer EPSON_TM_T82, kertas 80mm.\n")
    code, _, _ = run(capsys, "counter", "set-printer", "3", "--paper", "a5", "--db", sqlite_url)
    code, out, _ = run(capsys, "counter", "list", "--db", sqlite_url)
    assert [line.split() for line in out.splitlines()] == [
        ["1", "Loket", "1", "80mm"],
        ["2", "Loket", "2", "80mm", "EPSON_TM_T82"],
        ["3", "Loket", "3", "a5"],
    ]
    code, _, err = run(capsys, "counter", "set-printer", "9", "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: Loket nomor 9 tidak ada.\n")


def test_branch_data_and_counters_by_cli(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(capsys, "branch", "set", "--phone", "0511-3352211", "--db", sqlite_url)
    assert (code, out) == (
        0, "KC Banjarmasin · Jl. Lambung Mangkurat No. 1, Banjarmasin · 0511-3352211\n"
    )  # fmt: skip
    code, out, _ = run(capsys, "counter", "rename", "3", "Loket Prioritas", "--db", sqlite_url)
    assert (code, out) == (0, "Loket nomor 3 kini Loket Prioritas.\n")
    code, out, _ = run(capsys, "counter", "retire", "2", "--db", sqlite_url)
    assert (code, out) == (0, "Loket 2 dihentikan.\n")
    code, out, _ = run(capsys, "counter", "list", "--db", sqlite_url)
    assert [line.split()[:2] + line.split()[-1:] for line in out.splitlines()] == [
        ["1", "Loket", "80mm"], ["2", "Loket", "(dihentikan)"], ["3", "Loket", "80mm"]
    ]  # fmt: skip
    run(capsys, "counter", "retire", "3", "--db", sqlite_url)
    code, _, err = run(capsys, "counter", "retire", "1", "--db", sqlite_url)
    assert (code, err) == (
        1, "loket-admin: Loket terakhir yang melayani tidak dapat dihentikan.\n"
    )  # fmt: skip
    code, out, _ = run(capsys, "counter", "reopen", "2", "--db", sqlite_url)
    assert (code, out) == (0, "Loket 2 melayani lagi.\n")


def test_an_escpos_thermal_printer(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    target = "escpos+tcp://192.168.1.50:9100"
    code, out, _ = run(
        capsys, "counter", "set-printer", "1", "--printer", target, "--db", sqlite_url
    )
    assert (code, out) == (0, f"Loket 1: printer {target}, kertas 80mm.\n")
    code, _, err = run(
        capsys, "counter", "set-printer", "1", "--printer", "escpos+usb://epson", "--db", sqlite_url
    )
    assert code == 1 and err.startswith("loket-admin: Alamat printer ESC/POS tidak dikenal")
    code, _, err = run(
        capsys,
        "counter",
        "set-printer",
        "1",
        "--printer",
        target,
        "--paper",
        "a5",
        "--db",
        sqlite_url,
    )
    assert (code, err) == (1, "loket-admin: Printer ESC/POS hanya untuk kertas gulung 80mm.\n")
    _, out, _ = run(capsys, "counter", "list", "--db", sqlite_url)
    assert out.splitlines()[0].split()[-1] == target  # the refused changes left it as it was


def test_claim_settings_from_the_command_line(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(
        capsys, "setting", "set", "approval_limit_supervisor", "75000000", "--db", sqlite_url
    )
    assert (code, out) == (0, "approval_limit_supervisor = 75000000\n")
    code, out, _ = run(
        capsys, "setting", "set", "payout_methods", '["transfer", "cash"]', "--db", sqlite_url
    )
    assert code == 0
    code, _, err = run(capsys, "setting", "set", "payout_methods", '["cek"]', "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: Cara pembayaran manfaat: transfer dan/atau cash.\n")
    code, _, err = run(capsys, "setting", "set", "nothing", "1", "--db", sqlite_url)
    assert (code, err) == (1, "loket-admin: Pengaturan nothing tidak ada.\n")
    _, out, _ = run(capsys, "setting", "list", "--db", sqlite_url)
    assert "approval_limit_supervisor = 75000000" in out.splitlines()
    assert 'payout_methods = ["transfer", "cash"]' in out.splitlines()


def test_sync_by_hand_from_the_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sqlite_url: str,
    tmp_path: Path,
    memory_keyring: object,
) -> None:
    """No link at all: the token goes to the keyring, the waiting events to a signed file."""
    from loket.domain.bundle import EVENTS, new_token, read_bundle

    assert run(capsys, "demo", "--bare", "--db", sqlite_url)[0] == 0
    code, out, _ = run(capsys, "sync", "status", "--db", sqlite_url)
    assert code == 0 and "kejadian menunggu; sinkron terakhir berhasil -" in out
    assert "alamat server pusat belum diisi" in out  # why it does not sync, in one line
    code, _, err = run(capsys, "sync", "now", "--db", sqlite_url)
    assert code == 1 and "belum diatur" in err

    def set_token(token: str) -> tuple[int, str, str]:
        argv = ("sync", "set-token", "--token-stdin", "--db", sqlite_url)
        return run(capsys, *argv, stdin=token + "\n", monkeypatch=monkeypatch)

    code, _, err = set_token(new_token("PLK"))
    assert code == 1 and "bukan token cabang BJM" in err
    token = new_token("BJM")
    code, out, _ = set_token(token)
    assert code == 0 and "keyring" in out

    bundle = tmp_path / "bjm.loket"
    code, out, _ = run(capsys, "sync", "export", str(bundle), "--db", sqlite_url)
    assert code == 0
    from loket.domain.bundle import bundle_key

    opened = read_bundle(bundle.read_bytes(), EVENTS, lambda b: bundle_key(token))
    assert opened.branch == "BJM" and f"{len(opened.items)} kejadian" in out

    code, _, err = run(capsys, "sync", "import-reference", str(bundle), "--db", sqlite_url)
    assert code == 1 and "ditolak, tidak ada yang diubah" in err  # an events bundle


def test_participants_import_checks_its_paths_before_writing(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    export = tmp_path / "peserta.csv"
    export.write_text(
        "kpj,nik,full_name,birth_place,birth_date,sex,address,province_code,phone,occupation,"
        "declared_income\n50000000001,6371010508900001,Ahmad Fauzi,Banjarmasin,1990-08-05,L,"
        "Jl. A,63,081234567890,ojek,1.000.000\n",
        encoding="utf-8",
    )
    before = export.read_bytes()
    for args, message in (
        ([str(export), "--errors", str(export)], "tidak boleh berkas impornya"),
        ([str(export), "--errors", str(tmp_path / "no" / "e.csv")], "foldernya tidak ada"),
        ([str(tmp_path)], "adalah folder, bukan berkas CSV"),
    ):
        code, _, err = run(capsys, "participants", "import", *args, "--db", sqlite_url)
        assert code == 1 and message in err and "Traceback" not in err
    assert export.read_bytes() == before


def test_the_support_bundle_holds_what_the_it_desk_needs_and_no_personal_data(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    import json
    import zipfile

    from loket.db.migrate import open_database
    from loket.services import auth, branch, users
    from loket.services.actor import Actor
    from loket.services.registration import register_participant
    from tests.factories import bpu_worker

    run(capsys, "--db", sqlite_url, "demo", "--bare")
    db = open_database(sqlite_url)
    try:
        users.reset_password(db, Actor.command_line(), "petugas", "Sandi-Uji-12345")
        staff = auth.login(db, "petugas", "Sandi-Uji-12345", branch.list_counters(db)[0].id)
        worker = bpu_worker(full_name="Siti Nurhaliza")
        register_participant(db, staff, worker)
        printer = "ipp://admin:Pw-Printer-77@10.0.0.9/ipp/print"
        branch.set_counter_printer(db, Actor.command_line(), 2, paper="a5", printer=printer)
    finally:
        db.close()
    out = tmp_path / "dukungan.zip"
    code, text, _ = run(capsys, "support-bundle", str(out), "--db", sqlite_url)
    assert code == 0 and "tanpa data pribadi" in text
    with zipfile.ZipFile(out) as z:
        facts = json.loads(z.read("loket-support.json"))
        everything = b"".join(z.read(n) for n in z.namelist())
    assert facts["versions"]["loket"] == __version__
    assert facts["branch"]["code"] == "BJM" and facts["audit_verify"]["ok"] is True
    assert facts["settings"]["idle_lock_minutes"] == {"value": 10, "published_by_server": False}
    assert [c["name"] for c in facts["counters"]] == ["Loket 1", "Loket 2", "Loket 3"]
    assert worker.nik.encode() not in everything and b"Siti Nurhaliza" not in everything
    assert b"Pw-Printer-77" not in everything  # user-info leaves every address
    assert facts["counters"][1]["receipt_printer"] == "ipp://10.0.0.9/ipp/print"


def test_a_counters_printer_test_page_to_a_file(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    from tests.pdf_reading import pdf_qr_codes, pdf_text

    run(capsys, "--db", sqlite_url, "demo", "--bare")
    out = tmp_path / "uji.pdf"
    code, text, _ = run(capsys, "counter", "test-page", "2", "--out", str(out), "--db", sqlite_url)
    assert (code, text) == (0, f"Halaman uji Loket 2 ditulis ke {out}.\n")
    page = " ".join(pdf_text(out.read_bytes()).split())
    assert "HALAMAN UJI PRINTER" in page and "Loket: Loket 2" in page and "Rp36.800" in page
    assert pdf_qr_codes(out.read_bytes()) == ["LOKET-TEST"]


@pytest.mark.postgres
def test_init_makes_the_postgresql_roles_and_database_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, pg_cluster: Cluster
) -> None:
    import psycopg

    target = pg_cluster.url("loket_smd").replace("postgres@", "loket_smd@")  # no password
    args = ["init", "--superuser-url", pg_cluster.url(), "--db", target, "--branch-code", "SMD",
            "--branch-name", "KC Samarinda", "--province", "64"]  # fmt: skip
    code, _, err = run(capsys, *args, stdin="pendek\n", monkeypatch=monkeypatch)
    assert code == 1 and "minimal 12 karakter" in err
    # the two new roles' passwords, one line each: the owner's, then the counters'
    passwords = "Rahasia-Pemilik-1\nRahasia-Loket-22\n"
    code, out, err = run(capsys, *args, stdin=passwords, monkeypatch=monkeypatch)
    assert code == 0, err
    assert "PostgreSQL: role loket_smd dibuat." in out
    assert "PostgreSQL: database loket_smd dibuat." in out
    assert "PostgreSQL: role loket_smd_counter dibuat." in out
    assert "Cabang SMD (KC Samarinda) disiapkan dengan Loket 1." in out
    with psycopg.connect(pg_cluster.url().replace("postgresql+psycopg", "postgresql")) as conn:
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'loket_smd'"
        ).fetchone()
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
            "WHERE rolname LIKE 'loket_smd%' ORDER BY 1"
        ).fetchall()
    assert owner == ("loket_smd",)
    assert roles == [("loket_smd", False, False, False), ("loket_smd_counter", False, False, False)]
    with psycopg.connect(
        pg_cluster.url("loket_smd")
        .replace("postgresql+psycopg", "postgresql")
        .replace("postgres@", "loket_smd_counter@")
    ) as conn:  # the counters' role: reads the branch, writes no audit entry of its own
        assert conn.execute("SELECT code FROM branch").fetchone() == ("SMD",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM audit_entry")
    # again: nothing to make, the branch is there
    code, out, _ = run(capsys, "init", "--superuser-url", pg_cluster.url(), "--db", target)
    assert code == 0 and "dibuat" not in out and "Database siap: PostgreSQL" in out
    code, _, err = run(capsys, "init", "--superuser-url", pg_cluster.url(),
                       "--db", "sqlite:///x.db")  # fmt: skip
    assert code == 1 and "hanya untuk --db PostgreSQL" in err
    # the superuser through the local socket, as `sudo -u postgres` on Debian would
    # (issue 26, major 4: the host and port were forced to localhost:5432)
    socket = f"postgresql://postgres@/postgres?host={pg_cluster.root}&port={pg_cluster.port}"
    other = target.replace("loket_smd", "loket_bpp")
    code, out, err = run(capsys, "init", "--superuser-url", socket, "--db", other,
                         stdin=passwords, monkeypatch=monkeypatch)  # fmt: skip
    assert code == 0 and "PostgreSQL: database loket_bpp dibuat." in out, err


@pytest.mark.postgres
def test_connect_makes_this_computer_a_counter_of_the_branch_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pg_cluster: Cluster,
    memory_keyring: MemoryKeyring,
) -> None:
    from loket.db.engine import default_database_url
    from loket.db.migrate import open_database

    config = tmp_path / "etc" / "loket.ini"
    monkeypatch.setenv("LOKET_MACHINE_CONFIG", str(config))
    monkeypatch.delenv("LOKET_DB_URL", raising=False)
    from loket.domain.bundle import new_token

    owner = pg_cluster.url("loket_tgr").replace("postgres@", "loket_tgr@")
    new_roles = "Rahasia-Pemilik-1\nRahasia-Loket-22\n"
    code, _, err = run(capsys, "init", "--superuser-url", pg_cluster.url(), "--db", owner,
                       "--branch-code", "TGR", "--branch-name", "KC Tenggarong", "--province", "64",
                       stdin=new_roles, monkeypatch=monkeypatch)  # fmt: skip
    assert code == 0, err
    target = owner.replace("loket_tgr@", "loket_tgr_counter@")  # what the counters use
    # the account's password, then the branch token: both into this user's keyring
    token = new_token("TGR")
    code, out, err = run(
        capsys, "connect", target, stdin=f"Sandi-Loket-9\n{token}\n", monkeypatch=monkeypatch
    )
    assert code == 0, err
    assert "Tersambung ke PostgreSQL" in out and "Komputer ini memakai PostgreSQL" in out
    assert "Token cabang TGR disimpan di keyring pengguna ini." in out
    # the password went to the keyring, not into the computer's settings
    assert sorted(memory_keyring.secrets.values()) == sorted(["Sandi-Loket-9", token])
    # run again as the administrator: nothing to change
    code, out, _ = run(capsys, "connect", "--config-only", target)
    assert code == 0 and "sudah memakai PostgreSQL" in out
    assert "Sandi" not in config.read_text() and f"url = {target}" in config.read_text()
    assert default_database_url() == target
    db = open_database(default_database_url())  # the keyring's password is put in
    try:
        assert db.url.password == "Sandi-Loket-9"
    finally:
        db.close()
    # where the computer's settings cannot be written (here: their folder is a file; for a
    # counter clerk, a folder only an administrator writes) it says what to run instead
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("LOKET_MACHINE_CONFIG", str(blocked / "loket.ini"))
    code, out, _ = run(capsys, "connect", "--config-only", target)
    assert code == 4
    assert f"'loket-admin connect --config-only {target}'" in out


def test_queue_services_counters_and_figures_from_the_command_line(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    code, out, _ = run(capsys, "--db", sqlite_url, "queue", "service", "B", "--quota", "60")
    assert code == 0 and re.search(r"B  Klaim JHT\s+kuota 60\s+aktif", out)
    code, out, _ = run(capsys, "--db", sqlite_url, "queue", "service", "E", "--name", "Perusahaan")
    assert code == 0 and "E  Perusahaan" in out
    code, _, err = run(capsys, "--db", sqlite_url, "queue", "service", "F")
    assert code == 1 and "Layanan baru perlu nama" in err
    code, out, _ = run(capsys, "--db", sqlite_url, "queue", "counter", "1", "C,A")
    assert (code, out) == (0, "Loket 1 melayani: C, A.\n")
    code, _, err = run(capsys, "--db", sqlite_url, "queue", "counter", "1", "C,Q")
    assert code == 1 and "Layanan antrean Q tidak ada" in err
    code, out, _ = run(capsys, "--db", sqlite_url, "queue", "figures")
    assert code == 0 and out.startswith("Total") and "0 nomor" in out


def _restore_refused(
    capsys: pytest.CaptureFixture[str], backup: Path, target: Path, said: str
) -> None:
    before = target.read_bytes()
    code, _, err = run(capsys, "restore", str(backup), "--db", f"sqlite:///{target}")
    assert code == 1 and said in err and "Traceback" not in err, err
    assert "tidak terduga" not in err  # never "unexpected error"
    assert target.read_bytes() == before and not list(target.parent.glob("*.replaced-*"))


def test_restore_takes_only_a_loket_backup_of_this_branch_with_nothing_planted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 25, findings 7 and 21: a backup is compared with what the migrations make
    before anything is replaced."""
    live = tmp_path / "loket.db"
    db = open_database(f"sqlite:///{live}")
    passwords = branch.create_demo(db)
    good = backups.backup(db, Actor.command_line(), tmp_path / "cadangan").path
    db.close()

    def altered(name: str, sql: str) -> Path:
        copy = tmp_path / name
        copy.write_bytes(good.read_bytes())
        con = sqlite3.connect(copy)
        con.executescript(sql)
        con.close()
        return copy

    planted = altered(
        "trigger.db",
        "CREATE TRIGGER promote AFTER INSERT ON audit_entry BEGIN "
        "UPDATE user_account SET role = 'admin' WHERE username = 'petugas'; END;",
    )
    _restore_refused(capsys, planted, live, "trigger promote")
    _restore_refused(capsys, altered("view.db", "CREATE VIEW v AS SELECT 1;"), live, "view v")
    _restore_refused(capsys, altered("table.db", "CREATE TABLE loot (x TEXT);"), live, "table loot")
    changed = altered(
        "default.db",
        "ALTER TABLE user_account RENAME TO old_user; "
        "CREATE TABLE user_account AS SELECT * FROM old_user; DROP TABLE old_user;",
    )
    _restore_refused(capsys, changed, live, "table user_account")
    newer = altered("newer.db", "UPDATE alembic_version SET version_num = '9999_future';")
    _restore_refused(capsys, newer, live, "versi Loket yang lebih baru")
    notes = tmp_path / "notes.db"
    notes.write_text("bukan database")
    _restore_refused(capsys, notes, live, "bukan database Loket")
    foreign = tmp_path / "asing.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.close()
    _restore_refused(capsys, foreign, live, "bukan database Loket")

    # another branch's backup: refused unless asked for explicitly
    other_db = open_database(f"sqlite:///{tmp_path / 'plk.db'}")
    branch.initialize_branch(other_db, Actor.command_line(), code="PLK", name="KC Palangka Raya",
                             province_code="62")  # fmt: skip
    other = backups.backup(other_db, Actor.command_line(), tmp_path / "plk").path
    other_db.close()
    _restore_refused(capsys, other, live, "milik cabang PLK, bukan cabang database ini (BJM)")
    code, out, err = run(capsys, "restore", str(good), "--db", f"sqlite:///{live}")
    assert code == 0 and "rantai utuh" in out, err
    restored = open_database(f"sqlite:///{live}")
    try:
        staff = auth.login(restored, "petugas", passwords["petugas"], 1)
        assert staff.role == "staff"
    finally:
        restored.close()
    code, out, err = run(
        capsys, "restore", str(other), "--other-branch", "--db", f"sqlite:///{live}"
    )
    assert code == 0, err


def test_only_init_and_restore_make_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 26, major 3: a mistyped path never becomes a new, empty branch whose chain
    "verifies" with 0 entries."""
    missing = tmp_path / "salah-ketik.db"
    for argv in (["audit", "verify"], ["user", "list"], ["sync", "status"]):
        code, out, err = run(capsys, *argv, "--db", f"sqlite:///{missing}")
        assert code == 1 and "belum ada atau kosong" in err and "loket-admin init" in err
        assert "0 entri" not in out
    assert not missing.exists()
    code, _, err = run(capsys, "init", "--db", f"sqlite:///{missing}")
    assert code == 0 and missing.exists(), err


def test_a_backup_on_a_read_only_stick_is_checked_without_writing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 26, major 3: a backup on a read-only medium was called corrupt ("unable to
    open database file"): it is read as an immutable file."""
    live = tmp_path / "loket.db"
    db = open_database(f"sqlite:///{live}")
    branch.create_demo(db)
    made = backups.backup(db, Actor.command_line(), tmp_path / "cadangan")
    db.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(made.path.parent), str(stick)], check=False)
    if mounted.returncode != 0:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(stick)]
        assert subprocess.run(remount, check=False).returncode == 0
        on_stick = stick / made.path.name
        with pytest.raises(OSError):
            (stick / "probe").write_text("x")  # the stick is read-only indeed
        assert backups.check_restorable(on_stick) == made.audit_entries
        code, out, err = run(capsys, "restore", str(on_stick), "--db", f"sqlite:///{live}")
        assert code == 0 and "rantai utuh" in out, err
    finally:
        subprocess.run(["umount", str(stick)], check=False)


def test_a_restore_without_the_token_here_says_the_counters_wait_for_the_recovery(
    capsys: pytest.CaptureFixture[str],
    sqlite_url: str,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    """The IT officer's session holds no branch token: the server cannot be asked, so no
    'next numbers' are claimed (the server may hold more) — the first sync of a counter that
    holds the token recovers, and the counters wait for it."""
    run(capsys, "--db", sqlite_url, "demo", "--bare")
    run(capsys, "--db", sqlite_url, "setting", "set", "sync_server_url", "https://localhost:9")
    code, out, _ = run(capsys, "--db", sqlite_url, "backup", str(tmp_path / "cadangan"))
    assert code == 0
    [backup] = (tmp_path / "cadangan").glob("loket-BJM-*.db")
    code, out, err = run(capsys, "restore", str(backup), "--db", sqlite_url)
    assert code == 0, err
    assert "Tanpa token cabang di sini, server pusat belum ditanya" in out
    assert "Nomor berikutnya" not in out


def test_input_ending_at_a_prompt_is_one_line_not_an_unexpected_error(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    def ctrl_d(prompt: str = "") -> str:  # the terminal: Ctrl-D typed at the prompt
        raise EOFError

    run(capsys, "--db", sqlite_url, "demo", "--bare")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    code, _, err = run(capsys, "--db", sqlite_url, "user", "add", "rina", "--name", "Rina",
                       "--role", "staff")  # fmt: skip
    assert code == 1 and "masukan berakhir sebelum diketik" in err and "tak terduga" not in err
