"""An address change into another agency's territory moves the dossier (espace.dossier.moving), on
both profiles: the dossier, the agency index and the change in one transaction, once for a retried
request; the confirmation and the receipt name the new agency with its address; appointments with
the old agency kept; the new agency's counsellors read the dossier and the change, the old one's no
longer; an address within the same agency moves nothing; two racing moves leave one index entry."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from espace import clock
from espace.bootstrap import get_services
from espace.dossier import agency_index, moving, situation
from espace.dossier.access import dossier_of
from espace.text import PARIS
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.dossier.test_agenda import booked
from tests.functional.dossier.test_situation import BASE, VALID, day, errors, send
from tests.functional.inscription.helpers import counsellor_client
from tests.functional.inscription.test_appointment import open_slots

TODAY = dt.date(2026, 12, 7)
NANTES = {"adresse": "2 rue de Strasbourg", "complement": "", "code_postal": "44000", "commune": "44109",
          **day("date", TODAY)}


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 7, 10, 0, tzinfo=PARIS))


def receipt_text(email: str, key: str) -> str:
    services = get_services()
    pk = f"USER#{user_id_of(email)}"
    link = services.records.get(pk, f"LETTER-KEY#changement-situation#{key}")
    assert link is not None
    item = services.records.get(pk, link["letter"])
    assert item is not None
    data = services.files.get(item["file"]).data
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_a_move_to_another_agency_moves_the_dossier_once(platform):
    email = "demenage-nantes@example.fr"
    client, _registration, dossier, _letter = validated_candidate(platform, email)
    uid, records = user_id_of(email), get_services().records
    assert dossier.agency_id == "17" and agency_index.get(records, "17", dossier.identifier) is not None
    [slot] = open_slots(1)
    booked(email, slot)
    assert send(client, "reprise", VALID["reprise"]).status == 303  # a change told to La Rochelle
    old_counsellor = counsellor_client(platform, "conseil-la-rochelle@example.fr")
    earlier = old_counsellor.get("/conseiller/changements-de-situation").html.xpath(
        '//a[starts-with(@href, "/conseiller/changements-de-situation/")]/@href')[0]
    assert old_counsellor.get(earlier).status == 200
    assert old_counsellor.get(f"/conseiller/candidats/{dossier.identifier}").status == 200

    form = client.get(f"{BASE}/adresse")
    key = form.html.xpath('//input[@name="cle"]/@value')[0]
    token = form.html.xpath('//input[@name="csrf"]/@value')[0]
    first = client.post(f"{BASE}/adresse", {"cle": key, **NANTES}, csrf=token)
    again = client.post(f"{BASE}/adresse", {"cle": key, **NANTES}, csrf=token)  # a retried request
    assert first.status == again.status == 303, errors(first)

    moved = dossier_of(records, uid)
    assert moved is not None and moved.agency_id == "44" and moved.periods == dossier.periods
    assert moved.identifier == dossier.identifier
    assert agency_index.get(records, "17", dossier.identifier) is None
    entry = agency_index.get(records, "44", dossier.identifier)
    assert entry is not None and entry["user_id"] == uid and entry["name"] == "Camille DURAND"
    [mark] = records.query(f"USER#{uid}", moving.PREFIX)
    assert (mark["from"], mark["to"], mark["key"]) == ("17", "44", key)
    change = situation.get(records, uid, key)
    assert change is not None and change.agency_id == "44" and change.moved_from == "17"
    assert len(records.query("AGENCY#44", situation.PREFIX)) == 1
    assert records.query("AGENCY#17", situation.PREFIX) == []  # La Rochelle no longer lists them

    page = client.get(BASE)
    card = page.html.xpath(f'//li[@id="changement-{key}"]')[0].text_content()
    assert "suivi par l'agence de Nantes" in " ".join(page.text().split())
    assert "Vos rendez-vous déjà fixés avec l'agence de La Rochelle sont maintenus" in " ".join(card.split())
    nantes = get_services().agencies.get("44")
    assert nantes is not None and nantes.full_address in " ".join(card.split())
    text = receipt_text(email, key)
    assert "Votre nouvelle agence" in text and nantes.full_address in text and nantes.name in text
    assert "sont maintenus" in text
    # The appointment with La Rochelle is kept, still listed in « Mon agenda ».
    assert [a["agency_id"] for a in records.query(f"USER#{uid}", "APPOINTMENT#")] == ["17"]
    assert "Rendez-vous avec votre conseiller" in client.get("/mon-dossier/agenda").text()

    # La Rochelle no longer reads the dossier nor its changes; Nantes does.
    assert old_counsellor.get(f"/conseiller/candidats/{dossier.identifier}").status == 404
    assert old_counsellor.get(earlier).status == 404
    assert "Aucun changement" in old_counsellor.get("/conseiller/changements-de-situation").text()
    new_counsellor = counsellor_client(platform, "conseil-nantes@example.fr", agency_id="44", ip="198.51.100.61")
    listing = new_counsellor.get("/conseiller/changements-de-situation")
    assert "Changement d'adresse" in listing.text() and "Reprise d'emploi" not in listing.text()
    link = f"/conseiller/changements-de-situation/{uid}-{key}"
    assert new_counsellor.get(link).status == 200
    assert new_counsellor.get(f"/conseiller/candidats/{dossier.identifier}").status == 200
    found = new_counsellor.get("/conseiller/candidats?recherche=durand")
    assert found.html.xpath(f'//a[@href="/conseiller/candidats/{dossier.identifier}"]')


def test_an_address_served_by_the_same_agency_moves_nothing(platform):
    email = "demenage-rochefort@example.fr"
    client, _registration, _dossier, _letter = validated_candidate(platform, email)
    assert send(client, "adresse", VALID["adresse"]).status == 303
    uid, records = user_id_of(email), get_services().records
    [change] = records.query(f"USER#{uid}", situation.PREFIX)
    assert dossier_of(records, uid).agency_id == "17"  # type: ignore[union-attr]
    assert records.query(f"USER#{uid}", moving.PREFIX) == []
    assert "suivi par" not in client.get(BASE).text()
    assert "Votre nouvelle agence" not in receipt_text(email, change["key"])


def test_two_racing_moves_leave_one_agency(platform, monkeypatch):
    """Two address changes sent at once from La Rochelle, one to Nantes and one to Bordeaux: each is
    recorded, the dossier ends with one agency and only that agency's index holds it."""
    email = "demenage-course@example.fr"
    _client, _registration, dossier, _letter = validated_candidate(platform, email)
    services = get_services()
    uid = user_id_of(email)
    real, raced = moving.current, []

    def late_read(records, user_id):
        # The second request read the state before the first one's transaction committed.
        result = real(records, user_id)
        if not raced:
            raced.append(True)
            situation.record(services, dossier, "a" * 32, "adresse", "Changement d'adresse", TODAY, None,
                             [("Nouvelle adresse", "Nantes")], {}, "Camille DURAND", moves_to="44")
        return result

    monkeypatch.setattr(moving, "current", late_read)
    change, made = situation.record(services, dossier, "b" * 32, "adresse", "Changement d'adresse", TODAY, None,
                                    [("Nouvelle adresse", "Bordeaux")], {}, "Camille DURAND", moves_to="33")
    assert made and change.agency_id == "33" and change.moved_from == "44"
    records = services.records
    assert dossier_of(records, uid).agency_id == "33"  # type: ignore[union-attr]
    assert [agency_index.get(records, a, dossier.identifier) is not None for a in ("17", "44", "33")] == [
        False, False, True]
    assert [(m["from"], m["to"]) for m in records.query(f"USER#{uid}", moving.PREFIX)] == [("17", "44"), ("44", "33")]
