"""The payment job on both profiles: a month paid once whatever the reruns or concurrent runs,
with its mail; « Mes allocations »: the history paged, each payment's detail, another candidate's
payment not found, and the page of a candidate without a dossier."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

import pytest

from espace.bootstrap import get_services
from espace.dossier.payment_job import run_payments
from espace.dossier.records import PAYMENT_PREFIX, Event, Work
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers_allocations import current_right, day_after, declare, month_after, with_right
from tests.functional.race import race


def _first_whole_month(right) -> str:
    return month_after(dt.date.fromisoformat(right.start), 1)


def _payments(user_id: str) -> list[dict]:
    return get_services().records.query(f"USER#{user_id}", PAYMENT_PREFIX)


def test_a_month_is_paid_once_on_rerun_with_one_mail(platform):
    _client, _registration, _dossier, right = with_right(platform, "paye@example.fr")
    user_id = user_id_of("paye@example.fr")
    month = _first_whole_month(right)
    declare(user_id, month)
    first = run_payments(get_services(), month, today=day_after(month))
    again = run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=3))
    assert (first.paid, again.paid, again.already) == (1, 0, 1)
    [payment] = _payments(user_id)
    assert payment["days"] == 30 and payment["gross"] == 30 * right.daily
    assert payment["net"] == payment["gross"] - sum(d["amount"] for d in payment["deductions"])
    assert current_right(user_id).days_used == 30 and current_right(user_id).version == 1
    mails = [m for m in platform.mails_to("paye@example.fr") if "Votre paiement" in m[1]]
    assert len(mails) == 1 and f"/mon-dossier/allocations/paiements/{month}" in mails[0][2]


def test_the_month_before_the_end_is_refused_and_a_candidate_not_looking_is_not_paid(platform):
    _client, _registration, _dossier, right = with_right(platform, "pas-fini@example.fr")
    user_id = user_id_of("pas-fini@example.fr")
    month = _first_whole_month(right)
    with pytest.raises(ValueError):
        run_payments(get_services(), month, today=day_after(month) - dt.timedelta(days=1))
    declare(user_id, month, still_looking=False)
    report = run_payments(get_services(), month, today=day_after(month))
    assert (report.paid, report.skipped) == (0, 1) and _payments(user_id) == []


def test_two_runs_at_once_pay_once_and_count_the_days_once(platform):
    """True threads on SQLite; one after the other on moto, whose transactions are not atomic across
    threads (as the other burst tests say)."""
    _client, _registration, _dossier, right = with_right(platform, "deux-runs@example.fr")
    user_id = user_id_of("deux-runs@example.fr")
    first, second = _first_whole_month(right), month_after(dt.date.fromisoformat(right.start), 2)
    declare(user_id, first, work=[Work("Boulangerie Martin", 40, 40_000), Work("Hôtel du Port", 35, 35_000)])
    declare(user_id, second, events=[Event("maladie", f"{second}-03", f"{second}-07")])
    reports = []

    def run(month: str) -> None:
        reports.append(run_payments(get_services(), month, today=day_after(second)))

    race(platform, [partial(run, month) for month in (first, second, first, second)])
    assert sum(r.paid for r in reports) == 2 and sum(r.already for r in reports) == 2
    assert not any(r.failures for r in reports)
    paid = {item["month"]: item for item in _payments(user_id)}
    assert paid[first]["declared_pay"] == 75_000 and paid[first]["days"] < 30
    assert paid[second]["detail"]["days_off"] == 5
    right_now = current_right(user_id)
    assert right_now.days_used == paid[first]["days"] + paid[second]["days"]
    assert right_now.days_carried == paid[first]["days_carried"] + paid[second]["days_carried"]
    assert right_now.version == 2


def test_the_history_is_paged_and_each_payment_has_its_detail(platform):
    client, _registration, _dossier, right = with_right(platform, "histoire@example.fr")
    user_id = user_id_of("histoire@example.fr")
    start = dt.date.fromisoformat(right.start)
    months = [month_after(start, n) for n in range(1, 15)]
    for month in months:
        declare(user_id, month, work=[Work("Hôtel du Port", 20, 30_000)] if month == months[-1] else None)
        assert run_payments(get_services(), month, today=day_after(month)).paid == 1
    page = client.get("/mon-dossier/allocations")
    assert page.status == 200 and "Mes paiements" in page.text()
    shown = re.findall(r'href="/mon-dossier/allocations/paiements/([0-9-]+)"', page.body)
    assert shown == months[::-1][:12]
    # 412 days: 13 whole months (390 days), then 22 days left in the 14th, worked partly
    # (1 085,40 € − 70 % × 300 € = 875,40 € would pay 24 days): the right ends with it.
    assert _days(user_id, months[-1]) == 22 and current_right(user_id).state == "epuise"
    assert "Droit épuisé" in page.text() and "Jours restants 0" in page.text()
    following = re.search(r'href="(/mon-dossier/allocations\?[^"]+)"[^>]*>[^<]*(<[^>]+>[^<]*)*Page suivante',
                          page.body)
    assert following, page.body[-3000:]
    second = client.get(following.group(1).replace("&amp;", "&"))
    assert re.findall(r'href="/mon-dossier/allocations/paiements/([0-9-]+)"', second.body) == months[1::-1]
    detail = client.get(f"/mon-dossier/allocations/paiements/{months[-1]}")
    text = detail.text()
    assert detail.status == 200
    for said in ("Jours payés 22", "Montant brut 795,96 €", "Retraite complémentaire", "CSG", "CRDS",
                 "Montant net", "Date du virement", "Travail chez Hôtel du Port : 20 heures", "300,00 €",
                 "version 1 de votre déclaration",
                 "Le droit est épuisé", "non prélevée : votre allocation nette ne descend pas sous le Smic journalier"):
        assert said in text, said


def _days(user_id: str, month: str) -> int:
    return int(get_services().records.get(f"USER#{user_id}", PAYMENT_PREFIX + month)["days"])


def test_another_candidates_payment_and_a_made_up_month_are_not_found(platform):
    _client, _registration, _dossier, right = with_right(platform, "a-moi@example.fr")
    month = _first_whole_month(right)
    declare(user_id_of("a-moi@example.fr"), month)
    run_payments(get_services(), month, today=day_after(month))
    other = signed_in_client(platform, "autre@example.fr", "198.51.100.30")
    assert other.get(f"/mon-dossier/allocations/paiements/{month}").status == 404
    assert other.get("/mon-dossier/allocations/paiements/2026-13").status == 404
    assert other.get("/mon-dossier/allocations/paiements/n'importe").status == 404


def test_a_candidate_without_a_dossier_sees_a_clear_page_and_no_panel(platform):
    client = signed_in_client(platform, "sans-dossier@example.fr", "198.51.100.31")
    page = client.get("/mon-dossier/allocations")
    assert page.status == 200 and "Vous n'avez pas de dossier de demandeur d'emploi" in page.text()
    assert "Voir mes allocations" not in client.get("/mon-espace").text()


def test_the_panel_of_mon_espace_shows_the_right_and_the_last_payment(platform):
    client, _registration, _dossier, right = with_right(platform, "panneau@example.fr", ip="198.51.100.32")
    month = _first_whole_month(right)
    declare(user_id_of("panneau@example.fr"), month)
    run_payments(get_services(), month, today=day_after(month))
    space = client.get("/mon-espace").text()
    assert "Voir mes allocations" in space and "36,18" in space and "Dernier paiement" in space


def test_the_scheduled_function_pays_the_previous_month_once(platform, monkeypatch):
    from espace import clock
    from espace.handlers.payments import handler
    from espace.text import PARIS

    _client, _registration, _dossier, right = with_right(platform, "planifie@example.fr", ip="198.51.100.33")
    month = _first_whole_month(right)
    declare(user_id_of("planifie@example.fr"), month)
    morning = dt.datetime.combine(day_after(month), dt.time(6, 30), tzinfo=PARIS)
    monkeypatch.setattr(clock, "now", lambda: morning)
    assert handler({"job": "payments"}) == {"month": month, "paid": 1, "already": 0, "skipped": 0, "regularised": 0,
                                            "failures": 0}
    assert handler({"job": "payments"})["already"] == 1
    assert handler({"month": month})["paid"] == 0
    with pytest.raises(ValueError):
        handler({"month": "2026-13"})


def test_a_mail_that_could_not_leave_is_sent_by_the_next_run_once(platform, monkeypatch):
    from espace.ports import StoreError

    _client, _registration, _dossier, right = with_right(platform, "courrier-rate@example.fr", ip="198.51.100.34")
    user_id = user_id_of("courrier-rate@example.fr")
    month = _first_whole_month(right)
    declare(user_id, month)
    mailer = get_services().mailer

    def down(message):
        raise StoreError("the mail service is down")

    monkeypatch.setattr(mailer, "send", down)
    assert run_payments(get_services(), month, today=day_after(month)).paid == 1
    [payment] = _payments(user_id)
    assert payment["mail_failed"] is True
    monkeypatch.undo()
    assert run_payments(get_services(), month, today=day_after(month)).already == 1
    assert run_payments(get_services(), month, today=day_after(month)).already == 1
    mails = [m for m in platform.mails_to("courrier-rate@example.fr") if "Votre paiement" in m[1]]
    assert len(mails) == 1 and _payments(user_id)[0]["mail_failed"] is False
