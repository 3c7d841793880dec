"""The CV bank search (/recruteur/cvtheque…): published CVs by métier, place, contract, experience,
languages, licences, words.

Only CVs in the bank (online, with the candidate's consent to publish) can be reached: a CV's
page asks the index who owns it (``CvIndex.owner``), so a draft, a suspended CV, a withdrawn
consent or a deleted CV answers 404 as a CV that never was. Results and pages show no contact
details; a CV's page shows them only when the candidate consented (``share_details``, or the
personal CV's ``show_contact``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.cv import pdf
from espace.cv.index import MAX_WINDOW, CvHit, CvResults
from espace.cv.indexing import strip_contact
from espace.cv.model import CONTRACTS, Contact, Cv, PersonalCv
from espace.cv.service import CV_ID, CvBook
from espace.recruteurs import cv_search_form
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.paging import linker, offset_page

router = AreaRouter(roles={"recruteur"})

PATH = "/recruteur/cvtheque"
TRAIL = (("Mon espace recruteur", "/recruteur"),)
PER_PAGE = 20
NOT_FOUND = ("Ce CV n'est pas dans la banque de CV : le candidat l'a peut-être suspendu, retiré ou supprimé, "
             "ou le lien est incorrect.")
CONTRACT_LABELS = dict(CONTRACTS)
MAX_EXPRESS_TEXT = 6000  # characters of a personal CV's text shown (its words, without contact data)


@dataclass(frozen=True)
class BankCv:
    """A CV as the bank holds it, with its owner: a complete CV or a personal (express) one."""

    user_id: str
    book: CvBook
    cv: Cv | None = None
    personal: PersonalCv | None = None

    @property
    def id(self) -> str:
        return self.cv.id if self.cv else self.personal.id if self.personal else ""

    @property
    def title(self) -> str:
        return self.cv.display_title if self.cv else self.personal.title if self.personal else ""

    @property
    def mode(self) -> str:
        return "complet" if self.cv else "express"

    @property
    def shares_contact(self) -> bool:
        if self.cv is not None:
            return self.cv.consent.share_details
        return bool(self.personal and self.personal.show_contact)

    def contact(self) -> Contact | None:
        """The contact details a recruiter may see: only with the candidate's consent."""
        if not self.shares_contact:
            return None
        contact = self.book.contact()
        if not contact.email:
            profile = self.book.records.get(f"USER#{self.user_id}", "PROFILE") or {}
            contact = dataclasses.replace(contact, email=str(profile.get("email", "")))
        return contact


def without_contact(cv: Cv) -> Cv:
    """The CV's free texts without the e-mail addresses and phone numbers a candidate may have
    typed in them: what the bank's index already leaves out, for a CV shown without consent."""
    return dataclasses.replace(
        cv, pitch=strip_contact(cv.pitch), other_skills=strip_contact(cv.other_skills),
        experiences=[dataclasses.replace(e, description=strip_contact(e.description)) for e in cv.experiences],
        trainings=[dataclasses.replace(t, description=strip_contact(t.description)) for t in cv.trainings])


def bank_cv(ctx: Context, cv_id: str) -> BankCv:
    """The published CV ``cv_id``, or 404 when the bank does not hold it (now)."""
    owner = ctx.services.cv_index.owner(cv_id) if CV_ID.fullmatch(cv_id or "") else None
    if owner is not None:
        book = CvBook(ctx.services, owner)
        cv = book.get(cv_id)
        if cv is not None and cv.indexable:
            return BankCv(owner, book, cv=cv if cv.consent.share_details else without_contact(cv))
        personal = book.personal()
        if personal is not None and personal.id == cv_id and personal.indexable:
            return BankCv(owner, book, personal=personal)
    raise NotFoundError(NOT_FOUND, title="CV introuvable")


def describe(hit: CvHit) -> dict[str, object]:
    years, months = divmod(hit.experience_months, 12)
    parts = [f"{years} an{'s' if years > 1 else ''}" if years else "", f"{months} mois" if months else ""]
    return {"hit": hit, "experience": " et ".join(p for p in parts if p) or "non précisée",
            "contracts": ", ".join(CONTRACT_LABELS.get(c, c) for c in hit.contracts) or "non précisés",
            "places": ", ".join(hit.places) or "non précisés"}


@router.get(PATH)
def search(ctx: Context) -> Response:
    found = cv_search_form.read(ctx)
    page = ctx.page(PATH, "Rechercher des CV", TRAIL)
    if found.query is None:
        status = 400 if found.submitted else 200
        return ctx.render("services/recruteurs/cvtheque.html", page, form=found.form, status=status,
                          results=None, searched=found.submitted)
    query = found.query

    def fetch(offset: int, limit: int) -> tuple[CvResults, int]:
        if limit <= 0:
            return CvResults(total=0), 0
        results = ctx.services.cv_index.search(dataclasses.replace(query, page=offset // PER_PAGE + 1,
                                                                   per_page=PER_PAGE))
        return results, results.total

    results, pagination = offset_page(ctx.request.query("page"), per_page=PER_PAGE, fetch=fetch,
                                      link=linker(PATH, found.params), cap=MAX_WINDOW)
    page = ctx.page(PATH, "Rechercher des CV", TRAIL)
    return ctx.render("services/recruteurs/cvtheque.html", page, form=found.form, searched=True,
                      results=results, hits=[describe(hit) for hit in results.hits], pagination=pagination,
                      title_detail=pagination.title_detail, total=pagination.total_items or 0)


@router.get(f"{PATH}/<cv_id>")
def show(ctx: Context, cv_id: str) -> Response:
    bank = bank_cv(ctx, cv_id)
    page = ctx.page(f"{PATH}/{bank.id}", bank.title, (*TRAIL, ("Rechercher des CV", PATH)))
    contact = bank.contact()
    extra: dict[str, Any] = {}
    if bank.cv is not None:
        extra = pdf.document(bank.cv, contact).context(2)
    elif bank.personal is not None:
        text = strip_contact(bank.book.attachment_text(bank.personal.attachment))[:MAX_EXPRESS_TEXT]
        extra = {"express_text": text}
    return ctx.render("services/recruteurs/cv.html", page, bank=bank, shown_contact=contact, **extra)


@router.get(f"{PATH}/<cv_id>/cv.pdf")
def cv_pdf(ctx: Context, cv_id: str) -> Response:
    bank = bank_cv(ctx, cv_id)
    if bank.cv is None:
        raise NotFoundError("Ce CV est un fichier déposé par le candidat : il n'a pas de version PDF à "
                            "télécharger ici.", title="Pas de PDF pour ce CV")
    data = pdf.for_recruiters(bank.cv, bank.book.contact(), settings=ctx.settings)
    return Response(status_code=200, content_type="application/pdf", body=data, headers={
        "Content-Disposition": f'inline; filename="{pdf.pdf_filename(bank.cv)}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})
