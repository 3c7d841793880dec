"""« Mes attestations » (GET /mon-dossier/attestations, GET and POST /mon-dossier/attestations/<kind>):
the six attestations of the seed, each for what it says and who asks for it, downloaded as a
tagged PDF/UA-1 file made from the dossier's records on the day (``letters.render``), with a
verification reference (espace.dossier.verification) — or « recevoir par courrier »: a request
for the agency, once per kind and day.

Records of a request by post: ``USER#{uid}`` / ``ATTESTATION-MAIL#{day}#{kind}`` {kind, choice,
requested_at, and the post's fields}, written only if absent (a double click or a second request
the same day records nothing more), with the agency's waiting copy in the same transaction
(espace.dossier.post: the counsellors post it and mark it sent; the page tells when it left).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.dossier import letters, post
from espace.dossier.attestation_content import context, payments_of, right_of
from espace.dossier.attestation_forms import PeriodForm, YearForm
from espace.dossier.attestation_kinds import KINDS, PERIOD, YEAR, Kind
from espace.dossier.model import Dossier
from espace.dossier.opening import dossier_of
from espace.dossier.verification import issue, shown
from espace.ports import ConditionFailedError
from espace.text import euros, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, month_label

if TYPE_CHECKING:
    from espace.bootstrap import Services

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/attestations"
TITLE = "Mes attestations"
TRAIL = (("Mon espace", "/mon-espace"), ("Mon dossier", "/mon-dossier"))
MAIL_PREFIX = "ATTESTATION-MAIL#"
DOWNLOAD, BY_POST = "telecharger", "courrier"
SHOWN_REQUESTS = 5  # the last requests by post told on the attestation's page


@router.get("/attestations")
def listing(ctx: Context) -> Response:
    dossier = dossier_of(ctx.services.records, ctx.user_id or "")
    return ctx.render("services/dossier/attestations/list.html", ctx.page(BASE, TITLE, TRAIL), dossier=dossier,
                      kinds=list(KINDS.values()))


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
        return ctx.render("services/dossier/attestations/kind.html", page, kind=kind, dossier=dossier, form=form,
                          by_post=requests_by_post(ctx, kind, dossier))
    choice = getattr(form, "choice_key", "")
    if action == BY_POST:
        return _by_post(ctx, kind, dossier, choice)
    return _download(ctx, kind, dossier, form, choice)


def _download(ctx: Context, kind: Kind, dossier: Dossier, form: KitForm | None, choice: str) -> Response:
    today = clock.today()
    pdf = made(ctx.services, kind, dossier, choice, today)
    return pdf_response(pdf, f"{kind.template_kind}-{today.isoformat()}.pdf", "attachment")


def made(services: Services, kind: Kind, dossier: Dossier, choice: str, today: dt.date) -> bytes:
    """The attestation of ``kind`` for ``choice`` (a period « start_end », a year, or nothing) as
    established ``today``, with its verification reference: the candidate's download, or the one
    the agency prints to post (espace.conseillers.post_list)."""
    name = post.holder_name(services.records, dossier)
    reference = issue(services, dossier.user_id, kind.slug, choice, today, name)
    start, _, end = choice.partition("_")
    said = context(services, dossier, kind.slug, today,
                   period=(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) if kind.choice == PERIOD else None,
                   year=int(choice) if kind.choice == YEAR else None)
    said.update(title=kind.title, kind=kind, name=name, identifier=dossier.identifier, written_on=french_date(today),
                reference=shown(reference), verify_url=f"{services.settings.site_url.rstrip('/')}"
                                                       f"/verifier-une-attestation",
                euros=euros, date_fr=french_date, month_label=month_label)
    return letters.render(services, kind.template_kind, said)


def pdf_response(pdf: bytes, filename: str, disposition: str) -> Response:
    return Response(status_code=200, content_type="application/pdf", body=pdf, headers={
        "Content-Disposition": f'{disposition}; filename="{filename}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def _by_post(ctx: Context, kind: Kind, dossier: Dossier, choice: str) -> Response:
    today, now = clock.today(), int(time.time())
    try:
        ctx.services.records.transact(post.queue(
            ctx.services.records, dossier, sk=f"{MAIL_PREFIX}{today.isoformat()}#{kind.slug}",
            ref=post.attestation_ref(today, kind.slug), kind=post.ATTESTATION, title=kind.title, at=now,
            fields={"kind": kind.slug, "attestation": kind.slug, "choice": choice, "requested_at": now}))
    except ConditionFailedError:
        ctx.flash(f"Vous avez déjà demandé l'{kind.title[0].lower()}{kind.title[1:]} par courrier aujourd'hui : "
                  "votre demande est enregistrée, votre agence vous l'envoie.", "important")
        return ctx.redirect(f"{BASE}/{kind.slug}")
    ctx.flash(f"Votre demande est enregistrée : votre agence vous enverra l'{kind.title[0].lower()}{kind.title[1:]} "
              "par courrier, à l'adresse de votre dossier, sous quelques jours.")
    return ctx.redirect(f"{BASE}/{kind.slug}")


def requests_by_post(ctx: Context, kind: Kind, dossier: Dossier) -> list[post.Sending]:
    """The candidate's last requests of this kind by post, newest first, each waiting or sent."""
    found = [s for s in post.sendings_of(ctx.services.records, dossier.user_id)
             if s.kind == post.ATTESTATION and s.record.get("kind") == kind.slug]
    return sorted(found, key=lambda s: s.post_at, reverse=True)[:SHOWN_REQUESTS]
