"""Sign in and out: generic failures, lockout, throttling, fixation, return path."""

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import PASSWORD, register, sign_in, signed_in_client

GENERIC = "Identifiant ou mot de passe incorrect"


def test_wrong_password_and_unknown_identifier_look_the_same(platform):
    register(platform, platform.client(), "connue@example.fr")
    known = sign_in(platform.client(), "connue@example.fr", "mauvais mot de passe")
    unknown = sign_in(platform.client(), "inconnue@example.fr", "mauvais mot de passe")
    assert known.status == unknown.status == 400
    assert GENERIC in known.field_error("identifiant")
    assert known.field_error("identifiant") == unknown.field_error("identifiant")


def test_lockout_after_five_failures_and_its_expiry(platform):
    client = platform.client()
    register(platform, client, "bloquee@example.fr")
    for _ in range(4):
        assert sign_in(client, "bloquee@example.fr", "faux mot de passe").status == 400
    fifth = sign_in(client, "bloquee@example.fr", "faux mot de passe")
    assert fifth.status == 429 and "bloquée pendant 15 minutes" in fifth.field_error("identifiant")
    # Even the right password is refused while locked.
    assert sign_in(client, "bloquee@example.fr", PASSWORD).status == 429
    # Fifteen minutes later (the lock's expiry moved into the past) the account opens again.
    records = get_services().records
    lock = records.get("LOCK#bloquee@example.fr", "LOCK")
    records.put({**lock, "expires_at": lock["expires_at"] - 15 * 60 - 1})
    assert sign_in(client, "bloquee@example.fr", PASSWORD).location == "/mon-espace"


def test_lockout_also_applies_to_unknown_identifiers(platform):
    client = platform.client()
    for _ in range(5):
        last = sign_in(client, "personne@example.fr", "faux mot de passe")
    assert last.status == 429 and "bloquée" in last.field_error("identifiant")


def test_per_address_throttling(platform):
    attacker = platform.client(ip="203.0.113.66")
    for number in range(30):
        sign_in(attacker, f"essai{number}@example.fr", "faux mot de passe")
    throttled = sign_in(attacker, "autre@example.fr", "faux mot de passe")
    assert throttled.status == 429 and "depuis votre réseau" in throttled.field_error("identifiant")
    register(platform, platform.client(), "voisine@example.fr")
    assert sign_in(platform.client(ip="192.0.2.10"), "voisine@example.fr").location == "/mon-espace"


def test_csrf_token_is_required(platform):
    client = platform.client()
    register(platform, client, "csrf@example.fr")
    for token in (False, "jeton-forge"):
        refused = client.post("/connexion", {"identifiant": "csrf@example.fr", "mot_de_passe": PASSWORD}, csrf=token)
        assert refused.status == 403 and "a expiré" in refused.text() and "rien n'a été enregistré" in refused.text()
    assert client.get("/mon-espace").status == 303  # still signed out


def test_session_is_rotated_at_sign_in(platform):
    client = platform.client()
    register(platform, client, "rotation@example.fr")
    client.post("/deconnexion", {}, csrf=client.csrf_token("/connexion"))  # a flash: an anonymous session
    name = "__Host-session" if platform.profile == "aws" else "session"
    before = client.cookies[name]
    assert sign_in(client, "rotation@example.fr").status == 303
    after = client.cookies[name]
    assert after != before
    # The pre-sign-in identifier (known to a fixation attacker) opens nothing.
    attacker = platform.client()
    attacker.cookies[name] = before
    assert attacker.get("/mon-espace").status == 303


def test_planted_session_cookie_is_ignored(platform):
    client = platform.client()
    register(platform, client, "plante@example.fr")
    planted = "valeur-choisie-par-un-attaquant"
    client.cookies = {"session": planted, "__Host-session": planted}
    response = sign_in(client, "plante@example.fr")
    assert response.status == 303
    name, _, value = response.cookies[-1].partition(";")[0].partition("=")
    assert value != planted
    attacker = platform.client()
    attacker.cookies = {name: planted}
    assert attacker.get("/mon-espace").status == 303


def test_cookie_attributes(platform):
    client = platform.client()
    register(platform, client, "cookie@example.fr")
    response = sign_in(client, "cookie@example.fr")
    cookie = response.cookies[-1]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie and "Domain" not in cookie
    # On HTTPS (AWS) the cookie is Secure and __Host- prefixed; browsers refuse that
    # prefix without Secure, so plain-http loopback uses the same cookie unprefixed.
    secure = platform.profile == "aws"
    assert cookie.startswith("__Host-session=") == secure and ("Secure" in cookie) == secure


def test_return_to_the_page_asked_for(platform):
    client = platform.client()
    register(platform, client, "retour@example.fr")
    redirect = client.get("/mon-espace/mot-de-passe")
    assert redirect.status == 303 and redirect.location == "/connexion?retour=/mon-espace/mot-de-passe"
    form = client.get(redirect.location)
    assert form.html.xpath('//input[@name="retour"]/@value') == ["/mon-espace/mot-de-passe"]
    back = sign_in(client, "retour@example.fr", retour="/mon-espace/mot-de-passe")
    assert back.location == "/mon-espace/mot-de-passe"


def test_no_open_redirect(platform):
    register(platform, platform.client(), "ouvert@example.fr")
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", ""):
        assert sign_in(platform.client(), "ouvert@example.fr", retour=target).location == "/mon-espace"


def test_sign_out_ends_the_session(platform):
    client = signed_in_client(platform, "sortie@example.fr")
    kept = dict(client.cookies)
    assert client.post("/deconnexion", {}, csrf=client.csrf_token("/mon-espace")).location == "/connexion"
    assert client.get("/mon-espace").status == 303
    replay = platform.client()
    replay.cookies = kept
    assert replay.get("/mon-espace").status == 303
    assert "Vous êtes déconnecté" in client.get("/connexion").text()


def test_sign_out_without_token_does_nothing(platform):
    client = signed_in_client(platform, "reste@example.fr")
    refused = client.post("/deconnexion", {}, csrf=False)
    assert refused.status == 403
    assert client.get("/mon-espace").status == 200
