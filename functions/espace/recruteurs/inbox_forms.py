"""The applications inbox's forms: the state filter of an offer's list, and the move of one application.

The move form offers only the states the recruiter may take the application to from its current
state (``model.TRANSITIONS``), and carries the number of log lines the page was shown with
(``version``): a form shown before someone else moved the application is refused rather than
applied to a state its author never saw.
"""

from __future__ import annotations

from typing import Any

from espace.candidatures.model import (
    ACCEPTED,
    INTERVIEW,
    MAX_REASON,
    NEW,
    OFFER_CLOSED,
    OFFER_FILLED,
    PENDING,
    RECRUITER,
    RECRUITER_LABELS,
    REFUSED,
    REVIEWING,
    TRANSITIONS,
    WITHDRAWN,
)
from espace.web.forms import (
    HiddenField,
    KitForm,
    RadioField,
    RequiredByTheForm,
    SelectField,
    TextAreaField,
    ValidationError,
    choices,
    length,
    strip,
)
from espace.web.request import FormData

ALL = ""
PENDING_FILTER = "a-traiter"
# The filter's states, in the order an application goes through them.
FILTER_STATES = (NEW, REVIEWING, INTERVIEW, ACCEPTED, REFUSED, WITHDRAWN, OFFER_FILLED, OFFER_CLOSED)
# The move's choices, in the same order.
MOVE_ORDER = (REVIEWING, INTERVIEW, ACCEPTED, REFUSED)
YES, NO = "oui", "non"


class FilterForm(KitForm):
    etat = SelectField("Afficher les candidatures", validate_choice=False)

    def __init__(self, formdata: Any = None, *, counts: dict[str, int] | None = None, **kwargs: Any):
        super().__init__(formdata, **kwargs)
        counts = counts or {}
        total = sum(counts.values())
        pending = sum(counts.get(state, 0) for state in PENDING)
        options = [(ALL, f"Toutes ({total})"),
                   (PENDING_FILTER, f"À traiter : nouvelles, en cours, entretien ({pending})")]
        options += [(state, f"{RECRUITER_LABELS[state]} ({counts.get(state, 0)})") for state in FILTER_STATES]
        self.etat.choices = choices(options)

    def validate_etat(self, field: SelectField) -> None:
        if field.data not in {ALL, PENDING_FILTER, *FILTER_STATES}:
            raise ValidationError("Choisissez un état dans la liste.")

    @classmethod
    def from_query(cls, value: str, counts: dict[str, int]) -> FilterForm:
        """The filter as the address gives it (a GET form: the list is a link that can be kept)."""
        return cls(FormData(fields={"etat": [value]}), counts=counts)

    def keeps(self, state: str) -> bool:
        wanted = self.etat.data or ALL
        return wanted in (ALL, state) or (wanted == PENDING_FILTER and state in PENDING)


def next_states(state: str) -> list[str]:
    """Where the recruiter may move an application that is in ``state``, in the inbox's order."""
    allowed = TRANSITIONS.get(state, {}).get(RECRUITER, frozenset())
    return [to for to in MOVE_ORDER if to in allowed]


class MoveForm(KitForm):
    etat = RadioField("Nouvel état de la candidature", [RequiredByTheForm()], validate_choice=False)
    motif = TextAreaField(
        "Motif ou commentaire (obligatoire pour un refus)", filters=[strip],
        validators=[length(MAX_REASON, "Le motif")],
        description="Par exemple : « Le poste demande le permis C. » Il reste dans l'historique de la candidature.")
    partage = RadioField("Communiquer ce motif au candidat ? (obligatoire si vous écrivez un motif)",
                         validate_choice=False,
                         choices=choices([(YES, "Oui : il le lira dans l'e-mail qui l'informe et sur la page de "
                                                "sa candidature"), (NO, "Non : il reste entre vous et le site")]))
    version = HiddenField()

    def __init__(self, formdata: Any = None, *, state: str, **kwargs: Any):
        super().__init__(formdata, **kwargs)
        self.allowed = next_states(state)
        self.etat.choices = choices([(to, RECRUITER_LABELS[to]) for to in self.allowed])

    def validate_etat(self, field: RadioField) -> None:
        if not field.data:
            raise ValidationError("Choisissez le nouvel état de la candidature.")
        if field.data not in self.allowed:
            raise ValidationError("Cet état n'est pas possible pour cette candidature : choisissez-en un de la liste.")

    def validate_motif(self, field: TextAreaField) -> None:
        if self.etat.data == REFUSED and not field.data:
            raise ValidationError("Indiquez le motif du refus.")

    def validate_partage(self, field: RadioField) -> None:
        if self.motif.data and field.data not in (YES, NO):
            raise ValidationError("Dites si le motif doit être communiqué au candidat.")

    @property
    def shown_version(self) -> int | None:
        value = (self.version.data or "").strip()
        return int(value) if value.isdigit() and len(value) <= 4 else None
