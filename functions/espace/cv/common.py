"""What every CV page shares: the account's CV book, the CV of the URL (404 when it is not the
account's), the trail, and the four steps of the complete mode with their statuses.

The complete mode's four steps (seed: Étape 0 → 3) are told « Étape n sur 4 » in each page's
caption, as the kit's step engine tells its steps, with the engine's task list and step
indicator (components/task_list.html) on the CV's page. The CV record is the draft: each
rubric's form writes into it (see ``espace.cv.model.Cv.typed`` for what was typed but invalid).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from espace.cv.gauge import gauge
from espace.cv.model import DRAFT, Cv
from espace.cv.service import CvBook
from espace.web.errors import NotFoundError
from espace.web.steps import DONE, NOT_STARTED, STARTED

if TYPE_CHECKING:
    from espace.web.context import Context
    from espace.web.pages import ServicePage

PATH = "/mon-espace/cv"
PERSONAL_PATH = "/mon-espace/cv-personnel"
TRAIL = (("Mon espace", "/mon-espace"), ("Mes CV", PATH))
NOT_FOUND = "Ce CV n'existe pas ou a été supprimé."


@dataclass(frozen=True)
class CvStep:
    slug: str  # the URL segment under /mon-espace/cv/{id}/
    title: str


STEPS = (CvStep("cible", "Ma cible professionnelle"), CvStep("informations", "Les informations de mon CV"),
         CvStep("mise-en-page", "Mise en page"), CvStep("mise-en-ligne", "Mise en ligne"))


def book(ctx: Context) -> CvBook:
    return CvBook(ctx.services, ctx.user_id or "")


def cv_or_404(ctx: Context, cv_id: str) -> tuple[CvBook, Cv]:
    """The account's CV ``cv_id``; another account's CV is as unknown as a CV that never was."""
    cvs = book(ctx)
    cv = cvs.get(cv_id)
    if cv is None:
        raise NotFoundError(NOT_FOUND, title="CV introuvable")
    return cvs, cv


def cv_url(cv: Cv, sub: str = "") -> str:
    return f"{PATH}/{cv.id}" + (f"/{sub}" if sub else "")


def cv_trail(cv: Cv) -> tuple[tuple[str, str], ...]:
    return (*TRAIL, (cv.display_title, cv_url(cv)))


def step_status(cv: Cv, slug: str) -> str:
    """« Non commencé », « En cours » or « Terminé », from what the CV holds."""
    if slug == "cible":
        target = cv.target
        if target.complete:
            return DONE
        return STARTED if (target.rome_code or target.places or target.contracts) else NOT_STARTED
    if slug == "informations":
        if cv.experiences or cv.trainings or cv.pitch:
            return DONE if cv.title and (cv.experiences or cv.trainings) else STARTED
        return NOT_STARTED
    if slug == "mise-en-page":
        return DONE if cv.layout.chosen or cv.state != DRAFT else NOT_STARTED
    return DONE if cv.state != DRAFT else NOT_STARTED


def step_tasks(cv: Cv) -> list[dict[str, Any]]:
    """The CV's four steps for the kit's task list macro."""
    return [{"title": step.title, "url": cv_url(cv, step.slug), "status": step_status(cv, step.slug),
             "done": step_status(cv, step.slug) == DONE} for step in STEPS]


def step_page(ctx: Context, cv: Cv, slug: str, title: str, sub: str = "") -> ServicePage:
    """A page of one of the four steps: « Étape n sur 4 » in the caption (and so in the title)."""
    number = next(n for n, step in enumerate(STEPS, start=1) if step.slug == slug)
    url = cv_url(cv, f"{slug}/{sub}" if sub else slug)
    trail = cv_trail(cv) if not sub else (*cv_trail(cv), (STEPS[number - 1].title, cv_url(cv, slug)))
    return ctx.page(url, title, trail, caption=f"Étape {number} sur {len(STEPS)}")


def step_context(cv: Cv, slug: str) -> dict[str, Any]:
    """What the step indicator macro needs: number, total and the next step's title."""
    number = next(n for n, step in enumerate(STEPS, start=1) if step.slug == slug)
    return {"number": number, "total": len(STEPS),
            "next_title": STEPS[number].title if number < len(STEPS) else None, "gauge": gauge(cv), "cv": cv}
