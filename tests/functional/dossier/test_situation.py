"""« Signaler un changement de situation » on both profiles: each kind's form, its errors and its
success; a double submit recording one change and one receipt; an absence beyond 35 days in the
year warned before it is recorded; the receipt letter (text, veraPDF); the counsellors' list with
the audit entry on reading, another agency's change a 404; a page saying why without a dossier."""

from __future__ import annotations

import datetime as dt
import io
import secrets

import pytest
from pypdf import PdfReader

from espace import clock
from espace.bootstrap import get_services
from espace.conseillers.audit import log_of
from espace.text import PARIS
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import counsellor_client
from tools import verapdf

BASE = "/mon-dossier/changement-de-situation"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 7, 10, 0, tzinfo=PARIS))


def day(name: str, value: dt.date) -> dict[str, str]:
    return {f"{name}-jour": str(value.day), f"{name}-mois": str(value.month), f"{name}-annee": str(value.year)}


VALID = {
    "adresse": {"adresse": "3 quai Duperré", "complement": "", "code_postal": "17000", "commune": "17300",
                **day("date", TODAY)},
    "coordonnees-bancaires": {"titulaire": "Camille Durand", "iban": "FR76 3000 6000 0112 3456 7890 189",
                              "bic": "AGRIFRPP", **day("date", TODAY)},
    "absence": {**day("debut", dt.date(2026, 12, 20)), **day("fin", dt.date(2026, 12, 27)), "lieu": "france"},
    "reprise": {**day("date", dt.date(2026, 12, 14)), "employeur": "Boulangerie Martin", "contrat": "cdd"},
    "maladie": {**day("debut", dt.date(2026, 12, 1))},
    "formation": {**day("debut", dt.date(2027, 1, 4)), **day("fin", dt.date(2027, 3, 26)),
                  "intitule": "Titre professionnel de cariste", "organisme": "AFPA La Rochelle"},
}


def send(client, kind: str, data: dict[str, str]):
    form = client.get(f"{BASE}/{kind}")
    key = form.html.xpath('//input[@name="cle"]/@value')[0]
    return client.post(f"{BASE}/{kind}", {"cle": key, **data}, csrf=form.html.xpath('//input[@name="csrf"]/@value')[0])


def errors(page) -> list[str]:
    return [" ".join(a.text_content().split()) for a in page.html.xpath('//*[contains(@class, "error-summary")]//a')]


def test_without_a_dossier(platform):
    client = signed_in_client(platform, "sans-dossier-situation@example.fr")
    assert "Vous n'avez pas encore de dossier" in client.get(BASE).text()
    assert "Vous n'avez pas encore de dossier" in client.get(f"{BASE}/adresse").text()
    assert client.get(f"{BASE}/inconnu").status == 404


@pytest.mark.parametrize("kind", list(VALID))
def test_each_kind_is_recorded_with_its_receipt(platform, kind):
    email = f"situation-{kind}@example.fr"
    client, *_ = validated_candidate(platform, email)
    done = send(client, kind, VALID[kind])
    assert done.status == 303, errors(done)
    page = client.get(BASE)
    assert "est enregistré" in page.text()
    [card] = page.html.xpath('//li[starts-with(@id, "changement-")]')
    receipt = card.xpath('.//a[starts-with(@href, "/mon-dossier/courriers/")]/@href')[0]
    pdf = client.get(receipt)
    assert pdf.status == 200 and pdf.body.startswith("%PDF")
    uid = user_id_of(email)
    [change] = get_services().records.query(f"USER#{uid}", "SITUATION#")
    assert change["kind"] == kind and change["agency_id"] == "17"
    if kind == "coordonnees-bancaires":
        assert "FR76 •••• 0189" in card.text_content() and "3456 7890" not in card.text_content()
        assert change["values"]["iban"] == ["FR76 3000 6000 0112 3456 7890 189"]
    if kind == "adresse":
        assert "3 quai Duperré, 17000 La Rochelle" in card.text_content()


def test_errors_of_each_form(platform):
    client, *_ = validated_candidate(platform, "situation-erreurs@example.fr")
    empty = send(client, "adresse", {})
    assert empty.status == 400 and "Saisissez votre adresse" in " ".join(errors(empty))
    wrong_commune = send(client, "adresse", {**VALID["adresse"], "commune": "75056"})
    assert "n'a pas le code postal 17000" in " ".join(errors(wrong_commune))
    bad_bank = {**VALID["coordonnees-bancaires"], "iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "12"}
    bank = send(client, "coordonnees-bancaires", bad_bank)
    assert bank.status == 400 and len(errors(bank)) == 2
    assert bank.html.xpath('//input[@name="iban"]/@value') == ["FR76 3000 6000 0112 3456 7890 188"]
    backwards = send(client, "absence", {**day("debut", dt.date(2026, 12, 20)), **day("fin", dt.date(2026, 12, 10)),
                                         "lieu": "lune"})
    messages = " ".join(errors(backwards))
    assert "le même jour que le premier jour d'absence ou après" in messages and "en France ou à l'étranger" in messages
    far = send(client, "maladie", day("debut", dt.date(2020, 1, 1)))
    assert "dans l'année qui précède" in " ".join(errors(far))
    assert send(client, "reprise", {**day("date", TODAY), "contrat": "stage"}).status == 400
    assert send(client, "formation", {}).status == 400
    assert get_services().records.query(f"USER#{user_id_of('situation-erreurs@example.fr')}", "SITUATION#") == []


def test_a_double_submit_records_once(platform):
    client, *_ = validated_candidate(platform, "situation-double@example.fr")
    form = client.get(f"{BASE}/reprise")
    key = form.html.xpath('//input[@name="cle"]/@value')[0]
    token = form.html.xpath('//input[@name="csrf"]/@value')[0]
    first = client.post(f"{BASE}/reprise", {"cle": key, **VALID["reprise"]}, csrf=token)
    second = client.post(f"{BASE}/reprise", {"cle": key, **VALID["reprise"]}, csrf=token)
    assert first.status == second.status == 303 and first.location == second.location
    uid = user_id_of("situation-double@example.fr")
    records = get_services().records
    assert len(records.query(f"USER#{uid}", "SITUATION#")) == 1
    assert len([i for i in records.query(f"USER#{uid}", "LETTER#")]) == 2  # the confirmation and one receipt
    assert len(records.query("AGENCY#17", "SITUATION#")) == 1
    # An edited key is replaced by a fresh one: recorded as a change of its own, under a proper key.
    forged = client.post(f"{BASE}/reprise", {"cle": "../x", **VALID["reprise"]}, csrf=token)
    assert forged.status == 303
    keys = [item["key"] for item in records.query(f"USER#{uid}", "SITUATION#")]
    assert len(keys) == 2 and key in keys and all(len(k) == 32 for k in keys)


def test_an_absence_beyond_35_days_is_warned_first(platform):
    client, *_ = validated_candidate(platform, "situation-absence@example.fr")
    assert send(client, "absence", {**day("debut", dt.date(2026, 11, 1)), **day("fin", dt.date(2026, 11, 30)),
                                    "lieu": "etranger"}).status == 303  # 30 days: no warning
    form = client.get(f"{BASE}/absence")
    key, token = form.html.xpath('//input[@name="cle"]/@value')[0], form.html.xpath('//input[@name="csrf"]/@value')[0]
    data = {"cle": key, **day("debut", dt.date(2026, 12, 20)), **day("fin", dt.date(2026, 12, 27)), "lieu": "france"}
    warned = client.post(f"{BASE}/absence", data, csrf=token)
    assert warned.status == 409 and "38 jours d'absence" in warned.text()
    assert "votre inscription change de catégorie" in warned.text()
    assert warned.html.xpath('//input[@name="confirme"]/@value') == ["oui"]
    uid = user_id_of("situation-absence@example.fr")
    assert len(get_services().records.query(f"USER#{uid}", "SITUATION#")) == 1
    confirmed = client.post(f"{BASE}/absence", {**data, "confirme": "oui"}, csrf=token)
    assert confirmed.status == 303
    assert len(get_services().records.query(f"USER#{uid}", "SITUATION#")) == 2


def test_the_receipt_is_pdf_ua_1(platform, tmp_path):
    client, *_ = validated_candidate(platform, "situation-pdf@example.fr")
    paths = []
    for kind in ("absence", "coordonnees-bancaires"):
        assert send(client, kind, VALID[kind]).status == 303
    uid = user_id_of("situation-pdf@example.fr")
    services = get_services()
    for n, item in enumerate(services.records.query(f"USER#{uid}", "LETTER#")):
        if item["kind"] != "changement-situation":
            continue
        data = services.files.get(item["file"]).data
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
        assert "Nous avons bien reçu" in text and "Accusé de réception" in text
        path = tmp_path / f"recu-{n}.pdf"
        path.write_bytes(data)
        paths.append(path)
    assert len(paths) == 2
    reports = verapdf.validate(paths)
    assert {report.path: report.failures for report in reports if not report.compliant} == {}


def test_counsellors_see_their_agencys_changes_and_reading_is_audited(platform):
    client, *_ = validated_candidate(platform, "situation-conseil@example.fr")
    assert send(client, "reprise", VALID["reprise"]).status == 303
    counsellor = counsellor_client(platform, "conseil-situation@example.fr")
    listing = counsellor.get("/conseiller/changements-de-situation")
    assert listing.status == 200 and "Camille DURAND" in listing.text() and "Reprise d'emploi" in listing.text()
    link = listing.html.xpath('//a[starts-with(@href, "/conseiller/changements-de-situation/")]/@href')[0]
    uid = user_id_of("situation-conseil@example.fr")
    assert log_of(get_services().records, uid) == []
    page = counsellor.get(link)
    assert page.status == 200 and "Boulangerie Martin" in page.text()
    counsellor.get(link)
    [entry] = log_of(get_services().records, uid)
    assert entry["action"] == "situation-consultee"
    elsewhere = counsellor_client(platform, "conseil-ailleurs@example.fr", agency_id="75", ip="198.51.100.60")
    assert elsewhere.get(link).status == 404
    assert "Aucun changement" in elsewhere.get("/conseiller/changements-de-situation").text()
    for made_up in (f"{uid}-{secrets.token_hex(16)}", "x", f"{'z' * 32}-{'0' * 32}"):
        assert counsellor.get(f"/conseiller/changements-de-situation/{made_up}").status == 404
    assert len(log_of(get_services().records, uid)) == 1


def test_another_accounts_change_and_receipt_are_out_of_reach(platform):
    owner, *_ = validated_candidate(platform, "situation-proprio@example.fr")
    assert send(owner, "maladie", VALID["maladie"]).status == 303
    receipt = owner.get(BASE).html.xpath('//a[starts-with(@href, "/mon-dossier/courriers/")]/@href')[0]
    other, *_ = validated_candidate(platform, "situation-curieux@example.fr", ip="198.51.100.42")
    assert other.get(receipt).status == 404
    assert "Vous n'avez signalé aucun changement." in other.get(BASE).text()
    # The owner's key sent by the other account makes the other's own change, never touches the owner's.
    key = get_services().records.query(f"USER#{user_id_of('situation-proprio@example.fr')}", "SITUATION#")[0]["key"]
    token = other.csrf_token(f"{BASE}/reprise")
    assert other.post(f"{BASE}/reprise", {"cle": key, **VALID["reprise"]}, csrf=token).status == 303
    [mine] = get_services().records.query(f"USER#{user_id_of('situation-proprio@example.fr')}", "SITUATION#")
    assert mine["kind"] == "maladie"
    [theirs] = get_services().records.query(f"USER#{user_id_of('situation-curieux@example.fr')}", "SITUATION#")
    assert theirs["kind"] == "reprise"
