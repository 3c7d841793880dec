"""The actualisation's daily job (espace.dossier.actualisation.jobs): the opening mail and the
reminder once per candidate, month and kind however often it runs; after the closing, the missed
month recorded once, the registration ended, the way back shown, the counsellor told."""

from __future__ import annotations

import datetime as dt

from espace.bootstrap import get_services
from espace.dossier.actualisation.jobs import run_actualisation
from espace.dossier.opening import dossier_of
from espace.dossier.records import registered_index
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.actualisation_helpers import BASE, move_to, nothing_to_report, registered
from tests.functional.inscription.helpers import counsellor_client

D = dt.date


def _mails(platform, email: str, words: str) -> int:
    return len([mail for mail in platform.mails_to(email) if words in mail[1]])


def test_reminders_once_then_the_missed_month(platform, monkeypatch):
    late, _r, _d = registered(platform, monkeypatch, "oublieux@example.fr")
    punctual, _r2, _d2 = registered(platform, monkeypatch, "ponctuel@example.fr")
    services = get_services()
    late_id, punctual_id = user_id_of("oublieux@example.fr"), user_id_of("ponctuel@example.fr")
    assert services.records.get(*registered_index(late_id)) is not None

    for _ in range(2):
        run_actualisation(services, D(2026, 11, 28))
    assert _mails(platform, "oublieux@example.fr", "est ouverte") == 1
    assert _mails(platform, "ponctuel@example.fr", "est ouverte") == 1
    again = run_actualisation(services, D(2026, 11, 29))
    assert again.mailed["ouverture"] == 0 and again.already_done == 2

    move_to(monkeypatch, D(2026, 11, 30))
    nothing_to_report(punctual)
    newcomer, _r3, _d3 = registered(platform, monkeypatch, "nouveau@example.fr", D(2026, 12, 2))

    first = run_actualisation(services, D(2026, 12, 13))
    run_actualisation(services, D(2026, 12, 14))
    assert first.mailed["rappel"] == 1 and first.declared == 1
    assert _mails(platform, "oublieux@example.fr", "Rappel") == 1
    assert _mails(platform, "ponctuel@example.fr", "Rappel") == 0
    assert platform.mails_to("nouveau@example.fr") == [] or not _mails(platform, "nouveau@example.fr", "Rappel")
    kept = services.records.query(f"USER#{late_id}", "MSG#")
    assert any("Rappel" in item["subject"] for item in kept)  # « Mes messages » keeps it

    settled = run_actualisation(services, D(2026, 12, 16))
    rerun = run_actualisation(services, D(2026, 12, 17))
    assert settled.missed == 1 and rerun.missed == 0
    assert len(services.records.query(f"USER#{late_id}", "MISSED#")) == 1
    dossier = dossier_of(services.records, late_id)
    assert dossier.state == "cesse" and dossier.end_reason == "defaut-actualisation"
    assert dossier.periods[-1]["end"] == "2026-12-16"
    assert services.records.get(*registered_index(late_id)) is None
    assert dossier_of(services.records, punctual_id).state == "inscrit"
    assert dossier_of(services.records, user_id_of("nouveau@example.fr")).state == "inscrit"
    assert _mails(platform, "oublieux@example.fr", "a pris fin") == 1

    move_to(monkeypatch, D(2026, 12, 20))
    page = late.get(BASE)
    assert "Actualisation manquée" in page.text() and "défaut d'actualisation" in page.text()
    assert 'href="/inscription"' in page.body and "sans rendez-vous" in page.text()
    assert newcomer.get(BASE).status == 200

    counsellor = counsellor_client(platform, "conseillere-actu@example.fr")
    listing = counsellor.get("/conseiller/actualisations")
    assert listing.status == 200 and "Camille DURAND" in listing.text() and dossier.identifier in listing.text()
    assert "novembre 2026" in listing.text()
    assert 'href="/conseiller/actualisations"' in counsellor.get("/conseiller").body
    elsewhere = counsellor_client(platform, "conseiller-ailleurs@example.fr", agency_id="13", ip="198.51.100.10")
    other = elsewhere.get("/conseiller/actualisations")
    assert other.status == 200 and dossier.identifier not in other.text() and "Aucune actualisation" in other.text()


def test_a_cessation_by_the_counsellor_removes_the_index_entry(platform, monkeypatch):
    _client, registration, _dossier = registered(platform, monkeypatch, "cesse@example.fr")
    services = get_services()
    user_id = user_id_of("cesse@example.fr")
    counsellor = counsellor_client(platform, "conseiller-cessation@example.fr")
    url = f"/conseiller/demandes/{registration.reference}/cessation"
    page = counsellor.get(url)
    key = page.html.xpath('//input[@name="cle"]/@value')[0]
    done = counsellor.post(url, {"cle": key, "date_fin-jour": "20", "date_fin-mois": "11", "date_fin-annee": "2026",
                                 "motif": "reprise-emploi"})
    assert done.status == 303, done.text()[:500]
    assert services.records.get(*registered_index(user_id)) is None
    report = run_actualisation(services, D(2026, 11, 28))
    assert report.mailed["ouverture"] == 0


def test_the_command_and_the_lambda_handler_run_a_day(platform, monkeypatch, capsys):
    from espace.dossier.actualisation import cli
    from espace.handlers.actualisation import handler

    registered(platform, monkeypatch, "commande@example.fr")
    assert cli.main(["run", "--day", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "messages d'ouverture / opening mails: 1" in out and "2026-11 ouverture" in out
    answer = handler({"job": "actualisation", "day": "2026-11-29"})
    assert answer["mailed"]["ouverture"] == 0 and answer["already_done"] == 1 and answer["failures"] == 0
    assert _mails(platform, "commande@example.fr", "est ouverte") == 1
    try:
        cli.main(["run", "--day", "28/11/2026"])
        raise AssertionError("a day that is not YYYY-MM-DD must be refused")
    except SystemExit as error:
        assert error.code == 2


def test_no_longer_looking_ends_the_registration_at_the_closing_unless_corrected(platform, monkeypatch):
    from espace.dossier.actualisation import service
    from espace.dossier.records import Declaration

    client, _r, _d = registered(platform, monkeypatch, "fin-recherche@example.fr")
    services, user_id = get_services(), user_id_of("fin-recherche@example.fr")
    move_to(monkeypatch, D(2026, 12, 5))
    space = client.get("/mon-espace")
    assert "Actualisation de novembre 2026 à faire avant le 15 décembre 2026 inclus." in space.text()
    service.declare(services.records, Declaration(user_id, "2026-11", False), "d" * 32)
    page = client.get(f"{BASE}/accuse/2026-11-v1")
    assert "Vous n'êtes plus à la recherche d'un emploi." in page.text()
    assert "prendra fin le lendemain de la clôture de l'actualisation, le 16 décembre 2026" in page.text()
    assert "Votre actualisation de novembre 2026 est enregistrée." in client.get("/mon-espace").text()
    report = run_actualisation(services, D(2026, 12, 16))
    assert report.not_looking == 1 and report.missed == 0
    dossier = dossier_of(services.records, user_id)
    assert dossier.state == "cesse" and dossier.end_reason == "fin-de-recherche"
    assert services.records.query(f"USER#{user_id}", "MISSED#") == []
    assert run_actualisation(services, D(2026, 12, 17)).not_looking == 0
