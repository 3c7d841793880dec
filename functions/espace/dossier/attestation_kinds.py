"""The six attestations of the dossier (seed: « Obtenir une attestation »): what each says, what it
is for and who asks for it, and what the candidate chooses before downloading it (a period, a
year, or nothing)."""

from __future__ import annotations

from dataclasses import dataclass

PERIOD, YEAR, NOTHING = "periode", "annee", ""


@dataclass(frozen=True)
class Kind:
    slug: str  # its URL segment
    title: str
    says: str  # what it tells
    asked_by: str  # who usually asks for it
    choice: str = NOTHING  # PERIOD or YEAR: what the form asks
    masculine: bool = False  # « l'avis de situation » : « Il indique… », « Demandé par »

    @property
    def it_says(self) -> str:
        return f"{'Il' if self.masculine else 'Elle'} indique {self.says}."

    @property
    def asked(self) -> str:
        return f"{'Demandé' if self.masculine else 'Demandée'} par : {self.asked_by}."

    @property
    def template_kind(self) -> str:
        """Its kind among the letters' templates (espace.dossier.letters.KINDS)."""
        return f"attestation-{self.slug}"


KINDS = {kind.slug: kind for kind in (
    Kind("paiement", "Attestation de paiement",
         "les allocations qui vous ont été versées sur la période que vous choisissez : mois par mois, le nombre de "
         "jours, les montants brut et net et la date de chaque versement",
         "la caisse d'allocations familiales (CAF), un bailleur, une banque ou un organisme de crédit", PERIOD),
    Kind("periodes-indemnisees", "Attestation des périodes indemnisées",
         "le détail de votre indemnisation : votre droit (début, allocation journalière, durée) et chaque mois "
         "indemnisé avec ses jours, ses montants et ses retenues",
         "la caisse primaire d'assurance maladie (CPAM), la CAF, un organisme de formation"),
    Kind("caisse-de-retraite", "Attestation pour la caisse de retraite",
         "vos périodes d'inscription et, pour chaque année, le nombre de jours indemnisés",
         "votre caisse de retraite, pour reconstituer votre carrière"),
    Kind("fiscale", "Attestation fiscale",
         "le montant imposable des allocations versées pendant l'année que vous choisissez, à reporter sur votre "
         "déclaration de revenus",
         "l'administration fiscale : conservez-la avec votre déclaration de revenus", YEAR),
    Kind("avis-de-situation", "Avis de situation",
         "l'état de votre inscription (inscrit ou non, catégorie, dates) et votre droit à l'allocation en cours",
         "un employeur, la CAF, votre mairie ou un réseau de transport (tarif réduit)", masculine=True),
    Kind("loi-de-finances", "Attestation Loi de finances",
         "vos périodes d'inscription continue comme demandeur d'emploi, avec leur durée",
         "un organisme qui vérifie depuis quand vous êtes inscrit sans interruption (administration fiscale, "
         "organisme de formation)"),
)}
