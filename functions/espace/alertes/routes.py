"""« Mes critères de recherche »: save the criteria of a results page, list, rename, relaunch,
pause or resume, delete; the panel of « Mon espace »; and the public links of the alert
e-mails (unsubscribe in one click, « Prolonger »), which work without signing in.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.accounts.validation import normalize_email
from espace.alertes import links
from espace.alertes.forms import AddSearchForm, SearchForm
from espace.alertes.service import (
    MAX_SEARCHES,
    SID,
    Problem,
    Saved,
    SavedSearch,
    SavedSearches,
    check_criteria,
    new_sid,
    params_query,
    query_params,
    today_in_paris,
)
from espace.offers import summary
from espace.text import french_date, plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.csrf import csrf_exempt
from espace.web.errors import NotFoundError
from espace.web.panels import PanelView, panel
from espace.web.tokens import TokenInvalid

router = AreaRouter(roles={"candidat"})  # mounted at /mon-espace
public = AreaRouter()  # the links of the e-mails: the token is the proof, no session needed
LIST = "/mon-espace/criteres"
TRAIL = (("Mon espace", "/mon-espace"),)
LIST_TRAIL = (*TRAIL, ("Mes critères de recherche", LIST))
NOT_FOUND = "Cette recherche enregistrée n'existe pas ou a été supprimée."
logger = logging.getLogger(__name__)


def searches(ctx: Context) -> SavedSearches:
    return SavedSearches(ctx.services, ctx.user_id or "")


def _search_or_404(ctx: Context, sid: str) -> SavedSearch:
    found = searches(ctx).get(sid)
    if found is None:  # another account's id reads as absent: its partition is never read
        raise NotFoundError(NOT_FOUND, title="Recherche introuvable")
    return found


# --- save the criteria of a results page -----------------------------------------------
@router.route("/criteres/ajout", ["GET", "POST"])
def add(ctx: Context) -> Response:
    """GET with the results page's criteria in the query string (so a visitor sent to sign in
    comes back to this same form); the form POSTs to the same address."""
    services, saved = ctx.services, searches(ctx)
    single, multi = query_params(ctx.request.event.query_string_parameters)
    checked = check_criteria(single, multi, services.rome, services.places)
    page = ctx.page("/mon-espace/criteres/ajout", "Enregistrer les critères de recherche", LIST_TRAIL)
    back = "/offres/recherche" + (f"?{ctx.request.event.raw_query_string}" if ctx.request.event.raw_query_string
                                  else "")
    if checked.problem is not Problem.NONE:
        page = ctx.page("/mon-espace/criteres/ajout", "Ces critères ne peuvent pas être enregistrés", LIST_TRAIL)
        return ctx.render("services/alertes/invalid.html", page, status=400, problem=checked.problem.value,
                          errors_found=list(checked.criteria.errors.values()), back=back)
    criteria = checked.criteria
    account = ctx.account() or {}
    form = ctx.bind(AddSearchForm, nom=summary.short_name(criteria, services.rome),
                    adresse=account.get("email", ""), frequence="daily", jeton=new_sid())
    rows = summary.rows(criteria, services.rome)
    count = saved.count()
    context: dict[str, Any] = {"rows": rows, "action": ctx.request.path_with_query, "back": back, "count": count,
                               "maximum": MAX_SEARCHES}
    if count >= MAX_SEARCHES and not ctx.submitted:
        return ctx.render("services/alertes/full.html", page, **context)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/alertes/add.html", page, form=form, **context)
    sid = form.jeton.data if SID.match(form.jeton.data or "") else new_sid()
    assert criteria.query is not None
    outcome = saved.create(sid, name=form.nom.data, params=checked.params, query=criteria.query,
                           email=normalize_email(form.adresse.data), frequency=form.frequence.data, summary=rows)
    if outcome is Saved.FULL:
        return ctx.render("services/alertes/full.html", page, status=409, **{**context, "count": MAX_SEARCHES})
    if outcome is Saved.SAVED:
        when = "chaque jour" if form.frequence.data == "daily" else "chaque lundi"
        ctx.flash(f"Vos critères « {form.nom.data} » sont enregistrés. Les nouvelles offres seront envoyées à "
                  f"{normalize_email(form.adresse.data)}, {when}.")
    return ctx.redirect(LIST)


# --- the list ---------------------------------------------------------------------------
def alert_state(search: SavedSearch, expires_on, active: bool) -> str:
    if not search.alert_on:
        return "en pause"
    if expires_on is None:
        return "inactive"
    if not active:
        return f"expirée le {french_date(expires_on)}"
    return f"active jusqu'au {french_date(expires_on)}"


@router.get("/criteres")
def list_searches(ctx: Context) -> Response:
    saved = searches(ctx)
    saved.forget_expired()
    items = saved.all()
    expires_on, active = saved.expires_on(), saved.alerts_active()
    refused = {email for email in {s.email for s in items}
               if ctx.services.records.get(f"SUPPRESSED#{email}", "MAIL") is not None}
    page = ctx.page(LIST, "Mes critères de recherche", TRAIL)
    return ctx.render("services/alertes/list.html", page, searches=items, expires_on=expires_on, active=active,
                      states={s.sid: alert_state(s, expires_on, active) for s in items}, refused=refused,
                      maximum=MAX_SEARCHES)


@router.get("/criteres/<sid>/resultats")
def relaunch(ctx: Context, sid: str) -> Response:
    """The results page of the saved criteria; the offers listed are now « seen »."""
    seen = searches(ctx).mark_seen(sid)
    if seen is None:
        raise NotFoundError(NOT_FOUND, title="Recherche introuvable")
    return ctx.redirect(seen.results_path)


@router.route("/criteres/<sid>/modification", ["GET", "POST"])
def edit(ctx: Context, sid: str) -> Response:
    search = _search_or_404(ctx, sid)
    form = ctx.bind(SearchForm, nom=search.name, adresse=search.email, frequence=search.frequency)
    page = ctx.page(f"{LIST}/{sid}/modification", f"Modifier la recherche « {search.name} »", LIST_TRAIL)
    if not (ctx.submitted and form.validate()):
        return ctx.render("services/alertes/edit.html", page, form=form, search=search)
    searches(ctx).update(sid, name=form.nom.data, email=normalize_email(form.adresse.data),
                         frequency=form.frequence.data)
    ctx.flash(f"La recherche « {form.nom.data} » est modifiée.")
    return ctx.redirect(LIST)


@router.post("/criteres/<sid>/alerte")
def pause_or_resume(ctx: Context, sid: str) -> Response:
    search = _search_or_404(ctx, sid)
    resume = ctx.form_data().get("etat") == "reprise"
    saved = searches(ctx)
    saved.set_alert(sid, resume)
    if not resume:
        ctx.flash(f"L'alerte de « {search.name} » est en pause : vous ne recevrez plus ses offres par e-mail.")
    elif saved.alerts_active():
        ctx.flash(f"L'alerte de « {search.name} » a repris : vous recevrez à nouveau ses nouvelles offres.")
    else:
        ctx.flash(f"L'alerte de « {search.name} » a repris, mais vos alertes ont expiré : choisissez « Prolonger "
                  "mes alertes » pour les recevoir à nouveau.", "important")
    return ctx.redirect(LIST)


@router.route("/criteres/<sid>/suppression", ["GET", "POST"])
def delete(ctx: Context, sid: str) -> Response:
    saved = searches(ctx)
    search = saved.get(sid)
    if ctx.submitted:
        if search is None or not saved.delete(sid):
            ctx.flash("Cette recherche était déjà supprimée.")  # the same form sent twice
        else:
            ctx.flash(f"La recherche « {search.name} » est supprimée, avec son alerte.")
        return ctx.redirect(LIST)
    if search is None:
        raise NotFoundError(NOT_FOUND, title="Recherche introuvable")
    page = ctx.page(f"{LIST}/{sid}/suppression", f"Supprimer la recherche « {search.name} » ?", LIST_TRAIL)
    return ctx.render("services/alertes/delete.html", page, search=search)


@router.post("/criteres/prolongation")
def prolong_signed_in(ctx: Context) -> Response:
    until = searches(ctx).renew()
    ctx.flash(f"Vos alertes sont prolongées jusqu'au {french_date(until)}.")
    return ctx.redirect(LIST)


# --- « Mon espace » -------------------------------------------------------------------------
@panel("criteres", "Mes critères de recherche", order=30)
def criteres_panel(ctx: Context) -> PanelView:
    """What changed for each saved search since its results were last seen; the visit to
    « Mon espace » renews the alerts for 3 months (the seed's subscription rule)."""
    saved = searches(ctx)
    items = saved.all()
    if not items:
        return PanelView(lines=["Vous n'avez pas encore enregistré de recherche. Lancez une recherche d'offres, "
                                "puis choisissez « Enregistrer les critères » pour recevoir les nouvelles offres "
                                "par e-mail."], links=[("Rechercher des offres", "/offres/recherche")])
    until = saved.renew()
    lines = [f"Vos alertes sont actives jusqu'au {french_date(until)} : chaque visite de votre espace les prolonge "
             "de 3 mois."]
    found = []
    for search in items:
        new = _new_offers(ctx, search)
        count = "nouvelles offres indisponibles" if new is None else \
            plural(new, "nouvelle offre", "nouvelles offres") + " depuis votre dernière consultation"
        found.append((f"{search.name} : {count}", f"{LIST}/{search.sid}/resultats"))
    return PanelView(lines=lines, links=[*found, ("Gérer mes critères de recherche", LIST)])


def _new_offers(ctx: Context, search: SavedSearch) -> int | None:
    """Offers created since the search was last seen that it lists first (exact matches)."""
    services = ctx.services
    query = params_query(search.params, services.rome, services.places)
    if query is None:
        return None
    since = dataclasses.replace(query, min_created_at=search.seen_at, published_since_days=None, offset=0, limit=1,
                                facets=False)
    try:
        return services.offers.search(since).total_exact
    except Exception:  # the offer index down must not take « Mon espace » with it
        logger.exception("counting new offers failed")
        return None


# --- the links of the e-mails (public) ---------------------------------------------------
INVALID_LINK = ("Ce lien n'est pas valable : il est incomplet ou a été modifié. Copiez le lien entier depuis "
                "l'e-mail, ou connectez-vous à votre espace pour gérer vos alertes.")


def _invalid(ctx: Context, title: str) -> Response:
    page = ctx.page(ctx.request.path, title)
    return ctx.render("services/alertes/link_invalid.html", page, status=400, message=INVALID_LINK)


def _unsubscribe_target(ctx: Context) -> tuple[links.Unsubscribe, SavedSearches, list[SavedSearch]] | None:
    token = ctx.request.query("jeton") or ctx.form_data().get("jeton")
    try:
        target = links.read_unsubscribe(ctx.key, token)
    except TokenInvalid:
        return None
    saved = SavedSearches(ctx.services, target.user_id)
    concerned = [s for s in saved.all() if s.email == target.email and s.alert_on
                 and (target.sid is None or s.sid == target.sid)]
    return target, saved, concerned


@public.route(links.UNSUBSCRIBE_PATH, ["GET"])
def unsubscribe_page(ctx: Context) -> Response:
    """What the link will stop, and the button (a GET stops nothing: mail scanners open links)."""
    found = _unsubscribe_target(ctx)
    if found is None:
        return _invalid(ctx, "Lien de désabonnement non valable")
    target, _, concerned = found
    page = ctx.page(links.UNSUBSCRIBE_PATH, "Arrêter les alertes par e-mail")
    return ctx.render("services/alertes/unsubscribe.html", page, target=target, concerned=concerned,
                      token=ctx.request.query("jeton"), done=False)


@public.route(links.UNSUBSCRIBE_PATH, ["POST"])
@csrf_exempt("RFC 8058 one-click unsubscribe: mail clients POST without a session; the signed token in the URL "
             "is the proof, and the action only stops mail")
def unsubscribe(ctx: Context) -> Response:
    found = _unsubscribe_target(ctx)
    if found is None:
        return _invalid(ctx, "Lien de désabonnement non valable")
    target, saved, concerned = found
    for search in concerned:
        saved.set_alert(search.sid, False)
    page = ctx.page(links.UNSUBSCRIBE_PATH, "Vos alertes sont arrêtées")
    return ctx.render("services/alertes/unsubscribe.html", page, target=target, concerned=concerned, done=True)


@public.get(links.PROLONG_PATH)
def prolong(ctx: Context) -> Response:
    """« Prolonger » from the reminder: a GET that only extends (harmless if a scanner opens it)."""
    try:
        user_id = links.read_prolong(ctx.key, ctx.request.query("jeton"))
    except TokenInvalid:
        return _invalid(ctx, "Lien de prolongation non valable")
    if ctx.services.records.get(f"USER#{user_id}", "PROFILE") is None:
        return _invalid(ctx, "Lien de prolongation non valable")  # a deleted account: nothing to renew
    saved = SavedSearches(ctx.services, user_id)
    until = saved.renew()
    page = ctx.page(links.PROLONG_PATH, "Vos alertes sont prolongées")
    return ctx.render("services/alertes/prolonged.html", page, until=until, count=len(saved.all()),
                      today=today_in_paris())
