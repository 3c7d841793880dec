"""Steps the applications' tests share: a candidate with a CV, walking « Postuler » to the check page."""

from __future__ import annotations

from tests.functional.cv.helpers import candidate_with_cv

MESSAGE = ("Boulangère depuis dix ans, je maîtrise la panification au levain et la viennoiserie.\n\n"
           "Titulaire du permis B, disponible tout de suite.")
PHONE = "0612345678"


def candidate(platform, email: str, **options):
    """(client, user id, cv id): a signed-in candidate whose complete CV is the full sample CV."""
    return candidate_with_cv(platform, email, **options)


def csrf_of(page) -> str:
    return page.html.xpath('//input[@name="csrf"]/@value')[0]


def base(offer_id: str) -> str:
    return f"/mon-espace/candidatures/postuler/{offer_id}"


def post_step(client, offer_id: str, step: str, data: dict):
    url = f"{base(offer_id)}/{step}"
    page = client.get(url)
    assert page.status == 200, page.text()[:400]
    return client.post(url, data, csrf=csrf_of(page))


def fill_steps(client, offer_id: str, cv: str, message: str = MESSAGE, phone: str = PHONE,
               first: str = "Jeanne", last: str = "Dupré"):
    """Every step filled; returns the check page."""
    for step, data in (("cv", {"cv": cv}), ("atouts", {"message": message}),
                       ("coordonnees", {"prenom": first, "nom": last, "telephone": phone})):
        answer = post_step(client, offer_id, step, data)
        assert answer.status == 303, (step, answer.text()[:600])
    check = client.get(f"{base(offer_id)}/verification")
    assert check.status == 200, check.text()[:400]
    return check


def send_form(check) -> dict:
    return {"cle": check.html.xpath('//input[@name="cle"]/@value')[0], "csrf": csrf_of(check)}


def apply(client, offer_id: str, cv: str, **answers):
    """The whole way: the steps, the check page, « Envoyer ma candidature »."""
    check = fill_steps(client, offer_id, cv, **answers)
    form = send_form(check)
    return client.post(f"{base(offer_id)}/verification", {"cle": form["cle"]}, csrf=form["csrf"])


def submitted(services, candidate_id: str, offer_id: str, *, recruiter_id: str = "", title: str = "Boulanger",
              kind: str = "site", app_id: str | None = None):
    """An application written straight through the desk (the routes' tests need no PDF rendering)."""
    from espace.candidatures.model import Application, CvUsed, new_id
    from espace.candidatures.service import ApplicationDesk, file_prefix

    app_id = app_id or new_id()
    cv = CvUsed("complet", "cv-0001", "Boulangère confirmée", file_prefix(candidate_id, app_id) + "cv.pdf", "cv.pdf")
    application = Application(app_id, kind, offer_id, title, "Boulangerie Martin", candidate_id, cv, MESSAGE,
                              "Jeanne Dupré", "jeanne@example.fr", "06 12 34 56 78", "", recruiter_id=recruiter_id,
                              contact_email="" if kind == "site" else "rh@example.fr")
    return ApplicationDesk(services).submit(application, b"%PDF-1.4 cv")
