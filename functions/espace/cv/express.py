"""The personal CV (express mode) and a complete CV's attached file: uploads checked by content, downloads.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
