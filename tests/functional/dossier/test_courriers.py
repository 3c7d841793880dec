"""« Mes courriers » (GET /mon-dossier/courriers and /mon-dossier/courriers/<courrier>): the list,
newest first and paged, read or unread told in text; the PDF inline, which marks it read; the
panel of « Mon espace »; another account's letter is a 404, as a made-up one."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier import letters
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate

BASE = "/mon-dossier/courriers"


def rows(page) -> list[list[str]]:
    return [[" ".join(cell.text_content().split()) for cell in row.xpath("./td|./th")]
            for row in page.html.xpath("//table//tbody/tr")]


def test_no_letter_yet(platform):
    client = signed_in_client(platform, "sans-courrier@example.fr")
    page = client.get(BASE)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content().strip() == "Mes courriers"
    assert page.html.xpath("//title")[0].text_content().startswith("Mes courriers")
    assert "Vous n'avez aucun courrier" in page.text() and not page.html.xpath("//table")
    # No panel before a letter: « Mon espace » does not announce an empty box.
    assert "Mes courriers" not in " ".join(client.get("/mon-espace").html.xpath("//h2//text()"))


def test_a_letter_unread_then_read(platform):
    client, _registration, _dossier, letter = validated_candidate(platform, "courrier@example.fr")
    space = client.get("/mon-espace")
    assert "Vous avez 1 courrier non lu." in space.text()
    assert "Mes courriers" in [h.text_content().strip() for h in space.html.xpath("//h2")]
    assert space.html.xpath(f'//a[@href="{BASE}"]')
    page = client.get(BASE)
    assert page.html.xpath("//table/caption") and page.html.xpath('//th[@scope="col"]')
    [row] = rows(page)
    assert row[1].startswith("Confirmation d'inscription") and row[3] == "Non lu"
    assert "Vous avez 1 courrier non lu." in page.text()
    link = page.html.xpath("//table//a/@href")[0]
    assert link == f"{BASE}/{letter.public_id}"
    opened = client.get(link)
    assert opened.status == 200 and opened.headers["Content-Type"] == "application/pdf"
    assert opened.headers["Content-Disposition"].startswith("inline;") and opened.body.startswith("%PDF")
    item = get_services().records.get(f"USER#{user_id_of('courrier@example.fr')}", letter.sk)
    assert item["read_at"] is not None
    first_read = item["read_at"]
    assert client.get(link).status == 200  # opening again keeps the first date
    assert get_services().records.get(f"USER#{user_id_of('courrier@example.fr')}", letter.sk)["read_at"] == first_read
    [row] = rows(client.get(BASE))
    assert row[3].startswith("Lu le ")
    assert "Vous avez lu tous vos courriers." in client.get("/mon-espace").text()


def test_another_accounts_letter_and_made_up_ones_are_404(platform):
    _owner, _registration, _dossier, letter = validated_candidate(platform, "proprio-courrier@example.fr")
    other = signed_in_client(platform, "autre-courrier@example.fr", ip="198.51.100.30")
    for path in (f"{BASE}/{letter.public_id}", f"{BASE}/0000000000-000000000000", f"{BASE}/n-importe-quoi",
                 f"{BASE}/{'9' * 10}-{'a' * 12}", f"{BASE}/{'x' * 3000}"):
        assert other.get(path).status == 404, path[:80]
    # Reading it did not mark it read for its owner.
    item = get_services().records.get(f"USER#{user_id_of('proprio-courrier@example.fr')}", letter.sk)
    assert item["read_at"] is None
    assert rows(other.get(BASE)) == []


def test_a_letter_whose_file_is_gone_is_404_not_500(platform):
    client, _registration, _dossier, letter = validated_candidate(platform, "fichier-perdu@example.fr")
    get_services().files.delete(letter.file)
    assert client.get(f"{BASE}/{letter.public_id}").status == 404


def test_many_letters_are_paged_newest_first(platform):
    """Letters as deliver_letter records them (25 of them, without rendering 25 PDFs)."""
    client = signed_in_client(platform, "beaucoup@example.fr")
    user_id, records = user_id_of("beaucoup@example.fr"), get_services().records
    for n in range(25):
        at, letter_id = 1_780_000_000 + n * 86400, f"{n:012x}"
        records.put({"pk": f"USER#{user_id}", "sk": letters.letter_key(at, letter_id), "id": letter_id,
                     "kind": letters.CONFIRMATION, "title": f"Courrier {n + 1}", "at": at,
                     "read_at": at + 60 if n % 2 else None, "file": letters.file_key(user_id, letter_id)})
    first = client.get(BASE)
    titles = [row[1].split(" du ")[0] for row in rows(first)]
    assert titles[:2] == ["Courrier 25", "Courrier 24"] and len(titles) == 20
    assert "Vous avez 13 courriers non lus." in first.text()
    following = first.html.xpath('//a[contains(., "suivante")]/@href')[0]
    second = client.get(following)
    assert [row[1].split(" du ")[0] for row in rows(second)] == [f"Courrier {n}" for n in range(5, 0, -1)]
    assert "page 2" in second.html.xpath("//title")[0].text_content()
    assert client.get(f"{BASE}?suite=n%27importe%20quoi").status == 400


def test_visitors_sign_in_and_other_roles_are_refused(platform):
    visitor = platform.client()
    answer = visitor.get(BASE)
    assert answer.status == 303 and answer.location.startswith("/connexion?retour=/mon-dossier/courriers")


def test_a_letter_since_the_last_visit_is_among_the_dashboards_changes(platform):
    import time

    from espace.dossier.opening import open_dossier
    from tests.functional.inscription.helpers import sent_request

    client, registration = sent_request(platform, "depuis@example.fr")
    user_id = user_id_of("depuis@example.fr")
    records = get_services().records
    assert client.get("/mon-espace").status == 200  # the first visit
    visit = records.get(f"USER#{user_id}", "VISIT")
    records.put({**visit, "current": int(time.time()) - 3600})  # it was an hour ago
    services = get_services()
    letters.confirm_registration(services, registration, open_dossier(records, registration, by="automatique"))
    space = client.get("/mon-espace")
    news = space.html.xpath('//h2[@id="depuis"]/following-sibling::ul[1]/li')
    changes = [" ".join(li.text_content().split()) for li in news]
    assert "1 nouveau courrier dans Mes courriers." in changes, changes
    # Once read, it is no longer news.
    [letter] = letters.letters_of(services, user_id)
    assert client.get(f"{BASE}/{letter.public_id}").status == 200
    space = client.get("/mon-espace")
    assert "nouveau courrier" not in space.text()
