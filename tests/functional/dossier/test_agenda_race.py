"""Races of « Mon agenda » and the changes of situation, through the pages, on both profiles.

Two candidates moving their appointments to one slot at once: both requests are held at the
move's transaction until both decided on the free slot (a barrier); exactly one gets it, the other
is told and keeps their own appointment, whose slot stays booked. Two identical submissions of a
change of situation at once (a double click) record one change and one receipt. On moto, whose
transactions do not check conditions atomically across threads, the held transactions run one
after the other under a lock — what DynamoDB itself guarantees (as tests/functional/inscription/
test_appointment_race.py does).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from espace.agences.agenda import AgencyAgenda, local_key
from espace.bootstrap import get_services
from espace.ports import Put
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.dossier.test_situation import VALID
from tests.functional.inscription.helpers import AGENCY
from tests.functional.inscription.test_appointment import open_slots


def held(platform, monkeypatch, is_it) -> list[bool]:
    """Hold both transactions ``is_it`` recognises until both are ready, then run them; on moto,
    every transaction of the two requests one after the other: moto checks and applies a
    transaction without excluding another thread's (the receipt's letter, written after the
    change, raced there)."""
    records = get_services().records
    real = records.transact
    barrier = threading.Barrier(2, timeout=30)
    serial = threading.Lock()
    met: list[bool] = []

    def transact(operations):
        if is_it(operations):
            barrier.wait()
            met.append(True)
        if platform.profile == "aws":  # every transaction, the receipts' letters' included
            with serial:
                return real(operations)
        return real(operations)

    monkeypatch.setattr(records, "transact", transact)
    return met


def puts(operations, prefix: str) -> bool:
    """A transaction creating a record of ``prefix`` (written only if absent)."""
    return any(isinstance(op, Put) and op.if_absent and str(op.item.get("sk", "")).startswith(prefix)
               for op in operations)


def test_two_moves_to_one_slot_one_wins_the_other_keeps_their_appointment(platform, monkeypatch):
    first, *_ = validated_candidate(platform, "deplace-a@example.fr", ip="198.51.100.71")
    second, *_ = validated_candidate(platform, "deplace-b@example.fr", ip="198.51.100.72")
    starts = open_slots(5)
    agenda = AgencyAgenda(get_services().records, AGENCY)
    agenda.book(starts[0], user_id_of("deplace-a@example.fr"), purpose="suivi", reference="a", name="A")
    agenda.book(starts[1], user_id_of("deplace-b@example.fr"), purpose="suivi", reference="b", name="B")
    pages = {}
    for client, own in ((first, starts[0]), (second, starts[1])):
        path = f"/mon-dossier/agenda/{local_key(own).replace(':', '')}-{AGENCY}/deplacement"
        page = client.get(path)
        assert local_key(starts[2]) in page.html.xpath('//input[@name="creneau"]/@value')
        pages[id(client)] = (path, page.html.xpath("//input[@name='csrf']/@value")[0])
    met = held(platform, monkeypatch, lambda ops: puts(ops, "APPT#"))

    def move(client):
        path, token = pages[id(client)]
        return client.post(path, {"creneau": local_key(starts[2])}, csrf=token)

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(move, (first, second)))
    assert len(met) == 2
    assert sorted(answer.status for answer in answers) == [303, 409]
    loser = answers[[a.status for a in answers].index(409)]
    assert "n'est plus disponible" in loser.text() and "Votre rendez-vous n'a pas changé" in loser.text()
    records = get_services().records
    winner_id = records.get(f"AGENCY#{AGENCY}", f"APPT#{local_key(starts[2])}")["user_id"]
    loser_email = "deplace-b@example.fr" if winner_id == user_id_of("deplace-a@example.fr") else "deplace-a@example.fr"
    loser_start = starts[1] if loser_email == "deplace-b@example.fr" else starts[0]
    loser_id = user_id_of(loser_email)
    assert [i["start"] for i in records.query(f"USER#{loser_id}", "APPOINTMENT#")] == [loser_start]
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{local_key(loser_start)}")["user_id"] == loser_id
    assert len(records.query(f"USER#{winner_id}", "APPOINTMENT#")) == 1


def test_a_double_click_on_a_change_records_one_change_and_one_receipt(platform, monkeypatch):
    client, *_ = validated_candidate(platform, "double-clic@example.fr")
    form = client.get("/mon-dossier/changement-de-situation/reprise")
    key = form.html.xpath('//input[@name="cle"]/@value')[0]
    token = form.html.xpath("//input[@name='csrf']/@value")[0]
    met = held(platform, monkeypatch, lambda ops: puts(ops, "SITUATION#"))

    def send(_n):
        return client.post("/mon-dossier/changement-de-situation/reprise", {"cle": key, **VALID["reprise"]},
                           csrf=token)

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(send, range(2)))
    assert len(met) == 2 and [a.status for a in answers] == [303, 303]
    records, uid = get_services().records, user_id_of("double-clic@example.fr")
    assert len(records.query(f"USER#{uid}", "SITUATION#")) == 1
    assert len(records.query(f"USER#{uid}", "LETTER-KEY#changement-situation#")) == 1
    assert len(records.query(f"AGENCY#{AGENCY}", "SITUATION#")) == 1
