"""« Mes attestations » (GET /mon-dossier/attestations, GET and POST /mon-dossier/attestations/<kind>):
the six attestations of the seed, each for what it says and who asks for it, downloaded as a
tagged PDF/UA-1 file made from the dossier's records on the day (``letters.render``), with a
verification reference (espace.dossier.verification) — or « recevoir par courrier »: a request
for the agency, once per kind and day.

Records of a request by post: ``USER#{uid}`` / ``ATTESTATION-MAIL#{day}#{kind}`` {kind, choice,
requested_at}, written only if absent (a double click or a second request the same day records
nothing more), with the agency's copy ``AGENCY#{aid}`` / ``ATTESTATION-MAIL#{day}#{uid}#{kind}``
{user_id, identifier, name, kind, choice} in the same transaction, for the counsellors to post it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.dossier import letters
from espace.dossier.attestation_content import context, payments_of, right_of
from espace.dossier.attestation_forms import PeriodForm, YearForm
from espace.dossier.attestation_kinds import KINDS, PERIOD, YEAR, Kind
from espace.dossier.model import Dossier
from espace.dossier.opening import dossier_of
from espace.dossier.verification import issue, shown
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, Put
from espace.text import euros, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, month_label
from espace.web.lifecycle import on_account_deleted

if TYPE_CHECKING:
    from espace.bootstrap import Services

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/attestations"
TITLE = "Mes attestations"
TRAIL = (("Mon espace", "/mon-espace"), ("Mon dossier", "/mon-dossier"))
MAIL_PREFIX = "ATTESTATION-MAIL#"
DOWNLOAD, BY_POST = "telecharger", "courrier"


@router.get("/attestations")
def listing(ctx: Context) -> Response:
    dossier = dossier_of(ctx.services.records, ctx.user_id or "")
    return ctx.render("services/dossier/attestations/list.html", ctx.page(BASE, TITLE, TRAIL), dossier=dossier,
                      kinds=list(KINDS.values()))


def holder_name(ctx: Context, dossier: Dossier) -> str:
    registration = RegistrationDesk(ctx.services.records).get(dossier.user_id, dossier.registration)
    registration = registration or RegistrationDesk(ctx.services.records).current(dossier.user_id)
    return registration.name if registration else ""


def _form(ctx: Context, kind: Kind, dossier: Dossier) -> KitForm | None:
    today = clock.today()
    if kind.choice == PERIOD:
        return ctx.bind(PeriodForm).limit_to(today)
    if kind.choice == YEAR:
        # From the first year of the dossier: its registrations, its right, its payments.
        right, payments = right_of(ctx.services, dossier.user_id), payments_of(ctx.services, dossier.user_id)
        years = [int(p["start"][:4]) for p in dossier.periods] + [int(p.paid_on[:4]) for p in payments]
        first = min([*years, *([int(right.start[:4])] if right else [])], default=today.year)
        return ctx.bind(YearForm).years_from(first, today)
    return None


@router.route("/attestations/<slug>", ["GET", "POST"])
def attestation(ctx: Context, slug: str) -> Response:
    kind = KINDS.get(slug)
    if kind is None:
        raise NotFoundError("Cette attestation n'existe pas.", title="Attestation introuvable")
    dossier = dossier_of(ctx.services.records, ctx.user_id or "")
    page = ctx.page(f"{BASE}/{slug}", kind.title, (*TRAIL, (TITLE, BASE)))
    if dossier is None:
        return ctx.render("services/dossier/attestations/kind.html", page, kind=kind, dossier=None, form=None)
    form = _form(ctx, kind, dossier)
    action = ctx.form_data().get("action") if ctx.submitted else ""
    if not ctx.submitted or action not in (DOWNLOAD, BY_POST) or (form is not None and not form.validate()):
        return ctx.render("services/dossier/attestations/kind.html", page, kind=kind, dossier=dossier, form=form)
    choice = getattr(form, "choice_key", "")
    if action == BY_POST:
        return _by_post(ctx, kind, dossier, choice)
    return _download(ctx, kind, dossier, form, choice)


def _download(ctx: Context, kind: Kind, dossier: Dossier, form: KitForm | None, choice: str) -> Response:
    today, name = clock.today(), holder_name(ctx, dossier)
    reference = issue(ctx.services, dossier.user_id, kind.slug, choice, today, name)
    said = context(ctx.services, dossier, kind.slug, today,
                   period=(form.debut.data, form.fin.data) if isinstance(form, PeriodForm) else None,
                   year=int(form.annee.data) if isinstance(form, YearForm) else None)
    said.update(title=kind.title, kind=kind, name=name, identifier=dossier.identifier, written_on=french_date(today),
                reference=shown(reference), verify_url=f"{ctx.services.settings.site_url.rstrip('/')}"
                                                       f"/verifier-une-attestation",
                euros=euros, date_fr=french_date, month_label=month_label)
    pdf = letters.render(ctx.services, kind.template_kind, said)
    filename = f"{kind.template_kind}-{today.isoformat()}.pdf"
    return Response(status_code=200, content_type="application/pdf", body=pdf, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def _by_post(ctx: Context, kind: Kind, dossier: Dossier, choice: str) -> Response:
    today, user_id = clock.today().isoformat(), dossier.user_id
    fields = {"kind": kind.slug, "choice": choice, "requested_at": int(time.time())}
    try:
        ctx.services.records.transact([
            Put({"pk": f"USER#{user_id}", "sk": f"{MAIL_PREFIX}{today}#{kind.slug}", **fields,
                 "agency_id": dossier.agency_id}, if_absent=True),
            Put({"pk": f"AGENCY#{dossier.agency_id}", "sk": f"{MAIL_PREFIX}{today}#{user_id}#{kind.slug}", **fields,
                 "user_id": user_id, "identifier": dossier.identifier, "name": holder_name(ctx, dossier)}),
        ])
    except ConditionFailedError:
        ctx.flash(f"Vous avez déjà demandé l'{kind.title[0].lower()}{kind.title[1:]} par courrier aujourd'hui : "
                  "votre demande est enregistrée, votre agence vous l'envoie.", "important")
        return ctx.redirect(f"{BASE}/{kind.slug}")
    ctx.flash(f"Votre demande est enregistrée : votre agence vous enverra l'{kind.title[0].lower()}{kind.title[1:]} "
              "par courrier, à l'adresse de votre dossier, sous quelques jours.")
    return ctx.redirect(f"{BASE}/{kind.slug}")


@on_account_deleted
def forget_requests(services: Services, user_id: str) -> None:
    """The agencies' copies of the account's requests by post go with it."""
    for item in services.records.query(f"USER#{user_id}", MAIL_PREFIX):
        day, kind = item["sk"].removeprefix(MAIL_PREFIX).split("#", 1)
        services.records.delete(f"AGENCY#{item.get('agency_id')}", f"{MAIL_PREFIX}{day}#{user_id}#{kind}")

