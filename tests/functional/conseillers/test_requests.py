"""The agency's requests through the counsellor's pages: the list by state, a request's page (an
audit entry once per counsellor and day), correcting a step with the step's own form."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from tests.functional.conseillers.helpers import at, audit_of, book, current, next_monday, token
from tests.functional.inscription.helpers import counsellor_client, sent_request
from tests.functional.inscription.samples import all_steps


def test_the_list_groups_the_agencys_requests_by_state(platform):
    client = counsellor_client(platform, "conseil@example.org")
    _c1, waiting = sent_request(platform, "alice@example.org", ip="198.51.100.31")
    _c2, booked = sent_request(platform, "bruno@example.org", ip="198.51.100.32")
    _c3, elsewhere = sent_request(platform, "chloe@example.org", agency_id="75", ip="198.51.100.33")
    book(booked, at(next_monday(), 9))
    page = client.get("/conseiller/demandes")
    assert page.status == 200
    sent_table = page.html.xpath("//section[@aria-labelledby='etat-envoyee']//tbody//a/@href")
    booked_table = page.html.xpath("//section[@aria-labelledby='etat-rendez-vous']//tbody//a/@href")
    assert sent_table == [f"/conseiller/demandes/{waiting.reference}"]
    assert booked_table == [f"/conseiller/demandes/{booked.reference}"]
    assert elsewhere.reference not in page.text()
    assert page.html.xpath("//table/caption") and page.html.xpath("//th[@scope='col']")
    space = client.get("/conseiller")
    assert "1 demande envoyée sans rendez-vous, 1 demande avec un rendez-vous pris" in " ".join(space.text().split())


def test_a_requests_page_shows_every_step_and_is_audited_once_per_counsellor_and_day(platform):
    from espace.inscription.flow import FLOW

    client = counsellor_client(platform, "conseil@example.org")
    other = counsellor_client(platform, "autre@example.org", name="Dominique Petit", ip="198.51.100.21")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    book(registration, at(next_monday(), 9))
    url = f"/conseiller/demandes/{registration.reference}"
    page = client.get(url)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Demande de Camille DURAND"
    assert [h.text_content() for h in page.html.xpath("//h2[starts-with(@id, 'etape-')]")] == [
        f"{n}. {step.title}" for n, step in enumerate(FLOW.steps, start=1)]
    assert page.html.xpath(f"//a[@href='{url}/validation']")
    assert "rendez-vous" in page.text().lower() and "9 h 00" in page.text()
    client.get(url)
    other.get(url)
    entries = audit_of(registration.user_id)
    assert sorted((e["action"], e["counsellor_name"]) for e in entries) == [
        ("demande-consultee", "Camille Martin"), ("demande-consultee", "Dominique Petit")]
    assert all(e["about"] == registration.reference and e["agency_id"] == "17" for e in entries)


def test_each_step_is_corrected_with_its_own_form_and_the_answers_kept(platform):
    """Whatever forms the five steps have: each correction page shows the step's form bound to the
    request's values, and sending them back records a correction with its audit entry."""
    from espace.inscription.flow import FLOW

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    csrf = token(client)
    url = f"/conseiller/demandes/{registration.reference}"
    for number, step in enumerate(FLOW.steps, start=1):
        page = client.get(f"{url}/{step.slug}")
        assert page.status == 200
        assert page.html.xpath("//h1")[0].text_content().split() == (
            f"Étape {number} sur 5 : Corriger : {step.title}").split()
        key = page.html.xpath("//input[@name='cle']/@value")[0]
        saved = client.post(f"{url}/{step.slug}", {**all_steps()[step.slug], "cle": key}, csrf=csrf)
        assert saved.status == 303, (step.slug, saved.error_summary())
        assert saved.location.endswith(f"{url}#etape-{step.slug}")
    after = current(registration)
    assert after.steps == all_steps()
    assert [c["step"] for c in after.corrected] == [step.slug for step in FLOW.steps]
    assert [e["action"] for e in audit_of(registration.user_id)].count("demande-corrigee") == 5
    assert client.get(f"{url}/etape-inventee").status == 404


def test_a_corrected_etat_civil_renames_the_request_in_the_agencys_lists(platform):
    from espace.inscription.flow import ADMINISTRATIVE

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    url = f"/conseiller/demandes/{registration.reference}/{ADMINISTRATIVE}"
    key = client.get(url).html.xpath("//input[@name='cle']/@value")[0]
    values = {**all_steps()[ADMINISTRATIVE], "nom_usage": ["Martin"], "cle": key}
    assert client.post(url, values, csrf=token(client)).status == 303
    after = current(registration)
    assert after.name.endswith(" MARTIN") and after.name != registration.name
    assert "MARTIN" in client.get("/conseiller/demandes").text()


def test_a_correction_sent_while_the_request_is_validated_is_refused_and_writes_nothing(platform, monkeypatch):
    """The request is validated between the correction's reading of it and its writing: the stale
    copy is not written back over the validation (each change claims the request's next version)."""
    from espace.bootstrap import get_services
    from espace.conseillers import requests
    from espace.dossier.opening import open_dossier
    from espace.inscription.flow import SITUATION
    from espace.inscription.model import VALIDATED

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    url = f"/conseiller/demandes/{registration.reference}"
    key = client.get(f"{url}/{SITUATION}").html.xpath("//input[@name='cle']/@value")[0]
    read = requests.request_or_404

    def validated_meanwhile(ctx, who, demande):
        found = read(ctx, who, demande)
        open_dossier(get_services().records, current(registration), by="un-autre-conseiller")
        return found

    monkeypatch.setattr(requests, "request_or_404", validated_meanwhile)
    changed = {**all_steps()[SITUATION], "precision": ["Reprise d'études envisagée"], "cle": key}
    answer = client.post(f"{url}/{SITUATION}", changed, csrf=token(client))
    assert answer.status == 303 and answer.location.endswith(url)
    after = current(registration)
    assert after.state == VALIDATED and after.steps == registration.steps and after.corrected == []
    assert "a changé pendant votre correction" in client.get(url).text()
    assert "demande-corrigee" not in [e["action"] for e in audit_of(registration.user_id)]


class _Identity:
    """A step form with rules (the real ones are the steps' authors'): what a correction with
    errors does does not depend on which step it is."""

    @staticmethod
    def form():
        from espace.web.forms import DateField, KitForm, StringField, length, required

        class IdentityForm(KitForm):
            nom = StringField("Nom de naissance", [required("Indiquez le nom de naissance."),
                                                  length(50, "Le nom de naissance")])
            naissance = DateField("Date de naissance", [required("Indiquez la date de naissance.")],
                                  what="la date de naissance", latest=clock.today())

        return IdentityForm


@pytest.fixture
def ruled_step(monkeypatch):
    from espace.conseillers import requests
    from espace.inscription.flow import ADMINISTRATIVE, FLOW
    from espace.web.steps import Flow, Step

    first = Step(ADMINISTRATIVE, FLOW.steps[0].title, _Identity.form(), "components/examples/step_fields.html")
    monkeypatch.setattr(requests, "FLOW", Flow(FLOW.name, FLOW.title, FLOW.base, (first, *FLOW.steps[1:])))
    return ADMINISTRATIVE


def test_a_correction_with_errors_keeps_what_was_typed_and_changes_nothing(platform, ruled_step):
    from espace.bootstrap import get_services
    from espace.inscription.service import RegistrationDesk

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    registration.steps[ruled_step] = {"nom": ["DURAND"], "naissance-jour": ["3"], "naissance-mois": ["4"],
                                      "naissance-annee": ["1990"]}
    RegistrationDesk(get_services().records).save(registration)
    url = f"/conseiller/demandes/{registration.reference}/{ruled_step}"
    form = client.get(url)
    assert form.html.xpath("//input[@name='nom']/@value") == ["DURAND"]
    assert form.html.xpath("//input[@name='naissance-annee']/@value") == ["1990"]
    key = form.html.xpath("//input[@name='cle']/@value")[0]
    csrf = token(client)
    future = clock.today() + dt.timedelta(days=40)
    bad = client.post(url, {"nom": "D" * 60, "naissance-jour": str(future.day), "naissance-mois": str(future.month),
                            "naissance-annee": str(future.year), "cle": key}, csrf=csrf)
    assert bad.status == 400
    assert bad.error_summary() == ["Le nom de naissance doit contenir au plus 50 caractères.",
                                   f"La date de naissance doit être le {clock.today():%d/%m/%Y} ou avant."]
    assert bad.html.xpath("//input[@name='nom']/@value") == ["D" * 60]
    assert bad.html.xpath("//input[@name='cle']/@value") == [key]
    assert current(registration).steps[ruled_step]["nom"] == ["DURAND"] and current(registration).corrected == []
    good = {"nom": "DUPONT", "naissance-jour": "3", "naissance-mois": "4", "naissance-annee": "1991", "cle": key}
    assert client.post(url, good, csrf=csrf).status == 303
    assert client.post(url, good, csrf=csrf).status == 303  # a double click corrects once
    after = current(registration)
    assert after.steps[ruled_step] == {"nom": ["DUPONT"], "naissance-jour": ["3"], "naissance-mois": ["4"],
                                       "naissance-annee": ["1991"]}
    assert len(after.corrected) == 1 and after.corrected[0]["name"] == "Camille Martin"
    assert [e["action"] for e in audit_of(registration.user_id)].count("demande-corrigee") == 1
    page = client.get(f"/conseiller/demandes/{registration.reference}")
    assert "DUPONT" in page.text()
    assert page.html.xpath("//table[caption[starts-with(normalize-space(), 'Corrections')]]//tbody/tr")


def test_a_validated_request_is_not_corrected_any_more(platform):
    from espace.bootstrap import get_services
    from espace.dossier.opening import open_dossier
    from espace.inscription.flow import FLOW

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    open_dossier(get_services().records, registration, by="test")
    url = f"/conseiller/demandes/{registration.reference}/{FLOW.steps[1].slug}"
    assert client.get(url).status == 409
    posted = client.post(url, {**all_steps()[FLOW.steps[1].slug], "cle": "0" * 32}, csrf=token(client))
    assert posted.status == 409 and current(registration).corrected == []
    page = client.get(f"/conseiller/demandes/{registration.reference}")
    assert not page.html.xpath("//a[starts-with(normalize-space(), 'Corriger')]")


def test_a_steps_groups_are_added_on_the_correction_page_without_writing_the_request(platform):
    """« Ajouter un emploi » on the correction of « Expériences professionnelles »: the form again
    with one group more, as typed; the request changes when the correction is saved."""
    from espace.inscription.flow import EXPERIENCES

    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    url = f"/conseiller/demandes/{registration.reference}/{EXPERIENCES}"
    page = client.get(url)
    key = page.html.xpath("//input[@name='cle']/@value")[0]
    assert page.html.xpath("//form//button[@hidden][@value='corriger']")  # Enter saves the correction
    csrf = token(client)
    values = all_steps()[EXPERIENCES]
    added = client.post(url, {**values, "cle": key, "action": "ajouter:emplois"}, csrf=csrf)
    assert added.status == 200
    assert added.html.xpath("//input[@name='emplois-1-employeur']")
    assert added.html.xpath("//input[@name='emplois-0-employeur']/@value") == values["emplois-0-employeur"]
    assert added.html.xpath("//input[@name='cle']/@value") == [key]
    assert current(registration).corrected == []
    saved = client.post(url, {**values, "cle": key, "action": "corriger"}, csrf=csrf)
    assert saved.status == 303 and len(current(registration).corrected) == 1
