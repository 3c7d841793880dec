"""« Mon espace »: the dashboard (each area's panel) and the account settings."""

from __future__ import annotations

import json

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.accounts.forms import DeleteForm, EmailChangeForm, PasswordChangeForm
from espace.accounts.routes import TOO_MANY_MAILS, accounts
from espace.accounts.validation import normalize_email
from espace.accounts.visits import record_visit
from espace.text import clock_time
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.lifecycle import run_account_deleted
from espace.web.panels import panels_for

router = AreaRouter(roles={"candidat"})
data_router = AreaRouter(roles={"candidat"}, json=True)  # a download: 401, not a redirect
TRAIL = (("Mon espace", "/mon-espace"),)

# The services of the seed's dossier that have not landed yet: said plainly on the dashboard
# until their area registers its panel (web.panels).
COMING = (
    ("Mon dossier de demandeur d'emploi",
     "l'actualisation mensuelle, vos paiements, attestations et courriers, et votre agenda."),
)


@router.get("/")
def dashboard(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    account = accounts(ctx).get(user_id)
    # Panels read ctx.previous_visit to tell what changed since (web.panels).
    # On espace.clock, as the dossier's dashboard (which shares the visits): tests move both at once.
    ctx.previous_visit = record_visit(ctx.services.records, user_id, int(clock.now().timestamp()))
    panels = panels_for(ctx)
    changes = [change for _panel, view in panels for change in view.changes]
    return ctx.render("services/space/dashboard.html", ctx.page("/mon-espace", "Mon espace"), account=account,
                      panels=panels, coming=[c for c in COMING if c[0] not in {p.title for p, _ in panels}],
                      changes=changes, previous_visit=ctx.previous_visit,
                      previous_visit_time=clock_time(ctx.previous_visit) if ctx.previous_visit else "")


@router.route("/mot-de-passe", ["GET", "POST"])
def change_password(ctx: Context) -> Response:
    service, user_id = accounts(ctx), ctx.user_id or ""
    form = ctx.bind(PasswordChangeForm)
    form.identifier_for_password = ctx.account()["email"]  # type: ignore[index]
    page = ctx.page("/mon-espace/mot-de-passe", "Changer mon mot de passe", TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/space/password.html", page, form=form)
    if not service.check_password(user_id, form.actuel.data):
        form.add_error("actuel", "Le mot de passe actuel est incorrect.")
        return ctx.render("services/space/password.html", page, form=form)
    version = service.change_password(user_id, form.mot_de_passe.data)
    ctx.sign_in(user_id, version or 0)  # a new session id; every other session has ended
    ctx.flash("Votre mot de passe est modifié. Vos autres sessions ont été fermées.")
    return ctx.redirect("/mon-espace")


@router.route("/adresse-e-mail", ["GET", "POST"])
def change_email(ctx: Context) -> Response:
    service, user_id = accounts(ctx), ctx.user_id or ""
    account = service.get(user_id)
    form = ctx.bind(EmailChangeForm)
    page = ctx.page("/mon-espace/adresse-e-mail", "Changer mon adresse e-mail", TRAIL)
    if ctx.submitted:
        valid = form.validate()
        new_email = normalize_email(form.nouvelle_adresse.data or "")
        if not form.nouvelle_adresse.errors and account is not None and new_email == account.email:
            form.add_error("nouvelle_adresse", "C'est déjà votre adresse actuelle. Saisissez une autre adresse.")
        if valid and not service.check_password(user_id, form.mot_de_passe.data):
            form.add_error("mot_de_passe", "Le mot de passe est incorrect.")
        if not form.has_errors:
            if not service.request_email_change(user_id, new_email, ctx.request.client_ip):
                form.add_error("nouvelle_adresse", TOO_MANY_MAILS)
                return ctx.render("services/space/email.html", page, form=form, account=account, status=429)
            page = ctx.page("/mon-espace/adresse-e-mail", "Vérifiez votre messagerie", TRAIL)
            return ctx.render("services/check_mail.html", page, email=new_email, reason="adresse")
    return ctx.render("services/space/email.html", page, form=form, account=account)


@router.route("/suppression", ["GET", "POST"])
def delete(ctx: Context) -> Response:
    service, user_id = accounts(ctx), ctx.user_id or ""
    form = ctx.bind(DeleteForm)
    page = ctx.page("/mon-espace/suppression", "Supprimer mon espace", TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/space/delete.html", page, form=form)
    if not service.check_password(user_id, form.mot_de_passe.data):
        form.add_error("mot_de_passe", "Le mot de passe est incorrect.")
        return ctx.render("services/space/delete.html", page, form=form)
    ctx.sessions.end_all(user_id)
    run_account_deleted(ctx.services, user_id)  # the areas' data outside the user's partition first
    service.delete_account(user_id)
    ctx.sign_out()
    return ctx.render("services/space/deleted.html", ctx.page("/mon-espace/suppression", "Votre espace est supprimé"))


@data_router.get("/donnees.json")
def export(ctx: Context) -> Response:
    data = accounts(ctx).export(ctx.user_id or "")
    return Response(status_code=200, content_type="application/json; charset=utf-8",
                    body=json.dumps(data, ensure_ascii=False, indent=2),
                    headers={"Content-Disposition": 'attachment; filename="espace-candidat-mes-donnees.json"',
                             "Cache-Control": "no-store"})
