"""Public routes of the « Mode d'emploi » newsletter: subscribe, confirm, unsubscribe."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.accounts.validation import normalize_email
from espace.lettre.forms import LinkForm, SubscribeForm
from espace.lettre.service import LinkError, NewsletterService
from espace.web import tokens
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.csrf import csrf_exempt

router = AreaRouter()  # public: no account is needed to subscribe
TITLE = "Mode d'emploi, la lettre mensuelle"
TOO_MANY_MAILS = "Trop de demandes pour cette adresse ou depuis votre réseau. Réessayez dans une heure."


def newsletter(ctx: Context) -> NewsletterService:
    return NewsletterService(ctx.services.records, ctx.services.mailer, ctx.settings.site_url, ctx.key)


@router.get("/lettre/abonnement")
def subscribe_form(ctx: Context) -> Response:
    return ctx.render("services/lettre/subscribe.html", ctx.page("/lettre/abonnement", TITLE),
                      form=ctx.bind(SubscribeForm))


# The form also sits on static pages (home page, news), which cannot carry a CSRF token.
@router.post("/lettre/abonnement")
@csrf_exempt("double opt-in: the POST only sends a confirmation mail, capped per address and per client "
             "address and hour; nothing is subscribed until the mailed link is opened and confirmed")
def subscribe(ctx: Context) -> Response:
    form = ctx.bind(SubscribeForm)
    page = ctx.page("/lettre/abonnement", TITLE)
    if not form.validate():
        return ctx.render("services/lettre/subscribe.html", page, form=form)
    email = normalize_email(form.adresse.data)
    if not newsletter(ctx).request(email, ctx.request.client_ip):
        form.add_error("adresse", TOO_MANY_MAILS)
        return ctx.render("services/lettre/subscribe.html", page, form=form, status=429)
    # The same answer whether or not the address is already subscribed.
    return ctx.render("services/lettre/check_mail.html", ctx.page("/lettre/abonnement", "Vérifiez votre messagerie"),
                      email=email)


@router.route("/lettre/confirmation", ["GET", "POST"])
def confirm(ctx: Context) -> Response:
    """The mailed link opens a page with a button and only the POST confirms: a mail scanner
    that follows every link cannot subscribe an address (nor spend the link) on its own."""
    form = ctx.bind(LinkForm, jeton=ctx.request.query("jeton"))
    service = newsletter(ctx)
    try:
        if not ctx.submitted:
            email = service.check_link(form.jeton.data)
            return ctx.render("services/lettre/confirm.html", ctx.page("/lettre/confirmation",
                                                                       "Confirmer mon abonnement"),
                              form=form, email=email)
        email = service.confirm(form.jeton.data)
    except LinkError:
        return ctx.render("services/lettre/link_expired.html",
                          ctx.page("/lettre/confirmation", "Lien expiré ou déjà utilisé"), status=410)
    return ctx.render("services/lettre/confirmed.html", ctx.page("/lettre/confirmation", "Abonnement confirmé"),
                      email=email)


@router.get("/lettre/desabonnement")
def unsubscribe_page(ctx: Context) -> Response:
    form = ctx.bind(LinkForm, jeton=ctx.request.query("jeton"))
    try:
        email = newsletter(ctx).read_unsubscribe(form.jeton.data)
    except tokens.TokenInvalid:
        return _invalid_unsubscribe(ctx)
    return ctx.render("services/lettre/unsubscribe.html", ctx.page("/lettre/desabonnement", "Me désabonner"),
                      form=form, email=email)


@router.post("/lettre/desabonnement")
@csrf_exempt("RFC 8058 one-click unsubscribe: mail clients POST the List-Unsubscribe URL without any cookie; "
             "the signed token in it names the one address it unsubscribes, and nothing else can be done")
def unsubscribe(ctx: Context) -> Response:
    # The token comes in the URL (the mail client's one-click POST) or in the page's form.
    token = ctx.request.query("jeton") or ctx.bind(LinkForm).jeton.data
    service = newsletter(ctx)
    try:
        email = service.read_unsubscribe(token)
        service.unsubscribe(token)
    except tokens.TokenInvalid:
        return _invalid_unsubscribe(ctx)
    return ctx.render("services/lettre/unsubscribed.html", ctx.page("/lettre/desabonnement", "Vous êtes désabonné"),
                      email=email)


def _invalid_unsubscribe(ctx: Context) -> Response:
    """A forged or edited link: says nothing about any address."""
    return ctx.render("services/lettre/unsubscribe_invalid.html",
                      ctx.page("/lettre/desabonnement", "Lien de désabonnement non valable"), status=400)
