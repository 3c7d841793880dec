"""« Réunir mes dossiers » (/mon-espace/reunir): the seed's three cases of joining a DDE and a DRE.

1. ``GET|POST /mon-espace/reunir``: what joining does, and the other space's sign-in (its
   « Identifiant » and password, checked by ``AccountService.sign_in`` with its limits);
2. ``GET|POST /mon-espace/reunir/confirmation``: the case, what will be kept and what lost (seed:
   « vous ne pourrez plus accéder à ce dossier »), the codes to use afterwards, and the button;
3. ``GET /mon-espace/reunir/termine``: what the space holds now.

A join stopped halfway (a crash) is finished by the next visit of either space to these pages.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.accounts.forms import SignInForm
from espace.accounts.routes import accounts
from espace.accounts.service import SignIn
from espace.reunir import service
from espace.reunir.moving import summary
from espace.text import clock_time, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import HiddenField, KitForm

router = AreaRouter(roles={"candidat"})
BASE = "/mon-espace/reunir"
TRAIL = (("Mon espace", "/mon-espace"),)
JOIN_TRAIL = (*TRAIL, ("Réunir mes dossiers", BASE))
TITLES = {service.AJOUTER: "Ajouter un dossier de recherche d'emploi présent dans un autre espace",
          service.REMPLACER: "Remplacer votre dossier de recherche d'emploi par celui d'un autre espace",
          service.JOINDRE: "Joindre votre dossier de demandeur d'emploi à cet espace"}


class OtherSpaceForm(SignInForm):
    """The other space's codes d'accès: the sign-in form's fields and rules."""


class ConfirmJoinForm(KitForm):
    cle = HiddenField()


def _finish_pending(ctx: Context) -> Response | None:
    """A join under way for this space (stopped halfway): finished now, then its last page."""
    join = service.pending(ctx.services, ctx.user_id or "")
    if join is None:
        return None
    done = service.run(ctx.services, join, accounts(ctx))
    return _after(ctx, done)


def _after(ctx: Context, done: dict) -> Response:
    dde = str(done["pk"]).removeprefix("USER#")
    if ctx.user_id != dde:  # signed in to the closed space: its codes are void, the DDE's are kept
        ctx.sign_in(dde, accounts(ctx).auth_version(dde) or 0)
    return ctx.redirect(f"{BASE}/termine")


@router.route("/reunir", ["GET", "POST"])
def start(ctx: Context) -> Response:
    if (finished := _finish_pending(ctx)) is not None:
        return finished
    form = ctx.bind(OtherSpaceForm)
    page = ctx.page(BASE, "Réunir mes dossiers", TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/dossier/reunir/start.html", page, form=form)
    result = accounts(ctx).sign_in(form.identifiant.data, form.mot_de_passe.data, ctx.request.client_ip)
    status = 429
    if result.outcome is SignIn.OK:
        try:
            service.prove(ctx.services, ctx.user_id or "", result.user_id or "")
        except service.Refused as refused:
            form.add_error("identifiant", str(refused))
            return ctx.render("services/dossier/reunir/start.html", page, form=form, status=409)
        return ctx.redirect(f"{BASE}/confirmation")
    if result.outcome is SignIn.LOCKED:
        form.add_error("identifiant", "Après 5 essais sans succès, la connexion à cet espace est bloquée pendant "
                       f"15 minutes, jusqu'à {clock_time(result.locked_until or 0)}.")
    elif result.outcome is SignIn.THROTTLED:
        form.add_error("identifiant", "Trop de tentatives de connexion depuis votre réseau. Réessayez dans "
                       f"15 minutes, après {clock_time(result.locked_until or 0)}.")
    else:
        status = 400
        form.add_error("identifiant", "Identifiant ou mot de passe incorrect pour votre autre espace. Vérifiez-les "
                       "et réessayez (5 essais au plus).")
    return ctx.render("services/dossier/reunir/start.html", page, form=form, status=status)


@router.route("/reunir/confirmation", ["GET", "POST"])
def confirmation(ctx: Context) -> Response:
    if (finished := _finish_pending(ctx)) is not None:
        return finished
    me = ctx.user_id or ""
    form = ctx.bind(ConfirmJoinForm)
    proof = service.proof(ctx.services, me)
    if ctx.submitted and (proof is None or form.cle.data != proof.get("key")):
        done = service.last_join(ctx.services, me)
        if done is not None and done.get("key") == form.cle.data:  # the same confirmation sent twice
            return ctx.redirect(f"{BASE}/termine")
    if proof is None:
        ctx.flash("Pour réunir vos dossiers, connectez-vous d'abord à votre autre espace ci-dessous (la "
                  "vérification de vos identifiants est valable 15 minutes).", "important")
        return ctx.redirect(BASE)
    try:
        plan = service.plan(ctx.services, me, str(proof["other"]))
    except service.Refused as refused:
        service.forget_proof(ctx.services, me)
        ctx.flash(str(refused), "important")
        return ctx.redirect(BASE)
    if ctx.submitted:
        try:
            join = service.start(ctx.services, me, str(form.cle.data or ""))
        except LookupError:
            ctx.flash("Cette confirmation n'est plus valable. Recommencez.", "important")
            return ctx.redirect(BASE)
        return _after(ctx, service.run(ctx.services, join, accounts(ctx)))
    other = accounts(ctx).get(plan.other)
    mine = accounts(ctx).get(me)
    dde, closed = plan.dde, plan.closed
    page = ctx.page(f"{BASE}/confirmation", TITLES[plan.case], JOIN_TRAIL)
    return ctx.render("services/dossier/reunir/confirmation.html", page, form=form, plan=plan, key=proof["key"],
                      other=other, mine=mine, kept=summary(ctx.services, closed), lost=summary(ctx.services, dde),
                      cases=service)


@router.get("/reunir/termine")
def finished(ctx: Context) -> Response:
    done = service.last_join(ctx.services, ctx.user_id or "")
    if done is None:
        return ctx.redirect(BASE)
    account = accounts(ctx).get(ctx.user_id or "")
    dossier = ctx.services.records.get(f"USER#{ctx.user_id}", "DDE") or {}
    page = ctx.page(f"{BASE}/termine", "Vos dossiers sont réunis", TRAIL)
    return ctx.render("services/dossier/reunir/done.html", page, done=done, account=account,
                      identifier=dossier.get("identifier", ""), kept=summary(ctx.services, ctx.user_id or ""),
                      cases=service, french_date=french_date)
