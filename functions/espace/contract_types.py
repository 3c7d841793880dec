"""France Travail's contract types (``typeContrat``): the one list of codes and their labels.

Read by the site build (the home page's search form, pelicanconf.py), the offer search
form, its results and the offer page, and the JSON API's documentation, so a contract
type reads the same wherever a job-seeker meets it. The labels are the seed's (« CDD »,
« Intérim » in its results table). Every code the offers carry is here, so each can be
chosen in the search form (DDI: 3 % of the offers). The real API's referential has a few
more (CCE, DIN, REP, TTI): an offer with one is shown with its own ``typeContratLibelle``.
"""

from __future__ import annotations

from typing import NamedTuple


class ContractType(NamedTuple):
    code: str
    label: str


CONTRACT_TYPES: tuple[ContractType, ...] = (
    ContractType("CDI", "CDI"),
    ContractType("CDD", "CDD"),
    ContractType("MIS", "Intérim"),
    ContractType("SAI", "Saisonnier"),
    ContractType("DDI", "CDD d'insertion"),
    ContractType("LIB", "Profession libérale"),
    ContractType("FRA", "Franchise"),
)
LABELS: dict[str, str] = dict(CONTRACT_TYPES)
ANY_LABEL = "Tous types de contrat"  # the empty choice of a select
