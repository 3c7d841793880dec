"""The dossier's letters (espace.dossier.letters): the « Confirmation d'inscription » made once per
request, as a PDF/UA-1 file veraPDF passes, with its mail; the file and records where they belong."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from espace.bootstrap import get_services
from espace.dossier import letters
from espace.dossier.opening import open_dossier
from espace.inscription.service import RegistrationDesk
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import sent_request
from tests.functional.race import race
from tools import verapdf


def text_of(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_confirmation_letter_says_what_the_validation_gives(platform):
    _client, _registration, dossier, letter = validated_candidate(platform, "lettre-conf@example.fr")
    services, user_id = get_services(), user_id_of("lettre-conf@example.fr")
    assert letter.file == f"users/{user_id}/courriers/{letter.id}.pdf" and letter.kind == letters.CONFIRMATION
    assert services.files.list(f"users/{user_id}/courriers/") == [letter.file]
    item = services.records.get(f"USER#{user_id}", letter.sk)
    assert item["title"] == "Confirmation d'inscription" and item["read_at"] is None
    text = text_of(services.files.get(letter.file).data)
    agency = services.agencies.get("17")
    for said in ("Confirmation d'inscription", "Camille DURAND", dossier.identifier, agency.name, agency.address,
                 "Votre mot de passe reste celui que vous avez choisi", "comme votre adresse e-mail",
                 "Cette agence est fictive"):
        assert said in text, said
    reader = PdfReader(io.BytesIO(services.files.get(letter.file).data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root and reader.metadata.title == "Confirmation d'inscription"


def test_the_mail_says_the_same_with_the_letters_link_and_is_kept(platform):
    _client, _registration, dossier, letter = validated_candidate(platform, "mail-conf@example.fr")
    [mail] = [m for m in platform.mails_to("mail-conf@example.fr") if "inscription est confirmée" in m[1]]
    assert dossier.identifier in mail[2] and "mot de passe reste celui que vous avez choisi" in mail[2]
    assert f"/mon-dossier/courriers/{letter.public_id}" in mail[2]
    kept = get_services().records.query(f"USER#{user_id_of('mail-conf@example.fr')}", "MSG#")
    assert any(item["subject"].startswith("Votre inscription est confirmée") for item in kept)


def test_a_second_call_makes_no_second_letter_nor_mail(platform):
    _client, registration, _dossier, first = validated_candidate(platform, "deux-fois@example.fr")
    services, user_id = get_services(), user_id_of("deux-fois@example.fr")
    again = letters.confirm_registration(services, registration, open_dossier(services.records, registration,
                                                                              by="automatique"))
    assert again == first
    assert len(services.records.query(f"USER#{user_id}", letters.PREFIX)) == 1
    assert services.files.list(f"users/{user_id}/courriers/") == [first.file]
    assert len([m for m in platform.mails_to("deux-fois@example.fr") if "confirmée" in m[1]]) == 1


def test_two_calls_at_once_make_one_letter_and_one_mail(platform):
    """A double click on the counsellor's validation: both calls render a letter, one keeps it.
    True threads on SQLite; one after the other on moto, whose transactions are not atomic across
    threads (as the other burst tests say)."""
    _client, registration = sent_request(platform, "en-meme-temps@example.fr")
    services = get_services()
    dossier = open_dossier(services.records, registration, by="automatique")
    results: list[letters.Letter] = []

    def confirm() -> None:
        results.append(letters.confirm_registration(services, registration, dossier))

    race(platform, [confirm] * 2)
    user_id = user_id_of("en-meme-temps@example.fr")
    assert len(results) == 2 and results[0] == results[1]
    assert len(services.records.query(f"USER#{user_id}", letters.PREFIX)) == 1
    assert services.files.list(f"users/{user_id}/courriers/") == [results[0].file]
    assert len([m for m in platform.mails_to("en-meme-temps@example.fr") if "confirmée" in m[1]]) == 1


def test_a_reregistration_keeps_the_identifier_and_says_reinscription(platform):
    from espace.inscription.model import AGAIN

    _client, registration, dossier, first = validated_candidate(platform, "reinscrit@example.fr")
    services = get_services()
    # The dossier ended, as a counsellor's cessation ends it.
    closed = {**dossier.item(), "periods": [{**dossier.periods[-1], "end": dossier.periods[-1]["start"]}]}
    services.records.put(closed)
    second = RegistrationDesk(services.records).submit(
        registration.user_id, registration.steps, kind=AGAIN, agency_id="17", name=registration.name,
        email=registration.email, discard_draft=_no_draft(registration.user_id))
    reopened = open_dossier(services.records, second, by="automatique")
    letter = letters.confirm_registration(services, second, reopened)
    assert letter != first and reopened.identifier == dossier.identifier
    text = text_of(services.files.get(letter.file).data)
    assert "réinscription" in text and dossier.identifier in text
    assert len(services.records.query(f"USER#{registration.user_id}", letters.PREFIX)) == 2


def _no_draft(user_id: str):
    from espace.ports import Delete

    return Delete(f"USER#{user_id}", "DRAFT#inscription")


def test_letters_pass_pdf_ua_1(platform, tmp_path):
    _client, registration, dossier, letter = validated_candidate(platform, "verapdf@example.fr")
    services = get_services()
    first = tmp_path / "confirmation.pdf"
    first.write_bytes(services.files.get(letter.file).data)
    # Without an agency (an unknown id) the letter says the agency will call: the other branch.
    context = {**letters.confirmation_context(services, registration, dossier), "agency": None, "again": True}
    other = tmp_path / "sans-agence.pdf"
    other.write_bytes(letters.render(services, letters.CONFIRMATION, {**context, "title": "Confirmation"}))
    reports = verapdf.validate([first, other])
    assert {report.path: report.failures for report in reports if not report.compliant} == {}
    assert len(reports) == 2 and all(report.passed_rules > 90 for report in reports)


def test_a_bad_kind_or_key_is_refused(platform):
    services = get_services()
    with pytest.raises(ValueError):
        letters.deliver_letter(services, "0" * 32, "inconnu", "Titre", {})
    with pytest.raises(ValueError):
        letters.deliver_letter(services, "0" * 32, letters.CONFIRMATION, "Titre", {}, about="a#b")


def test_a_mail_that_could_not_leave_is_sent_by_the_next_call(platform):
    """The validation is done and the letter kept even when the mail server is away; the next
    call (a retry) sends the mail, once."""
    from espace.ports import StoreError

    _client, registration = sent_request(platform, "serveur-absent@example.fr")
    services = get_services()
    dossier = open_dossier(services.records, registration, by="automatique")
    original = services.mailer.send

    def away(message):
        raise StoreError("the mail server is away")

    services.mailer.send = away  # type: ignore[method-assign]
    try:
        letter = letters.confirm_registration(services, registration, dossier)
    finally:
        services.mailer.send = original  # type: ignore[method-assign]
    user_id = user_id_of("serveur-absent@example.fr")
    assert services.records.get(f"USER#{user_id}", letter.sk)["mail_failed"] is True
    assert [m for m in platform.mails_to("serveur-absent@example.fr") if "confirmée" in m[1]] == []
    assert letters.confirm_registration(services, registration, dossier) == letter
    assert letters.confirm_registration(services, registration, dossier) == letter
    assert len([m for m in platform.mails_to("serveur-absent@example.fr") if "confirmée" in m[1]]) == 1
    assert services.records.get(f"USER#{user_id}", letter.sk)["mailed_at"] is not None


def test_a_call_stopped_between_the_file_and_the_records_leaves_no_orphan(platform, monkeypatch):
    """The file's key follows from the kind and the request: the retry writes the same file."""
    from espace.ports import StoreError

    _client, registration = sent_request(platform, "coupure@example.fr")
    services = get_services()
    dossier = open_dossier(services.records, registration, by="automatique")
    records = services.records

    original = records.transact

    def cut(operations):
        monkeypatch.setattr(records, "transact", original)
        raise StoreError("the table is away")

    monkeypatch.setattr(records, "transact", cut)  # the real store, whose next transaction fails
    with pytest.raises(StoreError):
        letters.confirm_registration(services, registration, dossier)
    user_id = user_id_of("coupure@example.fr")
    [written] = services.files.list(f"users/{user_id}/courriers/")
    assert records.query(f"USER#{user_id}", letters.PREFIX) == []
    letter = letters.confirm_registration(services, registration, dossier)
    assert services.files.list(f"users/{user_id}/courriers/") == [written] == [letter.file]
