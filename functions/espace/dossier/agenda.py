"""« Mon agenda » (/mon-dossier/agenda): the dossier's appointments and important dates (the
actualisation windows to come, the end of rights), their .ics export, and cancelling or moving an
appointment up to 24 hours before it starts (``appointments``).

After the limit the page shows no button, and a forged or late POST is refused with a page that
says why (409) and changes nothing. A move that loses the race for its slot says so and offers
three other slots (409); the appointment is unchanged. Another account's appointment answers 404.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace import clock
from espace.agences.agenda import parse_key
from espace.dossier import agenda_ics, appointments, dates
from espace.dossier.access import TRAIL, dossier_of, no_dossier
from espace.dossier.actualisation.calendar import calendar_of
from espace.dossier.appointments import Appointment, SlotTaken, TooLate
from espace.dossier.records import RIGHT_KEY, Right
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, RadioField, required

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/agenda"
AGENDA_TRAIL = (*TRAIL, ("Mon agenda", BASE))
TITLE = "Mon agenda"
MISSING = "Ce rendez-vous n'existe pas, ou n'est plus dans votre agenda."
TOO_LATE = ("Ce rendez-vous commence dans moins de 24 heures : il ne peut plus être annulé ni déplacé en "
            "ligne. Si vous ne pouvez pas vous y rendre, appelez votre agence dès que possible.")
CHOOSE = "Choisissez un des nouveaux créneaux proposés."


class MoveForm(KitForm):
    # The slots offered when the page was drawn; one may have been taken since: the route decides.
    creneau = RadioField("Choisissez la nouvelle date et heure de votre rendez-vous", choices=[],
                         validate_choice=False, validators=[required(CHOOSE)])


def _right(ctx: Context) -> Right | None:
    item = ctx.services.records.get(f"USER#{ctx.user_id}", RIGHT_KEY)
    return Right.of(item) if item is not None else None


@router.get("/agenda")
def agenda(ctx: Context) -> Response:
    if dossier_of(ctx.services.records, ctx.user_id or "") is None:
        return no_dossier(ctx, BASE, TITLE, "Mon agenda")
    now = clock.now()
    mine = appointments.of_user(ctx.services.records, ctx.user_id or "")
    right = _right(ctx)
    return ctx.render("services/dossier/agenda/agenda.html", ctx.page(BASE, TITLE, TRAIL),
                      coming=[a for a in mine if not a.past(now)], past=[a for a in mine if a.past(now)][::-1],
                      now=now, windows=calendar_of(ctx.services).upcoming(now.date()), today=now.date(),
                      rights_end=dates.rights_end(right) if right else None, agencies=ctx.services.agencies)


@router.get("/agenda.ics")
def export(ctx: Context) -> Response:
    if dossier_of(ctx.services.records, ctx.user_id or "") is None:
        raise NotFoundError("Vous n'avez pas encore de dossier de demandeur d'emploi, donc pas d'agenda.",
                            title="Agenda introuvable")
    now = clock.now()
    right = _right(ctx)
    mine = [(a, ctx.services.agencies.get(a.agency_id))
            for a in appointments.of_user(ctx.services.records, ctx.user_id or "")]
    windows = calendar_of(ctx.services).upcoming(now.date())
    body = agenda_ics.agenda_ics(mine, windows, dates.rights_end(right) if right else None, ctx.settings.site_url, now)
    return Response(status_code=200, content_type=f"{agenda_ics.CONTENT_TYPE}; charset=utf-8", body=body,
                    headers={"Content-Disposition": f'attachment; filename="{agenda_ics.FILENAME}"',
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


def _mine(ctx: Context, rdv: str) -> Appointment:
    found = appointments.find(ctx.services.records, ctx.user_id or "", rdv)
    if found is None:
        raise NotFoundError(MISSING, title="Rendez-vous introuvable")
    return found


def _too_late(ctx: Context, appointment: Appointment, url: str) -> Response:
    page = ctx.page(url, "Ce rendez-vous ne peut plus être changé en ligne", AGENDA_TRAIL)
    return ctx.render("services/dossier/agenda/too_late.html", page, appointment=appointment, message=TOO_LATE,
                      agency=ctx.services.agencies.get(appointment.agency_id),
                      status=409 if ctx.submitted else 200)


@router.route("/agenda/<rdv>/annulation", ["GET", "POST"])
def cancel(ctx: Context, rdv: str) -> Response:
    appointment = _mine(ctx, rdv)
    url = f"{BASE}/{rdv}/annulation"
    if not appointment.changeable():
        return _too_late(ctx, appointment, url)
    if not ctx.submitted:
        page = ctx.page(url, "Annuler mon rendez-vous", AGENDA_TRAIL)
        return ctx.render("services/dossier/agenda/cancel.html", page, appointment=appointment,
                          agency=ctx.services.agencies.get(appointment.agency_id))
    try:
        done = appointments.cancel(ctx.services.records, appointment)
    except TooLate:
        return _too_late(ctx, appointment, url)
    if done:
        ctx.flash(f"Votre rendez-vous du {appointment.label()} est annulé.")
    return ctx.redirect(BASE)


def _move_page(ctx: Context, appointment: Appointment, form: MoveForm, slots: list, *, notice: str = "",
               status: int | None = None) -> Response:
    form.creneau.choices = [(slot.key, slot.label()) for slot in slots]
    url = f"{BASE}/{appointment.public_id}/deplacement"
    title = "Déplacer mon rendez-vous" if slots else "Aucun autre créneau disponible"
    return ctx.render("services/dossier/agenda/move.html", ctx.page(url, title, AGENDA_TRAIL), form=form,
                      appointment=appointment, slots=slots, notice=notice, status=status,
                      agency=ctx.services.agencies.get(appointment.agency_id))


@router.route("/agenda/<rdv>/deplacement", ["GET", "POST"])
def move(ctx: Context, rdv: str) -> Response:
    appointment = _mine(ctx, rdv)
    records = ctx.services.records
    if not appointment.changeable():
        return _too_late(ctx, appointment, f"{BASE}/{rdv}/deplacement")
    if not ctx.submitted:
        return _move_page(ctx, appointment, MoveForm(), appointments.offered(records, appointment))
    form = ctx.bind(MoveForm)
    start = parse_key(form.creneau.data or "") if form.validate() else None
    if start is None:
        if not form.errors:
            form.add_error("creneau", CHOOSE)
        return _move_page(ctx, appointment, form, appointments.offered(records, appointment))
    try:
        moved = appointments.move(records, appointment, start)
    except TooLate:
        return _too_late(ctx, appointment, f"{BASE}/{rdv}/deplacement")
    except SlotTaken:
        if appointments.find(records, appointment.user_id, rdv) is None:  # another tab moved or cancelled it
            ctx.flash("Ce rendez-vous venait déjà d'être changé : voici votre agenda à jour.", "important")
            return ctx.redirect(BASE)
        slots = appointments.offered(records, appointment, exclude=(start,))
        notice = ("Le créneau que vous avez choisi n'est plus disponible : une autre personne vient de le "
                  "réserver, ou l'agence l'a fermé. Votre rendez-vous n'a pas changé. "
                  + ("Choisissez parmi ces autres créneaux." if slots else ""))
        return _move_page(ctx, appointment, MoveForm(), slots, notice=notice, status=409)
    ctx.flash(f"Votre rendez-vous est déplacé au {moved.label()}.")
    return ctx.redirect(BASE)
