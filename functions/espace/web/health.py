"""JSON routes of the platform: health check and the OpenAPI document."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.router import APIGatewayHttpRouter
from pydantic import BaseModel

from espace.settings import get_settings

router = APIGatewayHttpRouter()


class Health(BaseModel):
    status: str
    profile: str


@router.get("/sante", summary="État du service", tags=["plateforme"])
def health() -> Health:
    return Health(status="ok", profile=get_settings().profile)
