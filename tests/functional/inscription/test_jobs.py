"""The drafts' job (espace.inscription.jobs): a reminder 23 days after the last save, the deletion
after 30, each once per user and day; a draft saved again or sent since is left alone; the
command line, the Lambda handler and account deletion. Both profiles."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples import all_steps

EMAIL = "brouillon@example.org"
# The day the draft was last saved (Europe/Paris): recent, as the age entries expire (on the
# store's clock) ten days after the draft's own deadline.
SAVED = dt.datetime.now(dt.timezone(dt.timedelta(hours=1))).date() - dt.timedelta(days=23)


def services():
    from espace.bootstrap import get_services

    return get_services()


def save_on(user_id: str, day: dt.date, monkeypatch) -> None:
    """A step saved by the engine's drafts at noon (Paris) of ``day``."""
    from espace.inscription.flow import FLOW
    from espace.text import PARIS
    from espace.web.steps import Drafts

    noon = dt.datetime.combine(day, dt.time(12), PARIS).timestamp()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: noon)
        Drafts(services().records, FLOW, user_id).save_step("projet", all_steps()["projet"], True)


def reminders(platform) -> list[tuple[str, str, str]]:
    """The drafts' mails (the account's confirmation mail left aside)."""
    return [mail for mail in platform.mails_to(EMAIL) if "brouillon" in mail[1]]


def draft_of(user_id: str):
    return services().records.get(f"USER#{user_id}", "DRAFT#inscription")


def age_entry(user_id: str, day: dt.date):
    return services().records.get(f"DRAFT-AGE#inscription#{day.isoformat()}", user_id)


@pytest.fixture
def candidate(platform, monkeypatch):
    signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    save_on(user_id, SAVED, monkeypatch)
    return user_id


def test_a_reminder_23_days_later_names_the_day_of_deletion_once(platform, candidate):
    from espace.inscription.jobs import run_drafts
    from espace.text import french_date

    assert run_drafts(services(), SAVED + dt.timedelta(days=22)).reminded == 0
    report = run_drafts(services(), SAVED + dt.timedelta(days=23))
    assert (report.reminded, report.deleted, report.failures) == (1, 0, [])
    [(_to, subject, text)] = reminders(platform)
    deleted_on = french_date(SAVED + dt.timedelta(days=30))
    assert subject == f"Votre brouillon de demande d'inscription sera supprimé le {deleted_on}"
    assert f"il sera supprimé le {deleted_on}" in text
    assert "http://127.0.0.1:8000/mon-espace/inscription/demande" in text
    kept = services().records.query(f"USER#{candidate}", "MSG#")
    assert [m["subject"] for m in kept] == [subject] and kept[0]["kind"] == "inscription"
    # A rerun of the day (a retry of the schedule) sends nothing twice.
    again = run_drafts(services(), SAVED + dt.timedelta(days=23))
    assert (again.reminded, again.already_done) == (0, 1)
    assert len(reminders(platform)) == 1
    assert draft_of(candidate) is not None and age_entry(candidate, SAVED) is not None


def test_an_untouched_draft_is_deleted_30_days_later_once(platform, candidate):
    from espace.inscription.jobs import run_drafts

    report = run_drafts(services(), SAVED + dt.timedelta(days=30))
    assert (report.deleted, report.reminded) == (1, 0)
    assert draft_of(candidate) is None and age_entry(candidate, SAVED) is None
    again = run_drafts(services(), SAVED + dt.timedelta(days=30))
    assert (again.deleted, again.already_done, again.stale) == (0, 0, 0)
    assert reminders(platform) == []


def test_a_draft_saved_again_is_neither_reminded_nor_deleted_for_its_older_entry(platform, candidate, monkeypatch):
    from espace.inscription.jobs import run_drafts

    later = SAVED + dt.timedelta(days=10)
    save_on(candidate, later, monkeypatch)
    reminded = run_drafts(services(), SAVED + dt.timedelta(days=23))
    assert (reminded.reminded, reminded.stale) == (0, 1)
    assert age_entry(candidate, SAVED) is None  # the later entry stands for the draft
    assert run_drafts(services(), SAVED + dt.timedelta(days=30)).deleted == 0
    assert draft_of(candidate) is not None
    assert run_drafts(services(), later + dt.timedelta(days=23)).reminded == 1
    assert run_drafts(services(), later + dt.timedelta(days=30)).deleted == 1
    assert draft_of(candidate) is None


def test_a_sent_draft_leaves_only_a_stale_entry(platform, candidate):
    from espace.inscription.jobs import run_drafts
    from espace.ports import Delete

    services().records.transact([Delete(f"USER#{candidate}", "DRAFT#inscription")])
    report = run_drafts(services(), SAVED + dt.timedelta(days=23))
    assert (report.reminded, report.stale) == (0, 1) and reminders(platform) == []
    assert age_entry(candidate, SAVED) is None


def test_a_suppressed_address_gets_no_mail_but_the_message_is_kept(platform, candidate):
    from espace.inscription.jobs import run_drafts

    services().records.put({"pk": f"SUPPRESSED#{EMAIL}", "sk": "MAIL", "reason": "bounce"})
    assert run_drafts(services(), SAVED + dt.timedelta(days=23)).reminded == 1
    assert reminders(platform) == []
    assert len(services().records.query(f"USER#{candidate}", "MSG#")) == 1


def test_the_command_line_and_the_function_run_a_given_day(platform, candidate, capsys):
    from espace.handlers.drafts import handler
    from espace.inscription.cli import main

    day = SAVED + dt.timedelta(days=23)
    assert main(["drafts", "--day", day.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"Brouillons d'inscription du {day.isoformat()}" in out
    assert "rappels envoyés / reminders sent: 1" in out
    result = handler({"job": "drafts", "day": (SAVED + dt.timedelta(days=30)).isoformat()})
    assert result == {"day": (SAVED + dt.timedelta(days=30)).isoformat(), "reminded": 0, "deleted": 1,
                      "already_done": 0, "stale": 0, "failures": 0}
    with pytest.raises(SystemExit):
        main(["drafts", "--day", "31/12/2026"])


def test_deleting_the_account_removes_its_age_entries(platform, monkeypatch):
    from espace.inscription.jobs import today
    from espace.web.lifecycle import run_account_deleted

    signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    for days in (0, 3, 29):
        save_on(user_id, today() - dt.timedelta(days=days), monkeypatch)
    assert all(age_entry(user_id, today() - dt.timedelta(days=d)) for d in (0, 3, 29))
    run_account_deleted(services(), user_id)
    assert not any(age_entry(user_id, today() - dt.timedelta(days=d)) for d in (0, 3, 29))
