"""Registration: the appointment: three slots, booking, confirmation, .ics.

``/mon-espace/inscription/rendez-vous`` shows what the request's state calls for: the choice among
three slots of its agency (sent), the confirmation (booked, or validated after an interview), or
a page saying there is nothing to book. Its POST books the chosen slot (``booking.book``): a
second click finds the request booked and is sent to the confirmation, a candidate beaten to the
slot gets the page again (409) with the notice and three other slots.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.agences.agenda import Slot, SlotTaken, parse_key
from espace.agences.model import Agency
from espace.inscription import booking, ics
from espace.inscription.model import SUBMITTED, Registration
from espace.inscription.service import RegistrationDesk
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, RadioField, required

router = AreaRouter(roles={"candidat"})

PATH = "/mon-espace/inscription/rendez-vous"
CONFIRMATION = f"{PATH}/confirmation"  # a URL of its own: lynx does not follow a POST's redirect to the same URL
TRAIL = (("Mon espace", "/mon-espace"), ("Mon inscription", "/mon-espace/inscription"))
CHOOSE = "Choisissez un des créneaux proposés."


class SlotForm(KitForm):
    # The choices are the slots offered when the page was drawn; what is posted may have been
    # taken since, so the route decides (not WTForms' choice check).
    creneau = RadioField("Choisissez la date et l'heure de votre rendez-vous", choices=[], validate_choice=False,
                         validators=[required(CHOOSE)])


def _desk(ctx: Context) -> RegistrationDesk:
    return RegistrationDesk(ctx.services.records)


def _agency(ctx: Context, registration: Registration) -> Agency | None:
    return ctx.services.agencies.get(registration.agency_id)


def _slot_form(ctx: Context, slots: list[Slot], *, keep: bool = True) -> SlotForm:
    form = ctx.bind(SlotForm) if keep else SlotForm()
    form.creneau.choices = [(slot.key, slot.label()) for slot in slots]
    return form


@router.route("/inscription/rendez-vous", ["GET", "POST"])
def appointment(ctx: Context) -> Response:
    registration = _desk(ctx).current(ctx.user_id or "")
    if registration is None or (registration.state != SUBMITTED and not registration.appointment):
        return _nothing_to_book(ctx, registration)
    if registration.state != SUBMITTED:  # booked: a second click (or another tab) lands on the confirmation
        return ctx.redirect(CONFIRMATION)
    if not ctx.submitted:
        return _choice(ctx, registration, booking.offered_slots(ctx.services.records, registration))
    form = _slot_form(ctx, [])
    start = parse_key(form.creneau.data or "") if form.validate() else None
    if start is None:
        if not form.errors:
            form.add_error("creneau", CHOOSE)
        slots = booking.offered_slots(ctx.services.records, registration)
        form.creneau.choices = [(slot.key, slot.label()) for slot in slots]
        return _choice(ctx, registration, slots, form=form)
    if _agency(ctx, registration) is None:  # an agency the data no longer has: nothing to offer there
        return _choice(ctx, registration, [], status=409)
    try:
        booked = booking.book(ctx.services.records, registration, start)
    except SlotTaken:
        return _taken(ctx, registration, start)
    agency = _agency(ctx, booked)
    mailed = agency is not None and booking.send_confirmation(
        ctx.services, booked, agency, ctx.settings.site_url)
    if mailed:
        ctx.flash(f"Votre rendez-vous est pris. Un courriel de confirmation vous est envoyé à {booked.email}, "
                  "avec le rendez-vous à ajouter à votre agenda.")
    else:
        ctx.flash("Votre rendez-vous est pris, mais le courriel de confirmation n'a pas pu partir. Notez la date "
                  "ci-dessous, ou téléchargez le rendez-vous pour votre agenda.", "important")
    return ctx.redirect(CONFIRMATION)


def _taken(ctx: Context, registration: Registration, start: int) -> Response:
    """The slot went to someone else (or was closed, or came too soon): three others — unless this
    candidate's other tab booked first, then the confirmation."""
    now = _desk(ctx).get(registration.user_id, registration.number)
    if now is not None and now.state != SUBMITTED:
        ctx.flash("Votre rendez-vous était déjà pris : le voici.", "important")
        return ctx.redirect(CONFIRMATION)
    slots = booking.offered_slots(ctx.services.records, registration, exclude=(start,))
    notice = ("Le créneau que vous avez choisi n'est plus disponible : une autre personne vient de le réserver, "
              "ou l'agence l'a fermé. " + ("Choisissez parmi ces autres créneaux." if slots else ""))
    return _choice(ctx, registration, slots, form=_slot_form(ctx, slots, keep=False), notice=notice, status=409)


def _choice(ctx: Context, registration: Registration, slots: list[Slot], *, form: SlotForm | None = None,
            notice: str = "", status: int | None = None) -> Response:
    agency = _agency(ctx, registration)
    if not slots or agency is None:
        page = ctx.page(PATH, "Aucun créneau de rendez-vous disponible", TRAIL)
        return ctx.render("services/inscription/appointment_none.html", page, agency=agency,
                          registration=registration, notice=notice, status=status or 200)
    form = form or _slot_form(ctx, slots, keep=False)
    page = ctx.page(PATH, "Choisir mon rendez-vous d'inscription", TRAIL)
    return ctx.render("services/inscription/appointment_choice.html", page, form=form, agency=agency,
                      registration=registration, notice=notice, status=status)


@router.get("/inscription/rendez-vous/confirmation")
def confirmation(ctx: Context) -> Response:
    """The booked appointment (after an interview too); before booking, the choice."""
    registration = _desk(ctx).current(ctx.user_id or "")
    if registration is None or not registration.appointment:
        return ctx.redirect(PATH)
    page = ctx.page(CONFIRMATION, "Mon rendez-vous d'inscription", TRAIL)
    return ctx.render("services/inscription/appointment_booked.html", page, registration=registration,
                      agency=_agency(ctx, registration), when=booking.appointment_label(registration),
                      bring=booking.BRING, changing=ics.CHANGING)


def _nothing_to_book(ctx: Context, registration: Registration | None) -> Response:
    page = ctx.page(PATH, "Pas de rendez-vous à prendre", TRAIL)
    return ctx.render("services/inscription/appointment_nothing.html", page, registration=registration,
                      status=409 if ctx.submitted else 200)


@router.get("/inscription/rendez-vous.ics")
def appointment_file(ctx: Context) -> Response:
    registration = _desk(ctx).current(ctx.user_id or "")
    agency = _agency(ctx, registration) if registration and registration.appointment else None
    if registration is None or agency is None:
        raise NotFoundError("Vous n'avez pas de rendez-vous d'inscription.", title="Rendez-vous introuvable")
    return Response(status_code=200, content_type=f"{ics.CONTENT_TYPE}; charset=utf-8",
                    body=ics.appointment_ics(registration, agency, ctx.settings.site_url),
                    headers={"Content-Disposition": f'attachment; filename="{ics.FILENAME}"',
                             "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
