"""Two candidates racing for one slot, through the pages, on both profiles: exactly one gets it, the
other is offered three other slots and books one of them.

Both requests are held at the booking's transaction until both have read the slot free (a barrier):
the worst interleaving, made certain. On SQLite the two transactions then run at once in their
threads (SQLite serializes them); moto's DynamoDB does not check a transaction's conditions
atomically across threads, so on that profile the two transactions, still both decided on a free
slot, run one after the other under a lock — what DynamoDB itself guarantees.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.functional.inscription.helpers import AGENCY, sent_request
from tests.functional.inscription.test_appointment import PATH, key, offered, open_slots, stored


def is_booking(operations) -> bool:
    from espace.ports import Put

    return any(isinstance(op, Put) and str(op.item.get("sk", "")).startswith("APPT#") for op in operations)


def test_two_candidates_racing_for_one_slot_one_gets_it_the_other_three_more(platform, monkeypatch):
    from espace.bootstrap import get_services
    from espace.inscription.model import BOOKED, SUBMITTED

    first, first_request = sent_request(platform, "premiere@example.fr", ip="198.51.100.51")
    second, second_request = sent_request(platform, "seconde@example.fr", ip="198.51.100.52")
    starts = open_slots(6)
    wanted = key(starts[0])
    tokens = {}
    for client in (first, second):
        page = client.get(PATH)
        assert offered(page)[0] == wanted
        tokens[id(client)] = page.html.xpath("//input[@name='csrf']/@value")[0]

    records = get_services().records
    real = records.transact
    barrier = threading.Barrier(2, timeout=30)
    serial = threading.Lock()
    met: list[bool] = []

    def transact(operations):
        if not is_booking(operations):
            return real(operations)
        barrier.wait()  # both requests have read the slot free and decided to book it
        met.append(True)
        if platform.profile == "aws":
            with serial:
                return real(operations)
        return real(operations)

    monkeypatch.setattr(records, "transact", transact)

    def choose(client):
        return client.post(PATH, {"creneau": wanted}, csrf=tokens[id(client)])

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(choose, (first, second)))
    monkeypatch.setattr(records, "transact", real)
    assert met == [True, True]  # the race did happen: both reached the booking together
    assert sorted(result.status for result in results) == [303, 409]
    winner, loser = ((first_request, second) if results[0].status == 303 else (second_request, first))
    loser_request = second_request if winner is first_request else first_request
    lost = results[[first, second].index(loser)]
    assert "une autre personne vient de le réserver" in lost.text()
    assert offered(lost) == [key(start) for start in starts[1:4]]  # three others, the taken one gone

    assert stored(winner).state == BOOKED and stored(winner).appointment["start"] == starts[0]
    assert stored(loser_request).state == SUBMITTED and stored(loser_request).appointment is None
    assert records.get(f"AGENCY#{AGENCY}", f"APPT#{wanted}")["user_id"] == winner.user_id
    assert records.get(f"AGENCY#{AGENCY}", f"FREE#{wanted}") is None
    assert records.query(f"USER#{loser_request.user_id}", "APPOINTMENT#") == []
    copies = {c["user_id"]: c["state"] for c in records.query(f"AGENCY#{AGENCY}", "REQUEST#")}
    assert copies == {winner.user_id: BOOKED, loser_request.user_id: SUBMITTED}

    again = loser.post(PATH, {"creneau": key(starts[1])})
    assert again.status == 303
    assert stored(loser_request).state == BOOKED and stored(loser_request).appointment["start"] == starts[1]
    booked = [s for s in records.query(f"AGENCY#{AGENCY}", "APPT#")]
    assert sorted(int(s["start"]) for s in booked) == starts[:2]
