"""Étape 3 sur 4, « Mise en page » (the seed's étape 2): three layouts, two orders, a preview, the PDF.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
