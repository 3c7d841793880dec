"""« Postuler » (/mon-espace/candidatures/postuler/<offre>/…): choose a CV, « valoriser ses atouts »,
the name and phone, check, send.

After the seed's télécandidature: the candidate shows that their profile meets the offer's
requirements (shown beside the text), and gives a phone number. The steps keep a draft per offer
(``USER#{uid}`` / ``APPLY-DRAFT#{offer}``: what each step holds, as typed, and its status), so
leaving and coming back loses nothing; the draft goes once the application is sent. The check
page draws the application's key when it is shown; sending is the desk's one conditional write
per candidate and offer, so a double click or two tabs make one application.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.candidatures import submission
from espace.candidatures.apply_forms import ContactDetailsForm, CvChoiceForm, SendForm, StrengthsForm
from espace.candidatures.model import APPLICATION_ID, MAX_MESSAGE, new_id
from espace.candidatures.opening import COURRIEL, Opening, Refusal, opening, requirements
from espace.candidatures.service import ApplicationDesk, Submitted
from espace.cv.information_forms import format_phone
from espace.cv.service import CvBook
from espace.ports import RecordStore
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm
from espace.web.request import FormData
from espace.web.steps import DONE, NOT_STARTED, STARTED

router = AreaRouter(roles={"candidat"})

LIST_PATH = "/mon-espace/candidatures"
TRAIL = (("Mon espace", "/mon-espace"), ("Mes candidatures", LIST_PATH))
CHECK = "verification"


@dataclass(frozen=True)
class ApplyStep:
    slug: str
    title: str
    form: type[KitForm]


STEPS = (ApplyStep("cv", "Le CV à envoyer", CvChoiceForm),
         ApplyStep("atouts", "Mes atouts pour ce poste", StrengthsForm),
         ApplyStep("coordonnees", "Mes coordonnées", ContactDetailsForm))


def base(offer_id: str) -> str:
    return f"{LIST_PATH}/postuler/{offer_id}"


class Draft:
    """What the steps of one application hold until it is sent."""

    def __init__(self, records: RecordStore, user_id: str, offer_id: str):
        self.records, self.pk, self.sk = records, f"USER#{user_id}", f"APPLY-DRAFT#{offer_id}"
        self.offer_id = offer_id

    def load(self) -> dict[str, dict[str, Any]]:
        item = self.records.get(self.pk, self.sk)
        return item["steps"] if item else {}

    def save(self, slug: str, values: dict[str, list[str]], done: bool) -> None:
        steps = self.load()
        steps[slug] = {"values": values, "status": DONE if done else STARTED}
        self.records.put({"pk": self.pk, "sk": self.sk, "kind": "brouillon-candidature", "offer_id": self.offer_id,
                          "steps": steps, "updated_at": int(time.time())})

    def discard(self) -> None:
        self.records.delete(self.pk, self.sk)


def _status(steps: dict[str, dict[str, Any]], slug: str) -> str:
    return steps.get(slug, {}).get("status", NOT_STARTED)


def _values(form: KitForm, formdata: FormData) -> dict[str, list[str]]:
    return {field.name: formdata.getlist(field.name) for field in form
            if field.type not in {"HiddenField", "CSRFTokenField"} and field.name in formdata}


def _form(ctx: Context, step: ApplyStep, steps: dict[str, dict[str, Any]], book: CvBook) -> KitForm:
    """The step's form: as posted, else as the draft holds it, else (coordinates) from « Mes coordonnées »."""
    if ctx.submitted:
        form = ctx.bind(step.form)
    elif values := steps.get(step.slug, {}).get("values"):
        form = step.form(FormData(fields={k: list(v) for k, v in values.items()}))
    elif step.slug == "coordonnees":
        contact = book.contact()
        form = step.form(prenom=contact.first_name, nom=contact.last_name, telephone=contact.phone)
    else:
        form = step.form()
    if isinstance(form, CvChoiceForm):
        form.cv.choices = submission.cv_options(book)
    return form


def _refused(ctx: Context, offer_id: str, refusal: Refusal) -> Response:
    page = ctx.page(base(offer_id), refusal.title, TRAIL)
    return ctx.render("services/candidatures/refused.html", page, status=refusal.status, refusal=refusal,
                      offer_id=offer_id)


def _gate(ctx: Context, offre: str) -> Opening | Response:
    """The offer when it is open and the candidate has not applied yet; else the page to show."""
    found = opening(ctx.services, offre)
    if isinstance(found, Refusal):
        return _refused(ctx, offre.upper()[:7] if offre.isalnum() else "", found)
    sent = ApplicationDesk(ctx.services).get(ctx.user_id or "", found.offer_id)
    if sent is not None:
        ctx.flash(f"Vous avez déjà postulé à cette offre le {french_date(sent.created_at)} : voici votre candidature.",
                  "info")
        return ctx.redirect(f"{LIST_PATH}/{found.offer_id}")
    return found


def _common(offer: Opening) -> dict[str, Any]:
    return {"offer": offer, "base": base(offer.offer_id), "courriel": offer.kind == COURRIEL}


@router.get("/candidatures/postuler/<offre>")
def start(ctx: Context, offre: str) -> Response:
    offer = _gate(ctx, offre)
    if isinstance(offer, Response):
        return offer
    steps = Draft(ctx.services.records, ctx.user_id or "", offer.offer_id).load()
    tasks = [{"title": step.title, "url": f"{base(offer.offer_id)}/{step.slug}", "status": _status(steps, step.slug),
              "done": _status(steps, step.slug) == DONE} for step in STEPS]
    done = sum(1 for task in tasks if task["done"])
    page = ctx.page(base(offer.offer_id), f"Postuler à l'offre « {offer.title} »", TRAIL)
    return ctx.render("services/candidatures/start.html", page, tasks=tasks, done=done, total=len(STEPS),
                      check_url=f"{base(offer.offer_id)}/{CHECK}", **_common(offer))


@router.route("/candidatures/postuler/<offre>/<etape>", ["GET", "POST"])
def step_page(ctx: Context, offre: str, etape: str) -> Response:
    offer = _gate(ctx, offre)
    if isinstance(offer, Response):
        return offer
    if etape == CHECK:
        return check_page(ctx, offer)
    number, step = next(((n, s) for n, s in enumerate(STEPS, start=1) if s.slug == etape), (0, None))
    if step is None:
        raise NotFoundError("Cette étape n'existe pas.")
    book = CvBook(ctx.services, ctx.user_id or "")
    draft = Draft(ctx.services.records, ctx.user_id or "", offer.offer_id)
    steps = draft.load()
    form = _form(ctx, step, steps, book)
    if isinstance(form, CvChoiceForm) and not form.cv.choices:
        page = ctx.page(f"{base(offer.offer_id)}/cv", "Vous n'avez pas encore de CV à envoyer", TRAIL)
        return ctx.render("services/candidatures/no_cv.html", page, status=409 if ctx.submitted else 200,
                          **_common(offer))
    if ctx.submitted:
        valid = form.validate()
        draft.save(step.slug, _values(form, ctx.form_data()), valid)
        if valid:
            if isinstance(form, ContactDetailsForm):
                contact = book.contact()
                contact.first_name, contact.last_name = form.prenom.data, form.nom.data
                contact.phone = format_phone(form.telephone.data)
                book.save_contact(contact)
            steps[step.slug] = {"status": DONE}
            following = [s for s in (*STEPS[number:], *STEPS[:number]) if _status(steps, s.slug) != DONE]
            return ctx.redirect(f"{base(offer.offer_id)}/{following[0].slug if following else CHECK}")
    total, url = len(STEPS), base(offer.offer_id)
    page = ctx.page(f"{url}/{step.slug}", step.title, (*TRAIL, (f"Postuler : {offer.title}", url)),
                    caption=f"Étape {number} sur {total}")
    return ctx.render(f"services/candidatures/step_{step.slug}.html", page, form=form, number=number, total=total,
                      next_title=STEPS[number].title if number < total else "Vérifier vos réponses",
                      back_url=f"{url}/{STEPS[number - 2].slug}" if number > 1 else url,
                      requirements=requirements(offer.raw), max_message=MAX_MESSAGE, **_common(offer))


def _reply_address(ctx: Context, book: CvBook) -> str:
    return book.contact().email or str((ctx.account() or {}).get("email", ""))


def check_page(ctx: Context, offer: Opening) -> Response:
    book = CvBook(ctx.services, ctx.user_id or "")
    draft = Draft(ctx.services.records, ctx.user_id or "", offer.offer_id)
    steps = draft.load()
    forms: dict[str, KitForm] = {}
    for step in STEPS:
        if _status(steps, step.slug) != DONE:
            ctx.flash(f"Terminez d'abord l'étape « {step.title} ».", "important")
            return ctx.redirect(f"{base(offer.offer_id)}/{step.slug}")
        form = step.form(FormData(fields={k: list(v) for k, v in steps[step.slug]["values"].items()}))
        if isinstance(form, CvChoiceForm):
            form.cv.choices = submission.cv_options(book)
        if not form.validate():  # the CV chosen was deleted meanwhile, say
            ctx.flash(f"Vérifiez l'étape « {step.title} » : {form.error_list()[0][1]}", "important")
            return ctx.redirect(f"{base(offer.offer_id)}/{step.slug}")
        forms[step.slug] = form
    send = ctx.bind(SendForm, cle=new_id())
    reply = _reply_address(ctx, book)
    if ctx.submitted:
        key = send.cle.data if APPLICATION_ID.fullmatch(send.cle.data or "") else new_id()
        contact = book.contact()
        answers = submission.Answers(str(forms["cv"].data["cv"]), str(forms["atouts"].data["message"]), contact, reply)
        try:
            outcome, application = submission.submit(ctx.services, ctx.user_id or "", offer, answers, key)
        except submission.CvGoneError:
            ctx.flash("Le CV choisi n'existe plus : choisissez-en un autre.", "important")
            return ctx.redirect(f"{base(offer.offer_id)}/cv")
        except submission.MailFailedError:
            page = ctx.page(f"{base(offer.offer_id)}/{CHECK}", "Votre candidature n'a pas pu être envoyée", TRAIL)
            return ctx.render("services/candidatures/mail_failed.html", page, status=503, **_common(offer))
        draft.discard()
        if outcome is Submitted.CREATED:
            ctx.flash("Votre candidature est envoyée." if application.kind == COURRIEL else
                      "Votre candidature est envoyée : le recruteur la trouve dans ses candidatures reçues.")
        else:
            ctx.flash("Vous aviez déjà envoyé cette candidature : elle n'a pas été envoyée une seconde fois.", "info")
        return ctx.redirect(f"{LIST_PATH}/{offer.offer_id}")
    options = dict(submission.cv_options(book))
    url = base(offer.offer_id)
    rows = [{"key": "CV envoyé", "value": options.get(str(forms["cv"].data["cv"]), ""), "change_url": f"{url}/cv#cv-1",
             "change_name": "le CV envoyé"},
            {"key": "Mes atouts pour ce poste", "value": str(forms["atouts"].data["message"]).splitlines(),
             "change_url": f"{url}/atouts#message", "change_name": "mes atouts pour ce poste"},
            {"key": "Nom", "value": f"{forms['coordonnees'].data['prenom']} {forms['coordonnees'].data['nom']}",
             "change_url": f"{url}/coordonnees#prenom", "change_name": "le nom"},
            {"key": "Téléphone", "value": format_phone(str(forms["coordonnees"].data["telephone"])),
             "change_url": f"{url}/coordonnees#telephone", "change_name": "le téléphone"},
            {"key": "Adresse de réponse", "value": reply}]
    page = ctx.page(f"{url}/{CHECK}", "Vérifier votre candidature", (*TRAIL, (f"Postuler : {offer.title}", url)))
    return ctx.render("services/candidatures/check.html", page, form=send, rows=rows, **_common(offer))
