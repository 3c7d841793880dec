"""The digest's content, the choice of articles and the RFC 8058 headers."""

from __future__ import annotations

import pytest

from espace.lettre.jobs import check_month, select_articles
from espace.lettre.mails import Article, date_fr, digest, month_name


def article(day: str, title: str = "Titre") -> Article:
    return Article(title, day, "Résumé.", f"https://emploi.example.org/actualites/{day}.html")


def test_the_letter_covers_the_previous_month_newest_first():
    articles = [article("2026-12-01"), article("2026-11-30"), article("2026-11-02"), article("2026-11-15"),
                article("2026-10-31")]
    chosen = select_articles(articles, "2026-12")
    assert [a.date for a in chosen] == ["2026-11-30", "2026-11-15", "2026-11-02"]


def test_a_quiet_month_is_topped_up_with_the_month_before_only():
    articles = [article("2026-11-10"), article("2026-10-20"), article("2026-10-05"), article("2026-10-01"),
                article("2026-09-01")]
    assert [a.date for a in select_articles(articles, "2026-12")] == ["2026-11-10", "2026-10-20", "2026-10-05"]
    assert select_articles([article("2026-09-01")], "2026-12") == []


def test_january_covers_december_of_the_year_before_and_at_most_ten():
    articles = [article(f"2026-12-{day:02d}") for day in range(1, 16)]
    chosen = select_articles(articles, "2027-01")
    assert len(chosen) == 10 and chosen[0].date == "2026-12-15"


@pytest.mark.parametrize("value", ["2026-13", "2026", "12-2026", "2026-1x", ""])
def test_months_are_checked(value):
    with pytest.raises(ValueError):
        check_month(value)


def test_french_dates():
    assert month_name("2026-08") == "août 2026"
    assert date_fr("2026-11-01") == "1er novembre 2026" and date_fr("2026-11-20") == "20 novembre 2026"


def test_the_digest_mail():
    unsubscribe = "https://emploi.example.org/lettre/desabonnement?jeton=abc.def"
    message = digest("lea@example.fr", "2026-12", [article("2026-11-20", "Nouveaux ateliers")],
                     "https://emploi.example.org", unsubscribe)
    assert message.to == "lea@example.fr"
    assert message.subject == "Mode d'emploi – la lettre de décembre 2026 – Espace candidat"
    assert message.headers == {"List-Unsubscribe": f"<{unsubscribe}>",
                               "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    text = message.text
    assert "Nouveaux ateliers\n(publié le 20 novembre 2026)\nRésumé.\nhttps://emploi.example.org/actualites/" in text
    assert text.index("Nouveaux ateliers") < text.index(unsubscribe)
    assert "l'actualité d'Espace candidat" in text
    assert "https://emploi.example.org/actualites/index.html" in text
