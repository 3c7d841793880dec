"""« Je trouve mon agence »: GET /agences (a commune, a postal code, several communes, unknown,
hostile input) and GET /agences/<agence>, for visitors, on both profiles."""

from __future__ import annotations

from urllib.parse import quote

FICTIONAL = "Agence fictive"


def test_the_finder_without_a_search_lists_every_agency_and_says_they_are_fictional(platform):
    page = platform.client().get("/agences")
    assert page.status == 200
    html = page.html
    assert html.xpath("//h1")[0].text_content().strip() == "Je trouve mon agence"
    assert html.xpath("//title")[0].text_content().startswith("Je trouve mon agence")
    assert len(html.xpath("//table//tbody/tr")) == 104
    assert html.xpath("//table/caption") and html.xpath("//th[@scope='row']")
    assert FICTIONAL in page.text() and not page.error_summary()


def test_a_postal_code_of_one_commune_gives_its_agency(platform):
    page = platform.client().get("/agences?lieu=17000")
    assert page.status == 200, page.text()[:500]
    text = page.text()
    assert "La Rochelle (17)" in text and "Agence de La Rochelle" in text
    assert "lundi : 8 h 30 à 12 h 30" in text and "samedi : fermé" in text
    assert "Charente-Maritime (département 17)" in text and FICTIONAL in text
    assert page.html.xpath("//input[@name='lieu']/@value") == ["La Rochelle (17)"] or "17000" in \
        page.html.xpath("//input[@name='lieu']/@value")[0]
    assert page.html.xpath("//a[@href='/agences/17']")


def test_a_commune_name_and_corsica(platform):
    client = platform.client()
    bastia = client.get("/agences?lieu=" + quote("Bastia"))
    assert bastia.status == 200 and "Agence de Bastia" in bastia.text()
    ajaccio = client.get("/agences?lieu=20000")
    assert ajaccio.status == 200 and "Ajaccio" in ajaccio.text()
    assert ajaccio.html.xpath("//a[@href='/agences/2a']")


def test_a_postal_code_of_several_communes_offers_a_choice_then_the_agency(platform):
    client = platform.client()
    page = client.get("/agences?lieu=17220")
    assert page.status == 200
    links = page.html.xpath("//a[starts-with(@href, '/agences?commune=')]/@href")
    assert len(links) >= 2
    assert "Plusieurs communes" in page.text() and "Agence de La Rochelle" not in page.text()
    chosen = client.get(links[0])
    assert chosen.status == 200 and "Agence de La Rochelle" in chosen.text()


def test_a_name_shared_across_departements_gives_agencies_by_the_chosen_commune(platform):
    client = platform.client()
    page = client.get("/agences?lieu=Valence")
    assert page.status == 200
    links = page.html.xpath("//a[starts-with(@href, '/agences?commune=')]/@href")
    assert "/agences?commune=26362" in links and "/agences?commune=16390" not in links[:1]
    assert "Agence de Valence" in client.get("/agences?commune=26362").text()


def test_unknown_empty_and_hostile_input_get_a_clear_message(platform):
    client = platform.client()
    empty = client.get("/agences?lieu=")
    assert empty.status == 400 and empty.field_error("lieu").startswith("Erreur : Saisissez le nom de votre commune")
    assert empty.html.xpath("//title")[0].text_content().startswith("Erreur")
    unknown = client.get("/agences?lieu=" + quote("Zzyzxville"))
    assert unknown.status == 400 and "Nous ne trouvons pas" in unknown.field_error("lieu")
    assert unknown.html.xpath("//input[@name='lieu']/@value") == ["Zzyzxville"]
    close = client.get("/agences?lieu=" + quote("La Rochele"))
    assert close.status == 400 and close.html.xpath("//a[@href='/agences?commune=17300']")
    huge = client.get("/agences?lieu=" + "a" * 10_000)
    assert huge.status == 400 and "au plus 120 caractères" in huge.field_error("lieu")
    region = client.get("/agences?lieu=" + quote("Bretagne"))
    assert region.status == 400 and "Une région compte plusieurs agences" in region.field_error("lieu")
    for made_up in ("99999", "%3Cscript%3E", "2C001"):
        page = client.get(f"/agences?commune={made_up}")
        assert page.status == 400 and "<script>" not in page.body
    no_agency = client.get("/agences?commune=98411")  # Terres australes: no agency, no position
    assert no_agency.status == 400 and "Aucune agence" in no_agency.field_error("lieu")


def test_a_departement_gives_its_agency(platform):
    page = platform.client().get("/agences?lieu=" + quote("Charente-Maritime"))
    assert page.status == 200 and "Agence de La Rochelle" in page.text()


def test_the_agency_page_and_unknown_agencies(platform):
    client = platform.client()
    page = client.get("/agences/17")
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Agence de La Rochelle"
    text = page.text()
    assert FICTIONAL in text and "17000 La Rochelle" in text and "Charente-Maritime (département 17)" in text
    assert client.get("/agences/2A").status == 200
    for made_up in ("99", "x" * 500, "..%2F..", "17%00"):
        assert client.get(f"/agences/{made_up}").status == 404


def test_the_home_page_links_to_the_finder(site):
    import lxml.html

    home = lxml.html.parse(str(site / "index.html"))
    assert home.xpath("//a[@href='/agences']/text()") == ["Je trouve mon agence"]


def test_odd_input_never_fails(platform):
    client = platform.client()
    for text in ("\x00", "%", "((((", "17000 17000", "ß" * 200, "🙂", "2A", "975", "Paris 11e arrondissement",
                 "région 75", "département 17", "<b>La Rochelle</b>", "' OR 1=1 --", " ", "0", "00000"):
        page = client.get("/agences?lieu=" + quote(text))
        assert page.status in (200, 400), (text, page.status)
        assert "<b>La Rochelle</b>" not in page.body
    for code in ("\x00", "%", "2a004", "75111", " 17300 ", "9" * 5000):
        page = client.get("/agences?commune=" + quote(code))
        assert page.status in (200, 400), (code, page.status)
    assert client.get("/agences?commune=2a004").html.xpath("//a[@href='/agences/2a']")  # Ajaccio, lower-cased


def test_a_commune_without_an_agency_in_its_territory_is_told_the_nearest(platform):
    page = platform.client().get("/agences?commune=98801")  # Belep, Nouvelle-Calédonie
    assert page.status == 200
    assert "l'agence la plus proche" in page.text() and page.html.xpath("//a[@href='/agences/974']")
    assert "la plus proche" not in platform.client().get("/agences?commune=17300").text()
