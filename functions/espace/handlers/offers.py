"""Lambda function "OffersFunction": the offer search, as HTML pages and as France Travail's JSON API.

Read-only: it needs the offer index and the ROME and communes referentials
(copied next to the code by functions/Makefile), no table and no bucket.
"""

from espace.offers import api, pages
from espace.web.app import create_app, make_handler

# /offres/* are the pages; /api/offresdemploi/v2/* the JSON API and its OpenAPI document.
app = create_app([(pages.router, None), (api.router, "/api")])

handler = make_handler(app)
