"""Étape 1 sur 4, « Ma cible professionnelle » (the seed's étape 0): métier and spécificités, places, contract
types and working time.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
