"""The monthly declaration (espace.dossier.actualisation): with two employers and an event, the
quick path, a duplicate refused, parallel posts, corrections, and who may see what."""

from __future__ import annotations

import datetime as dt
from functools import partial

from espace.bootstrap import get_services
from espace.dossier.actualisation import service
from espace.dossier.letters import RECEIPT
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.actualisation_helpers import (
    BASE,
    move_to,
    nothing_to_report,
    quick_form,
    registered,
    two_employers,
)
from tests.functional.race import race

D = dt.date


def test_a_declaration_with_two_employers_and_an_event(platform, monkeypatch):
    client, _registration, _dossier = registered(platform, monkeypatch, "deux-employeurs@example.fr",
                                                 D(2026, 12, 2))
    move_to(monkeypatch, D(2026, 12, 29))
    home = client.get(BASE)
    assert home.status == 200 and "décembre 2026" in home.text() and "15 janvier 2027" in home.text()
    form = client.get(f"{BASE}/declaration")
    assert form.status == 200 and "Avez-vous travaillé en décembre 2026 ?" in form.text()
    sent = client.post(f"{BASE}/declaration", two_employers())
    assert sent.status == 303 and sent.location.endswith("/verification"), sent.text()[:500]
    check = client.get(f"{BASE}/verification")
    assert "Travail chez Boulangerie Martin : 35 heures, 412,30 € brut." in check.text()
    assert "Total du mois : 55 heures" in check.text() and "Formation du 16 décembre 2026 au 18 décembre 2026" \
        in check.text()
    done = client.post(f"{BASE}/verification", {})
    assert done.status == 303 and done.location.endswith("/accuse/2026-12-v1")
    page = client.get(done.location)
    assert page.status == 200 and "Mairie de Lyon" in page.text() and "Corriger ma déclaration" in page.text()
    user_id = user_id_of("deux-employeurs@example.fr")
    records = get_services().records
    declaration = service.get(records, user_id, "2026-12")
    assert [(w.employer, w.hours, w.gross) for w in declaration.work] == [
        ("Boulangerie Martin", 35, 41230), ("Mairie de Lyon", 20, 125000)]
    assert declaration.gross == 166230 and declaration.events[0].end == "2026-12-18"
    assert records.get(*_declared("2026-12", user_id)) is not None
    [letter] = [item for item in records.query(f"USER#{user_id}", "LETTER#") if item["kind"] == RECEIPT]
    assert letter["about"] == "2026-12-v1"


def _declared(month, user_id):
    from espace.dossier.records import declared_index

    return declared_index(month, user_id)


def test_errors_are_told_and_values_kept(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "erreurs-actu@example.fr")
    move_to(monkeypatch, D(2026, 11, 28))
    values = {**two_employers(), "emplois-1-heures": "beaucoup", "evenements-0-debut-mois": "13"}
    answer = client.post(f"{BASE}/declaration", values)
    assert answer.status == 400 and answer.text().count("Erreur") >= 1
    summary = " ".join(answer.error_summary())
    assert "nombre entier d'heures" in summary
    assert 'value="beaucoup"' in answer.body
    nothing = client.post(f"{BASE}/declaration", {"travail": "oui", "action": "continuer"})
    assert nothing.status == 400
    assert "ajoutez au moins un employeur" in " ".join(nothing.error_summary())
    assert "recherche d'un emploi" in " ".join(nothing.error_summary())


def test_adding_and_removing_an_employer_without_javascript(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "ajout-actu@example.fr")
    move_to(monkeypatch, D(2026, 12, 3))
    added = client.post(f"{BASE}/declaration", {"recherche": "oui", "travail": "oui", "action": "ajouter:emplois"})
    assert added.status == 303 and added.location.endswith("#emplois-0")
    page = client.get(f"{BASE}/declaration")
    assert 'name="emplois-0-employeur"' in page.body and 'value="oui"' in page.body
    removed = client.post(f"{BASE}/declaration", {"recherche": "oui", "travail": "oui", "emplois-0": "1",
                                                  "action": "supprimer:emplois:0"})
    assert removed.status == 303
    assert 'name="emplois-0-employeur"' not in client.get(f"{BASE}/declaration").body


def test_the_quick_path_then_a_second_declaration_is_refused_with_its_receipt(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "rien@example.fr")
    move_to(monkeypatch, D(2026, 12, 15), hour=23)
    key, token = quick_form(client)
    done = client.post(f"{BASE}/rien-a-signaler", {"cle": key}, csrf=token)
    assert done.status == 303 and done.location.endswith("/accuse/2026-11-v1")
    receipt = client.get(done.location)
    assert "Vous n'avez pas travaillé pendant le mois." in receipt.text()
    again = client.post(f"{BASE}/rien-a-signaler", {"cle": key}, csrf=token)  # the same click sent again
    assert again.status == 303 and again.location.endswith("/accuse/2026-11-v1")
    other = client.post(f"{BASE}/rien-a-signaler", {"cle": "f" * 32}, csrf=token)
    assert other.status == 409 and "déjà déclaré" in other.text() and "/accuse/2026-11-v1" in other.body
    form = client.get(f"{BASE}/declaration")
    assert form.status == 409 and "Voir mon accusé de réception" in form.text()
    user_id = user_id_of("rien@example.fr")
    records = get_services().records
    assert len(records.query(f"USER#{user_id}", "DECLARATION-VERSION#")) == 1
    assert service.get(records, user_id, "2026-11").still_looking is True


def test_parallel_posts_record_one_declaration_and_one_receipt(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "parallele@example.fr")
    move_to(monkeypatch, D(2026, 12, 1))
    key, token = quick_form(client)
    answers = []

    def send(cle: str) -> None:
        answers.append(client.post(f"{BASE}/rien-a-signaler", {"cle": cle}, csrf=token).status)

    race(platform, [partial(send, cle) for cle in (key, key, "a" * 32)])
    user_id = user_id_of("parallele@example.fr")
    records = get_services().records
    assert len(records.query(f"USER#{user_id}", "DECLARATION#")) == 1
    assert len(records.query(f"USER#{user_id}", "DECLARATION-VERSION#")) == 1
    assert len([i for i in records.query(f"USER#{user_id}", "LETTER#") if i["kind"] == RECEIPT]) == 1
    assert sorted(answers).count(303) >= 1 and set(answers) <= {303, 409}


def test_a_correction_makes_version_two_and_a_new_receipt(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "correction@example.fr")
    move_to(monkeypatch, D(2026, 11, 29))
    nothing_to_report(client)
    form = client.get(f"{BASE}/correction")
    assert form.status == 200  # the form starts from what was declared
    assert form.html.xpath('//input[@name="travail"][@checked]/@value') == ["non"]
    assert form.html.xpath('//input[@name="recherche"][@checked]/@value') == ["oui"]
    values = {**two_employers()}
    for name in [n for n in values if n.startswith("evenements")]:
        del values[name]
    assert client.post(f"{BASE}/correction", values).status == 303
    done = client.post(f"{BASE}/verification", {})
    assert done.location.endswith("/accuse/2026-11-v2")
    user_id = user_id_of("correction@example.fr")
    records = get_services().records
    current = service.get(records, user_id, "2026-11")
    assert current.version == 2 and current.gross == 166230
    assert service.get_version(records, user_id, "2026-11", 1).work == []
    abouts = sorted(i["about"] for i in records.query(f"USER#{user_id}", "LETTER#") if i["kind"] == RECEIPT)
    assert abouts == ["2026-11-v1", "2026-11-v2"]
    old = client.get(f"{BASE}/accuse/2026-11-v1")
    assert "remplacée par une correction" in old.text()


def test_two_corrections_from_the_same_version_cannot_both_win(platform, monkeypatch):
    _client, _r, _d = registered(platform, monkeypatch, "concurrence@example.fr")
    move_to(monkeypatch, D(2026, 11, 29))
    user_id = user_id_of("concurrence@example.fr")
    records = get_services().records
    from espace.dossier.records import Declaration, Work

    service.declare(records, Declaration(user_id, "2026-11", True), "1" * 32)
    first = service.correct(records, Declaration(user_id, "2026-11", True, [Work("A", 1, 100)]), 1, "2" * 32)
    assert first.made and first.declaration.version == 2
    try:
        service.correct(records, Declaration(user_id, "2026-11", True, [Work("B", 2, 200)]), 1, "3" * 32)
        raise AssertionError("the second correction read from version 1 must fail")
    except service.CorrectionConflictError as conflict:
        assert conflict.current.version == 2
    retry = service.correct(records, Declaration(user_id, "2026-11", True, [Work("A", 1, 100)]), 1, "2" * 32)
    assert not retry.made and retry.declaration.version == 2
    assert service.get(records, user_id, "2026-11").work[0].employer == "A"


def test_a_correction_after_the_window_closed_is_refused(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "apres@example.fr")
    move_to(monkeypatch, D(2026, 12, 10))
    nothing_to_report(client)
    move_to(monkeypatch, D(2026, 12, 16))
    refused = client.get(f"{BASE}/correction")
    assert refused.status == 409 and "ne peut plus être corrigée" in refused.text()
    assert client.post(f"{BASE}/correction", two_employers(), csrf=client.csrf_token("/mon-espace")).status == 409
    assert "Corriger" not in client.get(f"{BASE}/accuse/2026-11-v1").text()


def test_without_an_open_dossier_the_page_says_why(platform, monkeypatch):
    move_to(monkeypatch, D(2026, 12, 1))
    client = signed_in_client(platform, "sans-dossier@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and "pas encore de dossier" in page.text() and 'href="/inscription"' in page.body
    assert client.get(f"{BASE}/declaration").status == 409
    token = page.html.xpath('//input[@name="csrf"]/@value')
    assert client.post(f"{BASE}/rien-a-signaler", {"cle": "b" * 32},
                       csrf=token[0] if token else client.csrf_token("/mon-espace")).status == 409


def test_another_account_cannot_see_a_receipt(platform, monkeypatch):
    client, _r, _d = registered(platform, monkeypatch, "proprietaire@example.fr")
    move_to(monkeypatch, D(2026, 12, 1))
    nothing_to_report(client)
    other = signed_in_client(platform, "curieux@example.fr")
    assert other.get(f"{BASE}/accuse/2026-11-v1").status == 404
    assert other.get(f"{BASE}/accuse/n-importe-quoi").status == 404
    from tests.functional.client import Client

    anonymous = Client(platform.handler)
    assert anonymous.get(f"{BASE}/accuse/2026-11-v1").status in (302, 303)


def test_the_public_calendar(platform, monkeypatch):
    move_to(monkeypatch, D(2026, 12, 20))
    from tests.functional.client import Client

    page = Client(platform.handler).get("/calendrier-actualisation")
    assert page.status == 200
    captions = page.html.xpath("//caption/text()")
    assert captions == ["Calendrier de l'actualisation 2026", "Calendrier de l'actualisation 2027"]
    assert "26 février 2026" in page.text() and "15 janvier 2027" in page.text()


def test_parallel_corrections_from_one_version_one_wins(platform, monkeypatch):
    """Two tabs correcting version 1 at the same instant: one version 2, the other told of the
    conflict. True threads on SQLite; one after the other on moto (its transactions are not atomic
    across threads, as the other burst tests say) — the condition holds either way."""
    from espace.dossier.records import Declaration, Work

    _client, _r, _d = registered(platform, monkeypatch, "deux-onglets@example.fr")
    user_id = user_id_of("deux-onglets@example.fr")
    records = get_services().records
    service.declare(records, Declaration(user_id, "2026-11", True), "1" * 32)
    outcomes: list[str] = []

    def correct(employer: str, key: str) -> None:
        try:
            recorded = service.correct(records, Declaration(user_id, "2026-11", True, [Work(employer, 7, 700)]), 1, key)
            outcomes.append("made" if recorded.made else "found")
        except service.CorrectionConflictError:
            outcomes.append("conflict")

    race(platform, [partial(correct, name, key) for name, key in (("A", "a" * 32), ("B", "b" * 32))])
    assert sorted(outcomes) == ["conflict", "made"]
    versions = records.query(f"USER#{user_id}", "DECLARATION-VERSION#")
    assert [item["sk"][-3:] for item in versions] == ["001", "002"]
    winner = service.get(records, user_id, "2026-11")
    assert winner.version == 2 and winner.work[0].employer == versions[1]["work"][0]["employer"]
