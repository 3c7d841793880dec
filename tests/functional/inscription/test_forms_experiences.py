"""Étape 3, « Expériences professionnelles », through its page: periods of work and without work
added and removed without JavaScript, the allowance claim's data (salaries handed over in cents),
and hostile input — each fault a clear message on its field, everything else kept as typed."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from espace.inscription.forms_experiences import ExperiencesForm, hundredths
from espace.web.steps import form_from_values
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples import experiences
from tests.functional.profiles import each_case_on_one_profile

URL = "/mon-espace/inscription/demande/experiences"
JOB = {k: v for k, v in experiences.VALUES.items() if k.startswith("emplois-")}
IDLE = {k: v for k, v in experiences.VALUES.items() if k.startswith("sans_emploi-")}


@pytest.fixture
def client(platform):
    return signed_in_client(platform, "periodes@example.fr")


def job(n: int, **changes: str) -> dict[str, list[str]]:
    """The sample's period of work as the ``n``-th group, with ``changes`` (field -> value)."""
    values = {k.replace("emplois-0", f"emplois-{n}"): v for k, v in JOB.items()}
    values.update({f"emplois-{n}-{name.replace('_', '-') if name.startswith(('debut_', 'fin_')) else name}": [value]
                   for name, value in changes.items()})
    return values


def idle(n: int, **changes: str) -> dict[str, list[str]]:
    values = {k.replace("sans_emploi-0", f"sans_emploi-{n}"): v for k, v in IDLE.items()}
    values.update({f"sans_emploi-{n}-{name.replace('_', '-')}": [value] for name, value in changes.items()})
    return values


def headings(page):
    return [" ".join(h.text_content().split()) for h in page.html.xpath("//div[@class='group__entry']/h3")]


def draft_values(email: str) -> dict[str, list[str]]:
    from espace.bootstrap import get_services
    from espace.inscription.flow import FLOW
    from espace.web.steps import Drafts

    return Drafts(get_services().records, FLOW, user_id_of(email)).load()["experiences"]["values"]


def test_the_step_from_empty_to_done_with_groups_added_and_removed(client):
    page = client.get(URL)
    title = page.html.xpath("//title")[0].text_content()
    assert page.status == 200 and title.startswith("Étape 3 sur 5 : Expériences professionnelles")
    assert headings(page) == [] and "Aucune période d'emploi déclarée." in page.text()
    assert "Aucune période sans emploi déclarée." in page.text()
    empty = client.post(URL, {"action": "continuer"})
    assert empty.status == 400 and empty.error_summary() == [
        "Déclarez au moins une période : une période d'emploi, ou une période sans emploi (études, chômage…)."]
    assert empty.html.xpath("//*[@data-error-summary]//a/@href") == ["#emplois"]

    assert client.post(URL, {"action": "ajouter:emplois"}).location == f"{URL}#emplois-0"
    page = client.get(URL)
    assert headings(page) == ["Période d'emploi 1"] and page.html.xpath("//input[@name='emplois-0-employeur']")
    # The first period typed, a period without work added: the first is kept as typed.
    added = client.post(URL, {**JOB, "action": "ajouter:sans_emploi"})
    assert added.location == f"{URL}#sans_emploi-0"
    page = client.get(URL)
    assert headings(page) == ["Période d'emploi 1", "Période sans emploi 1"]
    assert page.html.xpath("//input[@name='emplois-0-salaire']/@value") == ["31 250,40"]
    # A second period of work added then removed.
    client.post(URL, {**JOB, **IDLE, "action": "ajouter:emplois"})
    assert headings(client.get(URL)) == ["Période d'emploi 1", "Période d'emploi 2", "Période sans emploi 1"]
    removed = client.post(URL, {**JOB, **job(1, employeur="Primeur"), **IDLE, "action": "supprimer:emplois:0"})
    assert removed.location == f"{URL}#emplois"
    page = client.get(URL)
    assert "La période d'emploi 1 est retirée de la liste." in page.text()
    assert page.html.xpath("//input[@name='emplois-0-employeur']/@value") == ["Primeur"]

    done = client.post(URL, {**experiences.VALUES, "action": "continuer"})
    assert done.status == 303 and done.location == "/mon-espace/inscription/demande/formation"
    assert draft_values("periodes@example.fr") == experiences.VALUES


def test_the_cleaned_data_holds_cents_and_hundredths_of_hours():
    form = form_from_values(ExperiencesForm, {**experiences.VALUES, "emplois-0-heures": ["1 820,5"]})
    assert form.validate(), form.error_list()
    period = form.data["emplois"][0]
    assert period["salaire"] == 3_125_040 and period["heures"] == 182_050
    assert period["debut"] == dt.date(2024, 3, 1) and form.data["sans_emploi"][0]["fin"] is None
    assert [hundredths(text) for text in ("1 800", "1800,5", "12.34 €", "1\u202f250,00", "12,345", "-5", "1e3", "")] \
        == [180_000, 180_050, 1234, 125_000, None, None, None, None]


def later(days: int) -> dt.date:
    return clock.today() + dt.timedelta(days=days)


HOSTILE = [
    (job(0, employeur=""), "emplois-0-employeur", "Saisissez le nom de l'employeur."),
    (job(0, employeur="x" * 4000), "emplois-0-employeur", "au plus 100 caractères"),
    (job(0, employeur="Boulangerie\nMartin"), "emplois-0-employeur", "sur une ligne"),
    (job(0, siret="1234"), "emplois-0-siret", "14 chiffres"),
    (job(0, siret="483 015 921 00017"), "emplois-0-siret", "n'existe pas"),
    (job(0, contrat="CDI<script>"), "emplois-0-contrat", "Choisissez le type de contrat dans la liste."),
    (job(0, motif_fin="vacances"), "emplois-0-motif_fin", "Choisissez le motif de fin dans la liste"),
    (job(0, debut_jour="31", debut_mois="2"), "emplois-0-debut", "date réelle"),
    (job(0, debut_annee="24"), "emplois-0-debut", "4 chiffres"),
    (job(0, debut_jour="x"), "emplois-0-debut", "en chiffres"),
    (job(0, debut_annee="1900"), "emplois-0-debut", "01/01/1950 ou après"),
    (job(0, fin_jour=str(later(40).day), fin_mois=str(later(40).month), fin_annee=str(later(40).year)),
     "emplois-0-fin", "ne peut pas être dans le futur"),
    (job(0, fin_jour="1", fin_mois="1", fin_annee="2024"), "emplois-0-fin", "le 1er mars 2024 ou après"),
    (job(0, fin_jour="", fin_mois="", fin_annee=""), "emplois-0-fin", "ou choisissez « Emploi toujours en cours »"),
    (job(0, motif_fin=""), "emplois-0-motif_fin", "Choisissez le motif de la fin de cet emploi."),
    (job(0, salaire=""), "emplois-0-salaire", "Saisissez le salaire brut"),
    (job(0, salaire="beaucoup"), "emplois-0-salaire", "Le montant doit être un nombre"),
    (job(0, salaire="12,345"), "emplois-0-salaire", "deux chiffres après la virgule au plus"),
    (job(0, salaire="0"), "emplois-0-salaire", "entre 0,01 et 10 000 000 euros"),
    (job(0, salaire="99999999999"), "emplois-0-salaire", "entre 0,01 et 10 000 000 euros"),
    (job(0, heures="-3"), "emplois-0-heures", "Le nombre d'heures doit être un nombre"),
    (job(0, heures="999999"), "emplois-0-heures", "24 heures par jour"),
    (job(0, heures="0"), "emplois-0-heures", "supérieur à 0"),
    (idle(0, motif=""), "sans_emploi-0-motif", "Choisissez la raison dans la liste."),
    (idle(0, motif="greve"), "sans_emploi-0-motif", "Choisissez la raison dans la liste."),
    (idle(0, debut_jour="", debut_mois="", debut_annee=""), "sans_emploi-0-debut", "Saisissez la date de début"),
    (idle(0, debut_jour=str(later(2).day), debut_mois=str(later(2).month), debut_annee=str(later(2).year)),
     "sans_emploi-0-debut", "ne peut pas être dans le futur"),
    # A period without work during the contract (1 March 2024 – 31 August 2025).
    (idle(0, debut_jour="1", debut_mois="8", debut_annee="2025"), "sans_emploi-0-debut",
     "chevauche la période d'emploi 1 (du 1er mars 2024 au 31 août 2025)"),
]


@each_case_on_one_profile("changes, field, message", HOSTILE, ids=[f"{i}-{case[1]}" for i, case in enumerate(HOSTILE)])
def test_hostile_input_gets_a_clear_message_and_keeps_the_rest(client, changes, field, message):
    sent = {**experiences.VALUES, **changes}
    page = client.post(URL, {**sent, "action": "continuer"})
    assert page.status == 400, page.text()[:300]
    assert message in (page.field_error(field) or ""), (page.field_error(field), page.error_summary())
    assert len(page.error_summary()) == 1, page.error_summary()
    # Everything typed comes back, the faulty value included.
    for name in ("emplois-0-employeur", "emplois-0-salaire", "emplois-0-poste"):
        assert page.html.xpath(f"//input[@name='{name}']/@value") == sent[name], name
    assert page.html.xpath("//input[@name='sans_emploi-0-debut-annee']/@value") == sent["sans_emploi-0-debut-annee"]
    assert page.html.xpath("//select[@name='emplois-0-contrat']/option[@selected]/@value") == (
        ["CDD"] if field != "emplois-0-contrat" else [])


def test_two_periods_without_work_may_not_overlap_but_two_jobs_may(client):
    both_idle = {**experiences.VALUES, **idle(1, debut_jour="1", debut_mois="1", debut_annee="2026")}
    page = client.post(URL, {**both_idle, "action": "continuer"})
    assert page.status == 400
    assert "chevauche la période sans emploi 1 (du 1er septembre 2025 à aujourd'hui)" in \
        page.field_error("sans_emploi-1-debut")
    # Two part-time jobs at once: accepted, and the step says so.
    two_jobs = {**experiences.VALUES, **job(1, employeur="Primeur", debut_mois="6", fin_mois="7")}
    assert client.post(URL, {**two_jobs, "action": "continuer"}).status == 303
    page = client.get(URL)
    assert "Les périodes d'emploi 1 et 2 se chevauchent" in page.text()


def test_twenty_periods_at_most(client):
    nineteen = {**experiences.VALUES}
    for n in range(1, 18):
        nineteen.update(job(n, debut_annee="2023", fin_annee="2023", debut_mois="1", fin_mois="1", heures="100"))
    assert client.post(URL, {**nineteen, "action": "ajouter:sans_emploi"}).location == f"{URL}#sans_emploi-1"
    page = client.get(URL)
    assert len(headings(page)) == 20
    assert not page.html.xpath("//button[starts-with(@value, 'ajouter:')]")
    assert "Vous avez déclaré 20 périodes, le maximum : pour en ajouter une, supprimez-en une autre." in page.text()
    refused = client.post(URL, {**draft_values("periodes@example.fr"), "action": "ajouter:emplois"})
    assert refused.status == 303 and len(headings(client.get(URL))) == 20
    # Twenty periods sent at once (280 inputs) pass the platform's limits and make a complete step.
    twenty = client.post(URL, {**nineteen, **job(18), "action": "continuer"})
    assert twenty.status == 303 and twenty.location == "/mon-espace/inscription/demande/formation"
    assert len(headings(client.get(URL))) == 20
    # Forged: 20 periods of work and 2 without work.
    forged = {**nineteen, **job(18), **job(19), **idle(1, debut_annee="2026", debut_mois="10")}
    page = client.post(URL, {**forged, "action": "continuer"})
    assert page.status == 400 and "Vous avez déclaré 22 périodes : gardez-en 20 au plus." in page.error_summary()


def test_a_10_kb_field_gets_its_message_and_the_rest_of_the_step_is_kept(client):
    page = client.post(URL, {**experiences.VALUES, "emplois-0-employeur": "x" * 10_240, "action": "continuer"})
    assert page.status == 400 and page.field_error("emplois-0-employeur")
    kept = draft_values("periodes@example.fr")
    assert kept["emplois-0-salaire"] == experiences.VALUES["emplois-0-salaire"]
    assert len(kept["emplois-0-employeur"][0]) <= 5_001  # cut by the kit, never stored whole


def test_the_check_page_shows_each_period_readably(client):
    from espace.bootstrap import get_services
    from espace.inscription.flow import FLOW
    from espace.web.steps import Drafts
    from tests.functional.inscription.samples import all_steps

    drafts = Drafts(get_services().records, FLOW, user_id_of("periodes@example.fr"))
    steps = all_steps()
    steps["experiences"] = {**steps["experiences"], **job(1, employeur="Primeur", fin_jour="", fin_mois="",
                                                          fin_annee="", motif_fin="", debut_annee="2025")}
    for slug, values in steps.items():
        drafts.save_step(slug, values, True)
    page = client.get("/mon-espace/inscription/demande/verification")
    assert page.status == 200, page.location
    rows = {" ".join(r.xpath("dt")[0].text_content().split()):
            [" ".join(line.split()) for line in r.xpath("dd[1]//text()") if line.strip()]
            for r in page.html.xpath("//div[@class='summary-list__row']")}
    assert rows["Période d'emploi 1"] == [
        "Employeur : Boulangerie Martin", "Numéro SIRET de l'employeur : 483 015 921 00016",
        "Emploi occupé : Vendeuse en boulangerie", "Type de contrat : CDD", "Date de début : 01/03/2024",
        "Date de fin : 31/08/2025", "Motif de la fin du contrat : Fin de CDD",
        "Salaire brut de la période, en euros : 31 250,40 €", "Heures travaillées pendant la période : 2 730 h"]
    assert "Motif de la fin du contrat : Emploi toujours en cours" in rows["Période d'emploi 2"]
    assert rows["Période sans emploi 1"] == ["Raison : Chômage, recherche d'emploi", "Date de début : 01/09/2025"]
    assert page.html.xpath("//a[@href='/mon-espace/inscription/demande/experiences#emplois-1']")
    assert "Modifier période sans emploi 1" in page.text()
