"""« Mes CV »: the list, creating a CV, a CV's page (its four steps, gauge, actions), suspending, resuming,
copying, deleting, searching offers for a CV, and the dashboard panel.

Creating and copying are idempotent on the form's key (``cle``, drawn when the page is shown): the
same form sent twice, by a double click or a retried request, creates one CV (``CvBook.create``).
Five CVs is a hard limit, even for forms sent at the same instant (``CV-SLOT#`` records); the
sixth gets a page of its own saying so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response

from espace.cv.common import (
    PATH,
    PERSONAL_PATH,
    STEPS,
    TRAIL,
    book,
    cv_or_404,
    cv_trail,
    cv_url,
    step_status,
    step_tasks,
)
from espace.cv.gauge import PARTS, gauge
from espace.cv.model import DRAFT, MAX_CVS, ONLINE, SUSPENDED, Cv
from espace.cv.service import CV_ID, Created, new_id
from espace.text import plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import HiddenField, KitForm
from espace.web.panels import PanelView, panel
from espace.web.steps import DONE

if TYPE_CHECKING:
    from espace.cv.service import CvBook

router = AreaRouter(roles={"candidat"})  # mounted at /mon-espace
SPACE_TRAIL = (("Mon espace", "/mon-espace"),)
SEARCH = "/offres/recherche"

# Where each part of the gauge is filled in (espace.cv.gauge.PARTS), for « Pour compléter votre CV ».
PART_PAGES = {"metier": "cible/metier", "lieux": "cible/lieux", "contrats": "cible/contrats",
              "accroche": "informations/accroche", "experiences": "informations/experiences",
              "descriptions": "informations/experiences", "formations": "informations/formations",
              "competences": "informations/competences"}


class KeyForm(KitForm):
    """Creating or copying a CV: the key drawn with the page makes the same form sent twice one CV."""

    cle = HiddenField()


def _key(form: KeyForm) -> str:
    # A key that is not one of ours (a forged or truncated body) still creates one CV, under a fresh key.
    key = form.cle.data or ""
    return key if CV_ID.fullmatch(key) else new_id()


def missing_parts(cv: Cv) -> list[tuple[str, str]]:
    """What the gauge lacks, as (what to add, the page where it is added), in the order of the form."""
    shown = set(gauge(cv).missing)
    return [(label, cv_url(cv, PART_PAGES[name])) for _, name, label in PARTS if label in shown]


def _summary(cvs: list[Cv]) -> str:
    counts = {state: sum(cv.state == state for cv in cvs) for state in (ONLINE, DRAFT, SUSPENDED)}
    parts = [f"{counts[ONLINE]} en ligne"] if counts[ONLINE] else []
    if counts[DRAFT]:
        parts.append(f"{counts[DRAFT]} en cours de création")
    if counts[SUSPENDED]:
        parts.append(plural(counts[SUSPENDED], "suspendu"))
    return f"Vous avez {len(cvs)} CV sur {MAX_CVS} au plus : {', '.join(parts)}."


# --- the list -------------------------------------------------------------------------------
@router.get("/cv")
def list_cvs(ctx: Context) -> Response:
    cvs = book(ctx)
    items = cvs.all()
    page = ctx.page(PATH, "Mes CV", SPACE_TRAIL)
    return ctx.render("services/cv/list.html", page, cvs=items, gauges={cv.id: gauge(cv) for cv in items},
                      personal=cvs.personal(), form=ctx.bind(KeyForm, cle=new_id()), maximum=MAX_CVS,
                      full=len(items) >= MAX_CVS, summary=_summary(items) if items else "",
                      personal_path=PERSONAL_PATH)


def _full(ctx: Context, cvs: CvBook) -> Response:
    page = ctx.page(PATH, "Vous avez déjà cinq CV", SPACE_TRAIL)
    return ctx.render("services/cv/full.html", page, status=409, cvs=cvs.all(), maximum=MAX_CVS,
                      personal_path=PERSONAL_PATH)


@router.post("/cv")
def create(ctx: Context) -> Response:
    cvs = book(ctx)
    form = ctx.bind(KeyForm)
    form.validate()
    key = _key(form)
    outcome = cvs.create(key)
    if outcome is Created.FULL:
        return _full(ctx, cvs)
    if outcome is Created.CREATED:
        ctx.flash("Votre CV est créé et enregistré en cours de création. Commencez par votre cible "
                  "professionnelle : vous pourrez vous arrêter à tout moment et reprendre plus tard.")
    return ctx.redirect(f"{PATH}/{key}")


# --- a CV's page --------------------------------------------------------------------------------
def _next_step(cv: Cv) -> tuple[str, str] | None:
    """The first step not finished yet, for « Continuer » (None when all four are)."""
    for step in STEPS:
        if step_status(cv, step.slug) != DONE:
            return step.title, cv_url(cv, step.slug)
    return None


@router.get("/cv/<cv>")
def show(ctx: Context, cv: str) -> Response:
    cvs, found = cv_or_404(ctx, cv)
    tasks = step_tasks(found)
    page = ctx.page(cv_url(found), found.display_title, TRAIL)
    return ctx.render("services/cv/cv.html", page, cv=found, tasks=tasks, done=sum(t["done"] for t in tasks),
                      total=len(tasks), gauge=gauge(found), missing=missing_parts(found), next_step=_next_step(found),
                      copy_form=ctx.bind(KeyForm, cle=new_id()), full=cvs.count() >= MAX_CVS, maximum=MAX_CVS,
                      search_url=cv_url(found, "offres") if found.target.rome_code else "")


# --- suspend, resume ------------------------------------------------------------------------------
@router.post("/cv/<cv>/suspension")
def suspend(ctx: Context, cv: str) -> Response:
    cvs, found = cv_or_404(ctx, cv)
    if found.state == ONLINE:
        cvs.suspend(found)
        ctx.flash(f"Votre CV « {found.display_title} » est suspendu : les recruteurs ne le voient plus dans la "
                  "banque de CV. Vous pouvez le remettre en ligne à tout moment.")
    elif found.state == SUSPENDED:
        ctx.flash(f"Votre CV « {found.display_title} » était déjà suspendu.")  # the same form sent twice
    else:
        ctx.flash(f"Votre CV « {found.display_title} » n'est pas encore en ligne : il n'y a rien à suspendre. "
                  "Terminez ses étapes pour le mettre en ligne.", "error")
    return ctx.redirect(cv_url(found))


@router.post("/cv/<cv>/remise-en-ligne")
def resume(ctx: Context, cv: str) -> Response:
    cvs, found = cv_or_404(ctx, cv)
    if found.state == ONLINE:
        ctx.flash(f"Votre CV « {found.display_title} » était déjà en ligne.")
    elif found.state == DRAFT:
        ctx.flash(f"Votre CV « {found.display_title} » est en cours de création : terminez ses étapes, puis "
                  "mettez-le en ligne à l'étape « Mise en ligne ».", "error")
    elif not found.target.complete:
        ctx.flash("Votre cible professionnelle est incomplète : choisissez le métier, les lieux de travail, les "
                  "types de contrat et la durée de travail avant de remettre ce CV en ligne.", "error")
        return ctx.redirect(cv_url(found, "cible"))
    else:
        cvs.resume(found)
        bank = (" Les recruteurs peuvent à nouveau le trouver dans la banque de CV." if found.consent.publish
                else " Il n'est pas dans la banque de CV : vous n'avez pas autorisé sa publication.")
        ctx.flash(f"Votre CV « {found.display_title} » est remis en ligne.{bank}")
    return ctx.redirect(cv_url(found))


# --- « Créer un CV à partir de celui-ci » ------------------------------------------------------------
@router.post("/cv/<cv>/copie")
def copy(ctx: Context, cv: str) -> Response:
    cvs, source = cv_or_404(ctx, cv)
    form = ctx.bind(KeyForm)
    form.validate()
    key = _key(form)
    if key == source.id:  # a key that names the source itself is not a new CV's
        key = new_id()
    outcome = cvs.copy(source.id, key)
    if outcome is Created.FULL:
        return _full(ctx, cvs)
    if outcome is Created.CREATED:
        kept = [plural(len(source.experiences), "expérience"), plural(len(source.trainings), "formation")]
        ctx.flash(f"Un nouveau CV est créé à partir de « {source.display_title} » : {' et '.join(kept)} "
                  "repris. Choisissez maintenant sa cible professionnelle : chacun de vos CV vise un métier "
                  "différent.")
    return ctx.redirect(f"{PATH}/{key}")


# --- deleting ----------------------------------------------------------------------------------------
@router.route("/cv/<cv>/suppression", ["GET", "POST"])
def delete(ctx: Context, cv: str) -> Response:
    cvs = book(ctx)
    if ctx.submitted:
        found = cvs.get(cv)
        # The same form sent twice, or another account's CV: nothing to delete, and nothing to tell apart.
        if found is None or not cvs.delete(found.id):
            ctx.flash("Ce CV n'existe pas ou était déjà supprimé.")
        else:
            ctx.flash(f"Votre CV « {found.display_title} » est supprimé"
                      + (" et retiré de la banque de CV." if found.indexable else "."))
        return ctx.redirect(PATH)
    _, found = cv_or_404(ctx, cv)
    page = ctx.page(cv_url(found, "suppression"), f"Supprimer le CV « {found.display_title} » ?",
                    cv_trail(found))
    return ctx.render("services/cv/delete.html", page, cv=found, gauge=gauge(found))


# --- « Rechercher des offres pour ce CV » ------------------------------------------------------------
def search_query(cv: Cv) -> str:
    """The offer search's query string for the CV's target: its métier, its first place, its contracts."""
    target = cv.target
    params: list[tuple[str, str]] = []
    if target.appellation_code:
        params += [("mode", "simple"), ("appellation", target.appellation_code),
                   ("motsCles", target.appellation_label)]
    else:
        params += [("mode", "metier"), ("codeROME", target.rome_code)]
    if target.places:  # the search takes one place: the first the candidate chose
        first = target.places[0]
        params += [("lieu", first.label), ("lieuCode", f"{first.kind}:{first.code}")]
    if target.contracts:
        params.append(("typeContrat", ",".join(target.contracts)))
    return urlencode(params)


@router.get("/cv/<cv>/offres")
def offers(ctx: Context, cv: str) -> Response:
    _, found = cv_or_404(ctx, cv)
    if not found.target.rome_code:
        ctx.flash("Choisissez d'abord le métier de ce CV : la recherche d'offres part de votre cible "
                  "professionnelle.", "error")
        return ctx.redirect(cv_url(found, "cible"))
    return ctx.redirect(f"{SEARCH}?{search_query(found)}")


# --- « Mon espace » -----------------------------------------------------------------------------------
@panel("cv", "Mes CV", order=30)
def cv_panel(ctx: Context) -> PanelView:
    cvs = book(ctx)
    items, personal = cvs.all(), cvs.personal()
    links = [(f"{cv.display_title} : {cv.state_label.lower()}, complété à {gauge(cv).percent} %", cv_url(cv))
             for cv in items]
    if personal is not None:
        state = "en ligne" if personal.state == ONLINE else "suspendu"
        links.append((f"Mon CV personnel « {personal.title} » : {state}", PERSONAL_PATH))
    if not items and personal is None:
        return PanelView(lines=["Vous n'avez pas encore de CV. Créez un CV complet (environ 30 minutes, en plusieurs "
                                "fois si vous le souhaitez) pour que les recruteurs vous trouvent dans la banque de "
                                "CV, ou déposez votre CV personnel en mode express (environ 10 minutes)."],
                         links=[("Créer un CV", PATH), ("Déposer mon CV personnel (mode express)", PERSONAL_PATH)])
    lines = [_summary(items)] if items else ["Vous n'avez pas encore de CV complet : créez-en un pour que les "
                                             "recruteurs vous trouvent dans la banque de CV."]
    return PanelView(lines=lines, links=[*links, ("Gérer mes CV", PATH)])

