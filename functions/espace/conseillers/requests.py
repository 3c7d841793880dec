"""Counsellors: the agency's registration requests and the registration interview (helper E)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"conseiller"})
