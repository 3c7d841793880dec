"""Applications in a recruiter's inbox, for the inbox's tests: a site offer written as publishing
writes it (the recruiter's record and the owner record, in one transaction), and applications
submitted through ``ApplicationDesk.submit``, the same call the candidate's « Postuler » makes."""

from __future__ import annotations

import secrets
import string
import time

from espace.candidatures.model import Application, CvUsed, new_id
from espace.candidatures.service import ApplicationDesk, file_prefix
from espace.ports import Put
from espace.recruteurs.model import ONLINE, SiteOffer
from tests.functional.recruteurs.helpers import COMPANY

CV_BYTES = b"%PDF-1.4\n% CV de test envoye avec la candidature\n%%EOF\n"


def new_offer_id() -> str:
    """An id in the v2 format: 3 digits, then 4 digits or capitals."""
    tail = "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(4))
    return f"{secrets.randbelow(900) + 100}{tail}"


def publish(services, recruiter_id: str, title: str = "Vendeur ou vendeuse en boulangerie",
            company: str = COMPANY, state: str = ONLINE) -> SiteOffer:
    now = int(time.time())
    offer = SiteOffer(new_offer_id(), recruiter_id, state, {"intitule": title}, {"intitule": title}, now, now)
    services.records.transact([Put(offer.to_item(), if_absent=True), Put(offer.owner_item(company), if_absent=True)])
    return offer


def apply(services, candidate_id: str, offer: SiteOffer, *, name: str = "Camille Durand",
          email: str = "camille@example.fr", phone: str = "06 12 34 56 78",
          message: str = "Cinq ans de vente en boulangerie.\nDisponible tout de suite.",
          cv_title: str = "Vendeuse en boulangerie", cv_bytes: bytes = CV_BYTES,
          company: str = COMPANY) -> Application:
    application_id = new_id()
    cv = CvUsed("personnel", "personnel", cv_title, f"{file_prefix(candidate_id, application_id)}cv-camille.pdf",
                "cv-camille.pdf")
    application = Application(
        id=application_id, kind="site", offer_id=offer.id, offer_title=offer.title, company=company,
        candidate_id=candidate_id, cv=cv, message=message, candidate_name=name, candidate_email=email,
        candidate_phone=phone, state="", recruiter_id=offer.recruiter_id)
    _, stored = ApplicationDesk(services).submit(application, cv_bytes)
    return stored


def anonymise(services, application: Application) -> None:
    """What deleting the candidate's space does to the recruiter's copy (part F's hook): the name,
    e-mail, phone and message blanked, ``anonymised`` set, the CV file gone with the candidate's files."""
    records = services.records
    item = records.get(*application.inbox_key())
    records.put({**item, "candidate_name": "", "candidate_email": "", "candidate_phone": "", "message": "",
                 "anonymised": True})
    records.delete(*application.candidate_key())
    services.files.delete(application.cv.file_key)
