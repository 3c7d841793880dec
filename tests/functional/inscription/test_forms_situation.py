"""Étape 2, « Situation du demandeur d'emploi », through its page, and the seed's situation summary
(« Vous souhaitez vous inscrire », « Vous êtes immédiatement disponible »…) told once saved."""

from __future__ import annotations

import datetime as dt

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples import situation
from tests.functional.profiles import each_case_on_one_profile

STEP = "/mon-espace/inscription/demande/situation"
BLANK_DATES = {f"{name}-{part}": "" for name in ("disponible_le", "fin_contrat", "fin_inscription")
               for part in ("jour", "mois", "annee")}


def parts(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}-jour": str(day.day), f"{name}-mois": str(day.month), f"{name}-annee": str(day.year)}


def today() -> dt.date:
    from espace.inscription.forms_situation import today

    return today()


def summary_of(page) -> list[str]:
    return [" ".join(li.text_content().split())
            for li in page.html.xpath('//*[@aria-labelledby="situation-resume-titre"]//li')]


def test_the_sample_is_saved_and_its_summary_is_told_on_the_steps_page(platform):
    client = signed_in_client(platform, "etape2@example.org")
    first = client.get(STEP)
    assert first.status == 200 and first.html.xpath("string(//title)").startswith("Étape 2 sur 5")
    assert summary_of(first) == []  # nothing said before anything is answered
    saved = client.post(STEP, situation.VALUES)
    assert saved.status == 303 and saved.location == "/mon-espace/inscription/demande/experiences"
    page = client.get(STEP)
    assert summary_of(page) == ["Vous souhaitez vous inscrire", "Vous n'avez jamais été inscrit ou inscrite",
                                "Votre contrat a pris fin le 30 septembre 2026 (fin de CDD)",
                                "Vous êtes immédiatement disponible"]


def test_a_re_registration_available_later_reads_so(platform):
    from espace.inscription.forms_situation import situation_summary

    later = today() + dt.timedelta(days=10)
    values = {**{k: [v] for k, v in BLANK_DATES.items()}, "disponibilite": ["date"], "situation": ["etudes"],
              "deja_inscrit": ["oui"], **{k: [v] for k, v in parts("disponible_le", later).items()},
              **{k: [v] for k, v in parts("fin_inscription", dt.date(2025, 3, 1)).items()}}
    from espace.text import french_date

    assert situation_summary(values) == ["Vous souhaitez vous réinscrire",
                                         "Votre dernière inscription a pris fin le 1er mars 2025",
                                         "Vous terminez vos études",
                                         f"Vous serez disponible à partir du {french_date(later)}"]
    assert situation_summary({}) == [] and situation_summary({"situation": ["<b>"]}) == []
    other = {**values, "situation": ["autre"], "precision": ["Congé parental"]}
    assert "Votre situation : Congé parental" in situation_summary(other)


@each_case_on_one_profile(("changes", "field", "told"), [
    ({"disponibilite": "date"}, "disponible_le", "Saisissez la date à partir de laquelle"),
    ({"disponibilite": "date", **parts("disponible_le", dt.date(2020, 1, 1))}, "disponible_le", "après aujourd'hui"),
    ({"disponibilite": "date", **parts("disponible_le", dt.date(2099, 1, 1))}, "disponible_le", "dans l'année"),
    ({"disponibilite": "demain"}, "disponibilite", "Indiquez quand vous êtes disponible"),
    ({"situation": "chomeur-professionnel"}, "situation", "Choisissez votre situation actuelle dans la liste"),
    ({"motif_fin": ""}, "motif_fin", "Choisissez le motif"),
    ({"motif_fin": "vacances"}, "motif_fin", "Choisissez le motif"),
    ({"fin_contrat-annee": "2099"}, "fin_contrat", "ne peut pas être dans le futur"),
    ({"fin_contrat-jour": "", "fin_contrat-mois": "", "fin_contrat-annee": ""}, "fin_contrat", "Saisissez la date"),
    ({"fin_contrat-jour": "32"}, "fin_contrat", "date réelle"),
    ({"fin_contrat-annee": "1900"}, "fin_contrat", "trop ancienne"),
    ({"situation": "autre"}, "precision", "Précisez votre situation"),
    ({"situation": "autre", "precision": "z" * 4_000}, "precision", "au plus 200 caractères"),
    ({"deja_inscrit": "oui"}, "fin_inscription", "Saisissez la date de fin de votre dernière inscription"),
    ({"deja_inscrit": "oui", "fin_inscription-jour": "1", "fin_inscription-mois": "1",
      "fin_inscription-annee": "2099"}, "fin_inscription", "ne peut pas être dans le futur"),
    ({"deja_inscrit": "peut-etre"}, "deja_inscrit", "oui ou non"),
])
def test_hostile_input_is_refused_with_a_clear_message_and_kept(platform, changes, field, told):
    from espace.bootstrap import get_services

    client = signed_in_client(platform, "hostile2@example.org")
    page = client.post(STEP, {**situation.VALUES, **changes})
    assert page.status == 400 and page.html.xpath("string(//title)").startswith("Erreur")
    message = page.field_error(field)
    assert message and told in message, (message, page.error_summary())
    assert summary_of(page) == []
    kept = page.html.xpath('//input[@name="fin_contrat-annee"]/@value')
    assert kept == [changes.get("fin_contrat-annee", "2026")]
    values = get_services().records.get(f"USER#{user_id_of('hostile2@example.org')}",
                                        "DRAFT#inscription")["steps"]["situation"]
    assert values["status"] == "En cours" and all(values["values"][k] == [v] for k, v in changes.items())


def test_the_conditional_fields_are_not_asked_when_they_do_not_apply(platform):
    client = signed_in_client(platform, "simple2@example.org")
    saved = client.post(STEP, {**BLANK_DATES, "disponibilite": "immediate", "situation": "premier-emploi",
                               "motif_fin": "", "precision": "", "deja_inscrit": "non"})
    assert saved.status == 303
    assert "Vous cherchez votre premier emploi" in summary_of(client.get(STEP))


def test_an_empty_step_names_the_three_questions(platform):
    client = signed_in_client(platform, "vide2@example.org")
    page = client.post(STEP, {})
    assert page.status == 400
    assert page.error_summary() == ["Indiquez quand vous êtes disponible pour travailler.",
                                    "Choisissez votre situation actuelle.",
                                    "Indiquez si vous avez déjà été inscrit ou inscrite."]
