"""`python -m tests.bench payments`: the monthly payment job on the embedded profile (SQLite).

PAYMENTS_DOSSIERS generated dossiers (default 2,000 for a short `make bench`; the recorded figure
is PAYMENTS_DOSSIERS=100000), each with an open right and the month's declaration written as the
actualisation writes it (the record and its DECLARED index entry): a mix of whole months, pay from
one or two employers (the cumul rule), sickness, a right in its decrease or about to run out, and
candidates no longer looking (not paid). Measured, each in its own process (peak memory from
wait4's rusage, so the set-up is not in it):

- the job: `python -m espace.dossier payments --month M` (what `make payments` runs): the index's
  16 shards, one transaction per payment with the right's update, one mail each (outbox and
  « Mes messages »);
- the rerun of the same month: every payment found, nothing written;
- the baseline, side by side: the same index pages and the same two reads per dossier, then one
  plain write per dossier (no computation, no condition, no transaction, no mail) — the floor of
  the store's work, so the ratio says what the job's rules, its exactly-once writes and its mails
  cost on top.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

DOSSIERS = int(os.environ.get("PAYMENTS_DOSSIERS", "2000"))


def month_paid() -> str:
    from espace.dossier.payment_job import previous_month

    return previous_month(dt.date.today())


def setup(records, count: int, month: str) -> float:
    """``count`` dossiers with a right and the month's declaration, 24 records per transaction."""
    from espace.dossier.records import Declaration, Event, Right, Work, declared_index
    from espace.ports import Put

    began = time.perf_counter()
    puts: list[Put] = []
    first = f"{month}-01"
    for number in range(count):
        user_id = f"{number:032x}"
        pk = f"USER#{user_id}"
        daily = 3213 + (number * 37) % 9000  # 32,13 € to ~122 €
        degressive = daily > 9257 and number % 2 == 0
        right = Right(user_id=user_id, start="2026-01-05" if number % 10 else first, sjr=daily * 17 // 10,
                      daily=daily, duration=548 if number % 13 else 190,
                      degressive_daily=max(daily * 7 // 10, 9257) if degressive else daily, degressive_from=183,
                      days_used=(number * 7) % 200)
        work = ([Work("Employeur A", 40, 30_000 + number % 50_000)] if number % 3 == 0 else []) + (
            [Work("Employeur B", 20, 20_000)] if number % 6 == 0 else [])
        events = [Event("maladie", f"{month}-05", f"{month}-09")] if number % 20 == 0 else []
        declaration = Declaration(user_id=user_id, month=month, still_looking=number % 25 != 0, work=work,
                                  events=events, submitted_at=1, first_submitted_at=1)
        index_pk, index_sk = declared_index(month, user_id)
        puts += [Put({"pk": pk, "sk": "PROFILE", "email": f"c{number}@example.org"}), Put(right.item()),
                 Put(declaration.item()), Put({"pk": index_pk, "sk": index_sk})]
        if len(puts) >= 24:
            records.transact(puts)
            puts = []
    if puts:
        records.transact(puts)
    return time.perf_counter() - began


def baseline(month: str) -> int:
    """The floor: the index read page by page, two reads and one plain write per dossier."""
    from espace.bootstrap import get_services
    from espace.dossier.payment_job import declared

    records = get_services().records
    done = 0
    for user_id in declared(get_services(), month):
        pk = f"USER#{user_id}"
        declaration, right = records.get(pk, f"DECLARATION#{month}"), records.get(pk, "RIGHT")
        if declaration is not None and right is not None:
            records.put({"pk": pk, "sk": f"BASELINE#{month}", "days": 30})
            done += 1
    print(f"baseline: {done}")
    return done


def in_process(folder: Path, argv: list[str]) -> dict:
    """``argv`` in its own Python process on the bench's records: wall time and peak memory."""
    from tests.bench.services import ROOT

    environment = {**os.environ, "ESPACE_RECORDS_URL": f"sqlite:///{folder}/records.db",
                   "ESPACE_MAIL_URL": f"outbox://{folder}/outbox", "ESPACE_FILES_URL": f"file://{folder}/files",
                   "PYTHONPATH": f"{ROOT / 'functions'}:{ROOT}"}
    output = folder / "run.txt"
    began = time.perf_counter()
    with open(output, "wb") as handle:
        pid = os.posix_spawn(sys.executable, [sys.executable, *argv], environment,
                             file_actions=[(os.POSIX_SPAWN_DUP2, handle.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2, handle.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - began
    text = output.read_text(encoding="utf-8")
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{argv} failed: {text[-2000:]}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "output": text.strip()}


def run() -> dict:
    from espace.adapters.sqlite_records import SqliteRecordStore

    month = month_paid()
    with tempfile.TemporaryDirectory(prefix="payments-bench-") as tmp:
        folder = Path(tmp)
        setup_seconds = setup(SqliteRecordStore(folder / "records.db"), DOSSIERS, month)
        base = in_process(folder, ["-m", "tests.bench.payments", "baseline", month])
        job = in_process(folder, ["-m", "espace.dossier", "payments", "--month", month])
        rerun = in_process(folder, ["-m", "espace.dossier", "payments", "--month", month])
        mails = len(list((folder / "outbox").glob("*.eml")))
    return {"dossiers": DOSSIERS, "month": month, "setup": setup_seconds, "baseline": base, "job": job,
            "rerun": rerun, "mails": mails, "ratio": job["seconds"] / base["seconds"],
            "rerun_ratio": rerun["seconds"] / base["seconds"]}


def rows(figures: dict) -> list[tuple[str, str, str]]:
    job, rerun, base = figures["job"], figures["rerun"], figures["baseline"]
    return [
        (f"Payment job (`make payments`), {figures['dossiers']:,} dossiers, SQLite ({job['output']}; "
         f"{figures['mails']:,} mails)", f"{job['seconds']:.1f} s = {figures['ratio']:.1f}× the baseline "
         f"({base['seconds']:.1f} s: same reads, one plain write each)", "reported"),
        ("Payment job rerun of the same month (everything already paid)",
         f"{rerun['seconds']:.1f} s = {figures['rerun_ratio']:.1f}× the baseline", "reported"),
        ("Payment job peak memory (its own process) / baseline's",
         f"{job['peak_mb']:,.0f} MB / {base['peak_mb']:,.0f} MB",
         "≤ 1 GB " + ("✔" if job["peak_mb"] <= 1024 else "✘")),
    ]


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "baseline":
    baseline(sys.argv[2])
