"""AccountService.request_account's ``extra``: the profile fields a recruiter's sign-up adds (role,
company, SIRET) travel with the link and enter the profile at confirmation, and nothing else can."""

from __future__ import annotations

from espace.accounts.secrets import token_key, verify_secret
from tests.unit.espace.accounts.test_service import PASSWORD, clock, last_token, mails, service  # noqa: F401

EMAIL = "rh@boulangerie.example"


def test_the_extra_fields_ride_with_the_link_into_the_profile(service, tmp_path):  # noqa: F811  (fixture)
    extra = {"role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"}
    assert service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1", extra)
    token = last_token(tmp_path, EMAIL)
    assert service.records.get(token_key(token), "TOKEN")["profile"] == extra
    assert service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT") is None  # nothing before the link
    assert "Boulangerie Martin" in mails(tmp_path)[-1][1]
    service.confirm(token)
    user_id = service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    profile = service.records.get(f"USER#{user_id}", "PROFILE")
    assert {k: profile[k] for k in extra} == extra


def test_only_the_known_extra_fields_are_kept(service, tmp_path):  # noqa: F811  (fixture)
    extra = {"role": "recruteur", "password": "écrasé", "auth_version": "9", "email": "autre@example.fr"}
    assert service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1", extra)
    service.confirm(last_token(tmp_path, EMAIL))
    user_id = service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    profile = service.records.get(f"USER#{user_id}", "PROFILE")
    assert profile["role"] == "recruteur" and profile["email"] == EMAIL and "auth_version" not in profile
    assert verify_secret(profile["password"], PASSWORD)


def test_without_extra_the_profile_is_a_candidates(service, tmp_path):  # noqa: F811  (fixture)
    assert service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1")
    token = last_token(tmp_path, EMAIL)
    assert "profile" not in service.records.get(token_key(token), "TOKEN")
    service.confirm(token)
    user_id = service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    assert "role" not in service.records.get(f"USER#{user_id}", "PROFILE")


def test_an_account_without_files_is_exported_and_deleted_without_the_file_store(service, tmp_path):  # noqa: F811
    extra = {"role": "recruteur", "company": "Boulangerie Martin", "siret": "73282932000074"}
    assert service.request_account(EMAIL, PASSWORD, "17000", "1", "Médor", "192.0.2.1", extra)
    service.confirm(last_token(tmp_path, EMAIL))
    user_id = service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT")["user_id"]
    service.files.put(f"users/{user_id}/trace.txt", b"x", "text/plain")  # to see the store is not asked
    assert service.export(user_id, files=False)["files"] == []
    assert service.export(user_id)["files"] == [f"users/{user_id}/trace.txt"]
    service.delete_account(user_id, files=False)
    assert service.records.query(f"USER#{user_id}") == []
    assert service.records.get(f"EMAIL#{EMAIL}", "ACCOUNT") is None
    assert service.files.list(f"users/{user_id}/") == [f"users/{user_id}/trace.txt"]
