"""Lambda function "OffersFunction": the offer search, as HTML pages and as France Travail's JSON API,
and the search of the information pages.

Read-only: it needs the offer index and the ROME and communes referentials
(copied next to the code by functions/Makefile), no table and no bucket.
"""

from espace.infosearch import routes as info_routes
from espace.offers import api, pages
from espace.web.app import create_app, make_handler

# /offres/* are the pages; /api/offresdemploi/v2/* the JSON API and its OpenAPI document;
# /recherche searches the information pages (the search area of the site).
app = create_app([(pages.router, None), (api.router, "/api"), (info_routes.router, None)])

handler = make_handler(app)
