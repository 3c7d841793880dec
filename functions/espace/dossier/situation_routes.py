"""« Signaler un changement de situation » (/mon-dossier/changement-de-situation): the kinds of
change, one form each (``situation_forms``), the changes already signalled with their receipts.

Each form is drawn with a key (``cle``); its POST records the change under it once
(``situation.record``) and redirects to the list, where the receipt is linked. An address in
another agency's territory moves the dossier there (``moving``): the list's card of that change says
which agency follows the dossier now, and that appointments already booked are kept. An absence that
takes the year beyond 35 days is shown again with the warning and a button to confirm it.
"""

from __future__ import annotations

import secrets

from aws_lambda_powertools.event_handler import Response

from espace.dossier import moving, situation
from espace.dossier.access import TRAIL, dossier_of, no_dossier
from espace.dossier.situation_forms import KINDS, AbsenceForm, AddressForm, ChangeForm
from espace.inscription.service import RegistrationDesk
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"candidat"})
BASE = "/mon-dossier/changement-de-situation"
TITLE = "Signaler un changement de situation"
LIST_TRAIL = (*TRAIL, (TITLE, BASE))


@router.get("/changement-de-situation")
def changes(ctx: Context) -> Response:
    records, user_id = ctx.services.records, ctx.user_id or ""
    if dossier_of(records, user_id) is None:
        return no_dossier(ctx, BASE, TITLE, "Signaler un changement de situation")
    return ctx.render("services/dossier/situation/list.html", ctx.page(BASE, TITLE, TRAIL), kinds=KINDS,
                      changes=situation.changes_of(records, user_id), agencies=ctx.services.agencies)


def _name(ctx: Context, user_id: str) -> str:
    registration = RegistrationDesk(ctx.services.records).current(user_id)
    return registration.name if registration else str((ctx.account() or {}).get("email", ""))


def _form_page(ctx: Context, kind: str, form: ChangeForm, *, over: int = 0) -> Response:
    title = KINDS[kind][0]
    page = ctx.page(f"{BASE}/{kind}", title, LIST_TRAIL, caption="Changement de situation")
    notice = situation.ABSENCE_WARNING if over else ""
    return ctx.render("services/dossier/situation/form.html", page, form=form, kind=kind, over=over,
                      notice=notice, status=409 if over else None)


@router.route("/changement-de-situation/<kind>", ["GET", "POST"])
def change(ctx: Context, kind: str) -> Response:
    if kind not in KINDS:
        raise NotFoundError("Ce changement de situation n'existe pas.", title="Page introuvable")
    records, user_id = ctx.services.records, ctx.user_id or ""
    dossier = dossier_of(records, user_id)
    if dossier is None:
        return no_dossier(ctx, f"{BASE}/{kind}", TITLE, "Signaler un changement de situation")
    title, form_class, _text = KINDS[kind]
    if not ctx.submitted:
        return _form_page(ctx, kind, form_class(cle=secrets.token_hex(16)))
    form = ctx.bind(form_class)
    # A missing or edited key gets a fresh one: that request is then simply not protected against
    # its own repetition (it cannot reach anything else).
    key = form.key() or secrets.token_hex(16)
    form.cle.data = key
    if not form.validate():
        return _form_page(ctx, kind, form)
    if situation.get(records, user_id, key) is None and isinstance(form, AbsenceForm) \
            and form.confirme.data != "oui":
        days = _absence_total(ctx, user_id, form)
        if days > situation.ABSENCE_DAYS:
            form.confirme.data = "oui"
            return _form_page(ctx, kind, form, over=days)
    names = {field.name for field in form} - {"cle", "confirme"}
    values = {name: [str(value) for value in typed] for name, typed in ctx.form_data().fields.items()
              if name in names or name.rsplit("-", 1)[0] in names}
    agency = moving.agency_for_commune(ctx.services, form.commune.data or "") \
        if isinstance(form, AddressForm) else None
    done, made = situation.record(ctx.services, dossier, key, kind, title, form.effective(), form.ends(),
                                  form.summary(), values, _name(ctx, user_id), moves_to=agency.id if agency else "")
    if made:
        moved = _agency_name(ctx, done.agency_id) if done.moved_from else ""
        note = f" Votre dossier est désormais suivi par l'{moved}." if moved else ""
        ctx.flash(f"Votre changement « {done.title} » est enregistré.{note} Son accusé de réception est dans Mes "
                  "courriers.")
    return ctx.redirect(f"{BASE}#changement-{done.key}")


def _agency_name(ctx: Context, agency_id: str) -> str:
    """« agence de Nantes » (lower case, after « l' »)."""
    agency = ctx.services.agencies.get(agency_id)
    return agency.name[0].lower() + agency.name[1:] if agency else ""


def _absence_total(ctx: Context, user_id: str, form: AbsenceForm) -> int:
    """The most days of absence in one calendar year that this absence would make."""
    first, last = form.debut.data, form.fin.data
    years = range(first.year, last.year + 1)
    return max(situation.absence_days(ctx.services.records, user_id, year, (first, last)) for year in years)

