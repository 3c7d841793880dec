"""Étape 4 sur 4, « Mise en ligne » (the seed's étape 3): consents, the gauge's « Compléter / Ignorer » page, the
confirmation with the offers matching the CV.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
