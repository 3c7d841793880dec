"""The seed's three cases of joining a DDE and a DRE, the refusals, a join stopped halfway, and
nothing lost: every area's data in the space that stays, the closed space's codes refused."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.candidatures.service import ApplicationDesk
from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client, user_id_of
from tests.functional.reunir.helpers import (
    DDE_EMAIL,
    DRE_EMAIL,
    assert_holds,
    dde_space,
    dre_space,
    join,
    sort_keys,
)
from tests.functional.test_user_data import RECRUITER_EMAIL


def assert_closed(platform, old_id: str) -> None:
    """The closed space's codes refused, and no record anywhere names its account."""
    refused = sign_in(platform.client(ip="192.0.2.77"), DRE_EMAIL)
    assert refused.status == 400
    assert [record for record in platform.dump_records() if old_id in record] == []
    assert get_services().cv_index.remove_user(old_id) == 0  # the CV bank names only the account kept


def assert_dre_moved(dde_id: str) -> None:
    services = get_services()
    [application] = ApplicationDesk(services).of_candidate(dde_id)
    inbox = ApplicationDesk(services).inbox_entry(user_id_of(RECRUITER_EMAIL), "100AAAA", application.id)
    assert inbox is not None and inbox.candidate_id == dde_id
    assert services.files.get(application.cv.file_key).data == b"%PDF-1.7 cv"
    assert services.cv_index.count() == 2
    assert services.records.query(f"USER#{dde_id}", "DDE")  # the dossier stays where it was


def test_adding_a_dre_to_the_dde_space_keeps_everything(platform):
    dde_client, dde_id, dossier = dde_space(platform)
    dre_client, dre_id, keys = dre_space(platform)
    letters_before = [sk for sk in sort_keys(dde_id) if sk.startswith("LETTER#")]
    confirm = dde_client.get("/mon-espace/reunir")
    assert confirm.status == 200
    proven = dde_client.post("/mon-espace/reunir", {"identifiant": DRE_EMAIL, "mot_de_passe": PASSWORD})
    assert proven.status == 303
    page = dde_client.get("/mon-espace/reunir/confirmation")
    text = " ".join(page.text().split())
    assert "Ajouter un dossier de recherche d'emploi présent dans un autre espace" in text
    assert "vous ne pourrez plus accéder" not in text  # nothing is lost in this case
    assert "1 offre dans le classeur, 1 recherche enregistrée, 3 CV, 1 candidature" in text
    done = join(dde_client, DRE_EMAIL)
    assert done.status == 303 and done.location == "/mon-espace/reunir/termine"
    final = dde_client.get(done.location)
    assert final.status == 200 and dossier.identifier in final.text()
    assert_holds(dde_id, keys, dre_id)
    assert_dre_moved(dde_id)
    assert [sk for sk in sort_keys(dde_id) if sk.startswith("LETTER#")] == letters_before
    assert_closed(platform, dre_id)
    signed_out = dre_client.get("/mon-espace")  # the closed space's sessions are over
    assert signed_out.status == 303 and signed_out.location.startswith("/connexion")
    for identifier in (DDE_EMAIL, dossier.identifier):  # the DDE's codes still open the space
        assert sign_in(platform.client(ip="192.0.2.78"), identifier).status == 303


def test_replacing_the_dde_spaces_dre_warns_and_loses_only_it(platform):
    dde_client, dde_id, _dossier = dde_space(platform)
    offer = "099ZZZZ"
    get_services().records.put({"pk": f"USER#{dde_id}", "sk": f"CLASSEUR#{offer}", "offer_id": offer,
                                "added_at": 1})
    _dre_client, dre_id, keys = dre_space(platform)
    proven = dde_client.post("/mon-espace/reunir", {"identifiant": DRE_EMAIL, "mot_de_passe": PASSWORD})
    assert proven.status == 303
    text = " ".join(dde_client.get("/mon-espace/reunir/confirmation").text().split())
    assert "Remplacer votre dossier de recherche d'emploi" in text
    assert "vous ne pourrez plus accéder à ce dossier" in text and "1 offre dans le classeur" in text
    assert join(dde_client, DRE_EMAIL).status == 303
    assert_holds(dde_id, keys, dre_id)
    assert f"CLASSEUR#{offer}" not in sort_keys(dde_id)
    assert_dre_moved(dde_id)
    assert_closed(platform, dre_id)


def test_joining_the_dde_from_the_dre_space_signs_in_with_the_dde_codes(platform):
    _dde_client, dde_id, dossier = dde_space(platform)
    dre_client, dre_id, keys = dre_space(platform)
    proven = dre_client.post("/mon-espace/reunir", {"identifiant": dossier.identifier, "mot_de_passe": PASSWORD})
    assert proven.status == 303
    text = " ".join(dre_client.get("/mon-espace/reunir/confirmation").text().split())
    assert "Joindre votre dossier de demandeur d'emploi à cet espace" in text
    assert "vous devrez utiliser vos identifiants de demandeur d'emploi" in text
    done = join(dre_client, dossier.identifier)
    assert done.status == 303
    # The browser goes on in the space kept, signed in with the DDE's account.
    final = dre_client.get("/mon-espace/reunir/termine")
    assert final.status == 200 and DDE_EMAIL in final.text()
    assert dre_client.get("/mon-espace/classeur").status == 200
    assert_holds(dde_id, keys, dre_id)
    assert_dre_moved(dde_id)
    assert_closed(platform, dre_id)


def test_a_join_stopped_halfway_finishes_on_the_next_visit_without_duplicates(platform, monkeypatch):
    from espace.cv.service import CvBook

    dde_client, dde_id, _dossier = dde_space(platform)
    _dre_client, dre_id, keys = dre_space(platform)
    messages = len(get_services().records.query(f"USER#{dre_id}", "MSG#")) + len(
        get_services().records.query(f"USER#{dde_id}", "MSG#"))
    real = CvBook.sync_bank

    def crash(book):
        if book.user_id == dde_id:  # the kept DRE's move stops between its records and the CV bank
            raise RuntimeError("the function stopped")
        real(book)

    monkeypatch.setattr(CvBook, "sync_bank", crash)
    assert join(dde_client, DRE_EMAIL).status == 500
    assert get_services().records.get(f"USER#{dde_id}", "JOIN")["state"] == "ecarte"
    monkeypatch.setattr(CvBook, "sync_bank", real)
    resumed = dde_client.get("/mon-espace/reunir")
    assert resumed.status == 303 and resumed.location == "/mon-espace/reunir/termine"
    assert_holds(dde_id, keys, dre_id)
    assert_dre_moved(dde_id)
    assert len(get_services().records.query(f"USER#{dde_id}", "MSG#")) == messages
    assert len(get_services().records.query(f"USER#{dde_id}", "CV#")) == 2
    assert len(get_services().records.query(f"USER#{dde_id}", "JOINED#")) == 1
    assert_closed(platform, dre_id)


def test_wrong_password_same_space_and_spaces_without_one_dde_are_refused(platform):
    dde_client, dde_id, dossier = dde_space(platform)
    wrong = dde_client.post("/mon-espace/reunir", {"identifiant": "autre@example.fr", "mot_de_passe": "faux"})
    assert wrong.status == 400 and "incorrect" in wrong.field_error("identifiant")
    empty = dde_client.post("/mon-espace/reunir", {"identifiant": "", "mot_de_passe": ""})
    assert empty.status == 400 and "Saisissez" in empty.field_error("identifiant")
    itself = dde_client.post("/mon-espace/reunir", {"identifiant": dossier.identifier, "mot_de_passe": PASSWORD})
    assert itself.status == 409 and "l'espace où vous êtes connecté" in itself.field_error("identifiant")
    # Two spaces without a DDE: nothing to join.
    first = signed_in_client(platform, "premier@example.fr", ip="192.0.2.60")
    signed_in_client(platform, "second@example.fr", ip="192.0.2.61")
    none = first.post("/mon-espace/reunir", {"identifiant": "second@example.fr", "mot_de_passe": PASSWORD})
    assert none.status == 409 and "rien à réunir" in none.field_error("identifiant")
    # A space whose registration request waits for the agency: joined once the request is dealt with.
    from tests.functional.inscription.helpers import sent_request

    waiting, _registration = sent_request(platform, "en-attente@example.fr", ip="192.0.2.62")
    pending = waiting.post("/mon-espace/reunir", {"identifiant": dossier.identifier, "mot_de_passe": PASSWORD})
    assert pending.status == 409 and "demande d'inscription en cours" in pending.field_error("identifiant")
    # Without a proof, the confirmation leads back to the sign-in.
    assert dde_client.get("/mon-espace/reunir/confirmation").location == "/mon-espace/reunir"
    assert dde_client.get("/mon-espace/reunir/termine").location == "/mon-espace/reunir"
    assert get_services().records.get(f"USER#{dde_id}", "JOIN") is None


def test_a_join_stopped_while_the_replaced_dre_goes_finishes_too(platform, monkeypatch):
    from espace.reunir import service

    dde_client, dde_id, _dossier = dde_space(platform)
    get_services().records.put({"pk": f"USER#{dde_id}", "sk": "CLASSEUR#099ZZZZ", "offer_id": "099ZZZZ",
                                "added_at": 1})
    _dre_client, dre_id, keys = dre_space(platform)
    real = service.run_account_deleted
    calls = []

    def crash(services, user_id):
        calls.append(user_id)
        if len(calls) == 1:  # the replaced DRE moved aside, its deletion stops
            raise RuntimeError("the function stopped")
        real(services, user_id)

    monkeypatch.setattr(service, "run_account_deleted", crash)
    assert join(dde_client, DRE_EMAIL).status == 500
    assert get_services().records.get(f"USER#{dde_id}", "JOIN")["state"] == "confirme"
    assert dde_client.get("/mon-espace/reunir/confirmation").location == "/mon-espace/reunir/termine"
    assert "CLASSEUR#099ZZZZ" not in sort_keys(dde_id)
    assert_holds(dde_id, keys, dre_id)
    assert_dre_moved(dde_id)
    assert_closed(platform, dre_id)
    assert [record for record in platform.dump_records() if calls[0] in record] == []  # the throwaway id too
