"""« Mes attestations » (espace.dossier.attestations): the six attestations of the seed, each said
for what it is and who asks for it, downloaded as a PDF/UA-1 file veraPDF passes with what the
dossier's records say and a verification reference; the period and the year checked with French
messages; « recevoir par courrier » recorded once per kind and day, with the agency's copy."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from functools import partial

import pytest
from pypdf import PdfReader

from espace import clock
from espace.bootstrap import get_services
from espace.dossier import verification
from espace.dossier.actualisation.service import correct
from espace.dossier.attestation_kinds import KINDS
from espace.dossier.model import Dossier
from espace.dossier.payment_job import run_payments
from espace.dossier.records import PAYMENT_PREFIX, REGULARISATION_PREFIX, Declaration, Payment, Regularisation, Work
from espace.ports import Put
from espace.text import PARIS, euros
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.client import Client
from tests.functional.dossier.attestation_data import payment, with_payments
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.dossier.helpers_allocations import declare, with_right
from tests.functional.profiles import each_case_on_one_profile
from tests.functional.race import race
from tools import verapdf

BASE = "/mon-dossier/attestations"
TODAY = dt.datetime(2026, 12, 6, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen_day(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: TODAY)


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def paid_candidate(platform, email: str):
    client, _registration, dossier, _letter = validated_candidate(platform, email)
    user_id = user_id_of(email)
    with_payments(user_id, payment(user_id, "2026-01", "2026-02-05", days=31),
                  payment(user_id, "2026-02", "2026-03-05", days=28),
                  payment(user_id, "2025-12", "2026-01-06", days=24))
    return client, dossier, user_id


def download(client, slug: str, **values: str):
    """POST « Télécharger »; the answer's ``data`` is its body as bytes (the client decodes text)."""
    seen = {}

    def keep(event, context):
        seen["response"] = client.handler(event, context)
        return seen["response"]

    answer = Client(keep, client.source_ip, client.cookies).post(f"{BASE}/{slug}", {"action": "telecharger", **values})
    body = seen["response"].get("body") or ""
    answer.data = base64.b64decode(body) if seen["response"].get("isBase64Encoded") else body.encode()
    return answer


PAY = [Work("Atelier Durand", 35, 100_000)]


def _correct(user_id: str, month: str, work: list[Work], key: str) -> None:
    """The month's declaration corrected after it was paid, as the actualisation corrects it."""
    found = get_services().records.get(f"USER#{user_id}", f"DECLARATION#{month}")
    declaration = Declaration(user_id=user_id, month=month, still_looking=True, work=work)
    assert correct(get_services().records, declaration, int(found["version"]), key).made


PERIOD = {"debut-jour": "1", "debut-mois": "2", "debut-annee": "2026", "fin-jour": "31", "fin-mois": "3",
          "fin-annee": "2026"}


def test_the_list_says_what_each_attestation_is_for_and_who_asks(platform):
    client, _dossier, _user_id = paid_candidate(platform, "liste-att@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and page.html.xpath("//h1")[0].text_content().strip() == "Mes attestations"
    titles = [h.text_content().strip() for h in page.html.xpath("//main//li/h2")]
    assert titles == [kind.title for kind in KINDS.values()] and len(titles) == 6
    for kind in KINDS.values():
        assert page.html.xpath(f'//a[@href="{BASE}/{kind.slug}"]')
    assert page.text().count("Demandée par") == 5 and page.text().count("Demandé par") == 1  # l'avis
    assert "/verifier-une-attestation" in page.body


def test_without_a_dossier_the_pages_say_it_comes_with_registration(platform):
    client = signed_in_client(platform, "sans-dossier-att@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and "s'ouvre quand votre inscription est validée" in page.text()
    assert not page.html.xpath(f'//a[starts-with(@href, "{BASE}/")]') and page.html.xpath('//a[@href="/inscription"]')
    kind_page = client.get(f"{BASE}/fiscale")
    assert kind_page.status == 200 and not kind_page.html.xpath("//form[@method='post']")
    token = client.csrf_token("/mon-espace/mot-de-passe")
    refused = client.post(f"{BASE}/fiscale", {"action": "telecharger", "annee": "2026"}, csrf=token)
    assert refused.status == 200 and "application/pdf" not in refused.headers.get("Content-Type", "")


def test_an_unknown_kind_is_404_and_strangers_are_sent_to_sign_in(platform):
    client, _dossier, _user_id = paid_candidate(platform, "inconnue-att@example.fr")
    assert client.get(f"{BASE}/attestation-de-rien").status == 404
    visitor = platform.client(ip="198.51.100.41")
    for path in (BASE, f"{BASE}/paiement", "/mon-dossier"):
        answer = visitor.get(path)
        assert answer.status in (302, 303) and "/connexion" in answer.headers["Location"], path


def test_the_payment_attestation_tells_the_payments_of_the_period(platform):
    client, dossier, user_id = paid_candidate(platform, "paiement-att@example.fr")
    answer = download(client, "paiement", **PERIOD)
    assert answer.status == 200 and answer.headers["Content-Type"] == "application/pdf"
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="attestation-paiement-2026-12-06')
    text = text_of(answer.data)
    assert "Attestation de paiement" in text and "Camille DURAND" in text and dossier.identifier in text
    assert "entre le 1er février 2026 et le 31 mars 2026" in text
    assert "Janvier 2026 : 31 jours" in text and "Février 2026 : 28 jours" in text
    assert "Décembre 2025" not in text  # paid on 6 January: outside the period
    # 59 days at 45,00 € = 2 655,00 € gross; net: 2 655,00 € − 2 × 151,87 €.
    assert "Total sur la période : 2 655,00 € brut, 2 351,26 € net" in text.replace("\u202f", " ").replace("\xa0", " ")
    reference = re.search(r"Référence de vérification : ([2-9A-Z]{4}(?:-[2-9A-Z]{4}){3})", text).group(1)
    stored = get_services().records.query(f"USER#{user_id}", verification.REF_PREFIX)
    assert [item["reference"] for item in stored] == [reference.replace("-", "")]
    # The same attestation asked again the same day carries the same reference.
    again = text_of(download(client, "paiement", **PERIOD).data)
    assert reference in again
    assert len(get_services().records.query(f"USER#{user_id}", verification.REF_PREFIX)) == 1


def test_a_period_without_payment_is_said(platform):
    client, _dossier, _user_id = paid_candidate(platform, "vide-att@example.fr")
    text = text_of(download(client, "paiement", **{**PERIOD, "debut-mois": "6", "fin-mois": "7"}).data)
    assert "Aucune allocation n'a été versée sur cette période." in text


@each_case_on_one_profile(("values", "field", "message"), [
    ({}, "debut", "Indiquez le premier jour de la période."),
    ({**PERIOD, "fin-jour": "", "fin-mois": "", "fin-annee": ""}, "fin", "Indiquez le dernier jour de la période."),
    ({**PERIOD, "debut-jour": "31", "debut-mois": "2"}, "debut", "Le premier jour doit être une date réelle"),
    ({**PERIOD, "debut-mois": "4"}, "fin", "Le dernier jour doit être le même que le premier jour ou après."),
    ({**PERIOD, "fin-annee": "2027"}, "fin", "Le dernier jour doit être le 06/12/2026 ou avant."),
    ({**PERIOD, "debut-annee": "2020"}, "fin", "La période ne peut pas dépasser 3 ans"),
    ({**PERIOD, "debut-annee": "26"}, "debut", "L'année du premier jour doit comporter 4 chiffres"),
])
def test_an_invalid_period_gets_a_clear_message(platform, values, field, message):
    client, _dossier, _user_id = paid_candidate(platform, "periode-att@example.fr")
    answer = download(client, "paiement", **values)
    assert answer.status == 400 and answer.headers["Content-Type"].startswith("text/html")
    assert answer.html.xpath("//title")[0].text_content().startswith("Erreur : ")
    assert any(message in error for error in answer.error_summary()), answer.error_summary()
    assert message in (answer.field_error(field) or "")


def test_the_fiscal_attestation_tells_the_taxable_amount_of_the_year(platform):
    client, _dossier, _user_id = paid_candidate(platform, "fiscale-att@example.fr")
    page = client.get(f"{BASE}/fiscale")
    assert page.html.xpath('//select[@name="annee"]/option/@value') == ["2026", "2025"]
    assert page.html.xpath('//select[@name="annee"]/option[@selected]/@value') == ["2025"]
    text = text_of(download(client, "fiscale", annee="2026").data).replace("\u202f", " ").replace("\xa0", " ")
    # Three payments made in 2026: 83 days × 45,00 € = 3 735,00 € gross. Deductible: the retraite
    # complémentaire 3 × 63,00 € and 3,8 of the 6,2 points of CSG: 82,24 × 38 / 62 = 50,41 € each.
    assert "Allocations brutes versées en 2026 : 3 735,00 €" in text
    assert "Part déductible des retenues (CSG déductible, retraite complémentaire) : 340,23 €" in text
    assert "Montant imposable à déclarer : 3 394,77 €" in text
    text_2025 = text_of(download(client, "fiscale", annee="2025").data)
    assert "Aucune allocation n'a été versée en 2025." in text_2025
    refused = download(client, "fiscale", annee="1999")
    assert refused.status == 400 and "Choisissez une année de la liste." in (refused.field_error("annee") or "")


def test_the_other_attestations_say_the_dossier(platform):
    client, dossier, user_id = paid_candidate(platform, "autres-att@example.fr")
    records = get_services().records
    records.put(Declaration(user_id, "2026-11", True, [Work("Boulangerie Martin", 40, 50000)]).item())
    # Two registrations one day apart are one continuous period; a gap makes two.
    dossier = Dossier.of(records.get(f"USER#{user_id}", "DDE"))
    dossier.periods = [{"start": "2023-01-02", "end": "2023-06-30"}, {"start": "2023-07-01", "end": "2024-03-31"},
                       {"start": "2025-11-01", "end": None}]
    records.transact([Put(dossier.item())])
    indemnified = text_of(download(client, "periodes-indemnisees").data).replace("\u202f", " ")
    assert "Salaire journalier de référence : 70,00" in indemnified
    assert "Durée du droit : 730 jours, dont 83 indemnisés et 647 restants" in indemnified
    assert "Total : 83 jours indemnisés, 3 735,00" in indemnified and "CSG 82,24" in indemnified
    situation = text_of(download(client, "avis-de-situation").data)
    assert "est inscrit comme demandeur d'emploi à ce jour" in situation
    assert "Catégorie B : activité réduite de 78 heures ou moins" in situation
    assert "Inscrit depuis le 1er novembre 2025" in situation
    assert "Jours restant à indemniser : 647 sur 730" in situation
    finances = text_of(download(client, "loi-de-finances").data)
    assert "Du 2 janvier 2023 au 31 mars 2024 : 455 jours d'inscription continue" in finances
    assert "Du 1er novembre 2025 au 6 décembre 2026, inscription en cours : 401 jours" in finances
    retirement = text_of(download(client, "caisse-de-retraite").data).replace("\u202f", " ")
    assert "2025 : 24 jours indemnisés" in retirement and "2026 : 59 jours indemnisés" in retirement


def test_an_ended_registration_is_told_in_the_avis_de_situation(platform):
    client, _dossier, user_id = paid_candidate(platform, "fini-att@example.fr")
    records = get_services().records
    dossier = Dossier.of(records.get(f"USER#{user_id}", "DDE"))
    dossier.periods[-1]["end"] = "2026-10-31"
    records.transact([Put(dossier.item())])
    text = text_of(download(client, "avis-de-situation").data)
    assert "jusqu'au 31 octobre 2026 : il n'est plus inscrit à ce jour" in text and "Catégorie" not in text


def test_every_attestation_passes_pdf_ua_1(platform, tmp_path):
    client, _dossier, _user_id = paid_candidate(platform, "verapdf-att@example.fr")
    files = []
    for slug in KINDS:
        values = PERIOD if slug == "paiement" else {"annee": "2026"} if slug == "fiscale" else {}
        answer = download(client, slug, **values)
        assert answer.status == 200, slug
        reader = PdfReader(io.BytesIO(answer.data))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "fr" and "/StructTreeRoot" in root and reader.metadata.title == KINDS[slug].title
        path = tmp_path / f"{slug}.pdf"
        path.write_bytes(answer.data)
        files.append(path)
    reports = verapdf.validate(files)
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
    assert len(reports) == 6 and all(report.passed_rules > 90 for report in reports)


def test_by_post_is_recorded_once_a_day_with_the_agency_s_copy(platform):
    client, dossier, user_id = paid_candidate(platform, "courrier-att@example.fr")
    first = client.post(f"{BASE}/avis-de-situation", {"action": "courrier"})
    assert first.status == 303 and first.headers["Location"].endswith(f"{BASE}/avis-de-situation")
    shown = client.get(f"{BASE}/avis-de-situation")
    assert "Votre demande est enregistrée : votre agence vous enverra l'avis de situation par courrier" in shown.text()
    second = client.post(f"{BASE}/avis-de-situation", {"action": "courrier"})
    assert second.status == 303
    assert "Vous avez déjà demandé l'avis de situation par courrier aujourd'hui" in client.get(second.location).text()
    records = get_services().records
    mine = records.query(f"USER#{user_id}", "ATTESTATION-MAIL#")
    assert [item["sk"] for item in mine] == ["ATTESTATION-MAIL#2026-12-06#avis-de-situation"]
    agency = [a for a in records.query(f"AGENCY#{dossier.agency_id}", "POST-WAITING#")
              if a["user_id"] == user_id and a["post_kind"] == "attestation"]
    assert [(a["attestation"], a["identifier"], a["name"], a["post_ref"]) for a in agency] == [
        ("avis-de-situation", dossier.identifier, "Camille DURAND", "attestation-20261206-avis-de-situation")]
    assert "en attente d'envoi par votre agence" in " ".join(client.get(f"{BASE}/avis-de-situation").text().split())
    # Another kind the same day is another request; a period is checked before a request too.
    assert client.post(f"{BASE}/fiscale", {"action": "courrier", "annee": "2025"}).status == 303
    assert client.post(f"{BASE}/paiement", {"action": "courrier"}).status == 400
    assert len(records.query(f"USER#{user_id}", "ATTESTATION-MAIL#")) == 2


def test_an_unknown_action_downloads_nothing(platform):
    client, _dossier, _user_id = paid_candidate(platform, "action-att@example.fr")
    answer = client.post(f"{BASE}/avis-de-situation", {"action": "autre"})
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/html")


def test_recruiters_and_counsellors_are_refused_and_the_verification_is_public(platform):
    from tests.functional.inscription.helpers import counsellor_client
    from tests.functional.recruteurs.helpers import accounts_client, recruiter_client
    from tests.functional.test_access_issue12 import csrf_for

    others = [accounts_client(platform, recruiter_client(platform, "recruteur-att@example.org", ip="198.51.100.43")),
              accounts_client(platform, counsellor_client(platform, "conseil-att@example.fr", ip="198.51.100.44"))]
    for other in others:
        for path in ("/mon-dossier", BASE, f"{BASE}/paiement", f"{BASE}/avis-de-situation"):
            assert other.get(path).status == 403, path
        refused = other.post(f"{BASE}/avis-de-situation", {"action": "courrier"}, csrf=csrf_for(other))
        assert refused.status == 403
        assert other.get("/verifier-une-attestation?reference=2222-3333-4444-5555").status == 200


def test_two_requests_by_post_at_once_record_one(platform):
    """A double click on « Recevoir par courrier »: true threads on SQLite; one after the other on
    moto, whose transactions are not atomic across threads (as the other burst tests say)."""
    client, dossier, user_id = paid_candidate(platform, "double-att@example.fr")
    tokens = [client.csrf_token(f"{BASE}/loi-de-finances") for _ in range(2)]
    statuses: list[int] = []

    def ask(token: str) -> None:
        statuses.append(client.post(f"{BASE}/loi-de-finances", {"action": "courrier"}, csrf=token).status)

    race(platform, [partial(ask, token) for token in tokens])
    assert statuses == [303, 303]
    records = get_services().records
    assert len(records.query(f"USER#{user_id}", "ATTESTATION-MAIL#")) == 1
    assert len([a for a in records.query(f"AGENCY#{dossier.agency_id}", "POST-WAITING#")
                if a["user_id"] == user_id and a.get("attestation") == "loi-de-finances"]) == 1


def _plain(data: bytes) -> str:
    return text_of(data).replace("\u202f", " ").replace("\xa0", " ")


def _money(cents: int) -> str:
    return euros(cents).replace("\u202f", " ").replace("\xa0", " ")


CORRECTED_PERIOD = {**PERIOD, "debut-mois": "11", "debut-annee": "2027", "fin-mois": "1", "fin-annee": "2028"}


def test_months_corrected_after_payment_are_told_as_finally_due_and_taxed_when_paid(platform, tmp_path, monkeypatch):
    """November 2027 paid on 1 December with 1 000 € of pay declared, December paid in full on 3
    January; December then corrected with that pay (a trop-perçu noted on 5 January), November
    without it (a rappel on 6 January that settles the debt first). The payments' attestations tell
    each month's final figures; the fiscal one of 2028 counts the rappel paid in January and takes
    off the trop-perçu it settled; veraPDF passes every PDF."""
    client, _registration, _dossier, right = with_right(platform, "regul-att@example.fr")
    user_id, records = user_id_of("regul-att@example.fr"), get_services().records
    assert right.start <= "2027-11-01"
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2028, 2, 1, 10, 0, tzinfo=PARIS))
    declare(user_id, "2027-11", work=PAY)
    assert run_payments(get_services(), "2027-11", today=dt.date(2027, 12, 1)).paid == 1
    declare(user_id, "2027-12")
    assert run_payments(get_services(), "2027-12", today=dt.date(2028, 1, 3)).paid == 1
    _correct(user_id, "2027-12", PAY, "cle-decembre")
    assert run_payments(get_services(), "2027-12", today=dt.date(2028, 1, 5)).regularised == 1
    _correct(user_id, "2027-11", [], "cle-novembre")
    assert run_payments(get_services(), "2027-12", today=dt.date(2028, 1, 6)).regularised == 1
    november, december = (Payment.of(records.get(f"USER#{user_id}", f"{PAYMENT_PREFIX}{m}"))
                          for m in ("2027-11", "2027-12"))
    overpaid, rappel = (Regularisation.of(records.query(f"USER#{user_id}", f"{REGULARISATION_PREFIX}{m}#")[0])
                        for m in ("2027-12", "2027-11"))
    assert overpaid.net < 0 < rappel.net and rappel.recovered == min(rappel.net, -overpaid.net) > 0
    assert (november.paid_on, december.paid_on, rappel.paid_on) == ("2027-12-01", "2028-01-03", "2028-01-06")

    indemnified = _plain(download(client, "periodes-indemnisees").data)
    days = rappel.days_after + overpaid.days_after
    assert f"Novembre 2027 : {rappel.days_after} jours" in indemnified and rappel.days_after > november.days
    assert f"Décembre 2027 : {overpaid.days_after} jours" in indemnified and overpaid.days_after < december.days
    assert (f"Total : {days} jours indemnisés, {_money(rappel.gross_after + overpaid.gross_after)} brut, "
            f"{_money(rappel.net_after + overpaid.net_after)} net") in indemnified
    assert (f"Montants régularisés : la déclaration du mois a été corrigée après son paiement, rappel de "
            f"{_money(rappel.net)} net versé le 6 janvier 2028.") in indemnified
    assert f"trop-perçu de {_money(-overpaid.net)} net noté le 5 janvier 2028." in indemnified
    retirement = _plain(download(client, "caisse-de-retraite").data)
    assert f"2027 : {days} jours indemnisés" in retirement
    paid = _plain(download(client, "paiement", **CORRECTED_PERIOD).data)
    assert f"Novembre 2027 : {rappel.days_after} jours" in paid and "Montants régularisés" in paid

    in_2027 = _plain(download(client, "fiscale", annee="2027").data)
    assert f"Allocations brutes versées en 2027 : {_money(november.gross)}" in in_2027
    assert "Rappel" not in in_2027 and "Trop-perçu remboursé" not in in_2027
    in_2028 = _plain(download(client, "fiscale", annee="2028").data)
    assert f"Allocations brutes versées en 2028, rappels compris : {_money(december.gross + rappel.gross)}" in in_2028
    assert f"Trop-perçu remboursé en 2028 (retenu sur vos paiements ou sur un rappel) : " \
           f"{_money(rappel.recovered)}" in in_2028
    assert "Rappel du 6 janvier 2028 (novembre 2027" in in_2028
    deducted = re.search(r"Part déductible des retenues \(CSG déductible, retraite complémentaire\) : "
                         r"([\d ]+),(\d\d) €", in_2028)
    cents = int(deducted.group(1).replace(" ", "")) * 100 + int(deducted.group(2))
    # At most what was withheld in the year (here the CSG is exempt: the allowance is low).
    assert 0 < cents <= (december.gross - december.net) + (rappel.gross - rappel.net)
    amount = december.gross + rappel.gross - cents - rappel.recovered
    assert f"Montant imposable à déclarer : {_money(amount)}" in in_2028

    files = []
    for slug, values in (("periodes-indemnisees", {}), ("caisse-de-retraite", {}), ("fiscale", {"annee": "2028"}),
                         ("paiement", CORRECTED_PERIOD)):
        path = tmp_path / f"{slug}.pdf"
        path.write_bytes(download(client, slug, **values).data)
        files.append(path)
    reports = verapdf.validate(files)
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
