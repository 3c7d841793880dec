"""The retention job on both profiles: archived after six months without activity, deleted after
two years (both copies, the log, the CV file), stale entries dropped, each item once per day."""

from __future__ import annotations

import datetime as dt

import pytest

from espace.candidatures.model import REVIEWING, SYSTEM, Application, CvUsed, new_id

DAY = 86400
START = int(dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC).timestamp())


def _services():
    from espace.bootstrap import get_services

    return get_services()


def submitted(candidate_id: str, offer_id: str, *, kind: str = "site", recruiter_id: str = "recruteur-1",
              at: int = START) -> Application:
    from espace.candidatures.service import ApplicationDesk, file_prefix

    app_id = new_id()
    key = f"{file_prefix(candidate_id, app_id)}cv.pdf"
    application = Application(
        id=app_id, kind=kind, offer_id=offer_id, offer_title="Boulanger", company="Boulangerie Martin",
        candidate_id=candidate_id, cv=CvUsed("complet", "cv-1", "Mon CV", key, "cv.pdf"), message="Motivée.",
        candidate_name="Léa Martin", candidate_email="lea@example.org", candidate_phone="0612345678", state="",
        recruiter_id=recruiter_id if kind == "site" else "", contact_email="" if kind == "site" else "rh@example.org")
    _, stored = ApplicationDesk(_services(), now=at).submit(application, b"%PDF-1.7 cv")
    return stored


def run(day: dt.date):
    from espace.candidatures.jobs import run_retention

    return run_retention(_services(), day, now=int(dt.datetime.combine(day, dt.time(4), dt.UTC).timestamp()))


def copies(application: Application):
    records = _services().records
    return records.get(*application.candidate_key()), records.get(*application.inbox_key())


def day_after(days: int) -> dt.date:
    return dt.datetime.fromtimestamp(START, dt.UTC).date() + dt.timedelta(days=days)


def test_six_months_without_activity_archives_both_copies_once(platform):
    quiet = submitted("cand-1", "100AAAA")
    moved = submitted("cand-2", "100AAAA")
    from espace.candidatures.service import ApplicationDesk

    ApplicationDesk(_services(), now=START + 10 * DAY).move(moved, REVIEWING, "recruteur", "recruteur-1")

    report = run(day_after(183))
    assert (report.archived, report.stale, report.failures) == (1, 1, [])
    candidate_copy, inbox_copy = copies(quiet)
    assert candidate_copy["archived"] is True and inbox_copy["archived"] is True
    assert candidate_copy["state"] == "nouvelle"  # archiving is not a move: the state stays
    assert all(record["archived"] is False for record in copies(moved))
    # The stale entry (the move made a later one) is gone; the later one is still there.
    records = _services().records
    assert records.get(f"RETENTION#{day_after(0).isoformat()}", "cand-2#100AAAA") is None
    assert records.get(f"RETENTION#{day_after(10).isoformat()}", "cand-2#100AAAA") is not None

    again = run(day_after(183))
    assert (again.archived, again.already_done) == (0, 1)

    later = run(day_after(193))  # the moved one's six months
    assert later.archived == 1 and all(record["archived"] is True for record in copies(moved))


def test_a_move_brings_an_archived_application_back(platform):
    from espace.candidatures.service import ApplicationDesk

    application = submitted("cand-3", "100BBBB")
    run(day_after(183))
    archived = ApplicationDesk(_services()).get("cand-3", "100BBBB")
    assert archived is not None and archived.archived
    ApplicationDesk(_services(), now=START + 190 * DAY).move(archived, "offre-pourvue", SYSTEM)
    assert all(record["archived"] is False for record in copies(application))


def test_two_years_delete_both_copies_the_log_and_the_cv_file(platform):
    site = submitted("cand-4", "100CCCC")
    mailed = submitted("cand-4", "100DDDD", kind="courriel")
    files, records = _services().files, _services().records
    assert files.list("users/cand-4/candidatures/") != []

    run(day_after(183))
    report = run(day_after(730))
    assert (report.deleted, report.failures) == (2, [])
    assert copies(site) == (None, None)
    assert records.get(*mailed.candidate_key()) is None
    assert records.query("USER#recruteur-1", "INBOX-LOG#100CCCC#") == []
    assert files.list("users/cand-4/candidatures/") == []
    assert records.query(f"RETENTION#{day_after(0).isoformat()}") == []
    assert run(day_after(730)).deleted == 0  # nothing twice


def test_a_run_stopped_halfway_is_finished_by_the_rerun(platform):
    """The claim was written (pending) but the run stopped before deleting: the rerun deletes."""
    application = submitted("cand-5", "100EEEE")
    records = _services().records
    day = day_after(730)
    records.put({"pk": f"RETENTION-DONE#{day.isoformat()}", "sk": f"suppression#100EEEE#{application.id}",
                 "status": "pending"})
    report = run(day)
    assert report.deleted == 1 and copies(application) == (None, None)


def test_an_anonymised_recruiter_copy_is_deleted_after_two_years(platform):
    """A candidate deleted their space: only the recruiter's copy is left, entered by its inbox key."""
    from espace.candidatures.privacy import forget_applications

    application = submitted("cand-6", "100FFFF")
    forget_applications(_services(), "cand-6")
    _services().records.delete(*application.candidate_key())  # the partition goes after the hooks
    inbox_copy = _services().records.get(*application.inbox_key())
    assert inbox_copy["anonymised"] is True and inbox_copy["candidate_id"] == ""
    assert inbox_copy["state"] == "retiree"  # deleting their space withdrew it: that was its last activity
    withdrawn_on = dt.datetime.fromtimestamp(int(inbox_copy["updated_at"]), dt.UTC).date()
    assert run(withdrawn_on + dt.timedelta(days=183)).archived == 1
    assert _services().records.get(*application.inbox_key())["archived"] is True
    assert run(withdrawn_on + dt.timedelta(days=730)).deleted == 1
    assert _services().records.get(*application.inbox_key()) is None
    assert _services().records.query("USER#recruteur-1", "INBOX-LOG#100FFFF#") == []


def test_the_cli_and_the_scheduled_handler_run_the_day(platform, capsys):
    from espace.candidatures.cli import main
    from espace.handlers.retention import handler

    application = submitted("cand-7", "100GGGG")
    assert main(["retention", "--day", day_after(183).isoformat()]) == 0
    assert "archivées / archived: 1" in capsys.readouterr().out
    assert copies(application)[0]["archived"] is True
    answer = handler({"job": "retention", "day": day_after(730).isoformat()})
    assert answer["deleted"] == 1 and answer["failures"] == 0
    assert copies(application) == (None, None)
    with pytest.raises(SystemExit):
        main(["retention", "--day", "2025-13-01"])
    from espace.candidatures.jobs import today

    assert handler({"job": "retention"})["day"] == today().isoformat()  # the schedule's payload: today (UTC)
