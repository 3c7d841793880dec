"""Lambda function "OffersFunction": the offer search, as HTML pages and as France Travail's JSON API,
and the search of the information pages.

Read-only: it needs the offer index and the referentials (ROME, communes, data/referentiels, copied
next to the code by functions/Makefile), no bucket and no mail. It reads one record of the table,
the site's signing key, to sign and check the API's OAuth2 tokens (espace.offers.api_token).
"""

from espace.infosearch import routes as info_routes
from espace.offers import api, api_referentiel, api_token, pages
from espace.web.app import create_app, make_handler

# /offres/* are the pages; the JSON API and its OpenAPI document are served under the site's
# /api/offresdemploi/v2/* and under France Travail's own path, /partenaire/offresdemploi/v2/*, with
# the OAuth2 token endpoint at France Travail's path, so that a client needs only its host changed;
# /recherche searches the information pages (the search area of the site).
API_PREFIXES = ("/api", "/partenaire")
app = create_app([(pages.router, None),
                  *[(router, prefix) for prefix in API_PREFIXES for router in (api.router, api_referentiel.router)],
                  (api_token.router, None), (info_routes.router, None)])

handler = make_handler(app)
