"""A CV as a tagged PDF/UA-1 document, from the same templates as the page's preview.

The document is one set of templates (``theme/templates/services/cv/document/``) over the CV:
a layout is a stylesheet and an arrangement of the same sections (Reactive Resume's idea),
the order puts the experiences or the trainings first (Europass's two orders). The page of
étape 2 includes the same body (``document/body.html``) with headings one level lower, so
what the candidate sees is what the PDF holds.

WeasyPrint writes the structure tree (``pdf_variant="pdf/ua-1"``): the language comes from
``<html lang="fr">``, the title from ``<title>``; the templates avoid ``dl`` and ``figure``
(weakly tagged) and keep list items to plain text (PDF/UA wants ``LI`` to hold only a label
and a body, so an experience with its heading is a section, not a list item). veraPDF checks
every layout and order in the suite (tests/functional/cv/test_pdf.py).

Contact details are printed only when given: the candidate's own view and a CV sent by the
candidate carry them; the CV bank's copy for recruiters carries them only with the consent
``share_details`` (``for_recruiters``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from espace.cv.model import LANGUAGE_LEVELS, LANGUAGES, LAYOUTS, LICENCES, ORDERS, TRAINING_LEVELS
from espace.text import MONTHS

if TYPE_CHECKING:
    from jinja2 import Environment

    from espace.cv.model import Contact, Cv, Experience, Layout, PersonalCv
    from espace.settings import Settings

DOCUMENT = "services/cv/document/cv.html"
COVER = "services/cv/document/cover.html"
STYLESHEET = Path("static") / "css" / "cv-document.css"  # under the theme: also the preview's stylesheet
MODELS = dict(LAYOUTS)
ORDER_NAMES = dict(ORDERS)
_LANGUAGES, _LEVELS, _LICENCES = dict(LANGUAGES), dict(LANGUAGE_LEVELS), dict(LICENCES)
_TRAINING_LEVELS = dict(TRAINING_LEVELS)


def month(value: str) -> str:
    """"2021-03" -> "mars 2021" (what a CV prints); anything else as it is."""
    try:
        year, number = value.split("-")
        return f"{MONTHS[int(number) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return value


def period(experience: Experience) -> str:
    if not experience.start:
        return ""
    if not experience.end:
        return f"depuis {month(experience.start)}"
    if experience.end == experience.start:
        return month(experience.start)
    start = month(experience.start)
    return f"{'d’' if start[:1] in 'aeiouAEIOU' else 'de '}{start} à {month(experience.end)}"


def paragraphs(text: str) -> list[str]:
    """A description typed with blank lines or line breaks, as paragraphs."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Document:
    """What the templates read: the CV, the contact details to print (or None) and the layout."""

    cv: Cv
    contact: Contact | None
    model: str
    order: str

    @property
    def sections(self) -> tuple[str, str]:
        return ("experiences", "trainings") if self.order == "experience" else ("trainings", "experiences")

    @property
    def heading(self) -> str:
        """The document's first heading: the candidate's name when it is printed, else the title."""
        if self.contact is not None and self.contact.name:
            return self.contact.name
        return self.cv.display_title

    def context(self, level: int) -> dict[str, Any]:
        return {"doc": self, "cv": self.cv, "contact": self.contact, "level": level, "period": period,
                "paragraphs": paragraphs, "languages": _LANGUAGES, "levels": _LEVELS, "licences": _LICENCES,
                "training_levels": _TRAINING_LEVELS, "model_name": MODELS[self.model]}


def document(cv: Cv, contact: Contact | None, layout: Layout | None = None) -> Document:
    layout = layout or cv.layout
    model = layout.model if layout.model in MODELS else "classique"
    order = layout.order if layout.order in ORDER_NAMES else "experience"
    shown = contact if contact is not None and _has_any(contact) else None
    return Document(cv, shown, model, order)


def _has_any(contact: Contact) -> bool:
    return any((contact.name, contact.email, contact.phone, contact.address, contact.city))


@lru_cache(maxsize=2)
def _environment(templates_dir: str) -> Environment:
    from espace.templating import environment

    return environment(templates_dir)


@lru_cache(maxsize=2)
def _stylesheet(templates_dir: str) -> Any:
    from weasyprint import CSS

    return CSS(filename=str(Path(templates_dir).parent / STYLESHEET))


def _settings() -> Settings:
    from espace.settings import get_settings

    return get_settings()


def html(cv: Cv, contact: Contact | None, layout: Layout | None = None, *, settings: Settings | None = None) -> str:
    """The whole document as HTML: what the PDF is written from."""
    templates = (settings or _settings()).templates_dir
    return _environment(templates).get_template(DOCUMENT).render(**document(cv, contact, layout).context(1))


def _write(markup: str, templates_dir: str) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=markup, base_url=templates_dir).write_pdf(
        stylesheets=[_stylesheet(templates_dir)], pdf_variant="pdf/ua-1")
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf


def render(cv: Cv, contact: Contact | None, layout: Layout | None = None, *, settings: Settings | None = None) -> bytes:
    """The CV as a tagged PDF/UA-1 file, in ``layout`` (the CV's own by default); ``contact``
    None prints no contact details."""
    templates = (settings or _settings()).templates_dir
    return _write(html(cv, contact, layout, settings=settings), templates)


def for_recruiters(cv: Cv, contact: Contact, *, settings: Settings | None = None) -> bytes:
    """The CV bank's copy: contact details only when the candidate consented (seed: « sans les
    coordonnées personnelles »)."""
    return render(cv, contact if cv.consent.share_details else None, settings=settings)


def render_personal_cover(personal: PersonalCv, contact: Contact | None, *, settings: Settings | None = None) -> bytes:
    """An express CV's cover page: its title, the attached file's name, and the contact details
    when given (the seed's anonymity choice is the caller's: ``personal.show_contact``)."""
    templates = (settings or _settings()).templates_dir
    shown = contact if contact is not None and _has_any(contact) else None
    markup = _environment(templates).get_template(COVER).render(personal=personal, contact=shown)
    return _write(markup, templates)


def pdf_filename(cv: Cv) -> str:
    """A safe file name for the Content-Disposition header: ASCII letters, digits and dashes."""
    from espace.text import fold

    words = "".join(c if c.isascii() and c.isalnum() else "-" for c in fold(cv.display_title)).strip("-").lower()
    words = "-".join(part for part in words.split("-") if part)[:60].strip("-")
    return f"cv-{words or cv.id}.pdf"
