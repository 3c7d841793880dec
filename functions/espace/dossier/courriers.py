"""« Mes courriers »: the dossier's letters as PDFs, read or unread, GET /mon-dossier/courriers
(helper F)."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
