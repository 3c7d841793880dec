"""The forms to print and sign (seed: « Le demandeur doit imprimer les formulaires complétés et
les signer »): the whole request as one tagged PDF/UA-1 document.

``render(services_or_settings, registration) -> bytes`` is the one entry point: the request's
page serves it (GET /mon-espace/inscription/demande.pdf) and the appointment's mail attaches it
Every step's answers are read back through the step forms (``steps.summary_rows``),
so the document says what the check page said; then the agency, the appointment and a signature
block « Fait à … le … Signature ».

As the CV's PDF (``espace.cv.pdf``): WeasyPrint writes the structure tree (``pdf/ua-1``), the
language comes from ``<html lang="fr">`` and the title from ``<title>``; the template holds
tables with ``th scope`` and plain paragraphs, no ``dl`` nor ``figure`` (weakly tagged).
veraPDF checks it in tests/functional/inscription/test_printing.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from espace.inscription.flow import FLOW
from espace.inscription.model import KIND_LABELS, STATE_LABELS, Registration
from espace.text import clock_time, french_date
from espace.web.steps import summary_rows

if TYPE_CHECKING:
    from jinja2 import Environment

    from espace.agences.model import Agencies
    from espace.bootstrap import Services
    from espace.settings import Settings

DOCUMENT = "services/inscription/document.html"


@lru_cache(maxsize=2)
def _environment(templates_dir: str) -> Environment:
    from espace.templating import environment

    return environment(templates_dir)


def _parts(services_or_settings: Services | Settings) -> tuple[Settings, Agencies]:
    """The settings and the agencies, from the services (a route, a job) or the settings alone."""
    from espace.agences.model import Agencies
    from espace.settings import Settings

    if isinstance(services_or_settings, Settings):
        return services_or_settings, Agencies.load(Path(services_or_settings.data_dir) / "agences")
    return services_or_settings.settings, services_or_settings.agencies


def sections(registration: Registration) -> list[dict[str, Any]]:
    """Each step's title and its answered rows (label, value as one line)."""
    rows = summary_rows(FLOW, {slug: {"values": values} for slug, values in registration.steps.items()})
    found = []
    for step in FLOW.steps:
        answered = []
        for row in rows:
            value = row["value"]
            text = ", ".join(v for v in value if v) if isinstance(value, list) else str(value or "")
            if row["step"] == step.title and text:
                answered.append({"key": row["key"], "value": text})
        found.append({"title": step.title, "rows": answered})
    return found


def html(services_or_settings: Services | Settings, registration: Registration) -> str:
    settings, agencies = _parts(services_or_settings)
    agency = agencies.get(registration.agency_id)
    appointment = registration.appointment
    when = (f"{french_date(int(appointment['start']), weekday=True)} à {clock_time(int(appointment['start']))}"
            if appointment else "")
    return _environment(settings.templates_dir).get_template(DOCUMENT).render(
        registration=registration, kind=KIND_LABELS.get(registration.kind, registration.kind),
        state=STATE_LABELS.get(registration.state, registration.state), submitted_on=french_date(
            registration.submitted_at), agency=agency, appointment_when=when, sections=sections(registration))


def render(services_or_settings: Services | Settings, registration: Registration) -> bytes:
    """The request as a tagged PDF/UA-1 file (stable signature: the appointment's mail calls it)."""
    from weasyprint import HTML

    settings, _ = _parts(services_or_settings)
    pdf = HTML(string=html(services_or_settings, registration), base_url=settings.templates_dir).write_pdf(
        pdf_variant="pdf/ua-1")
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf


def filename(registration: Registration) -> str:
    return f"demande-inscription-{registration.number:03d}.pdf"
