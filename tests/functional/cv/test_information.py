"""Étape 1 « Les informations de mon CV » on both profiles: the overview of the rubrics, the
one-form rubrics (titre, accroche, permis, compétences, coordonnées), the languages, what an
invalid submission keeps (Cv.typed) across a closed browser, and another account's CV (404)."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.cv.model import MAX_LANGUAGES, Attachment, Language, Target
from tests.functional.accounts.helpers import sign_in, signed_in_client
from tests.functional.cv.information_helpers import candidate

RUBRICS = ("Titre du CV", "Accroche", "Expériences professionnelles", "Formations", "Langues", "Permis de conduire",
           "Compétences complémentaires", "CV joint", "Mes coordonnées")


def test_the_overview_names_every_rubric_and_what_it_holds(platform):
    me = candidate(platform, "apercu-cv@example.fr")
    page = me.client.get(me.base)
    assert page.status == 200
    assert page.html.xpath("string(//title)").startswith("Étape 2 sur 4 : Les informations de mon CV")
    assert len(page.html.xpath("//h1")) == 1
    keys = [" ".join(key.text_content().split()) for key in page.html.xpath("//dt")]
    assert keys == list(RUBRICS)
    links = {" ".join(a.text_content().split()): a.get("href") for a in page.html.xpath("//dd/a")}
    assert links["Modifier le titre du CV"] == f"{me.base}/titre"
    assert links["Modifier les expériences professionnelles"] == f"{me.base}/experiences"
    assert links["Modifier le CV joint"] == f"/mon-espace/cv/{me.cv_id}/cv-joint"
    assert links["Modifier mes coordonnées"] == f"{me.base}/coordonnees"
    assert "Votre CV est complété à 0 %" in page.text() and "une accroche" in page.text()
    assert page.html.xpath('//a[starts-with(., "Continuer")]/@href') == [f"/mon-espace/cv/{me.cv_id}/mise-en-page"]

    cv = me.cv
    cv.pitch, cv.licences, cv.other_skills = "Maçonne depuis 8 ans.", ["B", "C"], "CACES R482"
    cv.languages = [Language("en", "B2")]
    cv.attachment = Attachment(key="k", filename="mon-cv.pdf", content_type="application/pdf", size=10, uploaded_at=1)
    me.book.save(cv)
    text = me.client.get(me.base).text()
    for shown in ("Maçonne depuis 8 ans.", "B : voiture", "C : poids lourd", "CACES R482", "Anglais : B2 : avancé",
                  "mon-cv.pdf", "Votre CV est complété à 30 %"):
        assert shown in text


def test_title_defaults_to_the_appellation_and_keeps_what_was_typed(platform):
    me = candidate(platform, "titre-cv@example.fr")
    me.book.set_target(me.cv, Target(appellation_code="12345", appellation_label="Maçon / Maçonne",
                                     rome_code="F1703", rome_label="Maçonnerie"))
    cv = me.cv
    cv.title = ""  # set_target fills an empty title: the form must fall back on the appellation by itself
    me.book.save(cv)
    form = me.client.get(me.base + "/titre")
    assert form.html.xpath('//input[@name="titre"]/@value') == ["Maçon / Maçonne"]
    assert "Étape 2 sur 4 : Titre du CV" in form.html.xpath("string(//title)")

    empty = me.post("/titre", {"titre": "   "})
    assert empty.status == 400 and "Erreur" in empty.html.xpath("string(//title)")
    assert empty.field_error("titre") == "Erreur : Saisissez le titre de votre CV, par exemple le métier recherché."
    long = me.post("/titre", {"titre": "M" * 101})
    assert long.field_error("titre") == "Erreur : Le titre doit contenir au plus 100 caractères."
    assert me.cv.typed["titre"] == {"titre": ["M" * 101]}
    assert me.cv.title == ""  # nothing invalid reaches the CV
    two_lines = me.post("/titre", {"titre": "Maçonne\nCheffe d'équipe"})
    assert two_lines.field_error("titre") == "Erreur : Le titre doit tenir sur une ligne."

    # The browser closed, another session: the typing is there, with its error and the notice.
    other = signed_in_client_again(platform, "titre-cv@example.fr")
    again = other.get(me.base + "/titre")
    assert again.status == 200
    assert again.html.xpath('//input[@name="titre"]/@value') == ["Maçonne\nCheffe d'équipe"]
    assert again.field_error("titre") == "Erreur : Le titre doit tenir sur une ligne."
    assert "Votre dernière saisie n'a pas été enregistrée" in again.text()
    overview = other.get(me.base)
    assert overview.html.xpath('//a[text()="Titre du CV"]/@href') == [me.base + "/titre"]

    # « Abandonner cette saisie »: back to what the CV holds.
    gone = other.post(me.base + "/titre", {"action": "abandonner"}, csrf=other.csrf_token(me.base + "/titre"))
    assert gone.status == 303 and gone.location == me.base + "/titre#contenu"
    assert "titre" not in me.cv.typed
    assert other.get(me.base + "/titre").html.xpath('//input[@name="titre"]/@value') == ["Maçon / Maçonne"]

    done = me.post("/titre", {"titre": "  Cheffe d'équipe maçonnerie  "})
    assert done.status == 303 and done.location == me.base
    assert me.cv.title == "Cheffe d'équipe maçonnerie" and me.cv.typed == {}
    assert "Le titre de votre CV est enregistré : « Cheffe d'équipe maçonnerie »." in me.client.get(me.base).text()


def signed_in_client_again(platform, email: str):
    client = platform.client("203.0.113.9")
    assert sign_in(client, email).status == 303
    return client


def test_pitch_skills_and_licences(platform):
    me = candidate(platform, "accroche-cv@example.fr")
    form = me.client.get(me.base + "/accroche")
    assert "Vous pouvez saisir jusqu'à 1000 caractères." in form.text()
    too_long = me.post("/accroche", {"accroche": "a" * 1001})
    assert too_long.status == 400
    assert too_long.field_error("accroche") == "Erreur : L'accroche doit contenir au plus 1000 caractères."
    assert me.cv.typed["accroche"] == {"accroche": ["a" * 1001]}
    assert me.post("/accroche", {"accroche": "Maçonne expérimentée,\nje cherche un CDI."}).status == 303
    assert me.cv.pitch == "Maçonne expérimentée,\nje cherche un CDI." and "accroche" not in me.cv.typed
    assert me.post("/accroche", {"accroche": ""}).status == 303
    assert me.cv.pitch == ""
    assert "Votre CV n'a plus d'accroche." in me.client.get(me.base).text()

    assert me.post("/competences", {"competences": "x" * 2001}).field_error("competences") == \
        "Erreur : Le texte des compétences doit contenir au plus 2000 caractères."
    assert me.post("/competences", {"competences": "CACES R482\nSST"}).status == 303
    assert me.cv.other_skills == "CACES R482\nSST"

    page = me.client.get(me.base + "/permis")
    assert len(page.html.xpath('//input[@name="permis"]')) == 15
    forged = me.post("/permis", {"permis": ["B", "Z"]})
    assert forged.status == 400 and "n'existe pas dans la liste" in forged.field_error("permis")
    assert me.cv.licences == []
    assert me.post("/permis", {"permis": ["C", "B"]}).status == 303
    assert me.cv.licences == ["B", "C"]  # in the order of the Code de la route
    assert me.client.get(me.base + "/permis").html.xpath('//input[@name="permis"][@checked]/@value') == ["B", "C"]
    assert me.post("/permis", {}).status == 303  # every box unticked: no licence
    assert me.cv.licences == []


def test_languages_add_change_level_limit_and_remove(platform):
    me = candidate(platform, "langues-cv@example.fr")
    empty = me.post("/langues", {})
    assert empty.status == 400
    assert empty.field_error("langue") == "Erreur : Choisissez une langue dans la liste."
    assert empty.field_error("niveau") == "Erreur : Choisissez votre niveau dans cette langue."
    forged = me.post("/langues", {"langue": "xx", "niveau": "Z9"})
    assert forged.field_error("langue") == "Erreur : Choisissez une langue dans la liste."
    assert forged.field_error("niveau") == "Erreur : Choisissez votre niveau dans cette langue."
    half = me.post("/langues", {"langue": "es"})
    assert half.field_error("niveau") and me.cv.typed["langues"] == {"langue": ["es"]}
    kept = me.client.get(me.base + "/langues")
    assert kept.html.xpath('//select[@name="langue"]/option[@selected]/@value') == ["es"]

    added = me.post("/langues", {"langue": "es", "niveau": "B1"})
    assert added.status == 303 and added.location == me.base + "/langues#vos-langues"
    assert me.post("/langues", {"langue": "en", "niveau": "C1"}).status == 303
    assert me.post("/langues", {"langue": "es", "niveau": "B2"}).status == 303  # a new level, not a second line
    assert me.cv.languages == [Language("es", "B2"), Language("en", "C1")] and me.cv.typed == {}
    text = me.client.get(me.base + "/langues").text()
    assert "Votre niveau en espagnol est modifié : B2 : avancé." in text
    assert "Espagnol : B2 : avancé" in text and "2 sur 10 au plus" in text

    cv = me.cv
    cv.languages = [Language(code, "A2") for code in ("fr", "en", "es", "de", "it", "pt", "ar", "zh", "ru", "nl")]
    me.book.save(cv)
    assert len(cv.languages) == MAX_LANGUAGES
    full = me.post("/langues", {"langue": "pl", "niveau": "A1"})
    assert full.status == 400
    assert full.field_error("langue") == ("Erreur : Votre CV indique déjà 10 langues, le maximum : retirez-en une "
                                          "pour en ajouter une autre.")
    assert me.cv.typed["langues"] == {"langue": ["pl"], "niveau": ["A1"]}
    assert me.post("/langues", {"langue": "en", "niveau": "C2"}).status == 303  # changing a level still works

    page = me.client.get(me.base + "/langues")
    assert page.html.xpath('//button[contains(., "Retirer")]//text()')[1].strip() == "la langue « Français » de mon CV"
    assert me.post("/langues/suppression", {"langue": "fr"}, page="/langues").status == 303
    again = me.post("/langues/suppression", {"langue": "fr"}, page="/langues")
    assert again.status == 303
    assert "Cette langue était déjà retirée de votre CV." in me.client.get(me.base + "/langues").text()
    assert [lang.code for lang in me.cv.languages][:2] == ["en", "es"] and len(me.cv.languages) == 9
    assert me.post("/langues", {"langue": "pl", "niveau": "A1"}).status == 303  # a place freed
    assert me.cv.languages[-1] == Language("pl", "A1")


def test_contact_details_checked_formatted_and_shared_by_every_cv(platform):
    me = candidate(platform, "coordonnees-cv@example.fr")
    form = me.client.get(me.base + "/coordonnees")
    assert form.html.xpath('//input[@name="courriel"]/@value') == ["coordonnees-cv@example.fr"]  # the account's
    assert form.html.xpath('//input[@name="telephone"]/@autocomplete') == ["tel"]
    empty = me.post("/coordonnees", {"prenom": "", "nom": "", "courriel": ""})
    assert empty.error_summary() == ["Saisissez votre prénom.", "Saisissez votre nom.",
                                     "Saisissez votre adresse e-mail."]
    wrong = {"prenom": "Léa", "nom": "Martin", "courriel": "lea@", "code_postal": "1700", "adresse": "1 rue\nX"}
    for phone, message in (
            ("06 12 34", "Un numéro français compte 10 chiffres et commence par 0"),
            ("6 12 34 56 78", "Un numéro français compte 10 chiffres et commence par 0"),
            ("+33 06 12 34 56 78", "Un numéro français avec l'indicatif +33 compte 9 chiffres"),
            ("0032 470 12 34 56", "Remplacez le 00 de l'indicatif international par +"),
            ("+32 47", "Un numéro international compte de 8 à 15 chiffres"),
            ("+1", "Saisissez un numéro de téléphone valide"),
            ("06 12 34 56 7a", "Saisissez un numéro de téléphone valide"),
            ("+32 470 12+34 56", "Saisissez un numéro de téléphone valide"),
            ("+1234567890123456", "Un numéro international compte de 8 à 15 chiffres")):
        page = me.post("/coordonnees", {**wrong, "telephone": phone})
        assert page.status == 400
        assert message in page.field_error("telephone"), (phone, page.field_error("telephone"))
    assert page.field_error("courriel") == "Erreur : Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
    assert page.field_error("code_postal") == "Erreur : Saisissez un code postal à 5 chiffres, par exemple 17000."
    assert page.field_error("adresse") == "Erreur : L'adresse doit tenir sur une ligne."
    assert me.book.contact().name == ""  # nothing saved
    assert me.cv.typed["coordonnees"]["telephone"] == ["+1234567890123456"]

    for phone, stored in (("06.12.34.56.78", "06 12 34 56 78"), ("+33 (0)6 12 34 56 78", "+33 6 12 34 56 78"),
                          ("+33 06 12 34 56 78", None),
                          ("+33612345678", "+33 6 12 34 56 78"), ("+32 470 12 34 56", "+32 470 12 34 56")):
        answer = me.post("/coordonnees", {"prenom": "Léa", "nom": "Martin", "courriel": " Lea.Martin@Example.fr ",
                                          "telephone": phone, "adresse": "1 rue des Pêcheurs",
                                          "code_postal": "17000", "ville": "La Rochelle"})
        if stored is None:  # a 0 after +33 not in brackets: 10 digits after the code, refused
            assert answer.status == 400
            continue
        assert answer.status == 303 and answer.location == me.base
        contact = me.book.contact()
        assert contact.phone == stored and contact.email == "lea.martin@example.fr"
    assert (contact.first_name, contact.last_name, contact.address, contact.postal_code, contact.city) == \
        ("Léa", "Martin", "1 rue des Pêcheurs", "17000", "La Rochelle")
    assert me.cv.typed == {}
    overview = me.client.get(me.base).text()
    assert "Léa Martin" in overview and "17000 La Rochelle" in overview and "elles valent pour tous vos CV" in overview

    # One set of details for the account: another CV's form shows them.
    from espace.cv.service import new_id

    second = new_id()
    me.book.create(second)
    other = me.client.get(f"/mon-espace/cv/{second}/informations/coordonnees")
    assert other.html.xpath('//input[@name="telephone"]/@value') == ["+32 470 12 34 56"]
    record = get_services().records.get(f"USER#{me.user_id}", "CV-COORDONNEES")
    assert record["city"] == "La Rochelle"


def test_another_accounts_cv_is_not_found_and_unchanged(platform):
    owner = candidate(platform, "proprietaire-cv@example.fr")
    assert owner.post("/titre", {"titre": "Mon titre"}).status == 303
    assert owner.post("/experiences/ajout", {"poste": "Maçon", "employeur": "Durand", "debut-mois": "3",
                                             "debut-annee": "2019", "cle": "experience-1"},
                      page="/experiences/ajout").status == 303
    before = owner.cv
    intruder = signed_in_client(platform, "intrus-cv@example.fr", ip="203.0.113.50")
    token = intruder.csrf_token("/mon-espace")
    base, item = owner.base, "experience-1"
    for path in ("", "/titre", "/accroche", "/experiences", "/experiences/ajout", f"/experiences/{item}",
                 f"/experiences/{item}/suppression", "/formations", "/langues", "/permis", "/competences",
                 "/coordonnees"):
        assert intruder.get(base + path).status == 404, path
    for path, data in (("/titre", {"titre": "Volé"}), ("/accroche", {"accroche": "x"}),
                       ("/experiences/ajout", {"poste": "X", "employeur": "Y", "debut-mois": "1",
                                               "debut-annee": "2020"}),
                       (f"/experiences/{item}", {"poste": "X"}), (f"/experiences/{item}/suppression", {}),
                       (f"/experiences/{item}/deplacement", {"sens": "bas", "depuis": "1"}),
                       ("/langues", {"langue": "en", "niveau": "B1"}), ("/langues/suppression", {"langue": "en"}),
                       ("/permis", {"permis": "B"}), ("/competences", {"competences": "x"}),
                       ("/coordonnees", {"prenom": "A", "nom": "B", "courriel": "a@example.fr"}),
                       ("/titre", {"action": "abandonner"})):
        assert intruder.post(base + path, data, csrf=token).status == 404, path
    assert owner.cv == before
    assert owner.book.contact().name == ""
    assert intruder.get("/mon-espace/cv/inconnu-0000000/informations").status == 404
    assert owner.client.get(f"{base}/experiences/inconnue").status == 404
    assert owner.client.get(f"{base}/formations/{item}").status == 404


def test_saving_the_same_values_or_the_contact_details_leaves_the_cv_unchanged(platform):
    me = candidate(platform, "inchange-cv@example.fr")
    assert me.post("/titre", {"titre": "Maçonne"}).status == 303
    stamp = me.cv.updated_at
    cv = me.cv
    cv.updated_at = stamp - 100  # as if saved a while ago
    get_services().records.put({**cv.to_item(me.user_id), "slot": 1})
    assert me.post("/titre", {"titre": "Maçonne"}).status == 303
    assert me.post("/coordonnees", {"prenom": "Léa", "nom": "Martin", "courriel": "lea@example.fr"}).status == 303
    assert me.cv.updated_at == stamp - 100  # « Mes CV » lists the CVs by their last change
    assert me.post("/titre", {"titre": "Cheffe d'équipe"}).status == 303
    assert me.cv.updated_at >= stamp
