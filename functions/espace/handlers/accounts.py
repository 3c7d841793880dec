"""Lambda function "AccountsFunction": accounts, « Mon espace » and the platform's JSON routes."""

from aws_lambda_powertools.event_handler import Response

from espace.accounts import routes as account_routes
from espace.accounts import space
from espace.agences import routes as agency_routes
from espace.alertes import routes as alert_routes
from espace.allocation import routes as allocation_routes
from espace.candidatures import apply as application_apply
from espace.candidatures import privacy  # noqa: F401  (its deletion hooks: applications anonymised)
from espace.candidatures import propositions as candidate_propositions
from espace.candidatures import routes as application_routes
from espace.classeur import routes as classeur_routes
from espace.cv import express as cv_express
from espace.cv import information as cv_information
from espace.cv import layout as cv_layout
from espace.cv import publication as cv_publication
from espace.cv import routes as cv_routes
from espace.cv import sending as cv_sending
from espace.cv import target as cv_target
from espace.dossier import agenda as dossier_agenda
from espace.dossier import allocations as dossier_allocations
from espace.dossier import attestations, consent, courriers, dashboard, itinerary, situation_routes, verification
from espace.dossier import privacy as dossier_privacy  # noqa: F401  (its deletion hook: the identifier)
from espace.dossier.actualisation import privacy as actualisation_privacy  # noqa: F401  (its index entries)
from espace.dossier.actualisation import routes as actualisation
from espace.inscription import appointment as registration_appointment
from espace.inscription import privacy as registration_privacy  # noqa: F401  (the agencies' copies)
from espace.inscription import routes as registration_steps
from espace.inscription import start as registration_start
from espace.inscription import status as registration_status
from espace.messages import routes as messages_routes
from espace.partage import routes as partage_routes
from espace.reunir import routes as reunir_routes
from espace.web import health, pending
from espace.web.app import create_app, make_handler

app = create_app([(account_routes.router, None), (space.router, "/mon-espace"), (space.data_router, "/mon-espace"),
                  (health.router, "/api"),
                  (alert_routes.router, "/mon-espace"), (alert_routes.public, None),
                  (messages_routes.router, "/mon-espace"), (partage_routes.router, None),
                  (pending.router, "/mon-espace"),
                  (classeur_routes.public_router, "/mon-espace"), (classeur_routes.router, "/mon-espace"),
                  # The CV bank (issue 10): one router per part of the area.
                  *[(module.router, "/mon-espace") for module in (cv_routes, cv_target, cv_information, cv_layout,
                                                                   cv_publication, cv_express, cv_sending)],
                  # Applications and propositions, the candidate's side (issue 11).
                  *[(module.router, "/mon-espace") for module in (application_routes, application_apply,
                                                                   candidate_propositions)],
                  # Registration, its appointment and the agency finder (issue 12).
                  (registration_start.router, None), (agency_routes.router, None),
                  (allocation_routes.router, None),  # the ARE simulator (issue 13)
                  *[(module.router, "/mon-espace") for module in (registration_steps, registration_status,
                                                                   registration_appointment)],
                  (courriers.router, "/mon-dossier"),
                  (dossier_allocations.router, "/mon-dossier"),  # « Mes allocations » (issue 13)
                  *[(m.router, "/mon-dossier") for m in (dossier_agenda, situation_routes, consent, itinerary)],  # §5
                  (actualisation.router, "/mon-dossier"), (actualisation.public, None),  # the actualisation (issue 13)
                  # The dashboard, the attestations and their public verification (issue 13).
                  *[(m.router, "/mon-dossier") for m in (dashboard, attestations)], (verification.router, None),
                  (reunir_routes.router, "/mon-espace"),  # joining a DDE and a DRE (issue 13)
                  ])


@app.get("/api/openapi.json", include_in_schema=False)
def openapi():
    return Response(status_code=200, content_type="application/json",
                    body=app.get_openapi_json_schema(title="Espace candidat", version="1"))


handler = make_handler(app)
