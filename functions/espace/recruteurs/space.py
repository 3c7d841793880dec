"""The recruiter's space (/recruteur, /recruteur/compte): their offers, inboxes and the CV bank at a
glance; the account's data (export, deletion) like a candidate's.

The counts read the recruiter's own partition only: their offers (``OFFER#``, written by the
publishing part) and the recruiter's copies of the applications (``INBOX#``, written by
espace.candidatures when a candidate applies).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from aws_lambda_powertools.event_handler import Response

from espace.accounts.forms import PasswordChangeForm
from espace.accounts.routes import accounts
from espace.candidatures.model import NEW
from espace.ports import RecordStore
from espace.recruteurs.accounts import router as accounts_router
from espace.recruteurs.forms_account import RecruiterDeleteForm
from espace.recruteurs.model import CLOSED, FILLED, OFFER_STATE_LABELS, ONLINE, SUSPENDED, SiteOffer, recruiter
from espace.recruteurs.siret import display
from espace.web.auth import AreaRouter, check_access
from espace.web.context import Context
from espace.web.lifecycle import run_account_deleted

router = AreaRouter(roles={"recruteur"})
public = accounts_router  # recruteurs.accounts' public router, for the guarded download below
TRAIL = (("Mon espace recruteur", "/recruteur"),)
ACCOUNT_TRAIL = (*TRAIL, ("Mon compte recruteur", "/recruteur/compte"))
RECRUITERS = frozenset({"recruteur"})


@dataclass(frozen=True)
class OfferLine:
    offer: SiteOffer
    applications: int
    new: int

    @property
    def state_label(self) -> str:
        return OFFER_STATE_LABELS.get(self.offer.state, self.offer.state)


@dataclass(frozen=True)
class Summary:
    lines: list[OfferLine]  # the offers still open or suspended, the latest change first
    by_state: Counter[str]
    new_applications: int
    applications: int

    @property
    def offers(self) -> int:
        return sum(self.by_state.values())

    @property
    def ended(self) -> int:
        return self.by_state[FILLED] + self.by_state[CLOSED]


def summary(records: RecordStore, recruiter_id: str) -> Summary:
    offers = [SiteOffer.from_item(item) for item in records.query(f"USER#{recruiter_id}", "OFFER#")]
    # "INBOX#" and not "INBOX": the transition log's keys (INBOX-LOG#) are not applications.
    inbox = records.query(f"USER#{recruiter_id}", "INBOX#")
    total, new = Counter[str](), Counter[str]()
    for item in inbox:
        offer_id = str(item.get("offer_id", ""))
        total[offer_id] += 1
        if item.get("state") == NEW and not item.get("archived"):
            new[offer_id] += 1
    lines = [OfferLine(offer, total[offer.id], new[offer.id]) for offer in offers if offer.state in {ONLINE, SUSPENDED}]
    lines.sort(key=lambda line: (-line.new, -(line.offer.updated_at or line.offer.created_at)))
    return Summary(lines, Counter(offer.state for offer in offers), sum(new.values()), len(inbox))


@router.get("/recruteur")
def space(ctx: Context) -> Response:
    me = recruiter(ctx.services.records, ctx.user_id or "")
    return ctx.render("services/recruteurs/space.html", ctx.page("/recruteur", "Mon espace recruteur"), recruiter=me,
                      siret=display(me.siret) if me else "", summary=summary(ctx.services.records, ctx.user_id or ""),
                      ONLINE=ONLINE, SUSPENDED=SUSPENDED)


@router.get("/recruteur/compte")
def account(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    me = recruiter(ctx.services.records, user_id)
    return ctx.render("services/recruteurs/account.html", ctx.page("/recruteur/compte", "Mon compte recruteur", TRAIL),
                      recruiter=me, siret=display(me.siret) if me else "", account=accounts(ctx).get(user_id))


@router.route("/recruteur/mot-de-passe", ["GET", "POST"])
def change_password(ctx: Context) -> Response:
    """As the candidate's (espace.accounts.space): the current password, then a new one; every
    other session of the account ends, this one goes on under the new credential version."""
    service, user_id = accounts(ctx), ctx.user_id or ""
    form = ctx.bind(PasswordChangeForm)
    form.identifier_for_password = (ctx.account() or {}).get("email", "")
    page = ctx.page("/recruteur/mot-de-passe", "Changer mon mot de passe", ACCOUNT_TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/recruteurs/password.html", page, form=form)
    if not service.check_password(user_id, form.actuel.data):
        form.add_error("actuel", "Le mot de passe actuel est incorrect.")
        return ctx.render("services/recruteurs/password.html", page, form=form)
    version = service.change_password(user_id, form.mot_de_passe.data)
    ctx.sign_in(user_id, version or 0)  # a new session id; every other session has ended
    ctx.flash("Votre mot de passe est modifié. Vos autres sessions ont été fermées.")
    return ctx.redirect("/recruteur/compte")


@public.get("/recruteur/donnees.json")
def export(ctx: Context) -> Response:
    # A download answers 401 rather than redirecting to the sign-in page (as the candidates'
    # /mon-espace/donnees.json): the guard in its JSON form, on the public router that the
    # handler already includes.
    check_access(ctx, RECRUITERS, json=True)
    user_id = ctx.user_id or ""
    # A recruiter's account keeps no files (the CVs received stay under the candidates' prefixes),
    # and RecruitersFunction may not list the bucket: the export and deletion leave files alone.
    data = accounts(ctx).export(user_id, files=False)
    me = recruiter(ctx.services.records, user_id)
    if me is not None:
        data["account"].update(role="recruteur", entreprise=me.company, siret=me.siret)
    return Response(status_code=200, content_type="application/json; charset=utf-8",
                    body=json.dumps(data, ensure_ascii=False, indent=2),
                    headers={"Content-Disposition": 'attachment; filename="espace-recruteur-mes-donnees.json"',
                             "Cache-Control": "no-store"})


@router.route("/recruteur/suppression", ["GET", "POST"])
def delete(ctx: Context) -> Response:
    service, user_id = accounts(ctx), ctx.user_id or ""
    form = ctx.bind(RecruiterDeleteForm)
    page = ctx.page("/recruteur/suppression", "Supprimer mon espace recruteur", ACCOUNT_TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/recruteurs/delete.html", page, form=form)
    if not service.check_password(user_id, form.mot_de_passe.data):
        form.add_error("mot_de_passe", "Le mot de passe est incorrect.")
        return ctx.render("services/recruteurs/delete.html", page, form=form)
    ctx.sessions.end_all(user_id)
    # The areas' data outside the recruiter's partition first (their offers leave the index,
    # pending applications are closed and their candidates told), while the partition is there.
    run_account_deleted(ctx.services, user_id)
    service.delete_account(user_id, files=False)  # no files: see export()
    ctx.sign_out()
    return ctx.render("services/space/deleted.html",
                      ctx.page("/recruteur/suppression", "Votre espace recruteur est supprimé"))
