"""« Mon espace »: the dossier de recherche d'emploi and the account settings."""

from __future__ import annotations

import json

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.accounts import validation as rules
from espace.accounts.routes import accounts
from espace.web.context import CSRF_MESSAGE, Context
from espace.web.errors import UnauthorizedError

router = APIGatewayHttpRouter()
TRAIL = (("Mon espace", "/mon-espace"),)

# The seed's dossier de recherche d'emploi. Each section is filled by a later
# service; until then it says plainly what it will hold and how to start.
SECTIONS = (
    ("messages", "Mes messages", "Vous n'avez aucun message.",
     "Les messages de vos alertes et les réponses des recruteurs apparaîtront ici."),
    ("classeur", "Mon classeur d'offres", "Votre classeur est vide.",
     "Sur une offre, choisissez « Ajouter au classeur » pour la retrouver ici."),
    ("criteres", "Mes critères de recherche", "Vous n'avez enregistré aucune recherche.",
     "Après une recherche d'offres, enregistrez vos critères pour recevoir une alerte quotidienne par e-mail."),
    ("candidatures", "Mes candidatures", "Vous n'avez envoyé aucune candidature depuis Espace candidat.",
     "Chaque candidature envoyée depuis une offre sera suivie ici, avec sa date et son état."),
    ("cv", "Mes CV", "Vous n'avez déposé aucun CV.",
     "Vous pourrez déposer jusqu'à cinq CV au format PDF et choisir lequel envoyer avec chaque candidature."),
    ("propositions", "Mes propositions", "Vous n'avez reçu aucune proposition.",
     "Les offres qu'un conseiller ou un recruteur vous propose apparaîtront ici."),
)
NOTICES = {"adresse-modifiee": "Votre nouvelle adresse e-mail est confirmée : c'est désormais votre identifiant.",
           "mot-de-passe-modifie": "Votre mot de passe est modifié."}


@router.get("/")
def dashboard():
    ctx = Context(router.current_event)
    if redirect := ctx.require_sign_in():
        return redirect
    account = accounts(ctx).get(ctx.user_id())
    page = ctx.page("/mon-espace", "Mon espace")
    return ctx.render("services/space/dashboard.html", page, account=account, sections=SECTIONS,
                      notice=NOTICES.get(ctx.request.query("message")))


# --- change password --------------------------------------------------------------
def _password_page(ctx, errors=None, status=200):
    page = ctx.page("/mon-espace/mot-de-passe", "Changer mon mot de passe", TRAIL)
    return ctx.render("services/space/password.html", page, errors=errors, status=status,
                      password_min=rules.PASSWORD_MIN)


@router.get("/mot-de-passe")
def password_form():
    ctx = Context(router.current_event)
    return ctx.require_sign_in() or _password_page(ctx)


@router.post("/mot-de-passe")
def change_password():
    ctx = Context(router.current_event)
    if redirect := ctx.require_sign_in():
        return redirect
    values, csrf_ok = ctx.form({"actuel", "mot_de_passe", "confirmation"})
    if not csrf_ok:
        return _password_page(ctx, {"actuel": CSRF_MESSAGE}, status=403)
    service = accounts(ctx)
    account = service.get(ctx.user_id())
    errors = {}
    if not values.get("actuel"):
        errors["actuel"] = "Saisissez votre mot de passe actuel."
    elif not service.check_password(ctx.user_id(), values["actuel"]):
        errors["actuel"] = "Le mot de passe actuel est incorrect."
    errors.update(rules.check_new_password(values.get("mot_de_passe", ""), values.get("confirmation", ""),
                                           account.email))
    if errors:
        return _password_page(ctx, errors, status=400)
    service.change_password(ctx.user_id(), values["mot_de_passe"])
    ctx.sign_in(ctx.user_id())  # a new session id after a credential change
    return ctx.redirect("/mon-espace?message=mot-de-passe-modifie")


# --- change e-mail -------------------------------------------------------------------
def _email_page(ctx, values=None, errors=None, status=200):
    page = ctx.page("/mon-espace/adresse-e-mail", "Changer mon adresse e-mail", TRAIL)
    account = accounts(ctx).get(ctx.user_id())
    return ctx.render("services/space/email.html", page, values=values or {}, errors=errors, status=status,
                      account=account)


@router.get("/adresse-e-mail")
def email_form():
    ctx = Context(router.current_event)
    return ctx.require_sign_in() or _email_page(ctx)


@router.post("/adresse-e-mail")
def change_email():
    ctx = Context(router.current_event)
    if redirect := ctx.require_sign_in():
        return redirect
    values, csrf_ok = ctx.form({"nouvelle_adresse", "mot_de_passe"})
    keep = {"nouvelle_adresse": values.get("nouvelle_adresse", "")}
    if not csrf_ok:
        return _email_page(ctx, keep, {"nouvelle_adresse": CSRF_MESSAGE}, status=403)
    service, errors = accounts(ctx), {}
    if message := rules.check_email(values.get("nouvelle_adresse", ""), "votre nouvelle adresse e-mail"):
        errors["nouvelle_adresse"] = message
    elif rules.normalize_email(values["nouvelle_adresse"]) == service.get(ctx.user_id()).email:
        errors["nouvelle_adresse"] = "C'est déjà votre adresse actuelle. Saisissez une autre adresse."
    if not values.get("mot_de_passe"):
        errors["mot_de_passe"] = "Saisissez votre mot de passe pour confirmer ce changement."
    elif not service.check_password(ctx.user_id(), values["mot_de_passe"]):
        errors["mot_de_passe"] = "Le mot de passe est incorrect."
    if errors:
        return _email_page(ctx, keep, errors, status=400)
    if not service.request_email_change(ctx.user_id(), values["nouvelle_adresse"], ctx.request.client_ip):
        return _email_page(ctx, keep, {"nouvelle_adresse": "Trop de demandes pour cette adresse. Réessayez "
                                       "dans une heure."}, status=429)
    page = ctx.page("/mon-espace/adresse-e-mail", "Vérifiez votre messagerie", TRAIL)
    return ctx.render("services/check_mail.html", page, email=rules.normalize_email(values["nouvelle_adresse"]),
                      reason="adresse")


# --- delete the account ----------------------------------------------------------------
def _delete_page(ctx, errors=None, status=200):
    page = ctx.page("/mon-espace/suppression", "Supprimer mon espace", TRAIL)
    return ctx.render("services/space/delete.html", page, errors=errors, status=status)


@router.get("/suppression")
def delete_form():
    ctx = Context(router.current_event)
    return ctx.require_sign_in() or _delete_page(ctx)


@router.post("/suppression")
def delete():
    ctx = Context(router.current_event)
    if redirect := ctx.require_sign_in():
        return redirect
    values, csrf_ok = ctx.form({"mot_de_passe", "confirmer"})
    if not csrf_ok:
        return _delete_page(ctx, {"mot_de_passe": CSRF_MESSAGE}, status=403)
    service, errors = accounts(ctx), {}
    if values.get("confirmer") != "oui":
        errors["confirmer"] = "Cochez la case pour confirmer la suppression définitive."
    if not values.get("mot_de_passe"):
        errors["mot_de_passe"] = "Saisissez votre mot de passe pour confirmer la suppression."
    elif not service.check_password(ctx.user_id(), values["mot_de_passe"]):
        errors["mot_de_passe"] = "Le mot de passe est incorrect."
    if errors:
        return _delete_page(ctx, errors, status=400)
    service.delete_account(ctx.user_id())
    ctx.sign_out()
    page = ctx.page("/mon-espace/suppression", "Votre espace est supprimé")
    return ctx.render("services/space/deleted.html", page)


# --- download my data ----------------------------------------------------------------------
@router.get("/donnees.json")
def export():
    ctx = Context(router.current_event)
    if ctx.user_id() is None or accounts(ctx).get(ctx.user_id()) is None:
        raise UnauthorizedError("Connectez-vous à votre espace pour télécharger vos données.")
    data = accounts(ctx).export(ctx.user_id())
    return Response(status_code=200, content_type="application/json; charset=utf-8",
                    body=json.dumps(data, ensure_ascii=False, indent=2),
                    headers={"Content-Disposition": 'attachment; filename="espace-candidat-mes-donnees.json"',
                             "Cache-Control": "no-store"})
