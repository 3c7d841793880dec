"""French typography in the handlers' pages (espace.templating), on both profiles: the pages' own
text has its no-break spaces, a value a visitor typed comes back exactly as typed. The other tests
read pages with these spaces folded (tests.spaces); these read the body as sent."""

from __future__ import annotations

from urllib.parse import urlencode

import lxml.html

N, B = "\u202f", "\u00a0"  # narrow no-break space (before ; ! ? and inside « »), no-break space


def test_the_pages_text_has_the_no_break_spaces_of_french_typography(platform):
    client = platform.client()
    account = client.get("/compte/creation").raw
    assert f"Vous avez déjà un espace{N}?" in account and f"Vous recrutez{N}?" in account
    assert "espace ?" not in account
    simulator = client.get("/simulateur-allocation?" + urlencode({"salaires": "50400", "jours": "730", "age": "40"}))
    page = simulator.raw
    assert simulator.status == 200
    assert f"une estimation, pas une décision{B}: seule votre notification" in page  # the template's text
    assert f"sauf celui marqué «{N}facultatif{N}»." in page
    assert f"(3{B}% du SJR)" in page and f"la CRDS sont retirées de l'allocation brute{N};" in page
    assert f"41,07{B}€" in page  # an amount: espace.text.euros
    assert f"730{B}jours au plus (1{N}095 à partir de 55{B}ans). Par exemple{B}: 730." in page  # a hint made in Python
    # Attributes, addresses and times are not text: « https: », « 10:30 » and « ?q= » stay.
    assert 'href="/candidat/mes-droits-et-demarches/mes-allocations/estimer-mon-allocation.html"' in page
    assert f"{B}:" not in "".join(lxml.html.document_fromstring(page).xpath("//@*"))


def test_a_typed_value_comes_back_as_typed(platform):
    typed = "1 : « 2 » ; 10:30 ?"
    query = urlencode({"salaires": typed, "jours": "730", "age": "40"})
    page = platform.client().get(f"/simulateur-allocation?{query}")
    assert page.status == 400
    assert page.html.xpath("//input[@name='salaires']/@value") == [typed]
    assert 'value="1 : « 2 » ; 10:30 ?"' in page.raw
    assert "Le total de vos salaires" in page.field_error("salaires")  # an error message, spaces folded
