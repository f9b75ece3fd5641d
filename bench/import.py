"""Import benchmark: the preview of a big staff list, beside reading it with csv alone.

Writes an ESR-shaped file of ROWS staff (staff groups, job roles, sites, teams, line
managers) and times, median of --repeat runs:
  - baseline: the csv module reading the file (decode and split into rows, nothing else);
  - roster:   bot.core.roster.read_roster (every check, the profession map);
  - preview:  bot.services.enrolment.preview on a throw-away SQLite programme (the roster
              plus the programme's earlier invitations), which is what the CLI's --dry-run
              and the console's preview run;
  - import:   once, bot.services.enrolment.import_people (one transaction, the invitations
              and their outbox rows), with --import.
The issue's target: the preview of 100,000 rows within 30 s on the 2-core machine.

    .venv/bin/python bench/import.py [--rows 100000] [--repeat 3] [--import]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.console import _median as median_seconds
from bot.core import roster
from bot.core.profile import DEFAULT_PROFESSIONS
from bot.runtime import build_services
from bot.services import enrolment
from bot.services.clock import FixedClock
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store import migrate
from bot.store.db import make_engine

START = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
GROUPS = [("Medical and Dental", "Foundation Year 1"), ("Medical and Dental", "Consultant"),
          ("Nursing and Midwifery Registered", "Staff Nurse"),
          ("Allied Health Professionals", "Physiotherapist"),
          ("Additional Clinical Services", "Healthcare Assistant"),
          ("Administrative and Clerical", "Medical Secretary"),
          ("Estates and Ancillary", "Porter")]
SITES = ["Queen Elizabeth", "Royal Infirmary", "St Mary's", "Community", "Riverside"]


def esr_file(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Employee Number", "Full Name", "Email Address", "Staff Group", "Job Role",
                     "Location", "Department", "Line Manager Email"])
    for i in range(rows):
        group, role = GROUPS[i % len(GROUPS)]
        manager = f"staff{i - i % 20:06d}@trust.nhs.uk" if i % 10 == 1 else ""
        writer.writerow([10_000_000 + i, f"Person {i} Síânname", f"staff{i:06d}@trust.nhs.uk",
                         group, role, SITES[i % len(SITES)], f"Ward {i % 300}", manager])
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--import", dest="do_import", action="store_true")
    args = parser.parse_args()
    data = esr_file(args.rows)
    print(f"file: {args.rows:,} rows, {len(data) / 2**20:.1f} MB")

    def csv_only() -> None:
        list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))

    def roster_only() -> None:
        read = roster.read_roster(data, professions=DEFAULT_PROFESSIONS)
        assert read.ok, read.problems[:3]

    baseline = median_seconds(csv_only, args.repeat)
    print(f"baseline, csv module alone:   {baseline:6.2f} s")
    print(f"roster (every check):         {median_seconds(roster_only, args.repeat):6.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate.upgrade(engine)
        services = build_services(engine, FixedClock(START))
        with services.unit_of_work() as session:
            ws = ensure_workspace(session, "slack", "T1", START)
            pid = default_programme(session, ws, START).id

        def preview() -> None:
            plan = enrolment.preview(services, pid, data)
            assert plan.ok and len(plan.invite) == args.rows

        print(f"preview (the CLI's dry run):  {median_seconds(preview, args.repeat):6.2f} s"
              "   target: 30 s")
        if args.do_import:
            started = time.perf_counter()
            made = enrolment.import_people(services, pid, data, actor="bench")
            assert isinstance(made, enrolment.Imported) and made.invited == args.rows
            print(f"import (one transaction):     {time.perf_counter() - started:6.2f} s")

            def preview_again() -> None:
                plan = enrolment.preview(services, pid, data)
                assert plan.ok and len(plan.update) == args.rows

            print(f"preview of a re-import:       {median_seconds(preview_again, 1):6.2f} s")
        engine.dispose()


if __name__ == "__main__":
    main()
