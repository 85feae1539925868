"""Reports and the day's closing state from the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from loket.cli.common import ADMIN, say
from loket.db.engine import (
    Database,
)
from loket.domain.money import format_rupiah
from loket.i18n import translate


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    from loket.services.closing import save_report

    out = Path(args.out)
    report = save_report(db, ADMIN, args.first, args.last, args.format, out)
    say(
        translate("cli", "Laporan {first} s.d. {last} ditulis ke {file}: {receipts} kuitansi, "
                  "{paid} diterima."),
        first=args.first.isoformat(),
        last=args.last.isoformat(),
        file=out,
        receipts=report.receipts,
        paid=format_rupiah(report.paid),
    )  # fmt: skip
    return 0


def cmd_closing_status(db: Database, args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from loket.services.branch import get_home_branch
    from loket.services.closing import recent_days
    from loket.services.place import today_at_home

    home = get_home_branch(db)
    tz = ZoneInfo(home.timezone if home else "Asia/Makassar")
    last = args.date or today_at_home(db)
    days = recent_days(db, ADMIN, last, args.days)
    for day in days:
        if day.closed and day.closed_at is not None:
            state = translate("cli", "ditutup oleh {name} {at}, audit #{seq}").format(
                name=day.closed_by,
                at=day.closed_at.astimezone(tz).strftime("%d-%m-%Y %H:%M"),
                seq=day.audit_seq,
            )
        elif day.drawers:
            state = translate("cli", "terbuka")
        else:
            state = translate("cli", "terbuka, tanpa sesi kas")
        say("{day}  {state}", day=day.day.isoformat(), state=state)
        for d in day.drawers:
            opened, shut = translate("cli", "kas terbuka"), translate("cli", "kas ditutup")
            drawer = opened if d.open else shut
            say(
                "  {counter} ({holder}), {date}: {state}",
                counter=d.counter,
                holder=d.holder,
                date=d.business_date.isoformat(),
                state=drawer,
            )
    return 0 if all(d.closed for d in days[:1]) else 4
