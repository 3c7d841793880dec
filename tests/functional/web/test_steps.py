"""The step engine: task list with statuses, one step per page with « Étape n sur N »,
drafts saved at each submission (even with errors) and kept across sessions, « check
your answers » with « Modifier » links, a final submission done once."""

from __future__ import annotations

import pytest

from espace.accounts import routes as account_routes
from espace.accounts import space
from espace.ports import ConditionFailedError, Put
from espace.web.app import create_app, make_handler
from espace.web.auth import AreaRouter
from espace.web.forms import CheckboxesField, DateField, KitForm, RadioField, StringField, choices, required
from espace.web.steps import Flow, Step, steps_router
from tests.functional.accounts.helpers import sign_in, signed_in_client
from tests.functional.client import Client

TEMPLATE = "components/examples/step_fields.html"


class Identity(KitForm):
    nom = StringField("Nom", [required("Saisissez votre nom.")])
    naissance = DateField("Date de naissance", [required("Saisissez votre date de naissance.")],
                          what="la date de naissance")


class Wishes(KitForm):
    contrat = RadioField("Type de contrat", [required("Choisissez un type de contrat.")],
                         choices=choices([("CDI", "CDI"), ("CDD", "CDD")]))
    permis = CheckboxesField("Permis", choices=choices([("B", "Permis B"), ("C", "Permis C")]))


FLOW = Flow("essai", "Ma démarche d'essai", "/mon-espace/essai",
            (Step("identite", "Identité", Identity, TEMPLATE), Step("souhaits", "Souhaits", Wishes, TEMPLATE)),
            submit_label="Envoyer ma démarche")


def submit(ctx, submission):
    """What an area does: write its result and discard the draft in one transaction."""
    result = {"pk": f"USER#{ctx.user_id}", "sk": "ESSAI#1", "nom": submission.data["identite"]["nom"],
              "contrat": submission.data["souhaits"]["contrat"]}
    try:
        ctx.services.records.transact([Put(result, if_absent=True), submission.discard_draft])
    except ConditionFailedError:
        ctx.flash("Cette démarche a déjà été envoyée.", "important")
        return ctx.redirect("/mon-espace")
    ctx.flash("Votre démarche est envoyée.")
    return ctx.redirect("/mon-espace")


@pytest.fixture
def app_client(platform):
    router = AreaRouter(roles={"candidat"})
    steps_router(FLOW, router, submit, mount="/mon-espace/essai")
    app = create_app([(account_routes.router, None), (space.router, "/mon-espace"), (space.data_router, "/mon-espace"),
                      (router, "/mon-espace/essai")])
    client = signed_in_client(platform, "etapes@example.fr")
    return Client(make_handler(app), source_ip=client.source_ip, cookies=dict(client.cookies))


def statuses(page):
    return [" ".join(s.text_content().split()) for s in page.html.xpath("//ol[@class='task-list']//strong")]


def test_a_whole_journey(app_client, platform):
    client = app_client
    tasks = client.get("/mon-espace/essai")
    assert tasks.status == 200 and statuses(tasks) == ["Non commencé", "Non commencé"]
    step = client.get("/mon-espace/essai/identite")
    assert step.html.xpath("//title")[0].text_content().startswith("Étape 1 sur 2 : Identité")
    assert " ".join(step.html.xpath("//h1")[0].text_content().split()) == "Étape 1 sur 2 : Identité"
    # Errors: the step is saved anyway, as typed.
    wrong = client.post("/mon-espace/essai/identite", {"nom": "Martin", "naissance-jour": "31",
                                                       "naissance-mois": "2", "naissance-annee": "1990"})
    assert wrong.status == 400 and "date réelle" in wrong.field_error("naissance")
    assert statuses(client.get("/mon-espace/essai")) == ["En cours", "Non commencé"]
    kept = client.get("/mon-espace/essai/identite")
    assert kept.html.xpath('//input[@name="nom"]/@value') == ["Martin"]
    assert kept.html.xpath('//input[@name="naissance-jour"]/@value') == ["31"]
    done = client.post("/mon-espace/essai/identite", {"nom": "Martin", "naissance-jour": "28",
                                                      "naissance-mois": "2", "naissance-annee": "1990"})
    assert done.status == 303 and done.location == "/mon-espace/essai/souhaits"
    # Checking before the end leads to the missing step.
    assert client.get("/mon-espace/essai/verification").location == "/mon-espace/essai/souhaits"
    later = client.post("/mon-espace/essai/souhaits", {"contrat": "CDD", "permis": ["B", "C"],
                                                       "action": "plus-tard"})
    assert later.location == "/mon-espace/essai"
    tasks = client.get("/mon-espace/essai")
    assert statuses(tasks) == ["Terminé", "Terminé"] and "L'étape « Souhaits » est enregistrée" in tasks.text()
    check = client.get("/mon-espace/essai/verification")
    text = check.text()
    assert "Martin" in text and "28/02/1990" in text and "Permis B" in text and "Permis C" in text
    changes = [" ".join(a.text_content().split()) for a in check.html.xpath("//dl//a")]
    assert changes == ["Modifier nom", "Modifier date de naissance", "Modifier type de contrat", "Modifier permis"]
    assert check.html.xpath("//dl//a/@href")[1] == "/mon-espace/essai/identite#naissance-jour"
    token = check.html.xpath('//input[@name="csrf"]/@value')[0]
    sent = client.post("/mon-espace/essai/verification", {}, csrf=token)
    assert sent.status == 303 and "Votre démarche est envoyée" in client.get("/mon-espace").text()
    # A second click of « Envoyer » (same page, same token) does not send twice.
    again = client.post("/mon-espace/essai/verification", {}, csrf=token)
    assert again.status == 303 and "déjà été envoyées" in client.get(again.location).text()
    records = client.get("/mon-espace/donnees.json").json()["records"]
    assert [r["nom"] for r in records if r["sk"].startswith("ESSAI#")] == ["Martin"]
    assert not [r for r in records if r["sk"].startswith("DRAFT#")]


def test_the_draft_survives_signing_out(app_client, platform):
    client = app_client
    client.post("/mon-espace/essai/identite", {"nom": "Durand", "naissance-jour": "", "naissance-mois": "",
                                               "naissance-annee": ""})
    client.post("/deconnexion", {}, csrf=client.csrf_token("/mon-espace"))
    assert client.get("/mon-espace/essai").status == 303
    assert sign_in(client, "etapes@example.fr").status == 303
    assert client.get("/mon-espace/essai/identite").html.xpath('//input[@name="nom"]/@value') == ["Durand"]
    # The draft is the user's: listed in the export.
    assert any(r["sk"] == "DRAFT#essai" for r in client.get("/mon-espace/donnees.json").json()["records"])


def test_unknown_step_is_404_and_visitors_must_sign_in(app_client, platform):
    assert app_client.get("/mon-espace/essai/inconnue").status == 404
    anonymous = Client(app_client.handler)
    assert anonymous.get("/mon-espace/essai/identite").location == "/connexion?retour=/mon-espace/essai/identite"
