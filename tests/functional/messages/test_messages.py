"""« Mes messages » through the accounts function, on both profiles."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.messages.service import Mailbox
from espace.ports import Message
from tests.functional.accounts.helpers import signed_in_client, user_id_of


def deliver(email: str, subject: str, text: str = "Bonjour,\n\nVoici vos offres.", at: int | None = None) -> str:
    s = get_services()
    box = Mailbox(s.records, s.mailer) if at is None else Mailbox(s.records, s.mailer, clock=lambda: at)
    return box.deliver(user_id_of(email), Message(to=email, subject=subject, text=text), kind="alerte")


def url_of(client, subject: str) -> str:
    page = client.get("/mon-espace/messages")
    [href] = page.html.xpath(f'//a[normalize-space()="{subject}"]/@href')
    return href


def token(client) -> str:
    return client.csrf_token("/mon-espace/mot-de-passe")


def test_an_empty_box_says_so(platform):
    client = signed_in_client(platform, "vide@example.fr")
    page = client.get("/mon-espace/messages")
    assert page.status == 200
    assert "Vous n'avez aucun message." in page.text()


def test_messages_are_listed_newest_first_with_their_state_in_words(platform):
    client = signed_in_client(platform, "liste@example.fr")
    deliver("liste@example.fr", "Ancien", at=1_800_000_000)
    deliver("liste@example.fr", "Récent", at=1_800_100_000)
    page = client.get("/mon-espace/messages")
    subjects = [s.strip() for s in page.html.xpath('//ul[@class="message-list"]//a/text()|'
                                                   '//ul[@class="message-list"]//a/strong/text()')]
    assert subjects == ["Récent", "Ancien"]
    assert page.text().count("Non lu") == 2
    assert "Vous avez 2 messages non lus." in page.text()


def test_opening_a_message_shows_it_and_marks_it_read_then_unread_again(platform):
    client = signed_in_client(platform, "lire@example.fr")
    deliver("lire@example.fr", "Vos offres", text="Ligne <b>un</b>\nLigne deux")
    href = url_of(client, "Vos offres")
    message = client.get(href)
    assert message.status == 200
    assert "Ligne <b>un</b>" in message.text()  # shown as text, never as HTML
    assert not message.html.xpath('//div[@class="message-text"]//b')
    listing = client.get("/mon-espace/messages")
    assert "Tous vos messages sont lus." in listing.text() and "Non lu" not in listing.text()
    assert "aucun message non lu" in client.get("/mon-espace").text()

    done = client.post(f"{href}/non-lu", csrf=token(client))
    assert done.status == 303
    assert "Vous avez 1 message non lu." in client.get("/mon-espace/messages").text()
    assert "1 message non lu dans Mes messages." in client.get("/mon-espace").text()


def test_delete_one_names_it_and_a_second_delete_does_nothing(platform):
    client = signed_in_client(platform, "supprimer@example.fr")
    deliver("supprimer@example.fr", "À jeter")
    href = url_of(client, "À jeter")
    csrf = token(client)
    assert client.post(f"{href}/suppression", csrf=csrf).status == 303
    page = client.get("/mon-espace/messages")
    assert "Le message « À jeter » est supprimé." in page.text()
    assert "Vous n'avez aucun message." in page.text()
    assert client.post(f"{href}/suppression", csrf=csrf).status == 303
    assert client.get(href).status == 404


def test_delete_all_read_keeps_the_unread(platform):
    client = signed_in_client(platform, "lus@example.fr")
    deliver("lus@example.fr", "Lu un", at=1_800_000_000)
    deliver("lus@example.fr", "Gardé", at=1_800_000_100)
    client.get(url_of(client, "Lu un"))
    assert client.post("/mon-espace/messages/suppression-lus", csrf=token(client)).status == 303
    page = client.get("/mon-espace/messages")
    assert "1 message lu supprimé." in page.text()
    assert "Gardé" in page.text() and "Lu un" not in page.text()


def test_another_accounts_message_is_not_found(platform):
    owner = signed_in_client(platform, "proprietaire@example.fr")
    deliver("proprietaire@example.fr", "Privé")
    href = url_of(owner, "Privé")
    intruder = signed_in_client(platform, "intrus@example.fr", ip="198.51.100.9")
    assert intruder.get(href).status == 404
    csrf = token(intruder)
    assert intruder.post(f"{href}/non-lu", csrf=csrf).status == 404
    assert intruder.post(f"{href}/suppression", csrf=csrf).status == 303
    assert owner.get(href).status == 200  # still there
    assert intruder.get("/mon-espace/messages/pas-un-id").status == 404


def test_the_list_is_paged(platform):
    client = signed_in_client(platform, "pages@example.fr")
    for n in range(23):
        deliver("pages@example.fr", f"Message {n:02d}", at=1_800_000_000 + n)
    first = client.get("/mon-espace/messages")
    assert len(first.html.xpath('//li[contains(@class, "message-list__item")]')) == 20
    [next_url] = first.html.xpath('//a[@rel="next"]/@href')
    second = client.get(next_url)
    assert second.status == 200 and "Message 00" in second.text() and "Message 22" not in second.text()
    assert "page 2" in second.html.xpath("//title/text()")[0]


def test_the_dashboard_tells_what_changed_since_the_previous_visit(platform, monkeypatch):
    client = signed_in_client(platform, "visite@example.fr")
    import datetime as dt

    from espace import clock
    from espace.text import PARIS

    now = [1_800_000_000.0]
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.fromtimestamp(now[0], PARIS))
    first = client.get("/mon-espace")
    assert "Quoi de neuf" in first.text()
    deliver("visite@example.fr", "Nouvelles offres")
    now[0] += 10 * 60  # the same visit: no « dernière visite » yet
    assert "Quoi de neuf" in client.get("/mon-espace").text()
    now[0] += 3600  # a new visit
    page = client.get("/mon-espace")
    [heading] = page.html.xpath('//h2[@id="depuis"]')
    assert heading.text_content().startswith("Depuis votre dernière visite le ")
    assert "1 message non lu dans Mes messages." in page.text()
    assert "Mes messages" not in " ".join(page.html.xpath('//section[@aria-labelledby="bientot"]//strong/text()'))


def test_a_password_change_mail_is_kept_in_the_box(platform):
    from tests.functional.accounts.helpers import PASSWORD

    client = signed_in_client(platform, "compte@example.fr")
    new = "une toute nouvelle phrase"
    assert client.post("/mon-espace/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": new,
                                                    "confirmation": new}).status == 303
    [(_to, subject, _text)] = platform.mails_to("compte@example.fr")[-1:]
    assert subject in client.get("/mon-espace/messages").text()


def test_a_message_reads_in_a_text_browser(platform, tmp_path):
    import subprocess

    client = signed_in_client(platform, "lynx@example.fr")
    deliver("lynx@example.fr", "Vos offres du jour", text="Bonjour,\n\n3 nouvelles offres.\nÀ bientôt.")
    listing = client.get("/mon-espace/messages")
    page = client.get(url_of(client, "Vos offres du jour"))
    for name, result in (("liste.html", listing), ("message.html", page)):
        (tmp_path / name).write_bytes(result.body.encode("utf-8"))
    dump = {name: subprocess.run(["lynx", "-dump", "-nolist", "-width=100", "-display_charset=utf-8",
                                  str(tmp_path / name)], capture_output=True, text=True, check=True).stdout
            for name in ("liste.html", "message.html")}
    assert "Non lu" in dump["liste.html"]  # the state in words, not only bold
    text = " ".join(dump["message.html"].split())
    assert "Vos offres du jour" in text and "3 nouvelles offres." in text and "Lu" in text
    assert "Marquer comme non lu" in text and "Supprimer" in text
