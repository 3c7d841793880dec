"""What the CV bank and propositions tests stand on: a candidate with a CV published through
CvBook (as tests/functional/cv/test_bank_sync.py does), and a recruiter's offer on the site written
as the publishing part writes it (a SiteOffer and its owner record, in one transaction)."""

from __future__ import annotations

import secrets
import string
import time

from espace.cv.model import Consent, Experience, Language, Target, WantedPlace
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.recruteurs.helpers import COMPANY, recruiter_client

TARGET = Target(appellation_code="15870", appellation_label="Maçon / Maçonne", rome_code="F1703",
                rome_label="Maçonnerie", places=[WantedPlace("commune", "17300", "La Rochelle (17)")],
                contracts=["CDI"], working_times=["plein"])
PITCH = "Maçon coffreur, joignable au 06 12 34 56 78 ou jean.dupont@example.org"
CONTACT_NAME = ("Jeanne", "Dupontel")
CONTACT_PHONE = "06 98 76 54 32"


def site_offer(services, recruiter_id: str, title: str = "Maçon coffreur H/F", state: str = "en-ligne",
               company: str = COMPANY):
    """A recruiter's offer on the site: ``USER#{rid}/OFFER#{id}`` and ``SITE-OFFER#{id}/OWNER``."""
    from espace.ports import Put
    from espace.recruteurs.model import SiteOffer

    offer_id = "9" + "".join(secrets.choice(string.digits) for _ in range(2)) + \
        "".join(secrets.choice(string.ascii_uppercase) for _ in range(4))
    now = int(time.time())
    offer = SiteOffer(id=offer_id, recruiter_id=recruiter_id, state=state, values={"intitule": title},
                      raw={"id": offer_id, "intitule": title, "entreprise": {"nom": company}}, created_at=now,
                      updated_at=now)
    services.records.transact([Put(offer.to_item(), if_absent=True), Put(offer.owner_item(company), if_absent=True)])
    return offer


def set_offer_state(services, offer, state: str) -> None:
    item = services.records.get(f"SITE-OFFER#{offer.id}", "OWNER")
    services.records.put({**item, "state": state})
    mine = services.records.get(f"USER#{offer.recruiter_id}", f"OFFER#{offer.id}")
    services.records.put({**mine, "state": state})


def published_cv(services, user_id: str, cv_id: str, *, share_details: bool = False, target: Target = TARGET,
                 pitch: str = PITCH, with_contact: bool = True):
    """A complete CV, published in the bank through CvBook (the index follows it)."""
    from espace.cv.model import Contact
    from espace.cv.service import Created, CvBook

    book = CvBook(services, user_id)
    assert book.create(cv_id) is Created.CREATED
    book.set_target(book.get(cv_id), target)
    cv = book.get(cv_id)
    cv.pitch = pitch
    cv.experiences = [Experience(id="exp1", job="Maçon", employer="Bâtiments de l'Aunis", start="2018-01",
                                 end="2022-12", place="La Rochelle",
                                 description="Coffrage, murs en parpaings. Tél. 05 46 00 00 00")]
    cv.languages = [Language("en", "B1")]
    cv.licences = ["B"]
    book.save(cv)
    if with_contact:
        book.save_contact(Contact(first_name=CONTACT_NAME[0], last_name=CONTACT_NAME[1], email="",
                                  phone=CONTACT_PHONE, city="La Rochelle"))
    book.publish(book.get(cv_id), Consent(publish=True, share_details=share_details))
    return book.get(cv_id)


def candidate_with_cv(platform, services, email: str, cv_id: str, **options):
    """A signed-in candidate (accounts client), their user id and their published CV."""
    client = signed_in_client(platform, email)
    user_id = user_id_of(email)
    return client, user_id, published_cv(services, user_id, cv_id, **options)


def recruiter(platform, email: str):
    """A signed-in recruiter (client of RecruitersFunction) and their user id."""
    client = recruiter_client(platform, email)
    return client, user_id_of(email)
