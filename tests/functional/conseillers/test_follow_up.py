"""The counsellor's dossier page tells the monthly follow-up: the declarations and the missed
months, the right and its payments, the changes of situation (with a link to each, for the agency
that received it)."""

from __future__ import annotations

import datetime as dt

from espace.bootstrap import get_services
from espace.dossier import situation
from espace.dossier.records import Declaration, Payment, Regularisation, Right, Work
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import counsellor_client


def test_the_dossier_page_tells_the_follow_up(platform):
    _candidate, registration, dossier, _letter = validated_candidate(platform, "suivi@example.org")
    services, uid = get_services(), registration.user_id
    client = counsellor_client(platform, "conseil@example.org")
    empty = " ".join(client.get(f"/conseiller/candidats/{dossier.identifier}").text().split())
    assert "Aucune déclaration mensuelle." in empty and "Aucun droit calculé." in empty
    assert "Aucun changement de situation signalé." in empty

    records = services.records
    records.put(Declaration(uid, "2026-10", True, [Work("Boulangerie Martin", 35, 45_010), Work("Mairie", 5, 6_000)],
                            submitted_at=1_793_000_000, version=2).item())
    records.put({"pk": f"USER#{uid}", "sk": "MISSED#2026-11", "month": "2026-11"})
    records.put(Right(uid, "2026-09-08", 5_000, 3_250, 548, 3_250, 183, days_used=53).item())
    records.put(Payment(uid, "2026-10", 31, 3_250, 100_750, [], 93_990, "2026-11-04").item())
    situation.record(services, dossier, "a" * 32, "reprise", "Reprise d'emploi", dt.date(2026, 12, 1), None,
                     [("Employeur", "Boulangerie Martin")], {}, "Camille DURAND")

    page = client.get(f"/conseiller/candidats/{dossier.identifier}")
    text = " ".join(page.text().split())
    assert [h.strip() for h in page.html.xpath("//main//h2[not(contains(@class,'visually-hidden'))]/text()")][4:] == [
        "Actualisations", "Allocations et paiements", "Changements de situation"]
    assert "Actualisations manquées : novembre 2026." in text
    row = " ".join(" ".join(page.html.xpath("//caption[starts-with(., 'Déclarations')]/../tbody/tr[1]//text()"))
                   .split())
    assert row.startswith("octobre 2026") and "2 oui 2 40 510,10" in row
    assert "Droit ouvert depuis le 8 septembre 2026 : 32,50 € par jour, 548 jours, 495 jours restants." in text
    paid = " ".join(" ".join(page.html.xpath("//caption[starts-with(., 'Paiements')]/../tbody/tr[1]//text()")).split())
    assert paid.startswith("octobre 2026 31 1 007,50") and "4 novembre 2026" in paid
    [link] = page.html.xpath("//a[starts-with(@href, '/conseiller/changements-de-situation/')]/@href")
    assert link == f"/conseiller/changements-de-situation/{uid}-{'a' * 32}" and client.get(link).status == 200
    assert "Reprise d'emploi, à partir du 1er décembre 2026" in text


def test_the_counsellor_sees_the_regularisations_and_the_trop_percu_still_to_recover(platform):
    """November's declaration corrected after its payment (a trop-perçu of 300,00 €), 60,00 € of it
    kept back from December's payment; then October's corrected into a rappel of 100,00 € that settled
    100,00 € more of the debt: 140,00 € are left to recover."""
    _candidate, registration, dossier, _letter = validated_candidate(platform, "regul-suivi@example.org")
    records, uid = get_services().records, registration.user_id
    client = counsellor_client(platform, "conseil-regul@example.org")
    records.put(Right(uid, "2026-09-08", 5_000, 3_250, 548, 3_250, 183, days_used=83, to_recover=14_000).item())
    records.put(Payment(uid, "2026-11", 30, 3_250, 97_500, [], 90_000, "2026-12-01").item())
    records.put(Payment(uid, "2026-12", 30, 3_250, 97_500, [], 90_000, "2027-01-04", recovered=6_000).item())
    records.put(Regularisation(uid, "2026-11", 1, 2, 30, 20, 97_500, 65_000, 90_000, 60_000, "2026-12-05").item())
    records.put(Regularisation(uid, "2026-10", 1, 2, 20, 23, 65_000, 74_750, 60_000, 70_000, "2027-01-06",
                               recovered=10_000).item())
    page = client.get(f"/conseiller/candidats/{dossier.identifier}")
    text = " ".join(page.text().split())
    assert "Trop-perçu restant à récupérer : 140,00 €." in text

    def row(caption: str, n: int) -> str:
        cells = page.html.xpath(f"//caption[starts-with(., '{caption}')]/../tbody/tr[{n}]//text()")
        return " ".join(" ".join(cells).split())

    assert row("Paiements", 1) == "décembre 2026 30 975,00 € 900,00 € 60,00 € 840,00 € 4 janvier 2027"
    assert row("Paiements", 2) == "novembre 2026 30 975,00 € 900,00 € aucune 900,00 € 1er décembre 2026"
    assert row("Régularisations", 1) == ("novembre 2026 1 → 2 30 → 20 900,00 € → 600,00 € Trop-perçu de 300,00 € "
                                         "rien 5 décembre 2026")
    assert row("Régularisations", 2) == ("octobre 2026 1 → 2 20 → 23 600,00 € → 700,00 € Rappel de 100,00 € "
                                         "100,00 € 6 janvier 2027")
