"""JSON routes of the platform: health check and the OpenAPI document."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter

from espace.settings import get_settings

router = APIGatewayHttpRouter()


@router.get("/sante", summary="État du service", tags=["plateforme"],
            responses={200: {"description": "Le service répond",
                             "content": {"application/json": {"schema": {
                                 "type": "object", "required": ["status", "profile"],
                                 "properties": {"status": {"type": "string"}, "profile": {"type": "string"}}}}}}})
def health():
    return {"status": "ok", "profile": get_settings().profile}
