"""How the inbox tells an application to the recruiter: names, dates, the log's lines, notices."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from espace.candidatures.model import CANDIDATE, RECRUITER, RECRUITER_LABELS, SYSTEM, Application
from espace.recruteurs.inbox_forms import ALL, PENDING_FILTER, FilterForm
from espace.text import clock_time, french_date

ANONYMOUS = "Candidat ayant supprimé son espace"


def when(epoch: int) -> str:
    """« 5 décembre 2026 à 18 h 22 »."""
    return f"{french_date(epoch)} à {clock_time(epoch)}"


def candidate_name(application: Application) -> str:
    if application.anonymised:
        return ANONYMOUS
    return application.candidate_name or application.candidate_email or "Candidat sans nom"


def of_candidate(application: Application) -> str:
    """« de Camille Durand », « d'Éloïse » (elided before a vowel), « du candidat ayant supprimé son espace »."""
    if application.anonymised:
        return "du candidat ayant supprimé son espace"
    name = candidate_name(application)
    first = unicodedata.normalize("NFKD", name[:1]).lower()[:1]
    return f"d'{name}" if first in "aeiouyh" and first else f"de {name}"


def application_title(application: Application) -> str:
    if application.anonymised:
        return f"Candidature du {french_date(application.created_at)} (candidat anonymisé)"
    return f"Candidature {of_candidate(application)}"


@dataclass(frozen=True)
class LogLine:
    at: int
    state: str
    who: str
    reason: str
    shared: bool


def _who(actor: str, actor_id: str, me: str) -> str:
    if actor == CANDIDATE:
        return "Le candidat"
    if actor == RECRUITER:
        return "Vous" if actor_id == me else "Un autre compte recruteur"
    if actor == SYSTEM:
        return "Le site, à la clôture de l'offre"
    return actor


def history(application: Application, me: str) -> list[LogLine]:
    """The log, oldest first; the first line is the sending."""
    lines = []
    for number, line in enumerate(application.history):
        label = "Candidature envoyée" if number == 0 else RECRUITER_LABELS.get(line.state, line.state)
        lines.append(LogLine(line.at, label, _who(line.actor, line.actor_id, me), line.reason, line.reason_shared))
    return lines


def filter_label(form: FilterForm) -> str:
    """What the list shows, for its caption."""
    wanted = form.etat.data or ALL
    if form.errors or wanted == ALL:
        return "toutes"
    if wanted == PENDING_FILTER:
        return "à traiter"
    return f"état « {RECRUITER_LABELS.get(wanted, wanted)} »"


def moved_notice(application: Application) -> str:
    label = RECRUITER_LABELS.get(application.state, application.state)
    if application.anonymised:
        return f"La candidature est passée à l'état « {label} »."
    told = "Le candidat en est informé par e-mail et dans « Mes messages »"
    last = application.history[-1]
    if last.reason:
        told += ", avec le motif" if last.reason_shared else ", sans le motif"
    return f"La candidature {of_candidate(application)} est passée à l'état « {label} ». {told}."


def opened_notice(application: Application) -> str:
    told = "" if application.anonymised else " et le candidat en est informé"
    return f"Vous ouvrez cette candidature pour la première fois : elle passe à l'état « En cours d'examen »{told}."


def safe_filename(application: Application) -> str:
    """A download name in plain ASCII (Content-Disposition's ``filename``), its extension kept."""
    name = application.cv.filename or "cv.pdf"
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = folded.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem if dot else folded).strip("-") or "cv"
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:5] if dot else "pdf"
    return f"{stem[:60]}.{extension or 'pdf'}"
