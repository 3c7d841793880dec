"""Lambda function "CounsellorsFunction": the agency counsellors' side under /conseiller (the
agency's agenda, the day's appointments, the registration requests and their validation).

A function of its own for least privilege: it reads and writes the agencies' partitions and the
registration records of the candidates of its agency, and mails candidates; it has no offer or CV
index.
"""

from espace.conseillers import (
    actualisations,
    agenda,
    dossier_letter,
    dossiers,
    follow_up,  # noqa: F401  (its sections of a dossier: declarations, payments, changes)
    interview,
    post_list,
    requests,
    situations,
    space,
)
from espace.web.app import create_app, make_handler

# interview before requests: its /validation and /cessation must match before the correction's /<etape>.
# Issue 13: situations (changes of situation), actualisations (the agency's missed actualisations),
# dossiers and dossier_letter (a candidate's dossier read, a letter written into it), post_list (what
# leaves the agency by post).
app = create_app([(module.router, None) for module in (space, agenda, interview, requests, situations,
                                                      actualisations, dossiers, dossier_letter, post_list)])

handler = make_handler(app)
