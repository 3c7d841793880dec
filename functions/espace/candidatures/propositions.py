"""« Mes propositions » (/mon-espace/propositions): the offers recruiters propose, accepted or declined."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
