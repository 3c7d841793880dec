"""What a rubric's invalid submission held, kept in the CV (``Cv.typed``) so that a closed
browser or a signed-out session loses nothing: the rubric's page shows it again, with its
errors, until it is corrected or abandoned.

Each value is capped, and so is all the typing a CV keeps: it must fit in the CV's record
(DynamoDB takes 400 KB an item) whatever a form sent; text beyond the caps is over every
field's limit anyway. ``fits`` tells whether a CV's record stays under that size at all."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, TypeVar

from aws_lambda_powertools.event_handler import Response

from espace.cv.model import Cv
from espace.web.context import Context
from espace.web.forms import FileField, KitForm, PasswordField
from espace.web.request import FormData

if TYPE_CHECKING:
    from espace.cv.service import CvBook

FormT = TypeVar("FormT", bound=KitForm)
VALUE_CAP = 3_000  # characters of one value: more than any field's limit (2,000)
VALUES_CAP = 50  # values of one field (checkboxes)
TYPED_BUDGET = 40_000  # bytes of all the typing kept in a CV
RECORD_BUDGET = 350_000  # bytes of a CV's record, under DynamoDB's 400 KB, with room for names and keys
TOO_BIG = ("Votre CV est trop long pour être enregistré : raccourcissez ce texte, ou les descriptions de vos "
           "expériences et formations.")


def stored_values(form: KitForm, formdata: FormData) -> dict[str, list[str]]:
    """Every field of ``form`` as typed (the parts of a date or month field by their names),
    no password or file."""
    values: dict[str, list[str]] = {}
    for field in form:
        if isinstance(field, (PasswordField, FileField)):
            continue
        parts = getattr(field, "PARTS", None)
        for name in [f"{field.name}-{part}" for part in parts] if parts else [field.name]:
            if name in formdata:
                values[name] = [str(value)[:VALUE_CAP] for value in formdata.getlist(name)[:VALUES_CAP]]
    return values


def bind(ctx: Context, cv: Cv, name: str, form_class: type[FormT], **initial: object) -> tuple[FormT, bool]:
    """The rubric's form: as submitted on POST; on GET, what was typed and not saved (validated
    again, so its errors show) or else ``initial``. The flag says the form holds unsaved typing."""
    if ctx.submitted:
        return ctx.bind(form_class), False
    typed = cv.typed.get(name)
    if typed:
        form = form_class(FormData(fields={key: list(value) for key, value in typed.items()}))
        form.validate()
        return form, True
    return form_class(**initial), False


def _size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode())


def fits(cv: Cv) -> bool:
    """The CV's record stays under the size a record may have."""
    return _size(dataclasses.asdict(cv)) <= RECORD_BUDGET


def keep(ctx: Context, cv: Cv, name: str, form: KitForm) -> None:
    """Remember the invalid submission of ``form`` in the CV (the caller saves it). Past the
    budget, the oldest typing of other rubrics goes first (this one is what the candidate is
    doing now); a CV already at the size limit keeps none."""
    cv.typed.pop(name, None)
    cv.typed[name] = stored_values(form, ctx.form_data())  # last: the most recent
    while cv.typed and (_size(cv.typed) > TYPED_BUDGET or not fits(cv)):
        cv.typed.pop(next(iter(cv.typed)))


def forget(cv: Cv, *names: str) -> None:
    for name in names:
        cv.typed.pop(name, None)


def abandon(ctx: Context, cvs: CvBook, cv: Cv, name: str, back: str) -> Response | None:
    """« Abandonner cette saisie » (a POST with action=abandonner): forget the unsaved typing of
    ``name`` and go back to ``back``; None for any other request."""
    if not (ctx.submitted and ctx.form_data().get("action") == "abandonner"):
        return None
    if name in cv.typed:
        forget(cv, name)
        cvs.save(cv)
    ctx.flash("La saisie non enregistrée est abandonnée : voici ce que contient votre CV.")
    # A fragment: lynx takes a 303 to the very URL it posted to for a loop, and stops there.
    return ctx.redirect(back if "#" in back else f"{back}#contenu")
