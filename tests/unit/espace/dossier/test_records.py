"""The dossier's monthly records keep every value through their stored form."""

from espace.dossier.records import SHARDS, Declaration, Event, Payment, Right, Work, declared_index, shard_of


def test_a_declaration_round_trips_with_its_work_and_events():
    work = [Work("Boulangerie Martin", 35, 45_000), Work("Mairie", 10, 12_050)]
    declaration = Declaration("u1", "2026-11", True, work,
                              [Event("formation", "2026-11-03", None, "Cariste")], 1_700_000_000, 1_690_000_000, 2)
    item = declaration.item()
    assert (item["pk"], item["sk"]) == ("USER#u1", "DECLARATION#2026-11")
    assert Declaration.of(item) == declaration
    assert (declaration.gross, declaration.hours) == (57_050, 45)


def test_a_right_and_a_payment_round_trip():
    right = Right("u1", "2026-11-08", 5_000, 3_250, 548, 3_250, 183, days_used=30, figures="are-2026")
    assert Right.of(right.item()) == right and right.days_left == 518
    payment = Payment("u1", "2026-11", 23, 3_250, 74_750, [{"label": "CSG", "rate": "6,2 %", "amount": 4_400}],
                      70_350, "2026-12-03")
    assert Payment.of(payment.item()) == payment and payment.sk == "PAYMENT#2026-11"


def test_index_shards_are_stable_and_spread():
    assert shard_of("u1") == shard_of("u1")
    assert len({shard_of(f"user-{n}") for n in range(400)}) == SHARDS
    assert declared_index("2026-11", "u1") == (f"DECLARED#2026-11#{shard_of('u1'):02d}", "u1")
