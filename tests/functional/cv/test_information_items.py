"""The experiences and trainings of étape 1 on both profiles: every error of their forms (dates
by month and year: end after start, not in the future), what an invalid submission keeps,
adding (once, even sent twice; most recent first), changing, reordering (a double click moves
once), removing with confirmation (twice: once), the limits."""

from __future__ import annotations

from espace.cv.model import MAX_EXPERIENCES, MAX_TRAININGS, Experience, Training
from tests.functional.cv.information_helpers import candidate, month_after, month_value

JOB = {"poste": "Maçon", "employeur": "Bâtiments Durand", "lieu": "La Rochelle", "debut-mois": "3",
       "debut-annee": "2019", "fin-mois": "6", "fin-annee": "2021", "description": "Murs en parpaing."}


def add(me, sub: str, data: dict):
    """Open the add page (which draws the new item's key) and send it with ``data``."""
    page = me.client.get(f"{me.base}/{sub}/ajout")
    assert page.status == 200
    key = page.html.xpath('//input[@name="cle"]/@value')[0]
    return me.client.post(f"{me.base}/{sub}/ajout", {"cle": key, **data},
                          csrf=page.html.xpath('//input[@name="csrf"]/@value')[0]), key


def test_every_error_of_an_experience_is_told_and_kept(platform):
    me = candidate(platform, "erreurs-experience@example.fr")
    empty, key = add(me, "experiences", {})
    assert empty.status == 400 and "Erreur" in empty.html.xpath("string(//title)")
    assert empty.error_summary() == ["Saisissez l'intitulé du poste, par exemple « Maçon ».",
                                     "Saisissez le nom de l'employeur, ou « À mon compte ».",
                                     "Saisissez le mois et l'année du début de cet emploi."]
    # The summary leads to the part of the month to fix.
    assert empty.html.xpath("//*[@data-error-summary]//a/@href")[2] == "#debut-mois"

    next_month, next_year = month_after(1)
    this_month, this_year = month_after(0)
    from espace.web.forms import month_label

    cases = [
        ({"debut-mois": "", "debut-annee": "2019"}, "debut", "Indiquez le mois de la date de début, en chiffres."),
        ({"debut-mois": "mars", "debut-annee": "2019"}, "debut", "Indiquez le mois de la date de début, en chiffres."),
        ({"debut-mois": "3", "debut-annee": ""}, "debut", "Indiquez l'année de la date de début, en chiffres."),
        ({"debut-mois": "13", "debut-annee": "2019"}, "debut",
         "Le mois de la date de début doit être un nombre entre 1 et 12."),
        ({"debut-mois": "0", "debut-annee": "2019"}, "debut",
         "Le mois de la date de début doit être un nombre entre 1 et 12."),
        ({"debut-mois": "3", "debut-annee": "19"}, "debut",
         "L'année de la date de début doit comporter 4 chiffres, par exemple 2021."),
        ({"debut-mois": "3", "debut-annee": "1949"}, "debut", "L'année de la date de début doit être 1950 ou après."),
        ({"debut-mois": next_month, "debut-annee": next_year}, "debut",
         f"La date de début ne peut pas être dans le futur : indiquez {month_label(month_value(0))} au plus tard."),
        ({"fin-mois": next_month, "fin-annee": next_year}, "fin",
         f"La date de fin ne peut pas être dans le futur : indiquez {month_label(month_value(0))} au plus tard."),
        ({"fin-mois": "2", "fin-annee": "2019"}, "fin",
         "La date de fin doit être la même que la date de début ou après (mars 2019)."),
        ({"fin-mois": "6", "fin-annee": ""}, "fin", "Indiquez l'année de la date de fin, en chiffres."),
        ({"poste": "M" * 101}, "poste", "L'intitulé du poste doit contenir au plus 100 caractères."),
        ({"employeur": "Durand\r\net fils"}, "employeur", "Le nom de l'employeur doit tenir sur une ligne."),
        ({"lieu": "L" * 101}, "lieu", "Le lieu doit contenir au plus 100 caractères."),
        ({"description": "d" * 2001}, "description", "La description doit contenir au plus 2000 caractères."),
    ]
    for change, field, message in cases:
        page = me.client.post(f"{me.base}/experiences/ajout", {"cle": key, **JOB, **change},
                              csrf=me.client.csrf_token(f"{me.base}/experiences/ajout"))
        assert page.status == 400, change
        assert page.field_error(field) == f"Erreur : {message}", (change, page.field_error(field))
        assert len(page.error_summary()) == 1, page.error_summary()
    assert me.cv.experiences == []
    # The last one is kept as typed, and shown again (another day, another browser) with its error.
    assert me.cv.typed["experiences-ajout"]["description"] == ["d" * 2001]
    assert me.cv.typed["experiences-ajout"]["cle"] == [key]
    again = me.client.get(f"{me.base}/experiences/ajout")
    assert again.html.xpath('//input[@name="cle"]/@value') == [key]
    assert again.html.xpath('//input[@name="debut-mois"]/@value') == ["3"]
    assert again.field_error("description") and "Votre dernière saisie n'a pas été enregistrée" in again.text()
    listing = me.client.get(f"{me.base}/experiences").text()
    assert "Une expérience que vous ajoutiez n'a pas été enregistrée" in listing
    assert "Ajouter une expérience" in me.client.get(me.base).text()  # the overview links to it

    # A current job (no end), this very month: valid.
    done = me.client.post(f"{me.base}/experiences/ajout", {"cle": key, **JOB, "fin-mois": "", "fin-annee": "",
                                                           "debut-mois": this_month, "debut-annee": this_year},
                          csrf=me.client.csrf_token(f"{me.base}/experiences/ajout"))
    assert done.status == 303
    [job] = me.cv.experiences
    assert (job.start, job.end) == (month_value(0), "") and me.cv.typed == {}
    assert f"Depuis {month_label(month_value(0))}" in me.client.get(f"{me.base}/experiences").text()


def test_add_change_reorder_and_remove_experiences(platform):
    me = candidate(platform, "experiences@example.fr")
    first, key = add(me, "experiences", JOB)
    assert first.status == 303 and first.location == f"{me.base}/experiences#experiences-{key}"
    twice = me.client.post(f"{me.base}/experiences/ajout", {"cle": key, **JOB},
                           csrf=me.client.csrf_token(f"{me.base}/experiences/ajout"))
    assert twice.status == 303 and len(me.cv.experiences) == 1  # the same form sent twice: one experience
    assert "Cette expérience était déjà ajoutée à votre CV." in me.client.get(f"{me.base}/experiences").text()
    [job] = me.cv.experiences
    assert job == Experience(id=key, job="Maçon", employer="Bâtiments Durand", place="La Rochelle",
                             start="2019-03", end="2021-06", description="Murs en parpaing.")

    # Most recent first: a later job goes above, an older one below.
    _, later_key = add(me, "experiences", {**JOB, "poste": "Chef d'équipe", "debut-mois": "7",
                                               "debut-annee": "2021", "fin-mois": "", "fin-annee": ""})
    _, older_key = add(me, "experiences", {**JOB, "poste": "Apprenti", "debut-mois": "9", "debut-annee": "2016",
                                               "fin-mois": "8", "fin-annee": "2018"})
    assert [e.job for e in me.cv.experiences] == ["Chef d'équipe", "Maçon", "Apprenti"]

    listing = me.client.get(f"{me.base}/experiences")
    assert listing.html.xpath("string(//title)").startswith("Étape 2 sur 4 : Expériences professionnelles")
    buttons = [" ".join(b.text_content().split()) for b in listing.html.xpath("//main//form//button")]
    assert buttons == ["Descendre l'expérience « Chef d'équipe chez Bâtiments Durand » en position 2",
                       "Monter l'expérience « Maçon chez Bâtiments Durand » en position 1",
                       "Descendre l'expérience « Maçon chez Bâtiments Durand » en position 3",
                       "Monter l'expérience « Apprenti chez Bâtiments Durand » en position 2"]
    assert "Votre CV compte 3 expériences, sur 30 au plus." in listing.text()

    # Reorder: the oldest up; the same click sent twice moves it once.
    move = f"{me.base}/experiences/{older_key}/deplacement"
    token = me.client.csrf_token(f"{me.base}/experiences/ajout")
    up = me.client.post(move, {"sens": "haut", "depuis": "3"}, csrf=token)
    assert up.status == 303 and up.location == f"{me.base}/experiences#experiences-{older_key}"
    assert me.client.post(move, {"sens": "haut", "depuis": "3"}, csrf=token).status == 303
    assert [e.job for e in me.cv.experiences] == ["Chef d'équipe", "Apprenti", "Maçon"]
    text = me.client.get(f"{me.base}/experiences").text()
    assert "L'expérience « Apprenti chez Bâtiments Durand » est maintenant en position 2 sur 3." in text
    assert "a déjà été déplacée : elle est en position 2 sur 3" in text
    assert me.client.post(move, {"sens": "haut", "depuis": "2"}, csrf=token).status == 303
    assert [e.job for e in me.cv.experiences] == ["Apprenti", "Chef d'équipe", "Maçon"]
    top = me.client.post(move, {"sens": "haut", "depuis": "1"}, csrf=token)  # already first
    assert top.status == 303 and me.cv.experiences[0].job == "Apprenti"
    assert "ne peut pas aller plus haut" in me.client.get(f"{me.base}/experiences").text()
    assert me.client.post(move, {"sens": "ailleurs", "depuis": "1"}, csrf=token).status == 303
    down = me.client.post(f"{me.base}/experiences/{key}/deplacement", {"sens": "bas", "depuis": "3"}, csrf=token)
    assert down.status == 303 and [e.job for e in me.cv.experiences][2] == "Maçon"  # already last
    assert me.client.post(move, {"sens": "bas", "depuis": "1"}, csrf=token).status == 303
    assert [e.job for e in me.cv.experiences] == ["Chef d'équipe", "Apprenti", "Maçon"]

    # Change: the form holds the experience; an error keeps the typing; a valid one saves in place.
    edit = f"{me.base}/experiences/{key}"
    form = me.client.get(edit)
    assert form.html.xpath("string(//h1)").split() [-6:] == ["«", "Maçon", "chez", "Bâtiments", "Durand", "»"]
    assert form.html.xpath('//input[@name="debut-mois"]/@value') == ["3"]
    assert form.html.xpath('//input[@name="fin-annee"]/@value') == ["2021"]
    assert form.html.xpath("//textarea/text()") == ["Murs en parpaing."]
    wrong = me.client.post(edit, {**JOB, "fin-mois": "1", "fin-annee": "2019"}, csrf=me.client.csrf_token(edit))
    assert wrong.status == 400 and me.cv.typed[f"experiences-{key}"]["fin-mois"] == ["1"]
    assert me.cv.experiences[2].end == "2021-06"
    assert "L'expérience « Maçon chez Bâtiments Durand »" in me.client.get(me.base).text()  # unsaved, linked
    changed = me.client.post(edit, {**JOB, "poste": "Maçon coffreur", "description": ""},
                             csrf=me.client.csrf_token(edit))
    assert changed.status == 303 and changed.location == f"{me.base}/experiences#experiences-{key}"
    assert me.cv.experiences[2].job == "Maçon coffreur" and me.cv.experiences[2].description == ""
    assert me.cv.typed == {} and [e.id for e in me.cv.experiences] == [later_key, older_key, key]
    assert "Aucune description des activités" in me.client.get(f"{me.base}/experiences").text()

    # Remove: a confirmation page, then the removal; the same button twice removes once.
    confirm = me.client.get(f"{edit}/suppression")
    assert confirm.status == 200 and "Supprimer l'expérience « Maçon coffreur chez Bâtiments Durand » ?" in \
        confirm.html.xpath("string(//title)")
    token = confirm.html.xpath('//input[@name="csrf"]/@value')[0]
    gone = me.client.post(f"{edit}/suppression", {}, csrf=token)
    assert gone.status == 303 and gone.location == f"{me.base}/experiences"
    assert me.client.post(f"{edit}/suppression", {}, csrf=token).status == 303
    assert "Cette expérience était déjà supprimée de votre CV." in me.client.get(f"{me.base}/experiences").text()
    assert [e.id for e in me.cv.experiences] == [later_key, older_key]
    assert me.client.get(edit).status == 404 and me.client.get(f"{edit}/suppression").status == 404
    moved_gone = me.client.post(f"{edit}/deplacement", {"sens": "haut", "depuis": "2"}, csrf=token)
    assert moved_gone.status == 303 and len(me.cv.experiences) == 2


def test_the_limit_of_experiences_is_told_and_keeps_the_typing(platform):
    me = candidate(platform, "limite-experiences@example.fr")
    cv = me.cv
    cv.experiences = [Experience(id=f"exp{n:05d}", job=f"Poste {n}", employer="Durand", start="2010-01",
                                      end="2010-12")
                      for n in range(MAX_EXPERIENCES)]
    me.book.save(cv)
    listing = me.client.get(f"{me.base}/experiences").text()
    assert "Vous avez atteint le maximum de 30 expériences : supprimez-en une pour en ajouter une autre." in listing
    page = me.client.get(f"{me.base}/experiences/ajout")
    assert page.status == 200 and "le maximum : supprimez-en une" in page.text()
    full = me.client.post(f"{me.base}/experiences/ajout", {"cle": "nouvelle-experience", **JOB},
                          csrf=me.client.csrf_token(f"{me.base}/experiences"))  # the full page has no form
    assert full.status == 409 and "Ce que vous avez saisi est gardé" in full.text()
    assert len(me.cv.experiences) == MAX_EXPERIENCES
    assert me.cv.typed["experiences-ajout"]["poste"] == ["Maçon"]
    # One removed: the typing comes back in the form, and is added once.
    token = me.client.csrf_token(f"{me.base}/experiences/exp00000/suppression")
    assert me.client.post(f"{me.base}/experiences/exp00000/suppression", {}, csrf=token).status == 303
    form = me.client.get(f"{me.base}/experiences/ajout")
    assert form.html.xpath('//input[@name="poste"]/@value') == ["Maçon"]
    assert form.html.xpath('//input[@name="cle"]/@value') == ["nouvelle-experience"]
    done = me.client.post(f"{me.base}/experiences/ajout", {"cle": "nouvelle-experience", **JOB},
                          csrf=form.html.xpath('//input[@name="csrf"]/@value')[0])
    assert done.status == 303 and len(me.cv.experiences) == MAX_EXPERIENCES and me.cv.typed == {}
    assert me.cv.experiences[0].id == "nouvelle-experience"  # more recent than 2010: first


DIPLOMA = {"intitule": "CAP Maçon", "niveau": "3", "etablissement": "Lycée Rompsay", "lieu": "La Rochelle",
           "statut": "obtenu", "annee": "2012", "description": "Stage de 8 semaines."}


def test_trainings_errors_add_change_reorder_and_remove(platform):
    me = candidate(platform, "formations@example.fr")
    this_year = int(month_after(0)[1])
    empty, key = add(me, "formations", {})
    assert empty.error_summary() == ["Saisissez l'intitulé du diplôme ou de la formation, par exemple « CAP Maçon ».",
                                     "Indiquez si le diplôme est obtenu ou en cours.",
                                     "Saisissez l'année d'obtention, ou de fin de la formation."]
    for change, field, message in (
            ({"annee": "12"}, "annee", "Indiquez l'année en 4 chiffres, par exemple 2019."),
            ({"annee": "deux mille"}, "annee", "Indiquez l'année en 4 chiffres, par exemple 2019."),
            ({"annee": "1920"}, "annee", "L'année doit être 1950 ou après."),
            ({"annee": str(this_year + 1)}, "annee",
             f"Un diplôme obtenu l'a été en {this_year} au plus tard : corrigez l'année, ou choisissez « En cours »."),
            ({"statut": "en-cours", "annee": str(this_year + 7)}, "annee",
             f"Indiquez une année jusqu'à {this_year + 6} au plus tard."),
            ({"niveau": "9"}, "niveau",
             "Choisissez un niveau dans la liste, ou « Choisissez un niveau (facultatif) »."),
            ({"statut": "peut-etre"}, "statut", "Indiquez si le diplôme est obtenu ou en cours."),
            ({"intitule": "CAP\nMaçon"}, "intitule", "L'intitulé doit tenir sur une ligne."),
            ({"etablissement": "E" * 101}, "etablissement",
             "Le nom de l'établissement doit contenir au plus 100 caractères.")):
        page = me.client.post(f"{me.base}/formations/ajout", {"cle": key, **DIPLOMA, **change},
                              csrf=me.client.csrf_token(f"{me.base}/formations/ajout"))
        assert page.status == 400, change
        assert page.field_error(field) == f"Erreur : {message}", (change, page.field_error(field))
    assert me.cv.trainings == [] and me.cv.typed["formations-ajout"]["etablissement"] == ["E" * 101]

    done = me.client.post(f"{me.base}/formations/ajout", {"cle": key, **DIPLOMA},
                          csrf=me.client.csrf_token(f"{me.base}/formations/ajout"))
    assert done.status == 303 and me.cv.typed == {}
    assert me.cv.trainings == [Training(id=key, title="CAP Maçon", school="Lycée Rompsay", place="La Rochelle",
                                        year="2012", level="3", obtained=True, description="Stage de 8 semaines.")]
    ahead, ahead_key = add(me, "formations", {**DIPLOMA, "intitule": "BTS Bâtiment", "statut": "en-cours",
                                              "annee": str(this_year + 1), "niveau": "5"})
    assert ahead.status == 303
    assert [t.title for t in me.cv.trainings] == ["BTS Bâtiment", "CAP Maçon"]
    listing = me.client.get(f"{me.base}/formations").text()
    assert f"En cours, fin prévue en {this_year + 1}" in listing and "Obtenu en 2012" in listing
    assert "CAP, BEP (niveau 3)" in listing
    overview = me.client.get(me.base).text()
    assert "CAP Maçon, Lycée Rompsay (obtenu en 2012)" in overview

    token = me.client.csrf_token(f"{me.base}/formations/ajout")
    assert me.client.post(f"{me.base}/formations/{key}/deplacement", {"sens": "haut", "depuis": "2"},
                          csrf=token).status == 303
    assert [t.id for t in me.cv.trainings] == [key, ahead_key]

    edit = f"{me.base}/formations/{ahead_key}"
    form = me.client.get(edit)
    assert form.html.xpath('//input[@name="statut"][@checked]/@value') == ["en-cours"]
    assert form.html.xpath('//select[@name="niveau"]/option[@selected]/@value') == ["5"]
    assert me.client.post(edit, {**DIPLOMA, "intitule": "BTS Bâtiment", "statut": "en-cours", "annee": "2015"},
                          csrf=me.client.csrf_token(edit)).status == 303
    assert me.cv.trainings[1].year == "2015" and not me.cv.trainings[1].obtained
    assert "Non obtenu, 2015" in me.client.get(f"{me.base}/formations").text()

    confirm = me.client.get(f"{edit}/suppression")
    assert "Supprimer la formation « BTS Bâtiment, Lycée Rompsay » ?" in confirm.html.xpath("string(//title)")
    assert me.client.post(f"{edit}/suppression", {}, csrf=confirm.html.xpath('//input[@name="csrf"]/@value')[0]
                          ).status == 303
    assert [t.id for t in me.cv.trainings] == [key]
    assert MAX_TRAININGS == 20 and "sur 20 au plus" in me.client.get(f"{me.base}/formations").text()


def test_a_cv_too_long_for_its_record_is_refused_with_a_message_and_keeps_the_typing(platform, monkeypatch):
    from espace.cv import typed

    me = candidate(platform, "cv-trop-long@example.fr")
    assert add(me, "experiences", JOB)[0].status == 303
    monkeypatch.setattr(typed, "RECORD_BUDGET", typed._size(typed.dataclasses.asdict(me.cv)) + 2000)
    long_text = "€" * 1500  # 4,500 bytes: valid for the form, too much for what is left of the record
    refused, _ = add(me, "experiences", {**JOB, "description": long_text})
    assert refused.status == 400
    assert refused.field_error("description") == f"Erreur : {typed.TOO_BIG}"
    assert len(me.cv.experiences) == 1  # nothing half-saved
    [job] = me.cv.experiences
    edit = f"{me.base}/experiences/{job.id}"
    changed = me.client.post(edit, {**JOB, "description": long_text}, csrf=me.client.csrf_token(edit))
    assert changed.status == 400 and changed.field_error("description") == f"Erreur : {typed.TOO_BIG}"
    assert me.cv.experiences[0].description == JOB["description"]
    pitch = me.post("/accroche", {"accroche": "€" * 1000})
    assert pitch.status == 400 and pitch.field_error("accroche") == f"Erreur : {typed.TOO_BIG}"
    assert me.cv.pitch == ""
    # The typing kept stays within the budget: the oldest goes first, a short one is kept.
    assert set(me.cv.typed) <= {"experiences-ajout", f"experiences-{job.id}", "accroche"}
    assert typed.fits(me.cv)
    assert me.post("/accroche", {"accroche": "Courte."}).status == 303 and me.cv.pitch == "Courte."


def test_the_typing_kept_has_a_budget_the_oldest_going_first(platform, monkeypatch):
    from espace.cv import typed

    me = candidate(platform, "budget-saisies@example.fr")
    monkeypatch.setattr(typed, "TYPED_BUDGET", 4_000)
    assert me.post("/titre", {"titre": "T" * 101}).status == 400
    assert me.post("/accroche", {"accroche": "a" * 1001}).status == 400
    assert list(me.cv.typed) == ["titre", "accroche"]
    assert me.post("/competences", {"competences": "c" * 2900}).status == 400
    assert list(me.cv.typed) == ["accroche", "competences"]  # the title's, the oldest, went
    huge = me.post("/competences", {"competences": "c" * 4_900})  # the kit refuses fields over 5,000
    assert huge.status == 400, huge.status
    assert [len(v) for v in me.cv.typed["competences"]["competences"]] == [typed.VALUE_CAP]
