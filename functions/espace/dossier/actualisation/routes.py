"""« M'actualiser » (GET /mon-dossier/actualisation…): the month's declaration, its check page,
its receipt, its corrections while the window is open, the quick path « Je n'ai rien à
signaler », and the public calendar of the year's windows (GET /calendrier-actualisation).

The declaration's form is one page with two repeatable groups (employers, events). What is typed
is kept in a draft ``USER#{uid}`` / ``DRAFT#actualisation`` (the month, whether it corrects, the
version it corrects, the key drawn when the draft began, and the values as typed), so « Ajouter
un employeur » and a closed browser lose nothing; the check page sends it once
(``service.declare`` / ``service.correct``) and the receipt page shows what was recorded.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.dossier.access import TRAIL as DOSSIER_TRAIL
from espace.dossier.actualisation import receipt, reported, service
from espace.dossier.actualisation.calendar import calendar_of
from espace.dossier.actualisation.common import BASE, CALENDAR_URL, MISSED_LABEL, Standing, standing
from espace.dossier.actualisation.forms import DeclarationForm, declaration_of, form_class, values_of
from espace.dossier.model import REREGISTRATION_MONTHS, months_later
from espace.dossier.records import Declaration
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import month_label
from espace.web.groups import group_change
from espace.web.panels import PanelView, panel
from espace.web.steps import form_from_values, stored_values

router = AreaRouter(roles={"candidat"})
public = AreaRouter()
TITLE = "M'actualiser"
TRAIL = (*DOSSIER_TRAIL, (TITLE, BASE))
DRAFT = "DRAFT#actualisation"
DECLARE, CORRECT = "declaration", "correction"
KEY_CHARS = 32


def _draft(ctx: Context) -> dict[str, Any] | None:
    return ctx.services.records.get(f"USER#{ctx.user_id}", DRAFT)


def _save_draft(ctx: Context, draft: dict[str, Any]) -> None:
    ctx.services.records.put({**draft, "pk": f"USER#{ctx.user_id}", "sk": DRAFT, "kind": "draft",
                              "updated_at": int(time.time())})


def _context(state: Standing) -> dict[str, Any]:
    return {"state": state, "french_date": french_date, "month_label": month_label, "calendar_url": CALENDAR_URL,
            "base": BASE, "missed_label": MISSED_LABEL, "again_before": _again_before(state)}


def _again_before(state: Standing) -> str:
    ended = state.dossier.ended_on if state.dossier else None
    return french_date(months_later(ended, REREGISTRATION_MONTHS)) if ended else ""


def _receipt_url(declaration: Declaration) -> str:
    return f"{BASE}/accuse/{receipt.reference(declaration)}"


@router.get("/actualisation")
def home(ctx: Context) -> Response:
    state = standing(ctx.services, ctx.user_id or "")
    page = ctx.page(BASE, TITLE, DOSSIER_TRAIL)
    history = service.declarations_of(ctx.services.records, ctx.user_id or "")
    return ctx.render("services/dossier/actualisation/home.html", page, history=history, key=secrets.token_hex(16),
                      receipt_url=_receipt_url, reported=_reported(ctx, state), **_context(state))


def _reported(ctx: Context, state: Standing) -> list[reported.Reported]:
    """The changes of situation reported for the window's month (none without a window)."""
    if state.window is None or state.dossier is None:
        return []
    return reported.reported_in(ctx.services.records, ctx.user_id or "", state.window.month)


def _closed_or_none(ctx: Context, state: Standing, title: str) -> Response | None:
    """The page saying why nothing can be declared now (no open dossier, no window), or None."""
    if state.window is None:
        page = ctx.page(f"{BASE}/{title}", "Aucune actualisation possible aujourd'hui", TRAIL)
        return ctx.render("services/dossier/actualisation/closed.html", page, status=409, **_context(state))
    return None


def _already(ctx: Context, state: Standing, declaration: Declaration, url: str) -> Response:
    page = ctx.page(url, "Actualisation déjà enregistrée", TRAIL)
    return ctx.render("services/dossier/actualisation/already.html", page, status=409, declaration=declaration,
                      receipt_url=_receipt_url(declaration), answers=receipt.answers(declaration), **_context(state))


def _form_page(ctx: Context, mode: str) -> Response:
    user_id = ctx.user_id or ""
    state = standing(ctx.services, user_id)
    url = f"{BASE}/{mode}"
    if (refused := _closed_or_none(ctx, state, mode)) is not None:
        return refused
    assert state.window is not None
    month = state.window.month
    if mode == DECLARE and state.declaration is not None:
        return _already(ctx, state, state.declaration, url)
    if mode == CORRECT and state.declaration is None:
        ctx.flash(f"Vous n'avez pas encore déclaré votre situation de {state.window.month_label} : déclarez-la.",
                  "important")
        return ctx.redirect(f"{BASE}/{DECLARE}")
    draft = _draft(ctx)
    version = state.declaration.version if state.declaration else 0
    changes = _reported(ctx, state)
    if not draft or draft.get("month") != month or draft.get("mode") != mode or int(draft.get("version", 0)) != version:
        start = values_of(state.declaration) if state.declaration else reported.prefilled(changes)
        draft = {"month": month, "mode": mode, "version": version, "key": secrets.token_hex(16), "values": start}
        if ctx.submitted:
            _save_draft(ctx, draft)
    cls = form_class(month)
    if ctx.submitted:
        form = cls(ctx.form_data())
        if change := group_change(form, ctx.form_data(), stored_values(form, ctx.form_data())):
            _save_draft(ctx, {**draft, "values": change.values, "valid": False})
            if change.notice:
                ctx.flash(change.notice, "important" if change.refused else "success")
            return ctx.redirect(f"{url}#{change.anchor}" if change.anchor else url)
        valid = form.validate()
        _save_draft(ctx, {**draft, "values": stored_values(form, ctx.form_data()), "valid": valid})
        if valid:
            return ctx.redirect(f"{BASE}/verification")
    else:
        form = form_from_values(cls, draft.get("values") or None)
    title = (f"Corriger ma déclaration de {state.window.month_label}" if mode == CORRECT
             else f"Déclarer ma situation de {state.window.month_label}")
    return ctx.render("services/dossier/actualisation/form.html", ctx.page(url, title, TRAIL), form=form,
                      action=url, mode=mode, reported=changes, **_context(state))


@router.route("/actualisation/declaration", ["GET", "POST"])
def declare(ctx: Context) -> Response:
    return _form_page(ctx, DECLARE)


@router.route("/actualisation/correction", ["GET", "POST"])
def correct(ctx: Context) -> Response:
    return _form_page(ctx, CORRECT)


@router.route("/actualisation/verification", ["GET", "POST"])
def check(ctx: Context) -> Response:
    user_id = ctx.user_id or ""
    state = standing(ctx.services, user_id)
    url = f"{BASE}/verification"
    draft = _draft(ctx)
    if ctx.submitted and draft is None and state.declaration is not None:  # a second click, a replay
        ctx.flash("Cette déclaration est déjà enregistrée : elle ne l'a pas été une seconde fois.", "important")
        return ctx.redirect(_receipt_url(state.declaration))
    if (refused := _closed_or_none(ctx, state, "verification")) is not None:
        return refused
    assert state.window is not None
    if draft is None or draft.get("month") != state.window.month:
        return ctx.redirect(f"{BASE}/{CORRECT if state.declaration else DECLARE}")
    mode = str(draft.get("mode"))
    if mode == CORRECT and state.declaration is None:  # a draft left from a correction of nothing
        ctx.services.records.delete(f"USER#{user_id}", DRAFT)
        return ctx.redirect(f"{BASE}/{DECLARE}")
    form: DeclarationForm = form_from_values(form_class(state.window.month), draft.get("values") or None)
    if not form.validate():
        ctx.flash("Vérifiez vos réponses : certaines sont incomplètes.", "important")
        return ctx.redirect(f"{BASE}/{mode}")
    declaration = declaration_of(form, user_id, state.window.month)
    if not ctx.submitted:
        title = f"Vérifier ma déclaration de {state.window.month_label}"
        return ctx.render("services/dossier/actualisation/check.html", ctx.page(url, title, TRAIL),
                          answers=receipt.answers(declaration), mode=mode, change_url=f"{BASE}/{mode}",
                          action=url, not_shown=reported.not_shown(_reported(ctx, state), declaration),
                          **_context(state))
    key = str(draft.get("key") or secrets.token_hex(16))
    if mode == CORRECT:
        try:
            recorded = service.correct(ctx.services.records, declaration, int(draft.get("version") or 1), key)
        except service.CorrectionConflictError as conflict:
            ctx.services.records.delete(f"USER#{user_id}", DRAFT)
            page = ctx.page(url, "Déclaration modifiée entre-temps", TRAIL)
            return ctx.render("services/dossier/actualisation/conflict.html", page, status=409,
                              declaration=conflict.current, receipt_url=_receipt_url(conflict.current),
                              **_context(state))
    else:
        recorded = service.declare(ctx.services.records, declaration, key)
        if not recorded.made and service.key_used(ctx.services.records, user_id, declaration.month, key) is None:
            ctx.services.records.delete(f"USER#{user_id}", DRAFT)
            return _already(ctx, state, recorded.declaration, url)
    ctx.services.records.delete(f"USER#{user_id}", DRAFT)
    receipt.deliver_receipt(ctx.services, recorded.declaration)
    ctx.flash("Votre déclaration est enregistrée." if recorded.made else
              "Cette déclaration est déjà enregistrée : elle ne l'a pas été une seconde fois.",
              "success" if recorded.made else "important")
    return ctx.redirect(_receipt_url(recorded.declaration))


@router.post("/actualisation/rien-a-signaler")
def nothing_to_report(ctx: Context) -> Response:
    """One button: still looking, no work, no event — recorded at once (the mobile use)."""
    user_id = ctx.user_id or ""
    state = standing(ctx.services, user_id)
    url = f"{BASE}/rien-a-signaler"
    if (refused := _closed_or_none(ctx, state, "rien-a-signaler")) is not None:
        return refused
    assert state.window is not None
    raw = ctx.form_data().get("cle") or ""
    key = raw if len(raw) == KEY_CHARS and all(c in "0123456789abcdef" for c in raw) else secrets.token_hex(16)
    if state.declaration is not None:
        if service.key_used(ctx.services.records, user_id, state.window.month, key) is not None:
            return ctx.redirect(_receipt_url(state.declaration))  # the same click, sent again
        return _already(ctx, state, state.declaration, url)
    if changes := _reported(ctx, state):  # « nothing to report » would contradict them
        ctx.flash(f"Vous avez signalé un changement de situation en {state.window.month_label} ("
                  + " ; ".join(item.sentence for item in changes)
                  + ") : déclarez votre situation, le formulaire le reprend.", "important")
        return ctx.redirect(f"{BASE}/{DECLARE}")
    recorded = service.declare(ctx.services.records, Declaration(user_id, state.window.month, True), key)
    if not recorded.made:
        if service.key_used(ctx.services.records, user_id, state.window.month, key) is None:
            return _already(ctx, state, recorded.declaration, url)
        ctx.flash("Cette déclaration est déjà enregistrée : elle ne l'a pas été une seconde fois.", "important")
    else:
        ctx.flash("Votre déclaration est enregistrée : vous n'aviez rien à signaler.")
    receipt.deliver_receipt(ctx.services, recorded.declaration)
    return ctx.redirect(_receipt_url(recorded.declaration))


@router.get("/actualisation/accuse/<reference>")
def receipt_page(ctx: Context, reference: str) -> Response:
    user_id = ctx.user_id or ""
    month, _, version = reference.partition("-v")
    declaration = None
    if len(month) == 7 and month[4] == "-" and (month[:4] + month[5:]).isdigit() and version.isdigit() \
            and len(version) <= 3:
        declaration = service.get_version(ctx.services.records, user_id, month, int(version))
    if declaration is None:
        raise NotFoundError("Cet accusé de réception n'existe pas.", title="Accusé de réception introuvable")
    letter = receipt.deliver_receipt(ctx.services, declaration)  # made here if the sending stopped before
    state = standing(ctx.services, user_id)
    latest = service.get(ctx.services.records, user_id, month)
    window = calendar_of(ctx.services).of_month(month)
    can_correct = (latest is not None and latest.version == declaration.version and state.window is not None
                   and state.window.month == month)
    title = f"Actualisation de {window.month_label} enregistrée"
    if declaration.version > 1:
        title += f" (version {declaration.version})"
    return ctx.render("services/dossier/actualisation/receipt.html", ctx.page(f"{BASE}/accuse/{reference}", title,
                                                                               TRAIL),
                      declaration=declaration, answers=receipt.answers(declaration), letter=letter,
                      follows=receipt.what_follows(declaration, window.closes),
                      reference=receipt.reference(declaration), closes=french_date(window.closes),
                      can_correct=can_correct, superseded=latest is not None and latest.version > declaration.version,
                      latest_url=_receipt_url(latest) if latest else "", submitted=declaration.submitted_at,
                      **_context(state))


@public.get(CALENDAR_URL)
def calendar_page(ctx: Context) -> Response:
    from espace import clock

    cal = calendar_of(ctx.services)
    today = clock.today()
    years = [today.year, today.year + 1] if today.month == 12 else [today.year]
    tables = [(year, cal.year(year), cal.source_of(year)) for year in years]
    return ctx.render("services/dossier/actualisation/calendar.html",
                      ctx.page(CALENDAR_URL, "Calendrier de l'actualisation mensuelle"), tables=tables,
                      rule=cal.rule, current=cal.open_window(today), upcoming=cal.next_window(today),
                      today=today, signed_in=bool(ctx.user_id))


@panel("actualisation", TITLE, order=5)
def actualisation_panel(ctx: Context) -> PanelView | None:
    """The window and whether the month is declared; nothing for an account without a dossier."""
    state = standing(ctx.services, ctx.user_id or "")
    if state.dossier is None:
        return None
    links = [(TITLE, BASE), ("Le calendrier de l'actualisation", CALENDAR_URL)]
    if state.missed and not state.registered:
        month = month_label(str(state.missed[0]["month"]))
        return PanelView(lines=[f"Actualisation de {month} manquée : votre inscription a pris fin. "
                                "Réinscrivez-vous pour la retrouver."], links=[("Me réinscrire", "/inscription"),
                                                                               *links])
    if not state.registered:
        return None
    if state.window is None:
        line = (f"Prochaine actualisation, pour {state.upcoming.month_label} : du {state.upcoming.opens_label} "
                f"au {state.upcoming.closes_label}.")
        return PanelView(lines=[line], links=links)
    if state.declaration is not None:
        return PanelView(lines=[f"Votre actualisation de {state.window.month_label} est enregistrée."], links=links)
    line = (f"Actualisation de {state.window.month_label} à faire avant le {state.window.closes_label} inclus.")
    return PanelView(lines=[line], links=links, changes=[line])
