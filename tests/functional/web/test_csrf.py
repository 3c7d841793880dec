"""CSRF by default: every POST route of the template refuses a request without a valid
token — missing, empty, another visitor's, or one from an ended session — with a 403
and nothing changed. The routes come from infra/template.yaml: a new route is covered
without anyone adding it here."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client
from tests.functional.client import Client
from tests.functional.profiles import each_case_on_one_profile
from tests.infra.cloudformation import load_sam_template

# What a real form of any area might send: with a valid token, these would change things
# (delete the account, change the password…), so a refused request proves the check ran.
PLAUSIBLE_FIELDS = {"identifiant": "victime@example.fr", "mot_de_passe": PASSWORD, "actuel": PASSWORD,
                    "confirmation": PASSWORD, "confirmer": "oui", "nouvelle_adresse": "pirate@example.fr",
                    "code_postal": "17000", "question": "1", "reponse": "Médor", "jeton": "x"}


def post_routes() -> list[tuple[str, str]]:
    """(handler, path) of every POST event of the template, path parameters filled in."""
    template = load_sam_template()
    routes = []
    for resource in template["Resources"].values():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            props = event.get("Properties", {})
            if event.get("Type") == "HttpApi" and props.get("Method", "").upper() in {"POST", "PUT", "PATCH",
                                                                                      "DELETE", "ANY"}:
                routes.append((resource["Properties"]["Handler"], re.sub(r"\{[^}]+\}", "x", props["Path"])))
    return sorted(routes)


# POST routes marked @csrf_exempt, each with the function that carries the mark: they keep no
# session and read no cookie, so a forged cross-site request can do nothing with them.
EXEMPT = {"/connexion/oauth2/access_token": "espace.offers.api_token.access_token",
          # RFC 8058 one-click unsubscribe: mail clients POST without a session; a signed token
          # in the URL says which alerts, and the action only ever stops mail.
          "/alertes/desabonnement": "espace.alertes.routes.unsubscribe",
          # Double opt-in: the static pages' form only sends a confirmation mail (capped per address and network).
          "/lettre/abonnement": "espace.lettre.routes.subscribe",
          # RFC 8058 one-click unsubscribe: the mail client posts without cookies; a signed token names the address.
          "/lettre/desabonnement": "espace.lettre.routes.unsubscribe"}
ROUTES = [(handler, path) for handler, path in post_routes() if path not in EXEMPT]


def test_the_template_has_post_routes():
    assert len(ROUTES) >= 8


@pytest.mark.parametrize("path", sorted(EXEMPT))
def test_routes_left_out_are_the_exempt_ones(path):
    from espace.web.csrf import is_exempt

    assert path in {p for _, p in post_routes()}
    assert is_exempt(handler_of(EXEMPT[path]))


def handler_of(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


@each_case_on_one_profile("handler, path", ROUTES, ids=[path for _, path in ROUTES])
def test_post_without_a_valid_token_is_refused_and_changes_nothing(platform, handler, path):
    victim = signed_in_client(platform, "victime@example.fr")
    stale = victim.csrf_token("/mon-espace")
    victim.post("/deconnexion", {}, csrf=stale)
    assert sign_in(victim, "victime@example.fr").status == 303  # a new session: the old token is stale
    other = signed_in_client(platform, "autre@example.fr", ip="198.51.100.8")
    foreign = other.csrf_token("/mon-espace")
    client = Client(handler_of(handler), source_ip=victim.source_ip, cookies=dict(victim.cookies))
    before = (platform.dump_records(), len(platform.read_mails()))
    for token in (False, "", foreign, stale):
        response = client.post(path, PLAUSIBLE_FIELDS, csrf=token)
        assert response.status == 403, (path, token, response.status)
        assert "rien n'a été enregistré" in response.text()
    assert (platform.dump_records(), len(platform.read_mails())) == before
    assert victim.get("/mon-espace").status == 200  # still signed in, account intact


@pytest.mark.parametrize("headers", [{"origin": "https://evil.example"},
                                     {"referer": "https://evil.example/page"},
                                     {"origin": "null"}])
def test_cross_site_posts_are_refused_even_with_a_token(platform, headers):
    client = signed_in_client(platform, "origine@example.fr")
    token = client.csrf_token("/mon-espace/suppression")
    refused = client.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"}, csrf=token,
                          headers=headers)
    assert refused.status == 403 and "autre site" in refused.text()
    assert client.get("/mon-espace").status == 200


def test_same_site_origin_is_accepted(platform):
    client = signed_in_client(platform, "meme-site@example.fr")
    token = client.csrf_token("/mon-espace")
    done = client.post("/deconnexion", {}, csrf=token, headers={"origin": "http://127.0.0.1:8000",
                                                                "referer": "http://127.0.0.1:8000/mon-espace"})
    assert done.status == 303


def test_reading_pages_stores_nothing_for_anonymous_visitors(platform):
    before = platform.dump_records()
    client = platform.client()
    for _ in range(20):
        for path in ("/connexion", "/compte/creation", "/compte/mot-de-passe-oublie"):
            assert client.get(path).status == 200
    for _ in range(20):
        assert platform.client().get("/compte/creation").status == 200  # new visitors, no cookie
    # Only the signing key may have been created by the first form.
    assert [r for r in platform.dump_records() if "SIGNING-KEY" not in r] == \
        [r for r in before if "SIGNING-KEY" not in r]


def test_an_anonymous_token_is_bound_to_its_visitor(platform):
    alice, mallory = platform.client(), platform.client()
    token = mallory.csrf_token("/compte/mot-de-passe-oublie")
    refused = alice.post("/compte/mot-de-passe-oublie", {"identifiant": "alice@example.fr"}, csrf=token)
    assert refused.status == 403
    assert alice.post("/compte/mot-de-passe-oublie", {"identifiant": "alice@example.fr"}).status == 200


def test_a_route_opts_out_only_explicitly(platform):
    """A route marked @csrf_exempt (e.g. RFC 8058 one-click unsubscribe, which carries its own
    signed token) takes a POST without a token; the same route unmarked refuses it."""
    from espace.web.app import create_app, make_handler
    from espace.web.auth import AreaRouter
    from espace.web.csrf import csrf_exempt

    router = AreaRouter()

    @router.post("/essai/exempte")
    @csrf_exempt("a signed token in the URL, checked by the route")
    def exempt(ctx):
        return ctx.redirect("/")

    @router.post("/essai/protegee")
    def protected(ctx):
        return ctx.redirect("/")

    client = Client(make_handler(create_app([(router, None)])))
    assert client.post("/essai/exempte", {}, csrf=False).status == 303
    assert client.post("/essai/protegee", {}, csrf=False).status == 403
    with pytest.raises(ValueError):
        csrf_exempt(" ")
