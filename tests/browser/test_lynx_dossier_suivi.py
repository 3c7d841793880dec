"""In a text browser (lynx, no JavaScript, no CSS): a candidate with a dossier moves an appointment
in « Mon agenda », signals a return to work, and gives a consent — each answer read in text."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from tests.browser.lynx import Lynx, registered_and_signed_in
from tests.browser.test_axe_courriers import gateway  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
EMAIL = "lynx-suivi@example.fr"


def test_move_an_appointment_signal_a_change_and_consent_in_a_text_browser(gateway, tmp_path):  # noqa: F811
    from espace.agences.agenda import AgencyAgenda, local_key
    from espace.bootstrap import get_services
    from tests.functional.accounts.helpers import user_id_of
    from tests.functional.inscription.test_appointment import open_slots

    base, outbox = gateway
    lynx = Lynx(base, tmp_path / "cookies")
    registered_and_signed_in(lynx, outbox, EMAIL)

    starts = open_slots(3, hour=11)
    AgencyAgenda(get_services().records, "17").book(starts[0], user_id_of(EMAIL), purpose="suivi", reference="l",
                                                    name="Camille DURAND")
    agenda = lynx.text("/mon-dossier/agenda")
    assert "Rendez-vous avec votre conseiller" in agenda and "Déplacer" in agenda, agenda[:1500]
    public = f"{local_key(starts[0]).replace(':', '')}-17"
    action, fields = lynx.form(f"/mon-dossier/agenda/{public}/deplacement", "/deplacement")
    moved = lynx.text(action, {**fields, "creneau": local_key(starts[1])})
    assert "est déplacé" in moved, moved[:1500]

    action, fields = lynx.form("/mon-dossier/changement-de-situation/reprise", "/reprise")
    later = clock.today() + dt.timedelta(days=7)
    told = lynx.text(action, {**fields, "date-jour": str(later.day), "date-mois": str(later.month),
                              "date-annee": str(later.year), "employeur": "Boulangerie Martin", "contrat": "cdd"})
    assert "est enregistré" in told and "Boulangerie Martin" in told, told[:1500]

    action, fields = lynx.form("/mon-dossier/consentements", "/partenaires")
    given = lynx.text(action, fields)
    assert "votre accord est donné" in given and "Accord donné le" in given, given[:1500]
