"""Notices for pages of a function without sessions: a signed cookie, read once, forgeries ignored."""

from __future__ import annotations

from types import SimpleNamespace

from espace.web import pending


class FakeContext:
    def __init__(self, cookies: dict[str, str] | None = None):
        self.settings = SimpleNamespace(secure_cookies=False)
        self.key = b"k" * 32
        self.cookies: list = []
        self.flashed: list[tuple[str, str]] = []
        jar = dict(cookies or {})
        self.request = SimpleNamespace(cookie=jar.get)

    def flash(self, message: str, kind: str = "success") -> None:
        self.flashed.append((message, kind))


def sent_notice(ctx: FakeContext) -> str:
    [cookie] = [c for c in ctx.cookies if c.name == "notice"]
    return cookie.value


def test_a_notice_for_an_offers_page_travels_in_a_signed_cookie_and_is_read_once():
    writer = FakeContext()
    pending.flash_for(writer, "/offres/1234567", "L'offre « Vendeur » est ajoutée à votre classeur.")
    assert writer.flashed == []
    reader = FakeContext({"notice": sent_notice(writer)})
    assert pending.take_notices(reader) == [{"message": "L'offre « Vendeur » est ajoutée à votre classeur.",
                                             "kind": "success"}]
    [expired] = reader.cookies
    assert expired.name == "notice" and expired.max_age == 0


def test_a_notice_for_a_services_page_is_a_session_flash():
    ctx = FakeContext()
    pending.flash_for(ctx, "/mon-espace/classeur", "Fait.")
    assert ctx.flashed == [("Fait.", "success")] and ctx.cookies == []


def test_forged_or_other_key_notices_are_ignored():
    writer = FakeContext()
    pending.flash_for(writer, "/offres/recherche", "Vrai.")
    other_key = FakeContext({"notice": sent_notice(writer)})
    other_key.key = b"x" * 32
    assert pending.take_notices(other_key) == []
    assert pending.take_notices(FakeContext({"notice": "e30.forged"})) == []
