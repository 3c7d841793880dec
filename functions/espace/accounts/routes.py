"""Routes of the "codes d'accès": sign in and out, create a space, recover access."""

from __future__ import annotations

from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response

from espace.accounts import validation as rules
from espace.accounts.forms import ConfirmForm, CreateAccountForm, ForgotForm, ResetForm, SignInForm
from espace.accounts.service import AccountService, AnswerError, SignIn, TokenError
from espace.dossier.model import normalize_identifier
from espace.text import clock_time
from espace.web.auth import AreaRouter
from espace.web.context import Context, safe_return_path

router = AreaRouter()  # public: these pages are how one gets signed in
TOO_MANY_MAILS = "Trop de demandes pour cette adresse. Réessayez dans une heure."


def home_of(ctx: Context) -> str:
    """Where a signed-in account lands: a recruiter's space or a candidate's (espace.recruteurs)."""
    return {"recruteur": "/recruteur", "conseiller": "/conseiller"}.get(ctx.role or "", "/mon-espace")


def accounts(ctx: Context) -> AccountService:
    s = ctx.services
    return AccountService(s.records, s.files, s.mailer, ctx.settings.site_url)


# --- sign in / sign out -------------------------------------------------------
@router.route("/connexion", ["GET", "POST"])
def sign_in(ctx: Context) -> Response:
    form = ctx.bind(SignInForm, retour=ctx.request.query("retour"))
    page = ctx.page("/connexion", "Me connecter")
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/sign_in.html", page, form=form, retour=safe_return_path(form.retour.data, ""))
    result = accounts(ctx).sign_in(form.identifiant.data, form.mot_de_passe.data, ctx.request.client_ip)
    if result.outcome is SignIn.OK:
        assert result.user_id is not None
        ctx.sign_in(result.user_id, result.auth_version or 0)
        return ctx.redirect(safe_return_path(form.retour.data, home_of(ctx)))
    status = 429
    if result.outcome is SignIn.LOCKED:
        form.add_error("identifiant", "Après 5 essais sans succès, la connexion à cet espace est bloquée pendant "
                       f"15 minutes, jusqu'à {clock_time(result.locked_until or 0)}. Vous pouvez aussi choisir un "
                       "nouveau mot de passe.")
    elif result.outcome is SignIn.THROTTLED:
        form.add_error("identifiant", "Trop de tentatives de connexion depuis votre réseau. Réessayez dans "
                       f"15 minutes, après {clock_time(result.locked_until or 0)}.")
    else:
        status = 400
        form.add_error("identifiant", "Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez "
                       "(5 essais au plus).")
    return ctx.render("services/sign_in.html", page, form=form, status=status,
                      retour=safe_return_path(form.retour.data, ""))


@router.post("/deconnexion")
def sign_out(ctx: Context) -> Response:
    ctx.sign_out()
    ctx.flash("Vous êtes déconnecté. À bientôt !")
    return ctx.redirect("/connexion")


# --- create a space -----------------------------------------------------------
@router.route("/compte/creation", ["GET", "POST"])
def create(ctx: Context) -> Response:
    form = ctx.bind(CreateAccountForm, retour=ctx.request.query("retour"))
    retour = safe_return_path(form.retour.data, "")  # kept through the mailed link and the sign-in
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/create_account.html", ctx.page("/compte/creation", "Créer mon espace"),
                          form=form, retour=retour)
    sent = accounts(ctx).request_account(form.identifiant.data, form.mot_de_passe.data, form.code_postal.data,
                                         form.question.data, form.reponse.data, ctx.request.client_ip,
                                         return_to=retour)
    if not sent:
        form.add_error("identifiant", TOO_MANY_MAILS)
        return ctx.render("services/create_account.html", ctx.page("/compte/creation", "Créer mon espace"),
                          form=form, status=429, retour=retour)
    page = ctx.page("/compte/creation", "Vérifiez votre messagerie")
    return ctx.render("services/check_mail.html", page, email=rules.normalize_email(form.identifiant.data),
                      reason="creation")


@router.route("/compte/confirmation", ["GET", "POST"])
def confirm(ctx: Context) -> Response:
    """The mailed link opens a page with a button: only the POST confirms, so a link
    scanner that follows every link of a mail cannot confirm an account for someone."""
    form = ctx.bind(ConfirmForm, jeton=ctx.request.query("jeton"), retour=ctx.request.query("retour"))
    retour = safe_return_path(form.retour.data, "")
    service = accounts(ctx)
    try:
        purpose = service.peek_token(form.jeton.data or "", {"create-account", "change-email"})
        if not ctx.submitted:
            title = ("Confirmer ma nouvelle adresse" if purpose == "change-email"
                     else "Confirmer la création de mon espace")
            return ctx.render("services/confirm.html", ctx.page("/compte/confirmation", title), form=form,
                              purpose=purpose, retour=retour)
        signed_in = ctx.user_id  # read before: confirming an e-mail change ends every session
        purpose = service.confirm(form.jeton.data or "")
    except TokenError:
        return ctx.render("services/link_expired.html", ctx.page("/compte/confirmation", "Lien expiré ou déjà utilisé"),
                          status=410)
    if purpose == "change-email":
        if signed_in:  # the change ended every session: this browser's goes on with the new version
            ctx.sign_in(signed_in, service.auth_version(signed_in) or 0)
        ctx.flash("Votre nouvelle adresse e-mail est confirmée : c'est désormais votre identifiant.")
        return ctx.redirect("/mon-espace")
    ctx.flash("Votre espace est créé. Connectez-vous avec votre adresse e-mail et votre mot de passe.")
    return ctx.redirect(f"/connexion?retour={quote(retour, safe='/')}" if retour else "/connexion")


# --- recovery -------------------------------------------------------------------
@router.route("/compte/mot-de-passe-oublie", ["GET", "POST"])
def forgot(ctx: Context) -> Response:
    form = ctx.bind(ForgotForm)
    page = ctx.page("/compte/mot-de-passe-oublie", "Mot de passe oublié")
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/forgot.html", page, form=form)
    if not accounts(ctx).request_reset(form.identifiant.data, ctx.request.client_ip):
        form.add_error("identifiant", TOO_MANY_MAILS)
        return ctx.render("services/forgot.html", page, form=form, status=429)
    page = ctx.page("/compte/mot-de-passe-oublie", "Vérifiez votre messagerie")
    typed = form.identifiant.data
    if "@" in typed:
        return ctx.render("services/check_mail.html", page, email=rules.normalize_email(typed), reason="recuperation")
    # An identifier: the address is the account's, which the page must not reveal.
    return ctx.render("services/check_mail.html", page, identifier=normalize_identifier(typed), reason="recuperation")


def _expired(ctx: Context) -> Response:
    page = ctx.page("/compte/reinitialisation", "Lien expiré ou déjà utilisé")
    return ctx.render("services/link_expired.html", page, status=410, recovery=True)


@router.route("/compte/reinitialisation", ["GET", "POST"])
def reset(ctx: Context) -> Response:
    form = ctx.bind(ResetForm, jeton=ctx.request.query("jeton"))
    service = accounts(ctx)
    try:
        form.reponse.label.text = service.reset_question(form.jeton.data or "")
    except TokenError:
        return _expired(ctx)
    page = ctx.page("/compte/reinitialisation", "Choisir un nouveau mot de passe")
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/reset.html", page, form=form)
    try:
        service.reset_password(form.jeton.data, form.reponse.data, form.mot_de_passe.data)
    except AnswerError as error:
        form.add_error("reponse", f"Cette réponse ne correspond pas. Il vous reste {error.remaining} "
                       f"essai{'s' if error.remaining > 1 else ''}.")
        return ctx.render("services/reset.html", page, form=form)
    except TokenError:
        return _expired(ctx)
    ctx.sign_out()  # any session open on this browser belonged to the old password
    ctx.flash("Votre mot de passe est modifié. Connectez-vous avec ce nouveau mot de passe.")
    return ctx.redirect("/connexion")
