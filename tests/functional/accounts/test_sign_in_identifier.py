"""Signing in with the definitive identifier a validated registration gives (« Identifiant »:
an e-mail address or the identifier), with the same generic failures, lockout and throttling."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier.model import check_letter
from espace.dossier.opening import open_dossier
from tests.functional.accounts.helpers import PASSWORD, sign_in, user_id_of
from tests.functional.inscription.helpers import sent_request

GENERIC = "Identifiant ou mot de passe incorrect"


def validated(platform, email: str) -> str:
    """A candidate whose request was validated: their definitive identifier."""
    _client, registration = sent_request(platform, email)
    return open_dossier(get_services().records, registration, by="automatique").identifier


def wrong_letter(identifier: str) -> str:
    return identifier[:7] + next(c for c in "ABCDEFGHJKLMNPRSTXYZ" if c != check_letter(identifier[:7]))


def test_the_identifier_signs_in_as_the_address_does(platform):
    identifier = validated(platform, "ident@example.fr")
    # Typed in lower case, with spaces, as it may be read from the letter.
    typed = f" {identifier[:4]} {identifier[4:7]} {identifier[7].lower()} "
    client = platform.client(ip="198.51.100.40")
    done = sign_in(client, typed)
    assert done.status == 303 and done.location == "/mon-espace", done.text()[:300]
    space = client.get("/mon-espace")
    assert space.status == 200
    # The same account as with the address: its data, not another's.
    assert get_services().records.get(f"IDENT#{identifier}", "ACCOUNT")["user_id"] == user_id_of("ident@example.fr")
    assert sign_in(platform.client(ip="198.51.100.41"), "ident@example.fr").location == "/mon-espace"


def test_wrong_password_and_unknown_identifier_look_the_same(platform):
    identifier = validated(platform, "meme@example.fr")
    unknown = next(f"{n:07d}{check_letter(f'{n:07d}')}" for n in range(1, 100)
                   if get_services().records.get(f"IDENT#{n:07d}{check_letter(f'{n:07d}')}", "ACCOUNT") is None)
    known = sign_in(platform.client(), identifier, "mauvais mot de passe")
    nobody = sign_in(platform.client(), unknown, "mauvais mot de passe")
    assert known.status == nobody.status == 400
    assert GENERIC in known.field_error("identifiant")
    assert known.field_error("identifiant") == nobody.field_error("identifiant")


def test_a_wrong_check_letter_is_told_without_any_lookup(platform):
    identifier = validated(platform, "lettre@example.fr")
    before = [r for r in platform.dump_records() if "THROTTLE#signin" in r or "LOCK#" in r]
    for _ in range(6):  # more than the lockout's five: none of these counts as a failure
        refused = sign_in(platform.client(), wrong_letter(identifier), PASSWORD)
        assert refused.status == 400
        assert "sa lettre ne correspond pas à ses chiffres" in refused.field_error("identifiant")
        assert refused.html.xpath('//input[@name="identifiant"]/@value') == [wrong_letter(identifier)]
    assert [r for r in platform.dump_records() if "THROTTLE#signin" in r or "LOCK#" in r] == before
    assert sign_in(platform.client(), identifier).location == "/mon-espace"


def test_neither_an_address_nor_an_identifier(platform):
    for typed in ("12345", "ABCDEFGH", "1234567", "12345678", "x" * 4_000):
        refused = sign_in(platform.client(), typed, PASSWORD)
        assert refused.status == 400, typed[:20]
        error = refused.field_error("identifiant") or ""
        assert "7 chiffres" in error, error
        assert len(error) < 400  # what was typed is not echoed whole
    # Past the kit's cap on a field (5,000 characters) the value is cut, and refused the same way.
    huge = sign_in(platform.client(), "1" * 10_000, PASSWORD)
    assert huge.status == 400 and "7 chiffres" in (huge.field_error("identifiant") or "")
    label = platform.client().get("/connexion").html
    hint = " ".join(label.xpath('//p[@id="identifiant-aide"]//text()'))
    assert "adresse e-mail" in hint and "7 chiffres et une lettre" in hint
    assert label.xpath('//input[@name="identifiant"]/@type') == ["text"]


def test_lockout_holds_per_identifier(platform):
    identifier = validated(platform, "bloque-ident@example.fr")
    client = platform.client(ip="198.51.100.50")
    for _ in range(4):
        assert sign_in(client, identifier, "faux mot de passe").status == 400
    fifth = sign_in(client, identifier.lower(), "faux mot de passe")
    assert fifth.status == 429 and "bloquée pendant 15 minutes" in fifth.field_error("identifiant")
    assert sign_in(client, identifier, PASSWORD).status == 429  # even the right password while locked
    records = get_services().records
    lock = records.get(f"LOCK#{identifier}", "LOCK")
    assert lock is not None
    records.put({**lock, "expires_at": lock["expires_at"] - 15 * 60 - 1})
    assert sign_in(client, identifier, PASSWORD).location == "/mon-espace"


def test_per_network_throttling_counts_identifiers_too(platform):
    attacker = platform.client(ip="203.0.113.77")
    for number in range(30):
        digits = f"{number:07d}"
        sign_in(attacker, digits + check_letter(digits), "faux mot de passe")
    throttled = sign_in(attacker, "autre@example.fr", "faux mot de passe")
    assert throttled.status == 429 and "depuis votre réseau" in throttled.field_error("identifiant")


def test_a_forgotten_password_is_asked_with_the_identifier_too(platform):
    """The link goes to the account's address, which the page does not show; an unknown identifier
    gets the same page and no mail; a mistyped one is told at once."""
    email = "oubli-ident@example.fr"
    identifier = validated(platform, email)
    client = platform.client(ip="198.51.100.42")
    asked = client.post("/compte/mot-de-passe-oublie", {"identifiant": identifier.lower()})
    assert asked.status == 200 and f"l'identifiant {identifier}" in asked.text()
    assert email not in asked.text()
    assert platform.last_link(email).startswith("/compte/reinitialisation?jeton=")

    unknown = next(f"{n:07d}{check_letter(f'{n:07d}')}" for n in range(1, 100)
                   if get_services().records.get(f"IDENT#{n:07d}{check_letter(f'{n:07d}')}", "ACCOUNT") is None)
    mails_before = len(platform.read_mails())
    nobody = client.post("/compte/mot-de-passe-oublie", {"identifiant": unknown})
    assert nobody.status == 200 and "Si un espace existe avec l'identifiant" in nobody.text()
    assert len(platform.read_mails()) == mails_before

    mistyped = client.post("/compte/mot-de-passe-oublie", {"identifiant": wrong_letter(identifier)})
    assert mistyped.status == 400 and mistyped.error_summary()
