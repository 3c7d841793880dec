"""« Mon outil de simulation »: GET /simulateur-allocation for visitors and signed-in candidates, on
both profiles: the empty form, the page's two worked examples, a month of work, every bad value
with its French message and the other values kept."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.functional.accounts.helpers import signed_in_client

PATH = "/simulateur-allocation"
NBSP = "\u00a0"  # page.text() and definitions() fold every space into " "


def ask(client, **fields):
    return client.get(f"{PATH}?{urlencode(fields)}")


def definitions(page, list_id: str) -> dict[str, str]:
    rows = page.html.xpath(f"//dl[@id='{list_id}']/div")
    return {" ".join(row.xpath("dt")[0].text_content().split()): " ".join(row.xpath("dd")[0].text_content().split())
            for row in rows}  # str.split() splits at no-break spaces too


def values(page) -> dict[str, str]:
    return {name: (page.html.xpath(f"//input[@name='{name}']/@value") or [""])[0]
            for name in ("salaires", "jours", "age", "salaire_mois")}


def test_the_empty_form_for_a_visitor(platform):
    page = platform.client().get(PATH)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Mon outil de simulation de l'allocation chômage"
    assert page.html.xpath("//form[@method='get' and @action='/simulateur-allocation']")
    for name in ("salaires", "jours", "age", "salaire_mois"):
        assert page.html.xpath(f"//label[@for='{name}']"), name
    assert not page.error_summary() and "Votre estimation" not in page.text()
    assert "1er juillet 2025" in page.text() and f"13,18{NBSP}€" in page.raw


def test_claire_the_page_s_example_and_her_month_of_work(platform):
    page = ask(platform.client(), salaires="50 400", jours="730", age="40", salaire_mois="750")
    assert page.status == 200, page.text()[:600]
    assert page.html.xpath("//title")[0].text_content().startswith("Mon outil de simulation de l'allocation chômage "
                                                                   ": résultat")
    found = definitions(page, "estimation")
    assert found["Allocation journalière brute"] == "41,07 €"
    assert found["Allocation mensuelle brute (30 jours)"] == "1 232,10 €"
    assert found["Durée d'indemnisation"] == "548 jours, soit environ 18 mois"
    text = page.text()
    assert "50 400,00 € ÷ 730 jours = 69,04 €" in text
    assert "Calcul A : 40,4 % × 69,04 € + 13,18 € (partie fixe) = 41,07 €" in text
    assert "Le plus élevé des deux est le calcul A" in text and "730 jours × 0,75 = 547,5" in text
    month = definitions(page, "mois")
    assert month["Allocation versée"] == "698,19 €" and month["Jours indemnisés"] == "17"
    assert month["Jours reportés à la fin de vos droits"] == "13"
    assert "Les 13 jours non indemnisés ne sont pas perdus" in text
    assert values(page) == {"salaires": "50 400", "jours": "730", "age": "40", "salaire_mois": "750"}


def test_karim_the_cap_over_the_minimum_for_a_signed_in_candidate(platform):
    client = signed_in_client(platform, "simulation@example.fr")
    page = ask(client, salaires="14400", jours="365", age="30")
    assert page.status == 200
    found = definitions(page, "estimation")
    assert found["Allocation journalière brute"] == "29,59 €"
    assert found["Durée d'indemnisation"] == "274 jours, soit environ 9 mois"
    text = page.text()
    assert "l'allocation journalière est ramenée à 29,59 €" in text and "le minimum s'applique" in text
    assert not page.html.xpath("//dl[@id='mois']")
    assert page.html.xpath("//header//a[@href='/mon-espace']") or "Mon espace" in page.text()


def test_the_decrease_and_the_age_caps(platform):
    client = platform.client()
    young = ask(client, salaires="219000", jours="730", age="45")  # SJR 300 €: 171 € a day
    assert definitions(young, "estimation")["À partir du 183e jour indemnisé"] == \
        "119,70 € par jour, soit 3 591,00 € par mois"
    senior = ask(client, salaires="219000", jours="1095", age="57")
    assert senior.status == 200
    assert definitions(senior, "estimation")["Durée d'indemnisation"].startswith("822 jours")
    assert "Vous avez 55 ans ou plus : votre allocation ne baisse pas" in senior.text()
    middle = ask(client, salaires="219000", jours="1095", age="56")
    assert "À 55 ou 56 ans, la durée est limitée à 685 jours : elle est ramenée à 685 jours." in middle.text()


def test_a_month_whose_pay_reaches_the_ceiling(platform):
    page = ask(platform.client(), salaires="29200", jours="730", age="30", salaire_mois="1100")  # SJR 40 €
    month = definitions(page, "mois")
    assert month["Allocation versée"] == "90,00 €" and month["Jours indemnisés"] == "3"
    assert "c'est plus, l'allocation est ramenée à" in page.text()


def test_bad_values_get_french_messages_and_the_rest_is_kept(platform):
    client = platform.client()
    page = ask(client, salaires="beaucoup", jours="-3", age="40", salaire_mois="-750")
    assert page.status == 400
    assert page.html.xpath("//title")[0].text_content().startswith("Erreur")
    assert page.field_error("salaires").endswith("Le total de vos salaires doit être un montant en euros, en "
                                                 "chiffres, par exemple 50 400.")
    assert "Le nombre de jours ne peut pas être négatif." in page.field_error("jours")
    assert "Le salaire du mois ne peut pas être négatif." in page.field_error("salaire_mois")
    assert page.field_error("age") is None and len(page.error_summary()) == 3
    assert values(page) == {"salaires": "beaucoup", "jours": "-3", "age": "40", "salaire_mois": "-750"}
    assert "Votre estimation" not in page.text()

    empty = ask(client, salaires="", jours="", age="")
    assert empty.status == 400 and len(empty.error_summary()) == 3
    assert "Saisissez le total de vos salaires bruts" in empty.field_error("salaires")
    assert "Saisissez votre âge" in empty.field_error("age")

    absurd = ask(client, salaires="90000000", jours="1200", age="140", salaire_mois="0")
    assert absurd.status == 400
    assert "ne peut pas dépasser 2" in absurd.field_error("salaires")
    assert "Votre âge doit être compris entre 16 et 70 ans." in absurd.field_error("age")
    assert "au plus 1 095 jours (36 derniers mois)" in absurd.field_error("jours")
    assert absurd.field_error("salaire_mois") is None

    young = ask(client, salaires="50400", jours="800", age="40")
    assert "Avant 55 ans, la période de référence compte au plus 730 jours" in young.field_error("jours")
    few = ask(client, salaires="5000", jours="100", age="40")
    assert "Avec moins de 130 jours, vous n'avez pas droit à l'ARE" in few.field_error("jours")
    zero = ask(client, salaires="0", jours="730", age="40", salaire_mois="12,345")
    assert "doit être supérieur à 0 €" in zero.field_error("salaires")
    assert "doit être un montant en euros" in zero.field_error("salaire_mois")


def test_ten_kilobyte_fields_are_refused_by_name_not_a_500(platform):
    huge = "9" * 10_240
    page = ask(platform.client(), salaires=huge, jours=huge, age=huge, salaire_mois="x" * 10_240)
    assert page.status == 400, page.text()[:300]
    assert "doit contenir au plus 20 caractères" in page.field_error("salaires")
    assert page.field_error("jours") and page.field_error("age") and page.field_error("salaire_mois")
    assert len(page.body) < 60_000  # what is kept of each field is cut, not the 40 KB sent


def test_amounts_as_people_write_them(platform):
    client = platform.client()
    for typed in ("50400", "50 400", "50400,00", "50400.00", "50 400 €", "50\u00a0400"):
        page = ask(client, salaires=typed, jours="730", age="40")
        assert page.status == 200, typed
        assert definitions(page, "estimation")["Allocation journalière brute"] == "41,07 €", typed
