"""The verification references printed on the attestations, and the public page where a third
party (an employer, a CAF) checks one (GET /verifier-une-attestation).

Records:

- ``ATTESTATION#{reference}`` / ``ATTESTATION``: {kind, issued_on, initials}: all a verification
  tells — the attestation is authentic, its kind, its date and the holder's initials; nothing
  that names or locates the candidate;
- ``USER#{uid}`` / ``ATTESTATION-REF#{kind}#{choice}#{day}``: {reference}, written only if absent
  in the same transaction: the same attestation asked again the same day (a double click, a
  second download) carries the same reference, so the references of an account grow by at most
  a few a day; and account deletion finds every reference to forget.

A reference is 16 symbols of a 32-letter alphabet without 0, 1, I nor O (80 random bits, shown in
four groups: « 7KQ4-M2XH-9TRC-PL5W »): unguessable, and typed back without ambiguity — spaces,
hyphens and case do not count.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aws_lambda_powertools.event_handler import Response

from espace.dossier.attestation_kinds import KINDS
from espace.ports import ConditionFailedError, Put
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import KitForm, StringField, required, strip
from espace.web.lifecycle import on_account_deleted
from espace.web.request import FormData

if TYPE_CHECKING:
    from espace.bootstrap import Services

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 16
REF_PREFIX = "ATTESTATION-REF#"
PATH = "/verifier-une-attestation"
MAX_TYPED = 60
router = AreaRouter()


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(reference: str) -> str:
    return "-".join(reference[i:i + 4] for i in range(0, LENGTH, 4))


def normalize(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch not in " -\u00a0\t")


def is_well_formed(reference: str) -> bool:
    return len(reference) == LENGTH and all(ch in ALPHABET for ch in reference)


def initials(name: str) -> str:
    """« Camille DURAND » -> « C. D. »; hyphenated parts each count (« J.-P. »); particles written in
    lower case (« de la ») do not."""
    parts = []
    for word in name.split():
        if word[0].islower():
            continue
        pieces = [piece for piece in word.split("-") if piece]
        if pieces:
            parts.append("-".join(f"{piece[0].upper()}." for piece in pieces))
    return " ".join(parts)


def issue(services: Services, user_id: str, kind: str, choice: str, day: dt.date, holder: str) -> str:
    """The reference of this attestation (kind, choice, day), made on its first asking."""
    pk, marker = f"USER#{user_id}", f"{REF_PREFIX}{kind}#{choice}#{day.isoformat()}"
    for _ in range(3):
        found = services.records.get(pk, marker)
        if found is not None:
            return str(found["reference"])
        reference = new_reference()
        try:
            services.records.transact([
                Put({"pk": pk, "sk": marker, "reference": reference}, if_absent=True),
                Put({"pk": f"ATTESTATION#{reference}", "sk": "ATTESTATION", "kind": kind,
                     "issued_on": day.isoformat(), "initials": initials(holder)}, if_absent=True),
            ])
        except ConditionFailedError:
            continue  # a concurrent asking made it (read it), or the reference was drawn twice (draw again)
        return reference
    raise RuntimeError("no attestation reference could be recorded")


@dataclass(frozen=True)
class Verified:
    kind_title: str
    issued_on: str  # « 6 décembre 2026 »
    initials: str


def verify(services: Services, reference: str) -> Verified | None:
    item = services.records.get(f"ATTESTATION#{reference}", "ATTESTATION") if is_well_formed(reference) else None
    if item is None:
        return None
    kind = KINDS.get(str(item["kind"]))
    return Verified(kind.title if kind else "Attestation", french_date(str(item["issued_on"])), str(item["initials"]))


class VerifyForm(KitForm):
    reference = StringField("Référence de l'attestation", [required("Saisissez la référence de l'attestation.")],
                            filters=[strip], description=(
        "16 caractères, imprimés sur l'attestation sous « Référence de vérification », "
        "par exemple 7KQ4-M2XH-9TRC-PL5W."))


@router.get(PATH)
def verification_page(ctx: Context) -> Response:
    """A GET form: the answer is a page one can reload or link to; nothing is written."""
    asked = "reference" in (ctx.request.event.query_string_parameters or {})
    form = VerifyForm(FormData({"reference": [(ctx.request.query("reference") or "")[:MAX_TYPED]]}) if asked
                      else None)  # no query: the empty form, no error
    reference, found = normalize(form.reference.data or ""), None
    if asked and not reference:
        form.add_error("reference", "Saisissez la référence de l'attestation.")
    elif asked and not is_well_formed(reference):
        form.add_error("reference", "La référence doit comporter 16 caractères (chiffres de 2 à 9 et lettres sans "
                                    "I ni O), par exemple 7KQ4-M2XH-9TRC-PL5W.")
    elif asked:
        found = verify(ctx.services, reference)
    checked = asked and not form.errors
    title = ("Vérifier une attestation" if not checked
             else "Attestation authentique" if found else "Attestation introuvable")
    return ctx.render("services/dossier/attestations/verify.html", ctx.page(PATH, title), form=form,
                      checked=checked, found=found, shown_reference=shown(reference) if checked else "",
                      status=400 if form.errors else 200)


@on_account_deleted
def forget_references(services: Services, user_id: str) -> None:
    """The account's references stop verifying with it (the partition's own records go with it)."""
    for item in services.records.query(f"USER#{user_id}", REF_PREFIX):
        services.records.delete(f"ATTESTATION#{item['reference']}", "ATTESTATION")
