"""Étape 4, « Connaissances et formation », through its page: the highest diploma, trainings and
languages as repeatable groups, licences — the CV's own field definitions — and hostile input."""

from __future__ import annotations

import pytest

from espace.cv import information_forms as cv_forms
from espace.inscription.forms_knowledge import KnowledgeForm, TrainingGroupForm
from espace.web.steps import form_from_values
from tests.functional.accounts.helpers import signed_in_client
from tests.functional.inscription.samples import knowledge
from tests.functional.profiles import each_case_on_one_profile

URL = "/mon-espace/inscription/demande/formation"


@pytest.fixture
def client(platform):
    return signed_in_client(platform, "formation@example.fr")


def headings(page):
    return [" ".join(h.text_content().split()) for h in page.html.xpath("//div[@class='group__entry']/h3")]


def test_the_cv_s_definitions_are_the_step_s():
    form = KnowledgeForm()
    assert [f.name for f in form] == ["niveau", "diplome", "formations", "langues", "permis"]
    cv_licences = cv_forms.LicencesForm().permis
    assert form.permis.label.text == cv_licences.label.text and form.permis.choices == cv_licences.choices
    training = [f.name for f in TrainingGroupForm()]
    assert training == ["intitule", "niveau", "etablissement", "statut", "annee"]
    cv_training = cv_forms.TrainingForm()
    assert all(TrainingGroupForm()[name].label.text == cv_training[name].label.text for name in training)
    assert form.langues.unbound_field.args[0] is cv_forms.LanguageForm


def test_the_step_from_empty_to_done_with_three_languages(client):
    page = client.get(URL)
    assert page.status == 200 and page.html.xpath("//title")[0].text_content().startswith(
        "Étape 4 sur 5 : Connaissances et formation")
    assert headings(page) == [] and "Aucune formation déclarée." in page.text()
    empty = client.post(URL, {"action": "continuer"})
    assert empty.status == 400 and empty.error_summary() == [
        "Choisissez dans la liste le niveau de votre diplôme le plus élevé, ou « Sans diplôme ou autre »."]

    assert client.post(URL, {"niveau": "3", "action": "ajouter:langues"}).location == f"{URL}#langues-0"
    sent = {**knowledge.VALUES, "action": "ajouter:langues"}
    assert client.post(URL, sent).location == f"{URL}#langues-2"
    page = client.get(URL)
    assert headings(page) == ["Formation 1", "Langue 1", "Langue 2", "Langue 3"]
    assert page.html.xpath("//input[@name='diplome']/@value") == ["CAP Boulanger"]
    assert page.html.xpath("//input[@name='permis'][@checked]/@value") == ["B"]
    three = {**knowledge.VALUES, "langues-2": "1", "langues-2-langue": "es", "langues-2-niveau": "A2",
             "action": "continuer"}
    done = client.post(URL, three)
    assert done.status == 303 and done.location == "/mon-espace/inscription/demande/projet"
    page = client.get(URL)
    assert page.html.xpath("//select[@name='langues-2-langue']/option[@selected]/@value") == ["es"]


def test_a_training_removed_and_no_diploma(client):
    sent = {"niveau": "autre", "diplome": "", "formations-0": "1", "formations-0-intitule": "SST",
            "formations-0-statut": "obtenu", "formations-0-annee": "2020", "action": "supprimer:formations:0"}
    assert client.post(URL, sent).location == f"{URL}#formations"
    page = client.get(URL)
    assert headings(page) == [] and "La formation 1 est retirée de la liste." in page.text()
    assert client.post(URL, {"niveau": "autre", "action": "continuer"}).status == 303


HOSTILE = [
    ({"niveau": "9"}, "niveau", "Choisissez dans la liste le niveau de votre diplôme le plus élevé"),
    ({"diplome": ""}, "diplome", "Saisissez l'intitulé de votre diplôme le plus élevé"),
    ({"diplome": "x" * 4000}, "diplome", "au plus 100 caractères"),
    ({"diplome": "CAP\r\nBoulanger"}, "diplome", "sur une ligne"),
    ({"formations-0-intitule": ""}, "formations-0-intitule", "Saisissez l'intitulé du diplôme ou de la formation"),
    ({"formations-0-niveau": "12"}, "formations-0-niveau", "Choisissez un niveau dans la liste"),
    ({"formations-0-statut": "peut-etre"}, "formations-0-statut", "Indiquez si le diplôme est obtenu ou en cours."),
    ({"formations-0-annee": "3000"}, "formations-0-annee", "au plus tard"),
    ({"formations-0-annee": "deux mille"}, "formations-0-annee", "4 chiffres"),
    ({"langues-1-langue": "klingon"}, "langues-1-langue", "Choisissez une langue dans la liste."),
    ({"langues-1-niveau": "C3"}, "langues-1-niveau", "Choisissez votre niveau dans cette langue."),
    ({"langues-1-langue": "fr"}, "langues-1-langue", "Vous avez déjà indiqué « Français » plus haut"),
    ({"permis": ["B", "Z"]}, "permis", "Une des cases envoyées n'existe pas"),
]


@each_case_on_one_profile("changes, field, message", HOSTILE, ids=[f"{i}-{case[1]}" for i, case in enumerate(HOSTILE)])
def test_hostile_input_gets_a_clear_message_and_keeps_the_rest(client, changes, field, message):
    sent = {**knowledge.VALUES, **changes, "action": "continuer"}
    page = client.post(URL, sent)
    assert page.status == 400, page.text()[:300]
    assert message in (page.field_error(field) or ""), (page.field_error(field), page.error_summary())
    assert len(page.error_summary()) == 1, page.error_summary()
    assert headings(page) == ["Formation 1", "Langue 1", "Langue 2"]
    assert page.html.xpath("//input[@name='formations-0-etablissement']/@value") == ["CFA de La Rochelle"]
    assert page.html.xpath("//select[@name='langues-0-langue']/option[@selected]/@value") == ["fr"]


def test_a_request_s_stored_values_draw_the_groups_again():
    """What the counsellor's correction binds: a request's values of this step."""
    form = form_from_values(KnowledgeForm, knowledge.VALUES)
    assert form.validate(), form.error_list()
    assert [entry.form.langue.data for entry in form.langues] == ["fr", "en"]
    assert form.data["formations"] == [{"intitule": "CAP Boulanger", "niveau": "3",
                                        "etablissement": "CFA de La Rochelle", "statut": "obtenu", "annee": "2015"}]


def test_the_check_page_shows_each_training_and_language(client):
    from espace.bootstrap import get_services
    from espace.inscription.flow import FLOW
    from espace.web.steps import Drafts
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.samples import all_steps

    drafts = Drafts(get_services().records, FLOW, user_id_of("formation@example.fr"))
    for slug, values in all_steps().items():
        drafts.save_step(slug, values, True)
    page = client.get("/mon-espace/inscription/demande/verification")
    rows = {" ".join(r.xpath("dt")[0].text_content().split()):
            [" ".join(line.split()) for line in r.xpath("dd[1]//text()") if line.strip()]
            for r in page.html.xpath("//div[@class='summary-list__row']")}
    assert rows["Niveau de votre diplôme le plus élevé"] == ["CAP, BEP (niveau 3)"]
    assert rows["Formation 1"] == ["Diplôme ou formation : CAP Boulanger", "Niveau : CAP, BEP (niveau 3)",
                                   "Établissement : CFA de La Rochelle", "Ce diplôme est-il obtenu ? : Obtenu",
                                   "Année : 2015"]
    assert rows["Langue 2"] == ["Langue : Anglais", "Niveau : B1 : intermédiaire"]
    assert rows["Permis de conduire"] == ["B : voiture"]
