"""Whether an offer is open to applications from the site, and how (« site » or « courriel »).

Two readers, two sources:

- the offer page (OffersFunction, no table access) decides from the offer's v2 JSON alone
  (``offer_page_kind``): a site offer's ``origineOffre.urlOrigine`` is this site's
  ``/offres/<id>``; an imported offer with a contact e-mail is applied to by mail;
- applying (AccountsFunction) decides from the records (``opening``): an offer with an owner
  record (``SITE-OFFER#{id}`` / ``OWNER``) is a site offer, open while its state is online;
  any other is an imported offer from the index, open while it is there and has a contact
  e-mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from espace.offers.offer_apply import how_to_apply
from espace.recruteurs.model import FILLED, ONLINE, SUSPENDED, SiteOffer, owner_of

if TYPE_CHECKING:
    from espace.bootstrap import Services

OFFER_ID = re.compile(r"[0-9A-Z]{7}")
SITE, COURRIEL = "site", "courriel"

# Why an offer cannot be applied to: (HTTP status, page title, message).
UNKNOWN = (404, "Offre introuvable",
           "Cette offre n'existe pas ou n'est plus disponible : elle a peut-être été pourvue ou retirée par le "
           "recruteur. Lancez une nouvelle recherche pour trouver des offres proches.")
NO_WAY = (404, "Candidature en ligne impossible pour cette offre",
          "Le recruteur de cette offre ne reçoit pas de candidatures par l'Espace candidat : postulez de la façon "
          "indiquée sur la page de l'offre (lien vers son site, téléphone ou adresse).", True)
FILLED_PAGE = (410, "Offre pourvue",
               "Le recruteur a pourvu cette offre : elle ne reçoit plus de candidatures. Lancez une nouvelle "
               "recherche pour trouver des offres proches.")
CLOSED_PAGE = (410, "Offre retirée",
               "Le recruteur a retiré cette offre : elle ne reçoit plus de candidatures. Lancez une nouvelle "
               "recherche pour trouver des offres proches.")
SUSPENDED_PAGE = (409, "Offre suspendue",
                  "Le recruteur a suspendu cette offre pour le moment : elle ne reçoit pas de candidatures. "
                  "Revenez plus tard ou lancez une nouvelle recherche.")


@dataclass(frozen=True)
class Opening:
    """An offer open to applications, as applying needs it."""

    offer_id: str
    kind: str  # SITE | COURRIEL
    title: str
    company: str
    raw: dict[str, Any] = field(default_factory=dict)  # the v2 JSON: the requirements shown beside « mes atouts »
    recruiter_id: str = ""  # SITE: whose inbox
    contact_email: str = ""  # COURRIEL: where the application is mailed


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    message: str
    offer_page: bool = False  # the offer is online and its page says how to apply


def opening(services: Services, offer_id: str) -> Opening | Refusal:
    offer_id = (offer_id or "").upper()
    if not OFFER_ID.fullmatch(offer_id):
        return Refusal(*UNKNOWN)
    owner = owner_of(services.records, offer_id)
    if owner is not None:
        if owner.state != ONLINE:
            return Refusal(*(FILLED_PAGE if owner.state == FILLED else
                             SUSPENDED_PAGE if owner.state == SUSPENDED else CLOSED_PAGE))
        item = services.records.get(f"USER#{owner.recruiter_id}", f"OFFER#{offer_id}")
        raw = SiteOffer.from_item(item).raw if item else {}
        if not raw:
            indexed = services.offers.get(offer_id)
            raw = indexed.raw if indexed is not None else {}
        return Opening(offer_id, SITE, owner.title or str(raw.get("intitule") or ""), owner.company, raw,
                       recruiter_id=owner.recruiter_id)
    offer = services.offers.get(offer_id)
    if offer is None:
        return Refusal(*UNKNOWN)
    email = how_to_apply(offer.raw).email
    if not email:
        return Refusal(*NO_WAY)
    company = str((offer.raw.get("entreprise") or {}).get("nom") or offer.company or "")
    return Opening(offer_id, COURRIEL, str(offer.raw.get("intitule") or offer.title), company, offer.raw,
                   contact_email=email)


def is_site_offer(raw: dict[str, Any], site_url: str, offer_id: str) -> bool:
    """A site offer's JSON names this site's page of the offer as its origin."""
    origin = raw.get("origineOffre")
    url = origin.get("urlOrigine") if isinstance(origin, dict) else None
    return isinstance(url, str) and url.rstrip("/") == f"{site_url.rstrip('/')}/offres/{offer_id}"


def offer_page_kind(raw: dict[str, Any], site_url: str, offer_id: str) -> str | None:
    """What the offer page offers: « Postuler » for a site offer (SITE) or an imported offer with a
    contact e-mail (COURRIEL); None when only the offer's own ways to apply are shown."""
    if is_site_offer(raw, site_url, offer_id):
        return SITE
    return COURRIEL if how_to_apply(raw).email else None


def requirements(raw: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The offer's requirements, shown beside « Mes atouts pour ce poste »: (heading, lines)."""
    found: list[tuple[str, list[str]]] = []
    experience = str(raw.get("experienceLibelle") or "").strip()
    if experience:
        found.append(("Expérience", [experience]))
    for key, heading in (("competences", "Compétences"), ("qualitesProfessionnelles", "Qualités professionnelles"),
                         ("formations", "Formation"), ("langues", "Langues"), ("permis", "Permis")):
        lines = []
        for item in raw.get(key) or ():
            if not isinstance(item, dict):
                continue
            text = str(item.get("libelle") or item.get("domaineLibelle") or item.get("niveauLibelle") or "").strip()
            if item.get("niveauLibelle") and (item.get("libelle") or item.get("domaineLibelle")):
                text += f" ({item['niveauLibelle']})"
            if item.get("exigence") == "E":
                text += " : exigé"
            elif item.get("exigence") == "S":
                text += " : souhaité"
            if text:
                lines.append(text)
        if lines:
            found.append((heading, lines))
    return found
