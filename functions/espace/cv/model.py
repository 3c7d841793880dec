"""A CV of the CV bank: one JSON-like document per CV, after JSON Resume's sections.

The complete mode's CV (« CV complet ») holds a professional target (étape 0), the CV's
information (étape 1: title, pitch, experiences, trainings, languages, licences, other
skills, an attached personal CV), a layout (étape 2) and the publication consents
(étape 3). The CV record *is* the draft: every sub-form writes into it, and the CV stays
« En cours de création » until it is published.

The express mode's CV (« CV personnel ») is one uploaded file per account (see
``PersonalCv``): uploading again replaces it, so the last one uploaded is the one
recruiters see, as in the seed.

Records refuse floats (the DynamoDB port): coordinates are not stored here; places keep
their referential code and are resolved again when indexed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from espace.contract_types import CONTRACT_TYPES

MAX_CVS = 5
MAX_EXPERIENCES = 30
MAX_TRAININGS = 20
MAX_LANGUAGES = 10
MAX_PLACES = 10

# --- states (seed: « En cours de création », « En ligne », « Suspendu ») -------------------
DRAFT, ONLINE, SUSPENDED = "brouillon", "en-ligne", "suspendu"
STATE_LABELS = {DRAFT: "En cours de création", ONLINE: "En ligne", SUSPENDED: "Suspendu"}

# --- étape 2: three layouts over the same document, two orders ------------------------------
LAYOUTS = (("classique", "Modèle 1 : classique"), ("colonnes", "Modèle 2 : en deux colonnes"),
           ("sobre", "Modèle 3 : sobre, sans couleur"))
ORDERS = (("experience", "Expérience en premier"), ("formation", "Formation en premier"))

# --- étape 0 -----------------------------------------------------------------------------------
CONTRACTS = CONTRACT_TYPES
WORKING_TIMES = (("plein", "Temps plein"), ("partiel", "Temps partiel"))

# --- étape 1 -----------------------------------------------------------------------------------
# The Common European Framework of Reference levels, told as Europass tells them.
LANGUAGE_LEVELS = (("A1", "A1 : débutant"), ("A2", "A2 : élémentaire"), ("B1", "B1 : intermédiaire"),
                   ("B2", "B2 : avancé"), ("C1", "C1 : autonome"), ("C2", "C2 : maîtrise"),
                   ("natif", "Langue maternelle"))
LANGUAGES = (("fr", "Français"), ("en", "Anglais"), ("es", "Espagnol"), ("de", "Allemand"), ("it", "Italien"),
             ("pt", "Portugais"), ("ar", "Arabe"), ("zh", "Chinois"), ("ru", "Russe"), ("nl", "Néerlandais"),
             ("pl", "Polonais"), ("ro", "Roumain"), ("tr", "Turc"), ("ja", "Japonais"),
             ("lsf", "Langue des signes française"), ("br", "Breton"),
             ("oc", "Occitan"), ("eu", "Basque"), ("co", "Corse"), ("ca", "Catalan"))
# The French driving licence categories (Code de la route, art. R221-4).
LICENCES = (("AM", "AM : cyclomoteur"), ("A1", "A1 : moto légère"), ("A2", "A2 : moto de puissance moyenne"),
            ("A", "A : moto"), ("B1", "B1 : quadricycle lourd"), ("B", "B : voiture"),
            ("BE", "BE : voiture avec remorque lourde"), ("C1", "C1 : camion léger"),
            ("C1E", "C1E : camion léger avec remorque"), ("C", "C : poids lourd"),
            ("CE", "CE : poids lourd avec remorque"), ("D1", "D1 : minibus"), ("D1E", "D1E : minibus avec remorque"),
            ("D", "D : autobus, autocar"), ("DE", "DE : autocar avec remorque"))
TRAINING_LEVELS = (("3", "CAP, BEP (niveau 3)"), ("4", "Baccalauréat (niveau 4)"), ("5", "Bac + 2 (niveau 5)"),
                   ("6", "Licence, bac + 3 (niveau 6)"), ("7", "Master, bac + 5 (niveau 7)"),
                   ("8", "Doctorat (niveau 8)"), ("autre", "Sans diplôme ou autre"))


@dataclass
class WantedPlace:
    kind: str  # "commune" | "departement" | "region", as espace.places.Place
    code: str
    label: str


@dataclass
class Target:
    """Étape 0, « Ma cible professionnelle »: every rubric is required (seed)."""

    appellation_code: str = ""
    appellation_label: str = ""
    rome_code: str = ""
    rome_label: str = ""
    skills: list[str] = field(default_factory=list)  # compétences of the fiche, as labelled there
    places: list[WantedPlace] = field(default_factory=list)
    contracts: list[str] = field(default_factory=list)  # CONTRACTS codes
    working_times: list[str] = field(default_factory=list)  # WORKING_TIMES codes

    @property
    def complete(self) -> bool:
        return bool(self.rome_code and self.places and self.contracts and self.working_times)


@dataclass
class Experience:
    id: str  # stable within the CV: the URLs of « Modifier » and « Supprimer » name it
    job: str
    employer: str = ""
    place: str = ""
    start: str = ""  # "YYYY-MM"
    end: str = ""  # "YYYY-MM", "" while current
    description: str = ""

    def months(self, today: str) -> int:
        """Whole months worked, ``today`` ("YYYY-MM") ending a current job."""
        if not self.start:
            return 0
        end = self.end or today
        (y1, m1), (y2, m2) = (map(int, self.start.split("-")), map(int, end.split("-")))
        return max(0, (y2 - y1) * 12 + (m2 - m1) + 1)


@dataclass
class Training:
    id: str
    title: str  # diploma or training
    school: str = ""
    place: str = ""
    year: str = ""  # the year obtained (or of the end), "YYYY"
    level: str = ""  # TRAINING_LEVELS code
    obtained: bool = True
    description: str = ""


@dataclass
class Language:
    code: str  # LANGUAGES code
    level: str  # LANGUAGE_LEVELS code


@dataclass
class Attachment:
    """An uploaded file: the original, kept under ``key``, and its extracted text under ``text_key``."""

    key: str
    filename: str
    content_type: str
    size: int
    uploaded_at: int
    text_key: str = ""


@dataclass
class Layout:
    model: str = "classique"
    order: str = "experience"
    chosen: bool = False  # étape 2 was saved once: its step is « Terminé »


@dataclass
class Consent:
    """Étape 3: publish in the CV bank; let counsellors pass the CV on with personal details."""

    publish: bool = False
    share_details: bool = False


@dataclass
class Cv:
    id: str
    state: str = DRAFT
    created_at: int = 0
    updated_at: int = 0
    published_at: int = 0
    target: Target = field(default_factory=Target)
    title: str = ""
    pitch: str = ""  # « accroche »
    experiences: list[Experience] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    licences: list[str] = field(default_factory=list)  # LICENCES codes
    other_skills: str = ""  # « compétences complémentaires »
    attachment: Attachment | None = None
    layout: Layout = field(default_factory=Layout)
    consent: Consent = field(default_factory=Consent)
    # What a sub-form's last invalid submission held, as typed, by form name: a closed browser
    # loses nothing, as in the kit's step engine.
    typed: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def display_title(self) -> str:
        return self.title or self.target.appellation_label or "CV sans titre"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def indexable(self) -> bool:
        """In the CV bank: online and published with consent (suspended or withdrawn CVs are not)."""
        return self.state == ONLINE and self.consent.publish

    def to_item(self, user_id: str) -> dict[str, Any]:
        return {"pk": f"USER#{user_id}", "sk": f"CV#{self.id}", "kind": "cv", **dataclasses.asdict(self)}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Cv:
        target = dict(item.get("target") or {})
        target["places"] = [WantedPlace(**p) for p in target.get("places", [])]
        attachment = item.get("attachment")
        return cls(
            id=item["id"], state=item.get("state", DRAFT), created_at=int(item.get("created_at", 0)),
            updated_at=int(item.get("updated_at", 0)), published_at=int(item.get("published_at", 0)),
            target=Target(**target), title=item.get("title", ""), pitch=item.get("pitch", ""),
            experiences=[Experience(**e) for e in item.get("experiences", [])],
            trainings=[Training(**t) for t in item.get("trainings", [])],
            languages=[Language(**lang) for lang in item.get("languages", [])],
            licences=list(item.get("licences", [])), other_skills=item.get("other_skills", ""),
            attachment=Attachment(**attachment) if attachment else None,
            layout=Layout(**(item.get("layout") or {})), consent=Consent(**(item.get("consent") or {})),
            typed=dict(item.get("typed") or {}))


@dataclass
class PersonalCv:
    """The express mode's CV: one file per account, with a title; ``show_contact`` is the
    seed's anonymity choice (recruiters see the file's own contact details only when True)."""

    id: str  # drawn at the first upload and kept: the CV bank's reference of this CV
    title: str
    attachment: Attachment
    show_contact: bool = False
    state: str = ONLINE  # ONLINE or SUSPENDED
    publish: bool = True  # consent to appear in the CV bank

    @property
    def indexable(self) -> bool:
        return self.state == ONLINE and self.publish

    def to_item(self, user_id: str) -> dict[str, Any]:
        return {"pk": f"USER#{user_id}", "sk": "CV-PERSONNEL", "kind": "cv-personnel", **dataclasses.asdict(self)}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> PersonalCv:
        return cls(id=item["id"], title=item["title"], attachment=Attachment(**item["attachment"]),
                   show_contact=bool(item.get("show_contact")), state=item.get("state", ONLINE),
                   publish=bool(item.get("publish", True)))


@dataclass
class Contact:
    """« Mes coordonnées », one set per account shared by every CV: shown on a CV only to
    whoever the candidate sends it to, or to employers when the candidate consented."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def to_item(self, user_id: str) -> dict[str, Any]:
        return {"pk": f"USER#{user_id}", "sk": "CV-COORDONNEES", "kind": "cv-coordonnees", **dataclasses.asdict(self)}

    @classmethod
    def from_item(cls, item: dict[str, Any] | None) -> Contact:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: str(v) for k, v in (item or {}).items() if k in names})
