"""A month corrected after the job paid it, on both profiles: the next run computes it again from
the latest version and records one « rappel » or « trop-perçu », mailed once, whatever the reruns
or concurrent runs; the trop-perçu is kept back from the next payment; « Mes allocations » shows it."""

from __future__ import annotations

import datetime as dt

from espace.bootstrap import get_services
from espace.dossier.actualisation.service import correct
from espace.dossier.payment_job import run_payments
from espace.dossier.records import PAYMENT_PREFIX, REGULARISATION_PREFIX, Declaration, Payment, Work
from espace.dossier.regularisation import pending
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers_allocations import current_right, day_after, declare, month_after, with_right
from tests.functional.race import race

PAY = [Work("Atelier Durand", 35, 100_000)]


def _regularisations(user_id: str) -> list[dict]:
    return get_services().records.query(f"USER#{user_id}", REGULARISATION_PREFIX)


def _correct(user_id: str, month: str, read_version: int, work: list[Work], key: str) -> None:
    declaration = Declaration(user_id=user_id, month=month, still_looking=True, work=work)
    assert correct(get_services().records, declaration, read_version, key).made


def _paid_then_corrected(platform, email: str, first: list[Work] | None, then: list[Work]):
    _client, _registration, _dossier, right = with_right(platform, email)
    user_id = user_id_of(email)
    month = month_after(dt.date.fromisoformat(right.start), 1)
    declare(user_id, month, work=first)
    assert run_payments(get_services(), month, today=day_after(month)).paid == 1  # the 1st: from version 1
    _correct(user_id, month, 1, then, "cle-correction")  # the 5th: within the window
    return _client, user_id, month, right


def test_pay_declared_after_payment_is_one_trop_percu_kept_back_from_the_next_payment(platform):
    client, user_id, month, right = _paid_then_corrected(platform, "trop-percu@example.fr", None, PAY)
    paid = Payment.of(get_services().records.get(f"USER#{user_id}", PAYMENT_PREFIX + month))
    assert (paid.days, paid.declaration_version) == (30, 1)
    runs = [run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=n)) for n in (5, 6, 7)]
    assert [r.regularised for r in runs] == [1, 0, 0] and not any(r.failures for r in runs)
    [item] = _regularisations(user_id)
    assert (item["from_version"], item["to_version"], item["days_before"]) == (1, 2, 30)
    assert item["days_after"] < 30 and item["net_after"] < item["net_before"]
    owed = item["net_before"] - item["net_after"]
    after = current_right(user_id)
    assert after.days_used == item["days_after"] and after.days_carried == 30 - item["days_after"]
    assert after.to_recover == owed and after.version == right.version + 2
    assert list(pending(get_services().records)) == []  # settled: the index entry is gone
    mails = [m for m in platform.mails_to("trop-percu@example.fr") if "Régularisation" in m[1]]
    assert len(mails) == 1 and "de trop" in mails[0][2] and f"/paiements/{month}" in mails[0][2]
    # The next month's payment keeps back a fifth of its net, at most, and the rest stays due.
    following = month_after(dt.date.fromisoformat(right.start), 2)
    declare(user_id, following)
    assert run_payments(get_services(), following, today=day_after(following)).paid == 1
    payment = Payment.of(get_services().records.get(f"USER#{user_id}", PAYMENT_PREFIX + following))
    assert payment.recovered == min(owed, payment.net * 2_000 // 10_000) > 0
    assert current_right(user_id).to_recover == owed - payment.recovered
    # « Mes allocations »: in the history, on the month's detail, on the next payment's.
    text = client.get("/mon-dossier/allocations").text()
    assert "Trop-perçu de" in text and "Trop-perçu restant à retenir" in text and "Retenue pour trop-perçu" in text
    detail = client.get(f"/mon-dossier/allocations/paiements/{month}").text()
    for said in ("La régularisation", "version 1 remplacée par la version 2", "30 avant", "Atelier Durand",
                 "retenu sur vos paiements suivants"):
        assert said in detail, said
    assert "Montant viré" in client.get(f"/mon-dossier/allocations/paiements/{following}").text()


def test_pay_removed_by_a_correction_is_one_rappel_and_a_second_correction_another(platform):
    client, user_id, month, _right = _paid_then_corrected(platform, "rappel@example.fr", PAY, [])
    report = run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=5))
    assert report.regularised == 1
    [first] = _regularisations(user_id)
    assert first["days_after"] == 30 and first["net_after"] > first["net_before"]
    assert current_right(user_id).days_used == 30 and current_right(user_id).to_recover == 0
    assert "Rappel de" in client.get(f"/mon-dossier/allocations/paiements/{month}").text()
    assert [m for m in platform.mails_to("rappel@example.fr") if "Régularisation" in m[1] and "de plus" in m[2]]
    _correct(user_id, month, 2, [Work("Atelier Durand", 10, 20_000)], "cle-deuxieme")
    assert run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=9)).regularised == 1
    second = _regularisations(user_id)[-1]
    assert (second["from_version"], second["to_version"], second["net_before"]) == (2, 3, first["net_after"])
    assert current_right(user_id).days_used == second["days_after"]


def test_concurrent_runs_regularise_once(platform):
    """True threads on SQLite; one after the other on moto (its transactions are not atomic across
    threads, as the other burst tests say)."""
    _client, user_id, month, _right = _paid_then_corrected(platform, "deux-regul@example.fr", None, PAY)
    reports = []

    def run() -> None:
        reports.append(run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=5)))

    race(platform, [run] * 3)
    assert sum(r.regularised for r in reports) == 1 and not any(r.failures for r in reports)
    [item] = _regularisations(user_id)
    assert current_right(user_id).days_used == item["days_after"]
    assert current_right(user_id).to_recover == item["net_before"] - item["net_after"]
    assert len([m for m in platform.mails_to("deux-regul@example.fr") if "Régularisation" in m[1]]) == 1


def test_a_correction_of_a_month_not_over_waits_and_a_month_not_paid_yet_is_paid(platform):
    _client, _registration, _dossier, right = with_right(platform, "pas-paye@example.fr")
    user_id = user_id_of("pas-paye@example.fr")
    month = month_after(dt.date.fromisoformat(right.start), 1)
    declare(user_id, month, still_looking=False)  # version 1: nothing paid
    previous = month_after(dt.date.fromisoformat(right.start), 0)
    assert run_payments(get_services(), previous, today=day_after(month) - dt.timedelta(days=3)).regularised == 0
    _correct(user_id, month, 1, [], "cle-reprise")  # corrected on the 29th: the month is not over
    assert run_payments(get_services(), previous, today=day_after(month) - dt.timedelta(days=1)).regularised == 0
    assert len(list(pending(get_services().records))) == 1  # it waits for the month's end
    report = run_payments(get_services(), month, today=day_after(month))
    assert (report.regularised, report.paid, report.already) == (0, 1, 1)  # paid once, from version 2
    payment = Payment.of(get_services().records.get(f"USER#{user_id}", PAYMENT_PREFIX + month))
    assert (payment.days, payment.declaration_version) == (30, 2) and _regularisations(user_id) == []


def test_a_regularisation_mail_that_could_not_leave_is_sent_by_the_next_run_once(platform, monkeypatch):
    from espace.ports import StoreError

    _client, user_id, month, _right = _paid_then_corrected(platform, "regul-rate@example.fr", None, PAY)
    mailer = get_services().mailer

    def down(message):
        raise StoreError("the mail service is down")

    monkeypatch.setattr(mailer, "send", down)
    assert run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=5)).regularised == 1
    [item] = _regularisations(user_id)
    assert item["mail_failed"] is True and len(list(pending(get_services().records))) == 1  # kept for the mail
    monkeypatch.undo()
    for n in (6, 7):
        assert run_payments(get_services(), month, today=day_after(month) + dt.timedelta(days=n)).regularised == 0
    mails = [m for m in platform.mails_to("regul-rate@example.fr") if "Régularisation" in m[1]]
    assert len(mails) == 1 and _regularisations(user_id)[0]["mail_failed"] is False
    assert list(pending(get_services().records)) == [] and len(_regularisations(user_id)) == 1


def test_a_rappel_settles_the_trop_percu_still_due_once_and_transfers_the_rest(platform):
    """Month 1 is a trop-perçu, month 2's payment keeps back a fifth of its net; month 2 is then
    corrected into a rappel: the rappel settles what is still due, the rest is transferred, and the
    reruns offset nothing more."""
    client, user_id, _month, right = _paid_then_corrected(platform, "compense@example.fr", None, PAY)
    following = month_after(dt.date.fromisoformat(right.start), 2)
    declare(user_id, following, work=PAY)
    assert run_payments(get_services(), following, today=day_after(following)).regularised == 1
    payment = Payment.of(get_services().records.get(f"USER#{user_id}", PAYMENT_PREFIX + following))
    due = current_right(user_id).to_recover
    assert payment.recovered > 0 and due > 0
    _correct(user_id, following, 1, [], "cle-compense")
    runs = [run_payments(get_services(), following, today=day_after(following) + dt.timedelta(days=n))
            for n in (5, 6)]
    assert [r.regularised for r in runs] == [1, 0]
    rappel = [item for item in _regularisations(user_id) if item["month"] == following]
    [item] = rappel
    gained = item["net_after"] - item["net_before"]
    assert item["recovered"] == min(gained, due) > 0
    assert current_right(user_id).to_recover == due - item["recovered"]
    detail = client.get(f"/mon-dossier/allocations/paiements/{following}").text()
    assert "Retenue pour trop-perçu" in detail and "retenus pour le trop-perçu encore dû" in detail
    mails = [m for m in platform.mails_to("compense@example.fr") if "Régularisation" in m[1] and "de plus" in m[2]]
    assert len(mails) == 1 and "retenus pour le trop-perçu" in mails[0][2]
