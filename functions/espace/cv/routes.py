"""« Mes CV »: the list, creating a CV, a CV's page (its four steps, gauge, actions), suspending, resuming,
copying, deleting, searching offers for a CV, and the dashboard panel.
"""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"candidat"})
