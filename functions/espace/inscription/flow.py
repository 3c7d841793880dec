"""The five steps of the request, on the kit's step engine (espace.web.steps).

The seed's order and titles: étapes 1 and 2 make the registration request (situation
administrative, situation du demandeur d'emploi), 2 and 3 the allowance claim (periods of work,
salaries), 4 and 5 prepare the interview (knowledge, training, professional project).
"""

from __future__ import annotations

from espace.inscription.forms_administrative import AdministrativeForm
from espace.inscription.forms_experiences import ExperiencesForm
from espace.inscription.forms_knowledge import KnowledgeForm
from espace.inscription.forms_project import ProjectForm
from espace.inscription.forms_situation import SituationForm
from espace.inscription.model import FLOW_NAME
from espace.web.steps import Flow, Step

BASE = "/mon-espace/inscription"  # the request's page: its state, the appointment, the PDF
DRAFT_DAYS = 30
TEMPLATES = "services/inscription/steps"

ADMINISTRATIVE, SITUATION, EXPERIENCES, KNOWLEDGE, PROJECT = (
    "situation-administrative", "situation", "experiences", "formation", "projet")



def check_summary(typed: dict[str, dict[str, list[str]]]) -> list[str]:
    """The seed's « Votre situation » above the check page's rows, from step 2's values (helper
    A's ``situation_summary``; nothing until it lands)."""
    from espace.inscription import forms_situation

    summary = getattr(forms_situation, "situation_summary", None)
    return list(summary(typed.get(SITUATION, {}))) if summary is not None else []


FLOW = Flow(FLOW_NAME, "Ma demande d'inscription", f"{BASE}/demande", steps=(
    Step(ADMINISTRATIVE, "Situation administrative", AdministrativeForm, f"{TEMPLATES}/{ADMINISTRATIVE}.html"),
    Step(SITUATION, "Situation du demandeur d'emploi", SituationForm, f"{TEMPLATES}/{SITUATION}.html"),
    Step(EXPERIENCES, "Expériences professionnelles", ExperiencesForm, f"{TEMPLATES}/{EXPERIENCES}.html"),
    Step(KNOWLEDGE, "Connaissances et formation", KnowledgeForm, f"{TEMPLATES}/{KNOWLEDGE}.html"),
    Step(PROJECT, "Projet professionnel", ProjectForm, f"{TEMPLATES}/{PROJECT}.html"),
), check_title="Vérifier ma demande d'inscription", submit_label="Envoyer ma demande",
    expires_after_days=DRAFT_DAYS, check_summary=check_summary)
