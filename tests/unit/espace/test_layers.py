"""The layers of functions/espace, read from the source (every import, lazy ones included).

- base: settings, ports, text, search_text, contract_types, rome, places/ — shared by every
  area, they import none of the layers above them;
- web/, the kit: never an area, an adapter or a handler (areas plug into it, not the reverse);
- areas (accounts, offers, infosearch, alertes, classeur, messages, partage, lettre, cv): never an
  adapter (bootstrap picks them), a handler or the gateway, nor another area but what it
  publishes (SHARED_MODULES);
- adapters: ports and base only (an area's port module, such as offers.model, counts as a port);
- handlers: imported by nobody but themselves; bootstrap is the one module that imports adapters.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "functions" / "espace"
BASE = ("espace.settings", "espace.ports", "espace.once", "espace.slots", "espace.text", "espace.search_text",
        "espace.contract_types", "espace.rome", "espace.places")
AREAS = ("espace.accounts", "espace.offers", "espace.infosearch", "espace.alertes", "espace.classeur",
         "espace.messages", "espace.partage", "espace.lettre", "espace.cv", "espace.candidatures",
         "espace.recruteurs", "espace.agences", "espace.inscription", "espace.dossier", "espace.conseillers",
         "espace.allocation", "espace.reunir")
# What an area publishes to the others: the offer search's query and criteria (saved searches,
# alerts), the e-mail rules of accounts, the Mailbox of « Mes messages » (every area that mails
# a candidate goes through it), the CV bank's model, index port, PDFs and book (applications,
# recruiters), how to apply to an imported offer, the applications' model and desk (recruiters'
# inboxes, propositions) and the recruiters' model (who published a site offer); the v2 offer
# validator (a recruiter's published offer is checked as the importer checks an imported one);
# a recruiter's account being an account, the accounts' service, forms and routes; what the offer
# page asks to show « Postuler » (candidatures.opening); choosing a métier (offers.job_choice); the
# CV's contact form (applying and accepting a proposition ask for the same name and phone), its
# place chooser and its contact stripping (the recruiters' CV bank search); the propositions'
# service (both sides answer it).
# Everything else of an area is its own.
SHARED_MODULES = ("espace.offers.model", "espace.offers.search_form", "espace.offers.summary",
                  "espace.accounts.validation", "espace.messages.service", "espace.alertes.model",
                  "espace.cv.model", "espace.cv.index", "espace.cv.pdf", "espace.cv.service",
                  "espace.offers.offer_apply", "espace.candidatures.model", "espace.candidatures.service",
                  "espace.recruteurs.model", "espace.offers.schema", "espace.accounts.service",
                  "espace.accounts.forms", "espace.accounts.routes", "espace.candidatures.opening",
                  "espace.offers.job_choice", "espace.cv.information_forms", "espace.cv.targeting",
                  "espace.cv.indexing", "espace.recruteurs.proposals",
                  # Registration (issue 12): the agencies and their agendas (booked by candidates,
                  # held by counsellors), the request and its desk, the five steps' forms (the
                  # counsellor corrects a request with them), the dossier opened at validation, the
                  # counsellors' model and audit log, and how an account's secret is hashed.
                  "espace.agences.model", "espace.agences.agenda", "espace.inscription.model",
                  "espace.inscription.service", "espace.inscription.flow",
                  *(f"espace.inscription.forms_{step}" for step in ("administrative", "situation", "experiences",
                                                                     "knowledge", "project")),
                  "espace.dossier.model", "espace.dossier.opening", "espace.dossier.letters",
                  "espace.conseillers.model",
                  "espace.conseillers.audit", "espace.accounts.secrets",
                  # The ARE engine and its figures (issue 13): the simulator's, and the dossier's.
                  "espace.allocation.engine", "espace.allocation.figures",
                  # The right computed at the dossier's opening (a validation's, counsellor's or
                  # automatic), told with the simulator's own sentences and amounts.
                  "espace.dossier.rights", "espace.allocation.explain", "espace.allocation.forms",
                  # Agenda and changes of situation (issue 13, §5): moving a registration's
                  # appointment keeps its booking marker (inscription.booking), the bank details
                  # are checked as at registration (inscription.checks), and the counsellors read
                  # the changes of situation (dossier.situation).
                  "espace.inscription.booking", "espace.inscription.checks", "espace.dossier.situation",
                  # Joining two spaces (issue 13) moves what the saved searches and applications
                  # keep outside the account (their services and deletion rules); the agency's index
                  # of dossiers is the counsellors' search.
                  "espace.alertes.service", "espace.candidatures.privacy", "espace.dossier.agency_index",
                  # The dossier's monthly records (declaration, right, payment) and their index keys,
                  # which the actualisation, the payments, the attestations and the counsellors share;
                  # the counsellors' list of missed actualisations reads the actualisation's entries;
                  # the dossier's dashboard counts visits as « Mon espace » does.
                  "espace.dossier.records", "espace.dossier.actualisation.common", "espace.accounts.visits",
                  # « Partager mon CV avec les employeurs » is one truth with the CV bank: the consent
                  # page withdraws the CVs through the bank's rule, the CV pages record the consent.
                  "espace.cv.bank_consent", "espace.dossier.consent",
                  # The agency's post: the counsellors list and mark sent what the dossier queues, and
                  # print an attestation asked by post with the dossier's own maker.
                  "espace.dossier.post", "espace.dossier.attestations", "espace.dossier.attestation_kinds")
PORT_MODULES = ("espace.ports", "espace.offers.model", "espace.alertes.model", "espace.alertes.matching",
                "espace.cv.index")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every espace module ``path`` imports, at any depth of the code (submodules resolved)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in MODULES}
    return {name for name in found if name == "espace" or name.startswith("espace.")}


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def area_of(name: str) -> str | None:
    return next((area for area in AREAS if within(name, (area,))), None)


def forbidden(importer: str, imported: str) -> bool:
    if within(importer, BASE):
        return not within(imported, BASE)
    if within(importer, ("espace.web",)):
        return within(imported, (*AREAS, "espace.adapters", "espace.handlers", "espace.gateway"))
    if (area := area_of(importer)) is not None:
        shared = imported in SHARED_MODULES or any(module.startswith(imported + ".") for module in SHARED_MODULES)
        other_area = area_of(imported) not in (None, area) and not shared
        return other_area or within(imported, ("espace.adapters", "espace.handlers", "espace.gateway"))
    if within(importer, ("espace.adapters",)):
        return not within(imported, (*BASE, *PORT_MODULES, "espace.adapters"))
    if within(imported, ("espace.handlers",)):
        return not within(importer, ("espace.handlers",))
    return False


def test_the_package_is_read():
    assert {"espace.bootstrap", "espace.places.referential", "espace.offers.model", "espace.web.app"} <= set(MODULES)
    assert "espace.adapters.offers_sqlite" in imports(MODULES["espace.bootstrap"])  # lazy imports count


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_back_up_the_layers(module):
    wrong = sorted(name for name in imports(MODULES[module]) if forbidden(module, name))
    assert not wrong, f"{module} imports {wrong}"


@pytest.mark.parametrize("importer, imported", [
    ("espace.places.referential", "espace.offers.model"),  # a referential reaching into an area
    ("espace.web.pages", "espace.infosearch.index"),       # the kit reaching into an area
    ("espace.offers.pages", "espace.adapters.offers_sqlite"),  # an area choosing its adapter
    ("espace.offers.api", "espace.accounts.space"),        # one area into another
    ("espace.adapters.offers_sqlite", "espace.offers.search_form"),  # an adapter into an area's routes
    ("espace.web.app", "espace.handlers.offers"),
])
def test_the_rules_catch_each_kind_of_wrong_import(importer, imported):
    assert forbidden(importer, imported)
