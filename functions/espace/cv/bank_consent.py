"""One truth for « Partager mon CV avec les employeurs »: the dossier's consent ``cv-employeurs``
(espace.dossier.consent, its record and dated history) and the CV bank (each CV's « Mettre mon CV
en ligne », ``Consent.publish``, and the express CV's ``publish``).

The rule: a CV is in the bank only while the consent is given. So

- withdrawing the consent (« Le consentement ») takes every CV of the candidate out of the bank
  (``withdraw``): each CV's publication answered « Non », saved through ``CvBook``, which removes
  it from the index and the recruiters' search; a CV already out is removed from the index again,
  so a retried request finishes what a first one left half done;
- giving it back publishes nothing by itself: the candidate puts each CV back online from « Mes
  CV », and the page says so (``GIVEN_BACK``);
- answering « Oui » to « Mettre mon CV en ligne » (a complete CV or the express one) while the
  consent is not given records it as given, dated, in the consent's history (``record_given``):
  the CV page says it beforehand (``notice``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from espace.cv.model import Consent
from espace.cv.service import CvBook

if TYPE_CHECKING:
    from espace.bootstrap import Services
    from espace.ports import RecordStore

TOPIC = "cv-employeurs"
LABEL = "Partager mon CV avec les employeurs"
# Said the same on the consent page and on the CV's « Mise en ligne » page.
EXPLANATION = ("Vos CV mis en ligne sont dans la banque de CV : les employeurs qui cherchent un profil comme le vôtre "
               "peuvent les lire, sans vos coordonnées, et vous proposer une offre. Retirer votre accord retire tous "
               "vos CV de la banque de CV ; le donner de nouveau ne les remet pas en ligne : vous les remettez en "
               "ligne vous-même depuis Mes CV.")
WITHDRAWN = ("Vos CV ne sont plus dans la banque de CV : les recruteurs ne les trouvent plus. Vous pouvez toujours "
             "les envoyer vous-même par courriel.")
GIVEN_BACK = ("Vos CV ne sont pas remis en ligne d'eux-mêmes : pour qu'un CV revienne dans la banque de CV, "
              "répondez « Oui » à « Mettre mon CV en ligne » sur sa page, depuis Mes CV.")
CV_LIST = "/mon-espace/cv"


@dataclass(frozen=True)
class State:
    given: bool
    at: int  # 0 when never chosen
    version: int


def state(records: RecordStore, user_id: str) -> State:
    from espace.dossier import consent

    [choice] = [c for c in consent.current(records, user_id) if c.topic == TOPIC]
    return State(choice.given, choice.at, choice.version)


def in_bank(services: Services, user_id: str) -> int:
    """How many of the candidate's CVs are in the bank now."""
    book = CvBook(services, user_id)
    personal = book.personal()
    return sum(cv.indexable for cv in book.all()) + (1 if personal is not None and personal.indexable else 0)


def withdraw(services: Services, user_id: str) -> int:
    """Every CV out of the bank; how many were in it. Idempotent."""
    book, taken = CvBook(services, user_id), 0
    for cv in book.all():
        if cv.consent.publish:
            taken += cv.indexable
            cv.consent = Consent(publish=False, share_details=cv.consent.share_details)
            book.save(cv)  # out of the index with the record
        else:
            services.cv_index.remove(cv.id)
    personal = book.personal()
    if personal is not None:
        if personal.publish:
            taken += personal.indexable
            book.save_personal(replace(personal, publish=False))
        else:
            services.cv_index.remove(personal.id)
    return taken


def record_given(records: RecordStore, user_id: str) -> bool:
    """The consent recorded as given (dated, in its history) unless it already is; True when this
    call recorded it. Two tabs publishing at once record it once."""
    from espace.dossier import consent

    for _ in range(3):
        now = state(records, user_id)
        if now.given:
            return False
        if consent.change(records, user_id, TOPIC, True, now.version):
            return True
    return False


def notice(records: RecordStore, user_id: str) -> str:
    """What the CV's « Mise en ligne » page says before the question, when the consent was withdrawn
    (never chosen: the question itself asks it)."""
    from espace.text import french_date

    now = state(records, user_id)
    if now.given or not now.at:
        return ""
    return (f"Vous avez retiré le {french_date(now.at)} votre accord « {LABEL} » (page Le consentement de votre "
            "dossier) : aucun de vos CV n'est dans la banque de CV. Mettre de nouveau un CV dans la banque de CV "
            "donne de nouveau votre accord, à la date d'aujourd'hui, et l'inscrit dans l'historique de vos choix.")
