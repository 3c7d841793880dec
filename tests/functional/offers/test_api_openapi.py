"""The OpenAPI document of the offers API describes the real API's interface: every field of its Offre
schema with its type, every search parameter, the statuses, the referentials, the token scheme."""

from __future__ import annotations

import jsonschema
import pytest

from tests.caches import environment
from tests.functional.client import Client
from tests.functional.offers.conftest import sample_offers

# From France Travail's own document (offres_emploi_v2_bundled.json): the fields of its Offre schema
# and their JSON types, and the parameters of GET /v2/offres/search.
REAL_OFFRE = {
    "id": "string", "intitule": "string", "description": "string", "dateCreation": "string",
    "dateActualisation": "string", "lieuTravail": "object", "romeCode": "string", "romeLibelle": "string",
    "appellationlibelle": "string", "entreprise": "object", "typeContrat": "string", "typeContratLibelle": "string",
    "natureContrat": "string", "experienceExige": "string", "experienceLibelle": "string",
    "experienceCommentaire": "string", "formations": "array", "langues": "array", "permis": "array",
    "outilsBureautiques": "array", "competences": "array", "salaire": "object", "dureeTravailLibelle": "string",
    "dureeTravailLibelleConverti": "string", "complementExercice": "string", "conditionExercice": "string",
    "alternance": "boolean", "contact": "object", "agence": "object", "nombrePostes": "integer",
    "accessibleTH": "boolean", "deplacementCode": "string", "deplacementLibelle": "string",
    "qualificationCode": "string", "qualificationLibelle": "string", "codeNAF": "string",
    "secteurActivite": "string", "secteurActiviteLibelle": "string", "qualitesProfessionnelles": "array",
    "trancheEffectifEtab": "string", "origineOffre": "object", "offresManqueCandidats": "boolean",
    "contexteTravail": "object", "entrepriseAdaptee": "boolean", "employeurHandiEngage": "boolean",
}
REAL_SEARCH_PARAMETERS = {
    "range", "sort", "domaine", "codeROME", "appellation", "theme", "secteurActivite", "codeNAF", "experience",
    "typeContrat", "natureContrat", "origineOffre", "qualification", "tempsPlein", "commune", "distance",
    "departement", "inclureLimitrophes", "region", "paysContinent", "niveauFormation", "permis", "motsCles",
    "salaireMin", "periodeSalaire", "accesTravailleurHandicape", "publieeDepuis", "minCreationDate",
    "maxCreationDate", "offresMRS", "experienceExigence", "grandDomaine", "partenaires", "modeSelectionPartenaires",
    "dureeHebdoMin", "dureeHebdoMax", "dureeContratMin", "dureeContratMax", "dureeHebdo", "offresManqueCandidats",
    "entreprisesAdaptees", "employeursHandiEngages",
}
REFERENTIELS = {"communes", "departements", "regions", "metiers", "appellations", "domaines", "themes",
                "typesContrats", "naturesContrats", "niveauxFormations", "permis", "langues", "secteursActivites",
                "pays", "continents"}


@pytest.fixture(scope="module", params=["/api", "/partenaire"])
def served(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("openapi")
    with environment({"ESPACE_PROFILE": "embedded", "ESPACE_SEARCH_URL": f"sqlite:///{folder}/offres.db",
                      "ESPACE_RECORDS_URL": f"sqlite:///{folder}/app.db", "POWERTOOLS_LOG_LEVEL": "WARNING"}):
        from espace.handlers.offers import handler

        result = Client(handler).get(f"{request.param}/offresdemploi/v2/openapi.json")
        assert result.status == 200
        yield f"{request.param}/offresdemploi/v2", result.json()


def test_paths_are_under_the_prefix_asked(served):
    base, document = served
    assert set(document["paths"]) == {f"{base}/offres/search", f"{base}/offres/{{id}}",
                                      *(f"{base}/referentiel/{name}" for name in REFERENTIELS)}


def test_every_field_of_the_real_offre_with_its_type(served):
    _, document = served
    schemas = document["components"]["schemas"]
    properties = schemas["Offre"]["properties"]
    assert set(REAL_OFFRE) <= set(properties)
    for name, kind in REAL_OFFRE.items():
        schema = properties[name]
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        assert schema["type"] == kind, name
    contact = schemas["Contact"]["properties"]
    assert {"nom", "coordonnees1", "coordonnees2", "coordonnees3", "courriel", "urlPostulation"} <= set(contact)
    assert {"origine", "urlOrigine", "partenaires"} <= set(schemas["OrigineOffre"]["properties"])
    assert {"logo", "url", "entrepriseAdaptee"} <= set(schemas["Entreprise"]["properties"])
    assert "complement2" in schemas["Salaire"]["properties"]
    assert "codeFormation" in schemas["Formation"]["properties"]


def test_every_real_search_parameter(served):
    from espace.offers.api_params import PARAMETERS

    base, document = served
    names = [p["name"] for p in document["paths"][f"{base}/offres/search"]["get"]["parameters"]]
    assert len(names) == len(set(names))
    assert set(names) == REAL_SEARCH_PARAMETERS | set(PARAMETERS)


def test_statuses_of_the_real_api(served):
    base, document = served
    search = document["paths"][f"{base}/offres/search"]["get"]["responses"]
    assert {"200", "204", "206", "400"} <= set(search)
    assert "offres */0" in search["204"]["headers"]["Content-Range"]["description"]
    offer = document["paths"][f"{base}/offres/{{id}}"]["get"]["responses"]
    assert {"200", "204", "400"} <= set(offer) and "404" not in offer
    communes = document["paths"][f"{base}/referentiel/communes"]["get"]["responses"]["200"]
    assert communes["content"]["application/json"]["schema"]["items"] == {"$ref": "#/components/schemas/Commune"}


def test_the_token_is_documented_and_optional(served):
    _, document = served
    flow = document["components"]["securitySchemes"]["franceTravail"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "/connexion/oauth2/access_token?realm=/partenaire"
    assert set(flow["scopes"]) == {"api_offresdemploiv2", "o2dsoffre"}
    assert {} in document["security"]  # no token is fine


def test_real_offers_conform_to_the_documented_schema(served):
    _, document = served
    root = {"components": document["components"], "$ref": "#/components/schemas/Offre"}
    validator = jsonschema.Draft4Validator(root)
    for offer in sample_offers():
        errors = list(validator.iter_errors(offer))
        assert not errors, (offer["id"], [e.message for e in errors[:3]])
