"""The two list rubrics of étape 1, « Expériences professionnelles » and « Formations »: a list
with Modifier / Supprimer / Monter / Descendre, an add page, an edit page, a confirmation page
before removing. Both are one ``ItemKind`` with the same routes:

    /cv/<cv>/informations/{slug}                     the list
    /cv/<cv>/informations/{slug}/ajout               add (hidden ``cle`` = the new item's id)
    /cv/<cv>/informations/{slug}/<item>              change
    /cv/<cv>/informations/{slug}/<item>/suppression  GET confirm, POST remove
    /cv/<cv>/informations/{slug}/<item>/deplacement  POST sens=haut|bas, depuis=its position

Every action holds when sent twice: the add carries the new item's id, the removal of a
removed item says so, and a move names the position it starts from, so a double click moves
once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.cv import typed
from espace.cv.common import cv_or_404, cv_url, step_page
from espace.cv.information_forms import DESCRIPTION_MAX, ITEM_ID, ExperienceForm, TrainingForm
from espace.cv.model import MAX_EXPERIENCES, MAX_TRAININGS, TRAINING_LEVELS, Cv, Experience, Training
from espace.cv.service import new_id
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, MonthField, month_label

SLUG = "informations"
TEMPLATES = "services/cv/information"
LEVEL_NAMES = dict(TRAINING_LEVELS)


def overview_url(cv: Cv) -> str:
    return cv_url(cv, SLUG)


def rubric_url(cv: Cv, sub: str) -> str:
    return cv_url(cv, f"{SLUG}/{sub}")


@dataclass(frozen=True)
class ItemKind:
    slug: str  # the URL segment
    attr: str  # the Cv's list
    title: str  # « Expériences professionnelles »
    noun: str  # « expérience » (both kinds are feminine: « ajoutée », « supprimée »)
    article: str  # « l'expérience »
    plural: str  # « expériences »
    maximum: int
    form: type[KitForm]
    initial: Callable[[Any], dict[str, Any]]  # the item as the form's data
    build: Callable[[Any, str], Any]  # the valid form as an item with this id
    name: Callable[[Any], str]  # « Maçon chez Bâtiments Durand »: what the buttons name
    summary: Callable[[Any], str]  # one line of the overview
    details: Callable[[Any], list[str]]  # the lines under its heading in the list
    recency: Callable[[Any], str]  # a new item goes before the items less recent than it

    def items(self, cv: Cv) -> list[Any]:
        return getattr(cv, self.attr)

    def find(self, cv: Cv, item_id: str) -> Any:
        return next((item for item in self.items(cv) if item.id == item_id), None)

    def one(self, cv: Cv, item_id: str) -> Any:
        found = self.find(cv, item_id) if ITEM_ID.fullmatch(item_id or "") else None
        if found is None:
            raise NotFoundError(f"Cette {self.noun} n'existe pas ou a été supprimée de votre CV.",
                                title=f"{self.noun.capitalize()} introuvable")
        return found


# --- experiences ----------------------------------------------------------------------------------
def period(experience: Experience) -> str:
    start, end = month_label(experience.start), month_label(experience.end)
    if not end:
        return f"depuis {start}"
    return f"en {start}" if start == end else f"de {start} à {end}"


def _experience_initial(item: Experience) -> dict[str, Any]:
    return {"poste": item.job, "employeur": item.employer, "lieu": item.place, "debut": item.start,
            "fin": item.end, "description": item.description}


def _experience_build(form: Any, item_id: str) -> Experience:
    return Experience(id=item_id, job=form.poste.data, employer=form.employeur.data, place=form.lieu.data or "",
                      start=form.debut.data, end=form.fin.data or "", description=form.description.data or "")


def _experience_details(item: Experience) -> list[str]:
    where = ", ".join(part for part in (item.employer, item.place) if part)
    return [where, period(item).capitalize()]


EXPERIENCES = ItemKind(
    slug="experiences", attr="experiences", title="Expériences professionnelles", noun="expérience",
    article="l'expérience", plural="expériences", maximum=MAX_EXPERIENCES, form=ExperienceForm,
    initial=_experience_initial,    build=_experience_build, name=lambda item: f"{item.job} chez {item.employer}",
    summary=lambda item: f"{item.job}, {item.employer} ({period(item)})", details=_experience_details,
    recency=lambda item: (item.end or "9999-99") + item.start)


# --- trainings ------------------------------------------------------------------------------------
def outcome(training: Training) -> str:
    if training.obtained:
        return f"obtenu en {training.year}"
    if training.year > MonthField.this_month()[:4]:
        return f"en cours, fin prévue en {training.year}"
    return f"non obtenu, {training.year}"


def _training_initial(item: Training) -> dict[str, Any]:
    return {"intitule": item.title, "niveau": item.level, "etablissement": item.school, "lieu": item.place,
            "statut": "obtenu" if item.obtained else "en-cours", "annee": item.year,
            "description": item.description}


def _training_build(form: Any, item_id: str) -> Training:
    return Training(id=item_id, title=form.intitule.data, school=form.etablissement.data or "",
                    place=form.lieu.data or "", year=form.annee.data, level=form.niveau.data or "",
                    obtained=form.statut.data == "obtenu", description=form.description.data or "")


def _training_details(item: Training) -> list[str]:
    where = ", ".join(part for part in (item.school, item.place) if part)
    return [line for line in (where, LEVEL_NAMES.get(item.level, ""), outcome(item).capitalize()) if line]


TRAININGS = ItemKind(
    slug="formations", attr="trainings", title="Formations", noun="formation", article="la formation",
    plural="formations",    maximum=MAX_TRAININGS, form=TrainingForm, initial=_training_initial, build=_training_build,
    name=lambda item: item.title + (f", {item.school}" if item.school else ""),
    summary=lambda item: item.title + (f", {item.school}" if item.school else "") + f" ({outcome(item)})",
    details=_training_details, recency=lambda item: item.year)
KINDS = (EXPERIENCES, TRAININGS)


def insert(kind: ItemKind, cv: Cv, item: Any) -> int:
    """Put ``item`` before the first item less recent than it (most recent first, as CVs read);
    the candidate reorders at will afterwards. Returns its position."""
    items = kind.items(cv)
    position = next((n for n, other in enumerate(items) if kind.recency(other) < kind.recency(item)), len(items))
    items.insert(position, item)
    return position


# --- the routes -------------------------------------------------------------------------------------
def register(router: AreaRouter) -> None:
    for kind in KINDS:
        _register(router, kind)


def _register(router: AreaRouter, kind: ItemKind) -> None:
    base = f"/cv/<cv>/{SLUG}/{kind.slug}"
    add_key = f"{kind.slug}-ajout"

    def page(ctx: Context, cv: Cv, title: str, sub: str) -> Any:
        return step_page(ctx, cv, SLUG, title, f"{kind.slug}/{sub}" if sub else kind.slug)

    def list_url(cv: Cv, item_id: str = "") -> str:
        return rubric_url(cv, kind.slug) + (f"#{kind.slug}-{item_id}" if item_id else "")

    def listing(ctx: Context, cv: str) -> Response:
        _, found = cv_or_404(ctx, cv)
        items = kind.items(found)
        return ctx.render(f"{TEMPLATES}/items.html", page(ctx, found, kind.title, ""), cv=found, kind=kind,
                          items=items, back=overview_url(found), base=rubric_url(found, kind.slug),
                          add_url=rubric_url(found, f"{kind.slug}/ajout"),
                          unsaved=add_key in found.typed, description_max=DESCRIPTION_MAX)

    def add(ctx: Context, cv: str) -> Response:
        cvs, found = cv_or_404(ctx, cv)
        url = rubric_url(found, f"{kind.slug}/ajout")
        if (stop := typed.abandon(ctx, cvs, found, add_key, list_url(found))) is not None:
            return stop
        if kind.find(found, (found.typed.get(add_key, {}).get("cle") or [""])[0]) is not None:
            typed.forget(found, add_key)  # kept from a second tab after the same form was added: stale
            cvs.save(found)
        form, restored = typed.bind(ctx, found, add_key, kind.form, cle=new_id())
        item_id = form.cle.data if ITEM_ID.fullmatch(form.cle.data or "") else new_id()
        if ctx.submitted and kind.find(found, item_id) is not None:  # the same form sent twice
            ctx.flash(f"Cette {kind.noun} était déjà ajoutée à votre CV.")
            return ctx.redirect(list_url(found, item_id))
        full = len(kind.items(found)) >= kind.maximum
        title = f"Ajouter une {kind.noun}"
        if ctx.submitted and form.validate() and not full:
            item = kind.build(form, item_id)
            insert(kind, found, item)
            typed.forget(found, add_key)
            if typed.fits(found):
                cvs.save(found)
                ctx.flash(f"{kind.article.capitalize()} « {kind.name(item)} » est ajoutée à votre CV.")
                return ctx.redirect(list_url(found, item_id))
            found = cv_or_404(ctx, cv)[1]  # as it was: the new item does not fit in the record
            form.add_error("description", typed.TOO_BIG)
        if ctx.submitted:
            form.cle.data = item_id
            typed.keep(ctx, found, add_key, form)
            cvs.save(found)
        if full:
            return ctx.render(f"{TEMPLATES}/item_full.html", page(ctx, found, title, "ajout"),
                              status=409 if ctx.submitted else 200, cv=found, kind=kind, back=list_url(found),
                              kept=ctx.submitted or restored)
        return ctx.render(f"{TEMPLATES}/item.html", page(ctx, found, title, "ajout"), form=form, cv=found,
                          kind=kind, restored=restored, action=url, back=list_url(found),
                          description_max=DESCRIPTION_MAX, submit=f"Ajouter cette {kind.noun}")

    def edit(ctx: Context, cv: str, item: str) -> Response:
        cvs, found = cv_or_404(ctx, cv)
        current = kind.one(found, item)
        key, url = f"{kind.slug}-{item}", rubric_url(found, f"{kind.slug}/{item}")
        if (stop := typed.abandon(ctx, cvs, found, key, list_url(found, item))) is not None:
            return stop
        form, restored = typed.bind(ctx, found, key, kind.form, **kind.initial(current))
        if ctx.submitted and form.validate():
            items = kind.items(found)
            items[items.index(current)] = changed = kind.build(form, item)
            unchanged = changed == current and key not in found.typed  # the same values again
            typed.forget(found, key)
            if typed.fits(found):
                if not unchanged:
                    cvs.save(found)
                ctx.flash(f"{kind.article.capitalize()} « {kind.name(changed)} » est modifiée.")
                return ctx.redirect(list_url(found, item))
            found = cv_or_404(ctx, cv)[1]  # as it was: the change does not fit in the record
            form.add_error("description", typed.TOO_BIG)
        if ctx.submitted:
            typed.keep(ctx, found, key, form)
            cvs.save(found)
        title = f"Modifier {kind.article} « {kind.name(current)} »"
        return ctx.render(f"{TEMPLATES}/item.html", page(ctx, found, title, item), form=form, cv=found, kind=kind,
                          restored=restored, action=url, back=list_url(found, item),
                          description_max=DESCRIPTION_MAX, submit="Enregistrer les modifications")

    def delete(ctx: Context, cv: str, item: str) -> Response:
        cvs, found = cv_or_404(ctx, cv)
        if ctx.submitted:
            current = kind.find(found, item)
            if current is None:
                ctx.flash(f"Cette {kind.noun} était déjà supprimée de votre CV.")  # the same button twice
            else:
                kind.items(found).remove(current)
                typed.forget(found, f"{kind.slug}-{item}")
                cvs.save(found)
                ctx.flash(f"{kind.article.capitalize()} « {kind.name(current)} » est supprimée de votre CV.")
            return ctx.redirect(list_url(found))
        current = kind.one(found, item)
        title = f"Supprimer {kind.article} « {kind.name(current)} » ?"
        return ctx.render(f"{TEMPLATES}/item_delete.html", page(ctx, found, title, f"{item}/suppression"),
                          cv=found, kind=kind, item=current, details=kind.details(current),
                          action=rubric_url(found, f"{kind.slug}/{item}/suppression"), back=list_url(found, item))

    def move(ctx: Context, cv: str, item: str) -> Response:
        cvs, found = cv_or_404(ctx, cv)
        data = ctx.form_data()
        items = kind.items(found)
        current = kind.find(found, item)
        if current is None:
            ctx.flash(f"Cette {kind.noun} a été supprimée de votre CV.")
            return ctx.redirect(list_url(found))
        position = items.index(current)
        step = {"haut": -1, "bas": 1}.get(data.get("sens"))
        if step is None or not 0 <= position + step < len(items):
            ctx.flash(f"{kind.article.capitalize()} « {kind.name(current)} » ne peut pas aller plus "
                      f"{'haut' if data.get('sens') == 'haut' else 'bas'}.", "important")
        elif data.get("depuis") != str(position + 1):
            ctx.flash(f"{kind.article.capitalize()} « {kind.name(current)} » a déjà été déplacée : elle est en "
                      f"position {position + 1} sur {len(items)}.")  # the same button pressed twice
        else:
            items[position], items[position + step] = items[position + step], items[position]
            cvs.save(found)
            ctx.flash(f"{kind.article.capitalize()} « {kind.name(current)} » est maintenant en position "
                      f"{position + step + 1} sur {len(items)}.")
        return ctx.redirect(list_url(found, item))

    for view in (listing, add, edit, delete, move):
        view.__name__ = view.__qualname__ = f"{kind.slug}_{view.__name__}"
    router.get(base)(listing)
    router.route(f"{base}/ajout", ["GET", "POST"])(add)  # before <item>: the first route that matches wins
    router.route(f"{base}/<item>", ["GET", "POST"])(edit)
    router.route(f"{base}/<item>/suppression", ["GET", "POST"])(delete)
    router.post(f"{base}/<item>/deplacement")(move)
