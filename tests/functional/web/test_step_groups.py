"""Repeatable groups in the step engine (espace.web.groups): « Ajouter » and « Supprimer » are
submit buttons that save the draft as typed and show the step again at the group, without
JavaScript; groups come back renumbered; the error summary links to each field of each group;
the check page gives each group a row; a form bound to stored values draws its groups again."""

from __future__ import annotations

import pytest

from espace.accounts import routes as account_routes
from espace.accounts import space
from espace.web.app import create_app, make_handler
from espace.web.auth import AreaRouter
from espace.web.forms import CheckboxesField, KitForm, RadioField, StringField, choices, required
from espace.web.groups import GroupField
from espace.web.request import FormData
from espace.web.steps import Flow, Step, form_from_values, steps_router, stored_values
from tests.functional.accounts.helpers import signed_in_client
from tests.functional.client import Client

TEMPLATE = "components/examples/step_fields.html"
URL = "/mon-espace/groupes/profil"


class Language(KitForm):
    langue = StringField("Langue", [required("Saisissez la langue.")])
    niveau = RadioField("Niveau", [required("Choisissez votre niveau.")],
                        choices=choices([("A1", "Débutant"), ("C2", "Maîtrise")]))


class Profile(KitForm):
    nom = StringField("Nom", [required("Saisissez votre nom.")])
    langues = GroupField(Language, "Vos langues", item="Langue", add_label="Ajouter une langue",
                         remove_label="Supprimer cette langue", empty_text="Aucune langue.",
                         full_text="Vous avez indiqué 3 langues, le maximum.",
                         removed_text="La langue {n} est retirée de la liste.", min_entries=1, max_entries=3)
    permis = CheckboxesField("Permis", choices=choices([("B", "Permis B"), ("C", "Permis C")]))


class Ticks(KitForm):
    """A group of radios only: nothing of it is sent while none is ticked."""

    choix = RadioField("Choix", choices=choices([("oui", "Oui"), ("non", "Non")]))


class Other(KitForm):
    reponses = GroupField(Ticks, "Réponses", item="Réponse", add_label="Ajouter une réponse",
                          remove_label="Supprimer cette réponse", empty_text="Aucune réponse.",
                          full_text="C'est le maximum.", removed_text="La réponse {n} est retirée.")


FLOW = Flow("groupes", "Ma démarche en groupes", "/mon-espace/groupes",
            (Step("profil", "Profil", Profile, TEMPLATE), Step("autre", "Autre", Other, TEMPLATE)))


@pytest.fixture
def client(platform):
    router = AreaRouter(roles={"candidat"})
    steps_router(FLOW, router, lambda ctx, submission: ctx.redirect("/mon-espace"), mount="/mon-espace/groupes")
    app = create_app([(account_routes.router, None), (space.router, "/mon-espace"), (space.data_router, "/mon-espace"),
                      (router, "/mon-espace/groupes")])
    signed_in = signed_in_client(platform, "groupes@example.fr")
    return Client(make_handler(app), source_ip=signed_in.source_ip, cookies=dict(signed_in.cookies))


def values(page, name):
    return page.html.xpath(f'//input[@name="{name}"]/@value')


def entries(page):
    return [" ".join(h.text_content().split()) for h in page.html.xpath("//div[@class='group__entry']/h3")]


def status(client, step="Profil"):
    tasks = client.get("/mon-espace/groupes")
    rows = tasks.html.xpath("//ol[@class='task-list']/li")
    return next(" ".join(r.xpath(".//strong")[0].text_content().split()) for r in rows if step in r.text_content())


def test_add_and_remove_keep_what_was_typed_and_lead_to_the_group(client):
    page = client.get(URL)
    assert entries(page) == ["Langue 1"]
    # One group, the minimum: no « Supprimer »; Enter in a field presses the hidden « continuer », first.
    assert not page.html.xpath("//button[starts-with(@value, 'supprimer:')]")
    buttons = page.html.xpath("//main//form//button")
    assert buttons[0].get("value") == "continuer" and buttons[0].get("hidden") is not None
    assert page.html.xpath("//button[@value='ajouter:langues']")[0].text_content() == "Ajouter une langue"

    added = client.post(URL, {"nom": "Durand", "langues-0": "1", "langues-0-langue": "Anglais",
                              "langues-0-niveau": "C2", "permis": ["B"], "action": "ajouter:langues"})
    assert added.status == 303 and added.location == f"{URL}#langues-1"
    page = client.get(URL)
    assert entries(page) == ["Langue 1", "Langue 2"] and page.status == 200 and not page.error_summary()
    assert values(page, "nom") == ["Durand"] and values(page, "langues-0-langue") == ["Anglais"]
    assert page.html.xpath('//input[@name="langues-0-niveau"][@checked]/@value') == ["C2"]
    assert page.html.xpath('//input[@name="permis"][@checked]/@value') == ["B"]
    assert values(page, "langues-1-langue") == [""] and page.html.xpath('//div[@id="langues-1"][@tabindex="-1"]')
    assert status(client) == "En cours"  # the new group is empty: the step is not done any more
    remove = page.html.xpath("//button[@value='supprimer:langues:1']")[0]
    assert " ".join(remove.text_content().split()) == "Supprimer cette langue (langue 2)"

    # A third group, then the middle one removed: the third comes back second, as typed.
    client.post(URL, {"nom": "Durand", "langues-0": "1", "langues-0-langue": "Anglais", "langues-0-niveau": "C2",
                      "langues-1": "1", "langues-1-langue": "Espagnol", "action": "ajouter:langues"})
    page = client.get(URL)
    assert entries(page) == ["Langue 1", "Langue 2", "Langue 3"]
    assert page.html.xpath("//p[@class='group__full']")[0].text_content() == "Vous avez indiqué 3 langues, le maximum."
    assert not page.html.xpath("//button[@value='ajouter:langues']")
    removed = client.post(URL, {"nom": "Durand", "langues-0": "1", "langues-0-langue": "Anglais",
                                "langues-0-niveau": "C2", "langues-1": "1", "langues-1-langue": "Espagnol",
                                "langues-2": "1", "langues-2-langue": "Italien  ", "langues-2-niveau": "A1",
                                "action": "supprimer:langues:1"})
    assert removed.status == 303 and removed.location == f"{URL}#langues"
    page = client.get(URL)
    assert entries(page) == ["Langue 1", "Langue 2"] and "La langue 2 est retirée de la liste." in page.text()
    assert values(page, "langues-1-langue") == ["Italien  "]  # as typed, spaces included
    assert page.html.xpath('//input[@name="langues-1-niveau"][@checked]/@value') == ["A1"]

    # Sent complete: done, and the check page gives each group a row.
    done = client.post(URL, {"nom": "Durand", "langues-0": "1", "langues-0-langue": "Anglais",
                             "langues-0-niveau": "C2", "langues-1": "1", "langues-1-langue": "Italien",
                             "langues-1-niveau": "A1", "action": "continuer"})
    assert done.status == 303 and done.location == "/mon-espace/groupes/autre"
    assert status(client) == "Terminé"
    other = client.post("/mon-espace/groupes/autre", {"action": "continuer"})
    assert other.location == "/mon-espace/groupes/verification"
    check = client.get("/mon-espace/groupes/verification")
    rows = {" ".join(r.xpath("dt")[0].text_content().split()): [" ".join(line.split()) for line in
                                                                r.xpath("dd[1]//text()") if line.strip()]
            for r in check.html.xpath("//div[@class='summary-list__row']")}
    assert rows["Langue 1"] == ["Langue : Anglais", "Niveau : Maîtrise"]
    assert rows["Langue 2"] == ["Langue : Italien", "Niveau : Débutant"]
    assert rows["Réponses"] == ["Aucune réponse."]
    links = check.html.xpath("//dl//a/@href")
    assert f"{URL}#langues-0" in links and f"{URL}#langues-1" in links and "/mon-espace/groupes/autre#reponses" in links
    assert "Modifier langue 2" in [" ".join(a.text_content().split()) for a in check.html.xpath("//dl//a")]


def test_errors_in_groups_link_to_each_field_and_keep_every_value(client):
    page = client.post(URL, {"nom": "", "langues-0": "1", "langues-0-langue": "Anglais", "langues-0-niveau": "C2",
                             "langues-1": "1", "langues-1-langue": "", "action": "continuer"})
    assert page.status == 400 and page.html.xpath("//title")[0].text_content().startswith("Erreur : ")
    assert page.error_summary() == ["Saisissez votre nom.", "Saisissez la langue.", "Choisissez votre niveau."]
    assert page.html.xpath("//*[@data-error-summary]//a/@href") == ["#nom", "#langues-1-langue", "#langues-1-niveau-1"]
    assert page.field_error("langues-1-langue") == "Erreur : Saisissez la langue."
    assert values(page, "langues-0-langue") == ["Anglais"] and entries(page) == ["Langue 1", "Langue 2"]
    assert status(client) == "En cours"


def test_forged_and_stale_actions_change_nothing_and_lose_nothing(client):
    typed = {"nom": "Durand", "langues-0": "1", "langues-0-langue": "Anglais", "langues-0-niveau": "C2"}
    for action in ("supprimer:langues:7", "supprimer:langues:0", "supprimer:langues:-1", "supprimer:langues:x",
                   "supprimer:inconnu:0", "ajouter:nom", "ajouter:", "supprimer", "ajouter:langues:0:0",
                   "supprimer:langues:²", "supprimer:langues:٣", "supprimer:langues:99999999999999999999"):
        answer = client.post(URL, {**typed, "action": action})
        assert answer.status in (303, 400), action
        page = client.get(URL)
        assert page.status == 200 and values(page, "nom") == ["Durand"], action
    # Only « supprimer:langues:0 » of the one group would remove it: it is the minimum, so it stays.
    assert entries(client.get(URL)) == ["Langue 1"]
    # Full: a forged « Ajouter » is refused, with a notice; nothing typed is lost.
    three = {**typed, "langues-1": "1", "langues-1-langue": "Basque", "langues-2": "1", "langues-2-langue": "Corse"}
    refused = client.post(URL, {**three, "action": "ajouter:langues"})
    assert refused.status == 303
    page = client.get(URL)
    assert entries(page) == ["Langue 1", "Langue 2", "Langue 3"] and values(page, "langues-2-langue") == ["Corse"]
    assert "Vous avez indiqué 3 langues, le maximum." in page.text()


def test_groups_sent_out_of_order_or_too_many_come_back_numbered_from_zero(client):
    # Numbers that are not ASCII digits (« ² » passes str.isdigit, not int) name no group.
    many = {f"langues-{n}-langue": f"Langue n° {n}" for n in (9, 2, 40, 5, 7, "²", "٣", "-1", "99999999999")}
    answer = client.post(URL, {"nom": "Durand", **many, "action": "ajouter:langues"})
    assert answer.status == 303
    page = client.get(URL)
    # At most three groups are read (max_entries), in their numbers' order; none added beyond.
    assert entries(page) == ["Langue 1", "Langue 2", "Langue 3"]
    assert [values(page, f"langues-{n}-langue")[0] for n in range(3)] == ["Langue n° 2", "Langue n° 5",
                                                                          "Langue n° 7"]


def test_a_group_of_unticked_radios_survives_by_its_marker(client):
    url = "/mon-espace/groupes/autre"
    page = client.get(url)
    assert entries(page) == [] and "Aucune réponse." in page.text()
    assert client.post(url, {"action": "ajouter:reponses"}).location == f"{url}#reponses-0"
    assert client.post(url, {"reponses-0": "1", "action": "ajouter:reponses"}).location == f"{url}#reponses-1"
    page = client.get(url)
    assert entries(page) == ["Réponse 1", "Réponse 2"]
    assert page.html.xpath("//input[@type='hidden'][@name='reponses-1']/@value") == ["1"]
    # Nothing ticked in either (WTForms' radios then want a choice): both stay, with their errors.
    unticked = client.post(url, {"reponses-0": "1", "reponses-1": "1", "action": "continuer"})
    assert unticked.status == 400 and entries(unticked) == ["Réponse 1", "Réponse 2"]
    assert entries(client.get(url)) == ["Réponse 1", "Réponse 2"] and status(client, "Autre") == "En cours"
    # The only group removed: none left, the list says so.
    client.post(url, {"reponses-0": "1", "reponses-1": "1", "reponses-1-choix": "oui",
                      "action": "supprimer:reponses:0"})
    page = client.get(url)
    assert entries(page) == ["Réponse 1"]
    assert page.html.xpath('//input[@name="reponses-0-choix"][@checked]/@value') == ["oui"]


def test_a_form_bound_to_stored_values_draws_its_groups_again():
    """What a counsellor's correction does with a request's stored values."""
    sent = FormData(fields={"nom": ["Durand"], "langues-3-langue": ["Basque"], "langues-3-niveau": ["A1"],
                            "langues-1-langue": ["Corse"], "permis": ["B", "C"]})
    stored = stored_values(Profile(sent), sent)
    assert stored["langues-0-langue"] == ["Corse"] and stored["langues-1-langue"] == ["Basque"]
    assert stored["langues-0"] == ["1"] and "langues-3-langue" not in stored
    form = form_from_values(Profile, stored)
    assert [entry.form.langue.data for entry in form.langues] == ["Corse", "Basque"]
    assert not form.validate() and form.error_list() == [("langues-0-niveau-1", "Choisissez votre niveau.")]
    assert form.permis.data == ["B", "C"]
    assert [entry.form.langue.data for entry in form_from_values(Profile, None).langues] == [None]
