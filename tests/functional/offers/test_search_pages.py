"""The search page and the offer page, as a job seeker uses them (embedded profile)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from espace.places import haversine_km
from tests.functional.client import Client
from tests.functional.offers.conftest import sample_offers
from tests.pagecheck import page_problems

LA_ROCHELLE = (46.1591, -1.1520)
LA_ROCHELLE_17 = quote("La Rochelle (17)")  # "La Rochelle" alone is ambiguous: there is one in the 70


@pytest.fixture
def client(offers_env):
    from espace.handlers.offers import handler

    return Client(handler)


def rows(page, caption_id):
    table = page.html.xpath(f'//table[caption[@id="{caption_id}"]]')
    if not table:
        return []
    return [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in table[0].xpath("tbody/tr")]


def offer_ids(page, caption_id):
    table = page.html.xpath(f'//table[caption[@id="{caption_id}"]]')
    return [href.rsplit("/", 1)[1] for href in table[0].xpath("tbody/tr/td[2]/a/@href")] if table else []


def created(ids):
    dates = {o["id"]: o["dateCreation"] for o in sample_offers()}
    return [dates[i] for i in ids]


def status_text(page):
    return " ".join(page.html.xpath('string(//*[@role="status"])').split()).replace("\u202f", " ")


def form_query(page, **changes):
    """The query string the search form of ``page`` sends as it is shown, with ``changes`` typed in."""
    form = page.html.xpath('//form[@id="formulaire"]')[0]
    pairs = [(i.get("name"), i.get("value") or "") for i in form.xpath(".//input")
             if i.get("type") not in ("checkbox", "radio") or i.get("checked") is not None]
    pairs += [(s.get("name"), (s.xpath("option[@selected]/@value") or [""])[0]) for s in form.xpath(".//select")]
    pairs = [(name, changes.pop(name) if name in changes else value) for name, value in pairs]
    return urlencode(pairs + list(changes.items()))


def checked(page):
    assert page_problems(page.body) == [], page_problems(page.body)
    return page


def test_form_only_then_empty_search_lists_all_offers_newest_first(client):
    form = checked(client.get("/offres/recherche"))
    assert form.status == 200 and not form.html.xpath("//table")
    everything = checked(client.get("/offres/recherche?mode=simple&motsCles=&lieu=&tri=date"))
    assert "304 offres répondent exactement" in everything.text().replace("\u202f", " ")
    dates = [row[-1] for row in rows(everything, "offres-exactes")]
    assert len(dates) == 20


def test_appellation_ranking_near_la_rochelle(client):
    """The seed's "recherche approchée" on the real samples: maçons around La Rochelle."""
    direct = checked(client.get(f"/offres/recherche?mode=simple&motsCles=ma%C3%A7on&lieu={LA_ROCHELLE_17}"))
    # "maçon" names « Maçon / Maçonne » exactly: no list to choose from, results at once.
    assert not direct.html.xpath('//section[@aria-labelledby="choix-metier"]')
    assert direct.html.xpath('//form[@id="formulaire"]//input[@name="motsCles"]/@value') == ["Maçon / Maçonne"]
    from espace.bootstrap import get_services

    code = next(a.code for a in get_services().rome.appellations.values() if a.label == "Maçon / Maçonne")
    page = checked(client.get(f"/offres/recherche?mode=avancee&appellation={code}&lieu={LA_ROCHELLE_17}&distance=50"
                              "&parPage=50"))
    exact, close = rows(page, "offres-exactes"), rows(page, "offres-proches")
    # Every F1703 sample offer within 50 km of La Rochelle, by our own count.
    expected = [o for o in sample_offers() if o["romeCode"] == "F1703" and o["lieuTravail"].get("latitude")
                and haversine_km(*LA_ROCHELLE, o["lieuTravail"]["latitude"], o["lieuTravail"]["longitude"]) <= 50]
    summary = page.html.xpath('string(//*[@role="status"])')
    assert f"{len(expected)} offre" in summary and len(exact) == min(len(expected), 50)
    for row in exact + close:
        assert float(row[3].split()[0].replace(",", ".")) <= 50
    assert all(int(row[0].split()[0]) >= int(close_row[0].split()[0]) for row in exact for close_row in close)


def test_several_appellations_let_the_user_choose(client):
    page = checked(client.get("/offres/recherche?mode=simple&motsCles=chef"))
    choices = page.html.xpath('//section[@aria-labelledby="choix-metier"]//a')
    assert len(choices) >= 5
    assert checked(client.get(choices[0].get("href"))).status == 200


def test_sort_by_distance_and_aria_sort(client):
    page = checked(client.get(f"/offres/recherche?mode=metier&codeROME=F1703&lieu={LA_ROCHELLE_17}&tri=distance"
                              "&ordre=asc"))
    distances = [float(r[3].split()[0].replace(",", ".")) for r in rows(page, "offres-exactes")]
    assert distances == sorted(distances) and distances
    sorted_headers = page.html.xpath("//th[@aria-sort]")
    assert sorted_headers and all(th.get("aria-sort") == "ascending" for th in sorted_headers)
    assert "Distance" in sorted_headers[0].text_content()


def test_every_column_sorts(client):
    for key in ("pertinence", "offre", "lieu", "distance", "contrat", "date"):
        for order in ("asc", "desc"):
            page = client.get(f"/offres/recherche?mode=simple&lieu=Charente-Maritime&tri={key}&ordre={order}")
            assert page.status == 200 and page.html.xpath("//th[@aria-sort]"), (key, order)


def test_unknown_place_suggests_close_names(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Larochele"))
    assert page.status == 400 and "Nous ne connaissons pas ce lieu" in page.field_error("lieu-de-travail")
    assert "La Rochelle" in page.html.xpath('string(//section[@aria-labelledby="choix-lieu"])')


def test_ambiguous_place_asks_to_choose(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Saint-Denis"))
    choices = page.html.xpath('//section[@aria-labelledby="choix-lieu"]//a')
    assert len(choices) >= 2
    chosen = checked(client.get(choices[0].get("href")))
    assert chosen.status == 200


def test_offer_number(client):
    assert client.get("/offres/recherche?mode=numero&numero=169xhky").location == "/offres/169XHKY"
    bad = checked(client.get("/offres/recherche?mode=numero&numero=12345"))
    assert bad.status == 400 and "7 caractères" in bad.field_error("numero")
    offer = checked(client.get("/offres/169XHKY"))
    assert offer.status == 200 and "Chef(fe) d'équipe Maçonnerie" in offer.text()
    assert offer.html.xpath('//form[@action="/mon-espace/classeur/ajout"]//input[@name="offre"][@value="169XHKY"]')
    missing = checked(client.get("/offres/000AAAA"))
    assert missing.status == 404 and "Offre introuvable" in missing.text()
    assert client.get("/offres/pas-un-numero").status == 404


@pytest.mark.parametrize("query, field, message", [
    ("mode=avancee&motsCles=a,b,c,d,e,f", "emploi-recherche", "5 mots clés au plus"),
    ("mode=metier&codeROME=F9999", "codeROME", "n'existe pas"),
    ("mode=metier&codeROME=maçon", "codeROME", "Après la lettre, un code ROME compte 4 chiffres"),
    ("mode=metier&codeROME=F17", "codeROME", "5 caractères : une lettre de A à N puis 4 chiffres"),
    ("mode=metier&codeROME=Z9999", "codeROME", "commence par une lettre de A à N, pas par « Z »"),
    ("mode=metier&codeROME=FABCD", "codeROME", "Après la lettre, un code ROME compte 4 chiffres"),
    ("mode=simple&motsCles=" + "x" * 10_000, "emploi-recherche", "200 caractères"),
    ("mode=avancee&distance=500", "distance", "entre 0 et 100"),
    ("mode=avancee&publieeDepuis=2", "publieeDepuis", "période"),
    ("mode=avancee&dureeContratMin=6&dureeContratMax=3", "dureeContratMax", "supérieure"),
    ("mode=avancee&salaireMin=beaucoup", "salaireMin", "euros"),
])
def test_bad_input_gets_a_message(client, query, field, message):
    page = checked(client.get("/offres/recherche?" + query))
    assert page.status == 400 and message in page.field_error(field)


@pytest.mark.parametrize("words", ['"maçon', "maçon*", "NEAR(maçon enduit)", "maçon -enduit", "a:b", "'; DROP TABLE"])
def test_query_syntax_is_plain_text(client, words):
    page = client.get("/offres/recherche?mode=avancee&motsCles=" + quote(words))
    assert page.status == 200


def test_printable_version_and_paging(client):
    page = checked(client.get("/offres/recherche?mode=simple&motsCles=&parPage=10&page=2"))
    assert "page 2 sur 15" in page.html.xpath("string(//caption)")  # 150 results at most, 10 a page
    assert len(rows(page, "offres-exactes")) == 10
    printable = checked(client.get("/offres/recherche?mode=simple&lieu=Charente-Maritime&version=imprimable"))
    assert not printable.html.xpath("//form[@id='formulaire']") and printable.html.xpath("//table")


def test_paging_stops_at_the_cap_and_any_page_number_shows_a_page(client):
    last = checked(client.get("/offres/recherche?mode=simple&motsCles=&page=99"))  # 304 offers, 150 shown
    assert last.status == 200 and "page 8 sur 8" in last.html.xpath("string(//caption)")
    assert len(rows(last, "offres-exactes")) == 10  # offers 141 to 150
    nav = last.html.xpath('//nav[@aria-label="Pages de résultats"]')[0]
    assert nav.xpath('string(.//*[@aria-current="page"])') == "Page 8"
    previous = urlsplit(nav.xpath('.//a[@rel="prev"]/@href')[0])
    assert previous.path == "/offres/recherche" and parse_qs(previous.query) == {"mode": ["simple"], "page": ["7"]}
    for bad in ("abc", "0", "-1", "%C2%B2", "9" * 50):
        page = checked(client.get("/offres/recherche?mode=simple&motsCles=&page=" + bad))
        assert page.status == 200 and "page 1 sur 8" in page.html.xpath("string(//caption)"), bad


# --- issue 8 §1: the defects found when the site was tried as a new user would ---------------------

def test_a_rome_code_filters_whatever_the_mode(client):
    f1703 = [o for o in sample_offers() if o["romeCode"] == "F1703"]
    # The fiches' « Voir les offres » link names the code and no mode: a search by métier.
    fiche_link = checked(client.get("/offres/recherche?codeROME=F1703"))
    assert fiche_link.status == 200
    assert status_text(fiche_link).startswith(f"{len(f1703)} offres répondent exactement")
    assert fiche_link.html.xpath('//form[@id="formulaire"]//input[@name="codeROME"]/@value') == ["F1703"]
    simple = checked(client.get("/offres/recherche?mode=simple&codeROME=F1703&motsCles="))
    assert status_text(simple).startswith(f"{len(f1703)} offres répondent exactement")
    assert simple.html.xpath('//form[@id="formulaire"]//input[@name="codeROME"]/@value') == ["F1703"]
    # (shown in the form, so it can be removed)
    from espace.bootstrap import get_services

    macon = next(a for a in get_services().rome.appellations.values() if a.label == "Maçon / Maçonne")
    for mode in ("simple", "avancee", "metier"):
        page = checked(client.get(f"/offres/recherche?mode={mode}&appellation={macon.code}"))
        assert status_text(page).startswith(f"{len(f1703)} offres répondent exactement"), mode


def test_sort_by_date_lists_rows_in_the_order_it_says(client):
    # Waits on the engines' literal « descending » (issue 8): today's engines flip the natural order.
    newest = checked(client.get("/offres/recherche?mode=simple&lieu=Nouvelle-Aquitaine&tri=date&ordre=desc"))
    dates = created(offer_ids(newest, "offres-exactes"))
    assert len(dates) == 20 and dates == sorted(dates, reverse=True)
    assert newest.html.xpath("//th[@aria-sort]/@aria-sort") == ["descending"]
    oldest = checked(client.get("/offres/recherche?mode=simple&lieu=Nouvelle-Aquitaine&tri=date&ordre=asc"))
    dates = created(offer_ids(oldest, "offres-exactes"))
    assert len(dates) == 20 and dates == sorted(dates)
    assert oldest.html.xpath("//th[@aria-sort]/@aria-sort") == ["ascending"]


def test_sort_by_relevance_lists_rows_in_the_order_it_says(client):
    # Waits on the engines' literal « descending » (issue 8).
    base = "/offres/recherche?mode=avancee&metier=F1703&motsCles=enduit,permis&tri=pertinence"
    best = rows(checked(client.get(base + "&ordre=desc&parPage=50")), "offres-exactes")
    relevance = [int(row[0].split()[0]) for row in best]
    assert len(set(relevance)) > 1 and relevance == sorted(relevance, reverse=True)
    worst = rows(checked(client.get(base + "&ordre=asc&parPage=50")), "offres-exactes")
    ascending = [int(row[0].split()[0]) for row in worst]
    assert ascending == sorted(ascending) and ascending[0] <= min(relevance) < max(relevance)


def test_sort_by_place_follows_french_alphabetical_order(client):
    # « Île-de-France » between H and J, as in a dictionary, not after « Viarmes ». Waits on the engines.
    from espace.text import fold

    page = checked(client.get("/offres/recherche?mode=simple&lieu=%C3%8Ele-de-France&tri=lieu&ordre=asc&parPage=50"))
    places = [row[2] for row in rows(page, "offres-exactes")]
    assert "Île-de-France" in places and any(p.startswith("V") for p in places)
    assert places == sorted(places, key=lambda p: fold(p).casefold())


def test_the_sorted_column_says_its_order_in_words_and_sorts_first_in_its_natural_order(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Nouvelle-Aquitaine&tri=date"))
    header = page.html.xpath("//th[@aria-sort]")[0]
    assert header.get("aria-sort") == "descending"  # newest first, the natural order of a date
    visible = header.xpath('string(.//*[@class="sort-state"])')
    assert "tri décroissant" in visible and "↓" in visible  # not by the cell's tint only (WCAG 1.4.1)
    links = {th.xpath("string(a/text())").strip(): parse_qs(urlsplit(th.xpath("a/@href")[0]).query)["ordre"]
             for th in page.html.xpath("//thead//th")}
    assert links == {"Pertinence": ["desc"], "Offre": ["asc"], "Lieu de travail": ["asc"], "Distance": ["asc"],
                     "Type de contrat": ["asc"], "Date d'émission": ["asc"]}  # the sorted one: the other way
    assert "tri croissant" in checked(client.get("/offres/recherche?mode=simple&lieu=Nouvelle-Aquitaine&tri=lieu")
                                      ).html.xpath('string(//th[@aria-sort]//*[@class="sort-state"])')


def test_tabs_open_without_error_and_keep_what_was_asked(client):
    for mode in ("numero", "metier"):
        tab = checked(client.get(f"/offres/recherche?mode={mode}"))
        assert tab.status == 200 and not tab.error_summary()
    results = checked(client.get(f"/offres/recherche?mode=simple&motsCles=ma%C3%A7on&lieu={LA_ROCHELLE_17}"))
    tabs = {a.text_content(): a.get("href") for a in results.html.xpath('//nav[@aria-label="Type de recherche"]//a')}
    advanced = checked(client.get(tabs["Recherche avancée"]))
    assert advanced.status == 200 and not advanced.error_summary() and not advanced.html.xpath("//table")
    assert advanced.html.xpath('//form[@id="formulaire"]//input[@name="metier"]/@value') == ["Maçon / Maçonne"]
    assert advanced.html.xpath('//form[@id="formulaire"]//input[@name="lieu"]/@value') == ["La Rochelle (17)"]
    by_rome = checked(client.get(tabs["Par métier (code ROME)"]))
    assert by_rome.status == 200 and not by_rome.error_summary()
    assert by_rome.html.xpath('//form[@id="formulaire"]//input[@name="codeROME"]/@value') == ["F1703"]
    by_number = checked(client.get(tabs["Par numéro d'offre"]))
    assert by_number.status == 200 and not by_number.error_summary()
    # An error only once the form is sent.
    sent = checked(client.get("/offres/recherche?" + form_query(by_number)))
    assert sent.status == 400 and "Saisissez le numéro" in sent.field_error("numero")
    from_number = {a.text_content(): a.get("href")
                   for a in by_number.html.xpath('//nav[@aria-label="Type de recherche"]//a')}
    back = checked(client.get(from_number["Recherche simplifiée"]))
    assert back.html.xpath('//form[@id="formulaire"]//input[@name="motsCles"]/@value') == ["Maçon / Maçonne"]
    advanced = checked(client.get("/offres/recherche?mode=avancee&metier=F1703&motsCles=enduit&lieu=Charente-Maritime"))
    simple_tab = advanced.html.xpath('//nav[@aria-label="Type de recherche"]//a[.="Recherche simplifiée"]/@href')[0]
    simple = checked(client.get(simple_tab))
    shown = {name: simple.html.xpath(f'//form[@id="formulaire"]//input[@name="{name}"]/@value')
             for name in ("motsCles", "codeROME", "lieu")}
    assert shown == {"motsCles": ["enduit"], "codeROME": ["F1703"], "lieu": ["Charente-Maritime"]}


def test_never_more_than_150_results_and_the_page_says_so(client):
    seen = []
    for number in range(1, 9):
        page = checked(client.get(f"/offres/recherche?mode=simple&motsCles=&tri=date&page={number}"))
        seen += offer_ids(page, "offres-exactes")
    assert len(seen) == len(set(seen)) == 150  # 7 pages of 20, then 10
    assert "Seules les 150 premières sont affichées" in status_text(page)


def test_modifying_the_criteria_keeps_the_chosen_job(client):
    choices = checked(client.get("/offres/recherche?mode=avancee&metier=ma%C3%A7o"))
    assert choices.status == 400 and "avant le formulaire" in choices.field_error("metier")
    # The list comes before the form, where the message says it is.
    order = [e.get("id") for e in choices.html.xpath('//*[@id="choix-metier" or @id="formulaire"]')]
    assert order == ["choix-metier", "formulaire"]
    link = next(a.get("href") for a in choices.html.xpath('//section[@aria-labelledby="choix-metier"]//a')
                if a.text_content() == "Maçon / Maçonne")
    chosen = checked(client.get(link))
    assert chosen.html.xpath('//form[@id="formulaire"]//input[@name="metier"]/@value') == ["Maçon / Maçonne"]
    # « Modifier les critères »: add a place to the form as shown; the métier stays.
    narrowed = checked(client.get("/offres/recherche?" + form_query(chosen, lieu="Charente-Maritime")))
    ids = offer_ids(narrowed, "offres-exactes")
    romes = {o["id"]: o["romeCode"] for o in sample_offers()}
    assert ids and {romes[i] for i in ids} == {"F1703"}
    # Typing another job replaces it.
    other = checked(client.get("/offres/recherche?" + form_query(chosen, metier="F1608")))
    assert {romes[i] for i in offer_ids(other, "offres-exactes")} <= {"F1608"}


def test_the_exact_label_of_a_job_picks_it_in_the_advanced_mode(client):
    page = checked(client.get("/offres/recherche?mode=avancee&metier=" + quote("Maçon / Maçonne")))
    assert page.status == 200 and not page.html.xpath('//section[@aria-labelledby="choix-metier"]')
    assert "Maçon / Maçonne" in page.html.xpath("string(//title)")


def test_every_homonym_commune_is_a_choice(client):
    page = checked(client.get("/offres/recherche?mode=simple&lieu=Valence"))
    assert page.status == 400 and "avant le formulaire" in page.field_error("lieu-de-travail")
    labels = [a.text_content() for a in page.html.xpath('//section[@aria-labelledby="choix-lieu"]//a')]
    assert {"Valence (26)", "Valence (16)", "Valence (82)"} <= set(labels)


def test_a_commune_without_distance_uses_the_default_radius_and_says_so(client):
    page = checked(client.get(f"/offres/recherche?mode=simple&lieu={LA_ROCHELLE_17}"))
    assert "dans un rayon de 10 km autour de La Rochelle (17) (distance par défaut)" in status_text(page)
    distances = [float(r[3].split()[0].replace(",", ".")) for r in rows(page, "offres-exactes")
                 if r[3] != "non précisée"]
    assert distances and max(distances) <= 10
    assert "à vol d'oiseau" in page.text()
    wider = checked(client.get(f"/offres/recherche?mode=avancee&lieu={LA_ROCHELLE_17}&distance=30"))
    assert "dans un rayon de 30 km autour de La Rochelle (17)." in status_text(wider)


def test_an_unknown_rome_code_links_to_the_list_of_jobs(client):
    page = checked(client.get("/offres/recherche?mode=metier&codeROME=F9999"))
    error = page.html.xpath('//*[@id="codeROME-erreur"]')[0]
    assert error.xpath(".//a/@href") == ["/candidat/les-metiers-et-moi/les-metiers/index.html"]
    assert "la liste des métiers" in error.xpath("string(.//a)")
    assert not page.html.xpath("//*[@data-error-summary]//a//a")  # the summary's entries stay plain links


def test_the_printable_version_holds_every_result_and_the_criteria(client):
    printable = checked(client.get("/offres/recherche?mode=simple&motsCles=&parPage=10&version=imprimable"))
    assert len(offer_ids(printable, "offres-exactes")) == 150 and not printable.html.xpath("//nav[@class='pagination']")
    assert not printable.html.xpath('//nav[@aria-label="Pages de résultats"]')
    criteria = {" ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
                for dt in printable.html.xpath('//dl[@class="criteria"]//dt')}
    assert criteria["Type de recherche :"] == "Recherche simplifiée"
    near = checked(client.get(f"/offres/recherche?mode=simple&lieu={LA_ROCHELLE_17}&typeContrat=CDI"
                              "&version=imprimable"))
    criteria = {" ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
                for dt in near.html.xpath('//dl[@class="criteria"]//dt')}
    assert criteria["Lieu de travail :"] == "dans un rayon de 10 km autour de La Rochelle (17) (distance par défaut)"
    assert criteria["Type de contrat :"] == "CDI"
    assert "à vol d'oiseau" in near.text()


def test_every_contract_type_of_the_offers_is_a_choice(client):
    form = checked(client.get("/offres/recherche"))
    offered = set(form.html.xpath('//select[@name="typeContrat"]/option/@value'))
    assert {o["typeContrat"] for o in sample_offers()} <= offered
    ddi = checked(client.get("/offres/recherche?mode=simple&typeContrat=DDI"))
    expected = sum(o["typeContrat"] == "DDI" for o in sample_offers())
    assert status_text(ddi).startswith(f"{expected} offre répond exactement")


def test_the_nearest_commune_of_a_position(client):
    answer = client.get(f"/offres/lieu-proche?lat={LA_ROCHELLE[0]}&lon={LA_ROCHELLE[1]}")
    assert answer.status == 200 and answer.headers["Cache-Control"] == "no-store"
    assert answer.json() == {"code": "17300", "libelle": "La Rochelle (17)", "lieuCode": "commune:17300"}
    # The label the page fills in is read back to the same commune.
    page = checked(client.get("/offres/recherche?mode=simple&lieu=" + quote(answer.json()["libelle"])))
    assert page.status == 200 and "La Rochelle (17)" in status_text(page)
    for query in ("lat=abc&lon=1", "lat=46", "lat=91&lon=0", "lat=nan&lon=0", "lat=46&lon=inf", ""):
        bad = client.get("/offres/lieu-proche?" + query)
        assert bad.status == 400 and "position" in json.loads(bad.body)["message"], query
    far = client.get("/offres/lieu-proche?lat=51.5074&lon=-0.1278")  # London
    assert far.status == 404 and "Aucune commune" in far.json()["message"]


def test_the_place_field_is_marked_for_around_me_and_works_without_javascript(client):
    for path in ("/offres/recherche", "/offres/recherche?mode=avancee&formulaire=1",
                 "/offres/recherche?mode=metier&formulaire=1"):
        page = checked(client.get(path))
        assert page.html.xpath('//input[@name="lieu"]/@data-autour-de-moi') == ["lieu-de-travail"], path
        assert "Autour de moi" not in page.text()  # the button comes with the page script only
