"""The alert mails' text: per search its name and count, per offer title, place, contract and
link, « Et N autres » with the full search, the unsubscribe links; the reminder's « Prolonger »."""

from __future__ import annotations

import datetime as dt

from espace.alertes import mails
from espace.offers.model import Offer

SITE = "https://emploi.example.org"


def offer(number: int, contract: str = "MIS") -> Offer:
    return Offer(id=f"OF{number}", title=f"Cariste <{number}>", description="", training="", rome_code="N1101",
                 appellation_code=None, contract_type=contract, created_at=number, place_label="33 - BORDEAUX")


def news(total: int, shown: int, name: str = "Cariste") -> mails.SearchNews:
    return mails.SearchNews(sid="s1", name=name, offers=[offer(i) for i in range(shown)], total=total,
                            full_search_url=f"{SITE}/offres/recherche?motsCles=cariste&publieeDepuis=1",
                            unsubscribe_url=f"{SITE}/alertes/desabonnement?jeton=one")


def test_digest_text_lists_each_search_and_offer():
    message = mails.digest(to="a@example.org", day=dt.date(2026, 5, 1), weekly=False,
                           searches=[news(12, 10), news(1, 1, "Magasinier")], site_url=SITE,
                           unsubscribe_all_url=f"{SITE}/alertes/desabonnement?jeton=all",
                           headers={"List-Unsubscribe": "<x>"})
    assert message.subject == "13 nouvelles offres pour vos recherches (1er mai 2026)"
    text = message.text
    assert "Recherche « Cariste » : 12 nouvelles offres" in text
    assert "Recherche « Magasinier » : 1 nouvelle offre" in text
    assert "- Cariste <3>\n  33 - BORDEAUX – Intérim\n  https://emploi.example.org/offres/OF3" in text
    assert "Et 2 autres : https://emploi.example.org/offres/recherche?motsCles=cariste&publieeDepuis=1" in text
    assert text.count("Et ") == 1  # nothing more for the search shown whole
    assert "Arrêter l'alerte de cette recherche : https://emploi.example.org/alertes/desabonnement?jeton=one" in text
    assert "Ne plus recevoir d'alertes à cette adresse : https://emploi.example.org/alertes/desabonnement?jeton=all" \
        in text
    assert message.headers == {"List-Unsubscribe": "<x>"}


def test_digest_html_is_escaped_and_structured():
    html = mails.digest(to="a@example.org", day=dt.date(2026, 5, 2), weekly=True, searches=[news(1, 1)],
                        site_url=SITE, unsubscribe_all_url=f"{SITE}/u?a=1&b=2", headers={}).html
    assert html is not None and '<html lang="fr">' in html
    assert "<h2>Recherche « Cariste » : 1 nouvelle offre</h2><ul><li>" in html
    assert "Cariste &lt;0&gt;" in html and "<0>" not in html
    assert 'href="https://emploi.example.org/u?a=1&amp;b=2"' in html
    assert "publiées cette semaine" in html


def test_reminder_has_the_prolong_link_and_the_date():
    message = mails.reminder(to="a@example.org", expires_on=dt.date(2026, 6, 8),
                             prolong_url=f"{SITE}/alertes/prolonger?jeton=t", site_url=SITE)
    assert message.subject == "Vos alertes s'arrêtent le 8 juin 2026"
    assert "Prolonger mes alertes : https://emploi.example.org/alertes/prolonger?jeton=t" in message.text
