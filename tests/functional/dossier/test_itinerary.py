"""« Mon itinéraire professionnel » on both profiles: the registration, its request, the training
of step 4, appointments and declared work, newest first under a heading per year."""

from __future__ import annotations

from espace.agences.agenda import AgencyAgenda
from espace.bootstrap import get_services
from espace.dossier.records import Declaration, Work
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import AGENCY
from tests.functional.inscription.test_appointment import open_slots

BASE = "/mon-dossier/itineraire"


def test_without_a_dossier(platform):
    client = signed_in_client(platform, "sans-dossier-itineraire@example.fr")
    assert "Vous n'avez pas encore de dossier" in client.get(BASE).text()


def test_the_itinerary_in_date_order(platform):
    client, _registration, dossier, _letter = validated_candidate(platform, "itineraire@example.fr")
    uid = user_id_of("itineraire@example.fr")
    records = get_services().records
    records.put(Declaration(uid, "2024-03", True, work=[Work("Boulangerie Martin", 42, 51234)]).item())
    records.put(Declaration(uid, "2025-06", True, work=[Work("Intérim Atlantique", 70, 90000),
                                                        Work("Café du Port", 10, 12000)]).item())
    [start] = open_slots(1)
    AgencyAgenda(records, AGENCY).book(start, uid, purpose="suivi", reference="s", name="Camille DURAND")
    page = client.get(BASE)
    assert page.status == 200
    years = [h.text_content().strip() for h in page.html.xpath("//main//h2")]
    assert years == sorted(years, reverse=True) and {"2015", "2024", "2025"} <= set(years)
    items = [" ".join(li.text_content().split()) for li in page.html.xpath("//ul[@class='timeline']/li")]
    assert any("Formation : CAP Boulanger" in item and "CFA de La Rochelle" in item for item in items)
    assert any("Travail déclaré : Boulangerie Martin" in item and "42 heures" in item and "512,34" in item
               for item in items)
    assert any("mars 2024" in item for item in items)
    assert any("Début d'inscription" in item and dossier.identifier in item for item in items)
    assert any("Rendez-vous : Rendez-vous avec votre conseiller" in item for item in items)
    order = [i for i, item in enumerate(items) if "Café du Port" in item or "Boulangerie Martin" in item
             or "CAP Boulanger" in item]
    assert [items[i].split(":")[1].strip().split(" ")[0] for i in order] == ["Café", "Boulangerie", "CAP"]
    assert page.text().index("2025") < page.text().index("2024") < page.text().rindex("2015")
