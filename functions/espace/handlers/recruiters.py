"""Lambda function "RecruitersFunction": the recruiter side under /recruteur (sign-up, space, offers
published on the site, applications inboxes, the CV bank search, propositions).

A function of its own for least privilege: it writes the offer index (publishing), reads the CV
index and the candidates' CV files, which the candidates' function has no need to do together.
"""

from espace.candidatures import privacy  # noqa: F401  (its deletion hooks: candidates' copies)
from espace.recruteurs import accounts, cvtheque, inbox, offer_routes, propositions, space
from espace.web.app import create_app, make_handler

app = create_app([(module.router, None) for module in (accounts, space, offer_routes, inbox, cvtheque, propositions)])

handler = make_handler(app)
