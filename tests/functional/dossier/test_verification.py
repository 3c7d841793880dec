"""The public verification of an attestation (GET /verifier-une-attestation): a reference printed
on a downloaded attestation is told authentic with its kind, date and the holder's initials and
nothing else; an unknown one is told so; a malformed or empty one gets a French message (400);
references are unguessable and forgotten with the account."""

from __future__ import annotations

import datetime as dt

import pytest

from espace import clock
from espace.bootstrap import get_services
from espace.dossier import verification
from espace.text import PARIS
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.dossier.test_attestations import download, text_of

PATH = "/verifier-une-attestation"


@pytest.fixture(autouse=True)
def frozen_day(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 12, 6, 10, 0, tzinfo=PARIS))


def printed_reference(platform, email: str) -> tuple[str, object]:
    client, _registration, dossier, _letter = validated_candidate(platform, email)
    text = text_of(download(client, "avis-de-situation").data)
    return text.split("Référence de vérification : ")[1].split()[0], dossier


def test_a_printed_reference_is_authentic_and_tells_only_kind_date_and_initials(platform):
    reference, dossier = printed_reference(platform, "verifiee@example.fr")
    third_party = platform.client(ip="198.51.100.60")  # not signed in: an employer, a CAF
    for typed in (reference, reference.lower().replace("-", " "), f"  {reference.replace('-', '')} "):
        page = third_party.get(f"{PATH}?reference={typed}")
        assert page.status == 200, typed
        text = page.text()
        assert "Cette référence correspond à une attestation authentique." in text
        assert "Attestation : Avis de situation" in text and "Établie le : 6 décembre 2026" in text
        assert "Initiales de la personne : C. D." in text
        assert page.html.xpath("//title")[0].text_content().startswith("Attestation authentique")
        for private in ("Camille", "DURAND", dossier.identifier, "verifiee@example.fr"):
            assert private not in page.body, private


def test_an_unknown_reference_is_told_unknown(platform):
    page = platform.client(ip="198.51.100.61").get(f"{PATH}?reference=2222-3333-4444-5555")
    assert page.status == 200 and "Aucune attestation ne correspond à la référence 2222-3333-4444-5555." in page.text()
    assert page.html.xpath("//title")[0].text_content().startswith("Attestation introuvable")


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Saisissez la référence de l'attestation."),
    ("   ", "Saisissez la référence de l'attestation."),
    ("ABCD-EFGH", "La référence doit comporter 16 caractères"),
    ("0000-1111-OOOO-IIII", "La référence doit comporter 16 caractères"),
    ("x" * 500, "La référence doit comporter 16 caractères"),
    ("<script>alert(1)</script>", "La référence doit comporter 16 caractères"),
])
def test_a_malformed_reference_gets_a_clear_message(platform, typed, message):
    page = platform.client(ip="198.51.100.62").get(f"{PATH}?reference={typed}")
    assert page.status == 400 and page.html.xpath("//title")[0].text_content().startswith("Erreur : ")
    assert message in (page.field_error("reference") or "") and any(message in e for e in page.error_summary())
    assert "<script>alert" not in page.body


def test_the_empty_form_and_its_label(platform):
    page = platform.client(ip="198.51.100.63").get(PATH)
    assert page.status == 200 and page.html.xpath('//form[@method="get"]//input[@name="reference"]')
    assert page.html.xpath('//label[@for="reference"]') and not page.error_summary()


def test_references_are_unguessable_and_unambiguous():
    drawn = {verification.new_reference() for _ in range(2000)}
    assert len(drawn) == 2000 and all(verification.is_well_formed(r) for r in drawn)
    assert not set("01IO") & set("".join(drawn)) and len(verification.ALPHABET) ** verification.LENGTH == 2 ** 80
    assert verification.initials("Jean-Pierre de la FONTAINE") == "J.-P. F."


def test_a_deleted_account_s_references_stop_verifying(platform):
    reference, _dossier = printed_reference(platform, "supprimee-ref@example.fr")
    services, user_id = get_services(), user_id_of("supprimee-ref@example.fr")
    assert verification.verify(services, verification.normalize(reference)) is not None
    from espace.web.lifecycle import run_account_deleted

    run_account_deleted(services, user_id)
    assert verification.verify(services, verification.normalize(reference)) is None
    page = platform.client(ip="198.51.100.64").get(f"{PATH}?reference={reference}")
    assert "Aucune attestation ne correspond" in page.text()
