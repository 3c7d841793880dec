"""Counsellors: a candidate's dossier de demandeur d'emploi, read by a counsellor of its agency.

- ``GET /conseiller/candidats``: the agency's dossiers found by identifier or name
  (espace.dossier.agency_index);
- ``GET /conseiller/candidats/<identifiant>``: the dossier, section by section
  (espace.conseillers.sections: identity, registration periods, letters, requests here; other
  parts add theirs); each reading in the candidate's audit log, once per counsellor and day;
- ``GET /conseiller/candidats/<identifiant>/courriers/<courrier>``: one of its letters (PDF);
- ``GET|POST /conseiller/candidats/<identifiant>/courrier``: writing a letter
  (espace.conseillers.dossier_letter).

Another agency's dossier, or an identifier that names none, answers 404, as one that never was.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.conseillers import audit
from espace.conseillers.common import REQUESTS, SPACE, TRAIL, agency_of, me, once, today
from espace.conseillers.model import Counsellor
from espace.conseillers.sections import Candidate, section, sections_for
from espace.dossier import agency_index, letters
from espace.dossier.model import STATE_LABELS, Dossier, identifier_is_valid, normalize_identifier
from espace.inscription.model import KIND_LABELS
from espace.inscription.model import STATE_LABELS as REQUEST_STATES
from espace.inscription.service import RegistrationDesk
from espace.ports import ConditionFailedError, FileMissingError
from espace.text import french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError

router = AreaRouter(roles={"conseiller"})
CANDIDATES = f"{SPACE}/candidats"
CANDIDATES_TRAIL = (*TRAIL, ("Dossiers des candidats", CANDIDATES))
TEMPLATES = "services/dossier/conseiller"
NOT_FOUND = "Ce dossier n'existe pas, ou n'est pas suivi par votre agence."


def dossier_url(identifier: str) -> str:
    return f"{CANDIDATES}/{identifier}"


def candidate_or_404(ctx: Context, who: Counsellor, identifier: str) -> Candidate:
    """The candidate whose dossier has this identifier, if their dossier is the counsellor's agency's."""
    identifier = normalize_identifier(identifier)
    records = ctx.services.records
    link = records.get(f"IDENT#{identifier}", "ACCOUNT") if identifier_is_valid(identifier) else None
    item = records.get(f"USER#{link['user_id']}", "DDE") if link else None
    if item is None or item.get("agency_id") != who.agency_id:
        raise NotFoundError(NOT_FOUND, title="Dossier introuvable")
    dossier = Dossier.of(item)
    profile = records.get(f"USER#{dossier.user_id}", "PROFILE") or {}
    entry = agency_index.get(records, who.agency_id, identifier) or {}
    current = RegistrationDesk(records).get(dossier.user_id, dossier.registration) if dossier.registration else None
    name = str(entry.get("name") or (current.name if current else "") or profile.get("email", ""))
    return Candidate(dossier.user_id, dossier, name, str(profile.get("email", "")), who,
                     {k: v for k, v in profile.items() if k not in {"password", "answer"}})


def candidate_trail(candidate: Candidate) -> tuple[tuple[str, str], ...]:
    return (*CANDIDATES_TRAIL, (f"Dossier de {candidate.name}", dossier_url(candidate.dossier.identifier)))


@router.get(CANDIDATES)
def search(ctx: Context) -> Response:
    who = me(ctx)
    agency = agency_of(ctx, who)
    typed = (ctx.request.query("recherche") or "").strip()[:100]
    error, found, more = "", [], False
    if typed:
        identifier = normalize_identifier(typed)
        if identifier[:7].isdigit():
            if not identifier_is_valid(identifier):
                error = ("Cet identifiant n'est pas valide : 7 chiffres et une lettre, par exemple 1234567K. "
                         "Vérifiez-le.")
            elif (entry := agency_index.get(ctx.services.records, who.agency_id, identifier)) is not None:
                found = [entry]
        elif len(typed) < 2:
            error = "Saisissez au moins 2 lettres du nom, ou l'identifiant du candidat."
        else:
            found, more = agency_index.search(ctx.services.records, who.agency_id, typed)
    page = ctx.page(CANDIDATES, "Dossiers des candidats", TRAIL)
    return ctx.render(f"{TEMPLATES}/search.html", page, status=400 if error else 200,
                      errors={"recherche": error} if error else None, agency=agency, typed=typed,
                      error=error, found=found, more=more, searched=bool(typed) and not error)


def _consulted(ctx: Context, candidate: Candidate) -> None:
    """The audit entry of reading the dossier: once per counsellor and day."""
    who = candidate.counsellor
    marker = once(candidate.user_id, f"dossier#{who.user_id}#{today().isoformat()}")
    with suppress(ConditionFailedError):  # already written today
        ctx.services.records.transact([marker, audit.entry(who, candidate.user_id, "dossier-consulte",
                                                           about=candidate.dossier.identifier)])


@router.get(f"{CANDIDATES}/<identifiant>")
def dossier_page(ctx: Context, identifiant: str) -> Response:
    who = me(ctx)
    candidate = candidate_or_404(ctx, who, identifiant)
    _consulted(ctx, candidate)
    page = ctx.page(dossier_url(candidate.dossier.identifier), f"Dossier de {candidate.name}", CANDIDATES_TRAIL)
    return ctx.render(f"{TEMPLATES}/dossier.html", page, candidate=candidate, sections=sections_for(ctx, candidate),
                      url=dossier_url(candidate.dossier.identifier))


@router.get(f"{CANDIDATES}/<identifiant>/courriers/<courrier>")
def letter_pdf(ctx: Context, identifiant: str, courrier: str) -> Response:
    """One of the dossier's letters, as the candidate has it. Reading it does not mark it read (that
    is the candidate's reading); it puts an audit entry, once per counsellor, letter and day."""
    who = me(ctx)
    candidate = candidate_or_404(ctx, who, identifiant)
    letter = letters.get_letter(ctx.services, candidate.user_id, courrier)
    try:
        data = ctx.services.files.get(letter.file).data if letter else None
    except FileMissingError:
        data = None
    if letter is None or data is None:
        raise NotFoundError("Ce courrier n'existe pas.", title="Courrier introuvable")
    marker = once(candidate.user_id, f"courrier#{letter.id}#{who.user_id}#{today().isoformat()}")
    with suppress(ConditionFailedError):
        ctx.services.records.transact([marker, audit.entry(who, candidate.user_id, "courrier-consulte",
                                                           about=candidate.dossier.identifier,
                                                           detail={"courrier": letter.public_id})])
    return Response(status_code=200, content_type="application/pdf", body=data, headers={
        "Content-Disposition": f'inline; filename="courrier-{letter.kind}-{letter.public_id}.pdf"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


# --- the sections of this part ------------------------------------------------------------------
@section("identite", "Identité", order=10, template=f"{TEMPLATES}/identite.html")
def identity(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    agency = ctx.services.agencies.get(candidate.dossier.agency_id)
    return {"state": STATE_LABELS.get(candidate.dossier.state, candidate.dossier.state), "agency": agency,
            "postal_code": candidate.profile.get("postal_code", "")}


@section("periodes", "Périodes d'inscription", order=20, template=f"{TEMPLATES}/periodes.html")
def periods(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    rows = [{"start": french_date(dt.date.fromisoformat(p["start"])),
             "end": french_date(dt.date.fromisoformat(p["end"])) if p.get("end") else ""}
            for p in reversed(candidate.dossier.periods)]
    return {"rows": rows, "reason": candidate.dossier.end_reason}


@section("courriers", "Courriers", order=30, template=f"{TEMPLATES}/courriers.html")
def letters_section(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    return {"letters": letters.letters_of(ctx.services, candidate.user_id)[:50], "kinds": letters.KIND_LABELS,
            "french_date": french_date, "base": f"{dossier_url(candidate.dossier.identifier)}/courriers"}


@section("demandes", "Demandes d'inscription", order=40, template=f"{TEMPLATES}/demandes.html")
def requests_section(ctx: Context, candidate: Candidate) -> dict[str, Any]:
    history = RegistrationDesk(ctx.services.records).history(candidate.user_id)
    return {"requests": list(reversed(history)), "kinds": KIND_LABELS, "states": REQUEST_STATES,
            "french_date": french_date, "base": REQUESTS, "agency_id": candidate.counsellor.agency_id}
