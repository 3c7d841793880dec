"""The candidate's side of registration, under /mon-espace/inscription (AccountsFunction).

- ``/mon-espace/inscription/demande…``: the five steps, their drafts and the check page (the kit's
  step engine over ``flow.FLOW``); sending calls ``submission.submit``.
- ``/mon-espace/inscription``: the request's page (``status.py``), the appointment
  (``appointment.py``), the forms to print (``printing.py``).
"""

from __future__ import annotations

from espace.inscription.flow import FLOW
from espace.inscription.submission import submit
from espace.web.auth import AreaRouter
from espace.web.steps import steps_router

router = AreaRouter(roles={"candidat"})
steps_router(FLOW, router, submit, mount="/mon-espace")
