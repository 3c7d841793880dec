"""« Envoyer cette offre par e-mail »: to oneself, or (signed in) to someone else.

So that the form cannot be used to send spam, each mail first reserves a place (an atomic
``increment``, as accounts reserves its mails) in three daily counters: per recipient
address, per client IP and, signed in, per account. A request past any limit sends nothing,
and two requests at once can never both take the last place. The counters expire with the day.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from espace.messages.service import Mailbox
from espace.ports import Mailer, Message, RecordStore

DAY = 86400
PER_RECIPIENT = 5
PER_IP = 30
PER_ACCOUNT = 20


@dataclass(frozen=True)
class SharedOffer:
    id: str
    title: str
    place: str
    contract: str


def offer_mail(offer: SharedOffer, to: str, link: str, *, sender: str | None, note: str) -> Message:
    """Plain text only: the sender's note is never read as HTML."""
    lines = []
    if sender:
        lines += [f"{sender} vous envoie cette offre d'emploi depuis l'Espace candidat.", ""]
        if note:
            lines += ["Son message :", note, ""]
    else:
        lines += ["Voici l'offre d'emploi que vous vous êtes envoyée depuis l'Espace candidat.", ""]
    lines += [offer.title, f"Lieu : {offer.place}", f"Contrat : {offer.contract}", f"Offre n° {offer.id}", "",
              f"Voir l'offre et postuler : {link}", "",
              "Vous recevez ce message parce que quelqu'un a saisi votre adresse sur le site. "
              "Aucune adresse n'est gardée pour vous écrire à nouveau."]
    subject = f"{sender} vous envoie une offre : {offer.title}" if sender else f"Offre d'emploi : {offer.title}"
    return Message(to=to, subject=subject[:200], text="\n".join(lines))


class Sharing:
    def __init__(self, records: RecordStore, mailer: Mailer, site_url: str,
                 clock: Callable[[], float] = time.time):
        self.records, self.mailer, self.site_url, self.clock = records, mailer, site_url.rstrip("/"), clock

    def allowed(self, to: str, client_ip: str, user_id: str | None) -> bool:
        """Reserve one mail in every counter; False when any is past its limit."""
        now = int(self.clock())
        day = now // DAY
        expires = (day + 1) * DAY + 3600
        counters = [(f"THROTTLE#share-to#{to}#{day}", "COUNTER", PER_RECIPIENT),
                    (f"THROTTLE#share-ip#{client_ip}#{day}", "COUNTER", PER_IP)]
        if user_id:
            # In the account's partition: exported and deleted with it.
            counters.append((f"USER#{user_id}", f"SHARE-COUNT#{day}", PER_ACCOUNT))
        ok = True
        for pk, sk, limit in counters:
            if self.records.increment(pk, sk, "count", expires_at=expires) > limit:
                ok = False
        return ok

    def send(self, offer: SharedOffer, to: str, client_ip: str, *, user_id: str | None, sender: str | None,
             note: str = "", own_address: str | None = None) -> bool:
        """Mail the offer; False (nothing sent) when a limit is reached. ``sender`` (the account's
        address) is named in a mail to someone else. A mail a signed-in candidate sends to their
        own address is kept in their « Mes messages »."""
        if not self.allowed(to, client_ip, user_id):
            return False
        message = offer_mail(offer, to, f"{self.site_url}/offres/{offer.id}", sender=sender, note=note)
        if user_id and own_address and to == own_address:
            Mailbox(self.records, self.mailer, self.clock).deliver(user_id, message, "partage")
        else:
            self.mailer.send(message)
        return True
