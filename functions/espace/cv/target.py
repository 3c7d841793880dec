"""Étape 1 sur 4, « Ma cible professionnelle » (the seed's étape 0): métier and spécificités, places, contract
types and working time.

The overview lists the three rubrics with what each holds and a « Sélectionner… » link, as the
seed's screen; each rubric is a page of its own whose form writes into the CV (the draft). The
métier goes through ``CvBook.set_target``, which refuses a ROME code another CV of the account
already targets (five CVs, five different métiers: the seed's rule).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response

from espace.cv import common
from espace.cv.gauge import gauge
from espace.cv.model import CONTRACTS, DRAFT, MAX_PLACES, WORKING_TIMES, Cv, Target, WantedPlace
from espace.cv.service import CvBook, RomeTakenError
from espace.cv.skills import KINDS, skills_by_kind, skills_of
from espace.cv.targeting import (
    ContractsForm,
    Job,
    JobForm,
    PlaceForm,
    SkillsForm,
    check_job,
    check_place,
    draft_form,
    full_message,
    keep_typed,
    place_value,
)
from espace.offers.search_form import ROME_INDEX
from espace.web.auth import AreaRouter
from espace.web.context import Context

if TYPE_CHECKING:
    from espace.rome import Fiche

router = AreaRouter(roles={"candidat"})
SLUG = "cible"
CONTRACT_LABELS, TIME_LABELS = dict(CONTRACTS), dict(WORKING_TIMES)


def _overview_url(cv: Cv) -> str:
    return common.cv_url(cv, SLUG)


def _render(ctx: Context, cv: Cv, template: str, title: str, sub: str = "", **context: Any) -> Response:
    page = common.step_page(ctx, cv, SLUG, title, sub)
    return ctx.render(f"services/cv/target/{template}.html", page, cv=cv, overview=_overview_url(cv),
                      step=common.step_context(cv, SLUG), **context)


def _save_rubric(ctx: Context, cv: Cv, draft: str, target: Target, message: str) -> Response:
    cvs = common.book(ctx)
    cv.typed.pop(draft, None)
    cv.target = target
    cvs.save(cv)
    ctx.flash(message)
    return ctx.redirect(_overview_url(cv))


def missing(cv: Cv) -> list[str]:
    """The rubrics still to select, as the overview names them (all are required: the seed)."""
    target = cv.target
    return [label for present, label in ((target.rome_code, "le métier recherché"),
                                         (target.places, "les lieux de travail souhaités"),
                                         (target.contracts, "les types de contrat"),
                                         (target.working_times, "la durée de travail")) if not present]


# --- the overview ------------------------------------------------------------------------------
@router.get("/cv/<cv>/cible")
def overview(ctx: Context, cv: str) -> Response:
    _, found = common.cv_or_404(ctx, cv)
    target = found.target
    return _render(ctx, found, "overview", "Ma cible professionnelle", missing=missing(found), gauge=gauge(found),
                   contracts=[CONTRACT_LABELS.get(c, c) for c in target.contracts],
                   times=[TIME_LABELS.get(t, t) for t in target.working_times],
                   next_url=common.cv_url(found, "informations"))


# --- the métier --------------------------------------------------------------------------------
@router.route("/cv/<cv>/cible/metier", ["GET", "POST"])
def job(ctx: Context, cv: str) -> Response:
    cvs, found = common.cv_or_404(ctx, cv)
    target, rome = found.target, ctx.services.rome
    initial = ({"metier": target.appellation_label, "appellation": target.appellation_code} if target.appellation_code
               else {"code_rome": target.rome_code})
    form, kept = draft_form(ctx, found, "metier", JobForm, **initial)
    other = None
    if ctx.submitted or kept:
        chosen = check_job(form, rome) if form.validate() else None
        if chosen is not None:
            code = chosen.fiche.code
            # Told before trying (a kept draft shows it again); set_target is what holds it in a race.
            other = next((c for c in cvs.all() if c.id != found.id and c.target.rome_code == code), None)
        if chosen is not None and other is None and ctx.submitted:
            try:
                _choose(cvs, found, chosen)
            except RomeTakenError as taken:
                other = taken.other
            else:
                label = chosen.appellation.label if chosen.appellation else chosen.fiche.title
                ctx.flash(f"Votre métier est « {label} » (code ROME {chosen.fiche.code}). Cochez maintenant ses "
                          "spécificités.")
                return ctx.redirect(common.cv_url(found, "cible/specificites"))
        if chosen is not None and other is not None:
            form.add_error("metier" if chosen.appellation else "code_rome", _taken_message(other, chosen.fiche))
        if ctx.submitted:
            found = cvs.get(found.id) or found  # the record as stored, not a refused target
            keep_typed(ctx, found, "metier")
            cvs.save(found)
    return _render(ctx, found, "job", "Sélectionner un métier", "metier", form=form, rome_index=ROME_INDEX,
                   other=other)


def _choose(cvs: CvBook, cv: Cv, chosen: Job) -> None:
    target, appellation = cv.target, chosen.appellation
    new = dataclasses.replace(
        target, appellation_code=appellation.code if appellation else "",
        appellation_label=appellation.label if appellation else "",
        rome_code=chosen.fiche.code, rome_label=chosen.fiche.title,
        # The spécificités are the fiche's: another fiche starts without any.
        skills=target.skills if chosen.fiche.code == target.rome_code else [])
    if not cv.title and appellation is None:
        cv.title = chosen.fiche.title  # as an appellation's label would be (set_target): a title to change later
    cv.typed.pop("metier", None)
    cvs.set_target(cv, new)


def _taken_message(other: Cv, fiche: Fiche) -> str:
    return (f"Votre CV « {other.display_title} » vise déjà ce métier (code ROME {fiche.code}) : chacun de vos CV doit "
            "viser un métier différent. Choisissez un autre métier, ou modifiez ce CV-là.")


# --- the spécificités -------------------------------------------------------------------------
@router.route("/cv/<cv>/cible/specificites", ["GET", "POST"])
def skills(ctx: Context, cv: str) -> Response:
    _, found = common.cv_or_404(ctx, cv)
    target = found.target
    if not target.rome_code:
        if ctx.submitted:
            ctx.flash("Choisissez d'abord votre métier : ses spécificités en dépendent.", "important")
            return ctx.redirect(common.cv_url(found, "cible/metier"))
        return _render(ctx, found, "skills", "Sélectionner les spécificités du métier", "specificites", form=None,
                       groups=[])
    available = skills_of(ctx.services.settings.data_dir, target.rome_code)
    groups = skills_by_kind(available)
    ticked = set(target.skills)
    form = ctx.bind(SkillsForm, **{kind: [s.code for s in available if s.kind == kind and s.label in ticked]
                                   for kind, _ in KINDS})
    for kind, _, items in groups:
        form[kind].choices = [(s.code, s.label) for s in items]
    if not (ctx.submitted and form.validate()):
        return _render(ctx, found, "skills", "Sélectionner les spécificités du métier", "specificites", form=form,
                       groups=groups)
    codes = {code for kind, _ in KINDS for code in form[kind].data or []}
    chosen = [s.label for s in available if s.code in codes]
    message = (f"{len(chosen)} spécificité{'s' if len(chosen) > 1 else ''} du métier enregistrée"
               f"{'s' if len(chosen) > 1 else ''}." if chosen else "Aucune spécificité du métier n'est cochée.")
    return _save_rubric(ctx, found, "specificites", dataclasses.replace(target, skills=chosen), message)


# --- the places -----------------------------------------------------------------------------------
@router.route("/cv/<cv>/cible/lieux", ["GET", "POST"])
def places(ctx: Context, cv: str) -> Response:
    cvs, found = common.cv_or_404(ctx, cv)
    target = found.target
    here = common.cv_url(found, "cible/lieux")
    removed = ctx.form_data().get("retrait")
    if removed:
        return _remove_place(ctx, found, removed, here)
    form, kept = draft_form(ctx, found, "lieux", PlaceForm)
    if ctx.submitted or kept:
        place = check_place(form, ctx.services.places) if form.validate() else None
        if place is not None and ctx.submitted:
            found.typed.pop("lieux", None)
            if any(place_value(p) == place_value(place) for p in target.places):
                ctx.flash(f"« {place.label} » est déjà dans vos lieux de travail.")
                cvs.save(found)
                return ctx.redirect(here)
            if len(target.places) >= MAX_PLACES:
                form.add_error("lieu", full_message(MAX_PLACES))
            else:
                target.places.append(WantedPlace(place.kind, place.code, place.label))
                cvs.save(found)
                ctx.flash(f"« {place.label} » est ajouté à vos lieux de travail.")
                return ctx.redirect(here)
        if ctx.submitted:
            keep_typed(ctx, found, "lieux")
            cvs.save(found)
    return _render(ctx, found, "places", "Sélectionner les lieux de travail", "lieux", form=form,
                   maximum=MAX_PLACES, full=len(target.places) >= MAX_PLACES, place_value=place_value)


def _remove_place(ctx: Context, cv: Cv, value: str, here: str) -> Response:
    target = cv.target
    place = next((p for p in target.places if place_value(p) == value), None)
    if place is None:
        ctx.flash("Ce lieu n'est plus dans votre liste.")  # the same button pressed twice
    elif len(target.places) == 1 and cv.state != DRAFT:
        ctx.flash(f"Votre CV est {cv.state_label.lower()} : il lui faut au moins un lieu de travail. Ajoutez-en un "
                  f"autre avant de retirer « {place.label} ».", "important")
    else:
        target.places.remove(place)
        common.book(ctx).save(cv)
        ctx.flash(f"« {place.label} » est retiré de vos lieux de travail.")
    return ctx.redirect(here)


# --- contract types and working time -----------------------------------------------------------
@router.route("/cv/<cv>/cible/contrats", ["GET", "POST"])
def contracts(ctx: Context, cv: str) -> Response:
    cvs, found = common.cv_or_404(ctx, cv)
    target = found.target
    form, kept = draft_form(ctx, found, "contrats", ContractsForm, contrats=target.contracts,
                            durees=target.working_times)
    if not ctx.submitted:
        if kept:
            form.validate()
        return _render(ctx, found, "contracts", "Sélectionner les types de contrat et la durée de travail",
                       "contrats", form=form)
    if not form.validate():
        keep_typed(ctx, found, "contrats")
        cvs.save(found)
        return _render(ctx, found, "contracts", "Sélectionner les types de contrat et la durée de travail",
                       "contrats", form=form)
    return _save_rubric(ctx, found, "contrats",
                        dataclasses.replace(target, contracts=list(form.contrats.data),
                                            working_times=list(form.durees.data)),
                        "Vos types de contrat et votre durée de travail sont enregistrés.")
