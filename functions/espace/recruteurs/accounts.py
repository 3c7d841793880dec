"""Recruiter sign-up (/recruteur/creation): company name and SIRET, then the accounts' own confirmation.

A recruiter's account is an account like a candidate's (Argon2id, the mailed confirmation link,
lockout, sessions: espace.accounts) whose profile says role "recruteur", its company and SIRET.
Those three ride with the confirmation link and enter the profile when it is confirmed, so an
account never exists half-made.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.accounts import validation as rules
from espace.accounts.routes import TOO_MANY_MAILS, accounts
from espace.recruteurs.forms_account import RecruiterSignUpForm
from espace.recruteurs.model import ROLE
from espace.recruteurs.siret import normalize
from espace.web.auth import AreaRouter
from espace.web.context import Context

router = AreaRouter()  # public: this is how a recruiter gets an account
TITLE = "Créer mon espace recruteur"


@router.route("/recruteur/creation", ["GET", "POST"])
def create(ctx: Context) -> Response:
    form = ctx.bind(RecruiterSignUpForm)
    page = ctx.page("/recruteur/creation", TITLE)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/recruteurs/create.html", page, form=form)
    extra = {"role": ROLE, "company": form.entreprise.data, "siret": normalize(form.siret.data)}
    sent = accounts(ctx).request_account(form.identifiant.data, form.mot_de_passe.data, form.code_postal.data,
                                         form.question.data, form.reponse.data, ctx.request.client_ip, extra)
    if not sent:
        form.add_error("identifiant", TOO_MANY_MAILS)
        return ctx.render("services/recruteurs/create.html", page, form=form, status=429)
    page = ctx.page("/recruteur/creation", "Vérifiez votre messagerie")
    return ctx.render("services/check_mail.html", page, email=rules.normalize_email(form.identifiant.data),
                      reason="creation")
