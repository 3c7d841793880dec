"""« Postuler » (/mon-espace/candidatures/postuler/<offre>/…): choose a CV, « valoriser ses atouts »,
the phone number, check, send."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
