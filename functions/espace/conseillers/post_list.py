"""Counsellors: what leaves the agency by post (espace.dossier.post).

- ``GET /conseiller/courriers-a-envoyer``: the agency's items waiting, oldest first, twenty a page
  (an attestation asked « par courrier », a letter of a candidate who has not chosen e-mail), each
  with the candidate's name, identifier and dossier, the letter's PDF; and the last sendings;
- ``GET /conseiller/courriers-a-envoyer/<reference>/attestation``: an attestation asked by post, as
  established today (PDF to print), the printing in the candidate's audit log once a day;
- ``POST /conseiller/courriers-a-envoyer/<reference>/envoi``: « Marquer comme envoyé », recorded once
  with its date and counsellor and an audit entry in the candidate's log; a second click or a
  second counsellor is told who sent it and when. Another agency's item answers 404.
"""

from __future__ import annotations

from contextlib import suppress

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.conseillers import audit
from espace.conseillers.common import SPACE, TRAIL, agency_of, me, once
from espace.conseillers.model import Counsellor
from espace.dossier import attestations, post
from espace.dossier.attestation_kinds import KINDS
from espace.dossier.opening import dossier_of
from espace.ports import ConditionFailedError, Item
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.paging import cursor_page, linker

router = AreaRouter(roles={"conseiller"})
URL = f"{SPACE}/courriers-a-envoyer"
TITLE = "Courriers à envoyer par la poste"
PER_PAGE = 20
SENT_SHOWN = 20  # the last sendings kept in view (the candidate's page tells each one's date)


def choice_label(item: Item) -> str:
    """What an attestation is for: its year or its period (empty for the others)."""
    choice = str(item.get("choice") or "")
    if "_" in choice:
        start, end = choice.split("_", 1)
        return f"du {french_date(start)} au {french_date(end)}"
    return f"année {choice}" if choice else ""


def row(item: Item) -> dict[str, object]:
    kind = KINDS.get(str(item.get("attestation") or ""))
    identifier = str(item.get("identifier", ""))
    letter = str(item.get("letter") or "")
    return {
        "reference": f"{item['user_id']}-{item['post_ref']}", "name": item.get("name") or "Candidat",
        "identifier": identifier, "dossier": f"{SPACE}/candidats/{identifier}", "title": item.get("title", ""),
        "what": "Attestation" if item.get("post_kind") == post.ATTESTATION else "Courrier",
        "detail": choice_label(item) if kind else "", "asked_on": item.get("post_at"),
        "pdf": f"{SPACE}/candidats/{identifier}/courriers/{letter}" if letter
        else f"{URL}/{item['user_id']}-{item['post_ref']}/attestation",
        "sent_at": item.get("sent_at"), "sent_by": item.get("sent_by_name", ""),
    }


@router.get(URL)
def listing(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    items, pagination = cursor_page(ctx.services.records, f"AGENCY#{who.agency_id}", post.WAITING, limit=PER_PAGE,
                                    raw_trail=ctx.request.query("suite"), raw_page=ctx.request.query("page"),
                                    link=linker(URL, {}))
    sent = post.recently_sent(ctx.services.records, who.agency_id, SENT_SHOWN)
    title = TITLE + (f" ({pagination.title_detail})" if pagination.title_detail else "")
    return ctx.render("services/conseillers/post.html", ctx.page(URL, title, TRAIL), agency=agency,
                      waiting=[row(item) for item in items], sent=[row(item) for item in sent], pagination=pagination,
                      url=URL, sent_shown=SENT_SHOWN)


def item_or_404(ctx: Context, reference: str) -> tuple[Counsellor, post.Sending]:
    who = me(ctx)
    item = post.get(ctx.services.records, reference)
    if item is None or item.agency_id != who.agency_id:
        raise NotFoundError("Ce courrier n'existe pas, ou n'est pas à envoyer par votre agence.",
                            title="Courrier introuvable")
    return who, item


@router.get(f"{URL}/<reference>/attestation")
def attestation_pdf(ctx: Context, reference: str) -> Response:
    """The attestation asked by post, established today for the period or year asked."""
    who, item = item_or_404(ctx, reference)
    kind = KINDS.get(str(item.record.get("kind", "")))
    dossier = dossier_of(ctx.services.records, item.user_id)
    if item.kind != post.ATTESTATION or kind is None or dossier is None:
        raise NotFoundError("Cette attestation n'existe pas.", title="Attestation introuvable")
    today = clock.today()
    pdf = attestations.made(ctx.services, kind, dossier, str(item.record.get("choice", "")), today)
    marker = once(item.user_id, f"attestation#{item.ref}#{who.user_id}#{today.isoformat()}")
    with suppress(ConditionFailedError):  # printed again the same day: logged once
        ctx.services.records.transact([marker, audit.entry(who, item.user_id, "attestation-imprimee",
                                                           about=dossier.identifier, detail={"envoi": item.ref})])
    return attestations.pdf_response(pdf, f"{kind.template_kind}-{today.isoformat()}.pdf", "inline")


@router.post(f"{URL}/<reference>/envoi")
def mark_sent(ctx: Context, reference: str) -> Response:
    who, item = item_or_404(ctx, reference)
    waiting = ctx.services.records.get(f"AGENCY#{item.agency_id}", item.waiting_key) or {}
    entry = audit.entry(who, item.user_id, "courrier-envoye", about=str(waiting.get("identifier", "")),
                        detail={"envoi": item.ref, "titre": item.title})
    if post.mark_sent(ctx.services.records, item, who, entry):
        ctx.flash(f"« {item.title} » pour {waiting.get('name') or 'le candidat'} est marqué envoyé aujourd'hui.")
        return ctx.redirect(URL)
    again = post.get(ctx.services.records, reference) or item
    when = f" le {french_date(again.sent_at)}" if again.sent_at else ""
    by = f" par {again.sent_by_name}" if again.sent_by_name else ""
    ctx.flash(f"« {item.title} » était déjà marqué envoyé{when}{by} : rien n'a été enregistré de plus.", "important")
    return ctx.redirect(URL)
