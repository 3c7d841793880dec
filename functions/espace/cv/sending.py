"""« Envoyer par courriel »: a CV's PDF (or the personal CV's file) sent to a recipient with copies, a cover
letter and the contact details.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
