"""Every per-user record lives in the user's partition and every file under users/{id}/:
« Télécharger mes données » lists all of it and deleting the account removes all of it.

Each area adds the data it creates, through its own routes, to AREA_DATA: the test then
covers it without anything else to change."""

from __future__ import annotations

import json

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client, user_id_of

EMAIL = "donnees@example.fr"
NEW_PASSWORD = "une autre phrase de passe"


def accounts_data(platform, client):
    """Accounts: the profile, two sessions (two browsers), a password change."""
    other_browser = platform.client(ip="198.51.100.20")
    assert sign_in(other_browser, EMAIL).status == 303
    done = client.post("/mon-espace/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": NEW_PASSWORD,
                                                    "confirmation": NEW_PASSWORD})
    assert done.status == 303
    return {"PROFILE"}  # sort keys (or prefixes) the export must list


def classeur_data(platform, client):
    """Classeur: one offer added through « Ajouter au classeur ». The index holding it stays for the
    rest of the test (a visit to « Mon espace » takes withdrawn offers out of the classeur)."""
    import tempfile
    from pathlib import Path

    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.offers import services as offer_services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    index = SqliteOfferIndex(Path(tempfile.mkdtemp()) / "offres.db")
    offer = validate_offer(sample_offers()[0], offer_services.rome(), offer_services.places())
    index.upsert([offer])
    get_services().__dict__["offers"] = index
    added = client.post("/mon-espace/classeur/ajout", {"offre": offer.id, "retour": "/mon-espace/classeur"},
                        csrf=client.csrf_token("/mon-espace"))
    assert added.status == 303, added.text()[:300]
    return {f"CLASSEUR#{offer.id}"}


def saved_searches_data(platform, client):
    """Saved searches (« Mes critères de recherche »): a search, its place, the alerts' state
    and its expiry index entry (outside the partition: removed by the area's deletion hook)."""
    path = "/mon-espace/criteres/ajout?mode=simple&motsCles=ma%C3%A7on&lieu=Lyon"
    form = client.get(path)
    assert form.status == 200, form.text()[:300]
    done = client.post(path, {"nom": "Maçon à Lyon", "adresse": EMAIL, "frequence": "daily",
                              "jeton": form.html.xpath('//input[@name="jeton"]/@value')[0]})
    assert done.status == 303
    user_id = user_id_of(EMAIL)
    expires_on = get_services().records.get(f"USER#{user_id}", "ALERTS")["expires_on"]
    assert get_services().records.get(f"ALERT-EXPIRY#{expires_on}", f"USER#{user_id}") is not None
    return {"SEARCH#", "SEARCH-SLOT#", "ALERTS"}



def messages_data(platform, client):
    """Messages: the password change above was kept in « Mes messages »; read one, keep one
    unread (its marker record), and the visit record of « Mon espace »."""
    from espace.messages.service import Mailbox
    from espace.ports import Message

    services = get_services()
    Mailbox(services.records, services.mailer).deliver(user_id_of(EMAIL), Message(
        to=EMAIL, subject="Vos offres", text="Trois nouvelles offres."), kind="alerte")
    listing = client.get("/mon-espace/messages")
    [first, *_] = listing.html.xpath('//ul[@class="message-list"]//a/@href')
    assert client.get(first).status == 200
    assert client.get("/mon-espace").status == 200
    return {"MSG#", "UNREAD#MSG#", "MSG-COUNT", "VISIT"}


def partage_data(platform, client):
    """Sharing: an offer sent to someone else (the account's daily count) and to oneself (kept)."""
    import tempfile
    from pathlib import Path

    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.offers import services as offer_services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    index = SqliteOfferIndex(Path(tempfile.mkdtemp()) / "offres.db")
    raw = sample_offers()[0]
    index.upsert([validate_offer(raw, offer_services.rome(), offer_services.places())])
    get_services().__dict__["offers"] = index
    for to, whom in (("ami-donnees@example.fr", "ami"), (EMAIL, "moi")):
        sent = client.post(f"/offres/{raw['id']}/envoyer", {"destinataire": whom, "adresse": to, "confirmation": to})
        assert sent.status == 200, sent.text()[:300]
    return {"SHARE-COUNT#", "MSG#"}


def cv_data(platform, client):
    """The CV bank (issue 10): two CVs made through « Mes CV » (one created, one copied from it: their
    places), the first targeted and published (its métier; the CV bank's index, outside the partition),
    a file attached to it, the personal CV of the express mode and the contact details. What the steps'
    pages save goes through CvBook, which those pages call, with the files under users/{id}/cv/."""
    from espace.cv.model import Attachment, Consent, Contact, PersonalCv, Target, WantedPlace
    from espace.cv.service import CvBook

    services = get_services()
    user_id = user_id_of(EMAIL)
    listing = client.get("/mon-espace/cv")
    key = listing.html.xpath('//form[@action="/mon-espace/cv"]//input[@name="cle"]/@value')[0]
    token = listing.html.xpath('//form[@action="/mon-espace/cv"]//input[@name="csrf"]/@value')[0]
    created = client.post("/mon-espace/cv", {"cle": key}, csrf=token)
    assert created.status == 303, created.text()[:300]
    page = client.get(created.location)
    copy_key = page.html.xpath('//form[contains(@action, "/copie")]//input[@name="cle"]/@value')[0]
    assert client.post(f"{created.location}/copie", {"cle": copy_key}, csrf=token).status == 303
    cvs = CvBook(services, user_id)
    cv = cvs.get(key)
    place = WantedPlace("commune", "17300", "La Rochelle (17)")
    cvs.set_target(cv, Target(appellation_code="16250", appellation_label="Maçon / Maçonne", rome_code="F1703",
                              rome_label="Maçon / Maçonne", places=[place], contracts=["CDI"], working_times=["plein"]))
    folder = f"users/{user_id}/cv"
    files = {f"{folder}/{key}/cv-joint.pdf": b"%PDF-1.7 joint", f"{folder}/{key}/cv-joint.txt": "Maçon".encode(),
             f"{folder}/personnel/cv.odt": b"PK odt", f"{folder}/personnel/cv.txt": "Maçonne".encode()}
    for name, data in files.items():
        services.files.put(name, data, "application/octet-stream")
    cv.attachment = Attachment(f"{folder}/{key}/cv-joint.pdf", "cv.pdf", "application/pdf", 14, 1,
                               f"{folder}/{key}/cv-joint.txt")
    cvs.save(cv)
    cvs.publish(cv, Consent(publish=True))
    cvs.save_personal(PersonalCv("personnel-cv-1", "Mon CV", Attachment(
        f"{folder}/personnel/cv.odt", "cv.odt", "application/vnd.oasis.opendocument.text", 6, 1,
        f"{folder}/personnel/cv.txt")))
    cvs.save_contact(Contact(first_name="Léa", last_name="Martin", email=EMAIL, phone="06 12 34 56 78"))
    assert services.cv_index.count() == 2  # the published CV and the personal CV
    return {"CV#", "CV-SLOT#", "CV-ROME#F1703", "CV-PERSONNEL", "CV-COORDONNEES", *files}


RECRUITER_EMAIL = "rh-donnees@boulangerie.example"


def _application(candidate_id: str, recruiter_id: str, offer_id: str):
    """An application as the desk records it (the steps' pages of « Postuler » call the same submit)."""
    from espace.candidatures.model import Application, CvUsed, new_id
    from espace.candidatures.service import ApplicationDesk, file_prefix

    app_id = new_id()
    application = Application(
        id=app_id, kind="site", offer_id=offer_id, offer_title="Boulanger", company="Boulangerie Martin",
        candidate_id=candidate_id, cv=CvUsed("complet", "cv-1", "Mon CV", f"{file_prefix(candidate_id, app_id)}cv.pdf",
                                             "cv.pdf"),
        message="Dix ans de fournil.", candidate_name="Léa Martin", candidate_email=EMAIL,
        candidate_phone="0612345678", state="", recruiter_id=recruiter_id)
    return ApplicationDesk(get_services()).submit(application, b"%PDF-1.7 cv")[1]


def applications_data(platform, client):
    """Applications (issue 11): one sent to a recruiter's offer and answered (the recruiter's copy
    and log stay, anonymised, when the candidate's space is deleted; the retention index entries
    naming the candidate go), with the CV sent under users/{id}/candidatures/."""
    from espace.candidatures.service import ApplicationDesk
    from tests.functional.recruteurs.helpers import recruiter_client

    recruiter_client(platform, RECRUITER_EMAIL)
    application = _application(user_id_of(EMAIL), user_id_of(RECRUITER_EMAIL), "100AAAA")
    ApplicationDesk(get_services()).move(application, "en-cours", "recruteur", user_id_of(RECRUITER_EMAIL))
    return {"APPLICATION#100AAAA", application.cv.file_key}


def registration_data(platform, client):
    """Registration (issue 12): a request sent (its agency copy outside the partition), an appointment
    booked (the agency's APPT# record outside), the request validated (the dossier, and its identifier's
    sign-in record IDENT# outside), the « Confirmation d'inscription » letter read through « Mes
    courriers » (its file under users/{id}/courriers/) and its mail, then a new draft of the five
    steps (DRAFT#inscription, its age entry DRAFT-AGE#… outside)."""
    import time

    from espace.agences.agenda import AgencyAgenda
    from espace.dossier.letters import confirm_registration
    from espace.dossier.opening import open_dossier
    from espace.inscription.model import BOOKED, FIRST
    from espace.inscription.service import RegistrationDesk
    from espace.ports import Delete
    from tests.functional.inscription.samples import all_steps

    services, user_id = get_services(), user_id_of(EMAIL)
    desk = RegistrationDesk(services.records)
    registration = desk.submit(user_id, all_steps(), kind=FIRST, agency_id="17", name="Camille DURAND",
                               email=EMAIL, discard_draft=Delete(f"USER#{user_id}", "DRAFT#inscription"))
    agenda = AgencyAgenda(services.records, "17")
    start = (int(time.time()) // 3600 + 72) * 3600
    agenda.open([start], 30, "conseiller")
    registration.state, registration.appointment = BOOKED, {"start": start, "length": 30, "agency_id": "17"}
    agenda.book(start, user_id, purpose="inscription", reference=registration.reference, name=registration.name,
                also=desk.changes(registration))
    dossier = open_dossier(services.records, registration, by="automatique")
    letter = confirm_registration(services, registration, dossier)
    assert client.get(f"/mon-dossier/courriers/{letter.public_id}").status == 200
    assert services.records.get(f"IDENT#{dossier.identifier}", "ACCOUNT") is not None
    # A new draft begun through the step's page (its age entry DRAFT-AGE#… is outside the partition).
    step = "situation-administrative"
    saved = client.post(f"/mon-espace/inscription/demande/{step}", {**all_steps()[step], "action": "continuer"})
    assert saved.status == 303, saved.error_summary()
    return {"REGISTRATION#001", "APPOINTMENT#", "DDE", "LETTER#", "LETTER-KEY#", "DRAFT#inscription", letter.file}


def allocations_data(platform, client):
    """Allowances (issue 13): the right computed for the validated registration above, with its
    letter, a declaration with its index entry (outside the partition), and the month's payment
    made by the job, seen in « Mes allocations »."""
    import datetime as dt

    from espace.dossier.opening import dossier_of
    from espace.dossier.payment_job import run_payments
    from espace.dossier.rights import compute_right
    from espace.inscription.service import RegistrationDesk
    from tests.functional.dossier.helpers_allocations import day_after, declare, month_after

    services, user_id = get_services(), user_id_of(EMAIL)
    registration = RegistrationDesk(services.records).get(user_id, 1)
    right = compute_right(services, registration, dossier_of(services.records, user_id))
    month = month_after(dt.date.fromisoformat(right.start), 1)
    declare(user_id, month)
    assert run_payments(services, month, today=day_after(month)).paid == 1
    assert client.get(f"/mon-dossier/allocations/paiements/{month}").status == 200
    # A correction after the payment: its index entry REGULARISE# (outside) waits for the next run.
    from espace.dossier.actualisation.service import correct
    from espace.dossier.records import Declaration
    correct(services.records, Declaration(user_id=user_id, month=month, still_looking=True), 1, "cle-correction")
    marker = services.records.get(f"USER#{user_id}", f"LETTER-KEY#notification-droits#{registration.reference}")
    letter_file = services.records.get(f"USER#{user_id}", marker["letter"])["file"]
    return {"RIGHT", "RIGHT-VERSION#", f"PAYMENT#{month}", f"DECLARATION#{month}", "LETTER-KEY#notification-droits",
            letter_file, f"DECLARATION-VERSION#{month}#002"}


def dossier_follow_up_data(platform, client):
    """The dossier's agenda, changes of situation and consents (issue 13, §5), after
    registration_data opened the dossier: the registration's appointment moved through « Mon
    agenda » (the agency's APPT# outside), a change of situation (its agency copy SITUATION#…
    outside, its receipt letter and file), a counsellor's reading of it (AUDIT#, ONCE#), a consent
    given then withdrawn (CONSENT#, CONSENT-LOG#)."""
    import time

    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.dossier.appointments import of_user
    from tests.functional.inscription.helpers import counsellor_client

    services, user_id = get_services(), user_id_of(EMAIL)
    [appointment] = of_user(services.records, user_id)
    new_start = appointment.start + 3600
    AgencyAgenda(services.records, "17").open([new_start], 30, "conseiller")
    moved = client.post(f"/mon-dossier/agenda/{appointment.public_id}/deplacement", {"creneau": local_key(new_start)},
                        csrf=client.csrf_token(f"/mon-dossier/agenda/{appointment.public_id}/deplacement"))
    assert moved.status == 303, moved.text()[:300]
    form = client.get("/mon-dossier/changement-de-situation/reprise")
    sent = client.post("/mon-dossier/changement-de-situation/reprise", {
        "cle": form.html.xpath('//input[@name="cle"]/@value')[0], "date-jour": "1", "date-mois": "1",
        "date-annee": str(time.localtime().tm_year + 1 if time.localtime().tm_mon == 12 else time.localtime().tm_year),
        "employeur": "Boulangerie Martin", "contrat": "cdd"}, csrf=client.csrf_token("/mon-dossier/consentements"))
    assert sent.status == 303, sent.error_summary()
    [change] = services.records.query(f"USER#{user_id}", "SITUATION#")
    counsellor = counsellor_client(platform, "conseillere-suivi@example.org", ip="198.51.100.61")
    assert counsellor.get(f"/conseiller/changements-de-situation/{user_id}-{change['key']}").status == 200
    token = client.csrf_token("/mon-dossier/consentements")
    for accord, version in (("oui", "0"), ("non", "1")):
        assert client.post("/mon-dossier/consentements/partenaires", {"accord": accord, "version": version},
                           csrf=token).status == 303
    letter = services.records.get(f"USER#{user_id}", "LETTER-KEY#changement-situation#" + change["key"])
    receipt = services.records.get(f"USER#{user_id}", letter["letter"])
    return {"SITUATION#", "AUDIT#", "ONCE#conseiller#situation#", "CONSENT#partenaires", "CONSENT-LOG#partenaires#",
            receipt["file"]}


def actualisation_data(platform, client):
    """The actualisation (issue 13), on the dossier registration_data opened: the month declared
    with « Je n'ai rien à signaler » (its index entry DECLARED#… outside), its version and its
    receipt letter; a draft begun for the correction; the next month missed by the job (the
    agency's entry AGENCY#…/MISSED#… outside, the REGISTERED# entry removed with it)."""
    import datetime as dt

    from espace import clock
    from espace.dossier.actualisation.calendar import calendar_of
    from espace.dossier.actualisation.jobs import run_actualisation
    from espace.dossier.opening import dossier_of
    from espace.text import PARIS

    services, user_id = get_services(), user_id_of(EMAIL)
    start = dt.date.fromisoformat(dossier_of(services.records, user_id).periods[-1]["start"])
    cal = calendar_of(services)
    window = cal.window(start.year, start.month)
    following = cal.next_window(window.closes + dt.timedelta(days=1))
    while services.records.get(f"USER#{user_id}", f"DECLARATION#{following.month}"):  # allocations_data's
        following = cal.next_window(following.closes + dt.timedelta(days=1))
    real = clock.now
    try:
        clock.now = lambda: dt.datetime.combine(window.opens, dt.time(10), PARIS)
        page = client.get("/mon-dossier/actualisation")
        key = page.html.xpath('//input[@name="cle"]/@value')[0]
        token = page.html.xpath('//input[@name="csrf"]/@value')[0]
        sent = client.post("/mon-dossier/actualisation/rien-a-signaler", {"cle": key}, csrf=token)
        assert sent.status == 303, sent.text()[:300]
        draft = client.post("/mon-dossier/actualisation/correction", {"recherche": "oui", "action": "ajouter:emplois"})
        assert draft.status == 303
        report = run_actualisation(services, following.closes + dt.timedelta(days=1))
        assert report.missed == 1, report.lines()
    finally:
        clock.now = real
    [receipt] = [item["file"] for item in services.records.query(f"USER#{user_id}", "LETTER#")
                 if item["kind"] == "accuse-actualisation"]
    return {f"DECLARATION#{window.month}", f"DECLARATION-VERSION#{window.month}#001", "DRAFT#actualisation",
            f"MISSED#{following.month}", f"ACTU-MAIL#{following.month}#cessation", receipt}


def attestations_data(platform, client):
    """Attestations and the dossier's dashboard (issue 13): the dashboard seen (VISIT), an attestation
    downloaded (its reference ATTESTATION-REF#…; the verification record ATTESTATION#{ref} outside the
    partition), one asked by post (ATTESTATION-MAIL#…, the agency's waiting copy POST-WAITING#… outside)
    and marked sent by a counsellor (the agency's POST-SENT#… outside, AUDIT#); the dossier's letters
    to post, as the candidate has not chosen e-mail (LETTER-POST#…)."""
    from tests.functional.inscription.helpers import counsellor_client

    assert client.get("/mon-dossier").status == 200
    downloaded = client.post("/mon-dossier/attestations/avis-de-situation", {"action": "telecharger"})
    assert downloaded.status == 200 and downloaded.headers["Content-Type"] == "application/pdf"
    assert client.post("/mon-dossier/attestations/loi-de-finances", {"action": "courrier"}).status == 303
    counsellor = counsellor_client(platform, "conseillere-poste@example.org", ip="198.51.100.62")
    [action] = [a for a in counsellor.get("/conseiller/courriers-a-envoyer").html.xpath("//form/@action")
                if "-attestation-" in a and user_id_of(EMAIL) in a]
    assert counsellor.post(action, {}, csrf=counsellor.csrf_token("/conseiller/mot-de-passe")).status == 303
    return {"VISIT", "ATTESTATION-REF#avis-de-situation#", "ATTESTATION-MAIL#", "LETTER-POST#"}


def reunir_data(platform, client):
    """Joining a DDE and a DRE (issue 13): the other space proven by its sign-in within the flow, until
    the candidate confirms (JOIN-PROOF). A finished join leaves JOINED# (tests/functional/reunir)."""
    signed_in_client(platform, "second-espace@example.org", ip="198.51.100.21")
    proven = client.post("/mon-espace/reunir", {"identifiant": "second-espace@example.org", "mot_de_passe": PASSWORD})
    assert proven.status == 303, proven.text()[:300]
    return {"JOIN-PROOF"}


def agency_move_data(platform, client):
    """An address change into another agency's territory (issue 13): the dossier moved to Nantes, its
    marker AGENCY-MOVE#…; outside the partition, Nantes's index entry and change copy (the deletion
    hooks find them through the dossier's and the change's agency)."""
    import datetime as dt

    day = dt.date.today()
    form = client.get("/mon-dossier/changement-de-situation/adresse")
    sent = client.post("/mon-dossier/changement-de-situation/adresse", {
        "cle": form.html.xpath('//input[@name="cle"]/@value')[0], "adresse": "2 rue de Strasbourg",
        "code_postal": "44000", "commune": "44109", "date-jour": str(day.day), "date-mois": str(day.month),
        "date-annee": str(day.year)}, csrf=client.csrf_token("/mon-dossier/consentements"))
    assert sent.status == 303, sent.error_summary()
    records, user_id = get_services().records, user_id_of(EMAIL)
    assert records.get(f"USER#{user_id}", "DDE")["agency_id"] == "44"
    [move] = records.query(f"USER#{user_id}", "AGENCY-MOVE#")
    letter = records.get(f"USER#{user_id}", "LETTER-KEY#changement-situation#" + move["key"])
    return {"AGENCY-MOVE#0001", records.get(f"USER#{user_id}", letter["letter"])["file"]}


AREA_DATA = [accounts_data, classeur_data, saved_searches_data, messages_data, partage_data, cv_data,
             applications_data, registration_data, allocations_data, dossier_follow_up_data, attestations_data,
             actualisation_data, reunir_data, agency_move_data]


def test_export_lists_everything_and_deletion_removes_everything(platform):
    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    expected = set()
    for make in AREA_DATA:
        expected |= make(platform, client)
    # What an area returns is a record's sort key (or its prefix), or a file's key (users/{id}/…).
    expected_files = {key for key in expected if key.startswith("users/")}
    expected -= expected_files
    files = get_services().files
    files.put(f"users/{user_id}/essai.txt", b"fichier de l'utilisateur", "text/plain")

    export = client.get("/mon-espace/donnees.json")
    assert export.status == 200
    data = export.json()
    listed = {record["sk"] for record in data["records"]}
    for key in expected:
        assert any(sk == key or sk.startswith(key) for sk in listed), (key, listed)
    assert any(sk.startswith("SESSION#") for sk in listed)  # open sessions are the user's data too
    assert sorted(data["files"]) == sorted({f"users/{user_id}/essai.txt", *expected_files})
    assert "password" not in export.body and "$argon2" not in export.body

    done = client.post("/mon-espace/suppression", {"mot_de_passe": NEW_PASSWORD, "confirmer": "oui"})
    assert done.status == 200
    assert files.list(f"users/{user_id}/") == []
    assert get_services().cv_index.count() == 0  # the CV bank names none of the account's CVs
    leftovers = [record for record in platform.dump_records() if user_id in record]
    assert leftovers == [], leftovers
    # Only short-lived security counters (failed sign-ins, mails sent per hour) may still
    # name the address, until they expire.
    named = [json.loads(r) if platform.profile == "embedded" else r for r in platform.dump_records() if EMAIL in r]
    for record in named:
        text = json.dumps(record) if isinstance(record, dict) else record
        assert "THROTTLE#" in text or "LOCK#" in text, record


def recruiter_inbox_data(platform, client, recruiter_id: str) -> set[str]:
    """The recruiter's inbox (issue 11): an application received and moved (its log line)."""
    from espace.candidatures.service import ApplicationDesk

    signed_in_client(platform, "candidate-recrute@example.org")
    application = _application(user_id_of("candidate-recrute@example.org"), recruiter_id, "100BBBB")
    ApplicationDesk(get_services()).move(application, "entretien", "recruteur", recruiter_id)
    return {f"INBOX#100BBBB#{application.id}", "INBOX-LOG#100BBBB#"}


# Each part of the recruiter side adds what it creates (the offers published, propositions sent).
RECRUITER_AREA_DATA = [recruiter_inbox_data]


def test_a_recruiters_export_lists_everything_and_deletion_removes_everything(platform):
    """Through the recruiter's own pages (/recruteur/donnees.json, /recruteur/suppression)."""
    from tests.functional.recruteurs.helpers import recruiter_client

    client = recruiter_client(platform, RECRUITER_EMAIL)
    recruiter_id = user_id_of(RECRUITER_EMAIL)
    expected = {"PROFILE"}
    for make in RECRUITER_AREA_DATA:
        expected |= make(platform, client, recruiter_id)
    export = client.get("/recruteur/donnees.json")
    assert export.status == 200, export.text()[:300]
    listed = {record["sk"] for record in export.json()["records"]}
    for key in expected:
        assert any(sk == key or sk.startswith(key) for sk in listed), (key, listed)
    assert "password" not in export.body and "$argon2" not in export.body

    done = client.post("/recruteur/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert done.status == 200, done.text()[:300]
    assert [record for record in platform.dump_records() if recruiter_id in record] == []
    assert client.get("/recruteur").status in (302, 303, 401)  # signed out
