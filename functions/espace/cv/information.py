"""Étape 2 sur 4, « Les informations de mon CV » (the seed's étape 1): each rubric on its own page.

The overview lists the seed's eight rubrics (titre, accroche, expériences, formations, langues,
permis, compétences complémentaires, CV joint) and « Mes coordonnées », each with what it holds
and a « Modifier » link naming it. Every rubric's form writes into the CV, which is its own
draft; an invalid submission is kept as typed in ``Cv.typed`` (see ``espace.cv.typed``) and
shown again, with its errors, the next time the rubric is opened. The experiences and
trainings (lists with add, change, remove, reorder) are in ``espace.cv.information_items``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.cv import information_items, typed
from espace.cv.common import cv_or_404, cv_url, step_context, step_page
from espace.cv.information_forms import (
    PITCH_MAX,
    SKILLS_MAX,
    ContactForm,
    LanguageForm,
    LicencesForm,
    PitchForm,
    SkillsForm,
    TitleForm,
    format_phone,
)
from espace.cv.information_items import overview_url, rubric_url
from espace.cv.model import LANGUAGE_LEVELS, LANGUAGES, LICENCES, MAX_LANGUAGES, Contact, Cv, Language
from espace.cv.service import CvBook
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import KitForm

router = AreaRouter(roles={"candidat"})
SLUG = "informations"
TEMPLATES = "services/cv/information"
LANGUAGE_NAMES = dict(LANGUAGES)
LEVEL_NAMES = dict(LANGUAGE_LEVELS)
LICENCE_NAMES = dict(LICENCES)


def language_label(language: Language) -> str:
    return f"{LANGUAGE_NAMES.get(language.code, language.code)} : {LEVEL_NAMES.get(language.level, language.level)}"


def contact_lines(contact: Contact) -> list[str]:
    place = " ".join(part for part in (contact.postal_code, contact.city) if part)
    return [line for line in (contact.name, contact.email, contact.phone, contact.address, place) if line]


# --- the overview ---------------------------------------------------------------------------
def overview_rows(cv: Cv, contact: Contact) -> list[dict[str, Any]]:
    """The summary list of the rubrics: what each holds, « Modifier » naming it."""
    return [
        {"key": "Titre du CV", "value": cv.title, "change_url": rubric_url(cv, "titre"),
         "change_name": "le titre du CV"},
        {"key": "Accroche", "value": cv.pitch, "change_url": rubric_url(cv, "accroche"),
         "change_name": "l'accroche"},
        {"key": "Expériences professionnelles", "value": [information_items.EXPERIENCES.summary(e)
                                                          for e in cv.experiences],
         "change_url": rubric_url(cv, "experiences"), "change_name": "les expériences professionnelles"},
        {"key": "Formations", "value": [information_items.TRAININGS.summary(t) for t in cv.trainings],
         "change_url": rubric_url(cv, "formations"), "change_name": "les formations"},
        {"key": "Langues", "value": [language_label(lang) for lang in cv.languages],
         "change_url": rubric_url(cv, "langues"), "change_name": "les langues"},
        {"key": "Permis de conduire", "value": [LICENCE_NAMES.get(code, code) for code in cv.licences],
         "change_url": rubric_url(cv, "permis"), "change_name": "les permis de conduire"},
        {"key": "Compétences complémentaires", "value": cv.other_skills,
         "change_url": rubric_url(cv, "competences"), "change_name": "les compétences complémentaires"},
        {"key": "CV joint", "value": cv.attachment.filename if cv.attachment else "Aucun CV joint",
         "change_url": cv_url(cv, "cv-joint"), "change_name": "le CV joint"},
        {"key": "Mes coordonnées", "value": contact_lines(contact), "change_url": rubric_url(cv, "coordonnees"),
         "change_name": "mes coordonnées"},
    ]


def unsaved_links(cv: Cv) -> list[tuple[str, str]]:
    """The rubrics holding typing that was not saved (Cv.typed), as (label, link)."""
    labels = {"titre": "Titre du CV", "accroche": "Accroche", "langues": "Langues", "permis": "Permis de conduire",
              "competences": "Compétences complémentaires", "coordonnees": "Mes coordonnées"}
    links = []
    for name in sorted(cv.typed):
        if name in labels:
            links.append((labels[name], rubric_url(cv, name)))
            continue
        slug, _, item_id = name.partition("-")
        kind = next((k for k in information_items.KINDS if k.slug == slug), None)
        if kind is None:
            continue
        if item_id == "ajout":
            links.append((f"Ajouter une {kind.noun}", rubric_url(cv, f"{slug}/ajout")))
        elif (item := kind.find(cv, item_id)) is not None:
            links.append((f"{kind.article.capitalize()} « {kind.name(item)} »", rubric_url(cv, f"{slug}/{item_id}")))
    return links


@router.get("/cv/<cv>/informations")
def overview(ctx: Context, cv: str) -> Response:
    cvs, found = cv_or_404(ctx, cv)
    page = step_page(ctx, found, SLUG, "Les informations de mon CV")
    return ctx.render(f"{TEMPLATES}/overview.html", page, rows=overview_rows(found, cvs.contact()),
                      unsaved=unsaved_links(found), next_url=cv_url(found, "mise-en-page"),
                      **step_context(found, SLUG))


# --- the one-form rubrics -------------------------------------------------------------------
def rubric(ctx: Context, cv_id: str, *, sub: str, title: str, form_class: type[KitForm],
           initial: Callable[[CvBook, Cv], dict[str, Any]], apply: Callable[[CvBook, Cv, Any], str],
           **context: Any) -> Response:
    """A rubric of one form: shown (with what was typed and not saved, if any), then saved into
    the CV — ``apply`` writes the form into the CV (or the account) and says what was done."""
    cvs, cv = cv_or_404(ctx, cv_id)
    if (stop := typed.abandon(ctx, cvs, cv, sub, rubric_url(cv, sub))) is not None:
        return stop
    form, restored = typed.bind(ctx, cv, sub, form_class, **initial(cvs, cv))
    if ctx.submitted and form.validate():
        before = dataclasses.asdict(cv)
        message = apply(cvs, cv, form)
        typed.forget(cv, sub)
        if typed.fits(cv):
            if dataclasses.asdict(cv) != before:  # the same values again (or the account's details): no change
                cvs.save(cv)
            ctx.flash(message)
            return ctx.redirect(overview_url(cv))
        cv = cv_or_404(ctx, cv_id)[1]  # as it was: the change does not fit in the record
        form.add_error(next(iter(form)).name, typed.TOO_BIG)
    if ctx.submitted:
        typed.keep(ctx, cv, sub, form)
        cvs.save(cv)
    page = step_page(ctx, cv, SLUG, title, sub)
    return ctx.render(f"{TEMPLATES}/{sub}.html", page, form=form, cv=cv, restored=restored,
                      action=rubric_url(cv, sub), back=overview_url(cv), **context)


def _save_title(cvs: CvBook, cv: Cv, form: TitleForm) -> str:
    cv.title = form.titre.data
    return f"Le titre de votre CV est enregistré : « {cv.title} »."


@router.route("/cv/<cv>/informations/titre", ["GET", "POST"])
def title(ctx: Context, cv: str) -> Response:
    return rubric(ctx, cv, sub="titre", title="Titre du CV", form_class=TitleForm,
                  initial=lambda cvs, found: {"titre": found.title or found.target.appellation_label},
                  apply=_save_title)


def _save_pitch(cvs: CvBook, cv: Cv, form: PitchForm) -> str:
    cv.pitch = form.accroche.data or ""
    return "Votre accroche est enregistrée." if cv.pitch else "Votre CV n'a plus d'accroche."


@router.route("/cv/<cv>/informations/accroche", ["GET", "POST"])
def pitch(ctx: Context, cv: str) -> Response:
    return rubric(ctx, cv, sub="accroche", title="Accroche", form_class=PitchForm,
                  initial=lambda cvs, found: {"accroche": found.pitch}, apply=_save_pitch, max_chars=PITCH_MAX)


def _save_licences(cvs: CvBook, cv: Cv, form: LicencesForm) -> str:
    cv.licences = [code for code, _ in LICENCES if code in (form.permis.data or [])]
    if not cv.licences:
        return "Votre CV n'indique aucun permis de conduire."
    return "Vos permis de conduire sont enregistrés : " + ", ".join(cv.licences) + "."


@router.route("/cv/<cv>/informations/permis", ["GET", "POST"])
def licences(ctx: Context, cv: str) -> Response:
    return rubric(ctx, cv, sub="permis", title="Permis de conduire", form_class=LicencesForm,
                  initial=lambda cvs, found: {"permis": list(found.licences)}, apply=_save_licences)


def _save_skills(cvs: CvBook, cv: Cv, form: SkillsForm) -> str:
    cv.other_skills = form.competences.data or ""
    return "Vos compétences complémentaires sont enregistrées." if cv.other_skills else \
        "Votre CV n'a plus de compétences complémentaires."


@router.route("/cv/<cv>/informations/competences", ["GET", "POST"])
def skills(ctx: Context, cv: str) -> Response:
    return rubric(ctx, cv, sub="competences", title="Compétences complémentaires", form_class=SkillsForm,
                  initial=lambda cvs, found: {"competences": found.other_skills}, apply=_save_skills,
                  max_chars=SKILLS_MAX)


def _contact_initial(ctx: Context) -> Callable[[CvBook, Cv], dict[str, Any]]:
    def initial(cvs: CvBook, cv: Cv) -> dict[str, Any]:
        contact = cvs.contact()
        account = ctx.account() or {}
        return {"prenom": contact.first_name, "nom": contact.last_name,
                "courriel": contact.email or account.get("email", ""), "telephone": contact.phone,
                "adresse": contact.address, "code_postal": contact.postal_code, "ville": contact.city}
    return initial


def _save_contact(cvs: CvBook, cv: Cv, form: ContactForm) -> str:
    cvs.save_contact(Contact(first_name=form.prenom.data, last_name=form.nom.data,
                             email=form.courriel.data.lower(), phone=format_phone(form.telephone.data or ""),
                             address=form.adresse.data or "", postal_code=form.code_postal.data or "",
                             city=form.ville.data or ""))
    return "Vos coordonnées sont enregistrées : elles valent pour tous vos CV."


@router.route("/cv/<cv>/informations/coordonnees", ["GET", "POST"])
def contact(ctx: Context, cv: str) -> Response:
    return rubric(ctx, cv, sub="coordonnees", title="Mes coordonnées", form_class=ContactForm,
                  initial=_contact_initial(ctx), apply=_save_contact)


# --- languages: a list, each with its level ------------------------------------------------------
@router.route("/cv/<cv>/informations/langues", ["GET", "POST"])
def languages(ctx: Context, cv: str) -> Response:
    """Add a language with its level; a language already listed gets the new level."""
    cvs, found = cv_or_404(ctx, cv)
    url = rubric_url(found, "langues")
    if (stop := typed.abandon(ctx, cvs, found, "langues", url)) is not None:
        return stop
    form, restored = typed.bind(ctx, found, "langues", LanguageForm)
    if ctx.submitted and form.validate():
        code, level = form.langue.data, form.niveau.data
        known = next((lang for lang in found.languages if lang.code == code), None)
        if known is None and len(found.languages) >= MAX_LANGUAGES:
            form.add_error("langue", f"Votre CV indique déjà {MAX_LANGUAGES} langues, le maximum : retirez-en une "
                                     "pour en ajouter une autre.")
        else:
            if known is not None:
                known.level = level
                message = f"Votre niveau en {LANGUAGE_NAMES[code].lower()} est modifié : {LEVEL_NAMES[level]}."
            else:
                found.languages.append(Language(code, level))
                message = f"La langue « {LANGUAGE_NAMES[code]} » est ajoutée : {LEVEL_NAMES[level]}."
            typed.forget(found, "langues")
            cvs.save(found)
            ctx.flash(message)
            # Not the very URL posted to: lynx takes a 303 to it for a loop and stops.
            return ctx.redirect(f"{url}#vos-langues")
    if ctx.submitted:
        typed.keep(ctx, found, "langues", form)
        cvs.save(found)
    page = step_page(ctx, found, SLUG, "Langues", "langues")
    return ctx.render(f"{TEMPLATES}/langues.html", page, form=form, cv=found, restored=restored, action=url,
                      back=overview_url(found), listed=[(lang, language_label(lang)) for lang in found.languages],
                      names=LANGUAGE_NAMES, maximum=MAX_LANGUAGES)


@router.post("/cv/<cv>/informations/langues/suppression")
def remove_language(ctx: Context, cv: str) -> Response:
    cvs, found = cv_or_404(ctx, cv)
    code = ctx.form_data().get("langue")
    kept = [lang for lang in found.languages if lang.code != code]
    if len(kept) == len(found.languages):
        ctx.flash("Cette langue était déjà retirée de votre CV.")  # the same button pressed twice
    else:
        found.languages = kept
        cvs.save(found)
        ctx.flash(f"La langue « {LANGUAGE_NAMES.get(code, code)} » est retirée de votre CV.")
    return ctx.redirect(rubric_url(found, "langues") + "#vos-langues")


information_items.register(router)
