"""Lambda function "CounsellorsFunction": the agency counsellors' side under /conseiller (the
agency's agenda, the day's appointments, the registration requests and their validation).

A function of its own for least privilege: it reads and writes the agencies' partitions and the
registration records of the candidates of its agency, and mails candidates; it has no offer or CV
index.
"""

from espace.conseillers import agenda, dossier_letter, dossiers, interview, requests, space
from espace.web.app import create_app, make_handler

# interview before requests: its /validation and /cessation must match before the correction's /<etape>.
app = create_app([(module.router, None) for module in (space, agenda, interview, requests,
                                                      dossiers, dossier_letter)])  # J: dossiers, letters (issue 13)

handler = make_handler(app)
