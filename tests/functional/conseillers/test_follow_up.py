"""The counsellor's dossier page tells the monthly follow-up: the declarations and the missed
months, the right and its payments, the changes of situation (with a link to each, for the agency
that received it)."""

from __future__ import annotations

import datetime as dt

from espace.bootstrap import get_services
from espace.dossier import situation
from espace.dossier.records import Declaration, Payment, Right, Work
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
