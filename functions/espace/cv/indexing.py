"""From a CV to its CV-bank document: places resolved, experience counted, contact data stripped."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from espace.cv.index import CvDocument, IndexedPlace
from espace.cv.model import Cv, PersonalCv, WantedPlace

if TYPE_CHECKING:
    from espace.places.referential import Places

# What could reach a recruiter who did not get the candidate's consent: e-mail addresses and
# French or international phone numbers, anywhere in the text (an attached file's included).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+|00)?\d(?:[\s.\-/]?\(?\d\)?){8,13}")
MAX_TEXT = 100_000  # characters of a document's text: a CV is a few thousand


def strip_contact(text: str) -> str:
    return _PHONE.sub(" ", _EMAIL.sub(" ", text))


def resolve_place(places: Places, wanted: WantedPlace) -> IndexedPlace:
    place = {"commune": places.commune, "departement": places.departement,
             "region": places.region}[wanted.kind](wanted.code)
    if place is None:  # the referential dropped it (a commune merged): keep what was chosen
        return IndexedPlace(wanted.kind, wanted.code, wanted.label)
    return IndexedPlace(place.kind, place.code, place.label, place.latitude, place.longitude,
                        place.departement, place.region)


def document_for(cv: Cv, user_id: str, places: Places, attachment_text: str = "",
                 today: dt.date | None = None) -> CvDocument:
    month = (today or dt.date.today()).strftime("%Y-%m")
    words = [cv.display_title, cv.target.appellation_label, cv.target.rome_label, cv.pitch, cv.other_skills,
             *cv.target.skills]
    for experience in cv.experiences:
        words += [experience.job, experience.employer, experience.place, experience.description]
    for training in cv.trainings:
        words += [training.title, training.school, training.place, training.description]
    words.append(attachment_text)
    return CvDocument(
        cv_id=cv.id, user_id=user_id, mode="complet", title=cv.display_title,
        appellation_code=cv.target.appellation_code, appellation_label=cv.target.appellation_label,
        rome_code=cv.target.rome_code,
        places=tuple(resolve_place(places, wanted) for wanted in cv.target.places),
        contracts=tuple(cv.target.contracts), working_times=tuple(cv.target.working_times),
        experience_months=sum(e.months(month) for e in cv.experiences),
        languages=tuple((lang.code, lang.level) for lang in cv.languages), licences=tuple(cv.licences),
        skills=tuple(cv.target.skills),
        text=strip_contact("\n".join(w for w in words if w))[:MAX_TEXT], updated_at=cv.updated_at)


def personal_document(personal: PersonalCv, user_id: str, text: str) -> CvDocument:
    """The express CV: found by its words only (the seed: a search on a personal CV alone
    cannot use the métier or the places, hence the advice to create a complete CV)."""
    return CvDocument(cv_id=personal.id, user_id=user_id, mode="express", title=personal.title,
                      text=strip_contact(f"{personal.title}\n{text}")[:MAX_TEXT],
                      updated_at=personal.attachment.uploaded_at)
