"""Routes of the "codes d'accès": sign in and out, create a space, recover access."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.accounts import validation as rules
from espace.accounts.service import AccountService, AnswerError, SignIn, TokenError
from espace.text import clock_time
from espace.web.context import CSRF_MESSAGE, Context, safe_return_path

router = APIGatewayHttpRouter()
QUESTIONS = [("", "Choisissez une question")] + list(rules.SECRET_QUESTIONS)
CREATE_FIELDS = {"identifiant", "mot_de_passe", "confirmation", "code_postal", "question", "reponse"}


def accounts(ctx: Context) -> AccountService:
    s = ctx.services
    return AccountService(s.records, s.files, s.mailer, ctx.settings.site_url)


# --- sign in / sign out -------------------------------------------------------
def _sign_in_page(ctx, values=None, errors=None, status=200, notice=None):
    page = ctx.page("/connexion", "Me connecter")
    return ctx.render("services/sign_in.html", page, values=values or {}, errors=errors, status=status,
                      notice=notice, retour=safe_return_path((values or {}).get("retour") or ctx.request.query("retour")))


@router.get("/connexion")
def sign_in_form():
    ctx = Context(router.current_event)
    notices = {"deconnexion": "Vous êtes déconnecté. À bientôt !",
               "confirme": "Votre espace est créé. Connectez-vous avec votre adresse e-mail et votre mot de passe.",
               "nouveau-mot-de-passe": "Votre mot de passe est modifié. Connectez-vous avec ce nouveau mot de passe."}
    return _sign_in_page(ctx, notice=notices.get(ctx.request.query("message")))


@router.post("/connexion")
def sign_in():
    ctx = Context(router.current_event)
    values, csrf_ok = ctx.form({"identifiant", "mot_de_passe", "retour"})
    if not csrf_ok:
        return _sign_in_page(ctx, values, {"identifiant": CSRF_MESSAGE}, status=403)
    errors = {}
    if not values.get("identifiant", "").strip():
        errors["identifiant"] = "Saisissez votre identifiant (votre adresse e-mail)."
    if not values.get("mot_de_passe"):
        errors["mot_de_passe"] = "Saisissez votre mot de passe."
    if errors:
        return _sign_in_page(ctx, values, errors, status=400)
    result = accounts(ctx).sign_in(values["identifiant"], values["mot_de_passe"], ctx.request.client_ip)
    if result.outcome is SignIn.OK:
        ctx.sign_in(result.user_id)
        return ctx.redirect(safe_return_path(values.get("retour")))
    if result.outcome is SignIn.LOCKED:
        message = (f"Après 5 essais sans succès, la connexion à cet espace est bloquée pendant 15 minutes, "
                   f"jusqu'à {clock_time(result.locked_until)}. Vous pouvez aussi choisir un nouveau mot de passe.")
        return _sign_in_page(ctx, values, {"identifiant": message}, status=429)
    if result.outcome is SignIn.THROTTLED:
        message = ("Trop de tentatives de connexion depuis votre réseau. Réessayez dans 15 minutes, "
                   f"après {clock_time(result.locked_until)}.")
        return _sign_in_page(ctx, values, {"identifiant": message}, status=429)
    return _sign_in_page(ctx, values, {"identifiant": "Identifiant ou mot de passe incorrect. Vérifiez-les "
                                       "et réessayez (5 essais au plus)."}, status=400)


@router.post("/deconnexion")
def sign_out():
    ctx = Context(router.current_event)
    _, csrf_ok = ctx.form(set())
    if csrf_ok:
        ctx.sign_out()
        return ctx.redirect("/connexion?message=deconnexion")
    page = ctx.page("/deconnexion", "Me déconnecter")
    return ctx.render("services/sign_out.html", page, status=403, errors={"deconnecter": CSRF_MESSAGE})


# --- create a space -----------------------------------------------------------
def _create_page(ctx, values=None, errors=None, status=200):
    page = ctx.page("/compte/creation", "Créer mon espace")
    return ctx.render("services/create_account.html", page, values=values or {}, errors=errors, status=status,
                      questions=QUESTIONS, password_min=rules.PASSWORD_MIN)


@router.get("/compte/creation")
def create_form():
    return _create_page(Context(router.current_event))


@router.post("/compte/creation")
def create():
    ctx = Context(router.current_event)
    values, csrf_ok = ctx.form(CREATE_FIELDS)
    keep = {k: v for k, v in values.items() if k not in {"mot_de_passe", "confirmation"}}
    if not csrf_ok:
        return _create_page(ctx, keep, {"identifiant": CSRF_MESSAGE}, status=403)
    errors = {}
    email = values.get("identifiant", "")
    if message := rules.check_email(email, "votre adresse e-mail, qui sera votre identifiant"):
        errors["identifiant"] = message
    errors.update(rules.check_new_password(values.get("mot_de_passe", ""), values.get("confirmation", ""), email))
    for field, check in (("code_postal", rules.check_postal_code), ("question", rules.check_question),
                         ("reponse", rules.check_answer)):
        if message := check(values.get(field, "")):
            errors[field] = message
    if errors:
        return _create_page(ctx, keep, errors, status=400)
    sent = accounts(ctx).request_account(email, values["mot_de_passe"], values["code_postal"], values["question"],
                                         values["reponse"], ctx.request.client_ip)
    if not sent:
        return _create_page(ctx, keep, {"identifiant": "Trop de demandes pour cette adresse. Réessayez dans "
                                        "une heure."}, status=429)
    page = ctx.page("/compte/creation", "Vérifiez votre messagerie")
    return ctx.render("services/check_mail.html", page, email=rules.normalize_email(email), reason="creation")


@router.get("/compte/confirmation")
def confirm():
    ctx = Context(router.current_event)
    try:
        purpose = accounts(ctx).confirm(ctx.request.query("jeton"))
    except TokenError:
        page = ctx.page("/compte/confirmation", "Lien expiré ou déjà utilisé")
        return ctx.render("services/link_expired.html", page, status=410)
    if purpose == "change-email":
        return ctx.redirect("/mon-espace?message=adresse-modifiee")
    return ctx.redirect("/connexion?message=confirme")


# --- recovery -------------------------------------------------------------------
def _forgot_page(ctx, values=None, errors=None, status=200):
    page = ctx.page("/compte/mot-de-passe-oublie", "Mot de passe oublié")
    return ctx.render("services/forgot.html", page, values=values or {}, errors=errors, status=status)


@router.get("/compte/mot-de-passe-oublie")
def forgot_form():
    return _forgot_page(Context(router.current_event))


@router.post("/compte/mot-de-passe-oublie")
def forgot():
    ctx = Context(router.current_event)
    values, csrf_ok = ctx.form({"identifiant"})
    if not csrf_ok:
        return _forgot_page(ctx, values, {"identifiant": CSRF_MESSAGE}, status=403)
    if message := rules.check_email(values.get("identifiant", ""), "votre identifiant (votre adresse e-mail)"):
        return _forgot_page(ctx, values, {"identifiant": message}, status=400)
    if not accounts(ctx).request_reset(values["identifiant"], ctx.request.client_ip):
        return _forgot_page(ctx, values, {"identifiant": "Trop de demandes pour cette adresse. Réessayez dans "
                                          "une heure."}, status=429)
    page = ctx.page("/compte/mot-de-passe-oublie", "Vérifiez votre messagerie")
    return ctx.render("services/check_mail.html", page, email=rules.normalize_email(values["identifiant"]),
                      reason="recuperation")


def _reset_page(ctx, token, question, errors=None, status=200):
    page = ctx.page("/compte/reinitialisation", "Choisir un nouveau mot de passe")
    return ctx.render("services/reset.html", page, token=token, question=question, errors=errors, status=status,
                      password_min=rules.PASSWORD_MIN)


def _expired(ctx):
    page = ctx.page("/compte/reinitialisation", "Lien expiré ou déjà utilisé")
    return ctx.render("services/link_expired.html", page, status=410, recovery=True)


@router.get("/compte/reinitialisation")
def reset_form():
    ctx = Context(router.current_event)
    token = ctx.request.query("jeton")
    try:
        question = accounts(ctx).reset_question(token)
    except TokenError:
        return _expired(ctx)
    return _reset_page(ctx, token, question)


@router.post("/compte/reinitialisation")
def reset():
    ctx = Context(router.current_event)
    values, csrf_ok = ctx.form({"jeton", "reponse", "mot_de_passe", "confirmation"})
    token, service = values.get("jeton", ""), accounts(ctx)
    try:
        question = service.reset_question(token)
    except TokenError:
        return _expired(ctx)
    if not csrf_ok:
        return _reset_page(ctx, token, question, {"reponse": CSRF_MESSAGE}, status=403)
    errors = {}
    if not values.get("reponse", "").strip():
        errors["reponse"] = "Saisissez la réponse à votre question secrète."
    errors.update(rules.check_new_password(values.get("mot_de_passe", ""), values.get("confirmation", "")))
    if errors:
        return _reset_page(ctx, token, question, errors, status=400)
    try:
        service.reset_password(token, values["reponse"], values["mot_de_passe"])
    except AnswerError as error:
        return _reset_page(ctx, token, question, {"reponse": f"Cette réponse ne correspond pas. Il vous reste "
                                                  f"{error.remaining} essai{'s' if error.remaining > 1 else ''}."},
                           status=400)
    except TokenError:
        return _expired(ctx)
    ctx.sign_out()  # any session open on this browser belonged to the old password
    return ctx.redirect("/connexion?message=nouveau-mot-de-passe")
